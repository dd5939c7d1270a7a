"""The queue under real networks and restarts: clean closes, drops, heartbeats, bad frames,
a restarted or crashed server, unanswered assignments. Deadlines move the server's clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.live_server import LiveServer, live_server
from tests.queue_helpers import CallCentre, call_centre
from tests.ws_clients import ScriptedClerk, ScriptedVisitor, until_queue
from videoclerk_protocol.messages import CLOSE_SERVICE_RESTART

GRACE = 30  # the default reconnect grace period


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[LiveServer]:
    with live_server(tmp_path / "queue") as running:
        yield running


def centre_on(server: LiveServer, **options: Any) -> CallCentre:
    with httpx.Client(base_url=server.url, timeout=30) as http:
        return call_centre(http, **options)


async def clerk_on(server: LiveServer, token: str, *, available: bool = True) -> ScriptedClerk:
    clerk = ScriptedClerk(server.ws_url, token)
    await clerk.connect()
    if available:
        await clerk.available()
    return clerk


async def visitor_on(
    server: LiveServer, centre: CallCentre, *, session_id: str | None = None
) -> ScriptedVisitor:
    visitor = ScriptedVisitor(server.ws_url, centre.widget_key, session_id=session_id)
    await visitor.connect()
    return visitor


def call_record(server: LiveServer, centre: CallCentre, call_id: str) -> dict[str, Any]:
    response = httpx.get(f"{server.url}/api/v1/calls/{call_id}", headers=centre.org.admin)
    response.raise_for_status()
    body: dict[str, Any] = response.json()
    return body


# ---- closing and dropping ------------------------------------------------------------------


async def test_a_visitor_who_closes_the_page_leaves_the_queue_at_once(server: LiveServer) -> None:
    centre = centre_on(server)
    clerk = await clerk_on(server, centre.clerk_tokens[0])
    visitor = await visitor_on(server, centre)
    queued = await visitor.join(centre.queue_ids[0])
    await until_queue(clerk, lambda q: len(q.waiting) == 1)
    await visitor.ws.close(1001)  # type: ignore[union-attr]  # the tab closes: "going away"
    await until_queue(clerk, lambda q: not q.waiting)
    record = call_record(server, centre, queued.call_id)
    assert (record["outcome"], record["end_reason"]) == ("abandoned", "left")
    await clerk.close()


async def test_an_abrupt_drop_keeps_the_place_but_take_next_skips_the_visitor(
    server: LiveServer,
) -> None:
    centre = centre_on(server)
    clerk = await clerk_on(server, centre.clerk_tokens[0])
    ghost = await visitor_on(server, centre)
    first = await ghost.join(centre.queue_ids[0])
    real = await visitor_on(server, centre)
    second = await real.join(centre.queue_ids[0])
    await ghost.drop()
    snapshot = await until_queue(clerk, lambda q: any(w.reconnecting for w in q.waiting))
    assert [(w.call_id, w.reconnecting) for w in snapshot.waiting] == [
        (first.call_id, True),
        (second.call_id, False),
    ]
    # Taking the reconnecting visitor by id is refused with a clear code...
    await clerk.send({"type": "take", "call_id": first.call_id})
    refusal = await clerk.expect("error")
    assert refusal.code == "visitor_reconnecting"
    # ...and "take next" goes to the visitor who is really there.
    await clerk.send({"type": "take"})
    assert (await clerk.expect("assigned")).call_id == second.call_id
    # The dropped visitor comes back within the grace period: same place, first in line.
    back = await visitor_on(server, centre, session_id=ghost.session_id)
    again = await back.expect("queued")
    assert (again.call_id, again.position) == (first.call_id, 1)
    await until_queue(clerk, lambda q: [w.reconnecting for w in q.waiting] == [False])
    for socket in (back, real, clerk):
        await socket.close()


async def test_binary_frames_get_an_error_and_both_sockets_carry_on(server: LiveServer) -> None:
    centre = centre_on(server)
    clerk = await clerk_on(server, centre.clerk_tokens[0])
    visitor = await visitor_on(server, centre)
    for socket in (visitor, clerk):
        assert socket.ws is not None
        await socket.ws.send(b"\x00")
        error = await socket.expect("error")
        assert error.code == "invalid_message"
        await socket.send({"type": "ping"})
        await socket.expect("pong")
    # The visitor is still served: it can join, and the clerk sees it.
    await visitor.join(centre.queue_ids[0])
    await until_queue(clerk, lambda q: len(q.waiting) == 1)
    await clerk.send({"type": "take"})
    assert (await visitor.expect("assigned")).type == "assigned"
    for socket in (visitor, clerk):
        await socket.close()


async def test_a_half_open_connection_is_found_by_the_heartbeat(tmp_path: Path) -> None:
    env = {"VIDEOCLERK_HEARTBEAT_SECONDS": "0.2", "VIDEOCLERK_HEARTBEAT_TIMEOUT_SECONDS": "0.5"}
    with live_server(tmp_path / "heartbeat", env=env) as server:
        centre = centre_on(server)
        clerk = await clerk_on(server, centre.clerk_tokens[0])
        visitor = await visitor_on(server, centre)
        await visitor.join(centre.queue_ids[0])
        await until_queue(clerk, lambda q: len(q.waiting) == 1)
        visitor.stop_reading()  # the connection is still open, but nobody answers pings
        await until_queue(clerk, lambda q: [w.reconnecting for w in q.waiting] == [True])
        await clerk.close()


# ---- restarts ------------------------------------------------------------------------------


async def test_a_waiting_visitor_keeps_its_place_across_a_restart(tmp_path: Path) -> None:
    with live_server(tmp_path / "data") as server:
        centre = centre_on(server)
        first = await visitor_on(server, centre)
        ahead = await first.join(centre.queue_ids[0])
        second = await visitor_on(server, centre)
        queued = await second.join(centre.queue_ids[0])
        server.stop()  # SIGTERM
        assert await second.close_code() == CLOSE_SERVICE_RESTART
    with live_server(tmp_path / "data") as restarted:
        back = await visitor_on(restarted, centre, session_id=second.session_id)
        assert back.welcome.resumed is True
        again = await back.expect("queued")
        assert (again.call_id, again.position) == (queued.call_id, 2)
        # The visitor who never came back is removed after the grace period.
        clerk = await clerk_on(restarted, centre.clerk_tokens[0], available=False)
        in_line = [ahead.call_id, queued.call_id]
        await until_queue(clerk, lambda q: [w.call_id for w in q.waiting] == in_line)
        restarted.advance_clock(GRACE + 1)
        assert (await back.expect("position")).position == 1
        assert call_record(restarted, centre, ahead.call_id)["outcome"] == "abandoned"
        await back.close()
        await clerk.close()


async def test_an_available_clerk_gets_its_presence_back_after_a_restart(tmp_path: Path) -> None:
    with live_server(tmp_path / "data") as server:
        centre = centre_on(server)
        clerk = await clerk_on(server, centre.clerk_tokens[0])
        server.stop()
        assert await clerk.close_code() == CLOSE_SERVICE_RESTART
    with live_server(tmp_path / "data") as restarted:
        back = ScriptedClerk(restarted.ws_url, centre.clerk_tokens[0])
        await back.connect()
        assert (await back.expect("presence")).state == "available"
        visitor = await visitor_on(restarted, centre)
        await visitor.join(centre.queue_ids[0])
        await back.send({"type": "take"})
        assert (await back.expect("assigned")).type == "assigned"
        await visitor.close()
        await back.close()


async def call_in_progress(server: LiveServer, centre: CallCentre) -> tuple[Any, Any, Any]:
    clerk = await clerk_on(server, centre.clerk_tokens[0])
    visitor = await visitor_on(server, centre)
    queued = await visitor.join(centre.queue_ids[0])
    await clerk.send({"type": "take"})
    await clerk.expect("assigned")
    await visitor.expect("assigned")
    await visitor.send({"type": "answer", "sdp": "v=0 answer"})
    await clerk.expect("answer")
    return clerk, visitor, queued


async def test_a_call_continues_when_both_return_after_a_restart(tmp_path: Path) -> None:
    with live_server(tmp_path / "data") as server:
        centre = centre_on(server)
        _, visitor, queued = await call_in_progress(server, centre)
        server.stop()
    with live_server(tmp_path / "data") as restarted:
        clerk_back = ScriptedClerk(restarted.ws_url, centre.clerk_tokens[0])
        await clerk_back.connect()
        assert (await clerk_back.expect("presence")).state == "in_call"
        assert (await clerk_back.expect("peer_lost")).call_id == queued.call_id
        visitor_back = await visitor_on(restarted, centre, session_id=visitor.session_id)
        assert visitor_back.welcome.resumed is True
        # The clerk learns the visitor is back and restarts ICE through the usual offer.
        assert (await clerk_back.expect("peer_back")).call_id == queued.call_id
        await clerk_back.send(
            {"type": "offer", "call_id": queued.call_id, "sdp": "v=0 again", "restart": True}
        )
        assert (await visitor_back.expect("offer")).restart is True
        await clerk_back.send({"type": "hangup", "call_id": queued.call_id})
        assert (await visitor_back.expect("ended")).reason == "hangup"
        record = call_record(restarted, centre, queued.call_id)
        assert record["ended_at"] is not None and record["outcome"] == "answered"
        for socket in (clerk_back, visitor_back):
            await socket.close()


async def test_a_call_whose_visitor_never_returns_ends_for_the_clerk_with_a_reason(
    tmp_path: Path,
) -> None:
    with live_server(tmp_path / "data") as server:
        centre = centre_on(server)
        _, _, queued = await call_in_progress(server, centre)
        # An open call may not be wrapped up: the record has no end yet.
        server.kill()  # a crash: nothing is closed cleanly
    with live_server(tmp_path / "data") as restarted:
        clerk_back = ScriptedClerk(restarted.ws_url, centre.clerk_tokens[0])
        await clerk_back.connect()
        await clerk_back.expect("peer_lost")
        await clerk_back.send({"type": "wrap_up", "call_id": queued.call_id})
        assert (await clerk_back.expect("error")).code == "in_call"
        restarted.advance_clock(GRACE + 1)
        ended = await clerk_back.expect("ended")
        assert (ended.call_id, ended.reason) == (queued.call_id, "peer_lost")
        assert (await clerk_back.expect("presence")).state == "wrap_up"
        record = call_record(restarted, centre, queued.call_id)
        assert record["ended_at"] is not None
        assert record["end_reason"] == "visitor_lost"
        await clerk_back.send({"type": "wrap_up", "call_id": queued.call_id})
        assert (await clerk_back.expect("presence")).state == "available"
        await clerk_back.close()


async def test_after_a_restart_nobody_returning_leaves_no_record_open(tmp_path: Path) -> None:
    with live_server(tmp_path / "data") as server:
        centre = centre_on(server)
        _, _, in_call = await call_in_progress(server, centre)
        waiting = await visitor_on(server, centre)
        queued = await waiting.join(centre.queue_ids[0])
        server.kill()
    with live_server(tmp_path / "data") as restarted:
        restarted.advance_clock(GRACE + 1)
        records = [call_record(restarted, centre, c.call_id) for c in (in_call, queued)]
        assert all(r["ended_at"] is not None for r in records), records
        assert records[1]["outcome"] == "abandoned"


# ---- answers -------------------------------------------------------------------------------


async def test_an_unanswered_assignment_ends_and_the_clerk_goes_on(own_server: LiveServer) -> None:
    centre = centre_on(own_server)
    clerk = await clerk_on(own_server, centre.clerk_tokens[0])
    visitor = await visitor_on(own_server, centre)
    queued = await visitor.join(centre.queue_ids[0])
    await clerk.send({"type": "take"})
    await clerk.expect("assigned")
    await visitor.expect("assigned")  # ...but its browser never answers the clerk's offer
    own_server.advance_clock(121)  # past the answer timeout the tests run with
    ended = await clerk.expect("ended")
    assert (ended.call_id, ended.reason) == (queued.call_id, "unanswered")
    # Nobody talked: no wrap-up, the clerk is available for the next visitor at once.
    assert (await clerk.expect("presence")).state == "available"
    told = await visitor.expect("ended")
    assert (told.reason, told.can_rejoin) == ("unanswered", True)
    record = call_record(own_server, centre, queued.call_id)
    assert (record["outcome"], record["end_reason"]) == ("failed", "visitor_unanswered")
    for socket in (visitor, clerk):
        await socket.close()


async def test_an_answered_call_outlives_the_answer_timeout(own_server: LiveServer) -> None:
    centre = centre_on(own_server)
    clerk, visitor, queued = await call_in_progress(own_server, centre)
    own_server.advance_clock(121)
    await clerk.send({"type": "ping"})
    await clerk.expect("pong")
    await visitor.send({"type": "hangup"})
    ended = await clerk.expect("ended")
    assert (ended.call_id, ended.reason) == (queued.call_id, "peer_left")
    for socket in (visitor, clerk):
        await socket.close()

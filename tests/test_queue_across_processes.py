"""One organisation's queue across server processes (server/queue/homes.py, docs/scale-out.md).

Three server processes share one data folder and the machine's NATS. The first party of an
organisation makes its process the queue's home; parties on the other processes reach the
queue through the bus, and the home reaches them the same way.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import av
import httpx
import pytest

from clerk_app.media import LocalTracks, TestPatternVideoTrack, ToneAudioTrack
from clerk_app.queue.connection import ClerkConnection
from clerk_app.queue.desk import ClerkDesk
from clerk_app.server_address import ServerAddress
from server.queue.homes import LEASE_SECONDS
from tests.browser_call import chromium, loopback_only_stun, visitor_calls, wait_until
from tests.live_server import LiveServer, bus_env, server_group
from tests.media_fixtures import eventually, loopback_ice_fixture
from tests.offers_helpers import InCall, new_offer, product, saved
from tests.queue_helpers import CallCentre, call_centre
from tests.retention_helpers import close
from tests.ws_clients import ScriptedClerk, ScriptedVisitor, until_queue
from videoclerk_protocol import messages as p

__all__ = ["loopback_ice_fixture"]

HOME_TAKEN = "this process is now the home of an organisation's queue"


@pytest.fixture(scope="module")
def processes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[LiveServer]]:
    with server_group(tmp_path_factory.mktemp("three"), 3, env=bus_env()) as group:
        yield group


@pytest.fixture
def centre(processes: list[LiveServer]) -> CallCentre:
    with httpx.Client(base_url=processes[0].url) as client:
        return call_centre(client, clerks=3)


async def _home_on_first(processes: list[LiveServer], centre: CallCentre) -> ScriptedClerk:
    """A clerk on the first process: the first party of the organisation makes it the home."""
    homes = [server.log().count(HOME_TAKEN) for server in processes]
    clerk = ScriptedClerk(processes[0].ws_url, centre.clerk_tokens[0])
    await clerk.connect()
    await clerk.expect("queue")
    assert [server.log().count(HOME_TAKEN) for server in processes] == [
        homes[0] + 1,
        *homes[1:],
    ]
    return clerk


async def test_a_visitor_on_one_process_and_a_clerk_on_another_talk_through_the_home(
    processes: list[LiveServer], centre: CallCentre
) -> None:
    """The queue runs on process 1; the visitors' sockets are on process 2, a clerk's and a
    supervisor's on process 3. Positions, snapshots and the call's signalling all arrive."""
    home_clerk = await _home_on_first(processes, centre)
    supervisor = ScriptedClerk(processes[2].ws_url, centre.supervisor_token)
    await supervisor.connect()
    await until_queue(supervisor, lambda snapshot: snapshot.waiting == [])
    visitors = [ScriptedVisitor(processes[1].ws_url, centre.widget_key) for _ in range(2)]
    for visitor in visitors:
        assert (await visitor.connect()).type == "welcome"
    positions = [(await visitor.join(centre.queue_ids[0])).position for visitor in visitors]
    assert positions == [1, 2]
    await until_queue(supervisor, lambda snapshot: len(snapshot.waiting) == 2)

    clerk = ScriptedClerk(processes[2].ws_url, centre.clerk_tokens[1])
    await clerk.connect()
    await clerk.available()
    await clerk.send({"type": "take"})
    assigned = await clerk.expect("assigned")
    assert (await visitors[0].expect("assigned")).call_id == assigned.call_id
    # (Told again first, at 2, when the clerk came free.)
    while (await visitors[1].expect("position")).position != 1:
        pass
    while not any(c.state == "in_call" for c in (await supervisor.expect("supervisor")).clerks):
        pass

    await clerk.send({"type": "offer", "call_id": assigned.call_id, "sdp": "v=0 offer"})
    assert (await visitors[0].expect("offer")).sdp == "v=0 offer"
    await visitors[0].send({"type": "answer", "sdp": "v=0 answer"})
    assert (await clerk.expect("answer")).sdp == "v=0 answer"
    candidate = {"candidate": "candidate:1 1 udp 1 192.0.2.1 9 typ host", "sdpMid": "0"}
    await visitors[0].send({"type": "candidate", "candidate": candidate})
    assert (await clerk.expect("candidate")).candidate.candidate == candidate["candidate"]
    await clerk.send({"type": "candidate", "call_id": assigned.call_id, "candidate": candidate})
    assert (await visitors[0].expect("candidate")).candidate.candidate == candidate["candidate"]

    await visitors[0].send({"type": "hangup"})
    assert (await clerk.expect("ended")).call_id == assigned.call_id
    for socket in (*visitors, clerk, supervisor, home_clerk):
        await socket.close()


async def test_a_chromium_visitor_on_one_process_and_a_clerk_on_another_see_each_other(
    processes: list[LiveServer],
    centre: CallCentre,
    loopback_ice: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """P2: real WebRTC media both ways, with the signalling relayed through a third process."""
    home_clerk = await _home_on_first(processes, centre)
    loopback_only_stun(monkeypatch)
    desk = ClerkDesk(
        ClerkConnection(ServerAddress.parse(processes[2].url), centre.clerk_tokens[1]),
        open_tracks=lambda _: LocalTracks(audio=ToneAudioTrack(), video=TestPatternVideoTrack()),
    )
    await desk.start()
    await desk.set_presence("available")
    try:
        async with chromium() as browser:
            page = await browser.new_page()
            await visitor_calls(page, f"{processes[1].url}/w/{centre.widget_key}", queue="Sales")
            await eventually(lambda: bool(desk.state.waiting), "the visitor in the clerk's queue")
            call = await desk.take()
            frames: list[av.VideoFrame] = []
            call.add_video_listener(frames.append)
            await wait_until(page, "document.body.dataset.state === 'in_call'")
            await eventually(
                lambda: len(frames) > 10, "the visitor's video at the clerk", within=30
            )
            await wait_until(page, "window.videoclerkStats.framesDecoded > 10")
            await desk.hang_up()
            await wait_until(page, "document.body.dataset.state === 'ended'")
    finally:
        await desk.close()
        await home_clerk.close()


async def test_two_clerks_on_two_processes_race_for_one_visitor_and_exactly_one_wins(
    processes: list[LiveServer], centre: CallCentre
) -> None:
    home_clerk = await _home_on_first(processes, centre)
    visitor = ScriptedVisitor(processes[1].ws_url, centre.widget_key)
    await visitor.connect()
    queued = await visitor.join(centre.queue_ids[0])
    clerks = [
        ScriptedClerk(server.ws_url, token)
        for server, token in zip(processes[1:], centre.clerk_tokens[1:], strict=True)
    ]
    for clerk in clerks:
        await clerk.connect()
        await clerk.available()
    await asyncio.gather(
        *(clerk.send({"type": "take", "call_id": queued.call_id}) for clerk in clerks)
    )
    answers = [await clerk.expect("assigned", "error") for clerk in clerks]
    assert sorted(answer.type for answer in answers) == ["assigned", "error"]
    assert next(a for a in answers if a.type == "error").code == "already_taken"
    assert (await visitor.expect("assigned")).call_id == queued.call_id
    for socket in (visitor, *clerks, home_clerk):
        await socket.close()


async def test_a_refusal_reaches_a_party_on_another_process(
    processes: list[LiveServer], centre: CallCentre
) -> None:
    """The home's refusals travel back as `error` messages, and a bad message is answered
    by the front itself."""
    home_clerk = await _home_on_first(processes, centre)
    visitor = ScriptedVisitor(processes[1].ws_url, centre.widget_key)
    await visitor.connect()
    refused = await visitor.join("que_nope")
    assert (refused.type, refused.code) == ("error", "unknown_queue")
    await visitor.send("not json")
    assert (await visitor.expect("error")).code == "invalid_message"
    await visitor.close()
    await home_clerk.close()


async def test_an_offer_saved_through_a_process_that_is_not_the_home_reaches_both_sides(
    processes: list[LiveServer], centre: CallCentre
) -> None:
    """P6: the visitor sees the offer the clerk saved over HTTP on a third process, and the
    clerk sees the visitor's acceptance, although neither socket is at the home."""
    home_clerk = await _home_on_first(processes, centre)
    visitor = ScriptedVisitor(processes[1].ws_url, centre.widget_key)
    await visitor.connect()
    await visitor.join(centre.queue_ids[0])
    clerk = ScriptedClerk(processes[2].ws_url, centre.clerk_tokens[1])
    await clerk.connect()
    await clerk.available()
    await clerk.send({"type": "take"})
    assigned = await clerk.expect("assigned")
    await visitor.expect("assigned")
    call = InCall(centre, visitor, clerk, assigned.call_id, clerk_index=1)
    with httpx.Client(base_url=processes[2].url) as client:
        lamp = product(client, call, price_minor=5000)
        offer = new_offer(client, call)
        saved(client, call, offer["offer_id"], 0, [{"product_id": lamp, "quantity": 2}])
    assert (await visitor.expect("offer_view")).offer.revision == 1
    reply = {"type": "offer_reply", "offer_id": offer["offer_id"], "revision": 1}
    await visitor.send({**reply, "answer": "accept"})
    assert (await clerk.expect("offer_view")).offer.status == "accepted"
    await call.close()
    await home_clerk.close()


async def test_closing_the_account_through_a_process_that_is_not_the_home_lets_its_visitors_go(
    processes: list[LiveServer], centre: CallCentre
) -> None:
    """P12: the admin closes the account over HTTP on a third process; the home lets the
    waiting visitor, whose socket is on a second process, go with `organisation_closed`."""
    home_clerk = await _home_on_first(processes, centre)
    visitor = ScriptedVisitor(processes[1].ws_url, centre.widget_key)
    await visitor.connect()
    await visitor.join(centre.queue_ids[0])
    with httpx.Client(base_url=processes[2].url) as client:
        assert close(client, centre.org).status_code == 200
    assert (await visitor.expect("error")).code == "organisation_closed"
    assert await visitor.close_code() == p.CLOSE_GONE
    await visitor.close()
    await home_clerk.close()


async def test_when_the_home_dies_another_process_takes_over_and_the_visitors_keep_their_place(
    tmp_path: Path,
) -> None:
    """The home dies with one visitor's socket on it and another's on a second process. A
    clerk's messages sent meanwhile wait at their front until the home's lease has run out;
    then a process takes the lease, the parties are announced to it again, the visitor from
    the dead process comes back through a third one within the grace period, and both keep
    their places: the clerk takes the first."""
    with server_group(tmp_path, 3, env=bus_env()) as processes:
        with httpx.Client(base_url=processes[0].url) as client:
            centre = call_centre(client, clerks=2)
        dying, second, third = processes
        first_visitor = ScriptedVisitor(dying.ws_url, centre.widget_key)
        await first_visitor.connect()
        assert (await first_visitor.join(centre.queue_ids[0])).position == 1
        assert HOME_TAKEN in dying.log()
        second_visitor = ScriptedVisitor(second.ws_url, centre.widget_key)
        await second_visitor.connect()
        assert (await second_visitor.join(centre.queue_ids[0])).position == 2

        dying.kill()
        clerk = ScriptedClerk(third.ws_url, centre.clerk_tokens[0])
        assert (await clerk.connect()).type == "welcome"  # the front greets it
        await clerk.send({"type": "presence", "state": "available"})
        for survivor in (second, third):
            survivor.advance_clock(LEASE_SECONDS + 1)
        while (await clerk.expect("presence")).state != "available":
            pass
        assert HOME_TAKEN in second.log() + third.log()
        assert (await second_visitor.expect("queued")).position == 2

        back = ScriptedVisitor(third.ws_url, centre.widget_key, session_id=first_visitor.session_id)
        assert (await back.connect()).resumed is True
        assert (await back.expect("queued")).position == 1
        await clerk.send({"type": "take"})
        assigned = await clerk.expect("assigned")
        assert (await back.expect("assigned")).call_id == assigned.call_id
        while (await second_visitor.expect("position")).position != 1:  # 2 when a clerk came free
            pass
        for socket in (first_visitor, back, second_visitor, clerk):
            await socket.close()

"""The call queue over real WebSockets: dispatch, positions, faults and bad input."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.live_server import LiveServer, live_server
from tests.queue_helpers import NEVER_OPEN, CallCentre, call_centre
from tests.ws_clients import ScriptedClerk, ScriptedVisitor, until_queue

GRACE = 30  # the default reconnect grace period; tests move the server's clock past it


def ws_url(server: LiveServer) -> str:
    return server.url.replace("http://", "ws://")


@pytest.fixture
def centre(client: httpx.Client) -> CallCentre:
    return call_centre(client, clerks=2)


async def test_two_clerks_racing_for_one_visitor_exactly_one_wins(
    server: LiveServer, centre: CallCentre
) -> None:
    visitor = ScriptedVisitor(ws_url(server), centre.widget_key)
    await visitor.connect()
    queued = await visitor.join(centre.queue_ids[0])
    clerks = [ScriptedClerk(ws_url(server), token) for token in centre.clerk_tokens]
    for clerk in clerks:
        await clerk.connect()
        await clerk.available()
    await asyncio.gather(
        *(clerk.send({"type": "take", "call_id": queued.call_id}) for clerk in clerks)
    )
    answers = [await clerk.expect("assigned", "error") for clerk in clerks]
    kinds = sorted(a.type for a in answers)
    assert kinds == ["assigned", "error"]
    loser = next(a for a in answers if a.type == "error")
    assert loser.code == "already_taken"
    assert (await visitor.expect("assigned")).call_id == queued.call_id
    for socket in (visitor, *clerks):
        await socket.close()


async def test_positions_update_live_for_three_waiting_visitors(
    server: LiveServer, centre: CallCentre
) -> None:
    visitors = [ScriptedVisitor(ws_url(server), centre.widget_key) for _ in range(3)]
    positions = []
    for visitor in visitors:
        await visitor.connect()
        positions.append((await visitor.join(centre.queue_ids[0])).position)
    assert positions == [1, 2, 3]
    clerk = ScriptedClerk(ws_url(server), centre.clerk_tokens[0])
    await clerk.connect()
    await clerk.available()
    # A clerk came free: each visitor hears again where they stand; the first, any moment now.
    retold = [await visitor.expect("position") for visitor in visitors]
    assert [p.position for p in retold] == [1, 2, 3]
    assert [p.estimated_wait_seconds > 0 for p in retold] == [False, True, True]
    await clerk.send({"type": "take"})
    assigned = await clerk.expect("assigned")
    assert (await visitors[0].expect("assigned")).call_id == assigned.call_id
    assert (await visitors[1].expect("position")).position == 1
    assert (await visitors[2].expect("position")).position == 2
    # The visitor in front leaves: the last one moves up again.
    await visitors[1].send({"type": "leave"})
    assert (await visitors[2].expect("position")).position == 1
    for socket in (*visitors, clerk):
        await socket.close()


async def test_abandon_removes_the_visitor_and_closes_the_record(
    server: LiveServer, centre: CallCentre, client: httpx.Client
) -> None:
    supervisor = ScriptedClerk(ws_url(server), centre.supervisor_token)
    await supervisor.connect()
    visitor = ScriptedVisitor(ws_url(server), centre.widget_key)
    await visitor.connect()
    queued = await visitor.join(centre.queue_ids[0])
    while not (await supervisor.expect("queue")).waiting:
        pass
    await visitor.send({"type": "leave"})
    while (await supervisor.expect("queue")).waiting:
        pass
    record = client.get(f"/api/v1/calls/{queued.call_id}", headers=centre.org.admin).json()
    assert record["outcome"] == "abandoned"
    assert record["ended_at"] is not None
    stats = await supervisor.expect("supervisor")
    assert sum(q.abandoned for q in stats.queues) >= 1
    await supervisor.close()
    await visitor.close()


@pytest.fixture
def quick_server(tmp_path: Path) -> Iterator[LiveServer]:
    env = {
        "VIDEOCLERK_VISITOR_CONNECTIONS_PER_MINUTE": "8",
        "VIDEOCLERK_VISITOR_JOINS_PER_MINUTE": "5",
    }
    with live_server(tmp_path / "quick", env=env) as running:
        yield running


async def test_reconnect_within_grace_keeps_the_place_and_after_it_the_place_is_gone(
    quick_server: LiveServer,
) -> None:
    with httpx.Client(base_url=quick_server.url) as http:
        centre = call_centre(http)
    url = ws_url(quick_server)
    clerk = ScriptedClerk(url, centre.clerk_tokens[0])
    await clerk.connect()
    first = ScriptedVisitor(url, centre.widget_key)
    await first.connect()
    await first.join(centre.queue_ids[0])
    second = ScriptedVisitor(url, centre.widget_key)
    await second.connect()
    queued = await second.join(centre.queue_ids[0])
    assert queued.position == 2
    await second.drop()
    back = ScriptedVisitor(url, centre.widget_key, session_id=second.session_id)
    welcome = await back.connect()
    assert welcome.resumed is True
    again = await back.expect("queued")
    assert (again.call_id, again.position) == (queued.call_id, 2)
    await back.drop()
    await until_queue(clerk, lambda q: [w.reconnecting for w in q.waiting] == [False, True])
    quick_server.advance_clock(GRACE + 1)
    await until_queue(clerk, lambda q: len(q.waiting) == 1)
    late = ScriptedVisitor(url, centre.widget_key, session_id=second.session_id)
    assert (await late.connect()).resumed is False
    await first.send({"type": "leave"})
    await late.close()
    await first.close()
    await clerk.close()


async def test_rate_limit_refuses_too_many_connections_from_one_ip(
    quick_server: LiveServer,
) -> None:
    with httpx.Client(base_url=quick_server.url) as http:
        centre = call_centre(http)
    sockets = []
    refused = None
    for _ in range(12):
        visitor = ScriptedVisitor(ws_url(quick_server), centre.widget_key)
        sockets.append(visitor)
        answer = await visitor.connect()
        if answer.type == "error":
            refused = answer
            break
    assert refused is not None and refused.code == "rate_limited"
    assert len(sockets) == 9  # the limit is 8 a minute
    for visitor in sockets:
        await visitor.close()


async def test_foreign_origin_is_refused_and_allowed_origin_admitted(
    server: LiveServer, centre: CallCentre
) -> None:
    evil = ScriptedVisitor(ws_url(server), centre.widget_key)
    refused = await evil.connect(origin="https://evil.example")
    assert (refused.type, refused.code) == ("error", "origin_refused")
    good = ScriptedVisitor(ws_url(server), centre.widget_key)
    assert (await good.connect(origin="https://shop.example")).type == "welcome"
    own = ScriptedVisitor(ws_url(server), centre.widget_key)
    assert (await own.connect(origin=server.url)).type == "welcome"
    for socket in (evil, good, own):
        await socket.close()


async def test_outside_business_hours_nobody_may_wait(
    server: LiveServer, client: httpx.Client
) -> None:
    """P1: the refused visitor leaves a call record with an outcome and nothing about them."""
    closed = call_centre(client, hours=NEVER_OPEN)
    visitor = ScriptedVisitor(ws_url(server), closed.widget_key)
    await visitor.connect()
    answer = await visitor.join(closed.queue_ids[0])
    assert (answer.type, answer.code) == ("error", "queue_closed")
    calls = client.get("/api/v1/calls", headers=closed.org.admin).json()["items"]
    assert [c["outcome"] for c in calls] == ["rejected"]
    await visitor.close()


async def test_full_queue_refuses_with_a_clear_error(
    server: LiveServer, client: httpx.Client
) -> None:
    small = call_centre(client, max_length=1)
    first = ScriptedVisitor(ws_url(server), small.widget_key)
    await first.connect()
    await first.join(small.queue_ids[0])
    second = ScriptedVisitor(ws_url(server), small.widget_key)
    await second.connect()
    answer = await second.join(small.queue_ids[0])
    assert (answer.type, answer.code) == ("error", "queue_full")
    await first.close()
    await second.close()


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("not json", "invalid_message"),
        ("[1, 2]", "unknown_type"),
        ('{"type": "teleport"}', "unknown_type"),
        ('{"type": "join"}', "invalid_message"),
        ('{"type": "join", "queue_id": 5, "consent": {"recording": "maybe"}}', "invalid_message"),
        ('{"type": "offer", "sdp": "v=0"}', "not_in_call"),
        (
            '{"type": "hello", "protocol": 1, "widget_key": "x", "session_id": "abcdefghijklmnop"}',
            "invalid_message",
        ),
    ],
)
async def test_malformed_visitor_messages_get_an_error_and_the_socket_lives_on(
    server: LiveServer, centre: CallCentre, raw: str, code: str
) -> None:
    visitor = ScriptedVisitor(ws_url(server), centre.widget_key)
    await visitor.connect()
    await visitor.send(raw)
    error = await visitor.expect("error")
    assert error.code == code
    assert (await visitor.join(centre.queue_ids[0])).type == "queued"
    await visitor.send({"type": "leave"})
    await visitor.close()
    assert httpx.get(f"{server.url}/health").json()["status"] == "ok"


async def test_malformed_clerk_messages_and_bad_tokens(
    server: LiveServer, centre: CallCentre
) -> None:
    clerk = ScriptedClerk(ws_url(server), centre.clerk_tokens[0])
    await clerk.connect()
    for raw, code in (
        ("{", "invalid_message"),
        ('{"type": "presence", "state": "dancing"}', "invalid_message"),
        ('{"type": "offer", "call_id": "call_x", "sdp": "v=0"}', "not_in_call"),
        ('{"type": "take"}', "not_available"),
    ):
        await clerk.send(raw)
        assert (await clerk.expect("error")).code == code
    await clerk.available()
    await clerk.close()
    stranger = ScriptedClerk(ws_url(server), "vcs_not-a-real-token")
    refused = await stranger.connect()
    assert (refused.type, refused.code) == ("error", "session_expired")
    await stranger.close()


async def test_hang_up_from_either_side_ends_the_call_for_both(
    server: LiveServer, centre: CallCentre, client: httpx.Client
) -> None:
    clerk = ScriptedClerk(ws_url(server), centre.clerk_tokens[0])
    await clerk.connect()
    for hanging_up in ("clerk", "visitor"):
        await clerk.available()
        visitor = ScriptedVisitor(ws_url(server), centre.widget_key)
        await visitor.connect()
        queued = await visitor.join(centre.queue_ids[0], recording=True)
        await clerk.send({"type": "take"})
        assigned = await clerk.expect("assigned")
        assert assigned.consent.recording is True
        await visitor.expect("assigned")
        # Signalling is relayed between exactly these two.
        await clerk.send({"type": "offer", "call_id": assigned.call_id, "sdp": "v=0 offer"})
        assert (await visitor.expect("offer")).sdp == "v=0 offer"
        await visitor.send({"type": "answer", "sdp": "v=0 answer"})
        assert (await clerk.expect("answer")).sdp == "v=0 answer"
        if hanging_up == "clerk":
            await clerk.send({"type": "hangup", "call_id": assigned.call_id})
        else:
            await visitor.send({"type": "hangup"})
        assert (await clerk.expect("ended")).call_id == queued.call_id
        assert (await visitor.expect("ended")).reference == queued.reference
        record = client.get(f"/api/v1/calls/{queued.call_id}", headers=centre.org.admin).json()
        assert record["outcome"] == "answered" and record["ended_at"] is not None
        assert record["end_reason"].startswith(hanging_up)
        await clerk.send({"type": "wrap_up", "call_id": queued.call_id, "note": "offer sent"})
        await visitor.close()
    await clerk.close()


async def test_consent_change_reaches_the_clerk_and_is_recorded(
    server: LiveServer, centre: CallCentre, client: httpx.Client
) -> None:
    """P3: every consent choice is kept with its time and text version. P4: the organisation
    finds a call by the reference the visitor quotes."""
    clerk = ScriptedClerk(ws_url(server), centre.clerk_tokens[0])
    await clerk.connect()
    await clerk.available()
    visitor = ScriptedVisitor(ws_url(server), centre.widget_key)
    await visitor.connect()
    queued = await visitor.join(centre.queue_ids[0], recording=False, transcription=True)
    await clerk.send({"type": "take"})
    first = await clerk.expect("consent")
    assert (first.consent.recording, first.consent.transcription) == (False, True)
    await visitor.send({"type": "consent", "consent": {"recording": True, "transcription": False}})
    changed = await clerk.expect("consent")
    assert (changed.consent.recording, changed.consent.transcription) == (True, False)
    assert changed.at >= first.at
    detail = client.get(f"/api/v1/calls/{queued.call_id}", headers=centre.org.admin).json()
    assert [(e["recording"], e["transcription"]) for e in detail["consent_events"]] == [
        (False, True),
        (True, False),
    ]
    by_reference = client.get(
        f"/api/v1/calls/by-reference/{queued.reference}", headers=centre.org.admin
    ).json()
    assert by_reference["id"] == queued.call_id
    await visitor.close()
    await clerk.close()


async def test_clerk_vanishing_mid_call_lets_the_visitor_rejoin_at_the_front(
    quick_server: LiveServer,
) -> None:
    with httpx.Client(base_url=quick_server.url) as http:
        centre = call_centre(http)
    url = ws_url(quick_server)
    clerk = ScriptedClerk(url, centre.clerk_tokens[0])
    await clerk.connect()
    await clerk.available()
    visitor = ScriptedVisitor(url, centre.widget_key)
    await visitor.connect()
    queued = await visitor.join(centre.queue_ids[0])
    waiting = ScriptedVisitor(url, centre.widget_key)
    await waiting.connect()
    await waiting.join(centre.queue_ids[0])
    await clerk.send({"type": "take", "call_id": queued.call_id})
    await visitor.expect("assigned")
    await clerk.drop()  # the clerk's app crashes
    assert (await visitor.expect("peer_lost")).call_id == queued.call_id
    quick_server.advance_clock(GRACE + 1)
    ended = await visitor.expect("ended")
    assert (ended.reason, ended.can_rejoin) == ("peer_lost", True)
    again = await visitor.join(centre.queue_ids[0], rejoin_call_id=queued.call_id)
    assert again.position == 1
    for socket in (visitor, waiting):
        await socket.send({"type": "leave"})
        await socket.close()


async def test_visitor_ip_and_user_agent_never_reach_database_or_log(
    server: LiveServer, centre: CallCentre
) -> None:
    """P1: the visitor's IP and user agent are used in memory only."""
    visitor_ip = "127.0.0.77"
    agent = "VisitorBrowser/9.9 fingerprint-f00d"
    clerk = ScriptedClerk(ws_url(server), centre.clerk_tokens[0])
    await clerk.connect()
    await clerk.available()
    visitor = ScriptedVisitor(ws_url(server), centre.widget_key)
    await visitor.connect(local_addr=(visitor_ip, 0), additional_headers={"User-Agent": agent})
    queued = await visitor.join(centre.queue_ids[0], recording=True)
    await clerk.send({"type": "take"})
    await visitor.expect("assigned")
    await visitor.send({"type": "hangup"})
    await clerk.expect("ended")
    await visitor.close()
    await clerk.close()
    stored = server.stored_bytes() + b"".join(
        path.read_bytes() for path in server.data_dir.iterdir() if path.name.endswith(".log")
    )
    assert queued.reference.encode() in stored  # the call itself was written
    assert visitor_ip.encode() not in stored
    assert agent.encode() not in stored

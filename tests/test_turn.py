"""TURN (docs/turn.md): Debian's coturn on loopback hands out relay addresses under the
short-lived credentials the real server makes for each call; a clerk forced to relay
candidates only calls a visitor in real Chromium through it, and with a wrong TURN secret
the clerk reports that no relay is to be had instead of using an address of its own."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import av
import httpx
import pytest

from clerk_app.call.session import MAX_RESTARTS
from clerk_app.media import (
    CallConnectionState,
    CallPeer,
    LocalTracks,
    MediaSourceChoice,
    TestPatternVideoTrack,
    ToneAudioTrack,
)
from clerk_app.media.peer import candidate_types
from clerk_app.queue.connection import ClerkConnection
from clerk_app.queue.desk import ClerkDesk
from clerk_app.server_address import ServerAddress
from tests.browser_call import chromium, loopback_only_stun, stats, visitor_calls, wait_until
from tests.coturn import Coturn, coturn
from tests.live_server import LiveServer, live_server
from tests.media_fixtures import eventually, loopback_ice_fixture
from tests.queue_helpers import CallCentre, call_centre
from tests.ws_clients import ScriptedClerk, ScriptedVisitor

__all__ = ["loopback_ice_fixture"]

SECRET = "turn-test-secret"
ANSWER_TIMEOUT = 120  # tests/live_server.py's VIDEOCLERK_ANSWER_TIMEOUT_SECONDS


@pytest.fixture(scope="module")
def turn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Coturn]:
    with coturn(tmp_path_factory.mktemp("coturn"), secret=SECRET) as running:
        yield running


@contextmanager
def server_with_turn(
    folder: Path, turn: Coturn, *, secret: str = SECRET, visitor_policy: str = "all"
) -> Iterator[tuple[LiveServer, CallCentre]]:
    """The real server with coturn's URL and secret, its clerks relay-only."""
    env = {
        "VIDEOCLERK_TURN_URLS": json.dumps([turn.url]),
        "VIDEOCLERK_TURN_SECRET": secret,
        "VIDEOCLERK_CLERK_ICE_TRANSPORT_POLICY": "relay",
        "VIDEOCLERK_VISITOR_ICE_TRANSPORT_POLICY": visitor_policy,
    }
    with live_server(folder, env=env) as server, httpx.Client(base_url=server.url) as http:
        yield server, call_centre(http)


def clerk_sources(_: MediaSourceChoice) -> LocalTracks:
    return LocalTracks(audio=ToneAudioTrack(), video=TestPatternVideoTrack(320, 240))


@asynccontextmanager
async def available_desk(server: LiveServer, token: str) -> AsyncIterator[ClerkDesk]:
    """The clerk app's call engine, logged in and available."""
    desk = ClerkDesk(
        ClerkConnection(ServerAddress.parse(server.url), token), open_tracks=clerk_sources
    )
    await desk.start()
    try:
        await desk.set_presence("available")
        yield desk
    finally:
        await desk.close()


def local_sdp(peer: CallPeer) -> str:
    description = peer._pc.localDescription
    assert description is not None
    return str(description.sdp)


def nominated_local_types(peer: CallPeer) -> set[str]:
    """The types of the local candidates the media flows from. aiortc's getStats() names no
    candidate pair, so this reads aioice's nominated pairs."""
    return {
        pair.local_candidate.type
        for transceiver in peer._pc.getTransceivers()
        for pair in transceiver.sender.transport.transport._connection._nominated.values()
    }


@pytest.mark.parametrize("visitor_policy", ["all", "relay"])
async def test_a_relay_only_clerk_and_a_browser_visitor_talk_through_coturn(
    tmp_path: Path,
    turn: Coturn,
    loopback_ice: None,
    monkeypatch: pytest.MonkeyPatch,
    visitor_policy: str,
) -> None:
    loopback_only_stun(monkeypatch)
    with server_with_turn(tmp_path / "server", turn, visitor_policy=visitor_policy) as (
        server,
        centre,
    ):
        async with available_desk(server, centre.clerk_tokens[0]) as desk, chromium() as browser:
            page = await browser.new_page()
            panel = f"{server.url}/w/{centre.widget_key}"
            await visitor_calls(page, panel, queue="Sales", recording="No")
            await eventually(lambda: bool(desk.state.waiting), "the visitor in the clerk's queue")
            call = await desk.take()
            frames: list[av.VideoFrame] = []
            call.add_video_listener(frames.append)
            # Media both ways: the clerk decodes the browser's camera, the browser the clerk's.
            await eventually(lambda: len(frames) > 10, "the visitor's video at the clerk", 30)
            await wait_until(page, "window.videoclerkStats.framesDecoded > 10")
            peer = call.peer
            assert peer is not None and peer.state is CallConnectionState.CONNECTED
            # The clerk offered only the relay's address, not even its own as the related one.
            offer = local_sdp(peer)
            assert set(candidate_types(offer)) == {"relay"}
            assert "raddr 0.0.0.0" in offer
            assert nominated_local_types(peer) == {"relay"}
            if visitor_policy == "relay":
                await wait_until(page, "window.videoclerkStats.localCandidateType === 'relay'")
            # coturn allocated relays under this very call's credentials.
            await eventually(lambda: turn.allocations(call.call_id) >= 1, "coturn's allocation")
            await desk.hang_up()
            await wait_until(page, "document.body.dataset.state === 'ended'")


async def test_with_a_wrong_turn_secret_the_relay_only_clerk_reports_no_relay(
    tmp_path: Path, turn: Coturn, loopback_ice: None
) -> None:
    with server_with_turn(tmp_path / "server", turn, secret="not-the-secret") as (server, centre):
        async with available_desk(server, centre.clerk_tokens[0]) as desk, chromium() as browser:
            page = await browser.new_page()
            await visitor_calls(
                page, f"{server.url}/w/{centre.widget_key}", queue="Sales", recording="No"
            )
            await eventually(lambda: bool(desk.state.waiting), "the visitor in the clerk's queue")
            call = await desk.take()
            await eventually(
                lambda: (
                    call.restarts == MAX_RESTARTS
                    and call.peer is not None
                    and call.state is CallConnectionState.NO_RELAY
                ),
                "the clerk's last try ended without a relay",
                within=60,
            )
            # coturn refused the credentials and allocated nothing, and the clerk did not fall
            # back on an address of its own: it sent no offer, so the browser made no connection.
            await eventually(lambda: turn.refusals(call.call_id) >= 1, "coturn's refusal")
            assert turn.allocations(call.call_id) == 0
            # Its description, if it got as far as making one, names no candidate either.
            described = call.peer._pc.localDescription
            assert described is None or candidate_types(described.sdp) == []
            assert "localCandidateType" not in await stats(page)
            # The server gives up on the call that never connected; the visitor may wait again.
            server.advance_clock(ANSWER_TIMEOUT + 1)
            await wait_until(page, "document.body.dataset.state === 'ended'")
            await eventually(lambda: desk.state.call is None, "the clerk free again")
            assert "could not be connected" in await page.locator("#ended-reason").inner_text()


async def test_each_end_gets_its_own_policy_and_a_returning_visitor_gets_them_again(
    tmp_path: Path, turn: Coturn
) -> None:
    with server_with_turn(tmp_path / "server", turn, visitor_policy="all") as (server, centre):
        clerk = ScriptedClerk(server.ws_url, centre.clerk_tokens[0])
        await clerk.connect()
        await clerk.available()
        visitor = ScriptedVisitor(server.ws_url, centre.widget_key)
        await visitor.connect()
        queued = await visitor.join(centre.queue_ids[0])
        await clerk.send({"type": "take"})
        to_clerk, to_visitor = await clerk.expect("assigned"), await visitor.expect("assigned")
        assert (to_clerk.ice_transport_policy, to_visitor.ice_transport_policy) == ("relay", "all")
        for assigned in (to_clerk, to_visitor):
            assert_turn_credentials(assigned, turn, queued.call_id)
        # A reloaded panel has lost them: it gets them again (fresh credentials) on its return.
        await visitor.drop()
        back = ScriptedVisitor(server.ws_url, centre.widget_key, session_id=visitor.session_id)
        assert (await back.connect()).resumed is True
        again = await back.expect("assigned")
        assert (again.call_id, again.clerk_name) == (queued.call_id, to_visitor.clerk_name)
        assert again.ice_transport_policy == "all"
        assert_turn_credentials(again, turn, queued.call_id)
        assert (await clerk.expect("peer_back")).call_id == queued.call_id
        for socket in (clerk, back):
            await socket.close()


def assert_turn_credentials(assigned: Any, turn: Coturn, call_id: str) -> None:
    (server,) = assigned.ice_servers
    assert server.urls == [turn.url]
    assert server.username.endswith(f":{call_id}")
    assert server.credential

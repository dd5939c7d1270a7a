"""The clerk client service layer against the real server, with real media through aiortc.

The visitor here is a scripted socket with an aiortc peer; the browser visitor is in
test_call_browser.py.
"""

from __future__ import annotations

import asyncio
import gc
import resource
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass

import av
import httpx
import pytest
from aiortc import RTCPeerConnection

from clerk_app.account.service import AccountService
from clerk_app.call.session import CallSession
from clerk_app.errors import ServerUnreachable, ServiceError
from clerk_app.media import (
    CallConnectionState,
    CallPeer,
    LocalTracks,
    TestPatternVideoTrack,
    ToneAudioTrack,
)
from clerk_app.queue.connection import ClerkConnection, LinkState
from clerk_app.queue.desk import ClerkDesk, TakeRefused
from clerk_app.server_address import ServerAddress
from tests.accounts_helpers import STRONG_PASSWORD
from tests.live_server import LiveServer
from tests.media_fixtures import eventually, loopback_ice_fixture, rms
from tests.queue_helpers import CallCentre, call_centre
from tests.ws_clients import ScriptedVisitor

__all__ = ["loopback_ice_fixture"]


@dataclass
class MediaVisitor:
    """A visitor whose browser is an aiortc peer answering the clerk's offer."""

    socket: ScriptedVisitor
    peer: CallPeer | None = None
    task: asyncio.Task[None] | None = None

    async def answer_calls(self) -> None:
        while True:
            message = await self.socket.expect("offer", "ended", timeout=60)
            if message.type == "ended":
                return
            if self.peer is not None:
                await self.peer.close()
            self.peer = CallPeer(
                LocalTracks(audio=ToneAudioTrack(880), video=TestPatternVideoTrack(320, 240))
            )
            await self.socket.send(
                {"type": "answer", "sdp": await self.peer.accept_offer(message.sdp)}
            )

    async def close(self) -> None:
        if self.task is not None:
            self.task.cancel()
            await asyncio.gather(self.task, return_exceptions=True)
        if self.peer is not None:
            await self.peer.close()
        await self.socket.close()


@pytest.fixture
def centre(client: httpx.Client) -> CallCentre:
    return call_centre(client)


@pytest.fixture
async def desk(
    server: LiveServer, centre: CallCentre, loopback_ice: None
) -> AsyncIterator[ClerkDesk]:
    address = ServerAddress.parse(server.url)
    accounts = AccountService(address)
    me = await accounts.me(centre.clerk_tokens[0])
    await accounts.close()
    assert me.role == "clerk"
    desk = ClerkDesk(ClerkConnection(address, centre.clerk_tokens[0]))
    await desk.start()
    yield desk
    await desk.close()


async def visitor_waiting(server: LiveServer, centre: CallCentre) -> MediaVisitor:
    socket = ScriptedVisitor(server.url.replace("http", "ws", 1), centre.widget_key)
    await socket.connect()
    await socket.join(centre.queue_ids[0], recording=True)
    visitor = MediaVisitor(socket)
    visitor.task = asyncio.get_running_loop().create_task(visitor.answer_calls())
    return visitor


async def test_log_in_errors_come_back_as_plain_service_errors(server: LiveServer) -> None:
    accounts = AccountService(ServerAddress.parse(server.url))
    with pytest.raises(ServiceError) as refused:
        await accounts.log_in("nobody@example.com", STRONG_PASSWORD)
    assert refused.value.code == "invalid_credentials"
    await accounts.close()
    offline = AccountService(ServerAddress.parse("http://127.0.0.1:9"))
    with pytest.raises(ServerUnreachable) as unreachable:
        await offline.log_in("a@example.com", "x")
    assert unreachable.value.code == "unreachable"
    await offline.close()


async def test_desk_takes_a_call_and_media_flows_both_ways(
    server: LiveServer, centre: CallCentre, desk: ClerkDesk
) -> None:
    changes: list[str] = []
    desk.add_listener(changes.append)
    await desk.set_presence("available")
    await eventually(lambda: desk.state.presence == "available", "presence echoed")
    visitor = await visitor_waiting(server, centre)
    await eventually(lambda: len(desk.state.waiting) == 1, "queue shows the visitor")
    assert desk.state.waiting[0].recording is True
    call = await desk.take()
    frames = []
    call.add_video_listener(frames.append)
    await eventually(lambda: len(frames) > 5, "visitor's video at the clerk")
    assert (frames[-1].width, frames[-1].height) == (320, 240)
    assert call.peer is not None
    audio = []
    call.peer.add_audio_listener(audio.append)
    await eventually(lambda: len(audio) > 20, "visitor's audio at the clerk")
    assert max(rms(frame) for frame in audio) > 500
    assert visitor.peer is not None
    await eventually(
        lambda: visitor.peer is not None and visitor.peer.video_frames_received > 5,
        "clerk's video at the visitor",
    )
    assert desk.state.consent is not None and desk.state.consent.recording is True
    quality = await call.quality()
    assert quality is not None
    await desk.hang_up()
    await eventually(lambda: desk.state.presence == "wrap_up", "wrap-up after hang-up")
    await eventually(lambda: desk.state.call is None, "call closed")
    await desk.wrap_up(call_id=call.call_id, note="sent offer")
    await eventually(lambda: desk.state.presence == "available", "available after wrap-up")
    assert "queue" in changes and "call" in changes and "consent" in changes
    await visitor.close()


async def test_visitor_hang_up_ends_the_call_in_the_desk(
    server: LiveServer, centre: CallCentre, desk: ClerkDesk
) -> None:
    await desk.set_presence("available")
    visitor = await visitor_waiting(server, centre)
    await eventually(lambda: bool(desk.state.waiting), "visitor waiting")
    call = await desk.take()
    await eventually(lambda: call.peer is not None and call.peer.video_frames_received > 0, "media")
    await visitor.socket.send({"type": "hangup"})
    await eventually(lambda: desk.state.call is None, "desk saw the end")
    assert desk.state.last_ended is not None and desk.state.last_ended.reason == "peer_left"
    assert call.peer is not None and call.peer.state.value == "closed"
    await visitor.close()


async def test_a_withdrawn_required_recording_reaches_the_desk_before_the_end(
    server: LiveServer, centre: CallCentre, desk: ClerkDesk, client: httpx.Client
) -> None:
    """docs/recordings.md: the clerk hears of a withdrawal at once (so a recorder stops and
    deletes), and under `required` the call then ends as the visitor's hang-up."""
    client.patch(
        f"/api/v1/widgets/{centre.widget_id}",
        headers=centre.org.admin,
        json={"recording_mode": "required"},
    ).raise_for_status()
    seen: list[tuple[bool, bool]] = []  # (recording, call still open) at each consent change

    def on_change(change: str) -> None:
        if change == "consent" and desk.state.consent is not None:
            seen.append((desk.state.consent.recording, desk.state.call is not None))

    desk.add_listener(on_change)
    await desk.set_presence("available")
    visitor = await visitor_waiting(server, centre)
    await eventually(lambda: bool(desk.state.waiting), "visitor waiting")
    await desk.take()
    # The consent may reach the desk just before or after the assignment itself.
    await eventually(
        lambda: desk.state.call is not None and any(recording for recording, _ in seen),
        "the call open, with recording consent",
    )
    await visitor.socket.send(
        {"type": "consent", "consent": {"recording": False, "transcription": False}}
    )
    await eventually(lambda: desk.state.call is None, "the call ended")
    assert seen[-1] == (False, True)  # the withdrawal, while the call was still open
    assert desk.state.last_ended is not None and desk.state.last_ended.reason == "peer_left"
    await visitor.close()


async def test_take_with_nobody_waiting_is_refused_plainly(desk: ClerkDesk) -> None:
    await desk.set_presence("available")
    await eventually(lambda: desk.state.presence == "available", "available")
    with pytest.raises(TakeRefused) as refused:
        await desk.take()
    assert refused.value.code == "queue_empty"


async def test_clerk_link_reports_reconnecting_and_comes_back(
    server: LiveServer, centre: CallCentre, desk: ClerkDesk
) -> None:
    links: list[LinkState] = []
    desk.connection.add_link_listener(links.append)
    assert desk.connection._ws is not None
    await desk.connection._ws.close()  # the network drops under the app
    await eventually(lambda: links[-1:] == [LinkState.CONNECTED], "reconnected")
    assert LinkState.RECONNECTING in links
    await desk.set_presence("away")
    await eventually(lambda: desk.state.presence == "away", "usable after reconnect")


def media_flowing(call: CallSession) -> bool:
    return call.peer is not None and call.peer.video_frames_received > 2


def rss_kib() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def live_media_objects() -> Counter[str]:
    """How many peer connections and decoded frames this process still holds (the clerk's
    side and the scripted visitors', which run here too)."""
    gc.collect()
    kinds = (RTCPeerConnection, av.VideoFrame, av.AudioFrame)
    return Counter(type(thing).__name__ for thing in gc.get_objects() if isinstance(thing, kinds))


async def test_soak_fifty_calls_release_frames_and_peers(
    server: LiveServer, centre: CallCentre, desk: ClerkDesk
) -> None:
    """50 consecutive calls: frames and peers are freed, so what the process holds after the
    last call is no more than after the tenth. Counted as objects, not read off the RSS, which
    also follows how far the allocator's arenas grew under the machine's load."""
    calls, warmup = 50, 10
    after_warmup: Counter[str] = Counter()
    rss: list[int] = []
    for index in range(calls):
        await desk.set_presence("available")
        visitor = await visitor_waiting(server, centre)
        await eventually(lambda: bool(desk.state.waiting), "visitor waiting")
        call = await desk.take()
        await eventually(lambda c=call: media_flowing(c), "media")  # type: ignore[misc]
        await desk.hang_up()
        await eventually(lambda: desk.state.call is None, "call closed")
        await desk.wrap_up(call_id=call.call_id)
        await visitor.close()
        del call, visitor
        if index + 1 == warmup:
            after_warmup = live_media_objects()
            rss.append(rss_kib())
    at_end = live_media_objects()
    rss.append(rss_kib())
    print(
        f"after call {warmup}: {dict(after_warmup)}, RSS {rss[0]} KiB; after call {calls}: "
        f"{dict(at_end)}, RSS {rss[1]} KiB"
    )
    # Every call made two peer connections and decoded hundreds of frames: a leak of either
    # would leave 40 calls' worth more here.
    assert at_end["RTCPeerConnection"] <= after_warmup["RTCPeerConnection"]
    assert at_end["VideoFrame"] + at_end["AudioFrame"] <= (
        after_warmup["VideoFrame"] + after_warmup["AudioFrame"] + 10
    )
    assert not [p for p in desk._tasks if not p.done()]


async def test_failed_media_path_is_rebuilt_on_a_fresh_peer_connection(
    server: LiveServer, centre: CallCentre, desk: ClerkDesk
) -> None:
    """aiortc has no ICE restart: after a failure the clerk offers again on a new connection."""
    await desk.set_presence("available")
    visitor = await visitor_waiting(server, centre)
    await eventually(lambda: bool(desk.state.waiting), "visitor waiting")
    call = await desk.take()
    await eventually(lambda: media_flowing(call), "media")
    first_peer, first_visitor_peer = call.peer, visitor.peer
    assert first_peer is not None
    first_peer._set_state(CallConnectionState.FAILED)  # what aiortc reports after a network change
    await eventually(lambda: call.peer is not first_peer, "a fresh peer connection")
    await eventually(lambda: media_flowing(call), "media on the new connection")
    assert visitor.peer is not first_visitor_peer  # the visitor answered the restart offer
    assert call.restarts == 1
    assert first_peer.state is CallConnectionState.CLOSED
    await desk.hang_up()
    await visitor.close()

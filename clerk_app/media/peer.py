"""One call on the clerk's side: CallPeer wraps one aiortc RTCPeerConnection.

Listeners are plain callables run on the event loop's thread (the Qt thread under
qasync), once per event; they must return quickly and must not block.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from typing import Generic, TypeVar

import av
from aiortc import (
    MediaStreamTrack,
    RTCConfiguration,
    RTCIceCandidate,
    RTCIceServer,
    RTCIceTransportPolicy,
    RTCInboundRtpStreamStats,
    RTCPeerConnection,
    RTCRemoteInboundRtpStreamStats,
    RTCRtpCodecCapability,
    RTCRtpSender,
    RTCSessionDescription,
)
from aiortc.contrib.media import MediaRelay
from aiortc.mediastreams import MediaStreamError
from aiortc.sdp import candidate_from_sdp
from aiortc.stats import RTCTransportStats

from clerk_app.media.sources import LocalTracks
from clerk_app.media.tracks import EndableTrack, SwitchableTrack

logger = logging.getLogger(__name__)

# How long close() lets the frame consumers finish on their own before cancelling them.
_CONSUMER_GRACE_S = 2.0

T = TypeVar("T")
VideoListener = Callable[[av.VideoFrame], None]
AudioListener = Callable[[av.AudioFrame], None]


class CallConnectionState(enum.Enum):
    NEW = "new"
    CONNECTING = "connecting"
    CONNECTED = "connected"
    FAILED = "failed"
    # Relay-only, but the TURN server gave no relay address (unreachable, or it refused the
    # credentials): the call cannot connect, and no other address is tried.
    NO_RELAY = "no_relay"
    CLOSED = "closed"


StateListener = Callable[[CallConnectionState], None]


@dataclass(frozen=True)
class CallQuality:
    """Call quality as seen from this side; a field is None while it is unknown.

    round_trip_time_ms: from the receiver reports the other side sends about our media.
    packet_loss_fraction: share of incoming packets lost since the previous stats() call.
    inbound_bitrate_kbps: everything received on the transport (media plus RTCP) since
    the previous stats() call; aiortc's inbound-rtp stats carry no byte counter.
    """

    round_trip_time_ms: float | None
    packet_loss_fraction: float | None
    inbound_bitrate_kbps: float | None


@dataclass(frozen=True)
class _StatsSample:
    at: float
    bytes_received: int
    packets_received: int
    packets_lost: int


@dataclass
class _Received:
    frames: int = 0
    first_at: float | None = None


# The only video codec the clerk app negotiates (with its retransmissions): royalty-free,
# in every browser, and the desktop bundle ships no H.264 encoder (docs/licences.md).
VIDEO_CODEC = "video/VP8"


def video_codec_preferences(
    offered: Iterable[RTCRtpCodecCapability],
) -> list[RTCRtpCodecCapability]:
    """VP8 and its rtx entries from aiortc's video capabilities; never H.264."""
    return [codec for codec in offered if codec.mimeType in (VIDEO_CODEC, "video/rtx")]


def rtc_ice_servers(entries: Iterable[Mapping[str, object]]) -> list[RTCIceServer]:
    """Turn {"urls" (or legacy "url"), "username", "credential"} dicts into aiortc's form.

    An empty list stays empty: aiortc replaces a missing list by a public STUN server,
    which the clerk app must never contact.
    """
    servers = []
    for entry in entries:
        urls = entry.get("urls", entry.get("url"))
        if not isinstance(urls, str) and not (
            isinstance(urls, list) and urls and all(isinstance(url, str) for url in urls)
        ):
            raise ValueError("an ICE server entry has no url")
        username = entry.get("username")
        credential = entry.get("credential")
        if not isinstance(username, str | None) or not isinstance(credential, str | None):
            raise ValueError("an ICE server entry has a username or credential that is no text")
        servers.append(RTCIceServer(urls=urls, username=username, credential=credential))
    return servers


class CallPeer:
    """One call: negotiation, the local tracks it sends, the remote tracks it receives.

    The peer takes ownership of `local`: closing the peer stops those tracks (a camera
    is released). Remote tracks are always read, whether or not anyone listens, so that
    aiortc never piles up decoded frames. The peer closes itself when the connection
    fails or the other side hangs up; `close()` may still be awaited afterwards. A
    relay-only peer that got no relay candidate reports NO_RELAY and stays open (its
    owner closes it), so that the reason stays on show.
    """

    def __init__(
        self,
        local: LocalTracks,
        *,
        ice_servers: Sequence[Mapping[str, object]] = (),
        relay_only: bool = False,
    ) -> None:
        # Relay-only: aioice gathers no host or server-reflexive candidates, checks only from
        # the relay, and hides the relay candidate's related (own) address.
        policy = RTCIceTransportPolicy.RELAY if relay_only else RTCIceTransportPolicy.ALL
        self._pc = RTCPeerConnection(
            RTCConfiguration(iceServers=rtc_ice_servers(ice_servers), iceTransportPolicy=policy)
        )
        self._relay_only = relay_only
        self._audio = SwitchableTrack(local.audio) if local.audio is not None else None
        self._video = (
            SwitchableTrack(local.video, enabled=local.camera_enabled)
            if local.video is not None
            else None
        )
        for kind, track in (("audio", self._audio), ("video", self._video)):
            # Without a local track we still want the visitor's media of that kind.
            if track is None:
                transceiver = self._pc.addTransceiver(kind, direction="recvonly")
            else:
                transceiver = self._pc.addTransceiver(track, direction="sendrecv")
            if kind == "video":
                transceiver.setCodecPreferences(
                    video_codec_preferences(RTCRtpSender.getCapabilities("video").codecs)
                )

        self._relay = MediaRelay()
        self._remote: dict[str, EndableTrack] = {}
        self._subscriptions: list[MediaStreamTrack] = []
        self._consumers: set[asyncio.Task[None]] = set()
        self._received = {"audio": _Received(), "video": _Received()}
        self._video_listeners = _Listeners[av.VideoFrame]()
        self._audio_listeners = _Listeners[av.AudioFrame]()
        self._state_listeners = _Listeners[CallConnectionState]()
        self._state = CallConnectionState.NEW
        self._pending_candidates: list[RTCIceCandidate | None] = []
        self._last_sample: _StatsSample | None = None
        self._close_task: asyncio.Task[None] | None = None
        self._pc.on("connectionstatechange", self._on_connection_state)
        self._pc.on("track", self._on_track)

    # -- negotiation -----------------------------------------------------------------

    async def create_offer(self) -> str:
        """Our offer, with every local candidate in it (aiortc gathers before returning).

        Relay-only without a relay candidate, the state becomes NO_RELAY: aiortc would not
        even start ICE without a local candidate, and the call would wait for ever.
        """
        return await self._set_local(await self._pc.createOffer())

    async def accept_offer(self, sdp: str) -> str:
        """Apply the other side's offer and return our complete answer (see create_offer)."""
        await self._set_remote(RTCSessionDescription(sdp=sdp, type="offer"))
        return await self._set_local(await self._pc.createAnswer())

    async def accept_answer(self, sdp: str) -> None:
        await self._set_remote(RTCSessionDescription(sdp=sdp, type="answer"))

    async def add_remote_candidate(self, candidate: Mapping[str, object]) -> None:
        """Add a trickled candidate as a browser sends it: candidate, sdpMid, sdpMLineIndex.

        An empty candidate marks the end of candidates. It is passed on, not dropped:
        aioice reports a failed connection only after it, so without it a call that
        cannot connect would stay "connecting" for ever. Candidates that overtake the
        remote description are held until it is applied; once the call is closing,
        candidates are ignored.
        """
        parsed = _parse_candidate(candidate)
        if self._close_task is not None:
            return
        if self._pc.remoteDescription is None:
            self._pending_candidates.append(parsed)
        else:
            await self._pc.addIceCandidate(parsed)

    async def _set_remote(self, description: RTCSessionDescription) -> None:
        await self._pc.setRemoteDescription(description)
        pending, self._pending_candidates = self._pending_candidates, []
        for candidate in pending:
            await self._pc.addIceCandidate(candidate)

    async def _set_local(self, description: RTCSessionDescription) -> str:
        await self._pc.setLocalDescription(description)
        local = self._pc.localDescription
        if local is None:  # setLocalDescription() has just succeeded
            raise RuntimeError("no local description after setLocalDescription()")
        if self._relay_only and not only_relay_candidates(local.sdp):
            self._set_state(CallConnectionState.NO_RELAY)
        return local.sdp

    # -- local media switches --------------------------------------------------------

    @property
    def muted(self) -> bool:
        return self._audio is None or not self._audio.enabled

    def set_muted(self, muted: bool) -> None:
        """Send silence instead of the microphone (no renegotiation)."""
        if self._audio is not None:
            self._audio.enabled = not muted

    @property
    def camera_enabled(self) -> bool:
        return self._video is not None and self._video.enabled

    def set_camera_enabled(self, enabled: bool) -> None:
        """Send black frames instead of the camera picture (no renegotiation)."""
        if self._video is not None:
            self._video.enabled = enabled

    # -- remote media ----------------------------------------------------------------

    def add_video_listener(self, listener: VideoListener) -> Callable[[], None]:
        """Call `listener` with each decoded remote video frame; returns an unsubscriber."""
        return self._video_listeners.add(listener)

    def add_audio_listener(self, listener: AudioListener) -> Callable[[], None]:
        """Call `listener` with each decoded remote audio frame; returns an unsubscriber."""
        return self._audio_listeners.add(listener)

    def subscribe_remote_video(self) -> MediaStreamTrack | None:
        """A new track carrying every remote video frame (for a recorder), or None if
        no remote video has arrived or the call is closing. Read it at once and keep
        reading: frames queue up for it from its first recv() on."""
        return self._subscribe_remote("video")

    def subscribe_remote_audio(self) -> MediaStreamTrack | None:
        """Like subscribe_remote_video(), for the remote audio."""
        return self._subscribe_remote("audio")

    def _subscribe_remote(self, kind: str) -> MediaStreamTrack | None:
        remote = self._remote.get(kind)
        if remote is None or self._close_task is not None:
            return None
        track = self._relay.subscribe(remote, buffered=True)
        self._subscriptions.append(track)
        return track

    @property
    def video_frames_received(self) -> int:
        return self._received["video"].frames

    @property
    def audio_frames_received(self) -> int:
        return self._received["audio"].frames

    @property
    def first_video_frame_at(self) -> float | None:
        """time.monotonic() when the first remote video frame was decoded."""
        return self._received["video"].first_at

    @property
    def first_audio_frame_at(self) -> float | None:
        """time.monotonic() when the first remote audio frame was decoded."""
        return self._received["audio"].first_at

    def _on_track(self, track: MediaStreamTrack) -> None:
        if self._close_task is not None or track.kind in self._remote:
            return
        remote = EndableTrack(track)
        self._remote[track.kind] = remote
        # The screen wants the newest picture; audio output wants every frame.
        feed = self._relay.subscribe(remote, buffered=track.kind == "audio")
        task = asyncio.create_task(self._consume(feed), name=f"call-{track.kind}-consumer")
        self._consumers.add(task)

    async def _consume(self, feed: MediaStreamTrack) -> None:
        received = self._received[feed.kind]
        while True:
            try:
                frame = await feed.recv()
            except MediaStreamError:
                return
            received.frames += 1
            if received.first_at is None:
                received.first_at = time.monotonic()
            if isinstance(frame, av.VideoFrame):
                self._video_listeners.notify(frame)
            elif isinstance(frame, av.AudioFrame):
                self._audio_listeners.notify(frame)

    # -- connection state, quality, shutdown -----------------------------------------

    @property
    def state(self) -> CallConnectionState:
        return self._state

    def add_state_listener(self, listener: StateListener) -> Callable[[], None]:
        """Call `listener` on each state change; returns an unsubscriber."""
        return self._state_listeners.add(listener)

    def _on_connection_state(self) -> None:
        try:
            state = CallConnectionState(self._pc.connectionState)
        except ValueError:
            return
        if state is CallConnectionState.CLOSED:
            # Reported once our own shutdown has finished, not when aiortc starts it.
            self._begin_close()
            return
        self._set_state(state)
        if state is CallConnectionState.FAILED:
            self._begin_close()

    def _set_state(self, state: CallConnectionState) -> None:
        if state is self._state or self._state is CallConnectionState.CLOSED:
            return
        if self._state is CallConnectionState.NO_RELAY and state is not CallConnectionState.CLOSED:
            return  # nothing can connect any more
        self._state = state
        self._state_listeners.notify(state)

    async def stats(self) -> CallQuality:
        """Quality figures; loss and bitrate cover the time since the previous call."""
        report = await self._pc.getStats()
        rtts: list[float] = []
        received = lost = bytes_received = 0
        for entry in report.values():
            if isinstance(entry, RTCRemoteInboundRtpStreamStats):
                # aiortc reports None until a receiver report has echoed a sender report.
                if entry.roundTripTime is not None:
                    rtts.append(entry.roundTripTime)
            elif isinstance(entry, RTCInboundRtpStreamStats):
                received += entry.packetsReceived
                lost += max(0, entry.packetsLost)
            elif isinstance(entry, RTCTransportStats):
                bytes_received += entry.bytesReceived
        sample = _StatsSample(time.monotonic(), bytes_received, received, lost)
        previous, self._last_sample = self._last_sample, sample
        base = previous or _StatsSample(sample.at, 0, 0, 0)
        new_received = max(0, sample.packets_received - base.packets_received)
        new_lost = max(0, sample.packets_lost - base.packets_lost)
        bitrate = None
        if previous is not None and sample.at > previous.at:
            new_bytes = max(0, sample.bytes_received - previous.bytes_received)
            bitrate = new_bytes * 8 / 1000 / (sample.at - previous.at)
        return CallQuality(
            round_trip_time_ms=1000 * sum(rtts) / len(rtts) if rtts else None,
            packet_loss_fraction=(
                new_lost / (new_received + new_lost) if new_received + new_lost else None
            ),
            inbound_bitrate_kbps=bitrate,
        )

    async def close(self) -> None:
        """Hang up: safe to call more than once; when it returns no task of ours is left."""
        await asyncio.shield(self._begin_close())

    def _begin_close(self) -> asyncio.Task[None]:
        if self._close_task is None:
            self._close_task = asyncio.create_task(self._close(), name="call-close")
        return self._close_task

    async def _close(self) -> None:
        for remote in self._remote.values():
            remote.end()  # the relay's readers, then our consumers, see the end
        try:
            await self._pc.close()
        finally:
            for track in (self._audio, self._video):
                if track is not None:
                    track.stop()
            await self._finish_consumers()
            for subscription in self._subscriptions:
                subscription.stop()  # a subscriber that never read would otherwise wait
            self._set_state(CallConnectionState.CLOSED)

    async def _finish_consumers(self) -> None:
        # A consumer ends once the relay has passed on the end of its track, which is
        # also when the relay's own reader task has finished.
        if not self._consumers:
            return
        _, pending = await asyncio.wait(self._consumers, timeout=_CONSUMER_GRACE_S)
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.wait(pending)


def candidate_types(sdp: str) -> list[str]:
    """The type (host, srflx, prflx, relay) of each `a=candidate` line of an SDP, in order."""
    types = []
    for line in sdp.splitlines():
        if line.startswith("a=candidate:"):
            fields = line.split()
            if "typ" in fields[:-1]:
                types.append(fields[fields.index("typ") + 1])
    return types


def only_relay_candidates(sdp: str) -> bool:
    """True when the SDP offers candidates and every one is a TURN relay's: what a
    relay-only end may send (no address of its own, and something to connect through)."""
    types = candidate_types(sdp)
    return bool(types) and all(kind == "relay" for kind in types)


def _parse_candidate(candidate: Mapping[str, object]) -> RTCIceCandidate | None:
    """A browser's candidate dict as aiortc's candidate; None for end-of-candidates."""
    text = candidate.get("candidate")
    if not isinstance(text, str):
        raise ValueError("an ICE candidate has no candidate text")
    text = text.strip().removeprefix("candidate:")
    if not text:
        return None
    mid = candidate.get("sdpMid")
    index = candidate.get("sdpMLineIndex")
    if (
        not isinstance(mid, str | None)
        or not isinstance(index, int | None)
        or isinstance(index, bool)  # a JSON true is an int to Python, but no line index
    ):
        raise ValueError("an ICE candidate has a malformed sdpMid or sdpMLineIndex")
    if mid is None and index is None:
        raise ValueError("an ICE candidate needs an sdpMid or an sdpMLineIndex")
    try:
        if len(text.split()) < 8:
            raise ValueError("too few fields")
        parsed = candidate_from_sdp(text)
    except ValueError as exc:
        raise ValueError(f"malformed ICE candidate {text!r}: {exc}") from exc
    parsed.sdpMid = mid
    parsed.sdpMLineIndex = index
    return parsed


class _Listeners(Generic[T]):
    """Callbacks for one kind of event. A failing callback stays registered; its first
    failure is logged with the traceback, later ones are not (video comes 15 times a
    second, which would flood the log)."""

    def __init__(self) -> None:
        self._callbacks: list[Callable[[T], None]] = []
        self._reported: set[int] = set()

    def add(self, callback: Callable[[T], None]) -> Callable[[], None]:
        self._callbacks.append(callback)

        def remove() -> None:
            with suppress(ValueError):
                self._callbacks.remove(callback)

        return remove

    def notify(self, value: T) -> None:
        for callback in tuple(self._callbacks):
            try:
                callback(value)
            except Exception:
                if id(callback) not in self._reported:
                    self._reported.add(id(callback))
                    logger.exception("a call listener failed (further failures not logged)")

"""One call on the clerk's side: media through aiortc, signalling through the clerk socket.

The clerk offers. When the media path fails (a network change), aiortc cannot restart ICE,
so the call renegotiates on a fresh peer connection (`offer` with `restart: true`). A
relay-only call whose TURN server gives no relay address (NO_RELAY) sends no offer and
retries in the same way: the TURN server may be back by then.

Media is (re)built by one task at a time: a later restart cancels the one in progress and
waits until it has released what it opened, and a call that ends while a camera is being
opened in the worker thread closes that camera once the thread returns it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

import av
from pydantic import BaseModel

from clerk_app.call.preview import TapTrack
from clerk_app.media.peer import CallConnectionState, CallPeer, CallQuality
from clerk_app.media.sources import LocalTracks, TestPatternVideoTrack
from clerk_app.media.tracks import silence_like
from videoclerk_protocol import messages as p

log = logging.getLogger(__name__)
Send = Callable[[BaseModel], Awaitable[None]]
MAX_RESTARTS = 3


class CallSession:
    def __init__(
        self,
        assigned: p.Assigned,
        *,
        send: Send,
        open_tracks: Callable[[], LocalTracks],
    ) -> None:
        self.assigned = assigned
        self.call_id = assigned.call_id
        self._send = send
        self._open_tracks = open_tracks
        self._ice = [s.model_dump(exclude_none=True) for s in assigned.ice_servers]
        self._relay_only = assigned.ice_transport_policy == "relay"
        self.peer: CallPeer | None = None
        self.state = CallConnectionState.NEW
        self.restarts = 0
        self.ended = False
        self._muted = False
        self._camera = True
        self._video_listeners: list[Callable[[av.VideoFrame], None]] = []
        self._audio_listeners: list[Callable[[av.AudioFrame], None]] = []
        self._state_listeners: list[Callable[[CallConnectionState], None]] = []
        self._local_video_listeners: list[Callable[[av.VideoFrame], None]] = []
        self._local_audio_listeners: list[Callable[[av.AudioFrame], None]] = []
        self._recording_listeners: list[Callable[[bool], None]] = []
        self._recording_active = False
        self.sending_test_pattern = False
        self._test_pattern_listeners: list[Callable[[bool], None]] = []
        self._media_task: asyncio.Task[None] | None = None

    def add_video_listener(self, listener: Callable[[av.VideoFrame], None]) -> None:
        """Frames of the visitor's camera, across renegotiations."""
        self._video_listeners.append(listener)

    def add_audio_listener(self, listener: Callable[[av.AudioFrame], None]) -> None:
        """Decoded sound of the visitor's microphone, across renegotiations."""
        self._audio_listeners.append(listener)

    def add_state_listener(self, listener: Callable[[CallConnectionState], None]) -> None:
        self._state_listeners.append(listener)

    def add_local_video_listener(self, listener: Callable[[av.VideoFrame], None]) -> None:
        """Frames of the clerk's own camera (or test pattern) as they are sent."""
        self._local_video_listeners.append(listener)

    def add_local_audio_listener(self, listener: Callable[[av.AudioFrame], None]) -> None:
        """The clerk's sound as the visitor hears it (silence while muted), for the recorder."""
        self._local_audio_listeners.append(listener)

    @property
    def recording_active(self) -> bool:
        """True only while a recording of this call actually runs.

        The recorder (`clerk_app.recording`) sets this through `set_recording_active` and the
        clerk's recording indicator follows it.
        """
        return self._recording_active

    def add_recording_listener(self, listener: Callable[[bool], None]) -> None:
        self._recording_listeners.append(listener)

    def set_recording_active(self, active: bool) -> None:
        """For the recorder: report that a recording started or stopped."""
        if active == self._recording_active:
            return
        self._recording_active = active
        for listener in list(self._recording_listeners):
            listener(active)

    def add_test_pattern_listener(self, listener: Callable[[bool], None]) -> None:
        """Told, each time the media is (re)built, whether the visitor gets the test pattern
        instead of a camera (no camera chosen or found)."""
        self._test_pattern_listeners.append(listener)

    def _sending(self, tracks: LocalTracks) -> None:
        pattern = isinstance(tracks.video, TestPatternVideoTrack)
        if pattern != self.sending_test_pattern:
            self.sending_test_pattern = pattern
            for listener in list(self._test_pattern_listeners):
                listener(pattern)

    async def start(self) -> None:
        """Open local media and send our offer to the visitor.

        Returns early, without error, when a restart supersedes this start or the call ends
        meanwhile; raises what opening the devices raised (DeviceError).
        """
        task = self._replace_media(restart=False)
        try:
            await task
        except asyncio.CancelledError:
            current = asyncio.current_task()
            if not task.cancelled() or (current is not None and current.cancelling()):
                raise  # we ourselves are cancelled, not superseded

    def renegotiate(self) -> None:
        """Rebuild the media path on a fresh peer connection (the visitor reloaded, say)."""
        if not self.ended and self.restarts < MAX_RESTARTS:
            self.restarts += 1
            self._replace_media(restart=True)

    def _replace_media(self, *, restart: bool) -> asyncio.Task[None]:
        previous = self._media_task
        task = asyncio.get_running_loop().create_task(self._build_media(previous, restart))
        self._media_task = task
        return task

    async def _build_media(self, previous: asyncio.Task[None] | None, restart: bool) -> None:
        if previous is not None:
            previous.cancel()
            await asyncio.gather(previous, return_exceptions=True)  # its devices released
        old, self.peer = self.peer, None
        if old is not None:
            await old.close()
        if self.ended:
            return
        tracks = await self._open_local_tracks()
        if self.ended:  # the call ended while the devices opened
            tracks.close()
            return
        try:
            await self._offer(tracks, restart=restart)
        except BaseException:
            if self.peer is None:  # the peer owns the tracks once it exists
                tracks.close()
            raise

    async def _open_local_tracks(self) -> LocalTracks:
        """Open camera and microphone in a worker thread (probing a device blocks), so the
        window keeps painting. A thread cannot be stopped: when we are cancelled meanwhile,
        wait for what it opens and close it, so that no camera stays on."""
        opening = asyncio.ensure_future(asyncio.to_thread(self._open_tracks))
        try:
            return await asyncio.shield(opening)
        except asyncio.CancelledError:
            with contextlib.suppress(Exception):
                (await opening).close()
            raise

    async def _offer(self, tracks: LocalTracks, *, restart: bool) -> None:
        self._sending(tracks)
        if tracks.video is not None:
            tracks.video = TapTrack(tracks.video, self._local_video_listeners)
        if tracks.audio is not None:
            tracks.audio = TapTrack(tracks.audio, [self._on_local_audio])
        peer = CallPeer(tracks, ice_servers=self._ice, relay_only=self._relay_only)
        peer.set_muted(self._muted)
        if not self._camera:
            peer.set_camera_enabled(False)
        peer.add_video_listener(self._on_frame)
        peer.add_audio_listener(self._on_audio)
        peer.add_state_listener(lambda state: self._on_state(peer, state))
        self.peer = peer
        sdp = await peer.create_offer()
        if peer.state is CallConnectionState.NO_RELAY:
            return  # an offer nobody could reach; the state listener is already retrying
        await self._send(p.ClerkOffer(type="offer", call_id=self.call_id, sdp=sdp, restart=restart))

    async def on_signal(self, message: BaseModel) -> None:
        peer = self.peer
        if peer is None or self.ended:
            return
        if isinstance(message, p.ClerkAnswer):
            await peer.accept_answer(message.sdp)
        elif isinstance(message, p.ClerkCandidate) and message.candidate is not None:
            try:
                await peer.add_remote_candidate(message.candidate.model_dump())
            except ValueError as exc:
                log.warning("ignored a malformed candidate: %s", exc)

    def _on_frame(self, frame: av.VideoFrame) -> None:
        for listener in self._video_listeners:
            listener(frame)

    def _on_audio(self, frame: av.AudioFrame) -> None:
        for listener in self._audio_listeners:
            listener(frame)

    def _on_local_audio(self, frame: av.AudioFrame) -> None:
        if not self._local_audio_listeners:
            return
        sent = silence_like(frame) if self._muted else frame
        for listener in self._local_audio_listeners:
            listener(sent)

    def _on_state(self, peer: CallPeer, state: CallConnectionState) -> None:
        if peer is not self.peer:
            return
        self.state = state
        for listener in self._state_listeners:
            listener(state)
        if state in (CallConnectionState.FAILED, CallConnectionState.NO_RELAY):
            self.renegotiate()

    def set_muted(self, muted: bool) -> None:
        self._muted = muted
        if self.peer is not None:
            self.peer.set_muted(muted)

    def set_camera_enabled(self, enabled: bool) -> None:
        self._camera = enabled
        if self.peer is not None:
            self.peer.set_camera_enabled(enabled)

    async def quality(self) -> CallQuality | None:
        return await self.peer.stats() if self.peer is not None else None

    async def hang_up(self) -> None:
        """End the call from our side: tell the server, then release media."""
        if not self.ended:
            with contextlib.suppress(Exception):
                await self._send(p.ClerkHangup(type="hangup", call_id=self.call_id))
        await self.close()

    async def close(self) -> None:
        """Release the peer connection and local devices; safe to call twice."""
        self.ended = True
        if self._media_task is not None:
            self._media_task.cancel()
            await asyncio.gather(self._media_task, return_exceptions=True)
        if self.peer is not None:
            await self.peer.close()
        self.set_recording_active(False)

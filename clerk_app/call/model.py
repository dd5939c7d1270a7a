"""The call in progress as a Qt model: timer, quality, switches, consent, recording.

Fed by the service layer (CallSession, and the desk's consent messages through DeskModel);
the call view binds to its signals. Frames are passed on as signals too, so that views never
subscribe to the media core themselves.
"""

from __future__ import annotations

import time

import av
from PySide6.QtCore import QObject, QTimer, Signal

from clerk_app.call.consent import ConsentTracker
from clerk_app.call.session import CallSession
from clerk_app.media.peer import CallConnectionState, CallQuality
from clerk_app.queue.desk import ConsentView
from clerk_app.queue.waiting import format_duration
from clerk_app.shell.tasks import Tasks

QUALITY_INTERVAL_MS = 2000


class CallModel(QObject):
    remoteFrame = Signal(object)  # av.VideoFrame of the visitor
    remoteAudio = Signal(object)  # av.AudioFrame of the visitor (for the speaker)
    localFrame = Signal(object)  # av.VideoFrame of the clerk's own source
    elapsedChanged = Signal(int)  # seconds since the call was taken
    qualityChanged = Signal(object)  # CallQuality, or None
    connectionChanged = Signal(str)  # a CallConnectionState value
    consentChanged = Signal(list)  # names of the choices that changed
    recordingChanged = Signal(bool)
    mutedChanged = Signal(bool)
    cameraChanged = Signal(bool)
    peerLostChanged = Signal(bool)
    testPatternChanged = Signal(bool)  # True while the clerk sends the test pattern

    def __init__(self, session: CallSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.call_id = session.call_id
        self.reference = session.assigned.reference
        self.queue_id = session.assigned.queue_id
        self.consent = ConsentTracker()
        self.quality: CallQuality | None = None
        self.connection = session.state
        self.muted = False
        self.camera_on = True
        self.peer_lost = False
        self.remote_frames = 0
        self._started = time.monotonic()
        self._active = True
        self._tasks = Tasks(on_error=lambda _error: None)  # figures are retried in 2 s
        session.add_video_listener(self._remote)
        session.add_audio_listener(self._remote_audio)
        session.add_local_video_listener(self._local)
        session.add_state_listener(self._state)
        session.add_recording_listener(self.recordingChanged.emit)
        session.add_test_pattern_listener(self._test_pattern)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(lambda: self.elapsedChanged.emit(self.elapsed_seconds))
        self._clock.start()
        self._stats = QTimer(self)
        self._stats.setInterval(QUALITY_INTERVAL_MS)
        self._stats.timeout.connect(self._poll_quality)
        self._stats.start()

    # ---- state -------------------------------------------------------------------------------

    @property
    def elapsed_seconds(self) -> int:
        return int(time.monotonic() - self._started)

    @property
    def elapsed_text(self) -> str:
        return format_duration(self.elapsed_seconds)

    @property
    def recording_active(self) -> bool:
        return self.session.recording_active

    @property
    def sending_test_pattern(self) -> bool:
        return self.session.sending_test_pattern

    @property
    def active(self) -> bool:
        return self._active

    def update_consent(self, view: ConsentView | None) -> None:
        if view is None or not self._active:
            return
        changed = self.consent.update(view)
        if changed:
            self.consentChanged.emit(changed)

    def set_peer_lost(self, lost: bool) -> None:
        if lost != self.peer_lost:
            self.peer_lost = lost
            self.peerLostChanged.emit(lost)

    # ---- switches ----------------------------------------------------------------------------

    def set_muted(self, muted: bool) -> None:
        self.muted = muted
        self.session.set_muted(muted)
        self.mutedChanged.emit(muted)

    def set_camera_on(self, on: bool) -> None:
        self.camera_on = on
        self.session.set_camera_enabled(on)
        self.cameraChanged.emit(on)

    # ---- feeds -------------------------------------------------------------------------------

    def _remote(self, frame: av.VideoFrame) -> None:
        if self._active:
            self.remote_frames += 1
            self.remoteFrame.emit(frame)

    def _remote_audio(self, frame: av.AudioFrame) -> None:
        if self._active:
            self.remoteAudio.emit(frame)

    def _local(self, frame: av.VideoFrame) -> None:
        if self._active:
            self.localFrame.emit(frame)

    def _test_pattern(self, sending: bool) -> None:
        if self._active:
            self.testPatternChanged.emit(sending)

    def _state(self, state: CallConnectionState) -> None:
        self.connection = state
        if self._active:
            self.connectionChanged.emit(state.value)

    def _poll_quality(self) -> None:
        if self._active and not self._tasks.busy:
            self._tasks.run(self._read_quality())

    async def _read_quality(self) -> None:
        quality = await self.session.quality()
        if self._active:
            self.quality = quality
            self.qualityChanged.emit(quality)

    def stop(self) -> None:
        """The call is over: stop the timers and forget further frames."""
        self._active = False
        self._clock.stop()
        self._stats.stop()
        self._tasks.cancel()

"""Records a call while, and only while, the visitor's recording consent holds (Qt-free).

`Recorder` watches the clerk's desk: when a call starts it taps the call's media (the
visitor's picture and voice, the clerk's voice as the visitor hears it, and the clerk's
picture if the organisation wants it), and writes frames only while the newest consent the
server sent says yes. Consent given later starts a recording then; a withdrawal stops it at
once and deletes every file of that call. When the call ends, what was recorded is finished
and handed to `on_ready` (the uploader).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

import av

from clerk_app.call.session import CallSession
from clerk_app.queue.desk import ClerkDesk
from clerk_app.recording.spool import Spool, SpoolEntry
from clerk_app.recording.writer import TrackSpec, WebmWriter

log = logging.getLogger(__name__)

VISITOR_VIDEO = "visitor_video"
VISITOR_AUDIO = "visitor_audio"
CLERK_AUDIO = "clerk_audio"
CLERK_VIDEO = "clerk_video"


class CallRecorder:
    """The recordings of one call: at most one runs at a time."""

    def __init__(self, session: CallSession, spool: Spool) -> None:
        self.session = session
        self.spool = spool
        self.entries: list[SpoolEntry] = []  # this call's recordings, the running one last
        self._writer: WebmWriter | None = None
        self._tracks = [
            TrackSpec(VISITOR_VIDEO, "video"),
            TrackSpec(VISITOR_AUDIO, "audio"),
            TrackSpec(CLERK_AUDIO, "audio"),
        ]
        session.add_video_listener(lambda frame: self._put(VISITOR_VIDEO, frame))
        session.add_audio_listener(lambda frame: self._put(VISITOR_AUDIO, frame))
        session.add_local_audio_listener(lambda frame: self._put(CLERK_AUDIO, frame))
        if session.assigned.record_clerk_video:  # the organisation's choice
            self._tracks.append(TrackSpec(CLERK_VIDEO, "video"))
            session.add_local_video_listener(lambda frame: self._put(CLERK_VIDEO, frame))

    @property
    def recording(self) -> bool:
        return self._writer is not None

    @property
    def recorded_seconds(self) -> float:
        """How much of the running recording has been encoded (0 when none runs)."""
        return self._writer.duration_seconds if self._writer is not None else 0.0

    def start(self) -> None:
        """Consent holds: start a new recording (nothing happens if one runs already)."""
        if self._writer is not None or self.session.ended:
            return
        entry = self.spool.new_entry(self.session.call_id)
        self.entries.append(entry)
        self._writer = WebmWriter(self.spool.media_path(entry.recording_id), self._tracks)
        self.session.set_recording_active(True)

    def withdraw(self) -> Coroutine[Any, Any, None]:
        """Consent withdrawn: not one frame more from now on (before this returns), and every
        file of this call goes (the returned work; await it)."""
        writer, entries = self._stop(), self.entries
        self.entries = []
        return self._discard(writer, entries)

    async def _discard(self, writer: WebmWriter | None, entries: list[SpoolEntry]) -> None:
        if writer is not None:
            await _close(writer)
        for entry in entries:
            self.spool.delete(entry.recording_id)

    def finish(self) -> Coroutine[Any, Any, list[SpoolEntry]]:
        """The call ended: the running recording stops now and is finished by the returned
        work, which gives every finished recording of the call."""
        return self._finish(self._stop(), self.entries)

    async def _finish(
        self, writer: WebmWriter | None, entries: list[SpoolEntry]
    ) -> list[SpoolEntry]:
        if writer is not None:
            await _close(writer)
            entries[-1] = self.spool.finish(entries[-1], writer.duration_seconds)
        return [entry for entry in entries if entry.finished]

    def _stop(self) -> WebmWriter | None:
        writer, self._writer = self._writer, None
        self.session.set_recording_active(False)
        return writer

    def _put(self, track: str, frame: av.VideoFrame | av.AudioFrame) -> None:
        if self._writer is not None:
            self._writer.put(track, frame)


async def _close(writer: WebmWriter) -> None:
    try:
        await asyncio.to_thread(writer.close)
    except Exception:
        log.exception("a recording could not be finished")


class Recorder:
    """Follows the desk's calls and consent; hands finished recordings to `on_ready`."""

    def __init__(
        self,
        desk: ClerkDesk,
        spool: Spool,
        *,
        on_ready: Callable[[SpoolEntry], None],
    ) -> None:
        self.desk = desk
        self.spool = spool
        self._on_ready = on_ready
        self.call: CallRecorder | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._closed = False
        desk.add_listener(self._changed)
        if desk.state.call is not None:  # a call the desk already holds
            self._changed("call")

    async def close(self) -> None:
        """The desk goes (log-out, quitting): a closed desk tells of no call's end, so the
        call being recorded is finished here and handed on; nothing is recorded after."""
        self._closed = True
        call, self.call = self.call, None
        if call is not None:
            self._run(self._finish(call))
        await self.wait_idle()

    def _changed(self, what: str) -> None:
        if self._closed:
            return
        if what == "call":
            session = self.desk.state.call
            if self.call is not None and self.call.session is not session:
                ended, self.call = self.call, None
                self._run(self._finish(ended))
            if session is not None and self.call is None and not session.ended:
                self.call = CallRecorder(session, self.spool)
                self._consent()
        elif what == "consent":
            self._consent()

    def _consent(self) -> None:
        consent, call = self.desk.state.consent, self.call
        if call is None or consent is None:
            return
        if consent.recording:
            call.start()
        else:
            self._run(call.withdraw())

    async def _finish(self, call: CallRecorder) -> None:
        for entry in await call.finish():
            self._on_ready(entry)

    def _run(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def wait_idle(self) -> None:
        """Until every withdrawal and finish asked so far is done (deleted, handed on)."""
        while self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

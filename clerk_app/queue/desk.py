"""The clerk's desk: presence, the live queue, taking calls, wrap-up (Qt-free).

`ClerkDesk` turns server messages into plain dataclasses and notifies listeners; UI code
awaits its methods and never sees a socket.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from clerk_app.call.session import CallSession
from clerk_app.media.sources import LocalTracks, MediaSourceChoice, open_sources
from clerk_app.queue.connection import ClerkConnection, LinkState
from clerk_app.queue.presence import CHOOSABLE, presence_shown, presence_to_restore
from videoclerk_protocol import messages as p

log = logging.getLogger(__name__)
TAKE_TIMEOUT_SECONDS = 15.0


@dataclass(frozen=True)
class ConsentView:
    recording: bool
    transcription: bool
    at: str
    text_version: str


@dataclass(frozen=True)
class WaitingEntry:
    call_id: str
    queue_id: str
    queue_names: p.Texts  # per language: the view shows the app's
    position: int
    joined_at: str
    recording: bool
    transcription: bool
    camera: bool
    reconnecting: bool = False  # the visitor's socket dropped: cannot be taken for now


@dataclass(frozen=True)
class QueueSummary:
    id: str
    names: p.Texts
    waiting: int
    longest_wait_seconds: int


@dataclass
class DeskState:
    presence: str = "offline"  # as the server reports it
    chosen_presence: str | None = None  # what the clerk last set: available or away
    link: LinkState = LinkState.CLOSED
    queues: list[QueueSummary] = field(default_factory=list)
    waiting: list[WaitingEntry] = field(default_factory=list)
    call: CallSession | None = None
    consent: ConsentView | None = None
    last_ended: p.Ended | None = None
    last_error: p.Error | None = None
    peer_lost: bool = False
    supervisor: p.SupervisorSnapshot | None = None
    approvals: p.Approvals | None = None  # supervisors and admins: open approval requests

    @property
    def shown_presence(self) -> str:
        """For the presence line: "reconnecting" while the socket is down."""
        return presence_shown(self.presence, self.link)


Listener = Callable[[str], None]  # called with what changed: "presence", "queue", "call", ...


class ClerkDesk:
    def __init__(
        self,
        connection: ClerkConnection,
        *,
        media: MediaSourceChoice | None = None,
        open_tracks: Callable[[MediaSourceChoice], LocalTracks] = open_sources,
        take_timeout: float = TAKE_TIMEOUT_SECONDS,
    ) -> None:
        self.connection = connection
        self.media = media or MediaSourceChoice(kind="test")
        self._open_tracks = open_tracks
        self._take_timeout = take_timeout
        self.state = DeskState()
        self._listeners: list[Listener] = []
        self._tasks: set[asyncio.Task[None]] = set()
        self._assigned: asyncio.Future[p.Assigned | p.Error] | None = None
        self._check_presence = False  # the first presence after (re)connecting
        connection.add_message_listener(self._on_message)
        connection.add_link_listener(self._on_link)

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _changed(self, what: str) -> None:
        for listener in list(self._listeners):
            listener(what)

    async def start(self) -> None:
        await self.connection.open()

    async def set_presence(self, state: str) -> None:
        await self.connection.send(p.SetPresence(type="presence", state=state))
        if state in CHOOSABLE:
            self.state.chosen_presence = state

    async def take(self, call_id: str | None = None) -> CallSession:
        """Take the next visitor (or a chosen one) and start the call's media.

        Raises `TakeRefused` with the server's reason (someone else was faster, nobody waits),
        or with code "no_answer" when the server has not answered in time. An `assigned`
        that comes later still opens the call (see `_on_message`): the server has made this
        clerk the visitor's, and the app must agree.
        """
        loop = asyncio.get_running_loop()
        self._assigned = loop.create_future()
        await self.connection.send(p.Take(type="take", call_id=call_id))
        try:
            answer = await asyncio.wait_for(self._assigned, self._take_timeout)
        except TimeoutError:
            raise TakeRefused("no_answer", "The server has not answered yet.") from None
        finally:
            self._assigned = None
        if isinstance(answer, p.Error):
            raise TakeRefused(answer.code, answer.message)
        return await self._open_call(answer)

    async def _open_call(self, assigned: p.Assigned) -> CallSession:
        session = CallSession(
            assigned, send=self.connection.send, open_tracks=lambda: self._open_tracks(self.media)
        )
        self.state.call = session
        self.state.last_ended = None
        self.state.peer_lost = False
        self._changed("call")
        await session.start()
        return session

    async def _unexpected_assignment(self, assigned: p.Assigned) -> None:
        """An `assigned` nobody waits for (it came after take() gave up): open the call, or,
        in another call already, hang it up so that server and app agree again."""
        call = self.state.call
        if call is None:
            await self._open_call(assigned)
        elif call.call_id != assigned.call_id:
            log.warning("assigned another call while in one; hanging that one up")
            await self.connection.send(p.ClerkHangup(type="hangup", call_id=assigned.call_id))

    async def hang_up(self) -> None:
        """End the call. Said again after the media is gone, it repeats the hang-up to the
        server (whose `ended` is what closes the call here): the first may have been lost
        while the link was down. Raises ServerUnreachable then."""
        call = self.state.call
        if call is None:
            return
        if call.ended:
            await self.connection.send(p.ClerkHangup(type="hangup", call_id=call.call_id))
        else:
            await call.hang_up()

    async def wrap_up(self, *, call_id: str, outcome: str = "answered", note: str = "") -> None:
        await self.connection.send(
            p.WrapUp(type="wrap_up", call_id=call_id, outcome=outcome, note=note)
        )

    async def close(self) -> None:
        if self.state.call is not None:
            await self.state.call.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.connection.close()

    # ---- server messages -------------------------------------------------------------------

    def _on_link(self, link: LinkState) -> None:
        self.state.link = link
        if link is LinkState.CONNECTED:
            self._check_presence = True
        self._changed("link")

    def _on_presence(self, reported: str) -> None:
        self.state.presence = reported
        self._changed("presence")
        if not self._check_presence:
            return
        self._check_presence = False
        restore = presence_to_restore(
            self.state.chosen_presence, reported, in_call=self.state.call is not None
        )
        if restore is not None:
            self._run(self.set_presence(restore))

    def _on_message(self, message: BaseModel) -> None:
        match message:
            case p.PresenceChanged():
                self._on_presence(message.state)
            case p.QueueSnapshot():
                self._on_queue(message)
            case p.Assigned():
                if self._assigned is not None and not self._assigned.done():
                    self._assigned.set_result(message)
                else:
                    self._run(self._unexpected_assignment(message))
            case p.Error():
                if message.in_reply_to == "take" and self._assigned and not self._assigned.done():
                    self._assigned.set_result(message)
                self.state.last_error = message
                self._changed("error")
            case p.ConsentState():
                self.state.consent = ConsentView(
                    recording=message.consent.recording,
                    transcription=message.consent.transcription,
                    at=message.at,
                    text_version=message.text_version,
                )
                self._changed("consent")
            case p.ClerkAnswer() | p.ClerkCandidate():
                self._run(self._signal(message))
            case p.PeerLost() | p.PeerBack():
                self.state.peer_lost = isinstance(message, p.PeerLost)
                self._changed("peer")
                if isinstance(message, p.PeerBack) and self.state.call is not None:
                    # A visitor back from a dropped socket may have lost its peer connection
                    # (a reloaded page): offer a fresh one.
                    self.state.call.renegotiate()
            case p.Ended():
                self.state.last_ended = message
                self._run(self._call_ended())
            case p.SupervisorSnapshot():
                self.state.supervisor = message
                self._changed("supervisor")
            case p.Approvals():
                self.state.approvals = message
                self._changed("approvals")

    def _on_queue(self, message: p.QueueSnapshot) -> None:
        names = {q.id: q.name for q in message.queues}
        self.state.queues = [
            QueueSummary(q.id, q.name, q.waiting, q.longest_wait_seconds) for q in message.queues
        ]
        self.state.waiting = [
            WaitingEntry(
                call_id=w.call_id,
                queue_id=w.queue_id,
                queue_names=names.get(w.queue_id) or {"en": w.queue_id},
                position=w.position,
                joined_at=w.joined_at,
                recording=w.consent.recording,
                transcription=w.consent.transcription,
                camera=w.camera,
                reconnecting=w.reconnecting,
            )
            for w in message.waiting
        ]
        self._changed("queue")

    async def _signal(self, message: BaseModel) -> None:
        call = self.state.call
        if call is not None and getattr(message, "call_id", None) == call.call_id:
            await call.on_signal(message)

    async def _call_ended(self) -> None:
        call = self.state.call
        if call is not None:
            await call.close()
        self.state.call = None
        self.state.consent = None
        self._changed("call")

    def _run(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        task.add_done_callback(_log_failure)


class TakeRefused(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _log_failure(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("desk task failed", exc_info=task.exception())

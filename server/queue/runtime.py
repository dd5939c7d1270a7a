"""The live queue: visitors, clerks and calls, and the sockets, timers and outboxes around them.

The records live in a `QueueState` (state.py), written through to the database, so that a
restarted server carries on where it stopped. What belongs to this process only stays here:
each party's outbox and the deadlines (grace periods, answer timeouts) on the server's clock.

Every operation is synchronous and runs on the event loop, so each one is atomic within the
process; across processes the state's conditional writes decide (`QueueState.claim`).
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable

from pydantic import BaseModel

from server import clock, security
from server.config import Settings
from server.queue import figures, rules, store
from server.queue.homes import Homes
from server.queue.ice import ice_servers_for
from server.queue.listeners import CallListener, ConsentListener
from server.queue.memory_state import WriteThroughQueueState
from server.queue.outbox import PartyOutbox
from server.queue.snapshots import SnapshotPublisher, queue_snapshot
from server.queue.state import ClerkRecord, LiveCall, QueueState, VisitorRecord
from server.rate_windows import RateWindows
from server.recordings import service as recordings
from server.sql import Database
from server.widgets.service import WidgetContext, queue_names, widget_context
from videoclerk_protocol.messages import (
    CLOSE_GONE,
    CLOSE_UNAUTHORISED,
    Assigned,
    Consent,
    ConsentState,
    Ended,
    Error,
    PeerBack,
    PeerLost,
    Position,
    PresenceChanged,
    PresenceState,
    Queued,
    Welcome,
)

CONTEXT_SECONDS = 1.0
CLOSED = Error(code="organisation_closed", message="This service is no longer available here.")
log = logging.getLogger("videoclerk.queue")


class QueueRefusal(Exception):
    """A request the queue declines; becomes an `error` message with this code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def as_message(self, in_reply_to: str | None) -> Error:
        return Error(code=self.code, message=self.message, in_reply_to=in_reply_to)


POSITIONS_PER_TURN = 200
"""Positions told in one turn of the loop (runtime's `_tell_positions`): at a few µs each,
a turn stays around a millisecond however many wait."""


class QueueRuntime:
    def __init__(
        self,
        db: Database,
        settings: Settings,
        state: QueueState | None = None,
        windows: RateWindows | None = None,
    ) -> None:
        self.db = db
        self.settings = settings
        self.state: QueueState = state or WriteThroughQueueState(db)
        windows = windows or RateWindows()
        self.connections = windows.window(
            "visitor-connections", settings.visitor_connections_per_minute
        )
        self.joins = windows.window("visitor-joins", settings.visitor_joins_per_minute)
        self._visitor_outboxes: dict[str, PartyOutbox] = {}
        self._clerk_outboxes: dict[str, PartyOutbox] = {}
        self._deadlines: dict[str, clock.Deadline] = {}
        # What each waiting visitor was last told: (position, estimated wait in seconds).
        self._told: dict[str, tuple[int, int]] = {}
        self._moved: dict[tuple[str, str], int] = {}
        self._figures = figures.DayFigures(db)
        self._publisher = SnapshotPublisher(
            self.state, self._figures, self._send_clerk, self._queue_names
        )
        self._contexts: dict[tuple[str, str], tuple[float, WidgetContext]] = {}
        self.listeners: list[CallListener] = []
        self.consent_listeners: list[ConsentListener] = []
        self.homes = Homes(db, shared=settings.bus_url is not None, taken=self._take_up)

    @property
    def grace(self) -> float:
        return self.settings.reconnect_grace_seconds

    def start(self) -> None:
        """Carry on after a restart. With several processes (`homes.shared`) each
        organisation's queue is taken up by the process that becomes its home, when it does."""
        if not self.homes.shared:
            self._take_up(None)

    def _take_up(self, organisation_id: str | None) -> None:
        """Load the queue of one organisation, or of all (None): every party gets the grace
        period to come back.

        Call records that a crash left open with no live state are closed now, so no record
        stays without an end.
        """
        self.state.load(organisation_id)
        now = clock.now_iso()
        with self.state.transaction():
            for call in store.open_calls_without_live_state(self.db, organisation_id):
                store.update_call(
                    self.db,
                    call.organisation_id,
                    call.id,
                    {
                        "ended_at": now,
                        "outcome": "answered" if call.answered_at else "abandoned",
                        "end_reason": "server_restart",
                    },
                )
        visitors, clerks, _ = self.state.everything()
        for visitor in visitors:
            if organisation_id in (None, visitor.organisation_id):
                self._wait_for_visitor(visitor.session_hash)
        for clerk in clerks:
            if organisation_id in (None, clerk.organisation_id):
                self._wait_for_clerk(clerk.user_id)
        if visitors or clerks:
            log.info("queue restored: %d visitors, %d clerks", len(visitors), len(clerks))

    # ---- visitors --------------------------------------------------------------------------

    async def allow_visitor_connection(self, ip: str | None) -> bool:
        """The IP is used here, in memory, and nowhere else (P1; a shared window keys it
        by an HMAC)."""
        return await self.connections.allow(ip or "")

    async def check_join_rate(self, ip: str | None) -> None:
        """Count a join attempt; awaited before `join`, which stays one synchronous step."""
        if not await self.joins.allow(ip or ""):
            raise QueueRefusal("rate_limited", "Too many attempts. Wait a minute and try again.")

    def visitor_connected(
        self, outbox: PartyOutbox, *, session_hash: str, context: WidgetContext, language: str
    ) -> VisitorRecord:
        """A new visitor, or the same one back within the grace period (same session id,
        known here by its hash)."""
        key = session_hash
        known = self.state.visitor(key)
        if known is not None and known.widget_id != context.widget_id:
            self.visitor_left(known)
            known = None
        self._cancel(f"v:{key}")
        self._adopt(self._visitor_outboxes, key, outbox)
        if known is not None:
            with self.state.transaction():
                known.connected = True
                self.state.save_visitor(known)
            outbox.send(Welcome(resumed=True, grace_seconds=int(self.grace)))
            call = self.state.call(known.call_id or "")
            if call is not None:
                self._resend_visitor_state(known, call)
                for listener in self.listeners:
                    listener.visitor_back(known, call.id)
            return known
        language = sys.intern(language)  # one string for all who speak it
        visitor = VisitorRecord(
            key, context.organisation_id, context.widget_id, context.widget_key, language
        )
        with self.state.transaction():
            self.state.save_visitor(visitor)
        outbox.send(Welcome(resumed=False, grace_seconds=int(self.grace)))
        return visitor

    def _resend_visitor_state(self, visitor: VisitorRecord, call: LiveCall) -> None:
        # A reloaded panel learns again what it is recorded under (its indicator).
        self._send_visitor(visitor.session_hash, self._consent_state(call))
        if call.clerk_id is None:
            self._send_visitor(visitor.session_hash, self._queued(call, self._position(call)))
            self._publisher.refresh(call.organisation_id)  # no longer "reconnecting"
            return
        clerk = self.state.clerk(call.clerk_id)
        # Its ICE servers (fresh credentials) and policy again: a reloaded panel has lost them.
        clerk_name = clerk.name if clerk is not None else None
        self._send_visitor(visitor.session_hash, self._assigned_to_visitor(call, clerk_name))
        if clerk is not None and clerk.connected:
            self._send_clerk(clerk.user_id, PeerBack(call_id=call.id))
        else:
            self._send_visitor(
                visitor.session_hash, PeerLost(call_id=call.id, grace_seconds=int(self.grace))
            )

    def _assigned_to_visitor(self, call: LiveCall, clerk_name: str | None) -> Assigned:
        return Assigned(
            call_id=call.id,
            reference=call.reference,
            queue_id=call.queue_id,
            clerk_name=clerk_name,
            ice_servers=ice_servers_for(self.settings, call_id=call.id),
            ice_transport_policy=self.settings.visitor_ice_transport_policy,
        )

    def join(
        self,
        visitor: VisitorRecord,
        *,
        queue_id: str,
        consent: Consent,
        camera: bool,
        rejoin_call_id: str | None,
    ) -> None:
        if visitor.call_id is not None:
            raise QueueRefusal("already_queued", "You are already in the queue or in a call.")
        context = self._context(visitor)
        queue = next((q for q in context.queues if q.id == queue_id), None)
        if queue is None:
            raise QueueRefusal("unknown_queue", "This queue does not exist.")
        refused_choice = rules.recording_refusal(context.recording_mode, consent.recording)
        if refused_choice is not None:
            raise QueueRefusal(*refused_choice)
        line = self.state.line(context.organisation_id, queue.id)
        # Only a visitor whose clerk vanished mid-call may skip the line.
        front = rejoin_call_id is not None and rejoin_call_id == visitor.rejoinable_call_id
        refusal = None
        if not context.is_open:
            refusal = QueueRefusal(
                "queue_closed", f"The queue is closed now. It opens at {context.opens_at}."
            )
        elif len(line) >= queue.max_length and not front:
            refusal = QueueRefusal("queue_full", "The queue is full. Please try again later.")
        now = clock.now()
        call = LiveCall(
            id=security.new_id("call"),
            organisation_id=context.organisation_id,
            queue_id=queue.id,
            reference=rules.new_reference(),
            session_hash=visitor.session_hash,
            joined_at=now,
            recording=consent.recording,
            transcription=consent.transcription,
            consent_at=clock.iso(now),
            text_version=context.consent_text_version,
            camera=camera,
            target_seconds=queue.target_seconds,
            recording_mode=context.recording_mode,
        )
        with self.state.transaction():
            store.insert_call(
                self.db,
                {
                    "id": call.id,
                    "reference": call.reference,
                    "organisation_id": call.organisation_id,
                    "queue_id": call.queue_id,
                    "widget_id": context.widget_id,
                    "joined_at": call.consent_at,
                    "target_seconds": call.target_seconds,
                    "rejoined_from": rejoin_call_id if front else None,
                    "rating_session_hash": visitor.session_hash,  # server/ratings
                    **({"outcome": "rejected", "ended_at": call.consent_at} if refusal else {}),
                },
            )
            self._record_consent(call, rules.questions_asked(call.recording_mode))
            if refusal is None:
                self.state.enqueue(call, front=front)
                visitor.call_id = call.id
            visitor.rejoinable_call_id = None
            self.state.save_visitor(visitor)
        if refusal is not None:
            self._publisher.refresh(context.organisation_id)
            raise refusal
        position = self._position(call)
        queued = self._queued(call, position)
        self._told[call.id] = (position, queued.estimated_wait_seconds)
        self._send_visitor(visitor.session_hash, queued)
        self._positions_changed(call.organisation_id, call.queue_id, position)
        self._publisher.refresh(context.organisation_id)

    def widget(self, widget_key: str, language: str) -> WidgetContext | None:
        """The widget as it is now (hours, queues, origins), shared by its visitors for a second.

        Shared also in memory: every waiting visitor's record points at the same id strings.
        """
        key = (widget_key, language)
        now = clock.monotonic()
        cached = self._contexts.get(key)
        if cached is None or now - cached[0] > CONTEXT_SECONDS:
            context = widget_context(self.db, widget_key=widget_key, language=language)
            if context is None:
                self._contexts.pop(key, None)
                return None
            cached = (now, context)
            self._contexts[key] = cached
        return cached[1]

    def _queue_names(self, organisation_id: str) -> dict[str, dict[str, str]]:
        return queue_names(self.db, organisation_id=organisation_id)

    def _context(self, visitor: VisitorRecord) -> WidgetContext:
        context = self.widget(visitor.widget_key, visitor.language)
        if context is None or context.widget_id != visitor.widget_id:
            raise QueueRefusal("unknown_widget", "This widget is no longer available.")
        if context.organisation_closed:
            raise QueueRefusal(CLOSED.code, CLOSED.message)
        return context

    def _queued(self, call: LiveCall, position: int) -> Queued:
        return Queued(
            call_id=call.id,
            reference=call.reference,
            position=position,
            estimated_wait_seconds=self._estimator(call.organisation_id, call.queue_id)(position),
        )

    def _staffing(self, organisation_id: str) -> rules.Staffing:
        duties = [rules.duty(clerk.state) for clerk in self.state.clerks(organisation_id)]
        return rules.Staffing(free=duties.count("free"), working=duties.count("working"))

    def _estimator(self, organisation_id: str, queue_id: str) -> Callable[[int], int]:
        """The wait estimate by position in one line. Its inputs (the clerks, the day's
        handle time) are read once here: a walk estimates for thousands of visitors a turn."""
        staffing = self._staffing(organisation_id)
        handle_seconds = self._figures.handle_seconds(organisation_id, queue_id)
        return lambda position: rules.estimated_wait_seconds(
            position=position, average_handle_seconds=handle_seconds, staffing=staffing
        )

    def _position(self, call: LiveCall) -> int:
        return self.state.line(call.organisation_id, call.queue_id).index(call.id) + 1

    def _positions_changed(self, organisation_id: str, queue_id: str, first: int = 1) -> None:
        """Tell the visitors from position `first` on where they stand, once this operation is done.

        With thousands waiting, the visitors behind one who left or was taken all move up, and
        each must be told. That walk runs on the loop's next turn, so the party who caused the
        change (a clerk's `take`) is answered first, and changes within one turn share a walk.
        """
        key = (organisation_id, queue_id)
        if key not in self._moved:
            asyncio.get_running_loop().call_soon(self._tell_positions, key)
        self._moved[key] = min(first, self._moved.get(key, first))

    def _staffing_changed(self, organisation_id: str) -> None:
        """A clerk came on duty, off it, or free: waiting visitors' estimates may move, so each
        line is walked again from the front (a wrap-up ending, a clerk going away). The walk
        tells only those whose estimate changed: when a clerk comes free, one visitor in each
        `free + working` crosses into an earlier round. From a call to its wrap-up the clerk
        stays working, and nothing is walked."""
        for queue_id, line in self.state.lines(organisation_id):
            if line:
                self._positions_changed(organisation_id, queue_id)

    def _tell_positions(self, key: tuple[str, str]) -> None:
        """Up to POSITIONS_PER_TURN of the walk; the rest on a later turn of the loop.

        In between, what waits on the loop goes first: the reply to the take that moved the
        line (written to the socket, or to the bus for a clerk on another process), other
        parties' messages, a lease's renewal. A change meanwhile restarts the walk at its
        place if that is nearer the front; visitors who were told this place and this estimate
        already are skipped.
        """
        first = self._moved.pop(key)
        line = self.state.line(*key)
        last = min(len(line), first + POSITIONS_PER_TURN - 1)
        estimate = self._estimator(*key)  # once per turn: the same inputs for the whole line
        for position in range(first, last + 1):
            call_id = line[position - 1]
            told = (position, estimate(position))
            if self._told.get(call_id) == told:
                continue
            call = self.state.call(call_id)
            if call is None:
                continue
            self._told[call_id] = told
            self._send_visitor(
                call.session_hash, Position(position=position, estimated_wait_seconds=told[1])
            )
        if last < len(line):
            self._positions_changed(*key, last + 1)

    def change_consent(self, visitor: VisitorRecord, consent: Consent) -> None:
        """Only the visitor's socket comes here: the clerk has no message for consent (P3).

        Withdrawing recording under a widget whose calls are recorded (`required`) ends the
        call, after the withdrawal is recorded and the clerk told (so the app deletes its copy).
        """
        call = self.state.call(visitor.call_id or "")
        if call is None:
            raise QueueRefusal("not_in_call", "Consent belongs to a call; join a queue first.")
        refusal = rules.recording_refusal(call.recording_mode, consent.recording)
        if refusal is not None and refusal[0] == "recording_off":
            raise QueueRefusal(*refusal)
        before = (call.recording, call.transcription)
        call.recording, call.transcription = consent.recording, consent.transcription
        call.consent_at = clock.now_iso()
        answered = rules.questions_changed(before, (call.recording, call.transcription))
        with self.state.transaction():
            self._record_consent(call, answered)
            self.state.save_call(call)
        state = self._consent_state(call)
        self._send_visitor(visitor.session_hash, state)
        if not consent.recording:
            for listener in self.consent_listeners:
                listener.recording_withdrawn(call.organisation_id, call.id)
        if call.clerk_id is not None:
            self._send_clerk(call.clerk_id, state)
        if refusal is not None:  # recording_required: withdrawing ends the call
            with self.state.transaction():
                self._end_for_withdrawal(call, visitor)
        self._publisher.refresh(call.organisation_id)

    def _end_for_withdrawal(self, call: LiveCall, visitor: VisitorRecord) -> None:
        """The visitor withdrew what the call requires: as if they hung up (or left the queue)."""
        if call.clerk_id is not None:
            self._end_call(call, ended_by="visitor", reason="hangup")
            return
        self._abandon(call)
        visitor.call_id = None
        self.state.save_visitor(visitor)
        self._send_visitor(
            visitor.session_hash,
            Ended(call_id=call.id, reference=call.reference, reason="hangup"),
        )

    def _record_consent(self, call: LiveCall, questions: str) -> None:
        store.insert_consent(
            self.db,
            {
                "organisation_id": call.organisation_id,
                "call_id": call.id,
                "questions": questions,
                "recording": int(call.recording),
                "transcription": int(call.transcription),
                "recording_mode": call.recording_mode,
                "text_version": call.text_version,
                "at": call.consent_at,
            },
        )

    def _consent_state(self, call: LiveCall) -> ConsentState:
        return ConsentState(
            call_id=call.id,
            consent=Consent(recording=call.recording, transcription=call.transcription),
            at=call.consent_at,
            text_version=call.text_version,
        )

    def visitor_left(self, visitor: VisitorRecord, *, lost: bool = False) -> None:
        """A `leave`, a clean close while waiting, or a drop that outlived the grace period."""
        self._cancel(f"v:{visitor.session_hash}")
        call = self.state.call(visitor.call_id or "")
        with self.state.transaction():
            if call is not None and call.clerk_id is None:
                self._abandon(call)
            elif call is not None:
                reason = "peer_lost" if lost else "peer_left"
                self._end_call(call, ended_by="visitor", reason=reason)
            self.state.remove_visitor(visitor.session_hash)

    def visitor_closed(self, visitor: VisitorRecord, outbox: PartyOutbox, code: int) -> None:
        """The visitor's socket ended with this close code (or failed: an abnormal code)."""
        key = visitor.session_hash
        if self._visitor_outboxes.get(key) is not outbox:  # an older socket of one who came back
            return
        del self._visitor_outboxes[key]
        kind = rules.close_kind(code)
        known = self.state.visitor(key)
        if kind == "restart" or known is None:
            return
        call = self.state.call(known.call_id or "")
        # A clean close while waiting is the page closing; in a call it may be a reload.
        if call is None or (kind == "clean" and call.clerk_id is None):
            self.visitor_left(known)
            return
        with self.state.transaction():
            known.connected = False
            self.state.save_visitor(known)
        if call.clerk_id is not None:
            self._send_clerk(
                call.clerk_id, PeerLost(call_id=call.id, grace_seconds=int(self.grace))
            )
        self._publisher.refresh(call.organisation_id)
        self._wait_for_visitor(key)

    def _wait_for_visitor(self, key: str) -> None:
        def gone() -> None:
            visitor = self.state.visitor(key)
            if visitor is not None and not visitor.connected:
                self.visitor_left(visitor, lost=True)

        self._later(f"v:{key}", self.grace, gone)

    def _abandon(self, call: LiveCall) -> None:
        behind = self._position(call)
        self.state.remove_call(call.id)
        self._told.pop(call.id, None)
        store.update_call(
            self.db,
            call.organisation_id,
            call.id,
            {"outcome": "abandoned", "ended_at": clock.now_iso(), "end_reason": "left"},
        )
        self._positions_changed(call.organisation_id, call.queue_id, behind)
        self._publisher.refresh(call.organisation_id)

    # ---- clerks ----------------------------------------------------------------------------

    def clerk_connected(
        self, outbox: PartyOutbox, *, user_id: str, organisation_id: str, name: str, role: str
    ) -> ClerkRecord:
        """A clerk's socket; one back within the grace period gets its presence and call back."""
        self._cancel(f"c:{user_id}")
        self._adopt(self._clerk_outboxes, user_id, outbox)
        known = self.state.clerk(user_id)
        if known is None:
            known = ClerkRecord(user_id, organisation_id, name, role, "away", clock.now())
        known.name, known.role, known.connected = name, role, True
        with self.state.transaction():
            self.state.save_clerk(known)
        outbox.send(PresenceChanged(state=known.state))
        outbox.send(queue_snapshot(self.state, organisation_id, self._queue_names(organisation_id)))
        if role in ("supervisor", "admin"):
            outbox.send(self._figures.snapshot(organisation_id, self.state))
        call = self.state.call(known.call_id or "")
        if call is not None:
            visitor = self.state.visitor(call.session_hash)
            if visitor is not None and visitor.connected:
                self._send_visitor(visitor.session_hash, PeerBack(call_id=call.id))
            else:
                outbox.send(PeerLost(call_id=call.id, grace_seconds=int(self.grace)))
        for listener in self.listeners:
            listener.staff_connected(known)
        self._publisher.refresh(organisation_id)
        return known

    def set_presence(self, clerk: ClerkRecord, state: PresenceState) -> None:
        if clerk.call_id is not None and state != "offline":
            raise QueueRefusal("in_call", "Finish the call (and its wrap-up) first.")
        with self.state.transaction():
            self._set_state(clerk, state)
        self._publisher.refresh(clerk.organisation_id)

    def _set_state(self, clerk: ClerkRecord, state: PresenceState) -> None:
        if clerk.state != state:
            if rules.duty(clerk.state) != rules.duty(state):
                self._staffing_changed(clerk.organisation_id)
            clerk.state = state
            clerk.since = clock.now()
        if self.state.clerk(clerk.user_id) is clerk:
            self.state.save_clerk(clerk)
        self._send_clerk(clerk.user_id, PresenceChanged(state=state))

    def take(self, clerk: ClerkRecord, call_id: str | None) -> LiveCall:
        """Assign a waiting visitor to this clerk: the next one, or the one chosen."""
        if clerk.state != "available" or clerk.call_id is not None:
            raise QueueRefusal("not_available", "Set yourself available before taking a call.")
        call = self._pick(clerk.organisation_id, call_id)
        place = self._position(call)
        answered = clock.now()
        with self.state.transaction():
            if not self.state.claim(call.id, clerk.user_id):
                raise QueueRefusal("already_taken", "Another clerk has taken this visitor.")
            clerk.call_id = call.id
            self._set_state(clerk, "in_call")
            store.update_call(
                self.db,
                call.organisation_id,
                call.id,
                {
                    "answered_at": clock.iso(answered),
                    "wait_seconds": (answered - call.joined_at).total_seconds(),
                    "clerk_user_id": clerk.user_id,
                },
            )
        self._told.pop(call.id, None)
        self._later(
            f"a:{call.id}", self.settings.answer_timeout_seconds, lambda: self._unanswered(call.id)
        )
        consent = Consent(recording=call.recording, transcription=call.transcription)
        to_clerk = Assigned(
            call_id=call.id,
            reference=call.reference,
            queue_id=call.queue_id,
            consent=consent,
            ice_servers=ice_servers_for(self.settings, call_id=call.id),
            ice_transport_policy=self.settings.clerk_ice_transport_policy,
            record_clerk_video=recordings.records_clerk_video(
                self.db, organisation_id=call.organisation_id
            ),
        )
        self._send_clerk(clerk.user_id, to_clerk)
        self._send_clerk(clerk.user_id, self._consent_state(call))
        self._send_visitor(call.session_hash, self._assigned_to_visitor(call, clerk.name))
        self._positions_changed(call.organisation_id, call.queue_id, place)
        self._publisher.refresh(call.organisation_id)
        return call

    def _pick(self, organisation_id: str, call_id: str | None) -> LiveCall:
        if call_id is not None:
            call = self.state.call(call_id)
            if call is None or call.organisation_id != organisation_id:
                raise QueueRefusal("unknown_call", "No such visitor is waiting.")
            if call.clerk_id is not None:
                raise QueueRefusal("already_taken", "Another clerk has taken this visitor.")
            if not self._reachable(call):
                raise QueueRefusal(
                    "visitor_reconnecting",
                    "This visitor's connection dropped; they keep their place while they return.",
                )
            return call
        heads = []
        for _, line in self.state.lines(organisation_id):
            head = next((c for c in map(self.state.call, line) if c and self._reachable(c)), None)
            if head is not None:
                heads.append(head)
        if not heads:
            raise QueueRefusal("queue_empty", "Nobody is waiting.")
        return min(heads, key=lambda c: c.joined_at)

    def _reachable(self, call: LiveCall) -> bool:
        visitor = self.state.visitor(call.session_hash)
        return visitor is not None and visitor.connected

    def wrap_up(self, clerk: ClerkRecord, *, call_id: str, outcome: str, note: str) -> None:
        call = store.get_call(self.db, clerk.organisation_id, call_id)
        if call is None or call.clerk_user_id != clerk.user_id:
            raise QueueRefusal("unknown_call", "This is not one of your calls.")
        if clerk.call_id == call_id or call.ended_at is None:
            raise QueueRefusal("in_call", "Hang up before wrapping up.")
        with self.state.transaction():
            store.update_call(
                self.db,
                clerk.organisation_id,
                call_id,
                {"wrap_up_outcome": outcome, "wrap_up_note": note},
            )
            self._set_state(clerk, "available")
        self._publisher.refresh(clerk.organisation_id)

    def clerk_closed(self, clerk: ClerkRecord, outbox: PartyOutbox, code: int) -> None:
        """The clerk's socket ended; a clean close outside a call signs the clerk off at once."""
        if self._clerk_outboxes.get(clerk.user_id) is not outbox:
            return
        del self._clerk_outboxes[clerk.user_id]
        kind = rules.close_kind(code)
        known = self.state.clerk(clerk.user_id)
        if kind == "restart" or known is None:
            return
        if kind == "clean" and known.call_id is None:
            self._clerk_gone(known.user_id)
            return
        with self.state.transaction():
            known.connected = False
            self.state.save_clerk(known)
        call = self.state.call(known.call_id or "")
        if call is not None:
            self._send_visitor(
                call.session_hash, PeerLost(call_id=call.id, grace_seconds=int(self.grace))
            )
        self._wait_for_clerk(known.user_id)
        self._publisher.refresh(known.organisation_id)

    def _wait_for_clerk(self, user_id: str) -> None:
        def gone() -> None:
            clerk = self.state.clerk(user_id)
            if clerk is not None and not clerk.connected:
                self._clerk_gone(user_id)

        self._later(f"c:{user_id}", self.grace, gone)

    def _clerk_gone(self, user_id: str) -> None:
        """The clerk is offline; a call of theirs ends and its visitor may rejoin at the front."""
        self._cancel(f"c:{user_id}")
        clerk = self.state.clerk(user_id)
        if clerk is None:
            return
        call = self.state.call(clerk.call_id or "")
        with self.state.transaction():
            if call is not None:
                self._end_call(call, ended_by="clerk", reason="peer_lost")
            self.state.remove_clerk(user_id)
        if rules.duty(clerk.state) is not None:
            self._staffing_changed(clerk.organisation_id)
        self._publisher.refresh(clerk.organisation_id)

    # ---- calls -----------------------------------------------------------------------------

    def call_of_visitor(self, visitor: VisitorRecord) -> tuple[LiveCall, ClerkRecord]:
        call = self.state.call(visitor.call_id or "")
        clerk = self.state.clerk(call.clerk_id or "") if call else None
        if call is None or clerk is None:
            raise QueueRefusal("not_in_call", "You are not in a call.")
        return call, clerk

    def call_of_clerk(self, clerk: ClerkRecord, call_id: str) -> tuple[LiveCall, VisitorRecord]:
        call = self.state.call(call_id)
        visitor = self.state.visitor(call.session_hash) if call else None
        if call is None or clerk.call_id != call_id or visitor is None:
            raise QueueRefusal("not_in_call", "You are not in this call.")
        return call, visitor

    def visitor_answered(self, call: LiveCall) -> None:
        """The visitor's browser answered: the call is live, the answer deadline is off."""
        self._cancel(f"a:{call.id}")

    def hang_up(self, call: LiveCall, *, by: str) -> None:
        with self.state.transaction():
            self._end_call(call, ended_by=by, reason="hangup")

    def _unanswered(self, call_id: str) -> None:
        """The visitor never answered the clerk's offer: end the attempt, the clerk goes on."""
        call = self.state.call(call_id)
        if call is not None and call.clerk_id is not None:
            with self.state.transaction():
                self._end_call(call, ended_by="visitor", reason="unanswered")

    def send_to_clerk_of(self, call: LiveCall, message: BaseModel) -> None:
        if call.clerk_id is not None:
            self._send_clerk(call.clerk_id, message)

    def send_to_visitor_of(self, call: LiveCall, message: BaseModel) -> None:
        self._send_visitor(call.session_hash, message)

    def send_to_user(self, user_id: str, message: BaseModel) -> None:
        """To a clerk's, supervisor's or admin's socket, if it is connected here."""
        self._send_clerk(user_id, message)

    def send_to_roles(
        self, organisation_id: str, roles: tuple[str, ...], message: BaseModel
    ) -> None:
        """To every connected user of the organisation with one of `roles` (one JSON text)."""
        text = message.model_dump_json()
        for clerk in self.state.clerks(organisation_id):
            if clerk.role in roles and clerk.connected:
                self._send_clerk(clerk.user_id, text)

    def call_held_by(self, organisation_id: str, user_id: str) -> str | None:
        """The live call this user is in, if any. Read from the database, which every process
        shares: an HTTP request may land on a process that is not the organisation's home."""
        return store.live_call_of_clerk(self.db, organisation_id, user_id)

    def visitor_extension(self, visitor: VisitorRecord, message: BaseModel) -> None:
        """A visitor's message for another capability (an `offer_reply`)."""
        if not any(listener.visitor_message(visitor, message) for listener in self.listeners):
            raise QueueRefusal("unknown_type", "Nothing here handles this message.")

    def _end_call(self, call: LiveCall, *, ended_by: str, reason: str) -> None:
        """End a call for both sides and close its record (inside the caller's transaction).

        `ended_by` is the side that hung up, left, vanished or never answered; `reason` is
        what happened: `hangup`, `peer_left`, `peer_lost` or `unanswered`.
        """
        self._cancel(f"a:{call.id}")
        self.state.remove_call(call.id)
        clerk = self.state.clerk(call.clerk_id or "")
        visitor = self.state.visitor(call.session_hash)
        clerk_lost = reason == "peer_lost" and ended_by == "clerk"
        may_rejoin = clerk_lost or reason == "unanswered"
        store.update_call(
            self.db,
            call.organisation_id,
            call.id,
            {
                "ended_at": clock.now_iso(),
                "outcome": rules.call_outcome(ended_by=ended_by, reason=reason),
                "end_reason": rules.end_reason(ended_by=ended_by, reason=reason),
            },
        )
        self._figures.forget(call.organisation_id)
        ended = Ended(call_id=call.id, reference=call.reference, reason="hangup")
        if visitor is not None:
            visitor.call_id = None
            visitor.rejoinable_call_id = call.id if may_rejoin else None
            self.state.save_visitor(visitor)
            to_visitor = "hangup" if ended_by == "visitor" and reason != "unanswered" else reason
            self._send_visitor(
                visitor.session_hash,
                ended.model_copy(update={"reason": to_visitor, "can_rejoin": may_rejoin}),
            )
        if clerk is not None:
            clerk.call_id = None
            to_clerk = "hangup" if ended_by == "clerk" else rules.told_other_side(reason)
            self._send_clerk(clerk.user_id, ended.model_copy(update={"reason": to_clerk}))
            # Nobody talked on an unanswered call: the clerk goes straight on to the next.
            self._set_state(clerk, "available" if reason == "unanswered" else "wrap_up")
        self._publisher.refresh(call.organisation_id)

    # ---- closed organisations --------------------------------------------------------------

    def organisations_present(self) -> set[str]:
        """The organisations that have a visitor, a clerk or a call in the queue now."""
        visitors, clerks, calls = self.state.everything()
        return (
            {v.organisation_id for v in visitors}
            | {c.organisation_id for c in clerks}
            | {c.organisation_id for c in calls}
        )

    def close_organisation(self, organisation_id: str) -> None:
        """The organisation's account closed (P12): its calls end, its visitors are told and
        let go (4410), its clerks' sockets close (4401). Their records end `organisation_closed`."""
        visitors, clerks, calls = self.state.everything()
        now = clock.now_iso()
        with self.state.transaction():
            for call in [c for c in calls if c.organisation_id == organisation_id]:
                self._cancel(f"a:{call.id}")
                self.state.remove_call(call.id)
                self._told.pop(call.id, None)
                store.update_call(
                    self.db,
                    organisation_id,
                    call.id,
                    {
                        "ended_at": now,
                        "outcome": "answered" if call.clerk_id else "abandoned",
                        "end_reason": CLOSED.code,
                    },
                )
            for visitor in [v for v in visitors if v.organisation_id == organisation_id]:
                self._cancel(f"v:{visitor.session_hash}")
                self.state.remove_visitor(visitor.session_hash)
                outbox = self._visitor_outboxes.pop(visitor.session_hash, None)
                if outbox is not None:
                    outbox.send(CLOSED)
                    outbox.close_soon(CLOSE_GONE, CLOSED.code)
            for clerk in [c for c in clerks if c.organisation_id == organisation_id]:
                self._cancel(f"c:{clerk.user_id}")
                self.state.remove_clerk(clerk.user_id)
                outbox = self._clerk_outboxes.pop(clerk.user_id, None)
                if outbox is not None:
                    outbox.close_soon(CLOSE_UNAUTHORISED, CLOSED.code)
        self._figures.forget(organisation_id)
        self._contexts = {
            key: cached
            for key, cached in self._contexts.items()
            if cached[1].organisation_id != organisation_id
        }

    # ---- sockets, deadlines ----------------------------------------------------------------

    def _adopt(self, outboxes: dict[str, PartyOutbox], key: str, outbox: PartyOutbox) -> None:
        """The newest socket of a party is the one it is reached on; an older one goes quiet."""
        old = outboxes.get(key)
        if old is not None and old is not outbox:
            old.closed = True
        outboxes[key] = outbox

    def _send_visitor(self, session_hash: str, message: BaseModel) -> None:
        outbox = self._visitor_outboxes.get(session_hash)
        if outbox is not None:
            outbox.send(message)

    def _send_clerk(self, user_id: str, message: BaseModel | str) -> bool:
        outbox = self._clerk_outboxes.get(user_id)
        if outbox is None:
            return False
        outbox.send(message)
        return True

    def _later(self, key: str, seconds: float, action: clock.Action) -> None:
        self._cancel(key)

        def fire() -> None:
            self._deadlines.pop(key, None)
            action()

        self._deadlines[key] = clock.after(seconds, fire)

    def _cancel(self, key: str) -> None:
        deadline = self._deadlines.pop(key, None)
        if deadline is not None:
            deadline.cancel()

    def shutdown(self) -> None:
        """Stop the timers and let go of the homes; the state stays in the database for the
        next start, or for the next home."""
        self.homes.shutdown()
        self._publisher.stop()
        for deadline in self._deadlines.values():
            deadline.cancel()
        self._deadlines.clear()

"""The live queue: waiting visitors, clerks' presence, calls in progress, and their sockets.

Every operation is synchronous and runs on the event loop, so each one is atomic: two clerks
taking the same visitor are served one after the other, and exactly one wins. State lives
in memory behind this one class; a multi-server deployment would put it behind the same
methods on a shared store (see docs/architecture notes).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from pydantic import BaseModel
from sqlite_utils import Database

from server import clock, security
from server.config import Settings
from server.queue import figures, rules, store
from server.queue.ice import ice_servers_for
from server.queue.outbox import Outbox
from server.widgets.service import WidgetContext, widget_context
from videoclerk_protocol.messages import (
    Assigned,
    Consent,
    ConsentState,
    Ended,
    Error,
    PeerBack,
    PeerLost,
    Position,
    PresenceChanged,
    Queued,
    QueueInfo,
    QueueSnapshot,
    WaitingVisitor,
    Welcome,
)

SNAPSHOT_DELAY_SECONDS = 0.1
SNAPSHOT_MAX_WAITING = 500
CONTEXT_SECONDS = 1.0


class QueueRefusal(Exception):
    """A request the queue declines; becomes an `error` message with this code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def as_message(self, in_reply_to: str | None) -> Error:
        return Error(code=self.code, message=self.message, in_reply_to=in_reply_to)


@dataclass(slots=True)
class Call:
    id: str
    reference: str
    organisation_id: str
    queue_id: str
    queue_name: str
    session_id: str
    joined_at: datetime
    consent: Consent
    consent_at: str
    text_version: str
    camera: bool
    target_seconds: int
    clerk_id: str | None = None
    sent_position: int = 0


@dataclass(slots=True)
class Visitor:
    session_id: str
    organisation_id: str
    widget_id: str
    widget_key: str
    language: str
    outbox: Outbox | None
    call_id: str | None = None
    drop_timer: asyncio.TimerHandle | None = None
    rejoinable_call_id: str | None = None


@dataclass(slots=True)
class Clerk:
    user_id: str
    organisation_id: str
    name: str
    role: str
    outbox: Outbox | None
    state: str = "away"
    since: datetime = field(default_factory=clock.now)
    call_id: str | None = None
    drop_timer: asyncio.TimerHandle | None = None


class QueueRuntime:
    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings
        self.visitors: dict[str, Visitor] = {}
        self.clerks: dict[str, Clerk] = {}
        self.calls: dict[str, Call] = {}
        self.waiting: dict[tuple[str, str], list[str]] = {}
        self.connections = rules.SlidingWindow(settings.visitor_connections_per_minute, 60.0)
        self.joins = rules.SlidingWindow(settings.visitor_joins_per_minute, 60.0)
        self._snapshot_timers: dict[str, asyncio.TimerHandle] = {}
        self._stale: set[str] = set()
        self._figures = figures.DayFigures(db)
        self._contexts: dict[tuple[str, str], tuple[float, WidgetContext]] = {}

    @property
    def grace(self) -> float:
        return self.settings.reconnect_grace_seconds

    # ---- visitors --------------------------------------------------------------------------

    def allow_visitor_connection(self, ip: str | None) -> bool:
        """The IP is used here, in memory, and nowhere else (P1)."""
        now = time.monotonic()
        self.connections.forget_idle(now)
        return self.connections.allow(ip or "", now)

    def visitor_connected(
        self, outbox: Outbox, *, session_id: str, context: WidgetContext, language: str
    ) -> Visitor:
        """A new visitor, or the same one back within the grace period (same session id)."""
        known = self.visitors.get(session_id)
        if known is not None and known.widget_id == context.widget_id:
            _cancel(known.drop_timer)
            known.drop_timer = None
            old, known.outbox = known.outbox, outbox
            if old is not None and old is not outbox:
                old.closed = True
            outbox.send(Welcome(resumed=True, grace_seconds=int(self.grace)))
            call = self.calls.get(known.call_id or "")
            if call is not None:
                self._resend_visitor_state(known, call)
            return known
        visitor = Visitor(
            session_id,
            context.organisation_id,
            context.widget_id,
            context.widget_key,
            language,
            outbox,
        )
        self.visitors[session_id] = visitor
        outbox.send(Welcome(resumed=False, grace_seconds=int(self.grace)))
        return visitor

    def _resend_visitor_state(self, visitor: Visitor, call: Call) -> None:
        clerk = self.clerks.get(call.clerk_id or "")
        if clerk is None:
            position = self._position(call)
            self._send_visitor(visitor, self._queued(call, position))
            return
        if clerk.outbox is not None:
            clerk.outbox.send(PeerBack(call_id=call.id))

    def join(
        self,
        visitor: Visitor,
        *,
        queue_id: str,
        consent: Consent,
        camera: bool,
        rejoin_call_id: str | None,
        ip: str | None,
    ) -> None:
        if visitor.call_id is not None:
            raise QueueRefusal("already_queued", "You are already in the queue or in a call.")
        context = self._context(visitor)
        queue = next((q for q in context.queues if q.id == queue_id), None)
        if queue is None:
            raise QueueRefusal("unknown_queue", "This queue does not exist.")
        if not self.joins.allow(ip or "", time.monotonic()):
            raise QueueRefusal("rate_limited", "Too many attempts. Wait a minute and try again.")
        key = (context.organisation_id, queue.id)
        line = self.waiting.setdefault(key, [])
        # Only a visitor whose clerk vanished mid-call may skip the line.
        front = rejoin_call_id is not None and rejoin_call_id == visitor.rejoinable_call_id
        visitor.rejoinable_call_id = None
        refusal = None
        if not context.is_open:
            refusal = QueueRefusal(
                "queue_closed", f"The queue is closed now. It opens at {context.opens_at}."
            )
        elif len(line) >= queue.max_length and not front:
            refusal = QueueRefusal("queue_full", "The queue is full. Please try again later.")
        now = clock.now()
        call = Call(
            id=security.new_id("call"),
            reference=rules.new_reference(),
            organisation_id=context.organisation_id,
            queue_id=queue.id,
            queue_name=queue.name,
            session_id=visitor.session_id,
            joined_at=now,
            consent=consent,
            consent_at=clock.iso(now),
            text_version=context.consent_text_version,
            camera=camera,
            target_seconds=queue.target_seconds,
        )
        with self.db.atomic():
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
                    **({"outcome": "rejected", "ended_at": call.consent_at} if refusal else {}),
                },
            )
            self._record_consent(call)
        if refusal is not None:
            self._refresh_org(context.organisation_id)
            raise refusal
        self.calls[call.id] = call
        visitor.call_id = call.id
        if front:
            line.insert(0, call.id)
        else:
            line.append(call.id)
        position = self._position(call)
        call.sent_position = position
        self._send_visitor(visitor, self._queued(call, position))
        self._positions_changed(key)
        self._refresh_org(context.organisation_id)

    def _context(self, visitor: Visitor) -> WidgetContext:
        """The widget as it is now (hours, queues), shared by its visitors for a second."""
        key = (visitor.widget_key, visitor.language)
        now = time.monotonic()
        cached = self._contexts.get(key)
        if cached is None or now - cached[0] > CONTEXT_SECONDS:
            context = widget_context(
                self.db, widget_key=visitor.widget_key, language=visitor.language
            )
            if context is None or context.widget_id != visitor.widget_id:
                raise QueueRefusal("unknown_widget", "This widget is no longer available.")
            cached = (now, context)
            self._contexts[key] = cached
        return cached[1]

    def _queued(self, call: Call, position: int) -> Queued:
        return Queued(
            call_id=call.id,
            reference=call.reference,
            position=position,
            estimated_wait_seconds=self._estimate(call, position),
        )

    def _estimate(self, call: Call, position: int) -> int:
        working = sum(
            1
            for c in self.clerks.values()
            if c.organisation_id == call.organisation_id
            and c.state in ("available", "in_call", "wrap_up")
        )
        return rules.estimated_wait_seconds(
            position=position,
            average_handle_seconds=self._figures.handle_seconds(
                call.organisation_id, call.queue_id
            ),
            clerks_online=working,
        )

    def _position(self, call: Call) -> int:
        return self.waiting.get((call.organisation_id, call.queue_id), []).index(call.id) + 1

    def _positions_changed(self, key: tuple[str, str]) -> None:
        for index, call_id in enumerate(self.waiting.get(key, [])):
            call = self.calls[call_id]
            if call.sent_position != index + 1:
                call.sent_position = index + 1
                visitor = self.visitors.get(call.session_id)
                if visitor is not None:
                    self._send_visitor(
                        visitor,
                        Position(
                            position=index + 1,
                            estimated_wait_seconds=self._estimate(call, index + 1),
                        ),
                    )

    def change_consent(self, visitor: Visitor, consent: Consent) -> None:
        call = self.calls.get(visitor.call_id or "")
        if call is None:
            raise QueueRefusal("not_in_call", "Consent belongs to a call; join a queue first.")
        call.consent = consent
        call.consent_at = clock.now_iso()
        self._record_consent(call)
        clerk = self.clerks.get(call.clerk_id or "")
        if clerk is not None and clerk.outbox is not None:
            clerk.outbox.send(self._consent_state(call))
        self._refresh_org(call.organisation_id)

    def _record_consent(self, call: Call) -> None:
        store.insert_consent(
            self.db,
            {
                "organisation_id": call.organisation_id,
                "call_id": call.id,
                "recording": int(call.consent.recording),
                "transcription": int(call.consent.transcription),
                "text_version": call.text_version,
                "at": call.consent_at,
            },
        )

    def _consent_state(self, call: Call) -> ConsentState:
        return ConsentState(
            call_id=call.id,
            consent=call.consent,
            at=call.consent_at,
            text_version=call.text_version,
        )

    def visitor_left(self, visitor: Visitor, *, lost: bool = False) -> None:
        """An explicit leave, or a drop that outlived the grace period: removed at once."""
        _cancel(visitor.drop_timer)
        self.visitors.pop(visitor.session_id, None)
        call = self.calls.get(visitor.call_id or "")
        visitor.call_id = None
        if call is None:
            return
        if call.clerk_id is None:
            self._abandon(call)
        else:
            self._end_call(call, ended_by="visitor", lost=lost)

    def visitor_dropped(self, visitor: Visitor, outbox: Outbox) -> None:
        if visitor.outbox is not outbox:  # an older socket of a visitor who came back
            return
        visitor.outbox = None
        if visitor.session_id not in self.visitors:
            return
        call = self.calls.get(visitor.call_id or "")
        if call is None:
            self.visitors.pop(visitor.session_id, None)
            return
        clerk = self.clerks.get(call.clerk_id or "")
        if clerk is not None and clerk.outbox is not None:
            clerk.outbox.send(PeerLost(call_id=call.id, grace_seconds=int(self.grace)))
        visitor.drop_timer = self._later(lambda: self.visitor_left(visitor, lost=True))

    def _abandon(self, call: Call) -> None:
        key = (call.organisation_id, call.queue_id)
        self._remove_waiting(call)
        self.calls.pop(call.id, None)
        store.update_call(
            self.db,
            call.organisation_id,
            call.id,
            {"outcome": "abandoned", "ended_at": clock.now_iso(), "end_reason": "left"},
        )
        self._positions_changed(key)
        self._refresh_org(call.organisation_id)

    def _remove_waiting(self, call: Call) -> None:
        line = self.waiting.get((call.organisation_id, call.queue_id), [])
        if call.id in line:
            line.remove(call.id)

    # ---- clerks ----------------------------------------------------------------------------

    def clerk_connected(
        self, outbox: Outbox, *, user_id: str, organisation_id: str, name: str, role: str
    ) -> tuple[Clerk, bool]:
        known = self.clerks.get(user_id)
        if known is not None:
            _cancel(known.drop_timer)
            known.drop_timer = None
            old, known.outbox = known.outbox, outbox
            if old is not None and old is not outbox:
                old.closed = True
            call = self.calls.get(known.call_id or "")
            if call is not None:
                visitor = self.visitors.get(call.session_id)
                if visitor is not None:
                    self._send_visitor(visitor, PeerBack(call_id=call.id))
            resumed = True
        else:
            known = Clerk(user_id, organisation_id, name, role, outbox)
            self.clerks[user_id] = known
            resumed = False
        outbox.send(PresenceChanged(state=known.state))
        outbox.send(self._queue_snapshot(organisation_id))
        if role in ("supervisor", "admin"):
            outbox.send(self._figures.snapshot(organisation_id, self))
        self._refresh_org(organisation_id)
        return known, resumed

    def set_presence(self, clerk: Clerk, state: str) -> None:
        if clerk.call_id is not None and state != "offline":
            raise QueueRefusal("in_call", "Finish the call (and its wrap-up) first.")
        self._set_state(clerk, state)
        self._refresh_org(clerk.organisation_id)

    def _set_state(self, clerk: Clerk, state: str) -> None:
        if clerk.state != state:
            clerk.state = state
            clerk.since = clock.now()
        if clerk.outbox is not None:
            clerk.outbox.send(PresenceChanged(state=state))

    def take(self, clerk: Clerk, call_id: str | None) -> Call:
        """Assign a waiting visitor to this clerk: the next one, or the one chosen."""
        if clerk.state != "available" or clerk.call_id is not None:
            raise QueueRefusal("not_available", "Set yourself available before taking a call.")
        call = self._pick(clerk.organisation_id, call_id)
        self._remove_waiting(call)
        call.clerk_id = clerk.user_id
        clerk.call_id = call.id
        self._set_state(clerk, "in_call")
        answered = clock.now()
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
        ice = ice_servers_for(self.settings, call_id=call.id)
        assigned = Assigned(
            call_id=call.id, reference=call.reference, queue_id=call.queue_id, ice_servers=ice
        )
        if clerk.outbox is not None:
            clerk.outbox.send(assigned.model_copy(update={"consent": call.consent}))
            clerk.outbox.send(self._consent_state(call))
        visitor = self.visitors.get(call.session_id)
        if visitor is not None:
            self._send_visitor(visitor, assigned.model_copy(update={"clerk_name": clerk.name}))
        self._positions_changed((call.organisation_id, call.queue_id))
        self._refresh_org(call.organisation_id)
        return call

    def _pick(self, organisation_id: str, call_id: str | None) -> Call:
        if call_id is not None:
            call = self.calls.get(call_id)
            if call is None or call.organisation_id != organisation_id:
                raise QueueRefusal("unknown_call", "No such visitor is waiting.")
            if call.clerk_id is not None:
                raise QueueRefusal("already_taken", "Another clerk has taken this visitor.")
            return call
        heads = [
            self.calls[line[0]]
            for (org, _), line in self.waiting.items()
            if org == organisation_id and line
        ]
        if not heads:
            raise QueueRefusal("queue_empty", "Nobody is waiting.")
        return min(heads, key=lambda c: c.joined_at)

    def wrap_up(self, clerk: Clerk, *, call_id: str, outcome: str, note: str) -> None:
        row = store.get_call(self.db, clerk.organisation_id, call_id)
        if row is None or row["clerk_user_id"] != clerk.user_id:
            raise QueueRefusal("unknown_call", "This is not one of your calls.")
        if clerk.call_id == call_id:
            raise QueueRefusal("in_call", "Hang up before wrapping up.")
        store.update_call(
            self.db,
            clerk.organisation_id,
            call_id,
            {"wrap_up_outcome": outcome, "wrap_up_note": note},
        )
        self._set_state(clerk, "available")
        self._refresh_org(clerk.organisation_id)

    def clerk_dropped(self, clerk: Clerk, outbox: Outbox) -> None:
        if clerk.outbox is not outbox:
            return
        clerk.outbox = None
        call = self.calls.get(clerk.call_id or "")
        if call is not None:
            visitor = self.visitors.get(call.session_id)
            if visitor is not None:
                self._send_visitor(
                    visitor, PeerLost(call_id=call.id, grace_seconds=int(self.grace))
                )
        clerk.drop_timer = self._later(lambda: self._clerk_gone(clerk))

    def _clerk_gone(self, clerk: Clerk) -> None:
        """After the grace period the clerk is offline; a call ends and its visitor may rejoin."""
        clerk.drop_timer = None
        self.clerks.pop(clerk.user_id, None)
        call = self.calls.get(clerk.call_id or "")
        if call is not None:
            self._end_call(call, ended_by="clerk", lost=True)
        clerk.state = "offline"
        self._refresh_org(clerk.organisation_id)

    # ---- calls -----------------------------------------------------------------------------

    def call_of_visitor(self, visitor: Visitor) -> tuple[Call, Clerk]:
        call = self.calls.get(visitor.call_id or "")
        clerk = self.clerks.get(call.clerk_id or "") if call else None
        if call is None or clerk is None:
            raise QueueRefusal("not_in_call", "You are not in a call.")
        return call, clerk

    def call_of_clerk(self, clerk: Clerk, call_id: str) -> tuple[Call, Visitor]:
        call = self.calls.get(call_id)
        visitor = self.visitors.get(call.session_id) if call else None
        if call is None or clerk.call_id != call_id or visitor is None:
            raise QueueRefusal("not_in_call", "You are not in this call.")
        return call, visitor

    def hang_up(self, call: Call, *, by: str) -> None:
        self._end_call(call, ended_by=by, lost=False)

    def _end_call(self, call: Call, *, ended_by: str, lost: bool) -> None:
        """End a call for both sides and close its record.

        `ended_by` is the side that hung up, left or (with `lost`) vanished.
        """
        self.calls.pop(call.id, None)
        clerk = self.clerks.get(call.clerk_id or "")
        visitor = self.visitors.get(call.session_id)
        clerk_lost = lost and ended_by == "clerk"
        store.update_call(
            self.db,
            call.organisation_id,
            call.id,
            {
                "ended_at": clock.now_iso(),
                "outcome": "failed" if clerk_lost else "answered",
                "end_reason": f"{ended_by}_{'lost' if lost else 'hung_up'}",
            },
        )
        self._figures.forget(call.organisation_id)
        ended = Ended(call_id=call.id, reference=call.reference, reason="hangup")
        other = "peer_lost" if lost else "peer_left"
        if visitor is not None:
            visitor.call_id = None
            visitor.rejoinable_call_id = call.id if clerk_lost else None
            reason = other if ended_by == "clerk" and lost else "hangup"
            self._send_visitor(
                visitor, ended.model_copy(update={"reason": reason, "can_rejoin": clerk_lost})
            )
        if clerk is not None:
            clerk.call_id = None
            if clerk.user_id in self.clerks:
                self._set_state(clerk, "wrap_up")
            if clerk.outbox is not None:
                reason = "hangup" if ended_by == "clerk" else other
                clerk.outbox.send(ended.model_copy(update={"reason": reason}))
        self._refresh_org(call.organisation_id)

    # ---- fan-out ---------------------------------------------------------------------------

    def _send_visitor(self, visitor: Visitor, message: BaseModel) -> None:
        if visitor.outbox is not None:
            visitor.outbox.send(message)

    def _refresh_org(self, organisation_id: str) -> None:
        """Publish the organisation's queue (and figures) now, then at most once per quiet period.

        The first change goes out at once, so a clerk sees a new visitor without delay;
        changes during the following moment are coalesced into one trailing update.
        """
        if organisation_id in self._snapshot_timers:
            self._stale.add(organisation_id)
            return
        self._publish(organisation_id)
        self._snapshot_timers[organisation_id] = asyncio.get_running_loop().call_later(
            SNAPSHOT_DELAY_SECONDS, self._quiet_period_over, organisation_id
        )

    def _quiet_period_over(self, organisation_id: str) -> None:
        del self._snapshot_timers[organisation_id]
        if organisation_id in self._stale:
            self._stale.discard(organisation_id)
            self._refresh_org(organisation_id)

    def _publish(self, organisation_id: str) -> None:
        members = [
            c for c in self.clerks.values() if c.organisation_id == organisation_id and c.outbox
        ]
        if not members:
            return
        queue = self._queue_snapshot(organisation_id)
        supervisor = None
        for clerk in members:
            assert clerk.outbox is not None
            clerk.outbox.send(queue)
            if clerk.role in ("supervisor", "admin"):
                supervisor = supervisor or self._figures.snapshot(organisation_id, self)
                clerk.outbox.send(supervisor)

    def _queue_snapshot(self, organisation_id: str) -> QueueSnapshot:
        now = clock.now()
        infos: list[QueueInfo] = []
        waiting: list[WaitingVisitor] = []
        for (org, queue_id), line in self.waiting.items():
            if org != organisation_id:
                continue
            calls = [self.calls[c] for c in line]
            infos.append(
                QueueInfo(
                    id=queue_id,
                    name=calls[0].queue_name if calls else queue_id,
                    waiting=len(calls),
                    longest_wait_seconds=int((now - calls[0].joined_at).total_seconds())
                    if calls
                    else 0,
                )
            )
            waiting.extend(
                WaitingVisitor(
                    call_id=c.id,
                    queue_id=queue_id,
                    position=i + 1,
                    joined_at=clock.iso(c.joined_at),
                    consent=c.consent,
                    camera=c.camera,
                )
                for i, c in enumerate(calls[:SNAPSHOT_MAX_WAITING])
            )
        waiting.sort(key=lambda w: w.joined_at)
        return QueueSnapshot(queues=infos, waiting=waiting)

    def _later(self, action: Callable[[], None]) -> asyncio.TimerHandle:
        return asyncio.get_running_loop().call_later(self.grace, action)

    def shutdown(self) -> None:
        for timer in self._snapshot_timers.values():
            timer.cancel()
        for visitor in self.visitors.values():
            _cancel(visitor.drop_timer)
        for clerk in self.clerks.values():
            _cancel(clerk.drop_timer)


def _cancel(timer: asyncio.TimerHandle | None) -> None:
    if timer is not None:
        timer.cancel()

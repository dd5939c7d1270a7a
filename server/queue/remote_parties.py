"""At an organisation's home: the parties whose sockets are on other processes (fronts.py).

The home runs the queue's logic for them exactly as for its own sockets (sockets.py), with a
`RemoteOutbox` (wire.py) in place of the socket's outbox. Every process hears every home
subject; only the organisation's home (homes.py) acts on a message.
"""

from __future__ import annotations

import logging

from server.bus import Bus
from server.queue import sockets
from server.queue.runtime import QueueRuntime
from server.queue.state import ClerkRecord, VisitorRecord
from server.queue.wire import (
    PartyClosed,
    PartyMessage,
    RemoteOutbox,
    StaffArrived,
    ToFront,
    VisitorArrived,
    home_subject,
    moved_subject,
    to_front,
    to_home,
)
from videoclerk_protocol import messages as p

log = logging.getLogger("videoclerk.queue")


class RemoteParties:
    def __init__(self, runtime: QueueRuntime, bus: Bus) -> None:
        self._runtime = runtime
        self._bus = bus
        self._visitors: dict[str, tuple[VisitorRecord, RemoteOutbox]] = {}
        self._staff: dict[str, tuple[ClerkRecord, RemoteOutbox]] = {}
        self._handled: dict[str, int] = {}
        """Each party's last message handled here, to acknowledge it and skip repeats."""
        bus.subscribe(home_subject("*"), self._received)
        runtime.homes.on_taken.append(self._moved_here)

    def _moved_here(self, organisation_id: str) -> None:
        """Fronts announce their parties of the organisation to this process again."""
        self._bus.publish(moved_subject(organisation_id), organisation_id.encode())

    def _received(self, payload: bytes) -> None:
        message = to_home.validate_json(payload)
        if not self._runtime.homes.holds(message.organisation_id):
            return
        handled = self._handled.get(message.party)
        if handled is None and isinstance(message, PartyMessage):
            return  # announced to an earlier home: its front announces it here again
        if handled is None or message.seq > handled:
            try:
                self._handle(message)
            except Exception:
                log.exception("a forwarded party failed at its home; it counts as dropped")
                self._drop(message.party)
            handled = message.seq
        if isinstance(message, PartyClosed):
            self._handled.pop(message.party, None)
        else:
            self._handled[message.party] = handled
        to_front(self._bus, message.front, ToFront(party=message.party, ack=handled))

    def _handle(self, message: VisitorArrived | StaffArrived | PartyMessage | PartyClosed) -> None:
        runtime = self._runtime
        match message:
            case VisitorArrived():
                self._visitor_arrived(message)
            case StaffArrived():
                outbox = RemoteOutbox(self._bus, message.front, message.party)
                clerk = runtime.clerk_connected(
                    outbox,
                    user_id=message.user_id,
                    organisation_id=message.organisation_id,
                    name=message.name,
                    role=message.role,
                )
                self._staff[message.party] = (clerk, outbox)
            case PartyMessage() if message.party in self._visitors:
                visitor, outbox = self._visitors[message.party]
                # A `leave` closes the socket at the front, which then reports the close.
                parsed = sockets.parse(message.text, p.visitor_message, sockets.VISITOR_TYPES)
                sockets.on_visitor_message(runtime, visitor, outbox, parsed)
            case PartyMessage() if message.party in self._staff:
                clerk, outbox = self._staff[message.party]
                parsed = sockets.parse(message.text, p.clerk_message, sockets.CLERK_TYPES)
                sockets.on_clerk_message(runtime, clerk, outbox, parsed)
            case PartyClosed():
                self._closed(message.party, message.code)

    def _visitor_arrived(self, message: VisitorArrived) -> None:
        outbox = RemoteOutbox(self._bus, message.front, message.party)
        context = self._runtime.widget(message.widget_key, message.language)
        if context is None or context.organisation_id != message.organisation_id:
            outbox.close_soon(p.CLOSE_UNKNOWN, "unknown widget")
            return
        visitor = self._runtime.visitor_connected(
            outbox, session_hash=message.session_hash, context=context, language=message.language
        )
        self._visitors[message.party] = (visitor, outbox)

    def _closed(self, party: str, code: int) -> None:
        if party in self._visitors:
            visitor, outbox = self._visitors.pop(party)
            self._runtime.visitor_closed(visitor, outbox, code)
        elif party in self._staff:
            clerk, outbox = self._staff.pop(party)
            self._runtime.clerk_closed(clerk, outbox, code)

    def _drop(self, party: str) -> None:
        known = self._visitors.get(party) or self._staff.get(party)
        if known is not None:
            known[1].close_soon(sockets.CLOSE_INTERNAL_ERROR, "server error")

"""What other capabilities (offers) hear from the live queue, without the queue knowing them."""

from __future__ import annotations

from typing import Protocol

from pydantic import BaseModel

from server.queue.state import ClerkRecord, VisitorRecord


class CallListener(Protocol):
    def visitor_back(self, visitor: VisitorRecord, call_id: str) -> None:
        """A visitor in a call reconnected (or resumed) on a new socket."""
        ...

    def staff_connected(self, clerk: ClerkRecord) -> None:
        """A clerk's, supervisor's or admin's socket was admitted."""
        ...

    def visitor_message(self, visitor: VisitorRecord, message: BaseModel) -> bool:
        """A visitor's message the queue does not handle; True when this listener took it."""
        ...


class ConsentListener(Protocol):
    def recording_withdrawn(self, organisation_id: str, call_id: str) -> None:
        """The visitor withdrew recording consent: everything recorded of the call must go."""
        ...

"""The queue's state as plain records behind one interface (`QueueState`).

Waiting visitors with their place, clerks' chosen presence, calls in progress: everything a
restarted server (or, later, another server process) needs to carry on. Sockets, timers and
send queues are not state: they belong to the process holding the socket (runtime.py).

The interface is written for several processes sharing one store: a visitor is claimed with
one conditional write (`claim`), and no operation relies on a read made earlier by the caller.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from videoclerk_protocol.messages import PresenceState


@dataclass(slots=True)
class VisitorRecord:
    """A visitor's browser session, known only by a hash of its random session id (P1)."""

    session_hash: str
    organisation_id: str
    widget_id: str
    widget_key: str
    language: str
    call_id: str | None = None
    rejoinable_call_id: str | None = None
    connected: bool = True


@dataclass(slots=True)
class ClerkRecord:
    user_id: str
    organisation_id: str
    name: str
    role: str
    state: PresenceState
    since: datetime
    call_id: str | None = None
    connected: bool = True


@dataclass(slots=True)
class LiveCall:
    """A call from `join` until it ends: waiting while `clerk_id` is None, then in progress."""

    id: str
    organisation_id: str
    queue_id: str
    reference: str
    session_hash: str
    joined_at: datetime
    recording: bool
    transcription: bool
    consent_at: str
    text_version: str
    camera: bool
    target_seconds: int
    rank: float = 0.0
    clerk_id: str | None = None
    recording_mode: str = "offered"  # the widget's, when the visitor joined: kept for the call


class QueueState(Protocol):
    """Where the queue's records live. Reads return the records; writes go through at once."""

    def transaction(self) -> AbstractContextManager[None]:
        """Group one operation's writes, so that a crash leaves all or none of them."""
        ...

    def visitor(self, session_hash: str) -> VisitorRecord | None: ...
    def save_visitor(self, visitor: VisitorRecord) -> None: ...
    def remove_visitor(self, session_hash: str) -> None: ...

    def clerk(self, user_id: str) -> ClerkRecord | None: ...
    def clerks(self, organisation_id: str) -> Sequence[ClerkRecord]: ...
    def save_clerk(self, clerk: ClerkRecord) -> None: ...
    def remove_clerk(self, user_id: str) -> None: ...

    def call(self, call_id: str) -> LiveCall | None: ...
    def enqueue(self, call: LiveCall, *, front: bool) -> None:
        """Add a waiting call at the back of its line, or at the front (a rejoin)."""
        ...

    def save_call(self, call: LiveCall) -> None: ...
    def claim(self, call_id: str, clerk_id: str) -> bool:
        """Give a waiting call to a clerk: one conditional write, so exactly one clerk wins."""
        ...

    def remove_call(self, call_id: str) -> None: ...
    def line(self, organisation_id: str, queue_id: str) -> Sequence[str]:
        """The ids of the calls waiting in one queue, first in line first."""
        ...

    def lines(self, organisation_id: str) -> Iterator[tuple[str, Sequence[str]]]:
        """Each queue of the organisation that has a line, with its waiting call ids."""
        ...

    def load(self, organisation_id: str | None = None) -> None:
        """At start, or when one organisation's queue moves here (its home, homes.py): take up
        what the store holds, every party counted as disconnected."""
        ...

    def everything(
        self,
    ) -> tuple[Sequence[VisitorRecord], Sequence[ClerkRecord], Sequence[LiveCall]]:
        """All records, to rebuild the sockets' side after a restart."""
        ...

"""`QueueState` in memory, written through to SQLite: one process, restart-proof.

Reads come from memory (the hot path: positions, snapshots, figures); every write goes to
the database inside the caller's transaction before it returns, and `load` rebuilds the
memory from the database after a restart.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace

from server import clock
from server.queue import store
from server.queue.state import ClerkRecord, LiveCall, VisitorRecord
from server.sql import Database, Row


class WriteThroughQueueState:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._visitors: dict[str, VisitorRecord] = {}
        self._clerks: dict[str, ClerkRecord] = {}
        self._calls: dict[str, LiveCall] = {}
        self._lines: dict[tuple[str, str], list[str]] = {}

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._db.atomic():
            yield

    # ---- visitors ------------------------------------------------------------------------

    def visitor(self, session_hash: str) -> VisitorRecord | None:
        return self._visitors.get(session_hash)

    def save_visitor(self, visitor: VisitorRecord) -> None:
        self._visitors[visitor.session_hash] = visitor
        store.save_live_visitor(
            self._db,
            {
                "session_hash": visitor.session_hash,
                "organisation_id": visitor.organisation_id,
                "widget_id": visitor.widget_id,
                "widget_key": visitor.widget_key,
                "language": visitor.language,
                "call_id": visitor.call_id,
                "rejoinable_call_id": visitor.rejoinable_call_id,
                "connected": int(visitor.connected),
            },
        )

    def remove_visitor(self, session_hash: str) -> None:
        if self._visitors.pop(session_hash, None) is not None:
            store.delete_live_visitor(self._db, session_hash)

    # ---- clerks --------------------------------------------------------------------------

    def clerk(self, user_id: str) -> ClerkRecord | None:
        return self._clerks.get(user_id)

    def clerks(self, organisation_id: str) -> Sequence[ClerkRecord]:
        return [c for c in self._clerks.values() if c.organisation_id == organisation_id]

    def save_clerk(self, clerk: ClerkRecord) -> None:
        self._clerks[clerk.user_id] = clerk
        store.save_live_clerk(
            self._db,
            {
                "user_id": clerk.user_id,
                "organisation_id": clerk.organisation_id,
                "name": clerk.name,
                "role": clerk.role,
                "state": clerk.state,
                "since": clock.iso(clerk.since),
                "call_id": clerk.call_id,
                "connected": int(clerk.connected),
            },
        )

    def remove_clerk(self, user_id: str) -> None:
        if self._clerks.pop(user_id, None) is not None:
            store.delete_live_clerk(self._db, user_id)

    # ---- calls ---------------------------------------------------------------------------

    def call(self, call_id: str) -> LiveCall | None:
        return self._calls.get(call_id)

    def enqueue(self, call: LiveCall, *, front: bool) -> None:
        line = self._lines.setdefault((call.organisation_id, call.queue_id), [])
        ends = [self._calls[line[0]].rank, self._calls[line[-1]].rank] if line else [0.0, 0.0]
        call.rank = ends[0] - 1 if front else ends[1] + 1
        line.insert(0, call.id) if front else line.append(call.id)
        self.save_call(call)

    def save_call(self, call: LiveCall) -> None:
        self._calls[call.id] = call
        store.save_live_call(self._db, _call_row(call))

    def claim(self, call_id: str, clerk_id: str) -> bool:
        call = self._calls.get(call_id)
        if call is None or call.clerk_id is not None:
            return False
        if not store.claim_live_call(self._db, call_id, clerk_id):
            return False
        call.clerk_id = clerk_id
        self._leave_line(call)
        return True

    def remove_call(self, call_id: str) -> None:
        call = self._calls.pop(call_id, None)
        if call is not None:
            self._leave_line(call)
            store.delete_live_call(self._db, call_id)

    def _leave_line(self, call: LiveCall) -> None:
        key = (call.organisation_id, call.queue_id)
        line = self._lines.get(key)
        if line is not None and call.id in line:
            line.remove(call.id)
            if not line:
                del self._lines[key]

    def line(self, organisation_id: str, queue_id: str) -> Sequence[str]:
        return self._lines.get((organisation_id, queue_id), ())

    def lines(self, organisation_id: str) -> Iterator[tuple[str, Sequence[str]]]:
        for (org, queue_id), line in self._lines.items():
            if org == organisation_id:
                yield queue_id, line

    # ---- restart -------------------------------------------------------------------------

    def everything(
        self,
    ) -> tuple[Sequence[VisitorRecord], Sequence[ClerkRecord], Sequence[LiveCall]]:
        return [*self._visitors.values()], [*self._clerks.values()], [*self._calls.values()]

    def load(self, organisation_id: str | None = None) -> None:
        """Rebuild memory from the database, for every organisation or for one (its queue
        moved to this process); every party counts as disconnected until it returns."""
        with self.transaction():
            store.mark_all_disconnected(self._db, organisation_id)
            visitors, clerks, calls = store.live_records(self._db, organisation_id)
        if organisation_id is None:
            self._visitors, self._clerks, self._calls, self._lines = {}, {}, {}, {}
        else:
            self._forget(organisation_id)
        self._visitors |= {v.session_hash: replace(v, connected=False) for v in visitors}
        self._clerks |= {c.user_id: replace(c, connected=False) for c in clerks}
        for call in calls:
            self._calls[call.id] = call
            if call.clerk_id is None:
                self._lines.setdefault((call.organisation_id, call.queue_id), []).append(call.id)

    def _forget(self, organisation_id: str) -> None:
        """Drop what memory holds of one organisation (the database keeps it)."""
        self._visitors = {
            k: v for k, v in self._visitors.items() if v.organisation_id != organisation_id
        }
        self._clerks = {
            k: c for k, c in self._clerks.items() if c.organisation_id != organisation_id
        }
        self._calls = {k: c for k, c in self._calls.items() if c.organisation_id != organisation_id}
        self._lines = {key: line for key, line in self._lines.items() if key[0] != organisation_id}


def _call_row(call: LiveCall) -> Row:
    return {
        "id": call.id,
        "organisation_id": call.organisation_id,
        "queue_id": call.queue_id,
        "reference": call.reference,
        "session_hash": call.session_hash,
        "joined_at": clock.iso(call.joined_at),
        "recording": int(call.recording),
        "transcription": int(call.transcription),
        "consent_at": call.consent_at,
        "text_version": call.text_version,
        "camera": int(call.camera),
        "target_seconds": call.target_seconds,
        "rank": call.rank,
        "clerk_id": call.clerk_id,
        "recording_mode": call.recording_mode,
    }

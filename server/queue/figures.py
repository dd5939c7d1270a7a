"""Today's figures per queue (answered, abandoned, service level) and clerks' states."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from server import clock
from server.accounts.service import organisation_users
from server.queue import store
from server.queue.models import QueueDayFigures
from server.sql import Database
from server.widgets.service import list_queues, local_names
from videoclerk_protocol.messages import ClerkState, QueueStats, SupervisorSnapshot

if TYPE_CHECKING:
    from server.queue.state import QueueState


def day_start(moment: datetime) -> str:
    """Figures count from midnight UTC."""
    return clock.iso(moment.replace(hour=0, minute=0, second=0, microsecond=0))


class DayFigures:
    """Reads today's per-queue figures from the call records, cached until a call changes."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._cache: dict[str, tuple[str, dict[str, QueueDayFigures]]] = {}

    def forget(self, organisation_id: str) -> None:
        self._cache.pop(organisation_id, None)

    def _per_queue(self, organisation_id: str) -> dict[str, QueueDayFigures]:
        start = day_start(clock.now())
        cached = self._cache.get(organisation_id)
        if cached is None or cached[0] != start:
            found = store.day_figures(self.db, organisation_id, start)
            cached = (start, {f.queue_id: f for f in found})
            self._cache[organisation_id] = cached
        return cached[1]

    def handle_seconds(self, organisation_id: str, queue_id: str) -> float | None:
        figures = self._per_queue(organisation_id).get(queue_id)
        return figures.handle_seconds if figures else None

    def snapshot(self, organisation_id: str, state: QueueState) -> SupervisorSnapshot:
        self.forget(organisation_id)
        per_queue = self._per_queue(organisation_id)
        now = clock.now()
        queues = []
        for queue in list_queues(self.db, organisation_id=organisation_id):
            line = state.line(organisation_id, queue.id)
            head = state.call(line[0]) if line else None
            first = head.joined_at if head else None
            figures = per_queue.get(queue.id)
            queues.append(
                QueueStats(
                    queue_id=queue.id,
                    name=local_names(queue),
                    waiting=len(line),
                    longest_wait_seconds=int((now - first).total_seconds()) if first else 0,
                    answered=figures.answered if figures else 0,
                    abandoned=figures.abandoned if figures else 0,
                    answered_within_target=figures.within_target if figures else 0,
                    target_seconds=queue.target_seconds,
                )
            )
        clerks = {
            user.id: ClerkState(
                user_id=user.id, name=user.name, state="offline", since=user.created_at
            )
            for user in organisation_users(self.db, organisation_id=organisation_id, role="clerk")
        }
        for clerk in state.clerks(organisation_id):
            clerks[clerk.user_id] = ClerkState(
                user_id=clerk.user_id,
                name=clerk.name,
                state=clerk.state,
                since=clock.iso(clerk.since),
            )
        return SupervisorSnapshot(queues=queues, clerks=list(clerks.values()))

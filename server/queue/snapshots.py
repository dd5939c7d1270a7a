"""What clerks and supervisors see of the queue, published now and then at most once per moment.

The first change goes out at once (on the loop's next turn, after the operation's own replies),
so a clerk sees a new visitor without delay; changes during the following moment are coalesced
into one trailing update. A snapshot is built and serialised once for all of an organisation's
clerks: with thousands waiting it holds hundreds of entries.
"""

from __future__ import annotations

import asyncio
import heapq
from collections.abc import Callable, Mapping
from datetime import datetime
from functools import lru_cache

from pydantic import BaseModel

from server import clock
from server.queue.figures import DayFigures
from server.queue.state import LiveCall, QueueState
from videoclerk_protocol.messages import (
    Consent,
    QueueInfo,
    QueueSnapshot,
    Texts,
    WaitingVisitor,
)

SNAPSHOT_DELAY_SECONDS = 0.1
SNAPSHOT_MAX_WAITING = 500


def queue_snapshot(
    state: QueueState, organisation_id: str, names: Mapping[str, Texts]
) -> QueueSnapshot:
    """Every queue's count, and the SNAPSHOT_MAX_WAITING visitors who have waited longest.

    Only those few become message entries: with thousands waiting, building an entry for each
    visitor at every publish was most of the server's work. `names`: each queue's names by its
    id; a queue deleted while visitors still wait in it is named by its id.
    """
    now = clock.now()
    infos: list[QueueInfo] = []
    candidates: list[tuple[int, LiveCall]] = []
    for queue_id, line in state.lines(organisation_id):
        calls = [c for c in map(state.call, line) if c is not None]
        if not calls:
            continue
        infos.append(
            QueueInfo(
                id=queue_id,
                name=names.get(queue_id) or {"en": queue_id, "nl": queue_id},
                waiting=len(calls),
                longest_wait_seconds=int((now - calls[0].joined_at).total_seconds()),
            )
        )
        candidates += enumerate(calls[:SNAPSHOT_MAX_WAITING], start=1)
    longest = heapq.nsmallest(SNAPSHOT_MAX_WAITING, candidates, key=lambda pc: pc[1].joined_at)
    waiting = [_waiting(state, position, call) for position, call in longest]
    return QueueSnapshot(queues=infos, waiting=waiting)


def _waiting(state: QueueState, position: int, call: LiveCall) -> WaitingVisitor:
    visitor = state.visitor(call.session_hash)
    return WaitingVisitor(
        call_id=call.id,
        queue_id=call.queue_id,
        position=position,
        joined_at=_time_text(call.joined_at),
        consent=_consent(call.recording, call.transcription),
        camera=call.camera,
        reconnecting=visitor is None or not visitor.connected,
    )


# A snapshot lists the same longest-waiting visitors publish after publish: their join times
# and their (four kinds of) consent are made into message parts once, not 500 times a take.
@lru_cache(maxsize=2 * SNAPSHOT_MAX_WAITING)
def _time_text(moment: datetime) -> str:
    return clock.iso(moment)


@lru_cache(maxsize=4)
def _consent(recording: bool, transcription: bool) -> Consent:
    return Consent(recording=recording, transcription=transcription)


class SnapshotPublisher:
    """Sends each organisation's queue (and, to supervisors, figures) to its connected clerks."""

    def __init__(
        self,
        state: QueueState,
        figures: DayFigures,
        send_to_clerk: Callable[[str, BaseModel | str], bool],
        queue_names: Callable[[str], Mapping[str, Texts]],
    ) -> None:
        self._state = state
        self._figures = figures
        self._queue_names = queue_names
        self._send = send_to_clerk
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._stale: set[str] = set()

    def refresh(self, organisation_id: str) -> None:
        if organisation_id in self._timers:
            self._stale.add(organisation_id)
            return
        loop = asyncio.get_running_loop()
        loop.call_soon(self._publish, organisation_id)
        self._timers[organisation_id] = loop.call_later(
            SNAPSHOT_DELAY_SECONDS, self._quiet_period_over, organisation_id
        )

    def _quiet_period_over(self, organisation_id: str) -> None:
        del self._timers[organisation_id]
        if organisation_id in self._stale:
            self._stale.discard(organisation_id)
            self.refresh(organisation_id)

    def _publish(self, organisation_id: str) -> None:
        queue: str | None = None
        supervisor: str | None = None
        for clerk in self._state.clerks(organisation_id):
            if not clerk.connected:
                continue
            queue = (
                queue
                or queue_snapshot(
                    self._state, organisation_id, self._queue_names(organisation_id)
                ).model_dump_json()
            )
            self._send(clerk.user_id, queue)
            if clerk.role in ("supervisor", "admin"):
                supervisor = (
                    supervisor
                    or self._figures.snapshot(organisation_id, self._state).model_dump_json()
                )
                self._send(clerk.user_id, supervisor)

    def stop(self) -> None:
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()

"""How long each visitor has waited, on the server's clock (Qt-free).

The queue snapshot gives `joined_at` in the server's time and, per queue, how long the head
of the line has waited at the moment of the snapshot. From the two the server's "now" at
that moment follows, so a clerk's machine whose clock is off still shows the right wait;
between snapshots the local monotonic clock adds the seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

from clerk_app.queue.desk import QueueSummary, WaitingEntry


def _parse(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class WaitClock:
    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._monotonic = monotonic
        self._server_now: datetime | None = None
        self._received_at = monotonic()

    def snapshot(self, queues: Sequence[QueueSummary], waiting: Sequence[WaitingEntry]) -> None:
        """Call when a snapshot arrives."""
        self._received_at = self._monotonic()
        estimates: list[datetime] = []
        for queue in queues:
            heads = [w for w in waiting if w.queue_id == queue.id]
            if not heads or queue.waiting == 0:
                continue
            joined = _parse(min(heads, key=lambda w: w.joined_at).joined_at)
            if joined is not None:
                estimates.append(joined + timedelta(seconds=queue.longest_wait_seconds))
        # int() on the server rounds each figure down: the largest estimate is the closest.
        self._server_now = max(estimates) if estimates else None

    def waited_seconds(self, entry: WaitingEntry) -> int:
        joined = _parse(entry.joined_at)
        if joined is None:
            return 0
        elapsed = self._monotonic() - self._received_at
        now = self._server_now or datetime.now(UTC)
        base = (now - joined).total_seconds() + (elapsed if self._server_now else 0)
        return max(0, int(base))


def format_duration(seconds: int) -> str:
    """0:07, 4:05, 1:02:03."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"

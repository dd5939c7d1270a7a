"""Time in one format everywhere, from one clock that tests can move.

Wall time is timezone-aware UTC, stored as ISO 8601 text. Deadlines (grace periods, answer
timeouts) are `Deadline`s on the same clock, so a test that moves the clock forward with
`advance` fires every deadline that has come due, exactly as waiting would, without sleeping.
The clock only moves when the server runs with the `test_clock` setting (see server/testing.py).
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

Action = Callable[[], None]

_offset = 0.0
_sequence = itertools.count()
_pending: list[tuple[float, int, Deadline]] = []


def now() -> datetime:
    return datetime.now(UTC) + timedelta(seconds=_offset)


def timestamp() -> float:
    """`now()` as POSIX seconds, without building a datetime (hot paths compare these)."""
    return time.time() + _offset


def monotonic() -> float:
    """Seconds on a clock that never goes back; moved by `advance` like `now`."""
    return time.monotonic() + _offset


def iso(moment: datetime) -> str:
    """ISO text that sorts the same way as the times it stands for."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def now_iso() -> str:
    return iso(now())


def parse(text: str) -> datetime:
    return datetime.fromisoformat(text)


def later(seconds: float) -> str:
    return iso(now() + timedelta(seconds=seconds))


class Deadline:
    """A callback due `seconds` from now on this clock; fires once unless cancelled."""

    __slots__ = ("_action", "_handle", "due")

    def __init__(self, seconds: float, action: Callable[[], None]) -> None:
        self.due = monotonic() + seconds
        self._action: Callable[[], None] | None = action
        self._handle = asyncio.get_running_loop().call_later(max(0.0, seconds), self._fire)
        heapq.heappush(_pending, (self.due, next(_sequence), self))

    @property
    def active(self) -> bool:
        return self._action is not None

    def cancel(self) -> None:
        self._action = None
        self._handle.cancel()

    def _fire(self) -> None:
        action, self._action = self._action, None
        self._handle.cancel()
        if action is not None:
            action()


def after(seconds: float, action: Callable[[], None]) -> Deadline:
    """Call `action` on the event loop once `seconds` have passed on this clock."""
    _forget_spent()
    return Deadline(seconds, action)


def advance(seconds: float) -> None:
    """Move the clock forward and fire, in order, every deadline that is now due."""
    global _offset
    if seconds < 0:
        raise ValueError("The clock only moves forward.")
    _offset += seconds
    moment = monotonic()
    while _pending and _pending[0][0] <= moment:
        heapq.heappop(_pending)[2]._fire()


def _forget_spent() -> None:
    """Drop cancelled and fired deadlines from the front, so the heap stays small."""
    while _pending and not _pending[0][2].active:
        heapq.heappop(_pending)

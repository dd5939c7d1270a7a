"""The supervisor's figures, Qt-free: service level, ticking clocks and the one-hour window.

Times come in as arguments (a monotonic `now` in seconds, and the wall clock only to read
the server's `since` timestamps once), so every rule here is testable without waiting.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction

from videoclerk_protocol.messages import SupervisorSnapshot, Texts

WINDOW_SECONDS = 3600.0
# A sample per second plus one per snapshot; bursts of snapshots beyond this drop the oldest.
MAX_SAMPLES = 4 * 3600
MOST_INTERVALS = 5  # the chart's value axis: at most this many steps from 0 to the top
NICE_MULTIPLIERS = (1, 2, 5)


def service_level(answered_within_target: int, answered: int, abandoned: int) -> Fraction | None:
    """Share of today's calls that stopped waiting (answered or abandoned) and were answered
    within the queue's target; None before any call stopped waiting.

    An abandoned visitor counts against the service level: they were not answered in time.
    """
    offered = answered + abandoned
    if offered <= 0:
        return None
    return min(Fraction(1), max(Fraction(0), Fraction(answered_within_target, offered)))


def format_duration(seconds: float) -> str:
    """m:ss below an hour, h:mm:ss from then on; never negative."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def seconds_between(since_iso: str, wall_now: datetime) -> float:
    """Seconds from an ISO timestamp of the server to `wall_now`; 0 when unreadable or when
    the two clocks disagree the other way round."""
    try:
        since = datetime.fromisoformat(since_iso)
    except ValueError:
        return 0.0
    if since.tzinfo is None or wall_now.tzinfo is None:
        return 0.0
    return max(0.0, (wall_now - since).total_seconds())


@dataclass(frozen=True)
class Ticks:
    """A value axis from 0 to `top` in steps of `step`."""

    step: int
    top: int

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(range(0, self.top + 1, self.step))


def nice_ticks(peak: int, most: int = MOST_INTERVALS) -> Ticks:
    """Round ticks from 0 up to `peak` or just above it: the smallest step of 1, 2 or 5 times
    a power of ten that reaches `peak` in at most `most` intervals (peak 7: 0, 2, 4, 6, 8).

    An empty or all-zero chart still gets one interval (0 to 1), so the axis is never flat.
    """
    peak = max(1, peak)
    magnitude = 1
    while True:
        for multiplier in NICE_MULTIPLIERS:
            step = multiplier * magnitude
            intervals = math.ceil(peak / step)
            if intervals <= most:
                return Ticks(step=step, top=intervals * step)
        magnitude *= 10


@dataclass(frozen=True)
class Sample:
    at: float  # monotonic seconds
    waiting: int


class WaitingHistory:
    """Total waiting visitors over the last `window` seconds, oldest first."""

    def __init__(self, window: float = WINDOW_SECONDS, max_samples: int = MAX_SAMPLES) -> None:
        self.window = window
        self._samples: deque[Sample] = deque(maxlen=max_samples)

    def __len__(self) -> int:
        return len(self._samples)

    def record(self, at: float, waiting: int) -> None:
        """Add a sample; a time before the last sample's is taken as the last one's."""
        if self._samples and at < self._samples[-1].at:
            at = self._samples[-1].at
        self._samples.append(Sample(at, max(0, waiting)))
        self.prune(at)

    def prune(self, now: float) -> None:
        """Drop samples older than the window, keeping the one that was current at its start
        (so the line starts at the left edge instead of jumping in from nothing)."""
        start = now - self.window
        while len(self._samples) >= 2 and self._samples[1].at <= start:
            self._samples.popleft()

    def samples(self, now: float | None = None) -> list[Sample]:
        """The samples to draw for `now`: the window, the first clamped to its start."""
        items = list(self._samples)
        if now is None or not items:
            return items
        start = now - self.window
        visible = [s for s in items if s.at >= start]
        before = [s for s in items if s.at < start]
        if before:
            visible.insert(0, Sample(start, before[-1].waiting))
        return visible

    def peak(self, now: float | None = None) -> int:
        return max((s.waiting for s in self.samples(now)), default=0)

    def latest(self) -> Sample | None:
        return self._samples[-1] if self._samples else None


@dataclass(frozen=True)
class QueueFigures:
    queue_id: str
    names: Texts  # per language: the view shows the app's
    waiting: int
    longest_wait_seconds: int  # as the server counted it when the snapshot left
    answered: int
    abandoned: int
    answered_within_target: int
    target_seconds: int

    @property
    def service_level(self) -> Fraction | None:
        return service_level(self.answered_within_target, self.answered, self.abandoned)

    def longest_wait(self, elapsed: float) -> int:
        """The longest wait `elapsed` seconds after the snapshot arrived: it keeps growing
        while someone waits, without asking the server again."""
        if self.waiting <= 0:
            return 0
        return self.longest_wait_seconds + max(0, int(elapsed))


@dataclass(frozen=True)
class ClerkFigures:
    user_id: str
    name: str
    state: str
    since: str  # the server's timestamp
    seconds_in_state: float  # when the snapshot arrived

    def in_state(self, elapsed: float) -> int:
        return int(self.seconds_in_state + max(0.0, elapsed))


class SupervisorBoard:
    """The latest snapshot as figures that tick between snapshots, and the waiting history."""

    def __init__(self, *, window: float = WINDOW_SECONDS) -> None:
        self.queues: list[QueueFigures] = []
        self.clerks: list[ClerkFigures] = []
        self.history = WaitingHistory(window)
        self.received_at: float | None = None
        self.snapshots = 0

    def apply(self, snapshot: SupervisorSnapshot, *, now: float, wall_now: datetime) -> None:
        self.queues = [
            QueueFigures(
                queue_id=q.queue_id,
                names=q.name,
                waiting=q.waiting,
                longest_wait_seconds=q.longest_wait_seconds,
                answered=q.answered,
                abandoned=q.abandoned,
                answered_within_target=q.answered_within_target,
                target_seconds=q.target_seconds,
            )
            for q in snapshot.queues
        ]
        self.clerks = sorted(
            (
                ClerkFigures(
                    user_id=c.user_id,
                    name=c.name,
                    state=c.state,
                    since=c.since,
                    seconds_in_state=seconds_between(c.since, wall_now),
                )
                for c in snapshot.clerks
            ),
            key=lambda c: (c.name.casefold(), c.user_id),
        )
        self.received_at = now
        self.snapshots += 1
        self.history.record(now, self.total_waiting)

    def tick(self, now: float) -> None:
        """Once a second: the chart gets a sample (only once figures exist)."""
        if self.received_at is not None:
            self.history.record(now, self.total_waiting)

    def elapsed(self, now: float) -> float:
        return 0.0 if self.received_at is None else max(0.0, now - self.received_at)

    @property
    def total_waiting(self) -> int:
        return sum(q.waiting for q in self.queues)

    def totals(self) -> QueueFigures:
        """Every queue together (the longest wait is the longest of any queue)."""
        return QueueFigures(
            queue_id="",
            names={},
            waiting=self.total_waiting,
            longest_wait_seconds=max((q.longest_wait_seconds for q in self.queues), default=0),
            answered=sum(q.answered for q in self.queues),
            abandoned=sum(q.abandoned for q in self.queues),
            answered_within_target=sum(q.answered_within_target for q in self.queues),
            target_seconds=_common(q.target_seconds for q in self.queues),
        )


def _common(values: Iterable[int]) -> int:
    """The one value all share, or 0 when they differ (or there are none)."""
    distinct = set(values)
    return distinct.pop() if len(distinct) == 1 else 0

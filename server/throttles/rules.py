"""Pure decisions about throttles: no I/O."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    """`free` attempts pass without delay within `window` seconds; from the `free`-th on, each
    counted attempt makes the next wait `first_delay` seconds, doubling up to `max_delay`.

    With `first_delay == max_delay` this is a lock for that long; with a small `first_delay`,
    a slow-down that never locks for longer than `max_delay`.
    """

    free: int
    first_delay: float
    max_delay: float
    window: float

    @property
    def locks(self) -> bool:
        """A lock (one fixed wait) rather than a growing slow-down."""
        return self.first_delay >= self.max_delay


def delay_after(attempts: int, limit: Limit) -> float:
    """How long the next attempt must wait after the `attempts`-th one in the window."""
    if attempts < limit.free:
        return 0.0
    doublings = min(attempts - limit.free, 30)
    return float(min(limit.max_delay, limit.first_delay * 2**doublings))


def normalised_email(email: str) -> str:
    return email.strip().lower()


def key(kind: str, *parts: str) -> str:
    """The stored key of a counter: a hash, so the table holds no address in clear."""
    return hashlib.sha256("\0".join((kind, *parts)).encode()).hexdigest()

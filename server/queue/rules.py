"""Pure decisions of the queue: references, waiting estimates, rate limits, service level."""

from __future__ import annotations

import math
import secrets
from collections import deque
from dataclasses import dataclass, field

# No 0/O, 1/I/L: a reference is read aloud over the phone.
_REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
DEFAULT_HANDLE_SECONDS = 120


def new_reference() -> str:
    """A short reference a visitor can quote later, like `K7M-4QX` (about 35 bits)."""
    chars = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(7))
    return f"{chars[:3]}-{chars[3:]}"


def estimated_wait_seconds(
    *, position: int, average_handle_seconds: float | None, clerks_online: int
) -> int:
    """Visitors ahead, times how long a call takes, shared among the clerks who are working."""
    handle = average_handle_seconds or DEFAULT_HANDLE_SECONDS
    return math.ceil(position * handle / max(1, clerks_online))


def within_target(*, waited_seconds: float, target_seconds: int) -> bool:
    return waited_seconds <= target_seconds


@dataclass
class SlidingWindow:
    """At most `limit` events per `window_seconds`, counted per key (an IP held in memory)."""

    limit: int
    window_seconds: float
    _events: dict[str, deque[float]] = field(default_factory=dict)

    def allow(self, key: str, now: float) -> bool:
        events = self._events.setdefault(key, deque())
        while events and now - events[0] >= self.window_seconds:
            events.popleft()
        if len(events) >= self.limit:
            return False
        events.append(now)
        return True

    def forget_idle(self, now: float) -> None:
        """Drop keys with no recent events, so the table does not grow without bound."""
        for key in [
            k for k, v in self._events.items() if not v or now - v[-1] >= self.window_seconds
        ]:
            del self._events[key]

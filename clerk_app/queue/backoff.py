"""How long to wait before the next reconnect attempt (Qt-free, pure).

Exponential backoff, capped, with "full jitter": the delay is drawn uniformly between 0 and
the capped exponential. When a server restarts, a thousand clerk apps lose their sockets in
the same millisecond; drawn delays spread their return instead of hitting the new server at
once, and the expected total wait stays half that of a fixed schedule.
"""

from __future__ import annotations

import random
from collections.abc import Callable

BASE_SECONDS = 0.5
CAP_SECONDS = 15.0


def reconnect_delay(
    attempt: int,
    *,
    base: float = BASE_SECONDS,
    cap: float = CAP_SECONDS,
    uniform: Callable[[], float] = random.random,
) -> float:
    """Seconds to wait before attempt number `attempt` (0 for the first retry).

    `uniform` returns a number in [0, 1); tests pass their own to pin the draw.
    """
    if attempt < 0:
        raise ValueError(f"attempt must not be negative: {attempt}")
    # 2**attempt grows without bound; past the cap it no longer matters how far.
    ceiling = cap if attempt >= 64 else min(cap, base * 2**attempt)
    return uniform() * ceiling

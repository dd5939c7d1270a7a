"""Pure decisions about sending mail."""

from __future__ import annotations


def retry_delay(attempts: int, first: float) -> float:
    """Wait after the `attempts`-th failed try: `first`, then doubling (30 s, 1 min, 2 min, …)."""
    return first * float(2 ** min(attempts - 1, 20))

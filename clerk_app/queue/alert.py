"""When to alert the clerk that a visitor is waiting (Qt-free, pure).

Only at the moment the queue goes from nobody the clerk could take to somebody: a clerk who
hears a chime for every snapshot stops listening. Visitors whose socket dropped are waiting
but cannot be taken (the server refuses), so they neither trigger nor suppress the alert.
"""

from __future__ import annotations

from collections.abc import Sequence

from clerk_app.queue.desk import WaitingEntry


def takeable(waiting: Sequence[WaitingEntry]) -> int:
    """How many waiting visitors the clerk could take right now."""
    return sum(1 for entry in waiting if not entry.reconnecting)


def should_alert(before: int, after: int, *, presence: str, in_call: bool) -> bool:
    """`before` and `after`: takeable visitors in the previous and the new snapshot."""
    return before == 0 and after > 0 and presence == "available" and not in_call

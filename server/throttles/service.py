"""Counting attempts against several limits at once, all or none."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from server.sql import Database
from server.throttles import rules, store


@dataclass(frozen=True)
class Counter:
    """One thing counted (`key`), under a `limit`; `subject` groups counters for an unlock."""

    key: str
    limit: rules.Limit
    subject: str | None = None


class _Held(Exception):
    def __init__(self, until: float) -> None:
        self.until = until


def take(db: Database, counters: Sequence[Counter], now: float) -> float | None:
    """Count one attempt on every counter; or, if one of them holds, on none of them.

    Returns None when the attempt was counted, else when the holding counter opens (epoch
    seconds on the server clock). Each count is one upsert and nothing awaits in between, so
    concurrent attempts are counted one after the other: a burst gets exactly `free` through.
    """
    try:
        with db.atomic():
            store.prune(db, now)
            for counter in counters:
                attempts = store.count_attempt(
                    db,
                    key=counter.key,
                    subject=counter.subject,
                    now=now,
                    window_ends=now + counter.limit.window,
                )
                if attempts is None:
                    raise _Held(store.held_until(db, counter.key))
                delay = rules.delay_after(attempts, counter.limit)
                if delay > 0:
                    store.hold(db, counter.key, now + delay)
    except _Held as held:
        return held.until
    return None


def held_until(db: Database, counter: Counter, now: float) -> float | None:
    until = store.held_until(db, counter.key)
    return until if until > now else None


def forget(db: Database, counters: Sequence[Counter]) -> None:
    store.forget(db, [c.key for c in counters])


def refund(db: Database, counter: Counter) -> None:
    store.refund(db, counter.key, free=counter.limit.free)


def forget_subject(db: Database, subject: str) -> int:
    """Drop every counter about `subject` (an admin's unlock); how many there were."""
    return store.forget_subject(db, subject)

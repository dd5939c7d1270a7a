"""Callers recently authenticated, so that an API read neither hashes a key's status anew nor
queries the database for every request (about a third of an authenticated read, measured
with bench/api.py and valgrind).

Entries are keyed by the token's SHA-256 (never the token itself) and the client's address.
One lives at most `TTL_SECONDS` and never past its session's or key's own expiry. Every
write in this process to users, sessions or API keys empties the cache at once
(`changed()`, called by the accounts and API-key stores), so that log-out, deactivation, a
role change, a leak report, a password change or a revoked key holds from the very next
request. The other server processes hear of it on the bus (server/bus) and empty theirs;
a change made by a process with no bus (a command) reaches the server within `TTL_SECONDS`.
"""

from __future__ import annotations

from typing import Any

from server import clock
from server.bus import Bus

TTL_SECONDS = 1.0
MAX_ENTRIES = 10_000

Key = tuple[str, str | None]
"""The token's SHA-256 and the client's address: a caller carries the address it came from."""

SUBJECT = "callers.changed"

_entries: dict[Key, tuple[Any, float]] = {}
_bus: Bus | None = None


def attach(bus: Bus) -> None:
    """Tell the other processes on `bus` of changes here, and hear of theirs."""
    global _bus
    _bus = bus
    bus.subscribe(SUBJECT, lambda _: _entries.clear())


def get(key: Key) -> Any:
    """The caller cached for this token hash and address, or None."""
    entry = _entries.get(key)
    if entry is None:
        return None
    if clock.timestamp() >= entry[1]:
        del _entries[key]
        return None
    return entry[0]


def put(key: Key, caller: Any, *, expires_at: float | None) -> None:
    """Keep `caller` for `TTL_SECONDS`, or until `expires_at` (POSIX seconds) if sooner."""
    if len(_entries) >= MAX_ENTRIES:
        _entries.clear()  # a flood of distinct tokens costs the cache, never memory
    until = clock.timestamp() + TTL_SECONDS
    _entries[key] = (caller, until if expires_at is None else min(until, expires_at))


def changed() -> None:
    """Users, sessions or API keys were written: forget every cached caller, here at once
    and in the other processes as soon as this one's transaction has committed."""
    _entries.clear()
    if _bus is not None:
        _bus.publish(SUBJECT, here=False)

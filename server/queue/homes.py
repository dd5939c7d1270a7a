"""Which server process runs each organisation's queue: its *home*.

With several processes (a bus link, docs/scale-out.md) one process runs the queue's logic
for an organisation, holding the lease `queue-home:<organisation id>` (server/leases). The
first process that meets a party of the organisation takes the lease (one conditional
write) and loads the organisation's records; it renews the lease well before it runs out.
Without a bus link the single process is home for every organisation and holds no lease.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from server import clock
from server.leases import THIS_PROCESS
from server.leases import store as leases
from server.sql import Database

log = logging.getLogger("videoclerk.queue")

LEASE_SECONDS = 15.0
RENEW_SECONDS = 5.0
"""Renewed three times within a lease: a busy moment does not lose it."""


def lease_name(organisation_id: str) -> str:
    return f"queue-home:{organisation_id}"


class Homes:
    """This process's leases on organisations' queues."""

    def __init__(self, db: Database, *, shared: bool, taken: Callable[[str], None]) -> None:
        """`shared`: other processes may run queues too (a bus link); `taken(organisation)`
        and then each of `on_taken` are called when this process becomes an organisation's
        home, before it acts as one."""
        self._db = db
        self.shared = shared
        self.on_taken: list[Callable[[str], None]] = [taken]
        self._held: set[str] = set()
        self._busy_until: dict[str, float] = {}
        self._renewal: clock.Deadline | None = None

    def holds(self, organisation_id: str) -> bool:
        """Whether this process is the organisation's home, taking the lease if it is free.

        A lease held elsewhere is asked again only after RENEW_SECONDS: the database is not
        written for every message that passes.
        """
        if not self.shared or organisation_id in self._held:
            return True
        if self._busy_until.get(organisation_id, 0.0) > clock.monotonic():
            return False
        if not self._take(organisation_id):
            self._busy_until[organisation_id] = clock.monotonic() + RENEW_SECONDS
            return False
        self._busy_until.pop(organisation_id, None)
        self._held.add(organisation_id)
        log.info("this process is now the home of an organisation's queue")
        for taken in self.on_taken:
            taken(organisation_id)
        if self._renewal is None:
            self._renewal = clock.after(RENEW_SECONDS, self._renew)
        return True

    def _take(self, organisation_id: str) -> bool:
        return leases.take(
            self._db,
            job=lease_name(organisation_id),
            holder=THIS_PROCESS,
            now=clock.now_iso(),
            until=clock.later(LEASE_SECONDS),
        )

    def _renew(self) -> None:
        self._renewal = clock.after(RENEW_SECONDS, self._renew)
        for organisation_id in sorted(self._held):
            if not self._take(organisation_id):
                log.warning("this process lost the home of an organisation's queue")
                self._held.discard(organisation_id)

    def shutdown(self) -> None:
        """Let go of every lease at once, so that another process need not wait them out."""
        if self._renewal is not None:
            self._renewal.cancel()
            self._renewal = None
        for organisation_id in self._held:
            leases.release(self._db, job=lease_name(organisation_id), holder=THIS_PROCESS)
        self._held.clear()

"""The retention job inside the server: every `retention_interval_seconds` on its clock.

Moving the server's clock by days runs it at once (server/clock.py), as waiting would. Each
run also lets go of the live parties of organisations closed or purged by another process
(the `org purge` command): their sockets close, as a closure through the API
closes them at once.

Several server processes on one database run the job once between them: the process that
holds the job's lease (server/leases) runs it, and renews the lease on each run; another
takes over when the lease has run out, two intervals after its holder's last run.
"""

from __future__ import annotations

import logging

from server import clock
from server.accounts import store as accounts_store
from server.config import Settings
from server.datarequests import erasure
from server.leases import THIS_PROCESS
from server.leases import store as leases
from server.queue.runtime import QueueRuntime
from server.recordings.uploads import Uploads
from server.retention import service
from server.sql import Database

log = logging.getLogger("videoclerk.retention")
JOB = "retention"


class RetentionRuntime:
    def __init__(
        self, db: Database, settings: Settings, queue: QueueRuntime, uploads: Uploads
    ) -> None:
        self.db = db
        self.settings = settings
        self.queue = queue
        self.uploads = uploads
        self._next: clock.Deadline | None = None

    def start(self) -> None:
        self._schedule()

    def shutdown(self) -> None:
        if self._next is not None:
            self._next.cancel()
        leases.release(self.db, job=JOB, holder=THIS_PROCESS)

    def _schedule(self) -> None:
        self._next = clock.after(self.settings.retention_interval_seconds, self._run)

    def _run(self) -> None:
        try:
            present = self.queue.organisations_present()
            for organisation_id in present - accounts_store.open_organisation_ids(
                self.db, sorted(present)
            ):
                self.queue.close_organisation(organisation_id)
            if not self._hold_lease():
                return
            report = service.run(self.db, uploads=self.uploads, settings=self.settings)
            if report.erased:
                log.info("retention erased %s", report.totals())
            settled = erasure.process_due_erasures(self.db, clock.now(), uploads=self.uploads)
            done = sum(1 for item in settled if item.status == "done")
            if done:
                log.info("retention completed %d erasure request(s)", done)
            log.info("the retention job ran in this process")
        except Exception:
            log.exception("the retention job failed; it runs again at its next interval")
        finally:
            self._schedule()

    def _hold_lease(self) -> bool:
        """Whether this process runs the job this time (for two more intervals)."""
        until = clock.later(2 * self.settings.retention_interval_seconds)
        return leases.take(self.db, job=JOB, holder=THIS_PROCESS, now=clock.now_iso(), until=until)

"""The retention job inside the server: every `retention_interval_seconds` on its clock.

Moving the server's clock by days runs it at once (server/clock.py), as waiting would. Each
run also lets go of the live parties of organisations closed or purged by another process
(the `org purge` command): their sockets close, as a closure through the API
closes them at once.
"""

from __future__ import annotations

import logging

from sqlite_utils import Database

from server import clock
from server.accounts import store as accounts_store
from server.config import Settings
from server.datarequests import erasure
from server.queue.runtime import QueueRuntime
from server.recordings.uploads import Uploads
from server.retention import service

log = logging.getLogger("videoclerk.retention")


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

    def _schedule(self) -> None:
        self._next = clock.after(self.settings.retention_interval_seconds, self._run)

    def _run(self) -> None:
        try:
            present = self.queue.organisations_present()
            for organisation_id in present - accounts_store.open_organisation_ids(
                self.db, sorted(present)
            ):
                self.queue.close_organisation(organisation_id)
            report = service.run(self.db, uploads=self.uploads, settings=self.settings)
            if report.erased:
                log.info("retention erased %s", report.totals())
            settled = erasure.process_due_erasures(self.db, clock.now(), uploads=self.uploads)
            done = sum(1 for item in settled if item.status == "done")
            if done:
                log.info("retention completed %d erasure request(s)", done)
        except Exception:
            log.exception("the retention job failed; it runs again at its next interval")
        finally:
            self._schedule()

"""Recordings inside the server process: the uploads, the retention job, and withdrawals.

The retention job also completes the erasure requests that could not be done at once
(server/datarequests/erasure.py).

The retention job runs every `retention_interval_seconds` on the server's clock, so a test
that moves the clock by days runs it at once (server/clock.py).
"""

from __future__ import annotations

import logging

from sqlite_utils import Database

from server import clock
from server.config import Settings
from server.datarequests import erasure
from server.queue.runtime import QueueRuntime
from server.recordings import service
from server.recordings.keys import KeyRing
from server.recordings.uploads import Uploads

log = logging.getLogger("videoclerk.recordings")


class RecordingsRuntime:
    def __init__(self, db: Database, settings: Settings, queue: QueueRuntime) -> None:
        self.db = db
        self.settings = settings
        self.keys = KeyRing(db, settings)
        self.uploads = Uploads(db, settings, self.keys)
        self._next: clock.Deadline | None = None
        queue.consent_listeners.append(self)

    def start(self) -> None:
        self._schedule()

    def shutdown(self) -> None:
        if self._next is not None:
            self._next.cancel()

    def recording_withdrawn(self, organisation_id: str, call_id: str) -> None:
        service.delete_recordings_of_call(
            self.db, uploads=self.uploads, organisation_id=organisation_id, call_id=call_id
        )

    def _schedule(self) -> None:
        self._next = clock.after(self.settings.retention_interval_seconds, self._run)

    def _run(self) -> None:
        try:
            deleted = service.run_retention(self.db, uploads=self.uploads, settings=self.settings)
            if deleted:
                log.info("retention deleted %d recording(s)", len(deleted))
            settled = erasure.process_due_erasures(self.db, clock.now(), uploads=self.uploads)
            done = sum(1 for item in settled if item.status == "done")
            if done:
                log.info("retention completed %d erasure request(s)", done)
        except Exception:
            log.exception("the retention job failed; it runs again at its next interval")
        finally:
            self._schedule()

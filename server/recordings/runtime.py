"""Recordings inside the server process: the uploads, their keys, and consent withdrawals.

Their retention runs in the retention job (server/retention/runtime.py).
"""

from __future__ import annotations

from server.config import Settings
from server.queue.runtime import QueueRuntime
from server.recordings import service
from server.recordings.keys import KeyRing
from server.recordings.uploads import Uploads
from server.sql import Database


class RecordingsRuntime:
    def __init__(self, db: Database, settings: Settings, queue: QueueRuntime) -> None:
        self.db = db
        self.settings = settings
        self.keys = KeyRing(db, settings)
        self.uploads = Uploads(db, settings, self.keys)
        queue.consent_listeners.append(self)

    def recording_withdrawn(self, organisation_id: str, call_id: str) -> None:
        service.delete_recordings_of_call(
            self.db, uploads=self.uploads, organisation_id=organisation_id, call_id=call_id
        )

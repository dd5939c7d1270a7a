"""The recordings' key hierarchy: master key → organisation key → one keyset per recording.

- The **master key** (a Tink AES-256-GCM keyset) comes from the settings: the file named by
  `recordings_master_key_file`, or `VIDEOCLERK_RECORDINGS_MASTER_KEY`. It is never stored by
  the server. Without it, recordings are refused (`recordings_not_configured`).
- Each **organisation key** (AES-256-GCM) is stored in `recording_keys`, encrypted with the
  master key and bound to the organisation's id.
- Each **recording keyset** (streaming AEAD, AES256_GCM_HKDF_1MB) is stored in its
  recording's row, encrypted with the organisation key and bound to the recording's id.
  Deleting the row deletes the only copy, so no backup of the files can be read afterwards.
"""

from __future__ import annotations

import json
import threading
from typing import Any

import tink
from tink import aead, secret_key_access, streaming_aead

from server import clock
from server.config import Settings
from server.problems import ProblemError
from server.recordings import store
from server.sql import Database

aead.register()
streaming_aead.register()

HOW_TO_CONFIGURE = (
    "Make a master key with `videoclerk-server recordings make-master-key`, then set "
    "`recordings_master_key_file` (or VIDEOCLERK_RECORDINGS_MASTER_KEY) and restart."
)
NOT_CONFIGURED = ProblemError(
    503,
    "recordings_not_configured",
    f"This server keeps no recordings: it has no master key. {HOW_TO_CONFIGURE}",
)


def make_master_key() -> str:
    """A new master key: a Tink AES-256-GCM keyset as one line of JSON."""
    handle = tink.new_keyset_handle(aead.aead_key_templates.AES256_GCM)
    text = tink.json_proto_keyset_format.serialize(handle, secret_key_access.TOKEN)
    return json.dumps(json.loads(text), separators=(",", ":"))


def master_key_text(settings: Settings) -> str | None:
    if settings.recordings_master_key:
        return settings.recordings_master_key
    if settings.recordings_master_key_file is not None:
        return settings.recordings_master_key_file.read_text()
    return None


class KeyRing:
    """Opens organisation keys (cached) and makes and opens recordings' keysets."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        text = master_key_text(settings)
        self._master: Any = None
        if text is not None:
            handle = tink.json_proto_keyset_format.parse(text.strip(), secret_key_access.TOKEN)
            self._master = handle.primitive(aead.Aead)
        self._organisations: dict[str, Any] = {}
        self._lock = threading.Lock()

    @property
    def configured(self) -> bool:
        return self._master is not None

    def new_recording_keyset(self, organisation_id: str, recording_id: str) -> bytes:
        """A fresh streaming-AEAD keyset for a recording, wrapped by its organisation's key."""
        handle = tink.new_keyset_handle(
            streaming_aead.streaming_aead_key_templates.AES256_GCM_HKDF_1MB
        )
        wrapped: bytes = tink.proto_keyset_format.serialize_encrypted(
            handle, self._organisation(organisation_id), _bound("recording", recording_id)
        )
        return wrapped

    def recording_primitive(self, organisation_id: str, recording_id: str, wrapped: bytes) -> Any:
        """The recording's `StreamingAead`, unwrapped from its stored keyset."""
        handle = tink.proto_keyset_format.parse_encrypted(
            wrapped, self._organisation(organisation_id), _bound("recording", recording_id)
        )
        return handle.primitive(streaming_aead.StreamingAead)

    def forget(self, organisation_id: str) -> None:
        """Drop the cached organisation key (its stored copy was erased)."""
        with self._lock:
            self._organisations.pop(organisation_id, None)

    def _organisation(self, organisation_id: str) -> Any:
        if self._master is None:
            raise NOT_CONFIGURED
        with self._lock:
            primitive = self._organisations.get(organisation_id)
            if primitive is None:
                primitive = self._open_or_make(organisation_id)
                self._organisations[organisation_id] = primitive
            return primitive

    def _open_or_make(self, organisation_id: str) -> Any:
        context = _bound("organisation", organisation_id)
        wrapped = store.organisation_key(self.db, organisation_id)
        if wrapped is None:
            handle = tink.new_keyset_handle(aead.aead_key_templates.AES256_GCM)
            made = tink.proto_keyset_format.serialize_encrypted(handle, self._master, context)
            wrapped = store.save_organisation_key(self.db, organisation_id, made, clock.now_iso())
        handle = tink.proto_keyset_format.parse_encrypted(wrapped, self._master, context)
        return handle.primitive(aead.Aead)


def _bound(kind: str, identifier: str) -> bytes:
    """Associated data: a wrapped key moved to another row or organisation does not open."""
    return f"videoclerk-recordings:{kind}:{identifier}".encode()

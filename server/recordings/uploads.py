"""The tus uploads of one server process: a lock and a running sha256 per upload.

A request's body is read as it arrives, cut into segments (segments.py) and each segment is
hashed, encrypted and fsynced in a worker thread, so the event loop never waits on a disk or
a cipher. The new offset is acknowledged (one transaction) only after every segment of the
request is on disk. A chunk with an `Upload-Checksum` counts only if it matches (else 460,
offset unchanged); a chunk without one that is cut off by the network keeps what arrived, as
tus recommends. The whole file's sha256 is kept running in memory; after a restart it is
rebuilt once by decrypting what is stored.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database
from starlette.requests import ClientDisconnect

from server import clock
from server.config import Settings
from server.problems import ProblemError, not_found
from server.recordings import segments, store
from server.recordings.keys import KeyRing
from server.recordings.rules import CHECKSUM_ALGORITHMS, Checksum
from server.sql import Row

LOCKED = ProblemError(
    409, "upload_locked", "Another request is writing to this upload; try again when it ends."
)


@dataclass
class _Upload:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    primitive: Any = None
    hasher: Any = None
    hashed: int = -1


@dataclass(frozen=True)
class Received:
    offset: int
    complete: bool


class _Chunk:
    """One request's body on its way to disk: parts written, hashes running."""

    def __init__(self, start: int, whole: Any, checksum: Checksum | None) -> None:
        self.position = start
        self.whole = whole
        self.own = CHECKSUM_ALGORITHMS[checksum.algorithm]() if checksum else None
        self.parts: list[Path] = []
        self.pieces: list[tuple[int, int]] = []

    def seal(self, primitive: Any, folder: Path, recording_id: str, plaintext: bytes) -> None:
        """Hash and encrypt one segment (in a worker thread: hashlib releases the GIL)."""
        self.whole.update(plaintext)
        if self.own is not None:
            self.own.update(plaintext)
        self.parts.append(
            segments.write_part(primitive, folder, recording_id, self.position, plaintext)
        )
        self.pieces.append((self.position, len(plaintext)))
        self.position += len(plaintext)


class Uploads:
    def __init__(self, db: Database, settings: Settings, keys: KeyRing) -> None:
        self.db = db
        self.root = settings.recordings_dir
        self.keys = keys
        self._uploads: dict[str, _Upload] = {}

    def folder(self, recording_id: str) -> Path:
        return self.root / recording_id

    def primitive(self, row: Row) -> Any:
        return self.keys.recording_primitive(
            row["organisation_id"], row["id"], bytes(row["wrapped_keyset"])
        )

    def refuse_if_locked(self, recording_id: str) -> None:
        """Checked before the offset: while a request writes, the offset is about to move."""
        upload = self._uploads.get(recording_id)
        if upload is not None and upload.lock.locked():
            raise LOCKED

    def forget(self, recording_id: str) -> None:
        self._uploads.pop(recording_id, None)

    async def receive(
        self, row: Row, body: AsyncIterator[bytes], checksum: Checksum | None
    ) -> Received:
        upload = self._uploads.setdefault(row["id"], _Upload())
        if upload.lock.locked():
            raise LOCKED
        async with upload.lock:
            current = store.get(self.db, row["organisation_id"], row["id"])
            if current is None:
                raise not_found("upload")
            return await self._receive(upload, current, body, checksum)

    async def _receive(
        self, upload: _Upload, row: Row, body: AsyncIterator[bytes], checksum: Checksum | None
    ) -> Received:
        recording_id, offset, length = row["id"], int(row["received"]), int(row["length"])
        folder = self.folder(recording_id)
        if upload.primitive is None:
            upload.primitive = self.primitive(row)
        await asyncio.to_thread(segments.remove_unacknowledged, folder, offset)
        if upload.hashed != offset:
            upload.hasher = await asyncio.to_thread(self._rehash, upload.primitive, row)
            upload.hashed = offset
        chunk = _Chunk(offset, upload.hasher.copy(), checksum)
        buffer = bytearray()

        async def flush() -> None:
            if buffer:
                data = bytes(buffer)
                buffer.clear()
                await asyncio.to_thread(chunk.seal, upload.primitive, folder, recording_id, data)

        try:
            async for data in body:
                if chunk.position + len(buffer) + len(data) > length:
                    raise ProblemError(
                        400, "beyond_upload_length", f"The upload has only {length} bytes."
                    )
                buffer += data
                if len(buffer) >= segments.SEGMENT_BYTES:
                    await flush()
        except ClientDisconnect:
            if checksum is not None:  # an unchecked part of a checked chunk is worth nothing
                await asyncio.to_thread(segments.discard, chunk.parts)
                raise
        except BaseException:
            await asyncio.to_thread(segments.discard, chunk.parts)
            raise
        await flush()
        if checksum and chunk.own and not checksum.matches(chunk.own.digest()):
            await asyncio.to_thread(segments.discard, chunk.parts)
            raise ProblemError(
                460,
                "checksum_mismatch",
                f"The chunk's {checksum.algorithm} does not match; the offset is still {offset}.",
            )
        if chunk.parts:
            await asyncio.to_thread(segments.publish, folder, chunk.parts)
            if not store.acknowledge(self.db, recording_id, previous=offset, pieces=chunk.pieces):
                # Deleted meanwhile (consent withdrawn, terminated): nothing may stay behind.
                await asyncio.to_thread(segments.remove_folder, folder)
                self.forget(recording_id)
                raise not_found("upload")
        upload.hasher, upload.hashed = chunk.whole, chunk.position
        if chunk.position < length:
            return Received(chunk.position, complete=False)
        return await self._finish(row, chunk.whole.hexdigest())

    async def _finish(self, row: Row, sha256: str) -> Received:
        if sha256 != row["sha256"]:
            await self.delete(row["organisation_id"], row["id"])
            raise ProblemError(
                460,
                "file_checksum_mismatch",
                "The whole file's sha256 does not match the one announced; the upload is "
                "discarded. Upload the file again.",
            )
        store.complete(self.db, row["id"], clock.now_iso())
        self.forget(row["id"])
        return Received(int(row["length"]), complete=True)

    def _rehash(self, primitive: Any, row: Row) -> Any:
        """The sha256 of the stored bytes, read back (once after a restart)."""
        hasher = hashlib.sha256()
        received = int(row["received"])
        if received:
            pieces = store.segments(self.db, row["id"])
            for data in segments.read_range(
                primitive, self.folder(row["id"]), row["id"], pieces, 0, received - 1
            ):
                hasher.update(data)
        return hasher

    async def delete(self, organisation_id: str, recording_id: str) -> bool:
        """The row (with its wrapped keyset) first, then the files: once the key is gone,
        whatever a crash leaves on disk cannot be read."""
        deleted = store.delete(self.db, organisation_id, recording_id)
        self.forget(recording_id)
        await asyncio.to_thread(segments.remove_folder, self.folder(recording_id))
        return deleted

    def delete_now(self, organisation_id: str, recording_id: str) -> bool:
        """`delete` for callers that cannot wait (the queue's listeners, the CLI)."""
        deleted = store.delete(self.db, organisation_id, recording_id)
        self.forget(recording_id)
        segments.remove_folder(self.folder(recording_id))
        return deleted

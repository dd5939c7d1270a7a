"""The tus uploads of one server process: a lock and a running sha256 per upload.

A request's body is encrypted while it arrives. The event loop gathers the body's pieces
into batches of `BATCH_BYTES` (without copying them) and hands each to two threads of the
request's own: one hashes it (the whole file's sha256 and the chunk's `Upload-Checksum`),
the other writes it into the current segment's encrypting stream (segments.py), closing and
fsyncing a segment when it is full. The loop goes on receiving while they work, up to
`BATCHES_IN_FLIGHT` batches ahead, so receiving, hashing, encrypting and the disk overlap.
The new offset is acknowledged (one transaction) only after every segment of the request is
fsynced and published. A chunk with an `Upload-Checksum` counts
only if it matches (else 460, offset unchanged, its parts removed); a chunk without one that
is cut off by the network keeps what arrived, as tus recommends. The whole file's sha256 is
kept running in memory; after a restart it is rebuilt once by decrypting what is stored.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections import deque
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.requests import ClientDisconnect

from server import clock
from server.config import Settings
from server.problems import ProblemError, not_found
from server.recordings import segments, store
from server.recordings.keys import KeyRing
from server.recordings.models import Recording
from server.recordings.rules import CHECKSUM_ALGORITHMS, Checksum
from server.sql import Database

BATCH_BYTES = 1024 * 1024
"""The body is handed to the worker thread in batches of about this size: large enough that
the hand-over costs little, small enough that the cipher starts soon after the bytes come."""
BATCHES_IN_FLIGHT = 4

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
    """One request's body on its way to disk. `hash` runs in the request's hashing thread,
    `seal` and `end` in its sealing thread, each batch in order in both."""

    def __init__(
        self, primitive: Any, folder: Path, recording_id: str, start: int, whole: Any
    ) -> None:
        self.primitive, self.folder, self.recording_id = primitive, folder, recording_id
        self.position = start
        self.whole = whole
        self.own: Any = None
        self.parts: list[segments.Part] = []

    def hash(self, batch: list[bytes]) -> None:
        """The whole file's sha256 and the chunk's checksum (hashlib releases the GIL)."""
        for piece in batch:
            self.whole.update(piece)
            if self.own is not None:
                self.own.update(piece)

    def seal(self, batch: list[bytes]) -> None:
        """Encrypt a batch into segments, starting a new one when the current one is full."""
        for piece in batch:
            while piece:
                part = self.parts[-1] if self.parts else None
                if part is None or part.size == segments.SEGMENT_BYTES:
                    if part is not None:
                        part.close()
                    part = segments.Part(
                        self.primitive, self.folder, self.recording_id, self.position
                    )
                    self.parts.append(part)
                room = segments.SEGMENT_BYTES - part.size
                part.write(piece[:room] if len(piece) > room else piece)
                self.position += min(room, len(piece))
                piece = piece[room:]

    def end(self) -> None:
        """Close (and so fsync) the last segment; then every part is on disk."""
        if self.parts:
            self.parts[-1].close()

    def discard(self) -> None:
        for part in self.parts:
            part.abandon()

    def publish(self) -> list[tuple[int, int]]:
        segments.publish(self.folder, [part.path for part in self.parts])
        return [(part.start, part.size) for part in self.parts]


class _Lanes:
    """Two threads of one request's own: one hashes each batch while the other encrypts and
    writes it. The loop awaits only when more than `BATCHES_IN_FLIGHT` batches are unfinished,
    so a request holds boundedly much of its body in memory."""

    def __init__(self) -> None:
        self._hashing = ThreadPoolExecutor(1, thread_name_prefix="recording-hash")
        self._sealing = ThreadPoolExecutor(1, thread_name_prefix="recording-seal")
        self._pending: deque[list[asyncio.Future[None]]] = deque()

    async def add(self, chunk: _Chunk, batch: list[bytes]) -> None:
        loop = asyncio.get_running_loop()
        self._pending.append(
            [
                loop.run_in_executor(self._hashing, chunk.hash, batch),
                loop.run_in_executor(self._sealing, chunk.seal, batch),
            ]
        )
        while len(self._pending) > BATCHES_IN_FLIGHT:
            await self._oldest()

    async def end(self, chunk: _Chunk) -> None:
        """Every batch hashed and sealed, the last segment closed; the first failure raised."""
        self._pending.append([asyncio.get_running_loop().run_in_executor(self._sealing, chunk.end)])
        while self._pending:
            await self._oldest()

    async def _oldest(self) -> None:
        for future in self._pending[0]:  # left in place if it fails: `settle` waits for it
            await future
        self._pending.popleft()

    async def settle(self) -> None:
        """Wait for what was handed over, whatever its outcome (before cleaning up after it)."""
        pending, self._pending = [f for futures in self._pending for f in futures], deque()
        await asyncio.gather(*pending, return_exceptions=True)

    def close(self) -> None:
        self._hashing.shutdown(wait=False)
        self._sealing.shutdown(wait=False)


class Uploads:
    def __init__(self, db: Database, settings: Settings, keys: KeyRing) -> None:
        self.db = db
        self.root = settings.recordings_dir
        self.keys = keys
        self._uploads: dict[str, _Upload] = {}

    def folder(self, recording_id: str) -> Path:
        return self.root / recording_id

    def primitive(self, recording: Recording) -> Any:
        return self.keys.recording_primitive(
            recording.organisation_id, recording.id, recording.wrapped_keyset
        )

    def refuse_if_locked(self, recording_id: str) -> None:
        """Checked before the offset: while a request writes, the offset is about to move."""
        upload = self._uploads.get(recording_id)
        if upload is not None and upload.lock.locked():
            raise LOCKED

    def forget(self, recording_id: str) -> None:
        self._uploads.pop(recording_id, None)

    async def receive(
        self, recording: Recording, body: AsyncIterator[bytes], checksum: Checksum | None
    ) -> Received:
        upload = self._uploads.setdefault(recording.id, _Upload())
        if upload.lock.locked():
            raise LOCKED
        async with upload.lock:
            current = store.get(self.db, recording.organisation_id, recording.id)
            if current is None:
                raise not_found("upload")
            return await self._receive(upload, current, body, checksum)

    async def _receive(
        self,
        upload: _Upload,
        recording: Recording,
        body: AsyncIterator[bytes],
        checksum: Checksum | None,
    ) -> Received:
        recording_id, offset, length = recording.id, recording.received, recording.length
        folder = self.folder(recording_id)
        if upload.primitive is None:
            upload.primitive = self.primitive(recording)
        await asyncio.to_thread(segments.remove_unacknowledged, folder, offset)
        if upload.hashed != offset:
            upload.hasher = await asyncio.to_thread(self._rehash, upload.primitive, recording)
            upload.hashed = offset
        chunk = _Chunk(upload.primitive, folder, recording_id, offset, upload.hasher.copy())
        if checksum is not None:
            chunk.own = CHECKSUM_ALGORITHMS[checksum.algorithm]()
        lanes = _Lanes()
        try:
            await self._stream(lanes, chunk, body, length, keep_on_disconnect=checksum is None)
            if checksum and not checksum.matches(chunk.own.digest()):
                raise ProblemError(
                    460,
                    "checksum_mismatch",
                    f"The chunk's {checksum.algorithm} does not match; "
                    f"the offset is still {offset}.",
                )
            if chunk.parts:
                pieces = await asyncio.to_thread(chunk.publish)
                if not store.acknowledge(self.db, recording_id, previous=offset, pieces=pieces):
                    # Deleted meanwhile (consent withdrawn, terminated): nothing may stay.
                    await asyncio.to_thread(segments.remove_folder, folder)
                    self.forget(recording_id)
                    raise not_found("upload")
        except BaseException:
            await lanes.settle()
            await asyncio.to_thread(chunk.discard)
            raise
        finally:
            lanes.close()
        upload.hasher, upload.hashed = chunk.whole, chunk.position
        if chunk.position < length:
            return Received(chunk.position, complete=False)
        return await self._finish(recording, chunk.whole.hexdigest())

    async def _stream(
        self,
        lanes: _Lanes,
        chunk: _Chunk,
        body: AsyncIterator[bytes],
        length: int,
        *,
        keep_on_disconnect: bool,
    ) -> None:
        """Feed the body to `chunk` in batches, until it ends and its last segment is fsynced."""
        batch: list[bytes] = []
        batched, received = 0, chunk.position
        try:
            async for data in body:
                received += len(data)
                if received > length:
                    raise ProblemError(
                        400, "beyond_upload_length", f"The upload has only {length} bytes."
                    )
                batch.append(data)  # the pieces as received: no copy on the loop
                batched += len(data)
                if batched >= BATCH_BYTES:
                    await lanes.add(chunk, batch)
                    batch, batched = [], 0
        except ClientDisconnect:
            if not keep_on_disconnect:  # an unchecked part of a checked chunk is worth nothing
                raise
        if batch:
            await lanes.add(chunk, batch)
        await lanes.end(chunk)

    async def _finish(self, recording: Recording, sha256: str) -> Received:
        if sha256 != recording.sha256:
            await self.delete(recording.organisation_id, recording.id)
            raise ProblemError(
                460,
                "file_checksum_mismatch",
                "The whole file's sha256 does not match the one announced; the upload is "
                "discarded. Upload the file again.",
            )
        store.complete(self.db, recording.id, clock.now_iso())
        self.forget(recording.id)
        return Received(recording.length, complete=True)

    def _rehash(self, primitive: Any, recording: Recording) -> Any:
        """The sha256 of the stored bytes, read back (once after a restart)."""
        hasher = hashlib.sha256()
        received = recording.received
        if received:
            pieces = store.segments(self.db, recording.id)
            for data in segments.read_range(
                primitive, self.folder(recording.id), recording.id, pieces, 0, received - 1
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

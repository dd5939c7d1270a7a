"""Encrypted segments on disk: the only form in which a recording's bytes ever touch a disk.

A recording is a folder of segments. Each segment holds a run of the plaintext, starting at
a plaintext offset (its file name), encrypted as its own Tink stream (AES256_GCM_HKDF_1MB)
bound to the recording and that offset, so segments cannot be reordered or swapped.

Why segments and not one stream: a streaming AEAD writes sequentially and authenticates the
end of the stream, so one stream cannot be resumed after a crash. A segment is written as
`<start>.part`, fsynced, renamed to `<start>.seg` and the folder fsynced; only then does the
database row move the tus offset (in the same transaction that lists the segment). A crash
at any point leaves either an acknowledged segment or a leftover the next write removes.

Everything here blocks on the disk: callers run it in a worker thread.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import Any

SEGMENT_BYTES = 8 * 1024 * 1024
"""A request's body is cut into segments of at most this many bytes: a range read decrypts
at most this much before its first byte."""


SYNC_BYTES = 2 * 1024 * 1024
"""Each time a part has grown by this much, it is flushed to the disk in the background
while the rest of its request still arrives, so the fsync that acknowledges it waits for
little."""
_FLUSHING = ThreadPoolExecutor(4, thread_name_prefix="recording-flush")


class _SyncedFile(io.FileIO):
    """A file flushed to the disk in the background as it grows, and fsynced when the
    encrypting stream closes it (unless abandoned)."""

    abandoned = False

    def __init__(self, path: Path) -> None:
        super().__init__(path, "w")
        self._unsynced = 0
        self._flushes: list[Future[None]] = []

    def write(self, data: Any) -> int:
        written = super().write(data)
        self._unsynced += written
        if self._unsynced >= SYNC_BYTES:
            self._flushes.append(_FLUSHING.submit(os.fdatasync, self.fileno()))
            self._unsynced = 0
        return written

    def close(self) -> None:
        try:
            if not self.closed:
                wait(self._flushes)  # none may outlive the descriptor
                if not self.abandoned:
                    for flush in self._flushes:
                        flush.result()  # a failed flush fails the part
                    self.flush()
                    os.fsync(self.fileno())
        finally:
            super().close()


def _context(recording_id: str, start: int) -> bytes:
    return f"videoclerk-recording:{recording_id}:{start}".encode()


def segment_path(folder: Path, start: int) -> Path:
    return folder / f"{start:015d}.seg"


class Part:
    """One segment being written: plaintext in as it arrives, ciphertext out to `<start>.part`.

    `close` ends the stream and fsyncs the file; it counts once `publish`ed. `abandon` ends it
    without the fsync and removes the file.
    """

    def __init__(self, primitive: Any, folder: Path, recording_id: str, start: int) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / f"{start:015d}.part"
        self.start = start
        self.size = 0
        self._file = _SyncedFile(self.path)
        self._stream = primitive.new_encrypting_stream(self._file, _context(recording_id, start))

    def write(self, plaintext: bytes) -> None:
        self._stream.write(plaintext)
        self.size += len(plaintext)

    def close(self) -> None:
        self._stream.close()

    def abandon(self) -> None:
        self._file.abandoned = True
        try:
            with contextlib.suppress(Exception):  # a failed stream may fail again; it goes
                self._stream.close()
        finally:
            self._file.close()
            self.path.unlink(missing_ok=True)


def publish(folder: Path, parts: list[Path]) -> None:
    """Rename fsynced parts to segments and fsync the folder, so the names survive a crash."""
    for part in parts:
        part.rename(part.with_suffix(".seg"))
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def discard(paths: list[Path]) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def remove_unacknowledged(folder: Path, received: int) -> None:
    """Leftovers of a request that was never acknowledged (a crash, a failed checksum)."""
    if not folder.exists():
        return
    for path in folder.iterdir():
        if path.suffix == ".part" or (path.suffix == ".seg" and int(path.stem) >= received):
            path.unlink()


def remove_folder(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def read_range(
    primitive: Any,
    folder: Path,
    recording_id: str,
    segments: list[tuple[int, int]],
    first: int,
    last: int,
) -> Iterator[bytes]:
    """The plaintext bytes `first`..`last` (inclusive), from `(start, length)` segments."""
    for start, length in segments:
        end = start + length - 1
        if end < first or start > last:
            continue
        with segment_path(folder, start).open("rb") as raw:
            stream = primitive.new_decrypting_stream(raw, _context(recording_id, start))
            with stream:
                skip = max(0, first - start)
                while skip:
                    skip -= len(stream.read(min(skip, 1024 * 1024)))
                wanted = min(end, last) - max(start, first) + 1
                while wanted:
                    piece = stream.read(min(wanted, 1024 * 1024))
                    if not piece:
                        raise OSError(f"segment {start} of recording {recording_id} is short")
                    wanted -= len(piece)
                    yield piece

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
from pathlib import Path
from typing import Any

SEGMENT_BYTES = 8 * 1024 * 1024
"""A request's body is cut into segments of at most this many bytes: a range read decrypts
at most this much before its first byte."""


class _SyncedFile(io.FileIO):
    """A file that is fsynced when the encrypting stream closes it."""

    def close(self) -> None:
        if not self.closed:
            self.flush()
            os.fsync(self.fileno())
        super().close()


def _context(recording_id: str, start: int) -> bytes:
    return f"videoclerk-recording:{recording_id}:{start}".encode()


def segment_path(folder: Path, start: int) -> Path:
    return folder / f"{start:015d}.seg"


def write_part(
    primitive: Any, folder: Path, recording_id: str, start: int, plaintext: bytes
) -> Path:
    """Encrypt `plaintext` into a `.part` file, fsynced; it counts once `publish`ed."""
    folder.mkdir(parents=True, exist_ok=True)
    part = folder / f"{start:015d}.part"
    destination = _SyncedFile(part, "w")
    with primitive.new_encrypting_stream(destination, _context(recording_id, start)) as stream:
        stream.write(plaintext)
    return part


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

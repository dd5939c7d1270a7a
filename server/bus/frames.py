"""Many bus messages to one subject in one NATS message: a frame.

A take at a queue's home tells every visitor behind where they now stand; with thousands
waiting on other processes that is thousands of small messages to each front at once. Sent
one by one, each costs a publish, a NATS delivery and a callback on both sides; framed, the
messages of one moment to one subject cost one (bench/scale_out.py).

A frame is the version byte 1, then each payload as its length (4 bytes, big-endian) and its
bytes. A frame never exceeds the size given (NATS's `max_payload`), except for a single
payload bigger than that, which goes alone and which NATS then refuses.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator, Sequence

VERSION = b"\x01"
_LENGTH = struct.Struct(">I")


class FrameError(ValueError):
    """Bytes that are not a frame of this version."""


def pack(payloads: Sequence[bytes], *, limit: int) -> Iterator[bytes]:
    """`payloads`, in order, in as few frames of at most `limit` bytes as they fit."""
    parts: list[bytes] = [VERSION]
    size = len(VERSION)
    for payload in payloads:
        added = _LENGTH.size + len(payload)
        if size + added > limit and len(parts) > 1:
            yield b"".join(parts)
            parts, size = [VERSION], len(VERSION)
        parts += (_LENGTH.pack(len(payload)), payload)
        size += added
    if len(parts) > 1:
        yield b"".join(parts)


def unpack(frame: bytes) -> list[bytes]:
    """The payloads of `frame`, in order."""
    if frame[:1] != VERSION:
        raise FrameError("not a bus frame of version 1")
    view = memoryview(frame)
    payloads: list[bytes] = []
    offset, end = 1, len(frame)
    while offset < end:
        if offset + _LENGTH.size > end:
            raise FrameError("a frame ends inside a length")
        (length,) = _LENGTH.unpack_from(view, offset)
        offset += _LENGTH.size
        if offset + length > end:
            raise FrameError("a frame ends inside a payload")
        payloads.append(bytes(view[offset : offset + length]))
        offset += length
    return payloads

"""Files the server makes (a recording, an export), saved to disk complete or not at all.

Qt-free. The bytes go into `<name>.part` as they arrive and the file gets its name only once
every byte is there and `check` finds it whole: a cut-off download never looks like the file.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from clerk_app.errors import ServiceError

Write = Callable[[bytes], object]
Fetch = Callable[[Write], Awaitable[int]]
"""Hands each chunk to the writer it is given; answers the number of bytes."""
Check = Callable[[Path, int], None]
"""Raises ServiceError when the saved bytes (the file, their number) are not the whole file."""


def size_text(size: int) -> str:
    """Bytes in kB, MB or GB (powers of 1000, one decimal above kB)."""
    if size < 1000:
        return f"{size} B"
    if size < 1000**2:
        return f"{size / 1000:.0f} kB"
    if size < 1000**3:
        return f"{size / 1000**2:.1f} MB"
    return f"{size / 1000**3:.1f} GB"


async def save_to(destination: Path, fetch: Fetch, check: Check) -> int:
    """Stream a download into `destination`; its size."""
    partial = destination.with_name(destination.name + ".part")
    try:
        out = partial.open("wb")
    except OSError as exc:
        raise ServiceError("file_not_written", exc.strerror or str(exc)) from exc
    try:
        with out:
            size = await fetch(out.write)
        check(partial, size)
        partial.replace(destination)
    except OSError as exc:
        raise ServiceError("file_not_written", exc.strerror or str(exc)) from exc
    finally:
        partial.unlink(missing_ok=True)
    return size

"""Pure decisions about backups: where a copy goes, and whether a copy may be restored."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path


def target_path(destination: Path, *, now: datetime, is_folder: bool) -> Path:
    """`destination` itself, or a dated file in it when it is a folder (nightly jobs)."""
    if is_folder:
        return destination / f"videoclerk-{now.strftime('%Y%m%d-%H%M%S')}.db"
    return destination


def restore_problem(
    integrity: Sequence[str], applied: Sequence[str], known: Sequence[str]
) -> str | None:
    """Why a copy must not be restored, or None when it may.

    `integrity` is what `PRAGMA integrity_check` said ("ok" alone when sound); `applied` the
    migrations the copy has, `known` those this server knows. An older copy may be restored:
    the server upgrades it on start, as it would have upgraded the original.
    """
    if list(integrity) != ["ok"]:
        return "it is damaged (SQLite's integrity check: " + "; ".join(integrity[:3]) + ")"
    if not applied:
        return "it is not a videoclerk database (it has no schema version)"
    unknown = [name for name in applied if name not in set(known)]
    if unknown:
        return (
            f"it was written by a newer videoclerk server (unknown migrations: "
            f"{', '.join(unknown)}); restore it with that version or newer"
        )
    return None

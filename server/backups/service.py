"""Copy the database with SQLite's online backup API, and restore such a copy.

A backup runs beside a working server: `Connection.backup` copies every page in one step,
inside one read transaction, so the copy is the database as of one moment, and in WAL mode
the server's writers carry on meanwhile. The copy is checked (`PRAGMA integrity_check`)
before it takes its final name, so a file at the destination is always a whole, sound copy.

Only the database is copied. The keys (`secrets-keyset.json`, the recordings' master key)
are backed up apart from it, and the recordings' files with rsync: docs/operators.md.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from server import clock
from server.backups import rules
from server.database import known_migration_names, lock_data_folder
from server.schema import migrations


class BackupError(RuntimeError):
    """A backup or restore that was refused or failed; the message says why, for operators."""


@dataclass(frozen=True)
class Copy:
    path: Path
    schema_version: int
    """Migrations the copy has; `known` is how many this server knows."""
    known: int
    size: int


@dataclass(frozen=True)
class Inspection:
    integrity: list[str]
    applied: list[str]


def back_up(database: Path, destination: Path) -> Copy:
    """Copy the live `database` to `destination` (a file, or a folder for a dated file)."""
    if not database.is_file():
        raise BackupError(f"there is no database at {database}")
    target = rules.target_path(destination, now=clock.now(), is_folder=destination.is_dir())
    if not target.parent.is_dir():
        raise BackupError(f"the folder {target.parent} does not exist")
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    # The copy holds what the database holds (password hashes, audit trail): owner only.
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        with (
            open_read_only(database) as source,
            contextlib.closing(sqlite3.connect(partial)) as copy,
        ):
            source.backup(copy)  # all pages in one step: one consistent moment
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal
            found = examine(copy)
        problem = rules.restore_problem(found.integrity, found.applied, known_migration_names())
        if problem is not None:
            raise BackupError(f"the copy cannot be restored: {problem}")
        _fsync(partial)
        os.replace(partial, target)
        _fsync(target.parent)
    finally:
        partial.unlink(missing_ok=True)
    return Copy(target, len(found.applied), len(known_migration_names()), target.stat().st_size)


def restore(source: Path, data_dir: Path, *, replace: bool) -> Copy:
    """Put the backup `source` in place as `data_dir`'s database.

    Refused while a server runs on `data_dir` (its live queue and caches would not match the
    restored data), over an existing database unless `replace`, and for a copy that is
    damaged or from a newer server. An older copy is restored as it is; the server
    upgrades it on start.
    """
    if not source.is_file():
        raise BackupError(f"there is no backup at {source}")
    with open_read_only(source) as backup:
        found = examine(backup)
        problem = rules.restore_problem(found.integrity, found.applied, known_migration_names())
        if problem is not None:
            raise BackupError(f"{source} cannot be restored: {problem}")
        # DataFolderInUseError while a server runs here; the caller says so.
        with lock_data_folder(data_dir, exclusive=True):
            target = data_dir / "videoclerk.db"
            if target.exists() and not replace:
                raise BackupError(
                    f"{data_dir} has a database already; give --replace to overwrite it"
                )
            if not target.exists():
                os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            with contextlib.closing(sqlite3.connect(target)) as restored:
                restored.execute("PRAGMA busy_timeout=5000")
                # Into the database file itself, in one transaction: a crash leaves the old
                # database or the new one, and a leftover -wal of the old one is applied first.
                backup.backup(restored)
                restored.execute("PRAGMA journal_mode=WAL")
                check = examine(restored)
            if check.integrity != ["ok"]:
                raise BackupError(f"the restored database failed its check: {check.integrity}")
    return Copy(target, len(found.applied), len(known_migration_names()), target.stat().st_size)


@contextlib.contextmanager
def open_read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection that cannot write to `path` (never the live database by mistake)."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BackupError(f"cannot open {path}: {exc}") from exc
    try:
        connection.execute("PRAGMA busy_timeout=5000")
        yield connection
    finally:
        connection.close()


def examine(connection: sqlite3.Connection) -> Inspection:
    try:
        integrity = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
        applied = [m.name for m in migrations.applied(Database(connection))]
    except sqlite3.DatabaseError as exc:  # not a database at all, or unreadable pages
        return Inspection(integrity=[str(exc)], applied=[])
    return Inspection(integrity=integrity, applied=applied)


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)

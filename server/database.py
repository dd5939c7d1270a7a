"""The embedded SQLite database: connection settings and schema migrations.

One connection serves the whole process. Routes are `async` and run on the event loop
thread, so every statement is serialised there; slow work (argon2) goes to a thread.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlite_utils import Database

from server.schema import migrations

LOCK_FILE = "videoclerk.lock"


class DatabaseTooNewError(RuntimeError):
    """The database was written by a newer server; running this one could damage it."""


class DataFolderInUseError(RuntimeError):
    """Another process holds the data folder's lock in a way that excludes this one."""


@dataclass(frozen=True)
class SchemaState:
    applied: int
    known: int


def connect(path: Path) -> Database:
    """Open the database with the durability and privacy settings the product promises."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    db = Database(conn)
    conn.execute("PRAGMA journal_mode=WAL")
    # An acknowledged write survives a power cut.
    conn.execute("PRAGMA synchronous=FULL")
    # Erased rows are overwritten with zeros, so deleted secrets leave no readable bytes.
    # Every connection of the server and its commands is made here; one that could not turn
    # it on (a build without it) would break the promise, so it is not used.
    (secure,) = conn.execute("PRAGMA secure_delete=ON").fetchone()
    if secure != 1:
        conn.close()
        raise RuntimeError("This SQLite cannot overwrite deleted rows (secure_delete).")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=5000")
    return db


def checkpoint(db: Database) -> bool:
    """After an erasure: copy the WAL into the database file and truncate it, so that the old
    pages of erased rows leave the WAL too. False when a reader kept it from finishing (the
    next checkpoint, or the next erasure's, completes it)."""
    busy, _, _ = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return not busy


def schema_state(db: Database) -> SchemaState:
    return SchemaState(applied=len(migrations.applied(db)), known=len(known_migration_names()))


def known_migration_names() -> list[str]:
    return [m.name for m in migrations._migrations]


def migrate(db: Database) -> list[str]:
    """Apply pending migrations; refuse a database that a newer server has written."""
    unknown = [m.name for m in migrations.applied(db) if m.name not in set(known_migration_names())]
    if unknown:
        raise DatabaseTooNewError(
            "This database was upgraded by a newer videoclerk server "
            f"(unknown migrations: {', '.join(unknown)}). Install that version or newer."
        )
    pending = [m.name for m in migrations.pending(db)]
    migrations.apply(db)
    return pending


def open_database(path: Path) -> Database:
    db = connect(path)
    migrate(db)
    return db


def lock_data_folder(data_dir: Path, *, exclusive: bool) -> BinaryIO:
    """Lock the data folder for as long as the returned file stays open.

    `serve` holds the lock shared (several servers may, as before); `restore` holds it
    exclusively, so that it never replaces the database under a running server and no server
    starts in the middle of a restore. The kernel drops the lock when the process ends,
    crashes included. `DataFolderInUseError` when the other kind is held.
    """
    import fcntl  # POSIX only, like the server's deployment

    data_dir.mkdir(parents=True, exist_ok=True)
    handle = (data_dir / LOCK_FILE).open("ab")
    try:
        fcntl.flock(handle, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise DataFolderInUseError(str(data_dir)) from None
    return handle

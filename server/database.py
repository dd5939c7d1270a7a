"""The database: the embedded SQLite file (the default) or PostgreSQL (`database_url`),
its connection settings and schema migrations.

One connection serves the whole process, on either engine. Routes are `async` and run on
the event loop thread, so every statement is serialised there; slow work (argon2) goes to a
thread.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, cast

from sqlite_utils import Database as SqliteDatabase

from server.schema import migrations
from server.sql import Database, begin_snapshot, is_postgres

if TYPE_CHECKING:
    from server.config import Settings
    from server.postgres import PostgresDatabase

LOCK_FILE = "videoclerk.lock"


class DatabaseTooNewError(RuntimeError):
    """The database was written by a newer server; running this one could damage it."""


class DataFolderInUseError(RuntimeError):
    """Another process holds the data folder's lock in a way that excludes this one."""


@dataclass(frozen=True)
class SchemaState:
    applied: int
    known: int


class SqliteFile(SqliteDatabase):
    """sqlite-utils' `Database` whose transactions take the write lock as they begin
    (`BEGIN IMMEDIATE`). Several processes share one file: a transaction begun plainly that
    reads, then writes after another process's commit, fails at once with "database is
    locked" (its snapshot is stale; the busy timeout does not help). Begun immediately, it
    waits its turn (busy_timeout) instead, and its reads see the latest commit."""

    @contextlib.contextmanager
    def atomic(self) -> Iterator[SqliteFile]:
        if self.conn.in_transaction:  # nested: a savepoint, as sqlite-utils makes it
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise


def connect(path: Path) -> Database:
    """Open the database with the durability and privacy settings the product promises."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    db = SqliteFile(conn)
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


def connect_configured(settings: Settings) -> Database:
    """The database the settings name: PostgreSQL for a `postgresql://` `database_url`, else
    the SQLite file."""
    if settings.postgres_url:
        from server.postgres import PostgresDatabase  # psycopg only when it is used

        return PostgresDatabase(settings.postgres_url)
    return connect(settings.database_path)


def open_snapshot(settings: Settings) -> Database:
    """A read-only connection of its own in one transaction that sees one moment of the
    settings' database (`begin_snapshot`), for a long read such as an export. It may be used
    from one thread after another (the response's worker threads)."""
    if settings.postgres_url:
        from server.postgres import PostgresDatabase

        db: Database = PostgresDatabase(settings.postgres_url)
    else:
        conn = sqlite3.connect(
            f"{settings.database_path.resolve().as_uri()}?mode=ro",
            uri=True,
            isolation_level=None,
            check_same_thread=False,
        )
        db = SqliteDatabase(conn)
    try:
        begin_snapshot(db)
    except BaseException:
        db.close()
        raise
    return db


def checkpoint(db: Database) -> bool:
    """After an erasure: copy the WAL into the database file and truncate it, so that the old
    pages of erased rows leave the WAL too. False when a reader kept it from finishing (the
    next checkpoint, or the next erasure's, completes it). PostgreSQL has no WAL file of
    ours to empty: True."""
    if is_postgres(db):
        return True
    busy, _, _ = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return not busy


def schema_state(db: Database) -> SchemaState:
    return SchemaState(applied=len(applied_migration_names(db)), known=len(known_migration_names()))


def applied_migration_names(db: Database) -> list[str]:
    if is_postgres(db):
        from server import postgres_schema

        return postgres_schema.applied(cast("PostgresDatabase", db), migrations)
    return [m.name for m in migrations.applied(cast(SqliteDatabase, db))]


def known_migration_names() -> list[str]:
    return [m.name for m in migrations._migrations]


def migrate(db: Database) -> list[str]:
    """Apply pending migrations; refuse a database that a newer server has written."""
    known = set(known_migration_names())
    applied = applied_migration_names(db)
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise DatabaseTooNewError(
            "This database was upgraded by a newer videoclerk server "
            f"(unknown migrations: {', '.join(unknown)}). Install that version or newer."
        )
    pending = [name for name in known_migration_names() if name not in set(applied)]
    if is_postgres(db):
        from server import postgres_schema

        postgres_schema.apply(cast("PostgresDatabase", db), migrations)
    else:
        migrations.apply(cast(SqliteDatabase, db))
    return pending


def open_database(path: Path) -> Database:
    db = connect(path)
    migrate(db)
    return db


def open_configured(settings: Settings) -> Database:
    """The settings' database, migrated: what the server and its commands work on."""
    db = connect_configured(settings)
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

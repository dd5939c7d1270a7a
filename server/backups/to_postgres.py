"""Copy a data folder's SQLite database into an empty PostgreSQL database
(`videoclerk-server migrate-to-postgres`, docs/scale-out.md).

It lives beside backup and restore because it is the same kind of work: a stopped server's
whole database copied elsewhere, checked before and after. The order of the tables, which
tables are copied and what refuses a copy are pure decisions (server/backups/rules.py).

The data folder is locked exclusively throughout, as for a restore: no server runs on it
and none starts meanwhile. The SQLite file is only read. On PostgreSQL one transaction
creates the schema with the normal migrations, copies the rows with COPY (ids kept, the
search index filled by its trigger), checks the counts and moves each identity's sequence
past the copied ids: any failure leaves the target as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database as SqliteDatabase

from server.backups import rules
from server.backups.service import examine, open_read_only
from server.database import known_migration_names, lock_data_folder, migrate
from server.postgres import PostgresDatabase
from server.schema import migrations
from server.sql import Cursor, rows

SEARCH_INDEXES = {"products_fts": "products"}
"""PostgreSQL's search tables, filled by a trigger, and the table each indexes a row of."""


class MoveRefusedError(RuntimeError):
    """The copy was refused before anything changed; the message says why, for operators."""


class MoveFailedError(RuntimeError):
    """The copy did not match its source and was rolled back: the target is unchanged."""


@dataclass(frozen=True)
class Copied:
    table: str
    rows: int


@dataclass(frozen=True)
class _Schema:
    columns: dict[str, list[str]]
    references: dict[str, set[str]]


def move(
    source: Path,
    data_dir: Path,
    target_url: str,
    *,
    progress: Callable[[Copied], None] = lambda _copied: None,
    batch_size: int = 1000,
) -> list[Copied]:
    """Copy the SQLite database `source` of `data_dir` into the PostgreSQL database at
    `target_url`; each table's count, in the order copied. `DataFolderInUseError` while a
    server runs on `data_dir`; `MoveRefusedError` for a source or target that must not be
    copied."""
    if not source.is_file():
        raise MoveRefusedError(f"there is no database at {source}")
    with lock_data_folder(data_dir, exclusive=True), open_read_only(source) as sqlite:
        schema = _source_schema(sqlite)
        order = rules.copy_order(schema.references)
        with closing(PostgresDatabase(target_url)) as target:
            _refuse_data(target, [*schema.columns, *SEARCH_INDEXES])
            sqlite.execute("BEGIN")  # one snapshot for every table and its count
            with target.atomic():
                migrate(target)
                _clear_seeded_rows(target, order)
                copied = []
                for table in order:
                    columns = schema.columns[table]
                    count = target.copy_rows(
                        table, columns, _batches(sqlite, table, columns, batch_size)
                    )
                    copied.append(Copied(table, count))
                    progress(copied[-1])
                _verify(sqlite, target, copied)
                _move_sequences(sqlite, target, order)
            sqlite.rollback()
    return copied


def _source_schema(sqlite: sqlite3.Connection) -> _Schema:
    """The source's tables, checked: sound, as new as the code, and the code's tables."""
    found = examine(sqlite)
    known = known_migration_names()
    problem = rules.restore_problem(found.integrity, found.applied, known)
    problem = problem or rules.migration_problem(found.applied, known)
    if problem is None:
        with closing(_code_schema()) as code:
            expected = _schema(code)
        source = _schema(sqlite)
        problem = rules.schema_problem(source.columns, expected.columns)
    if problem is not None:
        raise MoveRefusedError(f"the SQLite database cannot be copied: {problem}")
    return source


def _code_schema() -> sqlite3.Connection:
    """An empty SQLite database in memory with the code's migrations applied."""
    code = SqliteDatabase(memory=True)
    migrations.apply(code)
    return code.conn


def _schema(sqlite: sqlite3.Connection) -> _Schema:
    tables = dict(sqlite.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"))
    columns: dict[str, list[str]] = {}
    references: dict[str, set[str]] = {}
    for table in rules.copied_tables(tables):
        columns[table] = [str(row[1]) for row in sqlite.execute(f"PRAGMA table_info({table})")]
        references[table] = {
            str(row[2]) for row in sqlite.execute(f"PRAGMA foreign_key_list({table})")
        }
    return _Schema(columns, references)


def _refuse_data(target: PostgresDatabase, ours: Sequence[str]) -> None:
    """Never overwrite: refused when any of `ours` (the tables copied, the search indexes)
    has a row."""
    filled = [
        table
        for table in target.table_names()
        if table in ours and _value(target.execute(f"SELECT EXISTS (SELECT 1 FROM {table})"))  # noqa: S608
    ]
    if filled:
        raise MoveRefusedError(
            f"the PostgreSQL database already holds data (in {', '.join(filled)}); give an "
            "empty database (createdb), on which no server has run"
        )


def _clear_seeded_rows(target: PostgresDatabase, order: Sequence[str]) -> None:
    """The migrations seed a few rows (the first privacy-policy version); the source has
    them too, as it has had the same migrations, possibly changed since: its copies win."""
    for table in reversed(order):
        target.execute(f"DELETE FROM {table}")  # noqa: S608


def _batches(
    sqlite: sqlite3.Connection, table: str, columns: Sequence[str], size: int
) -> Iterator[list[Any]]:
    cursor = sqlite.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY rowid")  # noqa: S608
    while batch := cursor.fetchmany(size):
        yield batch


def _verify(sqlite: sqlite3.Connection, target: PostgresDatabase, copied: list[Copied]) -> None:
    """Inside the transaction: every table holds as many rows as the source, and each
    search index a document per row. A mismatch rolls everything back."""
    wrong = []
    for entry in copied:
        expected = _value(sqlite.execute(f"SELECT count(*) FROM {entry.table}"))  # noqa: S608
        found = _value(target.execute(f"SELECT count(*) FROM {entry.table}"))  # noqa: S608
        if not expected == found == entry.rows:
            wrong.append(f"{entry.table}: {expected} in SQLite, {found} in PostgreSQL")
    for index, table in SEARCH_INDEXES.items():
        documents = _value(target.execute(f"SELECT count(*) FROM {index}"))  # noqa: S608
        indexed = _value(target.execute(f"SELECT count(*) FROM {table}"))  # noqa: S608
        if documents != indexed:
            wrong.append(f"{index}: {documents} search documents for {indexed} rows")
    if wrong:
        raise MoveFailedError("the copy does not match its source: " + "; ".join(wrong))


def _move_sequences(
    sqlite: sqlite3.Connection, target: PostgresDatabase, order: Sequence[str]
) -> None:
    """Each identity's next value past the copied ids, and past any id SQLite's
    AUTOINCREMENT handed out before (deleted rows' ids are not reused)."""
    has_sequences = sqlite.execute(
        "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'"
    ).fetchone()
    handed_out = (
        dict(sqlite.execute("SELECT name, seq FROM sqlite_sequence")) if has_sequences else {}
    )
    identities = rows(
        target,
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND is_identity = 'YES'",
    )
    for identity in identities:
        table, column = identity["table_name"], identity["column_name"]
        if table not in order:
            continue
        highest = _value(target.execute(f"SELECT max({column}) FROM {table}"))  # noqa: S608
        last = max(highest or 0, int(handed_out.get(table) or 0))
        if last:
            target.execute("SELECT setval(pg_get_serial_sequence(?, ?), ?)", [table, column, last])


def _value(cursor: Cursor) -> Any:
    """The first column of a statement's one row."""
    return cursor.fetchone()[0]

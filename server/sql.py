"""The database surface every store uses, the small helpers they share, and the few SQL
fragments that differ between the two engines (SQLite, PostgreSQL).

Stores are written once, in SQL both engines accept: `?` placeholders (the PostgreSQL
adapter, server/postgres.py, rewrites them), `INSERT … ON CONFLICT`, `RETURNING`, integers
for booleans. What cannot be said the same way in both is a function here.

Reads go straight to the connection rather than through sqlite-utils' `db.query`: `query`
wraps each statement in a savepoint (three statements per read), which authenticated reads,
run on every request, cannot afford.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

Row = dict[str, Any]


class Cursor(Protocol):
    """What a statement gives back (sqlite3's cursor, or the PostgreSQL adapter's)."""

    @property
    def description(self) -> Any: ...

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def fetchmany(self, size: int = ...) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    def execute(self, sql: str, parameters: Any = ..., /) -> Cursor: ...

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Cursor: ...


class Table(Protocol):
    def insert(self, record: Row, *, ignore: bool = ...) -> object: ...

    def insert_all(self, records: Iterable[Row], *, batch_size: int = ...) -> object: ...


class Database(Protocol):
    """The part of sqlite-utils' `Database` the stores use; server/postgres.py gives the same
    over PostgreSQL. `atomic()` is a transaction, nested ones savepoints."""

    @property
    def conn(self) -> Connection: ...

    def execute(self, sql: str, parameters: Any = None) -> Cursor: ...

    def atomic(self) -> AbstractContextManager[Any]: ...

    def table(self, table_name: str) -> Table: ...

    def table_names(self) -> list[str]: ...

    def close(self) -> None: ...


def rows(db: Database, sql: str, params: Sequence[Any] = ()) -> list[Row]:
    cursor = db.conn.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def one(db: Database, sql: str, params: Sequence[Any] = ()) -> Row | None:
    cursor = db.conn.execute(sql, params)
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([column[0] for column in cursor.description], row, strict=True))


def update_in_organisation(
    db: Database, table: str, organisation_id: str, row_id: str, changes: Row
) -> None:
    """Update one row by id, only if it belongs to `organisation_id` (tenant isolation).

    `table` and the column names come from code, never from a request.
    """
    columns = ", ".join(f"{name} = ?" for name in changes)
    db.execute(
        f"UPDATE {table} SET {columns} WHERE id = ? AND organisation_id = ?",  # noqa: S608
        [*changes.values(), row_id, organisation_id],
    )


def upsert(db: Database, table: str, row: Row, key: Sequence[str]) -> None:
    """Insert `row`, or overwrite the row with the same `key` columns. `table` and the column
    names come from code."""
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    changes = ", ".join(f"{name} = excluded.{name}" for name in row if name not in key)
    db.execute(
        f"INSERT INTO {table} ({columns}) VALUES ({marks}) "  # noqa: S608
        f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {changes}",
        list(row.values()),
    )


# ---- what the two engines say differently -----------------------------------------------------


def is_postgres(db: Database) -> bool:
    """Whether `db` is PostgreSQL (server/postgres.py); sqlite-utils' has no `dialect`."""
    return getattr(db, "dialect", "sqlite") == "postgresql"


def json_values(db: Database, mark: str = "?") -> str:
    """A subquery of the values of a JSON array passed as one parameter, `mark` (ids of any
    number)."""
    if is_postgres(db):
        return f"SELECT value FROM json_array_elements_text(CAST({mark} AS json))"  # noqa: S608
    return f"SELECT value FROM json_each({mark})"  # noqa: S608


def search_match(db: Database, index: str, words: Sequence[str]) -> tuple[str, str]:
    """A condition that a row of the search index `index` has every word as a prefix of one
    of its words, and its one parameter. `words` are word characters only
    (catalogue/rules.py), so they can carry no query syntax. FTS5 on SQLite; on PostgreSQL a
    tsvector per row (server/postgres_schema.py)."""
    if is_postgres(db):
        query = " & ".join(f"'{word}':*" for word in words)
        return f"{index}.document @@ to_tsquery('simple', ?)", query
    return f"{index} MATCH ?", " ".join(f'"{word}"*' for word in words)


def search_rank(db: Database, index: str, query: str) -> tuple[str, list[str]]:
    """An ORDER BY expression, best match first, for rows that `search_match` found, and
    its parameters: FTS5's weighted bm25 `rank`, PostgreSQL's `ts_rank` (same weights)."""
    if is_postgres(db):
        return f"ts_rank({index}.document, to_tsquery('simple', ?)) DESC", [query]
    return f"{index}.rank", []


def merge_search_index(db: Database, index: str) -> None:
    """After deleting rows: FTS5 keeps their words until its segments merge, so merge now.
    PostgreSQL's index drops them with the rows."""
    if not is_postgres(db):
        db.execute(f"INSERT INTO {index} ({index}) VALUES ('optimize')")  # noqa: S608


def table_columns(db: Database, table: str) -> list[str]:
    """A table's columns in their order (`table` comes from code, never a request)."""
    if is_postgres(db):
        cursor = db.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
            [table],
        )
        return [str(row[0]) for row in cursor.fetchall()]
    return [str(row[1]) for row in db.execute(f"PRAGMA table_info({table})").fetchall()]


def primary_key(db: Database, table: str) -> list[str]:
    """A table's primary key columns in the key's order; none for a table without one."""
    if is_postgres(db):
        cursor = db.execute(
            "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
            "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = CAST(? AS regclass) "
            "AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)",
            [table],
        )
        return [str(row[0]) for row in cursor.fetchall()]
    found = sorted(
        (int(row[5]), str(row[1]))
        for row in db.execute(f"PRAGMA table_info({table})").fetchall()
        if int(row[5])
    )
    return [name for _, name in found]


def stable_order(db: Database, table: str) -> str:
    """An ORDER BY that lists a table's rows the same way every time: SQLite's rowid (the
    order they were written in). PostgreSQL has no rowid: the primary key, or every column
    of a table without one (rows equal in all of them cannot be told apart anyway)."""
    if not is_postgres(db):
        return "rowid"
    return ", ".join(f'"{name}"' for name in primary_key(db, table) or table_columns(db, table))


def begin_snapshot(db: Database) -> None:
    """Begin a read-only transaction on `db`, a connection of its own, that sees one moment
    of the database however long it is read, while the server writes on: SQLite's read
    transaction (WAL), PostgreSQL's REPEATABLE READ. Both take the snapshot at the first
    read, made here."""
    if is_postgres(db):
        db.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        db.execute("SELECT count(*) FROM pg_tables").fetchone()
    else:
        db.execute("BEGIN")
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()


def batches(db: Database, sql: str, params: Mapping[str, Any], size: int) -> Iterator[list[Any]]:
    """A query's rows, `size` at a time, never all at once in memory: SQLite's cursor steps
    through them, but psycopg's would fetch them all, so on PostgreSQL a cursor of the
    server's, inside the caller's transaction (`begin_snapshot`)."""
    if not is_postgres(db):
        cursor = db.execute(sql, params)
        while batch := cursor.fetchmany(size):
            yield batch
        return
    name = f"batches_{secrets.token_hex(6)}"
    db.execute(f"DECLARE {name} NO SCROLL CURSOR FOR {sql}", params)
    while batch := db.execute(f"FETCH {size} FROM {name}").fetchall():
        yield batch
    db.execute(f"CLOSE {name}")  # an abandoned one ends with the transaction


def seconds_between(db: Database, start: str, end: str) -> str:
    """An expression: seconds from `start` to `end`, two columns of ISO 8601 times."""
    if is_postgres(db):
        return f"EXTRACT(EPOCH FROM CAST({end} AS timestamptz) - CAST({start} AS timestamptz))"
    return f"(julianday({end}) - julianday({start})) * 86400"

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

import json
import secrets
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import fields
from functools import cache
from types import UnionType
from typing import Any, Protocol, TypeVar, Union, get_args, get_origin, get_type_hints

Row = dict[str, Any]
Record = TypeVar("Record")
"""A store's typed row: a dataclass whose fields are named after the columns it reads."""


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


def columns(record: type[Any], *, table: str = "") -> str:
    """The SELECT list that reads `record` (a dataclass): its fields' names, each qualified
    with `table` if given. A column added to the table later is not read until the record
    has a field for it."""
    prefix = f"{table}." if table else ""
    return ", ".join(f"{prefix}{field.name}" for field in fields(record))


def as_record(record: type[Record], row: Row) -> Record:
    """`row` as a `record` (a dataclass), from the columns named like its fields. Columns
    keep what the engines store: a field typed `bool` gets the INTEGER 0/1 as a bool, and one
    typed as a list, tuple or dict gets its JSON text decoded."""
    readers = _readers(record)  # type: ignore[arg-type]  # a class is hashable
    return record(**{name: read(row[name]) for name, read in readers})


@cache
def _readers(record: type[Any]) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    hints = get_type_hints(record)
    return tuple((field.name, _reader(hints[field.name])) for field in fields(record))


def _reader(hint: Any) -> Callable[[Any], Any]:
    kinds = [kind for kind in get_args(hint) if kind is not type(None)]
    if get_origin(hint) in (Union, UnionType) and len(kinds) == 1:  # `X | None`
        inner = _reader(kinds[0])
        return lambda value: None if value is None else inner(value)
    if hint is bool:
        return bool
    container = get_origin(hint) or hint
    if container in (list, dict):
        return lambda value: json.loads(value) if isinstance(value, str) else value
    if container is tuple:
        return lambda value: tuple(json.loads(value) if isinstance(value, str) else value)
    return _same


def _same(value: Any) -> Any:
    return value


def one_record(
    db: Database, record: type[Record], rest: str, params: Sequence[Any] = (), *, table: str = ""
) -> Record | None:
    """The first row of `SELECT <record's columns> <rest>` as a `record`, or None. `rest`
    (FROM …) comes from code; `table` qualifies the columns in a join."""
    row = one(db, _select(record, rest, table), params)
    return None if row is None else as_record(record, row)


def records(
    db: Database, record: type[Record], rest: str, params: Sequence[Any] = (), *, table: str = ""
) -> list[Record]:
    """Every row of `SELECT <record's columns> <rest>` as a `record`."""
    return [as_record(record, row) for row in rows(db, _select(record, rest, table), params)]


def _select(record: type[Any], rest: str, table: str) -> str:
    return f"SELECT {columns(record, table=table)} {rest}"


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


def _accents() -> dict[str, str]:
    """Latin letters with diacritics and the letter alone ("é": "e"), as FTS5's
    `remove_diacritics` folds them; PostgreSQL folds with `translate` and this table, which
    needs no extension (unaccent is one)."""
    folded = {}
    for code in range(0xC0, 0x250):
        parts = unicodedata.normalize("NFKD", chr(code))
        if len(parts) > 1 and parts[0].isascii() and all(map(unicodedata.combining, parts[1:])):
            folded[chr(code)] = parts[0]
    return folded


ACCENTS = _accents()
ACCENTED, UNACCENTED = "".join(ACCENTS), "".join(ACCENTS.values())
_UNACCENT = str.maketrans(ACCENTS)


def search_match(db: Database, index: str, words: Sequence[str]) -> tuple[str, str]:
    """A condition that a row of the search index `index` has every word as a prefix of one
    of its words, and its one parameter. `words` are word characters only
    (catalogue/rules.py), so they can carry no query syntax. FTS5 on SQLite; on PostgreSQL a
    tsvector per row (server/postgres_schema.py), its words without accents, so the query's
    lose theirs too."""
    if is_postgres(db):
        query = " & ".join(f"'{word.translate(_UNACCENT)}':*" for word in words)
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

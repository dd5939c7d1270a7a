"""PostgreSQL behind the same small surface as sqlite-utils' `Database` (server/sql.py).

One synchronous psycopg 3 connection serves the whole process, as the SQLite connection
does: stores run on the event loop's thread, one statement at a time (server/database.py).
The async driver with a pool would make every store and route async; that is a later step
(docs/scale-out.md). A connection that broke (PostgreSQL restarted, the network dropped) is
replaced by a new one at the next statement: the statement that found it broken fails (it
may or may not have run, so it is not repeated), the ones after it work.

The stores' SQL keeps SQLite's placeholders: `?`, `?N` and `:name` become psycopg's `%s`
and `%(name)s` here, and a literal `%` is doubled. Results read as SQLite gives them:
`numeric` (what `sum` and `avg` of integers return) as int or float, and a Python bool is
written as the integer 0 or 1, like the INTEGER columns that hold booleans.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import psycopg
from psycopg.adapt import Buffer, Dumper, Loader
from psycopg.postgres import types as pg_types

from server.problems import ProblemError

_NAMED = re.compile(r"[A-Za-z_]\w*")


@lru_cache(maxsize=1024)
def placeholders(sql: str) -> tuple[str, str]:
    """`sql` with psycopg's placeholders, and which kind it had: `positional` (`?`),
    `numbered` (`?1`, passed as `%(p1)s`) or `named` (`:name`). Quoted text, quoted
    names and `::` casts are left alone."""
    out: list[str] = []
    kind = "positional"
    i, size = 0, len(sql)
    while i < size:
        char = sql[i]
        if char in "'\"":
            end = sql.index(char, i + 1)
            while end + 1 < size and sql[end + 1] == char:  # a doubled quote inside
                end = sql.index(char, end + 2)
            out.append(sql[i : end + 1].replace("%", "%%"))
            i = end + 1
        elif char == "?":
            digits = re.match(r"\d+", sql[i + 1 :])
            if digits:
                kind = "numbered"
                out.append(f"%(p{digits.group()})s")
                i += 1 + len(digits.group())
            else:
                out.append("%s")
                i += 1
        elif char == ":" and sql.startswith("::", i):
            out.append("::")
            i += 2
        elif char == ":" and (name := _NAMED.match(sql, i + 1)):
            kind = "named"
            out.append(f"%({name.group()})s")
            i = name.end()
        else:
            out.append("%%" if char == "%" else char)
            i += 1
    return "".join(out), kind


def _refuse_nul(values: Iterable[Any]) -> None:
    """PostgreSQL's text cannot hold U+0000 (SQLite's can): refuse such input as invalid,
    a 422 rather than the driver's error (a 500)."""
    if any(isinstance(value, str) and "\x00" in value for value in values):
        raise ProblemError(
            422, "invalid_input", "Text cannot hold the character U+0000 (NUL). Remove it."
        )


def _bound(sql: str, parameters: Any) -> tuple[str, Any]:
    if not parameters:
        return sql, None
    _refuse_nul(parameters.values() if isinstance(parameters, Mapping) else parameters)
    text, kind = placeholders(sql)
    if kind == "numbered":
        return text, {f"p{n}": value for n, value in enumerate(parameters, start=1)}
    return text, parameters if kind == "named" else list(parameters)


class _NumericAsNumber(Loader):
    """`numeric` as SQLite would give it: an int when whole, else a float."""

    def load(self, data: Buffer) -> int | float:
        text = bytes(data).decode()
        return int(text) if text.lstrip("-").isdigit() else float(text)


class _BoolAsInteger(Dumper):
    oid = pg_types["int8"].oid

    def dump(self, obj: bool) -> Buffer:
        return b"1" if obj else b"0"


def _open(url: str) -> psycopg.Connection[Any]:
    connection = psycopg.connect(url, autocommit=True)
    connection.adapters.register_loader("numeric", _NumericAsNumber)
    connection.adapters.register_dumper(bool, _BoolAsInteger)
    return connection


class _Connection:
    """`execute` and `executemany` with the stores' placeholders (sqlite3's `conn`), on a
    live connection: a broken one is replaced, outside a transaction, before the statement."""

    def __init__(self, url: str) -> None:
        self._url = url
        self.current = _open(url)
        self.transactions = 0  # open `atomic()` blocks: inside one, never a new connection

    def live(self) -> psycopg.Connection[Any]:
        if self.current.broken and not self.transactions:
            self.current = _open(self._url)
        return self.current

    def execute(self, sql: str, parameters: Any = None, /) -> psycopg.Cursor[Any]:
        text, bound = _bound(sql, parameters)
        return self.live().execute(text, bound)

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> psycopg.Cursor[Any]:
        batch = list(parameters)
        cursor = self.live().cursor()
        if batch:
            text, _ = _bound(sql, batch[0])
            cursor.executemany(text, [_bound(sql, row)[1] for row in batch])
        return cursor


def _stored(value: Any) -> Any:
    """What sqlite-utils' `insert` writes for a value: lists and dicts as JSON text."""
    return json.dumps(value) if isinstance(value, list | dict) else value


class _Table:
    def __init__(self, connection: _Connection, name: str) -> None:
        self._connection, self.name = connection, name

    def _insert_sql(self, columns: Sequence[str], *, ignore: bool) -> str:
        marks = ", ".join("?" for _ in columns)
        return (
            f"INSERT INTO {self.name} ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608
            + (" ON CONFLICT DO NOTHING" if ignore else "")
        )

    def insert(self, record: dict[str, Any], *, ignore: bool = False) -> _Table:
        columns = list(record)
        self._connection.execute(
            self._insert_sql(columns, ignore=ignore), [_stored(record[c]) for c in columns]
        )
        return self

    def insert_all(self, records: Iterable[dict[str, Any]], *, batch_size: int = 100) -> _Table:
        batch = list(records)
        if batch:
            columns = list(batch[0])
            self._connection.executemany(
                self._insert_sql(columns, ignore=False),
                [[_stored(record[c]) for c in columns] for record in batch],
            )
        return self


class PostgresDatabase:
    """The server's database on PostgreSQL (`database_url = postgresql://…`)."""

    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        self.conn = _Connection(url)

    def execute(self, sql: str, parameters: Any = None) -> psycopg.Cursor[Any]:
        return self.conn.execute(sql, parameters)

    @contextmanager
    def atomic(self) -> Iterator[PostgresDatabase]:
        """A transaction; one inside another is a savepoint, as with sqlite-utils."""
        with self.conn.live().transaction():
            self.conn.transactions += 1
            try:
                yield self
            finally:
                self.conn.transactions -= 1

    def table(self, table_name: str) -> _Table:
        return _Table(self.conn, table_name)

    def table_names(self) -> list[str]:
        cursor = self.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
        )
        return [str(row[0]) for row in cursor.fetchall()]

    def copy_rows(
        self, table: str, columns: Sequence[str], batches: Iterable[Iterable[Sequence[Any]]]
    ) -> int:
        """Write rows into `table` with one COPY, as they come, batch after batch (a big
        table never in memory whole); how many. Triggers and constraints apply as for
        INSERT. `table` and `columns` come from code."""
        count = 0
        statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        with self.conn.live().cursor() as cursor, cursor.copy(statement) as copy:
            for batch in batches:
                for row in batch:
                    copy.write_row(row)
                    count += 1
        return count

    def close(self) -> None:
        self.conn.current.close()

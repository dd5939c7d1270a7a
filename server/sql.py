"""Small helpers every store module shares.

Reads go straight to the connection rather than through sqlite-utils' `db.query`: `query`
wraps each statement in a savepoint (three statements per read), which authenticated reads,
run on every request, cannot afford.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlite_utils import Database

Row = dict[str, Any]


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

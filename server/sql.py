"""Small helpers every store module shares, on top of sqlite-utils' `db.query`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlite_utils import Database

Row = dict[str, Any]


def rows(db: Database, sql: str, params: Sequence[Any] = ()) -> list[Row]:
    return list(db.query(sql, list(params)))


def one(db: Database, sql: str, params: Sequence[Any] = ()) -> Row | None:
    return next(iter(db.query(sql, list(params))), None)


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

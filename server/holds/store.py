"""All SQL of legal holds."""

from __future__ import annotations

from server.sql import Database, Row, one, rows


def insert(db: Database, row: Row) -> None:
    with db.atomic():
        db.table("legal_holds").insert(row)


def get(db: Database, hold_id: str) -> Row | None:
    return one(db, "SELECT * FROM legal_holds WHERE id = ?", [hold_id])


def lift(db: Database, hold_id: str, *, at: str, reason: str) -> bool:
    """Lift an active hold; False when there is none with this id."""
    with db.atomic():
        cursor = db.execute(
            "UPDATE legal_holds SET lifted_at = ?, lift_reason = ? "
            "WHERE id = ? AND lifted_at IS NULL",
            [at, reason, hold_id],
        )
    return bool(cursor.rowcount)


def active(db: Database) -> list[Row]:
    return rows(db, "SELECT organisation_id, call_id FROM legal_holds WHERE lifted_at IS NULL", [])


def listing(db: Database, *, include_lifted: bool) -> list[Row]:
    where = "" if include_lifted else "WHERE lifted_at IS NULL "
    return rows(
        db,
        f"SELECT * FROM legal_holds {where}ORDER BY set_at, id",  # noqa: S608
        [],
    )

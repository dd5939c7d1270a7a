"""All SQL of legal holds."""

from __future__ import annotations

from server.holds.models import LegalHold
from server.sql import Database, Row, one_record, records


def insert(db: Database, row: Row) -> None:
    with db.atomic():
        db.table("legal_holds").insert(row)


def get(db: Database, hold_id: str) -> LegalHold | None:
    return one_record(db, LegalHold, "FROM legal_holds WHERE id = ?", [hold_id])


def lift(db: Database, hold_id: str, *, at: str, reason: str) -> bool:
    """Lift an active hold; False when there is none with this id."""
    with db.atomic():
        cursor = db.execute(
            "UPDATE legal_holds SET lifted_at = ?, lift_reason = ? "
            "WHERE id = ? AND lifted_at IS NULL",
            [at, reason, hold_id],
        )
    return bool(cursor.rowcount)


def active(db: Database) -> list[LegalHold]:
    return records(db, LegalHold, "FROM legal_holds WHERE lifted_at IS NULL")


def listing(db: Database, *, include_lifted: bool) -> list[LegalHold]:
    where = "" if include_lifted else "WHERE lifted_at IS NULL "
    return records(db, LegalHold, f"FROM legal_holds {where}ORDER BY set_at, id")

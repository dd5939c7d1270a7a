"""All SQL of closures: the closure of each closed organisation, and its contacts."""

from __future__ import annotations

from server.closure.models import Closure
from server.sql import Database, Row, one_record, records

STEP_COLUMNS = {
    "account_data": "account_data_erased_at",
    "support": "support_erased_at",
    "profile": "profile_erased_at",
    "billing": "billing_erased_at",
}


def insert_closure(db: Database, row: Row) -> None:
    db.table("organisation_closures").insert(row)


def closure(db: Database, organisation_id: str) -> Closure | None:
    return one_record(
        db, Closure, "FROM organisation_closures WHERE organisation_id = ?", [organisation_id]
    )


def closures(db: Database) -> list[Closure]:
    return records(db, Closure, "FROM organisation_closures ORDER BY closed_at, organisation_id")


def set_reason(db: Database, organisation_id: str, reason: str) -> None:
    db.execute(
        "UPDATE organisation_closures SET reason = ? WHERE organisation_id = ?",
        [reason, organisation_id],
    )


def mark_done(db: Database, organisation_id: str, step: str, at: str) -> None:
    column = STEP_COLUMNS[step]
    db.execute(
        f"UPDATE organisation_closures SET {column} = ? WHERE organisation_id = ?",  # noqa: S608
        [at, organisation_id],
    )


def insert_contacts(db: Database, organisation_id: str, contacts: list[Row]) -> None:
    db.table("organisation_contacts").insert_all(
        {"organisation_id": organisation_id, **contact} for contact in contacts
    )

"""All SQL of the policy versions."""

from __future__ import annotations

from server.policy.models import PolicyText, PolicyVersion
from server.sql import Database, Row, one_record, records


def all_versions(db: Database) -> list[PolicyVersion]:
    """Every version without its text, oldest first (a handful of rows)."""
    return records(db, PolicyVersion, "FROM policy_versions ORDER BY effective_at, version")


def get(db: Database, version: str) -> PolicyText | None:
    return one_record(db, PolicyText, "FROM policy_versions WHERE version = ?", [version])


def insert(db: Database, row: Row) -> None:
    db.table("policy_versions").insert(row)

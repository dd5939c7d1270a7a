"""All SQL of the policy versions."""

from __future__ import annotations

from server.sql import Database, Row, one, rows

_LISTED = "version, effective_at, material, summary, language, created_at"


def all_versions(db: Database) -> list[Row]:
    """Every version without its text, oldest first (a handful of rows)."""
    return rows(db, f"SELECT {_LISTED} FROM policy_versions ORDER BY effective_at, version")  # noqa: S608


def get(db: Database, version: str) -> Row | None:
    return one(db, "SELECT * FROM policy_versions WHERE version = ?", [version])


def insert(db: Database, row: Row) -> None:
    db.table("policy_versions").insert(row)

"""All SQL of the suggestion settings."""

from __future__ import annotations

from server.sql import Database


def enabled(db: Database, organisation_id: str) -> bool:
    row = db.conn.execute(
        "SELECT offer_suggestions FROM suggestion_settings WHERE organisation_id = ?",
        [organisation_id],
    ).fetchone()
    return bool(row and row[0])


def set_enabled(db: Database, organisation_id: str, on: bool, at: str) -> None:
    db.execute(
        "INSERT INTO suggestion_settings (organisation_id, offer_suggestions, updated_at) "
        "VALUES (?, ?, ?) ON CONFLICT (organisation_id) DO UPDATE SET "
        "offer_suggestions = excluded.offer_suggestions, updated_at = excluded.updated_at",
        [organisation_id, int(on), at],
    )

"""All SQL of API keys."""

from __future__ import annotations

from server import callers
from server.apikeys.models import ApiKey
from server.sql import Database, Row, one_record, records, rows, update_in_organisation


def insert_key(db: Database, row: Row) -> None:
    db.table("api_keys").insert(row)


def secret_in_use(db: Database, secret_hash: str) -> bool:
    return bool(rows(db, "SELECT 1 AS x FROM api_keys WHERE secret_hash = ?", [secret_hash]))


def key_by_secret_hash(db: Database, secret_hash: str) -> ApiKey | None:
    return one_record(db, ApiKey, "FROM api_keys WHERE secret_hash = ?", [secret_hash])


def get_key(db: Database, organisation_id: str, key_id: str) -> ApiKey | None:
    return one_record(
        db,
        ApiKey,
        "FROM api_keys WHERE id = ? AND organisation_id = ?",
        [key_id, organisation_id],
    )


def list_keys(db: Database, organisation_id: str) -> list[ApiKey]:
    return records(
        db,
        ApiKey,
        "FROM api_keys WHERE organisation_id = ? ORDER BY created_at, id",
        [organisation_id],
    )


def update_key(db: Database, organisation_id: str, key_id: str, changes: Row) -> None:
    update_in_organisation(db, "api_keys", organisation_id, key_id, changes)
    callers.changed()


def note_use(db: Database, key_id: str, at: str, ip: str | None) -> None:
    db.execute(
        "UPDATE api_keys SET last_used_at = ?, last_used_ip = ? WHERE id = ?", [at, ip, key_id]
    )


def revoke_all(db: Database, organisation_id: str, at: str) -> int:
    """Revoke every key of the organisation not revoked yet; how many."""
    cursor = db.execute(
        "UPDATE api_keys SET revoked_at = ? WHERE organisation_id = ? AND revoked_at IS NULL",
        [at, organisation_id],
    )
    callers.changed()
    return cursor.rowcount

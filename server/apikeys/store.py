"""All SQL of API keys."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

Row = dict[str, Any]


def _rows(db: Database, sql: str, params: list[Any]) -> list[Row]:
    cursor = db.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def insert_key(db: Database, row: Row) -> None:
    db.table("api_keys").insert(row)


def secret_in_use(db: Database, secret_hash: str) -> bool:
    return bool(_rows(db, "SELECT 1 AS x FROM api_keys WHERE secret_hash = ?", [secret_hash]))


def key_by_secret_hash(db: Database, secret_hash: str) -> Row | None:
    found = _rows(
        db,
        "SELECT id, organisation_id, secret_hash, scopes, expires_at, revoked_at "
        "FROM api_keys WHERE secret_hash = ?",
        [secret_hash],
    )
    return found[0] if found else None


def get_key(db: Database, organisation_id: str, key_id: str) -> Row | None:
    found = _rows(
        db, "SELECT * FROM api_keys WHERE id = ? AND organisation_id = ?", [key_id, organisation_id]
    )
    return found[0] if found else None


def list_keys(db: Database, organisation_id: str) -> list[Row]:
    return _rows(
        db,
        "SELECT * FROM api_keys WHERE organisation_id = ? ORDER BY created_at, id",
        [organisation_id],
    )


def update_key(db: Database, organisation_id: str, key_id: str, changes: Row) -> None:
    columns = ", ".join(f"{name} = ?" for name in changes)
    db.execute(
        f"UPDATE api_keys SET {columns} WHERE id = ? AND organisation_id = ?",  # noqa: S608
        [*changes.values(), key_id, organisation_id],
    )


def note_use(db: Database, key_id: str, at: str, ip: str | None) -> None:
    db.execute(
        "UPDATE api_keys SET last_used_at = ?, last_used_ip = ? WHERE id = ?", [at, ip, key_id]
    )

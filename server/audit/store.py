"""All SQL of the audit trail."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from server.audit.models import AuditEntry
from server.sql import Database, records


@dataclass(frozen=True)
class AuditFilter:
    event: str | None = None
    actor_user_id: str | None = None
    actor_key_id: str | None = None
    ip: str | None = None
    since: str | None = None
    until: str | None = None
    before_id: int | None = None


def insert_event(db: Database, row: dict[str, Any]) -> None:
    details = row.get("details")
    db.table("audit_events").insert({**row, "details": json.dumps(details) if details else None})


def list_events(
    db: Database, organisation_id: str, where: AuditFilter, limit: int
) -> list[AuditEntry]:
    clauses = ["organisation_id = ?"]
    params: list[Any] = [organisation_id]
    for column, op, value in (
        ("event", "=", where.event),
        ("actor_user_id", "=", where.actor_user_id),
        ("actor_key_id", "=", where.actor_key_id),
        ("ip", "=", where.ip),
        ("at", ">=", where.since),
        ("at", "<", where.until),
        ("id", "<", where.before_id),
    ):
        if value is not None:
            clauses.append(f"{column} {op} ?")
            params.append(value)
    return records(
        db,
        AuditEntry,
        f"FROM audit_events WHERE {' AND '.join(clauses)} ORDER BY id DESC LIMIT ?",
        [*params, limit],
    )


def first_key_use_today(db: Database, key_id: str, day: str, ip: str) -> bool:
    """True the first time a key is seen from an IP on a day (then it is worth an audit entry)."""
    cursor = db.execute(
        "INSERT INTO api_key_use_days (key_id, day, ip) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        [key_id, day, ip],
    )
    return cursor.rowcount == 1

"""Writing to the audit trail from any capability."""

from __future__ import annotations

from typing import Any

from server import clock
from server.audit import store
from server.sql import Database


def record(
    db: Database,
    *,
    event: str,
    organisation_id: str | None,
    ip: str | None,
    actor_user_id: str | None = None,
    actor_key_id: str | None = None,
    target: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    store.insert_event(
        db,
        {
            "organisation_id": organisation_id,
            "at": clock.now_iso(),
            "event": event,
            "actor_user_id": actor_user_id,
            "actor_key_id": actor_key_id,
            "ip": ip,
            "target": target,
            "details": details,
        },
    )

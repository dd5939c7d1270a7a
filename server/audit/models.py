"""Entries of the audit trail, as stored."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One thing that happened: who did it (a user or a key, from which IP) to what."""

    id: int
    organisation_id: str | None
    at: str
    event: str
    actor_user_id: str | None
    actor_key_id: str | None
    ip: str | None
    target: str | None
    details: dict[str, Any] | None

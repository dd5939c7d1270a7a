"""The webhooks' outbox: events recorded inside the transaction that caused them.

A placeholder with the interface offers need; the webhooks branch replaces it with the real
outbox (rows sent after commit).
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database


def enqueue_event(
    db: Database, *, organisation_id: str, event_type: str, payload: dict[str, Any]
) -> None:
    """Record `event_type` with `payload` for the organisation's webhooks (in the caller's
    transaction); nothing is sent yet."""

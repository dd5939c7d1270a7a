"""The webhook outbox: events become delivery rows in the caller's transaction.

`enqueue_event` does no I/O: it writes a row (if the organisation's endpoint is enabled and
subscribed to the event) and sets an in-process signal. The sender (`delivery.py`) is a task
on the same event loop; the caller's transaction runs with no `await` before its commit, so
the sender can only look after the commit (a rolled-back event leaves no row, and the
sender finds nothing). Call these on the event loop's thread, like every database write.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from server import clock, security
from server.sql import Database, Row
from server.webhooks import rules, store

# Set when a delivery is queued, a retry comes due or an attempt ends; the sender waits on it.
wake = asyncio.Event()


def enqueue_event(
    db: Database, *, organisation_id: str, event_type: str, payload: dict[str, Any]
) -> None:
    """Queue `event_type` for the organisation's endpoint, if it is enabled and subscribed.

    `payload` becomes the body's `data`; it must be JSON-serialisable and small. An unknown
    event type is a programming error (ValueError), so a typo cannot silently send nothing.
    """
    if event_type not in rules.EVENT_TYPES:
        raise ValueError(f"unknown webhook event type {event_type!r}")
    endpoint = store.endpoint(db, organisation_id)
    if endpoint is None or not endpoint.enabled:
        return
    if event_type not in endpoint.events:
        return
    queue_delivery(db, organisation_id=organisation_id, event_type=event_type, payload=payload)


def queue_delivery(
    db: Database, *, organisation_id: str, event_type: str, payload: dict[str, Any]
) -> str:
    """Write one delivery row (no checks of the endpoint) and wake the sender; its id."""
    now = clock.now_iso()
    delivery_id = security.new_id("msg")
    body = json.dumps(
        {"type": event_type, "timestamp": now, "data": payload}, separators=(",", ":")
    )
    if len(body) > rules.MAX_PAYLOAD_BYTES:
        raise ValueError(f"webhook payload of {len(body)} bytes is too large")
    row: Row = {
        "id": delivery_id,
        "organisation_id": organisation_id,
        "event_type": event_type,
        "body": body,
        "status": "pending",
        "failures": 0,
        "created_at": now,
        "next_attempt_at": now,
    }
    store.insert_delivery(db, row)
    wake.set()
    return delivery_id

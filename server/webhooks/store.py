"""All SQL of webhooks: endpoints, the delivery outbox and its attempts."""

from __future__ import annotations

from typing import Any

from server.sql import Database, Row, as_record, one, one_record, records, rows
from server.webhooks.models import ClaimedDelivery, Delivery, DeliveryAttempt, Endpoint

_DELIVERY_COLUMNS = (
    "d.n, d.id, d.organisation_id, d.event_type, d.body, d.status, d.failures, d.created_at, "
    "d.next_attempt_at, d.delivered_at, "
    "(SELECT COUNT(*) FROM webhook_attempts a WHERE a.delivery_n = d.n) AS attempts"
)


def endpoint(db: Database, organisation_id: str) -> Endpoint | None:
    return one_record(
        db, Endpoint, "FROM webhook_endpoints WHERE organisation_id = ?", [organisation_id]
    )


def save_endpoint(db: Database, organisation_id: str, changes: Row, *, events: str) -> None:
    """Change the organisation's endpoint, first creating it (disabled, `events`) if need be.

    The column names in `changes` come from code, never from a request.
    """
    db.execute(
        "INSERT INTO webhook_endpoints (organisation_id, enabled, events, updated_at) "
        "VALUES (?, 0, ?, ?) ON CONFLICT DO NOTHING",
        [organisation_id, events, changes["updated_at"]],
    )
    columns = ", ".join(f"{name} = ?" for name in changes)
    db.execute(
        f"UPDATE webhook_endpoints SET {columns} WHERE organisation_id = ?",  # noqa: S608
        [*changes.values(), organisation_id],
    )


def disable(db: Database, organisation_id: str, at: str) -> None:
    """No more deliveries to the organisation's endpoint: pending ones fail at their attempt."""
    db.execute(
        "UPDATE webhook_endpoints SET enabled = 0, updated_at = ? WHERE organisation_id = ?",
        [at, organisation_id],
    )


def insert_delivery(db: Database, row: Row) -> None:
    db.table("webhook_deliveries").insert(row)


def claim_due(
    db: Database, *, now: str, lease_until: str, claim: str, limit: int
) -> list[ClaimedDelivery]:
    """Take up to `limit` deliveries that are due, for this claim only, in one statement.

    Due: pending with its time come, or being delivered by a process whose lease ran out
    (it died mid-attempt). Whoever's UPDATE lands first owns the row until `lease_until`.
    """
    claimed = rows(
        db,
        "UPDATE webhook_deliveries SET status = 'delivering', claim = ?, lease_until = ? "
        "WHERE n IN (SELECT n FROM webhook_deliveries WHERE "
        "(status = 'pending' AND next_attempt_at <= ?) "
        "OR (status = 'delivering' AND lease_until <= ?) ORDER BY next_attempt_at LIMIT ?) "
        "RETURNING n, id, organisation_id, event_type, body, failures, claim",
        [claim, lease_until, now, now, limit],
    )
    return [as_record(ClaimedDelivery, row) for row in claimed]


def next_due(db: Database) -> str | None:
    """When the next delivery comes due (a retry, or a lease running out); None if none."""
    row = one(
        db,
        "SELECT MIN(CASE status WHEN 'pending' THEN next_attempt_at ELSE lease_until END) AS at "
        "FROM webhook_deliveries WHERE status IN ('pending', 'delivering')",
    )
    return None if row is None else row["at"]


def insert_attempt(db: Database, row: Row) -> None:
    db.table("webhook_attempts").insert(row)


def settle(db: Database, *, n: int, claim: str, changes: Row) -> bool:
    """Record the outcome of a claimed delivery; False if the claim was lost meanwhile."""
    columns = ", ".join(f"{name} = ?" for name in changes)
    cursor = db.execute(
        f"UPDATE webhook_deliveries SET {columns}, claim = NULL, lease_until = NULL "  # noqa: S608
        "WHERE n = ? AND claim = ?",
        [*changes.values(), n, claim],
    )
    return cursor.rowcount == 1


def release(db: Database, claim: str, now: str) -> None:
    """Give back deliveries whose attempt was cut short (the server stopping): due now."""
    db.execute(
        "UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?, claim = NULL, "
        "lease_until = NULL WHERE status = 'delivering' AND claim = ?",
        [now, claim],
    )


def list_deliveries(
    db: Database,
    organisation_id: str,
    *,
    status: str | None,
    event_type: str | None,
    after: str | None,
    limit: int,
) -> list[Delivery]:
    """Newest first; `after` is the id of the last delivery of the previous page."""
    clauses = ["d.organisation_id = ?"]
    params: list[Any] = [organisation_id]
    if status is not None:
        clauses.append("d.status = ?")
        params.append(status)
    if event_type is not None:
        clauses.append("d.event_type = ?")
        params.append(event_type)
    if after is not None:
        clauses.append(
            "d.n < (SELECT n FROM webhook_deliveries WHERE id = ? AND organisation_id = ?)"
        )
        params += [after, organisation_id]
    found = rows(
        db,
        f"SELECT {_DELIVERY_COLUMNS} FROM webhook_deliveries d "  # noqa: S608
        f"WHERE {' AND '.join(clauses)} ORDER BY d.n DESC LIMIT ?",
        [*params, limit],
    )
    return [as_record(Delivery, row) for row in found]


def delivery(db: Database, organisation_id: str, delivery_id: str) -> Delivery | None:
    row = one(
        db,
        f"SELECT {_DELIVERY_COLUMNS} FROM webhook_deliveries d "  # noqa: S608
        "WHERE d.id = ? AND d.organisation_id = ?",
        [delivery_id, organisation_id],
    )
    return None if row is None else as_record(Delivery, row)


def attempts(db: Database, delivery_n: int) -> list[DeliveryAttempt]:
    return records(
        db, DeliveryAttempt, "FROM webhook_attempts WHERE delivery_n = ? ORDER BY n", [delivery_n]
    )


def reopen(db: Database, organisation_id: str, delivery_id: str, now: str) -> bool:
    """A finished delivery goes out again now, with a fresh retry schedule."""
    cursor = db.execute(
        "UPDATE webhook_deliveries SET status = 'pending', failures = 0, next_attempt_at = ? "
        "WHERE id = ? AND organisation_id = ? AND status IN ('delivered', 'failed')",
        [now, delivery_id, organisation_id],
    )
    return cursor.rowcount == 1

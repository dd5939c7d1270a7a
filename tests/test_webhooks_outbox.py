"""`enqueue_event`, the interface other capabilities call: a row in the caller's transaction.

It runs on a real database with every migration applied; delivery itself is tested end to
end in tests/test_webhooks.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from server import clock
from server.sql import Database, rows
from server.webhooks import store
from server.webhooks.outbox import enqueue_event
from tests.live_server import store_database

ORG = "org_outbox"


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = store_database(tmp_path)
    database.table("organisations").insert(
        {
            "id": ORG,
            "name": "Shop",
            "organisation_number": "1",
            "vat_number": "NL1",
            "billing_street": "Street 1",
            "billing_postal_code": "1000 AA",
            "billing_city": "Amsterdam",
            "country": "NL",
            "created_at": clock.now_iso(),
        }
    )
    return database


def _endpoint(db: Database, *, enabled: bool, events: list[str]) -> None:
    store.save_endpoint(
        db,
        ORG,
        {
            "url": "https://hooks.example.com/",
            "enabled": int(enabled),
            "events": json.dumps(events),
            "updated_at": clock.now_iso(),
        },
        events=json.dumps(events),
    )


def _queued(db: Database) -> list[dict[str, object]]:
    return rows(db, "SELECT * FROM webhook_deliveries")


def test_an_event_becomes_a_pending_delivery_in_the_callers_transaction(db: Database) -> None:
    _endpoint(db, enabled=True, events=["offer.accepted"])
    with db.atomic():
        enqueue_event(
            db, organisation_id=ORG, event_type="offer.accepted", payload={"reference": "OF-1"}
        )
    [row] = _queued(db)
    assert row["status"] == "pending"
    assert row["organisation_id"] == ORG
    body = json.loads(str(row["body"]))
    assert body["type"] == "offer.accepted"
    assert body["data"] == {"reference": "OF-1"}
    assert body["timestamp"] == row["created_at"]


def test_a_rolled_back_transaction_leaves_no_delivery(db: Database) -> None:
    _endpoint(db, enabled=True, events=["offer.accepted"])

    def accept_then_fail() -> None:
        with db.atomic():
            enqueue_event(db, organisation_id=ORG, event_type="offer.accepted", payload={})
            raise RuntimeError("the acceptance failed")

    with pytest.raises(RuntimeError):
        accept_then_fail()
    assert _queued(db) == []


@pytest.mark.parametrize(("enabled", "events"), [(False, ["offer.accepted"]), (True, [])])
def test_nothing_is_queued_unless_enabled_and_subscribed(
    db: Database, enabled: bool, events: list[str]
) -> None:
    _endpoint(db, enabled=enabled, events=events)
    enqueue_event(db, organisation_id=ORG, event_type="offer.accepted", payload={})
    enqueue_event(
        db, organisation_id="org_without_endpoint", event_type="offer.accepted", payload={}
    )
    assert _queued(db) == []


def test_an_unknown_event_type_or_a_huge_payload_is_a_mistake(db: Database) -> None:
    _endpoint(db, enabled=True, events=["offer.accepted"])
    with pytest.raises(ValueError, match="unknown"):
        enqueue_event(db, organisation_id=ORG, event_type="offer.acepted", payload={})
    with pytest.raises(ValueError, match="too large"):
        enqueue_event(
            db, organisation_id=ORG, event_type="offer.accepted", payload={"x": "a" * 70_000}
        )
    assert _queued(db) == []

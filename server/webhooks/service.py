"""Webhook operations for admins: the endpoint, its secret, deliveries, redelivery, a test."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any
from urllib.parse import urlsplit

from server import clock
from server.access import Caller
from server.audit import service as audit
from server.config import Settings
from server.problems import ProblemError, not_found
from server.sealing import Sealer
from server.sql import Database
from server.webhooks import rules, store, targets
from server.webhooks.models import (
    Attempt,
    Delivery,
    DeliveryDetail,
    DeliveryOut,
    DeliveryPage,
    EndpointIn,
    EndpointOut,
    SecretOut,
)
from server.webhooks.outbox import queue_delivery, wake
from server.webhooks.signing import new_secret, seal_secret

_ALL_EVENTS = json.dumps(sorted(rules.EVENT_TYPES))


def _audit(db: Database, caller: Caller, event: str, target: str | None, **details: Any) -> None:
    audit.record(
        db,
        event=event,
        organisation_id=caller.organisation_id,
        ip=caller.ip,
        target=target,
        details=details or None,
        **caller.actor,
    )


def endpoint(db: Database, *, organisation_id: str) -> EndpointOut:
    found = store.endpoint(db, organisation_id)
    if found is None:
        return EndpointOut(
            url=None,
            enabled=False,
            events=list(rules.EVENT_TYPES),
            secret_set=False,
            secret_created_at=None,
            updated_at=None,
        )
    return EndpointOut(
        url=found.url,
        enabled=found.enabled,
        events=list(found.events),
        secret_set=found.secret_sealed is not None,
        secret_created_at=found.secret_created_at,
        updated_at=found.updated_at,
    )


def _invalid_url(message: str) -> ProblemError:
    return ProblemError(
        422, "invalid_webhook_url", message, errors=[{"field": "url", "message": message}]
    )


async def save_endpoint(
    db: Database, *, settings: Settings, caller: Caller, form: EndpointIn
) -> EndpointOut:
    """Check the URL (resolving its host: outside any transaction), then save and audit."""
    if form.url is not None:
        try:
            await targets.check(form.url, allow_private=settings.webhooks_allow_private_targets)
        except targets.RefusedTarget as refused:
            raise _invalid_url(str(refused)) from None
    with db.atomic():
        current = store.endpoint(db, caller.organisation_id)
        has_secret = current is not None and current.secret_sealed is not None
        if form.enabled and (form.url is None or not has_secret):
            raise ProblemError(
                409,
                "webhook_not_ready",
                "An endpoint needs a URL and a signing secret (POST …/endpoint/secret) "
                "before it can be enabled.",
            )
        events = json.dumps(sorted(set(form.events)))
        store.save_endpoint(
            db,
            caller.organisation_id,
            {
                "url": form.url,
                "enabled": int(form.enabled),
                "events": events,
                "updated_at": clock.now_iso(),
            },
            events=events,
        )
        # The host only: a URL's path or query may hold the receiver's own token.
        _audit(
            db,
            caller,
            "webhook.endpoint_changed",
            None,
            host=urlsplit(form.url).hostname if form.url else None,
            enabled=form.enabled,
            events=sorted(set(form.events)),
        )
    return endpoint(db, organisation_id=caller.organisation_id)


def rotate_secret(db: Database, *, sealer: Sealer, caller: Caller) -> SecretOut:
    """A new signing secret replaces the old one at once; it is returned only this once."""
    secret = new_secret()
    sealed = seal_secret(sealer, secret, organisation_id=caller.organisation_id)
    now = clock.now_iso()
    with db.atomic():
        current = store.endpoint(db, caller.organisation_id)
        store.save_endpoint(
            db,
            caller.organisation_id,
            {"secret_sealed": sealed, "secret_created_at": now, "updated_at": now},
            events=_ALL_EVENTS,
        )
        _audit(db, caller, "webhook.secret_rotated" if current else "webhook.secret_created", None)
    return SecretOut(secret=secret, created_at=now)


def _delivery_out(found: Delivery) -> DeliveryOut:
    return DeliveryOut.model_validate(asdict(found))


def deliveries(
    db: Database,
    *,
    organisation_id: str,
    status: str | None,
    event_type: str | None,
    after: str | None,
    limit: int,
) -> DeliveryPage:
    found = store.list_deliveries(
        db,
        organisation_id,
        status=status,
        event_type=event_type,
        after=after,
        limit=limit + 1,
    )
    items = [_delivery_out(r) for r in found[:limit]]
    return DeliveryPage(items=items, next_cursor=items[-1].id if len(found) > limit else None)


def delivery(db: Database, *, organisation_id: str, delivery_id: str) -> DeliveryDetail:
    found = store.delivery(db, organisation_id, delivery_id)
    if found is None:
        raise not_found("webhook delivery")
    return DeliveryDetail.model_validate(
        {
            **asdict(found),
            "payload": json.loads(found.body),
            "attempt_log": [Attempt.model_validate(asdict(a)) for a in store.attempts(db, found.n)],
        }
    )


def redeliver(db: Database, *, caller: Caller, delivery_id: str) -> DeliveryDetail:
    """Send a finished delivery again (same id, new schedule); 409 while one is under way."""
    organisation_id = caller.organisation_id
    with db.atomic():
        current = delivery(db, organisation_id=organisation_id, delivery_id=delivery_id)
        if not store.reopen(db, organisation_id, delivery_id, clock.now_iso()):
            raise ProblemError(
                409,
                "delivery_in_progress",
                f"This delivery is {current.status}; it can be sent again once it has ended.",
            )
        _audit(db, caller, "webhook.redelivered", delivery_id)
    wake.set()
    return delivery(db, organisation_id=organisation_id, delivery_id=delivery_id)


def send_test(db: Database, *, caller: Caller) -> DeliveryDetail:
    """Queue a `webhook.test` event to the enabled endpoint, whatever its subscriptions."""
    with db.atomic():
        current = store.endpoint(db, caller.organisation_id)
        if current is None or not current.enabled:
            raise ProblemError(
                409, "webhook_disabled", "Enable the webhook endpoint before sending a test."
            )
        delivery_id = queue_delivery(
            db,
            organisation_id=caller.organisation_id,
            event_type=rules.TEST_EVENT,
            payload={"message": "A test event from videoclerk.", "sent_by": caller.user_id},
        )
    return delivery(db, organisation_id=caller.organisation_id, delivery_id=delivery_id)

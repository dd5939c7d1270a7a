"""The organisation's webhook: its endpoint, its signing secret (shown once), a test event,
and the deliveries with every attempt, redelivered on request. Qt-free."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from clerk_app.admin.api import AdminApi, seg

EVENT_TYPES = ("offer.accepted",)  # what an endpoint subscribes to (docs/webhooks.md)
DELIVERIES_PAGE_SIZE = 50
BASE = "/api/v1/webhooks"


@dataclass(frozen=True)
class Endpoint:
    url: str | None
    enabled: bool
    events: tuple[str, ...]
    secret_set: bool
    secret_created_at: str | None
    updated_at: str | None


@dataclass(frozen=True)
class NewSecret:
    """`whsec_…`: shown this once; the server never gives it again."""

    secret: str = field(repr=False)
    created_at: str = ""


@dataclass(frozen=True)
class Attempt:
    at: str
    http_status: int | None  # the receiver's answer; None when none came
    error: str | None  # why none came: an error class such as ConnectError
    duration_ms: int
    response_excerpt: str | None


@dataclass(frozen=True)
class Delivery:
    id: str  # also the `webhook-id` header of every attempt
    event_type: str
    status: str  # pending, delivering, delivered, failed
    attempts: int
    created_at: str
    next_attempt_at: str | None
    delivered_at: str | None
    attempt_log: tuple[Attempt, ...] | None = None  # None: not fetched (a list's row)


@dataclass(frozen=True)
class DeliveriesPage:
    deliveries: tuple[Delivery, ...]
    next_cursor: str | None


class WebhooksService:
    def __init__(self, api: AdminApi) -> None:
        self._api = api

    async def endpoint(self) -> Endpoint:
        return _endpoint(await self._api.call("GET", f"{BASE}/endpoint"))

    async def save_endpoint(
        self, *, url: str | None, enabled: bool, events: Sequence[str]
    ) -> Endpoint:
        """Refused per field (`ServiceError.field_errors["url"]`) for a URL the server will
        not call; 409 `webhook_not_ready` when enabling without a URL or secret."""
        body = {"url": url, "enabled": enabled, "events": list(events)}
        return _endpoint(await self._api.call("PUT", f"{BASE}/endpoint", body))

    async def create_secret(self) -> NewSecret:
        """A new signing secret replaces the old one at once."""
        data = await self._api.call("POST", f"{BASE}/endpoint/secret")
        return NewSecret(str(data["secret"]), str(data["created_at"]))

    async def send_test(self) -> Delivery:
        return _delivery(await self._api.call("POST", f"{BASE}/test"))

    async def page(
        self, *, after: str | None = None, limit: int = DELIVERIES_PAGE_SIZE
    ) -> DeliveriesPage:
        """Newest first; pass `next_cursor` as `after` for older ones."""
        params: dict[str, Any] = {"limit": limit}
        if after is not None:
            params["after"] = after
        data = await self._api.call("GET", f"{BASE}/deliveries", params=params)
        return DeliveriesPage(tuple(_delivery(d) for d in data["items"]), data.get("next_cursor"))

    async def delivery(self, delivery_id: str) -> Delivery:
        """One delivery with every attempt."""
        return _delivery(await self._api.call("GET", f"{BASE}/deliveries/{seg(delivery_id)}"))

    async def redeliver(self, delivery_id: str) -> Delivery:
        """Send a delivered or failed delivery again (same id); 409 while one is under way."""
        path = f"{BASE}/deliveries/{seg(delivery_id)}/redeliver"
        return _delivery(await self._api.call("POST", path))


def _endpoint(data: Mapping[str, Any]) -> Endpoint:
    return Endpoint(
        url=data.get("url"),
        enabled=bool(data["enabled"]),
        events=tuple(data.get("events", ())),
        secret_set=bool(data["secret_set"]),
        secret_created_at=data.get("secret_created_at"),
        updated_at=data.get("updated_at"),
    )


def _attempt(data: Mapping[str, Any]) -> Attempt:
    return Attempt(
        at=data["at"],
        http_status=data.get("http_status"),
        error=data.get("error"),
        duration_ms=int(data["duration_ms"]),
        response_excerpt=data.get("response_excerpt"),
    )


def _delivery(data: Mapping[str, Any]) -> Delivery:
    log = data.get("attempt_log")
    return Delivery(
        id=data["id"],
        event_type=data["event_type"],
        status=data["status"],
        attempts=int(data["attempts"]),
        created_at=data["created_at"],
        next_attempt_at=data.get("next_attempt_at"),
        delivered_at=data.get("delivered_at"),
        attempt_log=None if log is None else tuple(_attempt(a) for a in log),
    )

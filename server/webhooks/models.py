"""Webhooks as stored, and the request and response bodies of the webhook API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from server.webhooks.rules import EVENT_TYPES, MAX_URL_LENGTH, EventType

DeliveryStatus = Literal["pending", "delivering", "delivered", "failed"]


@dataclass(frozen=True, slots=True)
class Endpoint:
    """An organisation's webhook endpoint: its signing secret only sealed (server/sealing.py)."""

    organisation_id: str
    url: str | None
    enabled: bool
    events: tuple[EventType, ...]
    secret_sealed: bytes | None
    secret_created_at: str | None
    updated_at: str


@dataclass(frozen=True, slots=True)
class Delivery:
    """A delivery in the outbox, with the number of attempts made so far; `n` orders them."""

    n: int
    id: str
    organisation_id: str
    event_type: str
    body: str
    status: DeliveryStatus
    failures: int
    created_at: str
    next_attempt_at: str | None
    delivered_at: str | None
    attempts: int


@dataclass(frozen=True, slots=True)
class ClaimedDelivery:
    """A delivery the sender claimed: what it needs to send it and to settle the outcome."""

    n: int
    id: str
    organisation_id: str
    event_type: str
    body: str
    failures: int
    claim: str


@dataclass(frozen=True, slots=True)
class DeliveryAttempt:
    """One attempt at a delivery: the receiver's answer, or why none came."""

    at: str
    http_status: int | None
    error: str | None
    duration_ms: int
    response_excerpt: str | None


class EndpointIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str | None = Field(
        None,
        max_length=MAX_URL_LENGTH,
        description="https:// address of your receiver (public addresses only).",
    )
    enabled: bool = Field(description="Enabling needs a URL and a signing secret.")
    events: list[EventType] = Field(
        default_factory=lambda: list(EVENT_TYPES),
        max_length=len(EVENT_TYPES),
        description="Event types to send. `webhook.test` is always sent when you ask for it.",
    )


class EndpointOut(BaseModel):
    url: str | None
    enabled: bool
    events: list[EventType]
    secret_set: bool = Field(description="Whether a signing secret exists (it is never shown).")
    secret_created_at: str | None
    updated_at: str | None


class SecretOut(BaseModel):
    secret: str = Field(description="`whsec_…`: shown only in this response; keep it safe.")
    created_at: str


class Attempt(BaseModel):
    at: str
    http_status: int | None = Field(description="The receiver's status; None if no answer.")
    error: str | None = Field(description="Why no answer came (an error class), or None.")
    duration_ms: int
    response_excerpt: str | None = Field(description="At most the first 200 characters.")


class DeliveryOut(BaseModel):
    id: str = Field(description="Also the `webhook-id` header: the same for every attempt.")
    event_type: str
    status: DeliveryStatus
    attempts: int
    created_at: str
    next_attempt_at: str | None
    delivered_at: str | None


class DeliveryDetail(DeliveryOut):
    payload: dict[str, Any] = Field(description="The body sent: {type, timestamp, data}.")
    attempt_log: list[Attempt]


class DeliveryPage(BaseModel):
    items: list[DeliveryOut]
    next_cursor: str | None = Field(description="Pass as `after` for the next page.")

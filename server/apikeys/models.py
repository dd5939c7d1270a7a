"""API keys as stored, and the request and response bodies of the API-key API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from server.apikeys.rules import MAX_GRACE_HOURS, Scope


@dataclass(frozen=True, slots=True)
class ApiKey:
    """An API key as the store keeps it: its secret only as a SHA-256 (P8)."""

    id: str
    organisation_id: str
    name: str
    prefix: str
    secret_hash: str
    scopes: tuple[str, ...]
    environment: str
    supplied_by_customer: bool
    created_at: str
    created_by: str | None
    expires_at: str | None
    revoked_at: str | None
    replaced_by: str | None
    last_used_at: str | None
    last_used_ip: str | None


KeyName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class CreateKeyRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: KeyName
    scopes: list[Scope] = Field(min_length=1, max_length=4)
    environment: Literal["live", "test"] = "live"
    secret: str | None = Field(
        None,
        max_length=1000,
        description="Supply your own key instead of a generated one (at least 32 characters, "
        "hard to guess).",
    )


class RotateKeyRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    grace_hours: int = Field(
        24, ge=0, le=MAX_GRACE_HOURS, description="How long the old key keeps working."
    )


class KeyOut(BaseModel):
    id: str
    name: str
    prefix: str
    environment: str
    scopes: list[str]
    supplied_by_customer: bool
    status: Literal["active", "expiring", "expired", "revoked"]
    created_at: str
    expires_at: str | None
    revoked_at: str | None
    replaced_by: str | None
    last_used_at: str | None
    last_used_ip: str | None


class KeyPage(BaseModel):
    items: list[KeyOut]


class KeyCreated(BaseModel):
    key: KeyOut
    secret: str = Field(description="Shown this once; only its hash is kept.")


class RotatedKey(BaseModel):
    old_key: KeyOut
    new_key: KeyOut
    secret: str = Field(description="The new key, shown this once.")

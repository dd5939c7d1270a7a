"""API keys: list, create (the secret shown once), rotate with a grace period, revoke.
Qt-free."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from clerk_app.admin.api import AdminApi, seg

SCOPES = ("read", "catalogue", "recordings", "full")
ENVIRONMENTS = ("live", "test")
MAX_GRACE_HOURS = 24 * 30
DEFAULT_GRACE_HOURS = 24


@dataclass(frozen=True)
class ApiKey:
    id: str
    name: str
    prefix: str
    environment: str
    scopes: tuple[str, ...]
    status: str  # active, expiring, expired, revoked
    supplied_by_customer: bool
    created_at: str
    expires_at: str | None
    revoked_at: str | None
    replaced_by: str | None
    last_used_at: str | None
    last_used_ip: str | None


@dataclass(frozen=True)
class NewApiKey:
    """A key just made: `secret` is shown this once and never again."""

    key: ApiKey
    secret: str = field(repr=False)


@dataclass(frozen=True)
class RotatedApiKey:
    """The old key keeps working until `old_key.expires_at`; the new secret is shown once."""

    old_key: ApiKey
    new_key: ApiKey
    secret: str = field(repr=False)


class KeysService:
    def __init__(self, api: AdminApi) -> None:
        self._api = api

    async def list_api_keys(self) -> list[ApiKey]:
        return await self._api.items("/api/v1/api-keys", _key)

    async def create_api_key(
        self, *, name: str, scopes: Sequence[str], environment: str = "live"
    ) -> NewApiKey:
        body = {"name": name, "scopes": list(scopes), "environment": environment}
        data = await self._api.call("POST", "/api/v1/api-keys", body)
        return NewApiKey(_key(data["key"]), str(data["secret"]))

    async def rotate_api_key(
        self, key_id: str, *, grace_hours: int = DEFAULT_GRACE_HOURS
    ) -> RotatedApiKey:
        """A new key replaces this one; the old one keeps working for `grace_hours`."""
        data = await self._api.call(
            "POST", f"/api/v1/api-keys/{seg(key_id)}/rotate", {"grace_hours": grace_hours}
        )
        return RotatedApiKey(_key(data["old_key"]), _key(data["new_key"]), str(data["secret"]))

    async def revoke_api_key(self, key_id: str) -> ApiKey:
        """The key stops working on its next request."""
        return _key(await self._api.call("DELETE", f"/api/v1/api-keys/{seg(key_id)}"))


def _key(data: Mapping[str, Any]) -> ApiKey:
    return ApiKey(
        id=data["id"],
        name=data["name"],
        prefix=data["prefix"],
        environment=data["environment"],
        scopes=tuple(data["scopes"]),
        status=data["status"],
        supplied_by_customer=bool(data.get("supplied_by_customer", False)),
        created_at=data["created_at"],
        expires_at=data.get("expires_at"),
        revoked_at=data.get("revoked_at"),
        replaced_by=data.get("replaced_by"),
        last_used_at=data.get("last_used_at"),
        last_used_ip=data.get("last_used_ip"),
    )

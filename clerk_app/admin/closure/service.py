"""Closing the organisation's account (P12), and what then happens to its data. Qt-free."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from clerk_app.admin.api import AdminApi


@dataclass(frozen=True)
class Closure:
    """A closed account, and from when each kind of its data is erased (server time, ISO)."""

    organisation_id: str
    closed_at: str
    account_data_erased_after: str
    support_erased_after: str
    profile_erased_after: str
    billing_erased_after: str


class ClosureService:
    def __init__(self, api: AdminApi) -> None:
        self._api = api

    async def organisation_name(self) -> str:
        data = await self._api.call("GET", "/api/v1/organisation")
        return str(data["name"])

    async def close_account(self, password: str) -> Closure:
        """Close the account for everyone, at once and for good; the server ends every
        session (this one too) and every API key."""
        data = await self._api.call("POST", "/api/v1/organisation/close", {"password": password})
        return _closure(data)


def _closure(data: Mapping[str, Any]) -> Closure:
    return Closure(
        organisation_id=data["organisation_id"],
        closed_at=data["closed_at"],
        account_data_erased_after=data["account_data_erased_after"],
        support_erased_after=data["support_erased_after"],
        profile_erased_after=data["profile_erased_after"],
        billing_erased_after=data["billing_erased_after"],
    )

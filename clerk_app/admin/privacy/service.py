"""What the server says about processing (P6, P19) and the organisation's offer-suggestion
switch (P16). Qt-free."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from clerk_app.admin.api import AdminApi


@dataclass(frozen=True)
class Subprocessor:
    name: str
    purpose: str
    location: str
    outside_eea: bool
    safeguards: str | None

    @property
    def id(self) -> str:
        return self.name


@dataclass(frozen=True)
class Processing:
    data_location: str | None  # None: the operator has not stated it
    subprocessors: tuple[Subprocessor, ...]


@dataclass(frozen=True)
class SuggestionSettings:
    enabled: bool
    restricted: bool  # automated decisions restricted: none, whatever `enabled` says


class PrivacyService:
    def __init__(self, api: AdminApi) -> None:
        self._api = api

    async def processing(self) -> Processing:
        data = await self._api.call("GET", "/api/v1/privacy/processing")
        return Processing(
            data_location=data.get("data_location"),
            subprocessors=tuple(_subprocessor(s) for s in data["subprocessors"]),
        )

    async def suggestion_settings(self) -> SuggestionSettings:
        return _settings(await self._api.call("GET", "/api/v1/offer-suggestions/settings"))

    async def set_suggestions(self, enabled: bool) -> SuggestionSettings:
        data = await self._api.call(
            "PUT", "/api/v1/offer-suggestions/settings", {"enabled": enabled}
        )
        return _settings(data)


def _subprocessor(data: Mapping[str, Any]) -> Subprocessor:
    return Subprocessor(
        name=str(data["name"]),
        purpose=str(data["purpose"]),
        location=str(data["location"]),
        outside_eea=bool(data.get("outside_eea", False)),
        safeguards=data.get("safeguards"),
    )


def _settings(data: Mapping[str, Any]) -> SuggestionSettings:
    return SuggestionSettings(enabled=bool(data["enabled"]), restricted=bool(data["restricted"]))

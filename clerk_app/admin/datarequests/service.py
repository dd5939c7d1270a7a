"""The organisation's own data for admins (P4, P5, P7, P11): its details to correct, its
restrictions, the export of everything, and erasure requests. Qt-free."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clerk_app.admin.api import AdminApi, seg
from clerk_app.downloads import Write
from clerk_app.errors import ServiceError
from clerk_app.privacy.service import Progress, Restrictions, SavedExport, save_export

ERASURES = "/api/v1/erasure-requests"


@dataclass(frozen=True)
class Organisation:
    """What sign-up stored about the organisation (P7)."""

    id: str
    name: str
    organisation_number: str
    vat_number: str
    street: str
    postal_code: str
    city: str
    country: str


@dataclass(frozen=True)
class Kept:
    what: str  # audit_trail, offers, call_record, recordings
    why: str  # billing_and_tax, audit, not_personal, own_retention


@dataclass(frozen=True)
class ErasureRequest:
    id: str
    kind: str  # user, recording, call
    target: str
    requested_at: str
    due_at: str
    done_at: str | None
    status: str  # done, pending, waiting_on_hold
    hold_reason: str | None
    kept: tuple[Kept, ...]


class DataRequestsService:
    def __init__(self, api: AdminApi) -> None:
        self._api = api

    async def organisation(self) -> Organisation:
        return _organisation(await self._api.call("GET", "/api/v1/organisation"))

    async def correct_organisation(self, changes: Organisation) -> Organisation:
        """Send every field; the server changes (and audits) those that differ."""
        body = {
            "name": changes.name,
            "organisation_number": changes.organisation_number,
            "vat_number": changes.vat_number,
            "billing_address": {
                "street": changes.street,
                "postal_code": changes.postal_code,
                "city": changes.city,
            },
            "country": changes.country,
        }
        return _organisation(await self._api.call("PATCH", "/api/v1/organisation", body))

    async def restrictions(self) -> Restrictions:
        return Restrictions.of(await self._api.call("GET", "/api/v1/organisation/restrictions"))

    async def restrict(self, choice: Restrictions) -> Restrictions:
        path = "/api/v1/organisation/restrictions"
        return Restrictions.of(await self._api.call("PUT", path, choice.to_json()))

    async def export(self, destination: Path, progress: Progress | None = None) -> SavedExport:
        """Everything the server holds about the organisation, as a ZIP in `destination`."""

        async def fetch(write: Write) -> int:
            return await self._api.download("/api/v1/organisation/export", {}, write)

        return await save_export(fetch, destination, progress)

    async def erasure_requests(self) -> list[ErasureRequest]:
        return await self._api.items(ERASURES, _request)

    async def erase(self, kind: str, target: str) -> ErasureRequest:
        """Erase a user, a recording or a call's data: at once, or within 30 days."""
        body = {"kind": kind, "target": target}
        return _request(await self._api.call("POST", ERASURES, body))

    async def erase_call(self, reference: str) -> ErasureRequest:
        """A visitor's call, by the reference the widget showed them (P4)."""
        path = f"/api/v1/calls/by-reference/{seg(reference.strip().upper())}/erasure"
        try:
            return _request(await self._api.call("POST", path))
        except ServiceError as error:
            if error.code == "not_found":
                raise ServiceError("unknown_reference", error.message) from error
            raise


def _organisation(data: Mapping[str, Any]) -> Organisation:
    address = data["billing_address"]
    return Organisation(
        id=data["id"],
        name=data["name"],
        organisation_number=data["organisation_number"],
        vat_number=data["vat_number"],
        street=address["street"],
        postal_code=address["postal_code"],
        city=address["city"],
        country=data["country"],
    )


def _request(data: Mapping[str, Any]) -> ErasureRequest:
    return ErasureRequest(
        id=data["id"],
        kind=data["kind"],
        target=data["target"],
        requested_at=data["requested_at"],
        due_at=data["due_at"],
        done_at=data.get("done_at"),
        status=data["status"],
        hold_reason=data.get("hold_reason"),
        kept=tuple(Kept(k["what"], k["why"]) for k in data.get("kept") or ()),
    )

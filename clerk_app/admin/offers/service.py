"""Offers for admins: the organisation's offer settings, the filtered and paged list of
offers, one offer with its lines and revisions, and the CSV export to a file. Qt-free."""

from __future__ import annotations

import csv
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from clerk_app.admin.api import AdminApi, LocalText, seg
from clerk_app.errors import ServiceError

OFFERS_PAGE_SIZE = 100
STATUSES = ("open", "awaiting_approval", "refused", "declined", "accepted", "expired")
LIMIT_ROLES = ("clerk", "supervisor", "admin")
MAX_VALIDITY_DAYS = 90  # the server's limit (docs/offers.md)
EXPORT_PATH = "/api/v1/offers/export.csv"


@dataclass(frozen=True)
class OfferSettings:
    discount_limits_percent: Mapping[str, Decimal]  # per role: clerk, supervisor, admin
    validity_days: int
    time_zone: str
    checkout_url_template: str | None  # https, with {reference}; None: no checkout button

    def to_json(self) -> dict[str, Any]:
        return {
            "discount_limits_percent": {
                role: str(self.discount_limits_percent[role]) for role in LIMIT_ROLES
            },
            "validity_days": self.validity_days,
            "time_zone": self.time_zone,
            "checkout_url_template": self.checkout_url_template,
        }


@dataclass(frozen=True)
class OfferFilter:
    clerk_id: str | None = None
    status: str | None = None
    created_from: datetime | None = None  # inclusive; timezone-aware
    created_to: datetime | None = None  # exclusive; timezone-aware
    min_gross_minor: int | None = None
    max_gross_minor: int | None = None
    currency: str | None = None

    def query(self) -> dict[str, str]:
        """The query parameters of the list and of the export."""
        values = {
            "clerk_id": self.clerk_id,
            "status": self.status,
            "from": _iso(self.created_from) if self.created_from else None,
            "to": _iso(self.created_to) if self.created_to else None,
            "min_gross_minor": _text(self.min_gross_minor),
            "max_gross_minor": _text(self.max_gross_minor),
            "currency": self.currency,
        }
        return {name: value for name, value in values.items() if value}


@dataclass(frozen=True)
class OfferSummary:
    id: str  # the offer id
    revision: int
    status: str
    currency: str
    net_minor: int
    vat_minor: int
    gross_minor: int
    list_gross_minor: int
    discount_percent: str
    valid_until: str
    created_at: str
    reference: str | None
    accepted_at: str | None
    clerk_id: str
    clerk_name: str | None
    call_id: str
    line_count: int


@dataclass(frozen=True)
class OffersPage:
    offers: tuple[OfferSummary, ...]
    next_cursor: str | None  # hand back for the next (older) page; None: no more


@dataclass(frozen=True)
class OfferLine:
    id: str
    sku: str
    name: LocalText
    options: tuple[tuple[LocalText, LocalText], ...]  # (group, choice)
    quantity: int
    unit_minor: int
    discount_minor: int
    net_minor: int
    vat_minor: int
    gross_minor: int
    vat_rate: str


@dataclass(frozen=True)
class VatSubtotal:
    rate: str
    net_minor: int
    vat_minor: int


@dataclass(frozen=True)
class Offer:
    """One revision of an offer, with its lines and totals."""

    id: str
    revision: int
    status: str
    currency: str
    prices_include_vat: bool
    lines: tuple[OfferLine, ...]
    list_gross_minor: int
    discount_minor: int
    discount_percent: str
    net_minor: int
    vat_minor: int
    gross_minor: int
    vat_subtotals: tuple[VatSubtotal, ...]
    note: str
    valid_until: str
    created_at: str
    reference: str | None
    accepted_at: str | None
    content_hash: str | None
    clerk_name: str | None


@dataclass(frozen=True)
class ExportResult:
    path: Path
    size: int  # bytes written
    offers: int  # rows below the header


class OffersService:
    def __init__(self, api: AdminApi) -> None:
        self._api = api

    async def settings(self) -> OfferSettings:
        return _settings(await self._api.call("GET", "/api/v1/offers/settings"))

    async def save_settings(self, settings: OfferSettings) -> OfferSettings:
        return _settings(await self._api.call("PUT", "/api/v1/offers/settings", settings.to_json()))

    async def page(
        self, where: OfferFilter, *, after: str | None = None, limit: int = OFFERS_PAGE_SIZE
    ) -> OffersPage:
        """Newest first; pass the page's `next_cursor` as `after` for older offers."""
        params: dict[str, Any] = {**where.query(), "limit": limit}
        if after is not None:
            params["after"] = after
        data = await self._api.call("GET", "/api/v1/offers", params=params)
        return OffersPage(tuple(_summary(s) for s in data["items"]), data.get("next_cursor"))

    async def offer(self, offer_id: str, revision: int | None = None) -> Offer:
        """The latest revision, or the one named."""
        path = f"/api/v1/offers/{seg(offer_id)}"
        if revision is not None:
            path += f"/revisions/{revision}"
        return _offer(await self._api.call("GET", path))

    async def export_csv(
        self,
        where: OfferFilter,
        destination: Path,
        progress: Callable[[int], None] | None = None,
    ) -> ExportResult:
        """The filtered list as CSV into `destination` (replaced only once complete);
        `progress` gets the bytes received so far."""
        partial = destination.with_name(destination.name + ".part")
        try:
            out = partial.open("wb")
        except OSError as exc:
            raise ServiceError("file_not_written", exc.strerror or str(exc)) from exc
        try:
            with out:
                received = 0

                def write(chunk: bytes) -> None:
                    nonlocal received
                    out.write(chunk)
                    received += len(chunk)
                    if progress is not None:
                        progress(received)

                size = await self._api.download(EXPORT_PATH, where.query(), write)
            partial.replace(destination)
        finally:
            partial.unlink(missing_ok=True)
        with destination.open(newline="", encoding="utf-8") as written:
            rows = sum(1 for _ in csv.reader(written))
        return ExportResult(destination, size, max(0, rows - 1))


def _iso(moment: datetime) -> str:
    """UTC with microseconds, like the server's own times, so its text comparison holds."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _text(number: int | None) -> str | None:
    return None if number is None else str(number)


def _settings(data: Mapping[str, Any]) -> OfferSettings:
    limits = data["discount_limits_percent"]
    return OfferSettings(
        discount_limits_percent={role: Decimal(str(limits[role])) for role in LIMIT_ROLES},
        validity_days=int(data["validity_days"]),
        time_zone=str(data["time_zone"]),
        checkout_url_template=data.get("checkout_url_template"),
    )


def _summary(data: Mapping[str, Any]) -> OfferSummary:
    return OfferSummary(
        id=data["offer_id"],
        revision=int(data["revision"]),
        status=data["status"],
        currency=data["currency"],
        net_minor=int(data["net_minor"]),
        vat_minor=int(data["vat_minor"]),
        gross_minor=int(data["gross_minor"]),
        list_gross_minor=int(data["list_gross_minor"]),
        discount_percent=str(data["discount_percent"]),
        valid_until=data["valid_until"],
        created_at=data["created_at"],
        reference=data.get("reference"),
        accepted_at=data.get("accepted_at"),
        clerk_id=data["clerk_id"],
        clerk_name=data.get("clerk_name"),
        call_id=data["call_id"],
        line_count=int(data["line_count"]),
    )


def _line(data: Mapping[str, Any]) -> OfferLine:
    return OfferLine(
        id=data["line_id"],
        sku=data["sku"],
        name=LocalText.of(data["name"]),
        options=tuple(
            (LocalText.of(o["group"]), LocalText.of(o["choice"])) for o in data.get("options", [])
        ),
        quantity=int(data["quantity"]),
        unit_minor=int(data["unit_minor"]),
        discount_minor=int(data["discount_minor"]),
        net_minor=int(data["net_minor"]),
        vat_minor=int(data["vat_minor"]),
        gross_minor=int(data["gross_minor"]),
        vat_rate=str(data["vat_rate"]),
    )


def _offer(data: Mapping[str, Any]) -> Offer:
    return Offer(
        id=data["offer_id"],
        revision=int(data["revision"]),
        status=data["status"],
        currency=data["currency"],
        prices_include_vat=bool(data["prices_include_vat"]),
        lines=tuple(_line(line) for line in data["lines"]),
        list_gross_minor=int(data["list_gross_minor"]),
        discount_minor=int(data["discount_minor"]),
        discount_percent=str(data["discount_percent"]),
        net_minor=int(data["net_minor"]),
        vat_minor=int(data["vat_minor"]),
        gross_minor=int(data["gross_minor"]),
        vat_subtotals=tuple(
            VatSubtotal(str(v["rate"]), int(v["net_minor"]), int(v["vat_minor"]))
            for v in data["vat_subtotals"]
        ),
        note=data.get("note", ""),
        valid_until=data["valid_until"],
        created_at=data["created_at"],
        reference=data.get("reference"),
        accepted_at=data.get("accepted_at"),
        content_hash=data.get("content_hash"),
        clerk_name=data.get("clerk_name"),
    )

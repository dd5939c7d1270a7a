"""Offers listed for staff (filters, pages) and exported."""

from __future__ import annotations

from collections.abc import Iterator

from server.access import Caller
from server.offers import store
from server.offers.models import ListedOffer, OfferSummary
from server.offers.service import (
    Row,
    names_of,
)
from server.sql import Database

EXPORT_LIMIT = 10_000


def _summary(db: Database, offer: ListedOffer, names: dict[str, Row]) -> OfferSummary:
    content = offer.content
    accepted = offer.status == "accepted"
    if offer.clerk_id not in names:
        names[offer.clerk_id] = names_of(db, offer)
    return OfferSummary.model_validate(
        {
            **{k: v for k, v in content.items() if k not in ("lines", "vat_subtotals")},
            "status": offer.status,
            "reference": offer.reference if accepted else None,
            "accepted_at": offer.accepted_at if accepted else None,
            "content_hash": offer.content_hash if accepted else None,
            **names[offer.clerk_id],
            "call_id": offer.call_id,
            "clerk_id": offer.clerk_id,
            "line_count": len(content["lines"]),
        }
    )


def _where(caller: Caller, where: store.OfferFilter) -> store.OfferFilter:
    """Clerks list their own offers only."""
    if caller.role == "clerk":
        return store.OfferFilter(**{**where.__dict__, "clerk_id": caller.user_id})
    return where


def list_offers(
    db: Database, *, caller: Caller, where: store.OfferFilter, limit: int
) -> tuple[list[OfferSummary], str | None]:
    found = store.list_offers(db, caller.organisation_id, _where(caller, where), limit + 1)
    page = found[:limit]
    names: dict[str, Row] = {}
    cursor = f"{page[-1].created_at}|{page[-1].id}" if len(found) > limit else None
    return [_summary(db, offer, names) for offer in page], cursor


def export_rows(
    db: Database, *, caller: Caller, where: store.OfferFilter
) -> Iterator[tuple[OfferSummary, list[Row]]]:
    """Every matching offer (at most EXPORT_LIMIT) with its lines, newest first."""
    where = _where(caller, where)
    names: dict[str, Row] = {}
    left = EXPORT_LIMIT
    while left > 0:
        found = store.list_offers(db, caller.organisation_id, where, min(500, left))
        for offer in found:
            yield _summary(db, offer, names), offer.content["lines"]
        if len(found) < min(500, left):
            return
        left -= len(found)
        where = store.OfferFilter(
            **{**where.__dict__, "after": (found[-1].created_at, found[-1].id)}
        )

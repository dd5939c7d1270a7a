"""All SQL of offers. Every query of an offer takes the organisation id (tenant isolation);
revisions are reached through their offer."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from server.offers.models import AnsweredOffer, ListedOffer, Offer, OfferRevision
from server.sql import (
    Database,
    Row,
    as_record,
    columns,
    one,
    one_record,
    rows,
    update_in_organisation,
)

# ---- settings ----------------------------------------------------------------------------------


def settings(db: Database, organisation_id: str) -> str | None:
    """The organisation's offer settings as JSON, if an admin ever saved them."""
    row = one(
        db, "SELECT settings FROM offer_settings WHERE organisation_id = ?", [organisation_id]
    )
    return None if row is None else str(row["settings"])


def set_settings(db: Database, organisation_id: str, settings_json: str, at: str) -> None:
    db.execute(
        "INSERT INTO offer_settings (organisation_id, settings, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT (organisation_id) DO UPDATE SET "
        "settings = excluded.settings, updated_at = excluded.updated_at",
        [organisation_id, settings_json, at],
    )


# ---- offers ------------------------------------------------------------------------------------


def insert_offer(db: Database, row: Row) -> None:
    db.table("offers").insert(row)


def get_offer(db: Database, organisation_id: str, offer_id: str) -> Offer | None:
    return one_record(
        db, Offer, "FROM offers WHERE id = ? AND organisation_id = ?", [offer_id, organisation_id]
    )


def offer_of_call(db: Database, organisation_id: str, call_id: str) -> Offer | None:
    return one_record(
        db,
        Offer,
        "FROM offers WHERE call_id = ? AND organisation_id = ?",
        [call_id, organisation_id],
    )


def made_or_decided_by(db: Database, organisation_id: str, user_id: str) -> bool:
    """Whether a user drafted any offer of the organisation, or decided on a revision."""
    found = one(
        db,
        "SELECT 1 AS x FROM offers o WHERE o.organisation_id = ? AND (o.clerk_id = ? OR "
        "EXISTS (SELECT 1 FROM offer_revisions r WHERE r.offer_id = o.id AND r.decided_by = ?)) "
        "LIMIT 1",
        [organisation_id, user_id, user_id],
    )
    return found is not None


def update_offer(db: Database, organisation_id: str, offer_id: str, changes: Row) -> None:
    update_in_organisation(db, "offers", organisation_id, offer_id, changes)


def reference_taken(db: Database, reference: str) -> bool:
    return one(db, "SELECT 1 AS x FROM offers WHERE reference = ?", [reference]) is not None


def offer_by_pdf_token(db: Database, offer_id: str, token_hash: str) -> Offer | None:
    """The offer whose visitor link this is; the id and the token's hash must both match."""
    return one_record(
        db, Offer, "FROM offers WHERE id = ? AND pdf_token_hash = ?", [offer_id, token_hash]
    )


# ---- revisions ---------------------------------------------------------------------------------


def insert_revision(db: Database, row: Row) -> None:
    db.table("offer_revisions").insert(row)


def get_revision(db: Database, offer_id: str, revision: int) -> OfferRevision | None:
    return one_record(
        db,
        OfferRevision,
        "FROM offer_revisions WHERE offer_id = ? AND revision = ?",
        [offer_id, revision],
    )


def update_revision(db: Database, offer_id: str, revision: int, changes: Row) -> None:
    pairs = ", ".join(f"{name} = ?" for name in changes)
    db.execute(
        f"UPDATE offer_revisions SET {pairs} WHERE offer_id = ? AND revision = ?",  # noqa: S608
        [*changes.values(), offer_id, revision],
    )


def pending(db: Database, organisation_id: str) -> list[ListedOffer]:
    """Offers waiting for a supervisor, with their latest revision, oldest request first."""
    return _listed(
        db,
        "WHERE o.organisation_id = ? AND o.status = 'awaiting_approval' "
        "ORDER BY o.updated_at, o.id",
        [organisation_id],
    )


_LISTED = (
    f"SELECT {columns(Offer, table='o')}, r.content, r.discount_percent, "  # noqa: S608
    "r.limit_percent FROM offers o "
    "JOIN offer_revisions r ON r.offer_id = o.id AND r.revision = o.revision "
)


def _listed(db: Database, rest: str, params: list[Any]) -> list[ListedOffer]:
    """Offers with their latest revision: `rest` (WHERE …) comes from code."""
    return [as_record(ListedOffer, row) for row in rows(db, _LISTED + rest, params)]


# ---- listing -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfferFilter:
    clerk_id: str | None = None
    status: str | None = None
    created_from: str | None = None
    created_to: str | None = None
    min_gross_minor: int | None = None
    max_gross_minor: int | None = None
    currency: str | None = None
    call_id: str | None = None
    after: tuple[str, str] | None = None
    """(created_at, id) of the last offer of the previous page."""


_CONDITIONS: dict[str, str] = {
    "clerk_id": "o.clerk_id = ?",
    "status": "o.status = ?",
    "created_from": "o.created_at >= ?",
    "created_to": "o.created_at < ?",
    "min_gross_minor": "o.gross_minor >= ?",
    "max_gross_minor": "o.gross_minor <= ?",
    "currency": "o.currency = ?",
    "call_id": "o.call_id = ?",
}


def list_offers(
    db: Database, organisation_id: str, where: OfferFilter, limit: int
) -> list[ListedOffer]:
    """Newest first, with each offer's latest revision's content."""
    clauses = ["o.organisation_id = ?"]
    params: list[Any] = [organisation_id]
    for name, condition in _CONDITIONS.items():
        value = getattr(where, name)
        if value is not None:
            clauses.append(condition)
            params.append(value)
    if where.after is not None:
        clauses.append("(o.created_at, o.id) < (?, ?)")
        params += list(where.after)
    return _listed(
        db,
        f"WHERE {' AND '.join(clauses)} ORDER BY o.created_at DESC, o.id DESC LIMIT ?",
        [*params, limit],
    )


def answered(db: Database, organisation_id: str, limit: int) -> list[AnsweredOffer]:
    """The newest offers the visitor answered: status, total discount and the item ids of
    the answered revision (`items`: (kind, id) pairs), nothing else."""
    found = rows(
        db,
        """
SELECT o.status, r.discount_percent, r.content
FROM offers AS o JOIN offer_revisions AS r ON r.offer_id = o.id AND r.revision = o.revision
WHERE o.organisation_id = ? AND o.status IN ('accepted', 'declined')
ORDER BY o.updated_at DESC LIMIT ?
""",
        [organisation_id, limit],
    )
    return [
        AnsweredOffer(
            status=row["status"],
            discount_percent=row["discount_percent"],
            items=tuple(_item(line) for line in json.loads(row["content"])["lines"]),
        )
        for row in found
    ]


def _item(line: Row) -> tuple[Literal["product", "bundle"], Any]:
    if line.get("bundle_id") is None:
        return "product", line.get("product_id")
    return "bundle", line["bundle_id"]

"""Thin HTTP routes of offers (docs/offers.md).

The clerk holding a call makes and revises its offer; supervisors and admins decide on
approvals and read everything; API keys with `read` read, list and export. The visitor gets
the PDF through the unguessable link pushed to the call's socket.
"""

from __future__ import annotations

import asyncio
import csv
import io
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from server.access import ADMIN, ANY_USER, Caller, get_db, require
from server.catalogue import money
from server.offers import approvals, drafting, listing, service
from server.offers.live import OfferLive
from server.offers.models import (
    ApprovalDecision,
    OfferCreate,
    OfferDraft,
    OfferPage,
    OfferSettings,
    PendingApprovals,
)
from server.offers.store import OfferFilter
from server.problems import PROBLEM_RESPONSES, ProblemError
from server.queue.runtime import QueueRuntime
from server.sql import Database
from videoclerk_protocol.messages import OfferStatus, OfferView

router = APIRouter(responses=PROBLEM_RESPONSES, tags=["offers"])
DB = Depends(get_db)
READER = Depends(require(roles=ANY_USER, scope="read"))
USER = Depends(require(roles=ANY_USER))
STAFF = Depends(require(roles=("supervisor", "admin")))
ADMINS = Depends(require(roles=ADMIN))
OfferId = Annotated[str, Path(max_length=100)]
Language = Annotated[Literal["en", "nl"], Query()]
PDF_RESPONSE: dict[int | str, dict[str, Any]] = {200: {"content": {"application/pdf": {}}}}


def _live(request: Request) -> OfferLive:
    live: OfferLive = request.app.state.offers
    return live


@router.get("/api/v1/offers/settings")
async def get_settings(caller: Caller = USER, db: Database = DB) -> OfferSettings:
    return service.get_settings(db, organisation_id=caller.organisation_id)


@router.put("/api/v1/offers/settings")
async def put_settings(
    form: OfferSettings, caller: Caller = ADMINS, db: Database = DB
) -> OfferSettings:
    """Discount limits per role, validity, the checkout link and the time zone of validity."""
    return service.put_settings(db, caller=caller, form=form)


@router.get("/api/v1/offers/approvals")
async def pending_approvals(caller: Caller = STAFF, db: Database = DB) -> PendingApprovals:
    return PendingApprovals(
        pending=approvals.pending_approvals(db, organisation_id=caller.organisation_id)
    )


def _filter(
    clerk_id: Annotated[str | None, Query(max_length=100)] = None,
    status: OfferStatus | None = None,
    created_from: Annotated[
        str | None, Query(alias="from", max_length=40, description="ISO time; created at or after")
    ] = None,
    created_to: Annotated[
        str | None, Query(alias="to", max_length=40, description="ISO time; created before")
    ] = None,
    min_gross_minor: Annotated[int | None, Query(ge=0)] = None,
    max_gross_minor: Annotated[int | None, Query(ge=0)] = None,
    currency: Annotated[str | None, Query(pattern=r"^[A-Z]{3}$")] = None,
    call_id: Annotated[str | None, Query(max_length=100)] = None,
    after: Annotated[str | None, Query(max_length=200, description="next_cursor")] = None,
) -> OfferFilter:
    cursor = None
    if after is not None:
        created, _, offer_id = after.partition("|")
        if not offer_id:
            raise ProblemError(422, "invalid_input", "`after` is a next_cursor from a page.")
        cursor = (created, offer_id)
    return OfferFilter(
        clerk_id=clerk_id,
        status=status,
        created_from=created_from,
        created_to=created_to,
        min_gross_minor=min_gross_minor,
        max_gross_minor=max_gross_minor,
        currency=currency,
        call_id=call_id,
        after=cursor,
    )


FILTER = Depends(_filter)


@router.get("/api/v1/offers")
async def list_offers(
    where: OfferFilter = FILTER,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    caller: Caller = READER,
    db: Database = DB,
) -> OfferPage:
    """Newest first; clerks see their own offers only."""
    items, cursor = listing.list_offers(db, caller=caller, where=where, limit=limit)
    return OfferPage(items=items, next_cursor=cursor)


CSV_HEADER = [
    "reference",
    "offer id",
    "call id",
    "clerk",
    "status",
    "created",
    "accepted",
    "valid until",
    "currency",
    "net",
    "VAT",
    "gross",
    "discount %",
    "lines",
]


def _cell(value: str) -> str:
    """A spreadsheet never runs a cell as a formula (CSV injection)."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _amount(minor: int, currency: str) -> str:
    return str(money.to_decimal(minor, currency)) if currency else str(minor)


@router.get(
    "/api/v1/offers/export.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
async def export_csv(
    where: OfferFilter = FILTER, caller: Caller = READER, db: Database = DB
) -> Response:
    """The list's filters; amounts in major units (12.34); at most 10,000 offers."""

    def lines() -> Iterator[str]:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(CSV_HEADER)
        for summary, offer_lines in listing.export_rows(db, caller=caller, where=where):
            writer.writerow(
                [
                    _cell(value)
                    for value in (
                        summary.reference or "",
                        summary.offer_id,
                        summary.call_id,
                        summary.clerk_name or "",
                        summary.status,
                        summary.created_at,
                        summary.accepted_at or "",
                        summary.valid_until,
                        summary.currency,
                        _amount(summary.net_minor, summary.currency),
                        _amount(summary.vat_minor, summary.currency),
                        _amount(summary.gross_minor, summary.currency),
                        summary.discount_percent,
                        "; ".join(f"{line['quantity']} × {line['sku']}" for line in offer_lines),
                    )
                ]
            )
            yield out.getvalue()
            out.seek(0)
            out.truncate()

    return Response(
        "".join(lines()),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="offers.csv"'},
    )


@router.post("/api/v1/offers", status_code=201, responses={200: {"model": OfferView}})
async def create_offer(
    form: OfferCreate,
    request: Request,
    response: Response,
    caller: Caller = USER,
    db: Database = DB,
) -> OfferView:
    """The call's offer: 201 when new, 200 with the one it has. Only the clerk in the call."""
    runtime: QueueRuntime = request.app.state.queue
    assert caller.user_id is not None
    view, created = drafting.create_offer(
        db,
        caller=caller,
        call_id=form.call_id,
        live_call_id=runtime.call_held_by(caller.organisation_id, caller.user_id),
    )
    if not created:
        response.status_code = 200
    return view


@router.get("/api/v1/offers/{offer_id}")
async def get_offer(
    offer_id: OfferId, request: Request, caller: Caller = READER, db: Database = DB
) -> OfferView:
    return service.get_view(
        db, caller=caller, offer_id=offer_id, revision=None, events=_live(request)
    )


@router.get("/api/v1/offers/{offer_id}/revisions/{revision}")
async def get_revision(
    offer_id: OfferId,
    revision: Annotated[int, Path(ge=0, le=1_000_000)],
    request: Request,
    caller: Caller = READER,
    db: Database = DB,
) -> OfferView:
    return service.get_view(
        db, caller=caller, offer_id=offer_id, revision=revision, events=_live(request)
    )


@router.put("/api/v1/offers/{offer_id}/draft")
async def save_draft(
    offer_id: OfferId, draft: OfferDraft, request: Request, caller: Caller = USER, db: Database = DB
) -> OfferView:
    """A new revision, priced from the catalogue now; 409 `revision_conflict` when
    `base_revision` is not the latest, 409 `offer_closed` once accepted or expired."""
    return drafting.save_draft(
        db, caller=caller, offer_id=offer_id, draft=draft, events=_live(request)
    )


@router.post("/api/v1/offers/{offer_id}/approval")
async def decide(
    offer_id: OfferId,
    form: ApprovalDecision,
    request: Request,
    caller: Caller = STAFF,
    db: Database = DB,
) -> OfferView:
    """Approve or refuse the revision waiting for approval (not your own offer)."""
    return approvals.decide(
        db,
        caller=caller,
        offer_id=offer_id,
        revision=form.revision,
        approve=form.decision == "approve",
        note=form.note,
        events=_live(request),
    )


async def _pdf(view: OfferView, language: str) -> Response:
    """The offer as a PDF, drawn in a worker thread so that the event loop keeps serving.

    fpdf2 is imported here, not at the top: it costs the server's start about half a second.
    """
    from server.offers import pdf

    return Response(
        await asyncio.to_thread(pdf.render, view, language),
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="offer-{view.offer_id}.pdf"'},
    )


@router.get("/api/v1/offers/{offer_id}/pdf", response_class=Response, responses=PDF_RESPONSE)
async def offer_pdf(
    offer_id: OfferId,
    request: Request,
    language: Language = "en",
    caller: Caller = READER,
    db: Database = DB,
) -> Response:
    view = service.get_view(
        db, caller=caller, offer_id=offer_id, revision=None, events=_live(request)
    )
    return await _pdf(view, language)


@router.get("/o/{offer_id}/{token}.pdf", response_class=Response, responses=PDF_RESPONSE)
async def visitor_pdf(
    offer_id: OfferId,
    token: Annotated[str, Path(max_length=100)],
    request: Request,
    language: Language = "en",
    db: Database = DB,
) -> Response:
    """The visitor's copy, through the link in `offer_view.pdf_url`."""
    offer = service.offer_by_pdf_token(db, offer_id=offer_id, token=token, events=_live(request))
    return await _pdf(service.latest_view(db, offer), language)

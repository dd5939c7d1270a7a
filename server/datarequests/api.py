"""Thin routes for requests about one's own data: export, erasure, restriction (P4, P5,
P11). Corrections are the accounts' routes (PATCH /api/v1/me, /organisation, /users/{id})."""

from __future__ import annotations

from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response, status
from fastapi.responses import StreamingResponse

from server.access import ADMIN, ANY_USER, Caller, get_db, get_settings, require
from server.config import Settings
from server.database import open_snapshot
from server.datarequests import erasure, export, restrictions
from server.datarequests.models import (
    ErasureRequestIn,
    ErasureRequestOut,
    ErasureRequestPage,
    MyRestrictions,
    Restrictions,
)
from server.problems import PROBLEM_RESPONSES
from server.recordings.tus import uploads_of
from server.sql import Database

router = APIRouter(prefix="/api/v1", responses=PROBLEM_RESPONSES)
DB = Depends(get_db)
SETTINGS = Depends(get_settings)
ADMIN_USER = Depends(require(roles=ADMIN))
ADMIN_OR_READ_KEY = Depends(require(roles=ADMIN, scope="read"))
USER = Depends(require(roles=ANY_USER))
ZIP: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/zip": {}}, "description": "A ZIP of JSON files."}
}


def _zip(request: Request, made: tuple[export.Export, export.Slot]) -> StreamingResponse:
    job, slot = made
    settings: Settings = request.app.state.settings
    return StreamingResponse(
        export.stream(partial(open_snapshot, settings), job, slot),
        media_type="application/zip",
        headers={
            "Content-Disposition": f'attachment; filename="{job.file_name}"',
            "Cache-Control": "no-store",
        },
    )


@router.get(
    "/organisation/export", tags=["data requests"], response_class=StreamingResponse, responses=ZIP
)
async def export_organisation(
    request: Request, caller: Caller = ADMIN_USER, db: Database = DB
) -> StreamingResponse:
    """Everything the server holds about the organisation (P11), as a ZIP of JSON files with
    a README that explains each; secrets are left out, and the README says which and why.
    Audited. One at a time per organisation (409 `export_running`)."""
    slots: export.ExportSlots = request.app.state.exports
    return _zip(request, export.start(db, slots=slots, caller=caller, scope="organisation"))


@router.get("/me/export", tags=["data requests"], response_class=StreamingResponse, responses=ZIP)
async def export_me(
    request: Request, caller: Caller = USER, db: Database = DB
) -> StreamingResponse:
    """Your own account and the audit trail's entries about you, as a ZIP (P11). Audited."""
    slots: export.ExportSlots = request.app.state.exports
    return _zip(request, export.start(db, slots=slots, caller=caller, scope="user"))


@router.post("/erasure-requests", tags=["data requests"], status_code=status.HTTP_201_CREATED)
async def request_erasure(
    form: ErasureRequestIn,
    request: Request,
    response: Response,
    caller: Caller = ADMIN_USER,
    db: Database = DB,
) -> ErasureRequestOut:
    """Erase a user, a recording or a call's data (P5, P11): at once where possible, else
    by the retention job, within 30 days (`due_at`); a legal hold postpones it. The answer
    says what was kept for billing, tax or audit. An open request for the same item is
    answered (200) rather than made twice."""
    found, created = erasure.request_erasure(
        db, uploads=uploads_of(request), caller=caller, kind=form.kind, target=form.target
    )
    if not created:
        response.status_code = status.HTTP_200_OK
    return found


@router.post(
    "/calls/by-reference/{reference}/erasure",
    tags=["data requests"],
    status_code=status.HTTP_201_CREATED,
)
async def erase_call_by_reference(
    reference: Annotated[str, Path(min_length=1, max_length=20)],
    request: Request,
    response: Response,
    caller: Caller = ADMIN_USER,
    db: Database = DB,
) -> ErasureRequestOut:
    """P4: a visitor quotes the reference the widget showed (like `K7M-4QX`); the call's
    recordings, consent trail and wrap-up note are erased."""
    found, created = erasure.erase_call_by_reference(
        db, uploads=uploads_of(request), caller=caller, reference=reference
    )
    if not created:
        response.status_code = status.HTTP_200_OK
    return found


@router.get("/erasure-requests", tags=["data requests"])
async def list_erasure_requests(
    open_only: Annotated[bool, Query(alias="open", description="only those not done")] = False,
    before: Annotated[str | None, Query(max_length=40, description="next_cursor")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    caller: Caller = ADMIN_OR_READ_KEY,
    db: Database = DB,
) -> ErasureRequestPage:
    """Erasure requests, newest first, with their due dates and state."""
    return erasure.list_requests(db, caller=caller, open_only=open_only, before=before, limit=limit)


@router.get("/erasure-requests/{request_id}", tags=["data requests"])
async def get_erasure_request(
    request_id: Annotated[str, Path(max_length=64)],
    caller: Caller = ADMIN_OR_READ_KEY,
    db: Database = DB,
) -> ErasureRequestOut:
    return erasure.get_request(db, caller=caller, request_id=request_id)


@router.get("/organisation/restrictions", tags=["data requests"])
async def organisation_restrictions(
    caller: Caller = ADMIN_OR_READ_KEY, db: Database = DB
) -> Restrictions:
    """What the organisation restricted (P11): marketing, automated decisions, the use of
    recordings for service improvement."""
    return restrictions.of_organisation(db, organisation_id=caller.organisation_id)


@router.put("/organisation/restrictions", tags=["data requests"])
async def restrict_organisation(
    form: Restrictions, caller: Caller = ADMIN_USER, db: Database = DB
) -> Restrictions:
    """Restrict processing for the whole organisation (audited)."""
    return restrictions.set_for_organisation(db, caller=caller, form=form)


@router.get("/me/restrictions", tags=["data requests"])
async def my_restrictions(caller: Caller = USER, db: Database = DB) -> MyRestrictions:
    return restrictions.of_user(db, caller=caller)


@router.put("/me/restrictions", tags=["data requests"])
async def restrict_me(
    form: Restrictions, caller: Caller = USER, db: Database = DB
) -> MyRestrictions:
    """Restrict processing of your own account's data (audited); the organisation's
    restrictions hold for you whatever you choose here."""
    return restrictions.set_for_user(db, caller=caller, form=form)

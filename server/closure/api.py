"""Thin route: an admin closes the organisation's account (P12)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from server.access import ADMIN, Caller, get_db, get_settings, require
from server.closure import service
from server.closure.models import CloseRequest, ClosureOut
from server.config import Settings
from server.problems import PROBLEM_RESPONSES
from server.sql import Database

router = APIRouter(prefix="/api/v1/organisation", tags=["accounts"], responses=PROBLEM_RESPONSES)
ADMIN_USER = Depends(require(roles=ADMIN))
DB = Depends(get_db)
SETTINGS = Depends(get_settings)


@router.post("/close")
async def close_account(
    form: CloseRequest,
    request: Request,
    caller: Caller = ADMIN_USER,
    db: Database = DB,
    settings: Settings = SETTINGS,
) -> ClosureOut:
    """Close the organisation's account, confirmed with the admin's own password.

    At once: nobody can log in (`organisation_closed`), every session and API key ends,
    widgets refuse visitors, calls end. The answer says when each kind of data is erased
    (docs/retention.md). This cannot be undone.
    """
    return await service.close(
        db, settings, caller=caller, password=form.password, errands=request.app.state.errands
    )

"""Thin routes of the offer suggestions (P16): the admin's switch, and the clerk's list."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from server.access import ADMIN, ANY_USER, Caller, database_of, require
from server.problems import PROBLEM_RESPONSES
from server.suggestions import service
from server.suggestions.models import (
    MAX_DRAFT_ITEMS,
    IdList,
    Suggestions,
    SuggestionSettings,
    SuggestionSettingsChange,
)

router = APIRouter(prefix="/api/v1/offer-suggestions", responses=PROBLEM_RESPONSES)
ANY_USER_OR_READ_KEY = Depends(require(roles=ANY_USER, scope="read"))
ADMIN_USER = Depends(require(roles=ADMIN))
USER = Depends(require(roles=ANY_USER))


@router.get("/settings", tags=["offers"])
async def get_settings(
    request: Request, caller: Caller = ANY_USER_OR_READ_KEY
) -> SuggestionSettings:
    return service.settings_of(database_of(request), organisation_id=caller.organisation_id)


@router.put("/settings", tags=["offers"])
async def put_settings(
    form: SuggestionSettingsChange, request: Request, caller: Caller = ADMIN_USER
) -> SuggestionSettings:
    """Switch offer suggestions on or off for the organisation (admins; audited)."""
    return service.set_enabled(database_of(request), caller=caller, enabled=form.enabled)


@router.get("", tags=["offers"])
async def suggestions(
    request: Request,
    caller: Caller = USER,
    product_id: Annotated[IdList, Query(max_length=MAX_DRAFT_ITEMS)] = [],  # noqa: B006
    bundle_id: Annotated[IdList, Query(max_length=MAX_DRAFT_ITEMS)] = [],  # noqa: B006
) -> Suggestions:
    """Suggestions for a draft holding these products and bundles: items often accepted
    together with them, and the discount such accepted offers had. 404 `suggestions_off` or
    `suggestions_restricted` when the organisation did not ask for them or restricted them."""
    return service.suggestions(
        database_of(request), caller=caller, product_ids=product_id, bundle_ids=bundle_id
    )

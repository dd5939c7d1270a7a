"""Routes of ratings: the visitor's post after a call, the supervisors' daily averages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from pydantic import ValidationError

from server.access import Caller, client_ip, get_db, require
from server.bodies import read_limited
from server.problems import PROBLEM_RESPONSES, ProblemError
from server.rate_windows import RateWindow
from server.ratings import rules, service
from server.ratings.models import RatingAccepted, RatingDays, RatingIn
from server.ratings.rules import Refusal
from server.sql import Database
from server.widgets.public import WidgetKey

router = APIRouter(responses=PROBLEM_RESPONSES)
DB = Depends(get_db)
READER = Depends(require(roles=("admin", "supervisor"), scope="read"))


@router.post(
    "/w/{widget_key}/rating",
    status_code=201,
    tags=["widget (public)"],
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": RatingIn.model_json_schema()}},
        }
    },
)
async def rate_call(widget_key: WidgetKey, request: Request, db: Database = DB) -> RatingAccepted:
    """The visitor's rating of the call it just had, from the tab that had it, within an hour
    of its end, once. A comment with an e-mail address or a phone number is refused (422
    `comment_has_contact_details`); nothing about the visitor is kept (P1)."""
    window: RateWindow = request.app.state.rating_window
    if not await window.allow(client_ip(request) or "unknown"):
        raise ProblemError(
            429, "rate_limited", "Too many ratings. Wait a minute.", retry_after_seconds=60
        )
    body = await read_limited(request, rules.BODY_MAX_BYTES)
    try:
        rating = RatingIn.model_validate_json(body)
    except ValidationError as error:
        names = ", ".join(sorted({".".join(map(str, e["loc"])) or "body" for e in error.errors()}))
        raise ProblemError(422, "invalid_input", f"Some fields are not valid: {names}.") from None
    try:
        return service.rate(db, widget_key=widget_key, rating=rating)
    except Refusal as refusal:
        raise ProblemError(refusal.status, refusal.code, refusal.detail) from None


@router.get("/api/v1/ratings/daily", tags=["ratings"])
async def daily_ratings(
    days: Annotated[int, Query(ge=1, le=rules.MAX_DAYS)] = 7,
    caller: Caller = READER,
    db: Database = DB,
) -> RatingDays:
    """The visitors' mean rating per day (UTC) over the last `days` days, today last."""
    return service.daily(db, organisation_id=caller.organisation_id, days=days)

"""The audit trail, paged newest first and filtered, for admins of the organisation."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from server.access import ADMIN, Caller, get_db, require
from server.audit.store import AuditFilter, list_events
from server.problems import PROBLEM_RESPONSES
from server.sql import Database

router = APIRouter(prefix="/api/v1/audit", tags=["audit"], responses=PROBLEM_RESPONSES)


class AuditEvent(BaseModel):
    id: int
    at: str
    event: str
    actor_user_id: str | None
    actor_key_id: str | None
    ip: str | None
    target: str | None
    details: dict[str, Any]


class AuditPage(BaseModel):
    items: list[AuditEvent]
    next_cursor: int | None


Filter = Annotated[str | None, Query(max_length=200)]


@router.get("")
async def audit_trail(
    event: Filter = None,
    actor_user_id: Filter = None,
    actor_key_id: Filter = None,
    ip: Filter = None,
    since: Annotated[str | None, Query(max_length=40, description="ISO 8601 time")] = None,
    until: Annotated[str | None, Query(max_length=40, description="ISO 8601 time")] = None,
    cursor: Annotated[
        int | None, Query(ge=0, le=2**62, description="next_cursor of the previous page")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    caller: Caller = Depends(require(roles=ADMIN, scope="read")),  # noqa: B008
    db: Database = Depends(get_db),  # noqa: B008
) -> AuditPage:
    where = AuditFilter(
        event=event,
        actor_user_id=actor_user_id,
        actor_key_id=actor_key_id,
        ip=ip,
        since=since,
        until=until,
        before_id=cursor,
    )
    found = list_events(db, caller.organisation_id, where, limit + 1)
    items = [
        AuditEvent.model_validate({**asdict(entry), "details": entry.details or {}})
        for entry in found[:limit]
    ]
    return AuditPage(items=items, next_cursor=items[-1].id if len(found) > limit else None)

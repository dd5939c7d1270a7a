"""Routes of the queue: the two WebSockets and the call records."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from starlette.routing import WebSocketRoute

from server.access import Caller, get_db, require
from server.problems import PROBLEM_RESPONSES, not_found
from server.queue import sockets, store
from server.queue.models import Call, CallDetail, CallPage, CallRecord
from server.sql import Database

router = APIRouter(responses=PROBLEM_RESPONSES)
# Plain Starlette routes: FastAPI's dependency machinery would cost every waiting visitor
# several kilobytes (an exit stack and solved dependencies held for the socket's life).
websocket_routes = [
    WebSocketRoute("/ws/visitor", sockets.visitor_socket),
    WebSocketRoute("/ws/clerk", sockets.clerk_socket),
]

READER = Depends(require(roles=("admin", "supervisor"), scope="read"))
DB = Depends(get_db)


@router.get("/api/v1/calls", tags=["calls"])
async def list_calls(
    since: Annotated[str | None, Query(max_length=40, description="ISO 8601 time")] = None,
    before: Annotated[str | None, Query(max_length=40, description="ISO 8601 time")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    caller: Caller = READER,
    db: Database = DB,
) -> CallPage:
    calls = store.list_calls(db, caller.organisation_id, since=since, before=before, limit=limit)
    return CallPage(items=[CallRecord.model_validate(asdict(c)) for c in calls])


@router.get("/api/v1/calls/by-reference/{reference}", tags=["calls"])
async def call_by_reference(
    reference: str, caller: Caller = READER, db: Database = DB
) -> CallDetail:
    """Find the call a visitor quotes (P4): its reference is the visitor's only handle."""
    call = store.find_by_reference(db, caller.organisation_id, reference)
    if call is None:
        raise not_found("call")
    return _detail(db, caller, call)


@router.get("/api/v1/calls/{call_id}", tags=["calls"])
async def get_call(call_id: str, caller: Caller = READER, db: Database = DB) -> CallDetail:
    call = store.get_call(db, caller.organisation_id, call_id)
    if call is None:
        raise not_found("call")
    return _detail(db, caller, call)


def _detail(db: Database, caller: Caller, call: Call) -> CallDetail:
    events = store.consent_events(db, caller.organisation_id, call.id)
    return CallDetail.model_validate(
        {
            **asdict(call),
            "consent_events": [{**asdict(e), "questions": e.questions.split()} for e in events],
        }
    )

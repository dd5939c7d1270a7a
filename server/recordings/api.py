"""Thin HTTP routes to list, play (with ranges), delete and hold recordings, and retention."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response
from fastapi.responses import StreamingResponse

from server.access import ADMIN, Caller, get_db, get_settings, require
from server.config import Settings
from server.problems import PROBLEM_RESPONSES
from server.recordings import service
from server.recordings.models import (
    HoldIn,
    RecordingOut,
    RecordingPage,
    RecordingSettings,
    RecordingSettingsOut,
)
from server.recordings.tus import uploads_of
from server.sql import Database

router = APIRouter(prefix="/api/v1/recordings", tags=["recordings"], responses=PROBLEM_RESPONSES)
DB = Depends(get_db)
SETTINGS = Depends(get_settings)
VIEWER = Depends(require(roles=("admin", "supervisor"), scope="recordings"))
ADMIN_USER = Depends(require(roles=ADMIN))
RecordingId = Annotated[str, Path(max_length=64)]


@router.get("")
async def list_recordings(
    after: Annotated[str | None, Query(max_length=64, description="next_cursor")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    caller: Caller = VIEWER,
    db: Database = DB,
    settings: Settings = SETTINGS,
) -> RecordingPage:
    """Recordings newest first, with their call, clerk, duration, size and deletion date."""
    return service.listing(
        db, settings=settings, organisation_id=caller.organisation_id, after=after, limit=limit
    )


@router.get("/settings")
async def get_recording_settings(
    caller: Caller = VIEWER, db: Database = DB, settings: Settings = SETTINGS
) -> RecordingSettingsOut:
    """The organisation's retention, the most the operator allows, and whether the clerk's
    picture is recorded too."""
    return service.recording_settings(db, settings=settings, organisation_id=caller.organisation_id)


@router.put("/settings")
async def put_recording_settings(
    form: RecordingSettings,
    caller: Caller = ADMIN_USER,
    db: Database = DB,
    settings: Settings = SETTINGS,
) -> RecordingSettingsOut:
    """How many days recordings are kept (at most the operator's maximum), and whether the
    clerk's picture is recorded too."""
    return service.save_recording_settings(db, settings=settings, caller=caller, form=form)


@router.get(
    "/{recording_id}/media",
    response_class=StreamingResponse,
    responses={200: {"content": {"video/webm": {}}}, 206: {"content": {"video/webm": {}}}},
)
async def media(
    recording_id: RecordingId,
    request: Request,
    range_header: Annotated[str | None, Header(alias="range", max_length=200)] = None,
    caller: Caller = VIEWER,
    db: Database = DB,
) -> Response:
    """The recording decrypted; `Range: bytes=…` answers 206. Every request is audited."""
    found = service.media(
        db,
        uploads=uploads_of(request),
        caller=caller,
        recording_id=recording_id,
        range_header=range_header,
    )
    headers = {
        "Accept-Ranges": "bytes",
        "Content-Length": str(found.last - found.first + 1),
        "Cache-Control": "no-store",
    }
    partial = found.first != 0 or found.last != found.size - 1 or range_header is not None
    if partial:
        headers["Content-Range"] = f"bytes {found.first}-{found.last}/{found.size}"
    return StreamingResponse(
        found.chunks,
        status_code=206 if partial else 200,
        media_type=found.content_type,
        headers=headers,
    )


@router.delete("/{recording_id}", status_code=204)
async def delete_recording(
    recording_id: RecordingId, request: Request, caller: Caller = ADMIN_USER, db: Database = DB
) -> Response:
    """Delete a recording: its file and its key (audited); on legal hold, 409."""
    await service.delete(db, uploads=uploads_of(request), caller=caller, recording_id=recording_id)
    return Response(status_code=204)


@router.post("/{recording_id}/hold")
async def set_hold(
    recording_id: RecordingId, form: HoldIn, caller: Caller = ADMIN_USER, db: Database = DB
) -> RecordingOut:
    """Legal hold: retention does not delete the recording until the hold is lifted."""
    return service.set_hold(
        db, caller=caller, recording_id=recording_id, hold=True, reason=form.reason
    )


@router.delete("/{recording_id}/hold")
async def lift_hold(
    recording_id: RecordingId, form: HoldIn, caller: Caller = ADMIN_USER, db: Database = DB
) -> RecordingOut:
    """Lift a legal hold, with a reason (audited)."""
    return service.set_hold(
        db, caller=caller, recording_id=recording_id, hold=False, reason=form.reason
    )

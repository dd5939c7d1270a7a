"""What admins see about processing: sub-processors, storage location, the Art. 30 record."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request

from server.access import ADMIN, Caller, database_of, get_settings, require
from server.config import Settings
from server.privacy import record
from server.privacy.models import Processing
from server.problems import PROBLEM_RESPONSES

router = APIRouter(prefix="/api/v1/privacy", responses=PROBLEM_RESPONSES)
ADMIN_OR_READ_KEY = Depends(require(roles=ADMIN, scope="read"))
SETTINGS = Depends(get_settings)


@router.get("/processing", tags=["privacy"])
async def processing(
    caller: Caller = ADMIN_OR_READ_KEY, settings: Settings = SETTINGS
) -> Processing:
    """The sub-processors this server uses and where its data is stored (P6, P19)."""
    return Processing(data_location=settings.data_location, subprocessors=settings.subprocessors)


@router.get("/record", tags=["privacy"])
async def processing_record(
    request: Request, caller: Caller = ADMIN_OR_READ_KEY, settings: Settings = SETTINGS
) -> dict[str, Any]:
    """The record of processing activities (GDPR Art. 30), generated from the database
    schema and the server's settings; the same as `videoclerk-server privacy record`."""
    return record.record(database_of(request), settings)

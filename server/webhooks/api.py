"""Thin HTTP routes of webhooks: admins' sessions only (API keys get 403, as for keys)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, status

from server.access import ADMIN, Caller, get_db, get_settings, require
from server.config import Settings
from server.problems import PROBLEM_RESPONSES
from server.sql import Database
from server.webhooks import service
from server.webhooks.models import (
    DeliveryDetail,
    DeliveryPage,
    DeliveryStatus,
    EndpointIn,
    EndpointOut,
    SecretOut,
)

router = APIRouter(prefix="/api/v1/webhooks", tags=["webhooks"], responses=PROBLEM_RESPONSES)
DB = Depends(get_db)
SETTINGS = Depends(get_settings)
ADMIN_USER = Depends(require(roles=ADMIN))
DeliveryId = Annotated[str, Path(max_length=100)]


@router.get("/endpoint")
async def get_endpoint(caller: Caller = ADMIN_USER, db: Database = DB) -> EndpointOut:
    return service.endpoint(db, organisation_id=caller.organisation_id)


@router.put("/endpoint")
async def put_endpoint(
    form: EndpointIn, caller: Caller = ADMIN_USER, db: Database = DB, settings: Settings = SETTINGS
) -> EndpointOut:
    """Where to send events, and which. The URL's host is resolved and must be public."""
    return await service.save_endpoint(db, settings=settings, caller=caller, form=form)


@router.post("/endpoint/secret", status_code=status.HTTP_201_CREATED)
async def rotate_secret(
    request: Request, caller: Caller = ADMIN_USER, db: Database = DB
) -> SecretOut:
    """Create or replace the signing secret. It is shown in this response only."""
    return service.rotate_secret(db, sealer=request.app.state.sealer, caller=caller)


@router.get("/deliveries")
async def list_deliveries(
    status: DeliveryStatus | None = None,
    event_type: Annotated[str | None, Query(max_length=100)] = None,
    after: Annotated[str | None, Query(max_length=100, description="next_cursor")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    caller: Caller = ADMIN_USER,
    db: Database = DB,
) -> DeliveryPage:
    """Deliveries newest first."""
    return service.deliveries(
        db,
        organisation_id=caller.organisation_id,
        status=status,
        event_type=event_type,
        after=after,
        limit=limit,
    )


@router.get("/deliveries/{delivery_id}")
async def get_delivery(
    delivery_id: DeliveryId, caller: Caller = ADMIN_USER, db: Database = DB
) -> DeliveryDetail:
    """One delivery with its payload and every attempt."""
    return service.delivery(db, organisation_id=caller.organisation_id, delivery_id=delivery_id)


@router.post("/deliveries/{delivery_id}/redeliver", status_code=status.HTTP_202_ACCEPTED)
async def redeliver(
    delivery_id: DeliveryId, caller: Caller = ADMIN_USER, db: Database = DB
) -> DeliveryDetail:
    """Send a delivered or failed delivery again, with the same `webhook-id`."""
    return service.redeliver(db, caller=caller, delivery_id=delivery_id)


@router.post("/test", status_code=status.HTTP_202_ACCEPTED)
async def send_test(caller: Caller = ADMIN_USER, db: Database = DB) -> DeliveryDetail:
    """Queue a `webhook.test` event to check your receiver."""
    return service.send_test(db, caller=caller)

"""Thin HTTP routes for managing queues and widget configurations."""

from __future__ import annotations

from fastapi import APIRouter, Depends, status

from server.access import ADMIN, ANY_USER, Caller, get_db, get_settings, require
from server.config import Settings
from server.problems import PROBLEM_RESPONSES
from server.sql import Database
from server.widgets import service
from server.widgets.models import (
    CreateQueueRequest,
    CreateWidgetRequest,
    QueueOut,
    QueuePage,
    UpdateQueueRequest,
    UpdateWidgetRequest,
    WidgetOut,
    WidgetPage,
)

router = APIRouter(prefix="/api/v1", responses=PROBLEM_RESPONSES)
DB = Depends(get_db)
ADMIN_USER = Depends(require(roles=ADMIN))
ANY_USER_OR_READ_KEY = Depends(require(roles=ANY_USER, scope="read"))
ADMIN_OR_READ_KEY = Depends(require(roles=ADMIN, scope="read"))


async def base_url(settings: Settings = Depends(get_settings)) -> str:  # noqa: B008
    """Where browsers reach this server: from the settings, never from the request's Host
    header, which any client can forge (and which would then reach snippets and the CSP)."""
    return settings.base_url


BASE_URL = Depends(base_url)


# ---- queues ------------------------------------------------------------------------------------


@router.get("/queues", tags=["queues"])
async def list_queues(caller: Caller = ANY_USER_OR_READ_KEY, db: Database = DB) -> QueuePage:
    queues = service.list_queues(db, organisation_id=caller.organisation_id)
    return QueuePage(items=[service.queue_out(q) for q in queues])


@router.post("/queues", status_code=status.HTTP_201_CREATED, tags=["queues"])
async def create_queue(
    form: CreateQueueRequest, caller: Caller = ADMIN_USER, db: Database = DB
) -> QueueOut:
    return service.queue_out(service.create_queue(db, caller=caller, form=form))


@router.get("/queues/{queue_id}", tags=["queues"])
async def get_queue(
    queue_id: str, caller: Caller = ANY_USER_OR_READ_KEY, db: Database = DB
) -> QueueOut:
    return service.queue_out(
        service.get_queue(db, organisation_id=caller.organisation_id, queue_id=queue_id)
    )


@router.patch("/queues/{queue_id}", tags=["queues"])
async def update_queue(
    queue_id: str, form: UpdateQueueRequest, caller: Caller = ADMIN_USER, db: Database = DB
) -> QueueOut:
    return service.queue_out(service.update_queue(db, caller=caller, queue_id=queue_id, form=form))


@router.delete("/queues/{queue_id}", status_code=status.HTTP_204_NO_CONTENT, tags=["queues"])
async def delete_queue(queue_id: str, caller: Caller = ADMIN_USER, db: Database = DB) -> None:
    """Refused (409 `queue_in_use`) while a widget offers the queue."""
    service.delete_queue(db, caller=caller, queue_id=queue_id)


# ---- widgets -----------------------------------------------------------------------------------


@router.get("/widgets", tags=["widgets"])
async def list_widgets(
    caller: Caller = ADMIN_OR_READ_KEY, db: Database = DB, base: str = BASE_URL
) -> WidgetPage:
    widgets = service.list_widgets(db, organisation_id=caller.organisation_id)
    return WidgetPage(items=[service.widget_out(db, w, base_url=base) for w in widgets])


@router.post("/widgets", status_code=status.HTTP_201_CREATED, tags=["widgets"])
async def create_widget(
    form: CreateWidgetRequest, caller: Caller = ADMIN_USER, db: Database = DB, base: str = BASE_URL
) -> WidgetOut:
    """A new widget with its own public key; `embed_snippet` is the line for your pages."""
    widget = service.create_widget(db, caller=caller, form=form)
    return service.widget_out(db, widget, base_url=base)


@router.get("/widgets/{widget_id}", tags=["widgets"])
async def get_widget(
    widget_id: str, caller: Caller = ADMIN_OR_READ_KEY, db: Database = DB, base: str = BASE_URL
) -> WidgetOut:
    widget = service.get_widget(db, organisation_id=caller.organisation_id, widget_id=widget_id)
    return service.widget_out(db, widget, base_url=base)


@router.patch("/widgets/{widget_id}", tags=["widgets"])
async def update_widget(
    widget_id: str,
    form: UpdateWidgetRequest,
    caller: Caller = ADMIN_USER,
    db: Database = DB,
    base: str = BASE_URL,
) -> WidgetOut:
    """Change the fields you send. Changing a consent text raises `consent_text_version`."""
    widget = service.update_widget(db, caller=caller, widget_id=widget_id, form=form)
    return service.widget_out(db, widget, base_url=base)


@router.post("/widgets/{widget_id}/rotate-key", tags=["widgets"])
async def rotate_widget_key(
    widget_id: str, caller: Caller = ADMIN_USER, db: Database = DB, base: str = BASE_URL
) -> WidgetOut:
    """A new widget key at once; the old one stops working, so update your pages' snippet."""
    widget = service.rotate_widget_key(db, caller=caller, widget_id=widget_id)
    return service.widget_out(db, widget, base_url=base)


@router.delete("/widgets/{widget_id}", status_code=status.HTTP_204_NO_CONTENT, tags=["widgets"])
async def delete_widget(widget_id: str, caller: Caller = ADMIN_USER, db: Database = DB) -> None:
    service.delete_widget(db, caller=caller, widget_id=widget_id)

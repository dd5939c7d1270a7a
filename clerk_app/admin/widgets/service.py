"""Queues and the widgets that offer them: list, create, change, delete; a widget's key
rotated. Qt-free."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clerk_app.admin.api import AdminApi, LocalText, given, seg
from clerk_app.admin.widgets.hours import BusinessHours, logo_data_url


@dataclass(frozen=True)
class Queue:
    id: str
    name: LocalText
    max_length: int
    target_seconds: int
    target_share: float
    created_at: str
    updated_at: str


# May the widget's calls be recorded (docs/recordings.md): never, if the visitor agrees, always.
RECORDING_MODES = ("off", "offered", "required")


@dataclass(frozen=True)
class Widget:
    id: str
    name: str
    widget_key: str
    embed_snippet: str
    panel_url: str
    queue_ids: tuple[str, ...]
    allowed_origins: tuple[str, ...]
    business_hours: BusinessHours
    privacy_notice_url: str
    greeting: LocalText
    brand_colour: str
    logo: str | None  # data: URL
    consent_recording: LocalText
    consent_transcription: LocalText
    consent_text_version: int
    recording_mode: str  # "off", "offered" or "required" (RECORDING_MODES)
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class WidgetDraft:
    """What the widget editor hands in. On creation, None texts get the server's standard ones."""

    name: str
    queue_ids: tuple[str, ...]
    allowed_origins: tuple[str, ...]
    business_hours: BusinessHours
    privacy_notice_url: str
    brand_colour: str = "#0a7d5a"
    logo: str | None = None
    greeting: LocalText | None = None
    consent_recording: LocalText | None = None
    consent_transcription: LocalText | None = None
    recording_mode: str = "offered"

    @classmethod
    def of(cls, widget: Widget) -> WidgetDraft:
        return cls(
            name=widget.name,
            queue_ids=widget.queue_ids,
            allowed_origins=widget.allowed_origins,
            business_hours=widget.business_hours,
            privacy_notice_url=widget.privacy_notice_url,
            brand_colour=widget.brand_colour,
            logo=widget.logo,
            greeting=widget.greeting,
            consent_recording=widget.consent_recording,
            consent_transcription=widget.consent_transcription,
            recording_mode=widget.recording_mode,
        )


class WidgetsService:
    def __init__(self, api: AdminApi) -> None:
        self._api = api

    # queues

    async def list_queues(self) -> list[Queue]:
        return await self._api.items("/api/v1/queues", _queue)

    async def create_queue(
        self,
        *,
        name: LocalText,
        max_length: int = 50,
        target_seconds: int = 20,
        target_share: float = 0.8,
    ) -> Queue:
        body = {
            "name": name.to_json(),
            "max_length": max_length,
            "target_seconds": target_seconds,
            "target_share": target_share,
        }
        return _queue(await self._api.call("POST", "/api/v1/queues", body))

    async def update_queue(
        self,
        queue_id: str,
        *,
        name: LocalText | None = None,
        max_length: int | None = None,
        target_seconds: int | None = None,
        target_share: float | None = None,
    ) -> Queue:
        body = given(
            max_length=max_length,
            target_seconds=target_seconds,
            target_share=target_share,
            name=name.to_json() if name is not None else None,
        )
        return _queue(await self._api.call("PATCH", f"/api/v1/queues/{seg(queue_id)}", body))

    async def delete_queue(self, queue_id: str) -> str:
        """Refused (`queue_in_use`) while a widget offers it; returns the id deleted."""
        await self._api.call("DELETE", f"/api/v1/queues/{seg(queue_id)}")
        return queue_id

    # widgets

    async def list_widgets(self) -> list[Widget]:
        return await self._api.items("/api/v1/widgets", _widget)

    async def create_widget(self, draft: WidgetDraft) -> Widget:
        body = given(**_draft_json(draft))
        return _widget(await self._api.call("POST", "/api/v1/widgets", body))

    async def update_widget(self, widget: Widget, draft: WidgetDraft) -> Widget:
        """Send only what the draft changed, so the audit trail names exactly that."""
        body = widget_changes(widget, draft)
        if not body:
            return widget
        return _widget(await self._api.call("PATCH", f"/api/v1/widgets/{seg(widget.id)}", body))

    async def rotate_widget_key(self, widget_id: str) -> Widget:
        """A new public key at once: pages with the old snippet show no widget any more."""
        path = f"/api/v1/widgets/{seg(widget_id)}/rotate-key"
        return _widget(await self._api.call("POST", path))

    async def delete_widget(self, widget_id: str) -> str:
        """Returns the id deleted."""
        await self._api.call("DELETE", f"/api/v1/widgets/{seg(widget_id)}")
        return widget_id

    async def read_logo(self, path: Path) -> str:
        """A logo file as the data: URL a widget keeps (PNG, JPEG or SVG, at most 100 kB)."""
        return await logo_data_url(path)


def widget_changes(widget: Widget, draft: WidgetDraft) -> dict[str, Any]:
    """The PATCH body that turns `widget` into `draft` (a None text means: leave it)."""
    before = _draft_json(WidgetDraft.of(widget))
    after = _draft_json(draft)
    return {k: v for k, v in after.items() if v != before[k] and (v is not None or k == "logo")}


def _draft_json(draft: WidgetDraft) -> dict[str, Any]:
    consent = None
    if draft.consent_recording is not None and draft.consent_transcription is not None:
        consent = {
            "recording": draft.consent_recording.to_json(),
            "transcription": draft.consent_transcription.to_json(),
        }
    return {
        "name": draft.name,
        "queue_ids": list(draft.queue_ids),
        "allowed_origins": list(draft.allowed_origins),
        "business_hours": draft.business_hours.to_json(),
        "privacy_notice_url": draft.privacy_notice_url,
        "greeting": draft.greeting.to_json() if draft.greeting is not None else None,
        "brand_colour": draft.brand_colour,
        "logo": draft.logo,
        "consent": consent,
        "recording_mode": draft.recording_mode,
    }


def _queue(data: Mapping[str, Any]) -> Queue:
    return Queue(
        id=data["id"],
        name=LocalText.of(data["name"]),
        max_length=int(data["max_length"]),
        target_seconds=int(data["target_seconds"]),
        target_share=float(data["target_share"]),
        created_at=data["created_at"],
        updated_at=data["updated_at"],
    )


def _widget(data: Mapping[str, Any]) -> Widget:
    hours = data["business_hours"]
    return Widget(
        id=data["id"],
        name=data["name"],
        widget_key=data["widget_key"],
        embed_snippet=data["embed_snippet"],
        panel_url=data["panel_url"],
        queue_ids=tuple(data["queue_ids"]),
        allowed_origins=tuple(data["allowed_origins"]),
        business_hours=BusinessHours.of(
            hours["time_zone"], hours["weekly"], (str(d) for d in hours.get("holidays", []))
        ),
        privacy_notice_url=data["privacy_notice_url"],
        greeting=LocalText.of(data["greeting"]),
        brand_colour=data["brand_colour"],
        logo=data.get("logo"),
        consent_recording=LocalText.of(data["consent"]["recording"]),
        consent_transcription=LocalText.of(data["consent"]["transcription"]),
        consent_text_version=int(data["consent_text_version"]),
        recording_mode=str(data["recording_mode"]),
        created_at=data["created_at"],
        updated_at=data["updated_at"],
    )

"""Administration over the server's REST API: users, API keys, queues, widgets, audit trail.

Qt-free. Every method is a coroutine returning plain frozen dataclasses; every failure is a
`ServiceError` with the server's stable code and sentence (client-side checks use codes of
their own, listed in `LOCAL_CODES`).
"""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote, urlencode

from clerk_app.account.service import AccountService
from clerk_app.errors import ServiceError

ROLES = ("admin", "supervisor", "clerk")
SCOPES = ("read", "catalogue", "recordings", "full")
ENVIRONMENTS = ("live", "test")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MAX_GRACE_HOURS = 24 * 30
DEFAULT_GRACE_HOURS = 24
MAX_LOGO_BYTES = 100 * 1024
AUDIT_PAGE_SIZE = 100
# Codes of errors found on this side, before anything is sent.
LOCAL_CODES = ("logo_unreadable", "logo_too_large", "logo_type", "bad_hours")

R = TypeVar("R")

# ---- what the server returns, as plain values ---------------------------------------------------


@dataclass(frozen=True)
class User:
    id: str
    organisation_id: str
    name: str
    email: str
    role: str
    active: bool
    created_at: str


@dataclass(frozen=True)
class ApiKey:
    id: str
    name: str
    prefix: str
    environment: str
    scopes: tuple[str, ...]
    status: str  # active, expiring, expired, revoked
    supplied_by_customer: bool
    created_at: str
    expires_at: str | None
    revoked_at: str | None
    replaced_by: str | None
    last_used_at: str | None
    last_used_ip: str | None


@dataclass(frozen=True)
class NewApiKey:
    """A key just made: `secret` is shown this once and never again."""

    key: ApiKey
    secret: str = field(repr=False)


@dataclass(frozen=True)
class RotatedApiKey:
    """The old key keeps working until `old_key.expires_at`; the new secret is shown once."""

    old_key: ApiKey
    new_key: ApiKey
    secret: str = field(repr=False)


@dataclass(frozen=True)
class LocalText:
    en: str
    nl: str

    def get(self, language: str) -> str:
        return self.nl if language == "nl" else self.en


@dataclass(frozen=True)
class Queue:
    id: str
    name: LocalText
    max_length: int
    target_seconds: int
    target_share: float
    created_at: str
    updated_at: str


Interval = tuple[str, str]  # ("09:00", "17:00"); "24:00" ends a day


@dataclass(frozen=True)
class BusinessHours:
    time_zone: str
    weekly: tuple[tuple[str, tuple[Interval, ...]], ...]  # (weekday, intervals), open days only
    holidays: tuple[str, ...] = ()  # ISO dates

    @classmethod
    def of(
        cls,
        time_zone: str,
        weekly: Mapping[str, Iterable[Sequence[str]]],
        holidays: Iterable[str] = (),
    ) -> BusinessHours:
        days = []
        for day in WEEKDAYS:
            spans = tuple((str(s[0]), str(s[1])) for s in weekly.get(day, ()))
            if spans:
                days.append((day, spans))
        return cls(time_zone, tuple(days), tuple(holidays))

    def intervals(self, day: str) -> tuple[Interval, ...]:
        return next((spans for d, spans in self.weekly if d == day), ())

    def to_json(self) -> dict[str, Any]:
        return {
            "time_zone": self.time_zone,
            "weekly": {day: [list(s) for s in spans] for day, spans in self.weekly},
            "holidays": list(self.holidays),
        }


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
        )


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    event: str
    actor_user_id: str | None
    actor_key_id: str | None
    ip: str | None
    target: str | None
    details: tuple[tuple[str, str], ...]  # (name, value as text)


@dataclass(frozen=True)
class AuditFilter:
    event: str | None = None
    actor_user_id: str | None = None
    ip: str | None = None
    since: datetime | None = None  # inclusive; timezone-aware
    until: datetime | None = None  # exclusive; timezone-aware


@dataclass(frozen=True)
class AuditPage:
    entries: tuple[AuditEntry, ...]
    next_cursor: int | None  # hand to the next call to get older entries; None: no more


# ---- the service ---------------------------------------------------------------------------------


class AdminService:
    """Admin calls for one signed-in admin, over the app's shared HTTP client."""

    def __init__(self, accounts: AccountService, token: str) -> None:
        self._accounts = accounts
        self._token = token

    async def _call(self, method: str, path: str, body: Any = None) -> Any:
        return await self._accounts.request(method, path, token=self._token, json=body)

    async def _list(self, path: str, convert: Callable[[Mapping[str, Any]], R]) -> list[R]:
        data = await self._call("GET", path)
        return [convert(item) for item in data["items"]]

    # users

    async def list_users(self) -> list[User]:
        return await self._list("/api/v1/users", _user)

    async def create_user(
        self, *, name: str, email: str, role: str, password: str | None = None
    ) -> User:
        """Without a password the server e-mails the new user a code to choose one."""
        body = _given(name=name, email=email, role=role, password=password or None)
        return _user(await self._call("POST", "/api/v1/users", body))

    async def update_user(
        self,
        user_id: str,
        *,
        name: str | None = None,
        role: str | None = None,
        active: bool | None = None,
    ) -> User:
        body = _given(name=name, role=role, active=active)
        return _user(await self._call("PATCH", f"/api/v1/users/{_seg(user_id)}", body))

    async def change_role(self, user_id: str, role: str) -> User:
        return await self.update_user(user_id, role=role)

    async def deactivate_user(self, user_id: str) -> User:
        """The user's sessions end at once."""
        return await self.update_user(user_id, active=False)

    async def reactivate_user(self, user_id: str) -> User:
        return await self.update_user(user_id, active=True)

    # API keys

    async def list_api_keys(self) -> list[ApiKey]:
        return await self._list("/api/v1/api-keys", _key)

    async def create_api_key(
        self, *, name: str, scopes: Sequence[str], environment: str = "live"
    ) -> NewApiKey:
        body = {"name": name, "scopes": list(scopes), "environment": environment}
        data = await self._call("POST", "/api/v1/api-keys", body)
        return NewApiKey(_key(data["key"]), str(data["secret"]))

    async def rotate_api_key(
        self, key_id: str, *, grace_hours: int = DEFAULT_GRACE_HOURS
    ) -> RotatedApiKey:
        """A new key replaces this one; the old one keeps working for `grace_hours`."""
        data = await self._call(
            "POST", f"/api/v1/api-keys/{_seg(key_id)}/rotate", {"grace_hours": grace_hours}
        )
        return RotatedApiKey(_key(data["old_key"]), _key(data["new_key"]), str(data["secret"]))

    async def revoke_api_key(self, key_id: str) -> ApiKey:
        """The key stops working on its next request."""
        return _key(await self._call("DELETE", f"/api/v1/api-keys/{_seg(key_id)}"))

    # queues

    async def list_queues(self) -> list[Queue]:
        return await self._list("/api/v1/queues", _queue)

    async def create_queue(
        self,
        *,
        name: LocalText,
        max_length: int = 50,
        target_seconds: int = 20,
        target_share: float = 0.8,
    ) -> Queue:
        body = {
            "name": _text_json(name),
            "max_length": max_length,
            "target_seconds": target_seconds,
            "target_share": target_share,
        }
        return _queue(await self._call("POST", "/api/v1/queues", body))

    async def update_queue(
        self,
        queue_id: str,
        *,
        name: LocalText | None = None,
        max_length: int | None = None,
        target_seconds: int | None = None,
        target_share: float | None = None,
    ) -> Queue:
        body = _given(
            max_length=max_length,
            target_seconds=target_seconds,
            target_share=target_share,
            name=_text_json(name) if name is not None else None,
        )
        return _queue(await self._call("PATCH", f"/api/v1/queues/{_seg(queue_id)}", body))

    # widgets

    async def list_widgets(self) -> list[Widget]:
        return await self._list("/api/v1/widgets", _widget)

    async def create_widget(self, draft: WidgetDraft) -> Widget:
        body = _given(**_draft_json(draft))
        return _widget(await self._call("POST", "/api/v1/widgets", body))

    async def update_widget(self, widget: Widget, draft: WidgetDraft) -> Widget:
        """Send only what the draft changed, so the audit trail names exactly that."""
        body = widget_changes(widget, draft)
        if not body:
            return widget
        return _widget(await self._call("PATCH", f"/api/v1/widgets/{_seg(widget.id)}", body))

    async def read_logo(self, path: Path) -> str:
        """A logo file as the data: URL a widget keeps (PNG, JPEG or SVG, at most 100 kB)."""
        return await logo_data_url(path)

    # audit trail

    async def audit_page(
        self,
        filters: AuditFilter | None = None,
        *,
        cursor: int | None = None,
        limit: int = AUDIT_PAGE_SIZE,
    ) -> AuditPage:
        """One page, newest first; pass the page's `next_cursor` back to get older entries."""
        query = _audit_query(filters or AuditFilter(), cursor=cursor, limit=limit)
        data = await self._call("GET", f"/api/v1/audit?{urlencode(query)}")
        return AuditPage(
            entries=tuple(_audit_entry(e) for e in data["items"]),
            next_cursor=data.get("next_cursor"),
        )


# ---- helpers ---------------------------------------------------------------------------------


async def logo_data_url(path: Path) -> str:
    """A PNG, JPEG or SVG file as the data: URL a widget keeps (read off the UI thread)."""
    try:
        content = await asyncio.to_thread(path.read_bytes)
    except OSError as exc:
        raise ServiceError("logo_unreadable", f"Cannot read {path.name}: {exc.strerror}") from exc
    return logo_bytes_to_data_url(content, path.name)


def logo_bytes_to_data_url(content: bytes, name: str = "logo") -> str:
    if len(content) > MAX_LOGO_BYTES:
        raise ServiceError(
            "logo_too_large", f"{name} is larger than {MAX_LOGO_BYTES // 1024} kB."
        )
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        media_type = "image/png"
    elif content.startswith(b"\xff\xd8\xff"):
        media_type = "image/jpeg"
    elif b"<svg" in content[:4096]:
        media_type = "image/svg+xml"
    else:
        raise ServiceError("logo_type", f"{name} is not a PNG, JPEG or SVG image.")
    return f"data:{media_type};base64,{base64.b64encode(content).decode('ascii')}"


def logo_bytes(data_url: str) -> bytes:
    """The image inside a data: URL (empty when it is not one)."""
    head, _, payload = data_url.partition(",")
    if not head.startswith("data:") or not head.endswith(";base64"):
        return b""
    try:
        return base64.b64decode(payload, validate=True)
    except ValueError:
        return b""


def parse_intervals(text: str) -> tuple[Interval, ...]:
    """'09:00-12:00, 13:00-17:30' as intervals; empty text is a closed day.

    Raises ServiceError(bad_hours) naming the part it cannot read; overlaps and order are
    the server's to judge.
    """
    spans: list[Interval] = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        start, sep, end = (s.strip() for s in part.partition("-"))
        if not sep or not _is_clock(start) or not _is_clock(end):
            raise ServiceError("bad_hours", part)
        spans.append((_clock(start), _clock(end)))
    return tuple(spans)


def format_intervals(spans: Iterable[Interval]) -> str:
    return ", ".join(f"{start}-{end}" for start, end in spans)


def _is_clock(text: str) -> bool:
    hours, sep, minutes = text.partition(":")
    if not sep or not hours.isdigit() or not minutes.isdigit() or len(minutes) != 2:
        return False
    h, m = int(hours), int(minutes)
    return (0 <= h <= 23 and 0 <= m <= 59) or (h == 24 and m == 0)


def _clock(text: str) -> str:
    hours, _, minutes = text.partition(":")
    return f"{int(hours):02d}:{minutes}"


def widget_changes(widget: Widget, draft: WidgetDraft) -> dict[str, Any]:
    """The PATCH body that turns `widget` into `draft` (a None text means: leave it)."""
    before = _draft_json(WidgetDraft.of(widget))
    after = _draft_json(draft)
    return {k: v for k, v in after.items() if v != before[k] and (v is not None or k == "logo")}


def _draft_json(draft: WidgetDraft) -> dict[str, Any]:
    consent = None
    if draft.consent_recording is not None and draft.consent_transcription is not None:
        consent = {
            "recording": _text_json(draft.consent_recording),
            "transcription": _text_json(draft.consent_transcription),
        }
    return {
        "name": draft.name,
        "queue_ids": list(draft.queue_ids),
        "allowed_origins": list(draft.allowed_origins),
        "business_hours": draft.business_hours.to_json(),
        "privacy_notice_url": draft.privacy_notice_url,
        "greeting": _text_json(draft.greeting) if draft.greeting is not None else None,
        "brand_colour": draft.brand_colour,
        "logo": draft.logo,
        "consent": consent,
    }


def _text_json(text: LocalText) -> dict[str, str]:
    return {"en": text.en, "nl": text.nl}


def _given(**fields: Any) -> dict[str, Any]:
    """The fields that are not None (what a new record sets, or a PATCH changes)."""
    return {name: value for name, value in fields.items() if value is not None}


def _audit_query(filters: AuditFilter, *, cursor: int | None, limit: int) -> dict[str, str]:
    query = {
        "event": filters.event,
        "actor_user_id": filters.actor_user_id,
        "ip": filters.ip,
        "since": _iso(filters.since) if filters.since else None,
        "until": _iso(filters.until) if filters.until else None,
        "cursor": str(cursor) if cursor is not None else None,
        "limit": str(limit),
    }
    return {k: v for k, v in query.items() if v}


def _iso(moment: datetime) -> str:
    """The server's own time format (UTC, microseconds), so its text comparison holds."""
    if moment.tzinfo is None:
        moment = moment.astimezone()  # a naive time is local time
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _seg(value: str) -> str:
    return quote(value, safe="")


def _user(data: Mapping[str, Any]) -> User:
    return User(
        id=data["id"],
        organisation_id=data["organisation_id"],
        name=data["name"],
        email=data["email"],
        role=data["role"],
        active=bool(data["active"]),
        created_at=data["created_at"],
    )


def _key(data: Mapping[str, Any]) -> ApiKey:
    return ApiKey(
        id=data["id"],
        name=data["name"],
        prefix=data["prefix"],
        environment=data["environment"],
        scopes=tuple(data["scopes"]),
        status=data["status"],
        supplied_by_customer=bool(data.get("supplied_by_customer", False)),
        created_at=data["created_at"],
        expires_at=data.get("expires_at"),
        revoked_at=data.get("revoked_at"),
        replaced_by=data.get("replaced_by"),
        last_used_at=data.get("last_used_at"),
        last_used_ip=data.get("last_used_ip"),
    )


def _text(data: Mapping[str, Any]) -> LocalText:
    return LocalText(en=str(data["en"]), nl=str(data["nl"]))


def _queue(data: Mapping[str, Any]) -> Queue:
    return Queue(
        id=data["id"],
        name=_text(data["name"]),
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
        greeting=_text(data["greeting"]),
        brand_colour=data["brand_colour"],
        logo=data.get("logo"),
        consent_recording=_text(data["consent"]["recording"]),
        consent_transcription=_text(data["consent"]["transcription"]),
        consent_text_version=int(data["consent_text_version"]),
        created_at=data["created_at"],
        updated_at=data["updated_at"],
    )


def _audit_entry(data: Mapping[str, Any]) -> AuditEntry:
    details = data.get("details") or {}
    return AuditEntry(
        id=int(data["id"]),
        at=data["at"],
        event=data["event"],
        actor_user_id=data.get("actor_user_id"),
        actor_key_id=data.get("actor_key_id"),
        ip=data.get("ip"),
        target=data.get("target"),
        details=tuple(
            (str(k), v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))
            for k, v in sorted(details.items())
        ),
    )

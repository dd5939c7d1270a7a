"""The audit trail, newest first, filtered and paged. Qt-free."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from clerk_app.admin.api import AdminApi

AUDIT_PAGE_SIZE = 100
DetailValue = str | int | float | bool | None | tuple["DetailValue", ...]


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    event: str
    actor_user_id: str | None
    actor_key_id: str | None
    ip: str | None
    target: str | None
    details: tuple[tuple[str, DetailValue], ...]  # (name, value as the server sent it)


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


class AuditService:
    def __init__(self, api: AdminApi) -> None:
        self._api = api

    async def audit_page(
        self,
        filters: AuditFilter | None = None,
        *,
        cursor: int | None = None,
        limit: int = AUDIT_PAGE_SIZE,
    ) -> AuditPage:
        """One page, newest first; pass the page's `next_cursor` back to get older entries."""
        query = audit_query(filters or AuditFilter(), cursor=cursor, limit=limit)
        data = await self._api.call("GET", f"/api/v1/audit?{urlencode(query)}")
        return AuditPage(
            entries=tuple(_audit_entry(e) for e in data["items"]),
            next_cursor=data.get("next_cursor"),
        )


def audit_query(filters: AuditFilter, *, cursor: int | None, limit: int) -> dict[str, str]:
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


def _value(raw: Any) -> DetailValue:
    if isinstance(raw, list | tuple):
        return tuple(_value(v) for v in raw)
    if raw is None or isinstance(raw, str | int | float | bool):
        return raw
    return str(raw)


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
        details=tuple((str(k), _value(v)) for k, v in sorted(details.items())),
    )

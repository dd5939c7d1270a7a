"""Qt table models of the admin screens: users, API keys, queues, widgets, audit entries.

Each model (a `RecordTableModel`, clerk_app/qt_models.py) holds the service's frozen
dataclasses; views read text through DisplayRole and code reads values through the named
roles (`RecordRole` gives the dataclass itself).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, ClassVar, TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, QLocale, QObject

from clerk_app.admin.service import ApiKey, AuditEntry, Queue, User, Widget
from clerk_app.qt_models import USER_ROLE as ROLE
from clerk_app.qt_models import RecordTableModel

RecordRole = ROLE + 1  # the dataclass of the row, in every model
IdRole = ROLE + 2  # its id, in every model
T = TypeVar("T", User, ApiKey, Queue, Widget, AuditEntry)

ROLE_NAMES = {
    "admin": QT_TRANSLATE_NOOP("Admin", "Admin"),
    "supervisor": QT_TRANSLATE_NOOP("Admin", "Supervisor"),
    "clerk": QT_TRANSLATE_NOOP("Admin", "Clerk"),
}
SCOPE_NAMES = {
    "read": QT_TRANSLATE_NOOP("Admin", "Read"),
    "catalogue": QT_TRANSLATE_NOOP("Admin", "Catalogue"),
    "recordings": QT_TRANSLATE_NOOP("Admin", "Recordings"),
    "full": QT_TRANSLATE_NOOP("Admin", "Full access"),
}
KEY_STATUS_NAMES = {
    "active": QT_TRANSLATE_NOOP("Admin", "Active"),
    "expiring": QT_TRANSLATE_NOOP("Admin", "Expiring"),
    "expired": QT_TRANSLATE_NOOP("Admin", "Expired"),
    "revoked": QT_TRANSLATE_NOOP("Admin", "Revoked"),
}
EVENT_NAMES = {
    "organisation.created": QT_TRANSLATE_NOOP("Admin", "Organisation created"),
    "login.succeeded": QT_TRANSLATE_NOOP("Admin", "Logged in"),
    "login.failed": QT_TRANSLATE_NOOP("Admin", "Log-in failed"),
    "logout": QT_TRANSLATE_NOOP("Admin", "Logged out"),
    "user.created": QT_TRANSLATE_NOOP("Admin", "User created"),
    "user.role_changed": QT_TRANSLATE_NOOP("Admin", "Role changed"),
    "user.deactivated": QT_TRANSLATE_NOOP("Admin", "User deactivated"),
    "user.reactivated": QT_TRANSLATE_NOOP("Admin", "User reactivated"),
    "password.changed": QT_TRANSLATE_NOOP("Admin", "Password changed"),
    "password.reset_requested": QT_TRANSLATE_NOOP("Admin", "Password reset requested"),
    "password.reset": QT_TRANSLATE_NOOP("Admin", "Password reset"),
    "password.set": QT_TRANSLATE_NOOP("Admin", "Password chosen"),
    "security.leak_reported": QT_TRANSLATE_NOOP("Admin", "Leak reported"),
    "api_key.created": QT_TRANSLATE_NOOP("Admin", "API key created"),
    "api_key.rotated": QT_TRANSLATE_NOOP("Admin", "API key rotated"),
    "api_key.revoked": QT_TRANSLATE_NOOP("Admin", "API key revoked"),
    "api_key.used": QT_TRANSLATE_NOOP("Admin", "API key used"),
    "queue.created": QT_TRANSLATE_NOOP("Admin", "Queue created"),
    "queue.updated": QT_TRANSLATE_NOOP("Admin", "Queue changed"),
    "queue.deleted": QT_TRANSLATE_NOOP("Admin", "Queue deleted"),
    "widget.created": QT_TRANSLATE_NOOP("Admin", "Widget created"),
    "widget.updated": QT_TRANSLATE_NOOP("Admin", "Widget changed"),
    "widget.key_rotated": QT_TRANSLATE_NOOP("Admin", "Widget key replaced"),
    "widget.deleted": QT_TRANSLATE_NOOP("Admin", "Widget deleted"),
}


def tr_admin(text: object) -> str:
    """A text marked with QT_TRANSLATE_NOOP("Admin", …), translated now."""
    return QCoreApplication.translate("Admin", str(text))


def role_name(role: str) -> str:
    return tr_admin(ROLE_NAMES[role]) if role in ROLE_NAMES else role


def scope_name(scope: str) -> str:
    return tr_admin(SCOPE_NAMES[scope]) if scope in SCOPE_NAMES else scope


def event_name(event: str) -> str:
    return tr_admin(EVENT_NAMES[event]) if event in EVENT_NAMES else event


def local_time(iso_text: str | None, *, seconds: bool = False) -> str:
    """A server timestamp in the user's time zone, written the same way in every language
    (year first, 24-hour clock); '' for none."""
    if not iso_text:
        return ""
    try:
        moment = datetime.fromisoformat(iso_text)
    except ValueError:
        return iso_text
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = QDateTime.fromMSecsSinceEpoch(round(moment.timestamp() * 1000))
    return local.toString("yyyy-MM-dd HH:mm:ss" if seconds else "yyyy-MM-dd HH:mm")


class AdminTableModel(RecordTableModel[T]):
    """The admin models' rows are the service's dataclasses, each with its `id`."""

    RecordRole = RecordRole
    IdRole = IdRole

    def record_id(self, record: T) -> str:
        return str(record.id)


class UsersModel(AdminTableModel[User]):
    NameRole = ROLE + 10
    EmailRole = ROLE + 11
    RoleRole = ROLE + 12  # admin, supervisor, clerk
    ActiveRole = ROLE + 13
    role_names: ClassVar[dict[int, bytes]] = {
        NameRole: b"name",
        EmailRole: b"email",
        RoleRole: b"role",
        ActiveRole: b"active",
    }

    def headers(self) -> Sequence[str]:
        return (self.tr("Name"), self.tr("E-mail"), self.tr("Role"), self.tr("Status"))

    def cell(self, record: User, column: int) -> str:
        if column == 0:
            return record.name
        if column == 1:
            return record.email
        if column == 2:
            return role_name(record.role)
        return self.tr("Active") if record.active else self.tr("Deactivated")

    def value(self, record: User, role: int) -> Any:
        return {
            self.NameRole: record.name,
            self.EmailRole: record.email,
            self.RoleRole: record.role,
            self.ActiveRole: record.active,
        }.get(role)


class ApiKeysModel(AdminTableModel[ApiKey]):
    NameRole = ROLE + 10
    PrefixRole = ROLE + 11
    ScopesRole = ROLE + 12  # tuple of scope names
    StatusRole = ROLE + 13  # active, expiring, expired, revoked
    LastUsedAtRole = ROLE + 14
    LastUsedIpRole = ROLE + 15
    role_names: ClassVar[dict[int, bytes]] = {
        NameRole: b"name",
        PrefixRole: b"prefix",
        ScopesRole: b"scopes",
        StatusRole: b"status",
        LastUsedAtRole: b"lastUsedAt",
        LastUsedIpRole: b"lastUsedIp",
    }

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Name"),
            self.tr("Key"),
            self.tr("Scopes"),
            self.tr("Status"),
            self.tr("Last used"),
            self.tr("Last IP"),
        )

    def cell(self, record: ApiKey, column: int) -> str:
        if column == 0:
            return record.name
        if column == 1:
            return f"{record.prefix}…"
        if column == 2:
            return ", ".join(scope_name(s) for s in record.scopes)
        if column == 3:
            status = tr_admin(KEY_STATUS_NAMES.get(record.status, record.status))
            if record.status == "expiring" and record.expires_at:
                return self.tr("{status} (until {time})").format(
                    status=status, time=local_time(record.expires_at)
                )
            return status
        if column == 4:
            return local_time(record.last_used_at) or self.tr("never")
        return record.last_used_ip or ""

    def value(self, record: ApiKey, role: int) -> Any:
        return {
            self.NameRole: record.name,
            self.PrefixRole: record.prefix,
            self.ScopesRole: record.scopes,
            self.StatusRole: record.status,
            self.LastUsedAtRole: record.last_used_at,
            self.LastUsedIpRole: record.last_used_ip,
        }.get(role)


class QueuesModel(AdminTableModel[Queue]):
    NameRole = ROLE + 10  # the name in the app's language
    TargetSecondsRole = ROLE + 11
    TargetShareRole = ROLE + 12
    MaxLengthRole = ROLE + 13
    role_names: ClassVar[dict[int, bytes]] = {
        NameRole: b"name",
        TargetSecondsRole: b"targetSeconds",
        TargetShareRole: b"targetShare",
        MaxLengthRole: b"maxLength",
    }

    def headers(self) -> Sequence[str]:
        return (self.tr("Name (English)"), self.tr("Name (Dutch)"), self.tr("Target"),
                self.tr("Most waiting"))

    def cell(self, record: Queue, column: int) -> str:
        if column == 0:
            return record.name.en
        if column == 1:
            return record.name.nl
        if column == 2:
            return self.tr("{percent}% within {seconds} s").format(
                percent=round(record.target_share * 100), seconds=record.target_seconds
            )
        return str(record.max_length)

    def value(self, record: Queue, role: int) -> Any:
        return {
            self.NameRole: record.name.get(app_language()),
            self.TargetSecondsRole: record.target_seconds,
            self.TargetShareRole: record.target_share,
            self.MaxLengthRole: record.max_length,
        }.get(role)

    def name_of(self, queue_id: str) -> str:
        row = self.row_of(queue_id)
        return self.record(row).name.get(app_language()) if row >= 0 else queue_id


class WidgetsModel(AdminTableModel[Widget]):
    NameRole = ROLE + 10
    WidgetKeyRole = ROLE + 11
    EmbedSnippetRole = ROLE + 12
    OriginsRole = ROLE + 13
    QueueIdsRole = ROLE + 14
    role_names: ClassVar[dict[int, bytes]] = {
        NameRole: b"name",
        WidgetKeyRole: b"widgetKey",
        EmbedSnippetRole: b"embedSnippet",
        OriginsRole: b"allowedOrigins",
        QueueIdsRole: b"queueIds",
    }

    def __init__(
        self, queue_name: Callable[[str], str] = str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._queue_name = queue_name

    def headers(self) -> Sequence[str]:
        return (self.tr("Name"), self.tr("Queues"), self.tr("Allowed sites"), self.tr("Changed"))

    def cell(self, record: Widget, column: int) -> str:
        if column == 0:
            return record.name
        if column == 1:
            return ", ".join(self._queue_name(q) for q in record.queue_ids)
        if column == 2:
            return ", ".join(record.allowed_origins)
        return local_time(record.updated_at)

    def value(self, record: Widget, role: int) -> Any:
        return {
            self.NameRole: record.name,
            self.WidgetKeyRole: record.widget_key,
            self.EmbedSnippetRole: record.embed_snippet,
            self.OriginsRole: record.allowed_origins,
            self.QueueIdsRole: record.queue_ids,
        }.get(role)


class AuditModel(AdminTableModel[AuditEntry]):
    """Audit entries, newest first; `append_records` adds an older page below."""

    AtRole = ROLE + 10
    EventRole = ROLE + 11  # the stable event code, e.g. user.created
    ActorUserIdRole = ROLE + 12
    ActorKeyIdRole = ROLE + 13
    IpRole = ROLE + 14
    TargetRole = ROLE + 15
    role_names: ClassVar[dict[int, bytes]] = {
        AtRole: b"at",
        EventRole: b"event",
        ActorUserIdRole: b"actorUserId",
        ActorKeyIdRole: b"actorKeyId",
        IpRole: b"ip",
        TargetRole: b"target",
    }

    def __init__(
        self, describe: Callable[[str], str] = str, parent: QObject | None = None
    ) -> None:
        """`describe` names an id (a user, key, widget, queue) for people; the id if unknown."""
        super().__init__(parent)
        self._describe = describe

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Time"),
            self.tr("Event"),
            self.tr("By"),
            self.tr("IP address"),
            self.tr("Concerning"),
            self.tr("Details"),
        )

    def cell(self, record: AuditEntry, column: int) -> str:
        if column == 0:
            return local_time(record.at, seconds=True)
        if column == 1:
            return event_name(record.event)
        if column == 2:
            if record.actor_user_id:
                return self._describe(record.actor_user_id)
            if record.actor_key_id:
                return self._describe(record.actor_key_id)
            return ""
        if column == 3:
            return record.ip or ""
        if column == 4:
            return self._describe(record.target) if record.target else ""
        return "; ".join(f"{k}: {v}" for k, v in record.details)

    def value(self, record: AuditEntry, role: int) -> Any:
        return {
            self.AtRole: record.at,
            self.EventRole: record.event,
            self.ActorUserIdRole: record.actor_user_id,
            self.ActorKeyIdRole: record.actor_key_id,
            self.IpRole: record.ip,
            self.TargetRole: record.target,
        }.get(role)


def app_language() -> str:
    """The language of the app's texts: Dutch when the default locale is Dutch."""
    return "nl" if QLocale().language() == QLocale.Language.Dutch else "en"

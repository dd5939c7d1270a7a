"""Audit entries as a Qt table model: events, people and details in readable, translated
words (ids become the names the other tabs know)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject

from clerk_app.admin.audit.details import describe_details
from clerk_app.admin.audit.service import AuditEntry
from clerk_app.admin.base import FIRST_ROLE, AdminTableModel
from clerk_app.admin.names import local_time, tr_admin

EVENT_NAMES = {
    "organisation.created": QT_TRANSLATE_NOOP("Admin", "Organisation created"),
    "login.succeeded": QT_TRANSLATE_NOOP("Admin", "Logged in"),
    "login.failed": QT_TRANSLATE_NOOP("Admin", "Log-in failed"),
    "logout": QT_TRANSLATE_NOOP("Admin", "Logged out"),
    "user.created": QT_TRANSLATE_NOOP("Admin", "User created"),
    "user.role_changed": QT_TRANSLATE_NOOP("Admin", "Role changed"),
    "user.deactivated": QT_TRANSLATE_NOOP("Admin", "User deactivated"),
    "user.reactivated": QT_TRANSLATE_NOOP("Admin", "User reactivated"),
    "user.unlocked": QT_TRANSLATE_NOOP("Admin", "Log-in locks lifted"),
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
    "product.created": QT_TRANSLATE_NOOP("Admin", "Product created"),
    "product.updated": QT_TRANSLATE_NOOP("Admin", "Product changed"),
    "product.deleted": QT_TRANSLATE_NOOP("Admin", "Product deleted"),
    "product.bulk_upsert": QT_TRANSLATE_NOOP("Admin", "Products imported"),
    "product.image_set": QT_TRANSLATE_NOOP("Admin", "Product image set"),
    "bundle.created": QT_TRANSLATE_NOOP("Admin", "Bundle created"),
    "bundle.updated": QT_TRANSLATE_NOOP("Admin", "Bundle changed"),
    "bundle.deleted": QT_TRANSLATE_NOOP("Admin", "Bundle deleted"),
    "catalogue.settings_changed": QT_TRANSLATE_NOOP("Admin", "Catalogue settings changed"),
    "offer.settings_changed": QT_TRANSLATE_NOOP("Admin", "Offer settings changed"),
    "offer.approved": QT_TRANSLATE_NOOP("Admin", "Offer approved"),
    "offer.refused": QT_TRANSLATE_NOOP("Admin", "Offer refused"),
    "recording.downloaded": QT_TRANSLATE_NOOP("Admin", "Recording played or saved"),
    "recording.deleted": QT_TRANSLATE_NOOP("Admin", "Recording deleted"),
    "recording.hold_set": QT_TRANSLATE_NOOP("Admin", "Legal hold set"),
    "recording.hold_lifted": QT_TRANSLATE_NOOP("Admin", "Legal hold lifted"),
    "recording.settings_changed": QT_TRANSLATE_NOOP("Admin", "Recording settings changed"),
    "webhook.endpoint_changed": QT_TRANSLATE_NOOP("Admin", "Webhook endpoint changed"),
    "webhook.secret_created": QT_TRANSLATE_NOOP("Admin", "Webhook secret created"),
    "webhook.secret_rotated": QT_TRANSLATE_NOOP("Admin", "Webhook secret rotated"),
    "webhook.redelivered": QT_TRANSLATE_NOOP("Admin", "Webhook delivery sent again"),
    "organisation.corrected": QT_TRANSLATE_NOOP("Admin", "Organisation details corrected"),
    "user.corrected": QT_TRANSLATE_NOOP("Admin", "User details corrected"),
    "data.exported": QT_TRANSLATE_NOOP("Admin", "Data exported"),
    "erasure.requested": QT_TRANSLATE_NOOP("Admin", "Erasure requested"),
    "erasure.done": QT_TRANSLATE_NOOP("Admin", "Erased on request"),
    "restrictions.changed": QT_TRANSLATE_NOOP("Admin", "Restrictions changed"),
}


def event_name(event: str) -> str:
    return tr_admin(EVENT_NAMES[event]) if event in EVENT_NAMES else event


class AuditModel(AdminTableModel[AuditEntry]):
    """Audit entries, newest first; `append_records` adds an older page below."""

    AtRole = FIRST_ROLE
    EventRole = FIRST_ROLE + 1  # the stable event code, e.g. user.created
    ActorUserIdRole = FIRST_ROLE + 2
    ActorKeyIdRole = FIRST_ROLE + 3
    IpRole = FIRST_ROLE + 4
    TargetRole = FIRST_ROLE + 5
    DetailsRole = FIRST_ROLE + 6  # the details as the server sent them: ((name, value), …)
    role_names: ClassVar[dict[int, bytes]] = {
        AtRole: b"at",
        EventRole: b"event",
        ActorUserIdRole: b"actorUserId",
        ActorKeyIdRole: b"actorKeyId",
        IpRole: b"ip",
        TargetRole: b"target",
        DetailsRole: b"details",
    }

    def __init__(self, describe: Callable[[str], str] = str, parent: QObject | None = None) -> None:
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
            actor = record.actor_user_id or record.actor_key_id
            return self._describe(actor) if actor else ""
        if column == 3:
            return record.ip or ""
        if column == 4:
            return self._describe(record.target) if record.target else ""
        return describe_details(record.details, self._describe)

    def value(self, record: AuditEntry, role: int) -> Any:
        return {
            self.AtRole: record.at,
            self.EventRole: record.event,
            self.ActorUserIdRole: record.actor_user_id,
            self.ActorKeyIdRole: record.actor_key_id,
            self.IpRole: record.ip,
            self.TargetRole: record.target,
            self.DetailsRole: record.details,
        }.get(role)

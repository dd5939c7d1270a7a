"""Webhook deliveries, and the attempts of one, as Qt table models with named roles."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP

from clerk_app.admin.base import FIRST_ROLE, AdminTableModel
from clerk_app.admin.names import local_time, tr_admin
from clerk_app.admin.webhooks.service import Attempt, Delivery

DELIVERY_STATUS_NAMES = {
    "pending": QT_TRANSLATE_NOOP("Admin", "Waiting to be sent"),
    "delivering": QT_TRANSLATE_NOOP("Admin", "Sending"),
    "delivered": QT_TRANSLATE_NOOP("Admin", "Delivered"),
    "failed": QT_TRANSLATE_NOOP("Admin", "Failed"),
}
EVENT_TYPE_NAMES = {
    "offer.accepted": QT_TRANSLATE_NOOP("Admin", "Offer accepted"),
    "webhook.test": QT_TRANSLATE_NOOP("Admin", "Test event"),
}


def event_type_name(event_type: str) -> str:
    return tr_admin(EVENT_TYPE_NAMES[event_type]) if event_type in EVENT_TYPE_NAMES else event_type


class DeliveriesModel(AdminTableModel[Delivery]):
    """Deliveries newest first; `append_records` adds an older page below."""

    EventTypeRole = FIRST_ROLE
    StatusRole = FIRST_ROLE + 1  # pending, delivering, delivered, failed
    AttemptsRole = FIRST_ROLE + 2
    CreatedAtRole = FIRST_ROLE + 3
    NextAttemptAtRole = FIRST_ROLE + 4
    DeliveredAtRole = FIRST_ROLE + 5
    role_names: ClassVar[dict[int, bytes]] = {
        EventTypeRole: b"eventType",
        StatusRole: b"status",
        AttemptsRole: b"attempts",
        CreatedAtRole: b"createdAt",
        NextAttemptAtRole: b"nextAttemptAt",
        DeliveredAtRole: b"deliveredAt",
    }

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Created"),
            self.tr("Event"),
            self.tr("Status"),
            self.tr("Attempts"),
            self.tr("Next attempt"),
            self.tr("Delivered"),
            self.tr("Id"),
        )

    def cell(self, record: Delivery, column: int) -> str:
        if column == 0:
            return local_time(record.created_at, seconds=True)
        if column == 1:
            return event_type_name(record.event_type)
        if column == 2:
            status = record.status
            return (
                tr_admin(DELIVERY_STATUS_NAMES[status])
                if status in DELIVERY_STATUS_NAMES
                else status
            )
        if column == 3:
            return str(record.attempts)
        if column == 4:
            return local_time(record.next_attempt_at, seconds=True)
        if column == 5:
            return local_time(record.delivered_at, seconds=True)
        return record.id

    def value(self, record: Delivery, role: int) -> Any:
        return {
            self.EventTypeRole: record.event_type,
            self.StatusRole: record.status,
            self.AttemptsRole: record.attempts,
            self.CreatedAtRole: record.created_at,
            self.NextAttemptAtRole: record.next_attempt_at,
            self.DeliveredAtRole: record.delivered_at,
        }.get(role)


class AttemptsModel(AdminTableModel[Attempt]):
    """Every attempt of one delivery, first to last."""

    AtRole = FIRST_ROLE
    HttpStatusRole = FIRST_ROLE + 1  # None when no answer came
    ErrorRole = FIRST_ROLE + 2  # the error class, or None
    DurationMsRole = FIRST_ROLE + 3
    role_names: ClassVar[dict[int, bytes]] = {
        AtRole: b"at",
        HttpStatusRole: b"httpStatus",
        ErrorRole: b"error",
        DurationMsRole: b"durationMs",
    }

    def record_id(self, record: Attempt) -> str:
        return record.at

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Time"),
            self.tr("Outcome"),
            self.tr("Answer or error"),
            self.tr("Duration"),
            self.tr("Answer's first words"),
        )

    def cell(self, record: Attempt, column: int) -> str:
        if column == 0:
            return local_time(record.at, seconds=True)
        if column == 1:
            ok = record.http_status is not None and 200 <= record.http_status < 300
            return self.tr("Succeeded") if ok else self.tr("Failed")
        if column == 2:
            if record.http_status is not None:
                return self.tr("HTTP %1").replace("%1", str(record.http_status))
            return record.error or ""
        if column == 3:
            return self.tr("%1 ms").replace("%1", str(record.duration_ms))
        return record.response_excerpt or ""

    def value(self, record: Attempt, role: int) -> Any:
        return {
            self.AtRole: record.at,
            self.HttpStatusRole: record.http_status,
            self.ErrorRole: record.error,
            self.DurationMsRole: record.duration_ms,
        }.get(role)

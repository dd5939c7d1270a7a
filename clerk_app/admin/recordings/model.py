"""Recordings as a Qt table model with named roles."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QObject, Qt

from clerk_app.admin.base import FIRST_ROLE, AdminTableModel
from clerk_app.admin.names import local_time
from clerk_app.admin.recordings.service import Recording
from clerk_app.downloads import size_text

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def duration_text(seconds: float | None) -> str:
    """h:mm:ss or m:ss; '' when the app did not say."""
    if seconds is None:
        return ""
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


class RecordingsModel(AdminTableModel[Recording]):
    """Recordings, newest first; `append_records` adds an older page below. `name_of` gives
    the clerk's name for an id (the users tab's), else the id."""

    CallIdRole = FIRST_ROLE
    ClerkIdRole = FIRST_ROLE + 1
    DurationRole = FIRST_ROLE + 2  # seconds, or None
    SizeRole = FIRST_ROLE + 3  # bytes
    DeleteAfterRole = FIRST_ROLE + 4  # ISO time
    LegalHoldRole = FIRST_ROLE + 5  # bool
    HoldReasonRole = FIRST_ROLE + 6
    StatusRole = FIRST_ROLE + 7  # uploading | complete
    role_names: ClassVar[dict[int, bytes]] = {
        CallIdRole: b"callId",
        ClerkIdRole: b"clerkId",
        DurationRole: b"durationSeconds",
        SizeRole: b"size",
        DeleteAfterRole: b"deleteAfter",
        LegalHoldRole: b"legalHold",
        HoldReasonRole: b"holdReason",
        StatusRole: b"status",
    }
    RIGHT_COLUMNS = (3, 4)
    HOLD_COLUMN = 6

    def __init__(self, parent: QObject | None, name_of: Callable[[str], str]) -> None:
        super().__init__(parent)
        self._name_of = name_of

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Recorded"),
            self.tr("Call"),
            self.tr("Clerk"),
            self.tr("Duration"),
            self.tr("Size"),
            self.tr("Deleted after"),
            self.tr("Legal hold"),
        )

    def cell(self, record: Recording, column: int) -> str:
        if column == 0:
            return local_time(record.completed_at or record.created_at)
        if column == 1:
            return record.call_id
        if column == 2:
            return self._name_of(record.clerk_id)
        if column == 3:
            return duration_text(record.duration_seconds)
        if column == 4:
            if not record.complete:
                return (
                    self.tr("uploading, %1 of %2")
                    .replace("%1", size_text(record.received))
                    .replace("%2", size_text(record.size))
                )
            return size_text(record.size)
        if column == 5:
            return self.tr("on hold") if record.legal_hold else local_time(record.delete_after)
        if record.legal_hold:
            return self.tr("Yes: %1").replace("%1", record.hold_reason or "")
        return ""

    def cell_value(self, record: Recording, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.RIGHT_COLUMNS:
            return RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and column == self.HOLD_COLUMN:
            return record.hold_reason
        return None

    def value(self, record: Recording, role: int) -> Any:
        return {
            self.CallIdRole: record.call_id,
            self.ClerkIdRole: record.clerk_id,
            self.DurationRole: record.duration_seconds,
            self.SizeRole: record.size,
            self.DeleteAfterRole: record.delete_after,
            self.LegalHoldRole: record.legal_hold,
            self.HoldReasonRole: record.hold_reason,
            self.StatusRole: record.status,
        }.get(role)

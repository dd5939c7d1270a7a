"""Erasure requests as a Qt table model with named roles, in readable, translated words."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QObject

from clerk_app.admin.base import FIRST_ROLE, AdminTableModel
from clerk_app.admin.datarequests.service import ErasureRequest, Kept
from clerk_app.admin.names import local_time, tr_admin

KIND_NAMES = {
    "user": QT_TRANSLATE_NOOP("Admin", "User"),
    "recording": QT_TRANSLATE_NOOP("Admin", "Recording"),
    "call": QT_TRANSLATE_NOOP("Admin", "Call's data"),
}
KEPT_NAMES = {
    "audit_trail": QT_TRANSLATE_NOOP("Admin", "audit trail"),
    "offers": QT_TRANSLATE_NOOP("Admin", "offers"),
    "call_record": QT_TRANSLATE_NOOP("Admin", "call record"),
    "recordings": QT_TRANSLATE_NOOP("Admin", "recordings"),
}
WHY_NAMES = {
    "billing_and_tax": QT_TRANSLATE_NOOP("Admin", "billing and tax"),
    "audit": QT_TRANSLATE_NOOP("Admin", "audit"),
    "not_personal": QT_TRANSLATE_NOOP("Admin", "names nobody"),
    "own_retention": QT_TRANSLATE_NOOP("Admin", "deleted on their own schedule"),
}


def _name(names: Mapping[str, object], code: str) -> str:
    return tr_admin(names[code]) if code in names else code


def kept_text(kept: Sequence[Kept]) -> str:
    """What an erasure left in place and why, e.g. 'offers (billing and tax)'."""
    return ", ".join(f"{_name(KEPT_NAMES, k.what)} ({_name(WHY_NAMES, k.why)})" for k in kept)


class ErasureRequestsModel(AdminTableModel[ErasureRequest]):
    """Erasure requests, newest first. `name_of` names the erased item where a tab knows it
    (a user, a recording), else its id stays."""

    KindRole = FIRST_ROLE
    TargetRole = FIRST_ROLE + 1
    StatusRole = FIRST_ROLE + 2  # done, pending, waiting_on_hold
    DueAtRole = FIRST_ROLE + 3  # ISO time
    DoneAtRole = FIRST_ROLE + 4  # ISO time or None
    role_names: ClassVar[dict[int, bytes]] = {
        KindRole: b"kind",
        TargetRole: b"target",
        StatusRole: b"status",
        DueAtRole: b"dueAt",
        DoneAtRole: b"doneAt",
    }

    def __init__(self, parent: QObject | None, name_of: Callable[[str], str]) -> None:
        super().__init__(parent)
        self._name_of = name_of

    def put_first(self, record: ErasureRequest) -> None:
        """A request just made goes on top (the list is newest first); a known one is
        replaced where it is."""
        if self.row_of(record.id) >= 0:
            self.replace_record(record)
            return
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, record)
        self.endInsertRows()

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Requested"),
            self.tr("What"),
            self.tr("Item"),
            self.tr("Due"),
            self.tr("State"),
            self.tr("Kept"),
        )

    def status_text(self, record: ErasureRequest) -> str:
        if record.status == "done":
            return self.tr("Erased %1").replace("%1", local_time(record.done_at))
        if record.status == "waiting_on_hold":
            return self.tr("Waiting on a legal hold: %1").replace("%1", record.hold_reason or "")
        return self.tr("Pending")

    def cell(self, record: ErasureRequest, column: int) -> str:
        if column == 0:
            return local_time(record.requested_at)
        if column == 1:
            return _name(KIND_NAMES, record.kind)
        if column == 2:
            return self._name_of(record.target)
        if column == 3:
            return local_time(record.due_at)
        if column == 4:
            return self.status_text(record)
        return kept_text(record.kept)

    def value(self, record: ErasureRequest, role: int) -> Any:
        return {
            self.KindRole: record.kind,
            self.TargetRole: record.target,
            self.StatusRole: record.status,
            self.DueAtRole: record.due_at,
            self.DoneAtRole: record.done_at,
        }.get(role)

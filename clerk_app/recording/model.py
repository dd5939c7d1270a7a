"""A Qt list model of the pending uploads, fed by the Qt-free `Uploads` service.

Each row is an `UploadStatus`; finished uploads (verified, or deleted after a withdrawal)
leave the list. The model also says whether the spool has grown past its limit. The texts
belong to the view; this model holds values only.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from clerk_app.percent import rounded_percent
from clerk_app.recording.rules import UploadState, spool_over_limit
from clerk_app.recording.uploader import UploadStatus

Index = QModelIndex | QPersistentModelIndex
GONE = (UploadState.DONE, UploadState.DISCARDED)


class UploadRole(enum.IntEnum):
    RECORDING_ID = Qt.ItemDataRole.UserRole + 1
    CALL_ID = enum.auto()
    STATE = enum.auto()  # UploadState value
    PERCENT = enum.auto()
    RETRY_SECONDS = enum.auto()  # whole seconds until the next try, RETRYING only
    PROBLEM = enum.auto()


class UploadsModel(QAbstractListModel):
    spoolChanged = Signal(bool)  # over the limit or not

    def __init__(
        self,
        *,
        spool_bytes: Callable[[], int],
        limit_bytes: int,
        monotonic: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.limit_bytes = limit_bytes
        self.spool_bytes = 0
        self._measure = spool_bytes
        self._monotonic = monotonic
        self._rows: list[UploadStatus] = []
        self._countdown = QTimer(self)  # the "retrying in N s" counts down
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self._countdown.start()
        self._measure_spool()

    @property
    def over_limit(self) -> bool:
        return spool_over_limit(self.spool_bytes, self.limit_bytes)

    def set_limit(self, limit_bytes: int) -> None:
        """The clerk changed the limit in the settings."""
        before = self.over_limit
        self.limit_bytes = limit_bytes
        if self.over_limit != before:
            self.spoolChanged.emit(self.over_limit)

    def update(self, status: UploadStatus) -> None:
        """Take a status from the service (on the loop's thread)."""
        row = next(
            (n for n, r in enumerate(self._rows) if r.recording_id == status.recording_id), None
        )
        if status.state in GONE:
            if row is not None:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
            self._measure_spool()
        elif row is None:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
            self._rows.append(status)
            self.endInsertRows()
            self._measure_spool()
        else:
            self._rows[row] = status
            self.dataChanged.emit(self.index(row), self.index(row))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def roleNames(self) -> dict[int, QByteArray]:
        return {int(role): QByteArray(role.name.lower().encode()) for role in UploadRole}

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        status = self._rows[index.row()]
        match role:
            case UploadRole.RECORDING_ID:
                return status.recording_id
            case UploadRole.CALL_ID:
                return status.call_id
            case UploadRole.STATE:
                return status.state.value
            case UploadRole.PERCENT:
                if not status.size:
                    return 0
                return int(rounded_percent(Fraction(status.sent, status.size)))
            case UploadRole.RETRY_SECONDS:
                if status.retry_at is None or status.state is not UploadState.RETRYING:
                    return None
                return max(0, round(status.retry_at - self._monotonic()))
            case UploadRole.PROBLEM:
                return status.problem
        return None

    def _tick(self) -> None:
        for row, status in enumerate(self._rows):
            if status.state is UploadState.RETRYING:
                self.dataChanged.emit(self.index(row), self.index(row))

    def _measure_spool(self) -> None:
        before = self.over_limit
        self.spool_bytes = self._measure()
        if self.over_limit != before:
            self.spoolChanged.emit(self.over_limit)

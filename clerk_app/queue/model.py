"""Qt models fed by the clerk's desk: the desk as signals, and the live queue as a table.

`DeskModel` turns ClerkDesk's change notices into Qt signals; `QueueTableModel` shows the
waiting visitors with named roles and a waiting time that ticks every second. Views bind
to these and never see the socket.
"""

from __future__ import annotations

import enum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from clerk_app.call.session import CallSession
from clerk_app.queue.connection import LinkState
from clerk_app.queue.desk import ClerkDesk, ConsentView, WaitingEntry
from clerk_app.queue.waiting import WaitClock, format_duration
from clerk_app.shell.i18n import local_text
from videoclerk_protocol import messages as p

AnyIndex = QModelIndex | QPersistentModelIndex


class DeskModel(QObject):
    """The desk's state for views; every change arrives as a signal on the UI thread."""

    presenceChanged = Signal(str)
    linkChanged = Signal(str)
    queueChanged = Signal()
    callStarted = Signal(object)  # the CallSession
    callEnded = Signal(object)  # the protocol's Ended message, or None
    consentChanged = Signal(object)  # ConsentView, or None
    peerChanged = Signal(bool)  # True while the visitor's link is lost
    serverError = Signal(str, str, str)  # code, message, in_reply_to
    supervisorChanged = Signal()

    def __init__(self, desk: ClerkDesk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self._call: CallSession | None = None
        desk.add_listener(self._on_change)

    @property
    def presence(self) -> str:
        return self.desk.state.presence

    @property
    def shown_presence(self) -> str:
        """The presence line's state: the server's, or "reconnecting" while the link is down."""
        return self.desk.state.shown_presence

    @property
    def link(self) -> LinkState:
        return self.desk.state.link

    @property
    def call(self) -> CallSession | None:
        return self.desk.state.call

    @property
    def consent(self) -> ConsentView | None:
        return self.desk.state.consent

    @property
    def waiting(self) -> list[WaitingEntry]:
        return self.desk.state.waiting

    def _on_change(self, what: str) -> None:
        state = self.desk.state
        if what == "presence":
            self.presenceChanged.emit(state.presence)
        elif what == "link":
            self.linkChanged.emit(state.link.value)
        elif what == "queue":
            self.queueChanged.emit()
        elif what == "call":
            if state.call is not None and state.call is not self._call:
                self._call = state.call
                self.callStarted.emit(state.call)
            elif state.call is None and self._call is not None:
                self._call = None
                self.callEnded.emit(state.last_ended)
        elif what == "consent":
            self.consentChanged.emit(state.consent)
        elif what == "peer":
            self.peerChanged.emit(state.peer_lost)
        elif what == "error":
            error: p.Error | None = state.last_error
            if error is not None:
                self.serverError.emit(error.code, error.message, error.in_reply_to or "")
        elif what == "supervisor":
            self.supervisorChanged.emit()


class QueueRole(enum.IntEnum):
    CALL_ID = Qt.ItemDataRole.UserRole + 1
    POSITION = Qt.ItemDataRole.UserRole + 2
    QUEUE_NAME = Qt.ItemDataRole.UserRole + 3
    WAITING_SECONDS = Qt.ItemDataRole.UserRole + 4
    RECORDING = Qt.ItemDataRole.UserRole + 5
    TRANSCRIPTION = Qt.ItemDataRole.UserRole + 6
    CAMERA = Qt.ItemDataRole.UserRole + 7


class QueueColumn(enum.IntEnum):
    POSITION = 0
    QUEUE = 1
    WAITING = 2
    CONSENT = 3
    CAMERA = 4


class QueueTableModel(QAbstractTableModel):
    """The visitors waiting in the clerk's organisation, oldest first."""

    def __init__(self, desk: DeskModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._rows: list[WaitingEntry] = []
        self.clock = WaitClock()
        desk.queueChanged.connect(self.refresh)
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()
        self.refresh()

    def refresh(self) -> None:
        state = self._desk.desk.state
        self.clock.snapshot(state.queues, state.waiting)
        self.beginResetModel()
        self._rows = list(state.waiting)
        self.endResetModel()

    def _tick(self) -> None:
        if self._rows:
            column = QueueColumn.WAITING
            self.dataChanged.emit(
                self.index(0, column),
                self.index(len(self._rows) - 1, column),
                [Qt.ItemDataRole.DisplayRole, QueueRole.WAITING_SECONDS],
            )

    def entry(self, row: int) -> WaitingEntry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(QueueColumn)

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        for role in QueueRole:
            names[int(role)] = QByteArray(role.name.lower().encode())
        return names

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            QueueColumn.POSITION: self.tr("#"),
            QueueColumn.QUEUE: self.tr("Queue"),
            QueueColumn.WAITING: self.tr("Waiting"),
            QueueColumn.CONSENT: self.tr("Consent"),
            QueueColumn.CAMERA: self.tr("Camera"),
        }
        return titles.get(QueueColumn(section)) if 0 <= section < len(QueueColumn) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry(index.row()) if index.isValid() else None
        if entry is None:
            return None
        if role >= Qt.ItemDataRole.UserRole:
            return self._role_value(entry, role)
        column = QueueColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == QueueColumn.CONSENT:
                return self.consent_text(entry)
            if column == QueueColumn.WAITING:
                return self.tr("Waiting since %1").replace("%1", entry.joined_at)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            QueueColumn.POSITION,
            QueueColumn.WAITING,
        ):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _role_value(self, entry: WaitingEntry, role: int) -> Any:
        match role:
            case QueueRole.CALL_ID:
                return entry.call_id
            case QueueRole.POSITION:
                return entry.position
            case QueueRole.QUEUE_NAME:
                return local_text(entry.queue_names)
            case QueueRole.WAITING_SECONDS:
                return self.clock.waited_seconds(entry)
            case QueueRole.RECORDING:
                return entry.recording
            case QueueRole.TRANSCRIPTION:
                return entry.transcription
            case QueueRole.CAMERA:
                return entry.camera
        return None

    def _display(self, entry: WaitingEntry, column: QueueColumn) -> str:
        match column:
            case QueueColumn.POSITION:
                return str(entry.position)
            case QueueColumn.QUEUE:
                return local_text(entry.queue_names)
            case QueueColumn.WAITING:
                return format_duration(self.clock.waited_seconds(entry))
            case QueueColumn.CONSENT:
                return self.consent_text(entry)
            case QueueColumn.CAMERA:
                return self.tr("Camera on") if entry.camera else self.tr("No camera")
        return ""

    def consent_text(self, entry: WaitingEntry) -> str:
        recording = self.tr("recording: yes") if entry.recording else self.tr("recording: no")
        transcription = (
            self.tr("transcription: yes") if entry.transcription else self.tr("transcription: no")
        )
        return f"{recording}, {transcription}"

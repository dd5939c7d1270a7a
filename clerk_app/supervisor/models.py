"""Qt item models of the supervisor view, fed by `SupervisorBoard` (figures.py)."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from clerk_app.supervisor.figures import (
    ClerkFigures,
    QueueFigures,
    SupervisorBoard,
    format_duration,
    whole_percent,
)
from server.queue.protocol import SupervisorSnapshot

Index = QModelIndex | QPersistentModelIndex
_NO_INDEX = QModelIndex()
ROLE = int(Qt.ItemDataRole.UserRole)


class QueueFiguresModel(QAbstractTableModel):
    """One row per queue: waiting, longest wait (ticking), answered, abandoned, service level."""

    QueueIdRole = ROLE + 1
    NameRole = ROLE + 2
    WaitingRole = ROLE + 3
    LongestWaitRole = ROLE + 4  # seconds, as of the last tick
    AnsweredRole = ROLE + 5
    AbandonedRole = ROLE + 6
    WithinTargetRole = ROLE + 7
    TargetSecondsRole = ROLE + 8
    ServiceLevelRole = ROLE + 9  # float 0..1, or None before any call
    FiguresRole = ROLE + 10  # the QueueFigures itself

    COLUMN_NAME, COLUMN_WAITING, COLUMN_LONGEST, COLUMN_ANSWERED, COLUMN_ABANDONED, COLUMN_LEVEL = (
        range(6)
    )

    def __init__(self, board: SupervisorBoard, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._board = board
        self._rows: list[QueueFigures] = []
        self._elapsed = 0.0

    def roleNames(self) -> dict[int, QByteArray]:
        names = {
            self.QueueIdRole: b"queueId",
            self.NameRole: b"name",
            self.WaitingRole: b"waiting",
            self.LongestWaitRole: b"longestWaitSeconds",
            self.AnsweredRole: b"answered",
            self.AbandonedRole: b"abandoned",
            self.WithinTargetRole: b"answeredWithinTarget",
            self.TargetSecondsRole: b"targetSeconds",
            self.ServiceLevelRole: b"serviceLevel",
            self.FiguresRole: b"figures",
        }
        return {**super().roleNames(), **{k: QByteArray(v) for k, v in names.items()}}

    def rowCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else 6

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = (
            self.tr("Queue"),
            self.tr("Waiting"),
            self.tr("Longest wait"),
            self.tr("Answered"),
            self.tr("Abandoned"),
            self.tr("Service level"),
        )
        return headers[section] if 0 <= section < len(headers) else None

    def figures(self, row: int) -> QueueFigures:
        return self._rows[row]

    def row_of(self, queue_id: str) -> int:
        return next((i for i, q in enumerate(self._rows) if q.queue_id == queue_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        q = self._rows[index.row()]
        by_role: dict[int, Any] = {
            self.QueueIdRole: q.queue_id,
            self.NameRole: q.name,
            self.WaitingRole: q.waiting,
            self.LongestWaitRole: q.longest_wait(self._elapsed),
            self.AnsweredRole: q.answered,
            self.AbandonedRole: q.abandoned,
            self.WithinTargetRole: q.answered_within_target,
            self.TargetSecondsRole: q.target_seconds,
            self.ServiceLevelRole: q.service_level,
            self.FiguresRole: q,
        }
        if role in by_role:
            return by_role[role]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(q, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.COLUMN_NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COLUMN_LEVEL:
            return self.tr(
                "{within} of {offered} calls answered within {target} s "
                "(abandoned calls count as missed)"
            ).format(
                within=q.answered_within_target,
                offered=q.answered + q.abandoned,
                target=q.target_seconds,
            )
        return None

    def _display(self, q: QueueFigures, column: int) -> str:
        if column == self.COLUMN_NAME:
            return q.name
        if column == self.COLUMN_WAITING:
            return str(q.waiting)
        if column == self.COLUMN_LONGEST:
            return format_duration(q.longest_wait(self._elapsed)) if q.waiting else "–"
        if column == self.COLUMN_ANSWERED:
            return str(q.answered)
        if column == self.COLUMN_ABANDONED:
            return str(q.abandoned)
        return self.service_level_text(q)

    def service_level_text(self, q: QueueFigures) -> str:
        share = q.service_level
        if share is None:
            return self.tr("no calls yet")
        return self.tr("{percent}% within {target} s").format(
            percent=whole_percent(share), target=q.target_seconds
        )

    def refresh(self, elapsed: float) -> None:
        """Take the board's queues (after a snapshot) and the seconds since it arrived."""
        self._elapsed = elapsed
        rows = list(self._board.queues)
        if [q.queue_id for q in rows] != [q.queue_id for q in self._rows]:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
            return
        self._rows = rows
        if rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, 5))

    def tick(self, elapsed: float) -> None:
        self._elapsed = elapsed
        if self._rows:
            column = self.COLUMN_LONGEST
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))


class ClerksModel(QAbstractTableModel):
    """One row per clerk: name, state and time in that state (ticking)."""

    UserIdRole = ROLE + 1
    NameRole = ROLE + 2
    StateRole = ROLE + 3  # available, in_call, wrap_up, away, offline
    SinceRole = ROLE + 4  # the server's ISO timestamp
    SecondsInStateRole = ROLE + 5
    FiguresRole = ROLE + 6

    COLUMN_NAME, COLUMN_STATE, COLUMN_TIME = range(3)

    def __init__(self, board: SupervisorBoard, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._board = board
        self._rows: list[ClerkFigures] = []
        self._elapsed = 0.0

    def roleNames(self) -> dict[int, QByteArray]:
        names = {
            self.UserIdRole: b"userId",
            self.NameRole: b"name",
            self.StateRole: b"state",
            self.SinceRole: b"since",
            self.SecondsInStateRole: b"secondsInState",
            self.FiguresRole: b"figures",
        }
        return {**super().roleNames(), **{k: QByteArray(v) for k, v in names.items()}}

    def rowCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = (self.tr("Clerk"), self.tr("State"), self.tr("Time in state"))
        return headers[section] if 0 <= section < len(headers) else None

    def state_text(self, state: str) -> str:
        names = {
            "available": self.tr("Available"),
            "in_call": self.tr("In a call"),
            "wrap_up": self.tr("Wrapping up"),
            "away": self.tr("Away"),
            "offline": self.tr("Offline"),
        }
        return names.get(state, state)

    def figures(self, row: int) -> ClerkFigures:
        return self._rows[row]

    def row_of(self, user_id: str) -> int:
        return next((i for i, c in enumerate(self._rows) if c.user_id == user_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        c = self._rows[index.row()]
        by_role: dict[int, Any] = {
            self.UserIdRole: c.user_id,
            self.NameRole: c.name,
            self.StateRole: c.state,
            self.SinceRole: c.since,
            self.SecondsInStateRole: c.in_state(self._elapsed),
            self.FiguresRole: c,
        }
        if role in by_role:
            return by_role[role]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COLUMN_NAME:
                return c.name
            if column == self.COLUMN_STATE:
                return self.state_text(c.state)
            return format_duration(c.in_state(self._elapsed))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COLUMN_TIME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def refresh(self, elapsed: float) -> None:
        self._elapsed = elapsed
        rows = list(self._board.clerks)
        if [c.user_id for c in rows] != [c.user_id for c in self._rows]:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
            return
        self._rows = rows
        if rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, 2))

    def tick(self, elapsed: float) -> None:
        self._elapsed = elapsed
        if self._rows:
            column = self.COLUMN_TIME
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))


class SupervisorModel(QObject):
    """Owns the board and both table models; `apply` on every snapshot, `tick` every second.

    The clocks are injectable so tests can step time instead of waiting for it.
    """

    changed = Signal()  # a snapshot arrived
    samplesChanged = Signal()  # Qt naming: the chart has a new sample

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        super().__init__(parent)
        self._monotonic = monotonic
        self._wall_clock = wall_clock
        self.board = SupervisorBoard()
        self.queues = QueueFiguresModel(self.board, self)
        self.clerks = ClerksModel(self.board, self)

    @property
    def history_length(self) -> int:
        return len(self.board.history)

    def now(self) -> float:
        return self._monotonic()

    def apply(self, snapshot: SupervisorSnapshot) -> None:
        now = self._monotonic()
        self.board.apply(snapshot, now=now, wall_now=self._wall_clock())
        self.queues.refresh(0.0)
        self.clerks.refresh(0.0)
        self.changed.emit()
        self.samplesChanged.emit()

    def tick(self) -> None:
        now = self._monotonic()
        if self.board.received_at is None:
            return
        self.board.tick(now)
        elapsed = self.board.elapsed(now)
        self.queues.tick(elapsed)
        self.clerks.tick(elapsed)
        self.samplesChanged.emit()

"""Qt item models of the supervisor view, fed by `SupervisorBoard` (figures.py)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from fractions import Fraction
from typing import Any, ClassVar

from PySide6.QtCore import QObject, Qt, Signal

from clerk_app.percent import rounded_percent
from clerk_app.qt_models import USER_ROLE as ROLE
from clerk_app.qt_models import RecordTableModel
from clerk_app.shell.i18n import local_text
from clerk_app.supervisor.figures import (
    ClerkFigures,
    QueueFigures,
    SupervisorBoard,
    format_duration,
)
from videoclerk_protocol.messages import SupervisorSnapshot

ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)  # numbers


class QueueFiguresModel(RecordTableModel[QueueFigures]):
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
    role_names: ClassVar[dict[int, bytes]] = {
        QueueIdRole: b"queueId",
        NameRole: b"name",
        WaitingRole: b"waiting",
        LongestWaitRole: b"longestWaitSeconds",
        AnsweredRole: b"answered",
        AbandonedRole: b"abandoned",
        WithinTargetRole: b"answeredWithinTarget",
        TargetSecondsRole: b"targetSeconds",
        ServiceLevelRole: b"serviceLevel",
        FiguresRole: b"figures",
    }

    COLUMN_NAME, COLUMN_WAITING, COLUMN_LONGEST, COLUMN_ANSWERED, COLUMN_ABANDONED, COLUMN_LEVEL = (
        range(6)
    )

    def __init__(self, board: SupervisorBoard, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._board = board
        self._elapsed = 0.0

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Queue"),
            self.tr("Waiting"),
            self.tr("Longest wait"),
            self.tr("Answered"),
            self.tr("Abandoned"),
            self.tr("Service level"),
        )

    def record_id(self, record: QueueFigures) -> str:
        return record.queue_id

    def figures(self, row: int) -> QueueFigures:
        return self.record(row)

    def value(self, record: QueueFigures, role: int) -> Any:
        return {
            self.QueueIdRole: record.queue_id,
            self.NameRole: local_text(record.names),
            self.WaitingRole: record.waiting,
            self.LongestWaitRole: record.longest_wait(self._elapsed),
            self.AnsweredRole: record.answered,
            self.AbandonedRole: record.abandoned,
            self.WithinTargetRole: record.answered_within_target,
            self.TargetSecondsRole: record.target_seconds,
            self.ServiceLevelRole: _as_float(record.service_level),
            self.FiguresRole: record,
        }.get(role)

    def cell(self, record: QueueFigures, column: int) -> str:
        if column == self.COLUMN_NAME:
            return local_text(record.names)
        if column == self.COLUMN_WAITING:
            return str(record.waiting)
        if column == self.COLUMN_LONGEST:
            return format_duration(record.longest_wait(self._elapsed)) if record.waiting else "–"
        if column == self.COLUMN_ANSWERED:
            return str(record.answered)
        if column == self.COLUMN_ABANDONED:
            return str(record.abandoned)
        return self.service_level_text(record)

    def cell_value(self, record: QueueFigures, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.COLUMN_NAME:
            return ALIGN_RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COLUMN_LEVEL:
            return self.tr(
                "{within} of {offered} calls answered within {target} s "
                "(abandoned calls count as missed)"
            ).format(
                within=record.answered_within_target,
                offered=record.answered + record.abandoned,
                target=record.target_seconds,
            )
        return None

    def service_level_text(self, q: QueueFigures) -> str:
        share = q.service_level
        if share is None:
            return self.tr("no calls yet")
        return self.tr("{percent}% within {target} s").format(
            percent=rounded_percent(share), target=q.target_seconds
        )

    def refresh(self, elapsed: float) -> None:
        """Take the board's queues (after a snapshot) and the seconds since it arrived."""
        self._elapsed = elapsed
        self.update_records(self._board.queues)

    def tick(self, elapsed: float) -> None:
        self._elapsed = elapsed
        self.column_changed(self.COLUMN_LONGEST)


def _as_float(share: Fraction | None) -> float | None:
    """Qt roles carry plain numbers."""
    return None if share is None else float(share)


class ClerksModel(RecordTableModel[ClerkFigures]):
    """One row per clerk: name, state and time in that state (ticking)."""

    UserIdRole = ROLE + 1
    NameRole = ROLE + 2
    StateRole = ROLE + 3  # available, in_call, wrap_up, away, offline
    SinceRole = ROLE + 4  # the server's ISO timestamp
    SecondsInStateRole = ROLE + 5
    FiguresRole = ROLE + 6
    role_names: ClassVar[dict[int, bytes]] = {
        UserIdRole: b"userId",
        NameRole: b"name",
        StateRole: b"state",
        SinceRole: b"since",
        SecondsInStateRole: b"secondsInState",
        FiguresRole: b"figures",
    }

    COLUMN_NAME, COLUMN_STATE, COLUMN_TIME = range(3)

    def __init__(self, board: SupervisorBoard, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._board = board
        self._elapsed = 0.0

    def headers(self) -> Sequence[str]:
        return (self.tr("Clerk"), self.tr("State"), self.tr("Time in state"))

    def state_text(self, state: str) -> str:
        names = {
            "available": self.tr("Available"),
            "in_call": self.tr("In a call"),
            "wrap_up": self.tr("Wrapping up"),
            "away": self.tr("Away"),
            "offline": self.tr("Offline"),
        }
        return names.get(state, state)

    def record_id(self, record: ClerkFigures) -> str:
        return record.user_id

    def figures(self, row: int) -> ClerkFigures:
        return self.record(row)

    def value(self, record: ClerkFigures, role: int) -> Any:
        return {
            self.UserIdRole: record.user_id,
            self.NameRole: record.name,
            self.StateRole: record.state,
            self.SinceRole: record.since,
            self.SecondsInStateRole: record.in_state(self._elapsed),
            self.FiguresRole: record,
        }.get(role)

    def cell(self, record: ClerkFigures, column: int) -> str:
        if column == self.COLUMN_NAME:
            return record.name
        if column == self.COLUMN_STATE:
            return self.state_text(record.state)
        return format_duration(record.in_state(self._elapsed))

    def cell_value(self, record: ClerkFigures, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COLUMN_TIME:
            return ALIGN_RIGHT
        return None

    def refresh(self, elapsed: float) -> None:
        self._elapsed = elapsed
        self.update_records(self._board.clerks)

    def tick(self, elapsed: float) -> None:
        self._elapsed = elapsed
        self.column_changed(self.COLUMN_TIME)


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

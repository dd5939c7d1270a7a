"""The supervisor's panel: offers waiting for approval, queues, clerks and the waiting chart,
live over the clerk socket; and the visitors' daily rating.

Figures arrive as `supervisor` messages and approval requests as `approvals` messages through
the ClerkDesk, and a one-second timer only moves the clocks and the chart along. A supervisor's
decision on an offer is a request, and so is the ratings figure, read every few minutes.
"""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Callable
from itertools import pairwise

from PySide6.QtCore import QAbstractItemModel, QEvent, QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clerk_app.offers.service import OfferBackend
from clerk_app.percent import rounded_percent
from clerk_app.qt_models import read_only_table
from clerk_app.queue.connection import LinkState
from clerk_app.queue.desk import ClerkDesk
from clerk_app.supervisor.approvals import ApprovalsBox
from clerk_app.supervisor.figures import (
    MOST_INTERVALS,
    Sample,
    Ticks,
    format_duration,
    nice_ticks,
)
from clerk_app.supervisor.models import SupervisorModel
from clerk_app.supervisor.rating_view import RatingsLabel, RatingsModel
from clerk_app.supervisor.ratings import RatingsBackend

TICK_MS = 1000


class WaitingChart(QWidget):
    """Waiting visitors over the last hour: a step line with the area under it shaded, on a
    value axis with round ticks (`nice_ticks`), in the palette's colours.

    Drawn with QPainter, not QtCharts: Qt Charts is offered under GPL-3.0-only (not the LGPL),
    and the desktop bundle ships no GPL code (docs/licences.md).
    """

    def __init__(self, model: SupervisorModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        model.samplesChanged.connect(self.update)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Waiting visitors, last hour"))
        self.setToolTip(self.tr("Waiting visitors over the last hour"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(480, 160)

    def visible_samples(self) -> list[Sample]:
        return self._model.board.history.samples(self._model.now())

    def plot_height(self) -> float:
        """The plot's height: the widget's, less a line of labels below and half of one above."""
        return max(1.0, self.height() - 2 * self.fontMetrics().height() - 10)

    def axis(self) -> Ticks:
        """The value axis for what is shown now: round ticks up to the hour's peak, no closer
        together than one and a half lines of text, so that their labels never overlap."""
        room = int(self.plot_height() / (1.5 * self.fontMetrics().height()))
        most = min(MOST_INTERVALS, max(1, room))
        return nice_ticks(self._model.board.history.peak(self._model.now()), most)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        grid_colour = QColor(text_colour)
        grid_colour.setAlpha(50)
        line_colour = palette.color(QPalette.ColorRole.Highlight)
        fill_colour = QColor(line_colour)
        fill_colour.setAlpha(70)
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))

        metrics = painter.fontMetrics()
        now = self._model.now()
        window = self._model.board.history.window
        samples = self._model.board.history.samples(now)
        ticks = self.axis()
        top = ticks.top
        left_margin = metrics.horizontalAdvance(str(top)) + 10
        plot = QRectF(
            left_margin,
            metrics.height() / 2 + 4,
            max(1.0, self.width() - left_margin - 10),
            self.plot_height(),
        )

        painter.setPen(QPen(grid_colour, 1))
        for value in ticks.values:
            y = plot.bottom() - plot.height() * value / top
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(0, y - metrics.height() / 2, left_margin - 6, metrics.height()),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                str(value),
            )
            painter.setPen(QPen(grid_colour, 1))
        label_top = plot.bottom() + 4
        for fraction, label in (
            (0.0, self.tr("−60 min")),
            (0.5, self.tr("−30 min")),
            (1.0, self.tr("now")),
        ):
            x = plot.left() + plot.width() * fraction
            width = metrics.horizontalAdvance(label) + 4
            painter.setPen(text_colour)
            anchor = min(max(x - width / 2, plot.left()), plot.right() - width)
            painter.drawText(
                QRectF(anchor, label_top, width, metrics.height()),
                int(Qt.AlignmentFlag.AlignCenter),
                label,
            )

        if not samples:
            painter.setPen(text_colour)
            painter.drawText(plot, int(Qt.AlignmentFlag.AlignCenter), self.tr("No figures yet"))
            return

        def point(at: float, waiting: int) -> QPointF:
            fraction = (at - (now - window)) / window
            x = plot.left() + plot.width() * min(1.0, max(0.0, fraction))
            return QPointF(x, plot.bottom() - plot.height() * waiting / top)

        line = QPainterPath(point(samples[0].at, samples[0].waiting))
        for previous, sample in pairwise(samples):
            line.lineTo(point(sample.at, previous.waiting))
            line.lineTo(point(sample.at, sample.waiting))
        line.lineTo(point(now, samples[-1].waiting))
        area = QPainterPath(line)
        area.lineTo(point(now, 0))
        area.lineTo(point(samples[0].at, 0))
        area.closeSubpath()
        painter.fillPath(area, fill_colour)
        painter.setPen(QPen(line_colour, 2))
        painter.drawPath(line)


class SupervisorPanel(QWidget):
    """Offers to approve, per queue the live figures, every clerk's state, the waiting chart."""

    def __init__(
        self,
        desk: ClerkDesk,
        offers: OfferBackend | None = None,
        ratings: RatingsBackend | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        # The visitors' daily rating, a figure of its own read over REST (rating_view.py).
        self.ratings = RatingsLabel(RatingsModel(ratings, self), self) if ratings else None
        self.model = SupervisorModel(self)
        self.approvals = ApprovalsBox(offers, self)
        self.approvals.setObjectName("supervisorApprovals")

        self.status = QLabel(self)
        self.status.setObjectName("supervisorStatus")
        self.summary = QLabel(self)
        self.summary.setObjectName("supervisorSummary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.queue_view = _table(self, self.model.queues)
        self.queue_view.setObjectName("supervisorQueues")
        self.clerk_view = _table(self, self.model.clerks)
        self.clerk_view.setObjectName("supervisorClerks")
        self.chart = WaitingChart(self.model, self)
        self.chart.setObjectName("supervisorChart")
        self.queues_title = QLabel(self)
        self.clerks_title = QLabel(self)
        self.chart_title = QLabel(self)
        for title in (self.queues_title, self.clerks_title, self.chart_title):
            font = title.font()
            font.setBold(True)
            title.setFont(font)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.approvals)
        for title, body in (
            (self.queues_title, self.queue_view),
            (self.clerks_title, self.clerk_view),
            (self.chart_title, self.chart),
        ):
            box = QWidget(splitter)
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            box_layout.addWidget(title)
            box_layout.addWidget(body)
            splitter.addWidget(box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.summary)
        if self.ratings is not None:
            layout.addWidget(self.ratings)
            self.ratings.start()
        layout.addWidget(splitter, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.model.tick)
        self.model.changed.connect(self._show_status)
        self.model.changed.connect(self._show_summary)
        self.model.samplesChanged.connect(self._show_summary)

        self._listening = True
        self._listener = _weak_listener(self)
        desk.add_listener(self._listener)
        self.destroyed.connect(self._stop_listening_cb(desk, self._listener))
        self.retranslate()
        if desk.state.supervisor is not None:  # the first snapshot came before the panel
            self.model.apply(desk.state.supervisor)
        if desk.state.approvals is not None:
            self.approvals.apply(desk.state.approvals)
        self._show_status()
        self._show_summary()
        self.timer.start()

    # ---- desk events (delivered on the event loop's thread) -------------------------------------

    def on_desk_change(self, what: str) -> None:
        if not self._listening:
            return
        if what == "supervisor" and self.desk.state.supervisor is not None:
            self.model.apply(self.desk.state.supervisor)
        elif what == "approvals" and self.desk.state.approvals is not None:
            self.approvals.apply(self.desk.state.approvals)
        elif what == "link":
            self._show_status()

    def stop(self) -> None:
        """Stop ticking and listening (the shell calls this when the session ends)."""
        self._listening = False
        self.timer.stop()
        self.approvals.stop()
        if self.ratings is not None:
            self.ratings.stop()
        remove = getattr(self.desk, "remove_listener", None)
        if callable(remove):
            remove(self._listener)

    @staticmethod
    def _stop_listening_cb(desk: ClerkDesk, listener: Callable[[str], None]) -> Callable[[], None]:
        def stop() -> None:
            remove = getattr(desk, "remove_listener", None)
            if callable(remove):
                remove(listener)

        return stop

    # ---- text ----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.queues_title.setText(self.tr("Queues today"))
        self.clerks_title.setText(self.tr("Clerks"))
        self.chart_title.setText(self.tr("Waiting visitors, last hour"))
        self.queue_view.setAccessibleName(self.tr("Queue figures"))
        self.clerk_view.setAccessibleName(self.tr("Clerk states"))
        self._show_status()
        self._show_summary()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_status(self) -> None:
        link = self.desk.state.link
        if link is LinkState.RECONNECTING:
            text = self.tr("Connection lost; reconnecting… The figures shown may be out of date.")
        elif link is LinkState.CLOSED and self.model.board.snapshots:
            text = self.tr("Not connected. The figures shown are out of date.")
        elif not self.model.board.snapshots:
            text = self.tr("Waiting for the first figures from the server…")
        else:
            text = self.tr("Live")
        self.status.setText(text)

    def _show_summary(self) -> None:
        if not self.model.board.snapshots:
            self.summary.setText("")
            return
        board = self.model.board
        totals = board.totals()
        longest = max(
            (q.longest_wait(board.elapsed(self.model.now())) for q in board.queues), default=0
        )
        share = totals.service_level
        level = (
            self.tr("{percent}% answered within target").format(percent=rounded_percent(share))
            if share is not None
            else self.tr("no calls yet")
        )
        self.summary.setText(
            self.tr(
                "Waiting now: {waiting} (longest {longest}) · answered today: {answered} · "
                "abandoned: {abandoned} · {level}"
            ).format(
                waiting=totals.waiting,
                longest=format_duration(longest),
                answered=totals.answered,
                abandoned=totals.abandoned,
                level=level,
            )
        )


def _weak_listener(panel: SupervisorPanel) -> Callable[[str], None]:
    """A desk listener that does not keep the panel alive and goes quiet once it is gone."""
    ref = weakref.ref(panel)

    def listener(what: str) -> None:
        target = ref()
        if target is None:
            return
        with contextlib.suppress(RuntimeError):  # the Qt side went before Python's wrapper
            target.on_desk_change(what)

    return listener


def _table(parent: QWidget, model: QAbstractItemModel) -> QTableView:
    view = read_only_table(parent, model)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the name takes the room
    header.setStretchLastSection(False)
    return view

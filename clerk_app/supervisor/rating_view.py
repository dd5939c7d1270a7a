"""The supervisor's ratings figure: today's mean rating and the last week's, in one line.

A small label of its own beside the other figures (not in the chart). It reads from the
Qt-free `RatingsBackend` through `RatingsModel`, and never calls the network itself.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from clerk_app.shell.tasks import Tasks
from clerk_app.supervisor.ratings import DAYS, DayRating, RatingsBackend, over_days

REFRESH_MS = 5 * 60 * 1000  # ratings trickle in after calls; minutes old is fresh enough


class RatingsModel(QObject):
    """The last days' ratings as the server last told them; `changed` when they arrive."""

    changed = Signal()

    def __init__(self, backend: RatingsBackend, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.days: list[DayRating] = []
        self.failed = False
        self.tasks = Tasks(on_error=self._failed)

    def refresh(self) -> None:
        if not self.tasks.busy:
            self.tasks.run(self._load())

    async def _load(self) -> None:
        self.days = await self.backend.daily(days=DAYS)
        self.failed = False
        self.changed.emit()

    def _failed(self, _: BaseException) -> None:
        self.failed = True
        self.changed.emit()

    def stop(self) -> None:
        self.tasks.cancel()

    @property
    def today(self) -> DayRating | None:
        return self.days[-1] if self.days else None

    @property
    def week(self) -> DayRating | None:
        return over_days(self.days)


class RatingsLabel(QLabel):
    """One line, e.g. "Visitors' rating today: 4.5 of 5 (ratings: 2) · last 7 days: 4.2 of 5
    (ratings: 10)"; no ratings on a day read "no ratings"."""

    def __init__(self, model: RatingsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setObjectName("supervisorRatings")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(model.refresh)
        model.changed.connect(self.retranslate)
        self.retranslate()

    def start(self) -> None:
        self.model.refresh()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.model.stop()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _average(self, day: DayRating | None) -> str:
        if day is None or day.average is None:
            return self.tr("no ratings")
        score = QLocale().toString(day.average, "f", 1)
        return self.tr("%1 of 5 (ratings: %n)", "", day.ratings).replace("%1", score)

    def retranslate(self) -> None:
        if self.model.failed and not self.model.days:
            self.setText(self.tr("Visitors' ratings could not be loaded."))
            return
        if not self.model.days:
            self.setText(self.tr("Visitors' ratings: loading…"))
            return
        self.setText(
            self.tr("Visitors' rating today: %1 · last %2 days: %3")
            .replace("%1", self._average(self.model.today))
            .replace("%2", str(len(self.model.days)))
            .replace("%3", self._average(self.model.week))
        )

"""The supervisor's waiting chart: it draws the hour's samples on a value axis with round
ticks (figures.nice_ticks), in the light and the dark palette. No server: a model fed
snapshots on a clock the test moves."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clerk_app.shell.theme import DARK, LIGHT
from clerk_app.supervisor.figures import nice_ticks
from clerk_app.supervisor.models import SupervisorModel
from clerk_app.supervisor.view import WaitingChart
from videoclerk_protocol.messages import QueueStats, SupervisorSnapshot

# No server, no database: `make test-postgres` leaves these out (tests/conftest.py).
pytestmark = pytest.mark.engine_independent

SCREENSHOTS = os.environ.get("VIDEOCLERK_SCREENSHOTS")  # a folder: save the docs' picture there
# Waiting visitors, one snapshot every five minutes of the hour: the peak is 7.
WAITING = (0, 1, 3, 2, 4, 7, 5, 3, 6, 2, 1, 0, 2)


def snapshot(waiting: int) -> SupervisorSnapshot:
    return SupervisorSnapshot(
        queues=[
            QueueStats(
                queue_id="que_sales",
                name={"en": "Sales", "nl": "Verkoop"},
                waiting=waiting,
                longest_wait_seconds=30 if waiting else 0,
                answered=10,
                abandoned=1,
                answered_within_target=8,
                target_seconds=20,
            )
        ],
        clerks=[],
    )


def chart_after_an_hour(qtbot: QtBot, palette: QPalette) -> WaitingChart:
    clock = {"now": 1000.0}
    model = SupervisorModel(
        monotonic=lambda: clock["now"], wall_clock=lambda: datetime(2025, 3, 4, 12, tzinfo=UTC)
    )
    for waiting in WAITING:
        model.apply(snapshot(waiting))
        clock["now"] += 300
    clock["now"] -= 300  # now is the last snapshot
    chart = WaitingChart(model)
    chart.setPalette(palette)
    chart.resize(520, 180)
    qtbot.addWidget(chart)
    return chart


def image_of(chart: WaitingChart) -> QImage:
    return chart.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def colours_in(image: QImage) -> set[int]:
    return {image.pixel(x, y) for x in range(image.width()) for y in range(image.height())}


@pytest.mark.parametrize("palette", [LIGHT.palette(), DARK.palette()], ids=["light", "dark"])
def test_the_chart_draws_the_hours_samples_on_round_ticks(
    qapp: QApplication, qtbot: QtBot, palette: QPalette
) -> None:
    chart = chart_after_an_hour(qtbot, palette)
    samples = chart.visible_samples()
    assert [s.waiting for s in samples] == list(WAITING)  # every snapshot is a point
    axis = chart.axis()
    assert axis == nice_ticks(7)
    assert axis.values == (0, 2, 4, 6, 8)  # not 0, 5, 10 as the old scale had it
    image = image_of(chart)
    colours = colours_in(image)
    line = palette.color(QPalette.ColorRole.Highlight).rgb()
    assert line in colours  # the data are drawn, in the palette's colour
    assert palette.color(QPalette.ColorRole.Base).rgb() in colours


def test_a_low_chart_has_fewer_ticks_so_that_their_labels_do_not_overlap(
    qapp: QApplication, qtbot: QtBot
) -> None:
    chart = chart_after_an_hour(qtbot, LIGHT.palette())
    chart.resize(520, chart.minimumHeight())
    axis = chart.axis()
    assert axis.values[-1] >= 7 and len(axis.values) < 5
    assert axis == nice_ticks(7, len(axis.values) - 1)
    spacing = chart.plot_height() / (len(axis.values) - 1)
    assert spacing >= chart.fontMetrics().height()


def test_an_empty_chart_has_an_axis_and_says_there_are_no_figures(
    qapp: QApplication, qtbot: QtBot
) -> None:
    chart = WaitingChart(SupervisorModel(monotonic=lambda: 5.0))
    qtbot.addWidget(chart)
    assert chart.visible_samples() == []
    assert chart.axis().values == (0, 1)


@pytest.mark.skipif(not SCREENSHOTS, reason="set VIDEOCLERK_SCREENSHOTS to a folder")
def test_screenshot_of_the_chart_in_both_themes(qapp: QApplication, qtbot: QtBot) -> None:
    images = [image_of(chart_after_an_hour(qtbot, p)) for p in (LIGHT.palette(), DARK.palette())]
    gap = 12
    width = sum(i.width() for i in images) + gap
    both = QImage(width, max(i.height() for i in images), QImage.Format.Format_RGB32)
    both.fill(QColor("#888888"))
    painter = QPainter(both)
    painter.drawImage(0, 0, images[0])
    painter.drawImage(images[0].width() + gap, 0, images[1])
    painter.end()
    assert both.save(str(Path(str(SCREENSHOTS)) / "supervisor-chart.png"))

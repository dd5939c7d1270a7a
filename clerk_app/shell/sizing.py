"""Windows that fit small screens: sizes bounded by the screen, and columns that scroll up and
down rather than squash or cut off what they hold."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

DIALOG_MINIMUM_HEIGHT = 360
"""A dialog whose content scrolls still shows a few rows and its buttons at this height."""


def fit_to_screen(window: QWidget, wanted: QSize) -> None:
    """Resize to `wanted`, but no larger than the screen's free area (a 1280x720 screen at
    125 % leaves about 1024x540)."""
    screen = window.screen()
    free = screen.availableGeometry().size() if screen is not None else wanted
    window.resize(wanted.boundedTo(free).expandedTo(window.minimumSize()))


def vertical_scroll(content: QWidget, parent: QWidget) -> QScrollArea:
    """`content` in a frameless area that scrolls vertically and is as wide as the content
    needs; should the content grow wider later, a horizontal scroll bar rather than a cut."""
    area = QScrollArea(parent)
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    keep_width(area)
    return area


def keep_width(area: QScrollArea) -> None:
    """Call again when the content's minimum width changed, so that it fits without a
    horizontal scroll bar."""
    content = area.widget()
    if content is not None:
        scroll_bar = area.verticalScrollBar().sizeHint().width()
        area.setMinimumWidth(content.minimumSizeHint().width() + scroll_bar)

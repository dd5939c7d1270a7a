"""The clerk's offer panel and the supervisor's approvals, driven as people do: by keyboard and
real widgets. Shared by tests/test_app_offer.py and tests/test_offer_end_to_end.py."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from clerk_app.offers.model import OfferLinesModel, OfferModel
from clerk_app.offers.service import OfferService
from clerk_app.offers.view import OfferPanel
from clerk_app.queue.desk import ClerkDesk
from clerk_app.supervisor.view import SupervisorPanel
from tests.media_fixtures import eventually


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def typing_into() -> QWidget:
    """The widget that has the keyboard focus: where the next key goes."""
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def gross_text(panel: OfferPanel) -> str:
    """The offer's total as the clerk's panel lays it out. Read from the layout, not from the
    panel's children: replaced labels stay children until Qt deletes them (`deleteLater`),
    which may come after a check that runs in the same turn of the loop."""
    for index in range(panel.totals.count()):
        item = panel.totals.itemAt(index)
        label = item.widget() if item is not None else None
        if isinstance(label, QLabel) and label.objectName() == "offerGross":
            return label.text()
    return ""


async def add_first_hit(window: QWidget, panel: OfferPanel, model: OfferModel, typed: str) -> None:
    """Ctrl+K, type, Enter: the one product found becomes a line, priced by the server."""
    QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert focused() is panel.search_edit
    QTest.keyClicks(panel.search_edit, typed)
    await eventually(lambda: model.results.rowCount() == 1, f"{typed!r} found")
    QTest.keyClick(panel.search_edit, Qt.Key.Key_Return)
    await eventually(
        lambda: (
            model.lines.rowCount() == 1
            and bool(model.lines.index(0, 0).data(OfferLinesModel.PricedRole))
        ),
        "priced by the server",
    )


async def next_option_quantity_discount(
    panel: OfferPanel, *, option: str, quantity: str, percent: str
) -> None:
    """On the selected line: the next choice of `option`, then Tab to the quantity and the
    line's discount, typed as a clerk would."""
    await eventually(lambda: panel.option_combos[option].isVisible(), f"the {option} choice")
    panel.option_combos[option].setFocus()
    QTest.keyClick(typing_into(), Qt.Key.Key_Down)
    QTest.keyClick(typing_into(), Qt.Key.Key_Tab)
    QTest.keyClick(typing_into(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(typing_into(), quantity)
    QTest.keyClick(typing_into(), Qt.Key.Key_Tab)
    assert focused() is panel.line_discount.value_edit
    QTest.keyClicks(typing_into(), percent)


@asynccontextmanager
async def supervisor_panel(desk: ClerkDesk, offers: OfferService) -> AsyncIterator[SupervisorPanel]:
    """A supervisor's panel (real widgets) on their own socket, for the time of the block."""
    await desk.start()
    panel = SupervisorPanel(desk, offers)
    try:
        yield panel
    finally:
        panel.stop()
        panel.deleteLater()


async def approve_the_request(panel: SupervisorPanel, note: str) -> None:
    """Approve the one request listed, with a note, as the supervisor clicks it."""
    approvals = panel.approvals
    approvals.note_edit.setText(note)
    assert approvals.approve_button.isEnabled()
    approvals.approve_button.click()
    await eventually(lambda: approvals.model.rowCount() == 0, "the request gone")
    await eventually(lambda: "Approved" in approvals.result_label.text(), "approved")

"""The offer panel driven by the keyboard alone (QTest key events on real widgets), with the
offer service faked at its boundary (tests/offer_fakes.py): search as you type, Enter adds,
Tab walks options, quantity and discounts, Delete removes, every change saved debounced on the
latest revision, a revision conflict reloaded and reapplied, the visitor's reply shown."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator

import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from clerk_app.offers.model import OfferLinesModel, OfferModel
from clerk_app.offers.view import OfferPanel
from tests.media_fixtures import eventually
from tests.offer_fakes import FakeOffers
from tests.qt_fixtures import qt_loop_fixture, run
from videoclerk_protocol.messages import OfferReplyToClerk, OfferShown

# No server, no database: `make test-postgres` leaves these out (tests/conftest.py).
pytestmark = pytest.mark.engine_independent

__all__ = ["qt_loop_fixture"]


@pytest.fixture
def panel(qapp: QApplication, qt_loop: qasync.QEventLoop) -> Iterator[OfferPanel]:
    panel = OfferPanel()
    panel.resize(520, 760)
    panel.show()
    panel.activateWindow()
    yield panel
    panel.deleteLater()


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def test_a_whole_offer_by_keyboard(panel: OfferPanel, qt_loop: qasync.QEventLoop) -> None:
    offers = FakeOffers()
    model = OfferModel(offers)
    panel.bind(model)

    async def scenario() -> None:
        model.open("call-1")
        await eventually(lambda: model.view is not None and panel.isEnabled(), "opened")
        assert "revision 1" in panel.status_label.text()

        # Ctrl+K goes to the search; typing searches; Enter adds the first hit.
        QTest.keyClick(panel, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
        assert focused() is panel.search_edit
        QTest.keyClicks(panel.search_edit, "lamp")
        await eventually(lambda: model.results.rowCount() == 1, "the lamp found")
        assert offers.searches == ["lamp"]  # debounced: one search for four keys
        QTest.keyClick(panel.search_edit, Qt.Key.Key_Return)
        assert model.lines.rowCount() == 1
        assert panel.search_edit.text() == ""
        await eventually(lambda: model.view is not None and model.view.revision == 2, "saved")
        assert offers.saves[-1]["lines"][0]["options"] == {"colour": "black"}
        assert offers.saves[-1]["base_revision"] == 1
        assert panel.totals_widget.findChild(QWidget, "offerGross").text() == "€49.99"

        # F6 also reaches the search; Down picks the second hit.
        QTest.keyClick(panel, Qt.Key.Key_F6)
        assert focused() is panel.search_edit
        QTest.keyClicks(panel.search_edit, "e")  # matches both products
        await eventually(lambda: model.results.rowCount() == 2, "two hits")
        QTest.keyClick(panel.search_edit, Qt.Key.Key_Down)
        QTest.keyClick(panel.search_edit, Qt.Key.Key_Enter)
        assert [r.draft.product_id for r in model.lines.records] == ["prd_lamp", "prd_chair"]
        await eventually(lambda: not model.editor.saving, "chair saved")

        # Tab walks the selected line: lines table, colour, quantity, discount, kind.
        panel.lines_view.setCurrentIndex(model.lines.index(0, 0))
        panel.lines_view.setFocus()
        await eventually(lambda: panel.option_combos["colour"].isVisible(), "the colour combo")
        QTest.keyClick(focused(), Qt.Key.Key_Tab)
        assert focused() is panel.option_combos["colour"]
        QTest.keyClick(focused(), Qt.Key.Key_Down)  # brass, +€15.00
        QTest.keyClick(focused(), Qt.Key.Key_Tab)
        assert (
            focused() is panel.quantity_spin.findChild(QWidget) or focused() is panel.quantity_spin
        )
        QTest.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(focused(), "3")
        QTest.keyClick(focused(), Qt.Key.Key_Tab)
        assert focused() is panel.line_discount.value_edit
        QTest.keyClicks(focused(), "10")
        QTest.keyClick(focused(), Qt.Key.Key_Tab)
        assert focused() is panel.line_discount.kind_combo
        QTest.keyClick(focused(), Qt.Key.Key_Tab)
        assert focused() is panel.total_discount.value_edit
        QTest.keyClicks(focused(), "5,00")
        QTest.keyClick(focused(), Qt.Key.Key_Tab)
        QTest.keyClick(focused(), Qt.Key.Key_Down)  # the total discount is an amount in EUR
        QTest.keyClick(focused(), Qt.Key.Key_Tab)
        assert focused() is panel.note_edit
        QTest.keyClicks(focused(), "Delivery included.")
        saves_before = len(offers.saves)
        await eventually(lambda: not model.editor.saving, "all saved")
        # Many keys, few saves: each pause in typing saves once.
        assert len(offers.saves) - saves_before <= 2
        body = offers.saves[-1]
        assert body["lines"][0] == {
            "product_id": "prd_lamp",
            "options": {"colour": "brass"},
            "quantity": 3,
            "discount": {"kind": "percent", "value": "10"},
        }
        assert body["total_discount"] == {"kind": "amount", "value": "500"}
        assert body["note"] == "Delivery included."
        assert model.lines.index(0, 0).data(OfferLinesModel.GrossRole) == 19497 - 1950 - 500
        assert model.lines.index(0, 0).data(OfferLinesModel.PricedRole) is True
        assert panel.totals_widget.findChild(QWidget, "offerGross").text() == "€369.47"

        # Delete removes the selected line.
        panel.lines_view.setFocus()
        panel.lines_view.setCurrentIndex(model.lines.index(1, 0))
        QTest.keyClick(panel.lines_view, Qt.Key.Key_Delete)
        assert [r.draft.product_id for r in model.lines.records] == ["prd_lamp"]

        # A revision made elsewhere: the save is refused, reloaded and applied again.
        offers.conflicts = 1
        await eventually(lambda: not model.editor.saving, "saved after the conflict")
        assert offers.saves[-1]["base_revision"] == offers.saves[-2]["base_revision"] + 1
        assert [line["product_id"] for line in offers.saves[-1]["lines"]] == ["prd_lamp"]
        assert model.view is not None and len(model.view.lines) == 1
        assert panel.error_label.isHidden()

        # The visitor's reply, with a warning when it looks like contact data.
        view = model.view
        model.on_message(
            OfferReplyToClerk(
                offer_id=view.offer_id,
                revision=view.revision,
                answer="decline",
                reason="too_expensive",
                message="call me at 0612345678",
                contact_warning=True,
            )
        )
        model.on_message(OfferShown(offer=view.model_copy(update={"status": "declined"})))
        assert "0612345678" in panel.reply_label.text()
        assert panel.contact_warning.isVisible()
        assert panel.status_label.text() == "Declined by the visitor: too expensive"
        panel.clear()
        assert panel.reply_label.text() == ""
        await model.close()

    run(qt_loop, scenario())


def test_an_accepted_offer_cannot_change(panel: OfferPanel, qt_loop: qasync.QEventLoop) -> None:
    offers = FakeOffers()
    model = OfferModel(offers)
    panel.bind(model)

    async def scenario() -> None:
        model.open("call-1")
        await eventually(lambda: model.view is not None, "opened")
        assert model.view is not None
        accepted = model.view.model_copy(update={"status": "accepted", "reference": "OF-7K2M9QXA"})
        model.on_message(OfferShown(offer=accepted))
        assert panel.status_label.text() == "Accepted – reference OF-7K2M9QXA"
        assert not panel.search_edit.isEnabled()
        QTest.keyClick(panel.search_edit, Qt.Key.Key_Return)
        model.set_note("too late")
        assert model.draft.note == ""
        assert offers.saves == []
        await model.close()

    run(qt_loop, scenario())

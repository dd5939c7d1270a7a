"""The clerk's offer panel and the supervisor's approvals against the real server.

A clerk takes a call in the Qt app (real media from an aiortc visitor on loopback) and builds
an offer with the keyboard alone; the server prices every saved draft. A discount beyond the
clerk's limit waits for a supervisor, whose panel (a real ClerkDesk on the supervisor's
socket) shows the request live and approves it; the visitor's replies reach the clerk's panel,
with a warning when they look like contact data; acceptance shows the reference. An app that
opens the call's offer again (a restart mid-call) gets the same draft back.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


import httpx
import qasync
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from clerk_app.account.service import AccountService
from clerk_app.offers.draft import Draft
from clerk_app.offers.editor import OfferEditor
from clerk_app.offers.model import OfferLinesModel
from clerk_app.offers.service import OfferService
from clerk_app.queue.connection import ClerkConnection
from clerk_app.queue.desk import ClerkDesk
from clerk_app.server_address import ServerAddress
from clerk_app.supervisor.approvals import ApprovalsModel
from tests.accounts_helpers import STRONG_PASSWORD
from tests.catalogue_helpers import COLOURS, create
from tests.live_server import LiveServer
from tests.media_fixtures import eventually, loopback_ice_fixture
from tests.offer_app_helpers import (
    add_first_hit,
    approve_the_request,
    gross_text,
    next_option_quantity_discount,
    supervisor_panel,
)
from tests.qt_fixtures import (
    AppHarness,
    MediaVisitor,
    harness_fixture,
    log_in,
    qt_loop_fixture,
    run,
)
from tests.queue_helpers import call_centre

__all__ = ["harness_fixture", "loopback_ice_fixture", "qt_loop_fixture"]


def test_clerk_builds_an_offer_a_supervisor_approves_the_visitor_accepts(
    server: LiveServer,
    client: httpx.Client,
    harness: AppHarness,
    qt_loop: qasync.QEventLoop,
    loopback_ice: None,
) -> None:
    centre = call_centre(client)
    lamp = create(client, centre.org.admin, sku="LAMP-7", options=[COLOURS])
    create(
        client,
        centre.org.admin,
        sku="CHAIR-9",
        name={"en": "Office chair", "nl": "Stoel"},
        price_minor=19900,
    )
    app, email = harness.for_new_user(client, centre.org, server.url)
    address = ServerAddress.parse(server.url)
    accounts = AccountService(address)
    supervisor_desk = ClerkDesk(ClerkConnection(address, centre.supervisor_token))
    visitors: list[MediaVisitor] = []

    async def scenario() -> None:
        await log_in(app, email, STRONG_PASSWORD)
        window = app.main_window
        assert window is not None
        window.show()
        window.activateWindow()
        page = window.calls_page
        page.presence.available_button.click()
        await eventually(lambda: page.presence.state == "available", "available")
        visitor = await MediaVisitor.waiting(server.url, centre.widget_key, centre.queue_ids[0])
        visitors.append(visitor)
        await eventually(lambda: page.queue_model.rowCount() == 1, "the visitor waiting")
        QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        await eventually(lambda: page.offer_model is not None, "the call taken", within=15)
        model = page.offer_model
        assert model is not None
        panel = page.call_view.offer_panel
        await eventually(lambda: model.view is not None and panel.isEnabled(), "offer opened")
        assert model.view is not None
        offer_id = model.view.offer_id
        call_id = page.desk.call.call_id if page.desk.call else ""

        # Ctrl+K, type, Enter: the lamp with its first colour; the server prices it.
        await add_first_hit(window, panel, model, "lamp")
        await eventually(lambda: gross_text(panel) == "€49.99", "the lamp's price shown")
        row = model.lines.index(0, 0)
        assert row.data(OfferLinesModel.ProductIdRole) == lamp["id"]
        assert row.data(OfferLinesModel.OptionsRole) == {"colour": "black"}
        assert row.data(OfferLinesModel.SkuRole) == "LAMP-7"

        # Brass, two of them, 15 % off: beyond a clerk's 10 %, so a supervisor must approve.
        await next_option_quantity_discount(panel, option="colour", quantity="2", percent="15")
        await eventually(
            lambda: model.view is not None and model.view.status == "awaiting_approval",
            "waiting for approval",
        )
        assert not model.editor.saving
        assert panel.status_label.text() == "Waiting for a supervisor to approve the discount"
        stored = client.get(f"/api/v1/offers/{offer_id}", headers=centre.org.admin).json()
        assert stored["lines"][0]["quantity"] == 2
        assert stored["lines"][0]["options"][0]["choice_code"] == "brass"
        assert stored["lines"][0]["discount"] == {"kind": "percent", "value": "15"}
        assert stored["gross_minor"] == model.view.gross_minor == 11048  # 2 × 64.99 − 15 %
        assert gross_text(panel) == "€110.48"

        # The supervisor's panel gets the request live, and approves it.
        offers = OfferService(accounts, centre.supervisor_token)
        async with supervisor_panel(supervisor_desk, offers) as supervisor:
            approvals = supervisor.approvals
            await eventually(lambda: approvals.model.rowCount() == 1, "the request listed")
            request = approvals.model.index(0, 0)
            assert request.data(ApprovalsModel.OfferIdRole) == offer_id
            assert request.data(ApprovalsModel.CallIdRole) == call_id
            assert request.data(ApprovalsModel.DiscountPercentRole) == "15.00"
            assert approvals.model.index(0, ApprovalsModel.COLUMN_LIMIT).data() == "10 %"
            assert approvals.model.index(0, ApprovalsModel.COLUMN_OFFERED).data() == "€110.48"
            assert "2 × Desk lamp (Brass)" in approvals.lines_label.text()
            await approve_the_request(supervisor, "Fine for this customer.")
        await eventually(lambda: model.view is not None and model.view.status == "open", "approved")
        assert panel.status_label.text().startswith("Open")

        assert app.session is not None
        # A restarted app asks again for the call's offer and edits on the same draft.
        again = OfferEditor(OfferService(accounts, app.session.token))
        reopened = await again.open(call_id=call_id)
        assert reopened.offer_id == offer_id
        assert again.draft == Draft.of(model.view) == model.draft

        # The visitor writes back: the text is shown with a warning, then accepts.
        view = model.view
        await visitor.socket.send(
            {
                "type": "offer_reply",
                "offer_id": offer_id,
                "revision": view.revision,
                "answer": "change",
                "message": "mail me: jan@example.com",
            }
        )
        await eventually(lambda: panel.contact_warning.isVisible(), "contact warning")
        assert "jan@example.com" in panel.reply_label.text()
        await visitor.socket.send(
            {
                "type": "offer_reply",
                "offer_id": offer_id,
                "revision": view.revision,
                "answer": "accept",
            }
        )
        await eventually(
            lambda: model.view is not None and model.view.status == "accepted", "accepted"
        )
        reference = model.view.reference
        assert reference is not None and reference.startswith("OF-")
        assert panel.status_label.text() == f"Accepted – reference {reference}"
        assert not panel.search_edit.isEnabled()

    try:
        run(qt_loop, scenario())
    finally:
        for visitor in visitors:
            run(qt_loop, visitor.close())
        run(qt_loop, supervisor_desk.close())
        run(qt_loop, accounts.close())

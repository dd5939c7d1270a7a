"""A personalised offer end to end: the real server, a visitor in real Chromium (the widget
panel, fake camera and microphone), the clerk and a supervisor in the Qt app (real widgets,
offscreen), and the organisation's webhook receiver on a loopback port.

An admin points the webhooks at a receiver whose first answer is a 500 and makes a product
with options. The clerk takes the visitor's call and builds, by keyboard, an offer whose
discount is beyond the clerk's limit: the visitor is told it is being checked, without an
Accept button, until a supervisor approves it in their panel. The visitor then sees what the
clerk sees and accepts; the clerk sees the reference. The `offer.accepted` event fails once,
survives a restart of the server, and arrives signed on the retry; the visitor's PDF and the
admin's list of attempts tell the same story.

Everything runs on the test's qasync loop (Playwright included, see
tests/test_app_call_browser.py); waits are for events, with generous bounds only against hangs.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import qasync
from playwright.async_api import Locator, expect
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from standardwebhooks import Webhook

from clerk_app.account.service import AccountService
from clerk_app.offers.model import OfferLinesModel
from clerk_app.offers.service import OfferService
from clerk_app.queue.connection import ClerkConnection
from clerk_app.queue.desk import ClerkDesk
from clerk_app.server_address import ServerAddress
from clerk_app.shell.app import ClerkApp
from clerk_app.supervisor.approvals import ApprovalsModel
from tests.accounts_helpers import STRONG_PASSWORD
from tests.browser_call import chromium, loopback_only_stun, visitor_calls, wait_until
from tests.catalogue_helpers import COLOURS, create
from tests.live_server import live_server
from tests.media_fixtures import eventually, loopback_ice_fixture
from tests.offer_app_helpers import (
    add_first_hit,
    approve_the_request,
    gross_text,
    next_option_quantity_discount,
    supervisor_panel,
)
from tests.qt_fixtures import AppHarness, harness_fixture, log_in, qt_loop_fixture, run
from tests.queue_helpers import CallCentre, call_centre
from tests.webhook_helpers import PRIVATE_TARGETS, delivery, point_at, receiver, wait_for_delivery
from videoclerk_protocol.messages import OfferView

__all__ = ["harness_fixture", "loopback_ice_fixture", "qt_loop_fixture"]

PAGE_WAIT_MS = 30_000  # Playwright's own 5 s is short on a loaded machine; only a hang fails


@dataclass
class Accepted:
    """What the clerk's panel showed once the visitor accepted, and the visitor's PDF link."""

    view: OfferView
    clerk_lines: list[dict[str, str]]
    clerk_total: str
    pdf_url: str


def clerk_lines(model: OfferLinesModel) -> list[dict[str, str]]:
    def cell(row: int, column: int) -> str:
        return str(model.index(row, column).data())

    return [
        {
            "name": cell(row, model.COLUMN_PRODUCT),
            "options": cell(row, model.COLUMN_OPTIONS),
            "quantity": cell(row, model.COLUMN_QUANTITY),
            "amount": cell(row, model.COLUMN_TOTAL),
        }
        for row in range(model.rowCount())
    ]


async def visitor_lines(offer: Locator) -> list[dict[str, str]]:
    found = []
    for item in await offer.locator(".offer-line").all():
        found.append(
            {
                "name": await item.locator(".line-name").inner_text(),
                "options": await item.locator(".line-options").inner_text(),
                "detail": await item.locator(".line-detail").inner_text(),
                "amount": await item.locator(".line-amount").inner_text(),
            }
        )
    return found


async def offer_accepted_in_call(
    app: ClerkApp, email: str, centre: CallCentre, server_url: str
) -> Accepted:
    """Steps 2 to 4: the call, the offer, its approval and the visitor's acceptance."""
    await log_in(app, email, STRONG_PASSWORD)
    window = app.main_window
    assert window is not None
    window.show()
    page = window.calls_page
    page.presence.available_button.click()
    await eventually(lambda: page.presence.state == "available", "available")

    async with chromium() as browser:
        tab = await browser.new_page()
        try:
            await visitor_calls(tab, f"{server_url}/w/{centre.widget_key}", queue="Sales")
            await eventually(lambda: page.queue_model.rowCount() == 1, "the visitor in the queue")
            await eventually(lambda: page.queue_panel.take_next_button.isEnabled(), "Take next")
            window.activateWindow()
            QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
            await eventually(lambda: page.offer_model is not None, "the call taken", within=30)
            await wait_until(tab, "document.body.dataset.state === 'in_call'")
            model = page.offer_model
            assert model is not None
            panel = page.call_view.offer_panel
            await eventually(lambda: model.view is not None and panel.isEnabled(), "offer opened")
            assert model.view is not None
            offer_id = model.view.offer_id

            # The clerk, by keyboard: the lamp, in brass, two of them, 15 % off (limit 10 %).
            await add_first_hit(window, panel, model, "lamp")
            await next_option_quantity_discount(panel, option="colour", quantity="2", percent="15")
            await eventually(
                lambda: (
                    model.view is not None
                    and model.view.status == "awaiting_approval"
                    and not model.editor.saving
                ),
                "waiting for approval",
                within=30,
            )
            checked = model.view.revision
            assert gross_text(panel) == "€110.48"  # 2 × (49.99 + 15.00) − 15 %

            # The visitor is told it is being checked, and cannot accept it yet.
            offer = tab.locator("#offer")
            await expect(offer).to_have_attribute(
                "data-revision", str(checked), timeout=PAGE_WAIT_MS
            )
            await expect(offer).to_have_attribute("data-status", "awaiting_approval")
            await expect(tab.locator("#offer-state")).to_contain_text(
                "Your offer is being checked."
            )
            accept = offer.get_by_role("button", name="Accept the offer")
            await expect(accept).to_be_hidden()

            # A supervisor approves in their panel (real widgets, their own socket).
            address = ServerAddress.parse(server_url)
            accounts = AccountService(address)
            desk = ClerkDesk(ClerkConnection(address, centre.supervisor_token))
            try:
                offers = OfferService(accounts, centre.supervisor_token)
                async with supervisor_panel(desk, offers) as supervisor:
                    approvals = supervisor.approvals
                    await eventually(lambda: approvals.model.rowCount() == 1, "the request listed")
                    request = approvals.model.index(0, 0)
                    assert request.data(ApprovalsModel.OfferIdRole) == offer_id
                    assert request.data(ApprovalsModel.DiscountPercentRole) == "15.00"
                    await approve_the_request(supervisor, "Fine for this customer.")
            finally:
                await desk.close()
                await accounts.close()
            await eventually(
                lambda: model.view is not None and model.view.status == "open", "approved"
            )

            # The visitor sees what the clerk sees, and accepts.
            await expect(accept).to_be_visible(timeout=PAGE_WAIT_MS)
            assert await offer.get_attribute("data-status") == "open"
            shown = clerk_lines(model.lines)
            assert shown == [
                {"name": "Desk lamp", "options": "Brass", "quantity": "2", "amount": "€110.48"}
            ]
            seen = await visitor_lines(offer)
            assert len(seen) == len(shown)
            for clerk_line, visitor_line in zip(shown, seen, strict=True):
                assert visitor_line["name"] == clerk_line["name"]
                assert visitor_line["options"] == f"Colour: {clerk_line['options']}"
                assert visitor_line["detail"] == f"{clerk_line['quantity']} × €64.99"
                assert visitor_line["amount"] == clerk_line["amount"]
            visitor_total = await offer.locator(".offer-total dd").inner_text()
            assert visitor_total == gross_text(panel) == "€110.48"
            await accept.click()

            await eventually(
                lambda: model.view is not None and model.view.status == "accepted",
                "accepted in the clerk's panel",
                within=30,
            )
            view = model.view
            assert view.reference is not None and view.reference.startswith("OF-")
            assert panel.status_label.text() == f"Accepted – reference {view.reference}"
            await expect(tab.locator("#offer-reference")).to_have_text(
                f"Your offer reference is {view.reference}.", timeout=PAGE_WAIT_MS
            )
            pdf_url = await offer.get_by_role(
                "link", name="Download the offer (PDF)"
            ).get_attribute("href")
            assert pdf_url is not None
            accepted = Accepted(view, shown, gross_text(panel), pdf_url)
        finally:
            # The clerk closes the app, hanging up, while the server still runs (also when a
            # step failed: a call left open keeps aiortc's decoder thread, and the process, alive).
            await app.shutdown()
        await wait_until(tab, "document.body.dataset.state === 'ended'")
    return accepted


def pdf_text(content: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return text.replace("\xa0", " ")


def test_offer_from_call_to_signed_webhook_across_a_restart(
    harness: AppHarness,
    qt_loop: qasync.QEventLoop,
    loopback_ice: None,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    loopback_only_stun(monkeypatch)
    data_dir = tmp_path / "server"
    # The first request gets a 500; any later one waits until the test has restarted the
    # server, so a retry the first server starts on its own (5 s of a slow machine) is cut
    # short by the stop and handed to the second server, instead of racing the restart.
    with receiver(answers=[500], hold=True, free=1) as hook:
        with (
            live_server(data_dir, env=PRIVATE_TARGETS) as first,
            httpx.Client(base_url=first.url, timeout=30) as client,
        ):
            # 1. The admin's webhook endpoint and secret; a product with options.
            centre = call_centre(client)
            org = centre.org
            secret = point_at(client, org, hook.url)
            endpoint = client.get("/api/v1/webhooks/endpoint", headers=org.admin).json()
            assert (endpoint["url"], endpoint["enabled"]) == (hook.url, True)
            assert endpoint["events"] == ["offer.accepted"] and endpoint["secret_set"]
            lamp = create(client, org.admin, sku="LAMP-7", options=[COLOURS])
            assert [o["code"] for o in lamp["options"]] == ["colour"]
            app, email = harness.for_new_user(client, org, first.url)

            # 2-4. The call, the offer by keyboard, the approval, the acceptance.
            accepted = run(
                qt_loop, offer_accepted_in_call(app, email, centre, first.url), timeout=240
            )
            view = accepted.view

            # 6. The visitor's PDF (its link holds a token the server keeps in memory only,
            # so it is fetched before the restart).
            document = client.get(accepted.pdf_url)
            assert document.status_code == 200, document.text
            assert document.headers["content-type"] == "application/pdf"
            text = pdf_text(document.content)
            assert view.reference is not None and view.reference in text
            for line in accepted.clerk_lines:
                assert line["name"] in text and line["options"] in text
                assert line["amount"] in text
            assert accepted.clerk_total in text

            # 5. The first delivery of `offer.accepted` fails with the receiver's 500.
            first_request = hook.wait_for(1)[0]  # a held retry may follow (see above)
            delivery_id = first_request.headers["webhook-id"]
            failed = wait_for_delivery(client, org, delivery_id, attempts=1)
            assert failed["status"] == "pending"
            assert failed["event_type"] == "offer.accepted"
            assert [a["http_status"] for a in failed["attempt_log"]] == [500]
        before_restart = len(hook.requests)

        with (
            live_server(data_dir, env=PRIVATE_TARGETS) as second,
            httpx.Client(base_url=second.url, timeout=30) as client,
        ):
            hook.held.set()
            second.advance_clock(6)  # past the first retry: 5 s ± 10 %
            requests = hook.wait_for(before_restart + 1)
            retried = requests[-1]
            found = wait_for_delivery(client, org, delivery_id, attempts=2)
            assert retried.status == 200
            assert retried.headers["webhook-id"] == delivery_id
            event: dict[str, Any] = Webhook(secret).verify(retried.body, retried.headers)
            assert event["type"] == "offer.accepted"
            data = event["data"]
            assert (data["reference"], data["offer"]["offer_id"]) == (
                view.reference,
                view.offer_id,
            )
            paid = OfferView.model_validate(data["offer"])
            assert paid.lines == view.lines
            assert (paid.gross_minor, paid.status) == (view.gross_minor, "accepted")
            assert [(line.sku, line.quantity, line.gross_minor) for line in paid.lines] == [
                ("LAMP-7", 2, 11048)
            ]
            assert [o.choice_code for o in paid.lines[0].options] == ["brass"]

            # 7. The admin sees both attempts: the 500, then the delivery.
            assert found["status"] == "delivered"
            assert [a["http_status"] for a in found["attempt_log"]] == [500, 200]
            assert found["attempt_log"][0]["response_excerpt"] == (
                "receiver is down for maintenance"
            )
            listed = client.get(
                "/api/v1/webhooks/deliveries",
                headers=org.admin,
                params={"event_type": "offer.accepted"},
            ).json()
            assert [(d["id"], d["status"], d["attempts"]) for d in listed["items"]] == [
                (delivery_id, "delivered", 2)
            ]
            assert delivery(client, org, delivery_id)["payload"] == event

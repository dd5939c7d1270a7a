"""The visitor's view of the clerk's offer, in real Chromium against the real server.

The panel comes from the real server and waits in its real queue; a scripted clerk takes the
call. Between the panel and the visitor socket sits Playwright's WebSocket routing: everything
passes through, the test sees what the panel sends, and speaks as the server to show offers
(docs/offers.md, `offer_view`). Promises: P1 (the forms tell the visitor not to type personal
details; the host page hears only of accepted lines).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import BrowserContext, Frame, Page, WebSocketRoute, expect

from tests.accounts_helpers import bearer
from tests.catalogue_helpers import COLOURS, create
from tests.test_widget_browser import (
    Centre,
    NewPage,
    _png_width,
    _set_up,
    _snippet,
    available_clerk,
    browser_fixture,
    call_from,
    centre_fixture,
    new_page_fixture,
    to_preview,
    wait_state,
)
from videoclerk_protocol.messages import OfferShown

__all__ = ["browser_fixture", "centre_fixture", "new_page_fixture"]

SCREENSHOTS = os.environ.get("VIDEOCLERK_SCREENSHOTS")  # a folder: save the docs' pictures there


# ---- an offer as the server shows it ----------------------------------------------------------


def _line(
    sku: str, en: str, nl: str, quantity: int, unit: int, vat_rate: str, **more: Any
) -> dict[str, Any]:
    listed = unit * quantity
    discount = more.pop("discount_minor", 0)
    gross = listed - discount
    rate = int(vat_rate)
    net = round(gross * 100 / (100 + rate))
    return {
        "line_id": f"ln_{sku}",
        "product_id": f"prd_{sku}",
        "sku": sku,
        "name": {"en": en, "nl": nl},
        "quantity": quantity,
        "unit_minor": unit,
        "list_minor": listed,
        "discount_minor": discount,
        "net_minor": net,
        "vat_minor": gross - net,
        "gross_minor": gross,
        "vat_rate": vat_rate,
        **more,
    }


RED_LARGE = [
    {
        "group_code": "colour",
        "choice_code": "red",
        "group": {"en": "Colour", "nl": "Kleur"},
        "choice": {"en": "Red", "nl": "Rood"},
    },
    {
        "group_code": "size",
        "choice_code": "l",
        "group": {"en": "Size", "nl": "Maat"},
        "choice": {"en": "Large", "nl": "Groot"},
    },
]


def offer_view(
    status: str = "open", revision: int = 1, currency: str = "EUR", **more: Any
) -> dict[str, Any]:
    """An `offer_view` message, checked against the shared protocol's model.

    Chair 2 × 125.00 less 10 % (25.00 off), lamp 49.95 and three manuals at 10.00 (9 % VAT),
    prices including VAT: total 304.95.
    """
    lines = [
        _line(
            "CHAIR-1",
            "Office chair",
            "Bureaustoel",
            2,
            12_500,
            "21",
            options=RED_LARGE,
            discount={"kind": "percent", "value": "10"},
            discount_minor=2_500,
        ),
        _line("LAMP-2", "Desk lamp", "Bureaulamp", 1, 4_995, "21"),
        _line("BOOK-3", "Manual", "Handleiding", 3, 1_000, "9"),
    ]
    subtotals: dict[str, dict[str, Any]] = {}
    for line in lines:
        entry = subtotals.setdefault(
            line["vat_rate"], {"rate": line["vat_rate"], "net_minor": 0, "vat_minor": 0}
        )
        entry["net_minor"] += line["net_minor"]
        entry["vat_minor"] += line["vat_minor"]
    offer = {
        "offer_id": "off_test1",
        "revision": revision,
        "status": status,
        "currency": currency,
        "prices_include_vat": True,
        "lines": lines,
        "list_gross_minor": sum(line["list_minor"] for line in lines),
        "discount_minor": sum(line["discount_minor"] for line in lines),
        "discount_percent": "7.58",
        "net_minor": sum(line["net_minor"] for line in lines),
        "vat_minor": sum(line["vat_minor"] for line in lines),
        "gross_minor": sum(line["gross_minor"] for line in lines),
        "vat_subtotals": list(subtotals.values()),
        "note": "Delivery included.",
        "valid_until": "2026-12-15",
        "valid_until_at": "2026-12-15T22:59:59Z",
        "created_at": "2026-12-01T10:00:00Z",
        "organisation_name": "Test shop",
        "clerk_name": "Test clerk",
    }
    shown = {"type": "offer_view", "offer": offer}
    for key, value in more.items():
        (offer if key in offer or key in ("reference", "accepted_at") else shown)[key] = value
    assert offer["gross_minor"] == 30_495
    return OfferShown.model_validate(shown).model_dump(mode="json")


ACCEPTED = {
    "reference": "OF-7K3M9QXZ",
    "accepted_at": "2026-12-01T10:05:00Z",
    "pdf_url": "/o/off_test1/tok123.pdf",
    "checkout_url": "https://shop.example/checkout?offer=OF-7K3M9QXZ",
}


# ---- between the panel and the server ---------------------------------------------------------


@dataclass
class Tap:
    """The visitor socket through Playwright's routing: all traffic passes, except the panel's
    `offer_reply`, which is recorded and kept back (the test answers as the server)."""

    sent: list[dict[str, Any]] = field(default_factory=list)
    route: WebSocketRoute | None = None

    def attach(self, ws: WebSocketRoute) -> None:
        server = ws.connect_to_server()
        self.route = ws

        def from_panel(message: str | bytes) -> None:
            data = json.loads(message)
            self.sent.append(data)
            if data.get("type") != "offer_reply":
                server.send(message)

        ws.on_message(from_panel)

    def show(self, message: dict[str, Any]) -> None:
        assert self.route is not None, "the panel has no socket yet"
        self.route.send(json.dumps(message))

    def replies(self) -> list[dict[str, Any]]:
        return [m for m in self.sent if m.get("type") == "offer_reply"]


def tap(target: Page | BrowserContext) -> Tap:
    taps = Tap()
    target.route_web_socket(re.compile(r"/ws/visitor$"), taps.attach)
    return taps


def wait_for_reply(page: Page, taps: Tap, count: int = 1) -> dict[str, Any]:
    for _ in range(300):
        if len(taps.replies()) >= count:
            return taps.replies()[count - 1]
        page.wait_for_timeout(50)
    raise AssertionError(f"the panel sent no offer_reply: {taps.sent}")


@contextmanager
def in_call(
    new_page: NewPage, centre: Centre, *, dutch: bool = False, **options: Any
) -> Iterator[tuple[Page, Tap]]:
    """A visitor in a call with a scripted clerk, behind a tap (an organisation of its own, so
    the visitor is first in line); `dutch` switches the panel to Dutch once in the call."""
    local = _set_up(centre.server, centre.allowed, centre.foreign)
    page = new_page(**options)
    taps = tap(page)
    call_from(page, local)
    # Messages from the panel pass through this thread: wait for the queue's answer here, not
    # in the clerk's blocking receive.
    expect(page.locator("#queue-position")).to_contain_text("You are next in the queue.")
    with available_clerk(local.server, local.org) as clerk:
        clerk.send({"type": "take"})
        clerk.expect("assigned")
        wait_state(page, "in_call")
        if dutch:
            page.get_by_role("button", name="Nederlands").click()
            expect(page.locator("html")).to_have_attribute("lang", "nl")
        yield page, taps


def offer_section(page: Page | Frame) -> Any:
    return page.locator("#offer")


# ---- rendering --------------------------------------------------------------------------------


def test_offer_lines_and_totals_in_english(centre: Centre, new_page: NewPage) -> None:
    with in_call(new_page, centre, locale="en-GB") as (page, taps):
        offer = offer_section(page)
        expect(offer).to_be_hidden()
        taps.show(offer_view())
        expect(offer.get_by_role("heading", name="Your offer")).to_be_visible()
        lines = offer.get_by_role("list", name="Items").get_by_role("listitem")
        expect(lines).to_have_count(3)
        expect(lines.nth(0)).to_contain_text("Office chair")
        expect(lines.nth(0)).to_contain_text("Colour: Red, Size: Large")
        expect(lines.nth(0)).to_contain_text("2 × €125.00")
        expect(lines.nth(0)).to_contain_text("Discount 10%: -€25.00")
        expect(lines.nth(0)).to_contain_text("€225.00")
        expect(lines.nth(2)).to_contain_text("3 × €10.00")
        totals = offer.locator("#offer-totals")
        expect(totals).to_contain_text("Before discount€329.95")
        expect(totals).to_contain_text("Discount (7.58%)-€25.00")
        expect(totals).to_contain_text("VAT 21%€47.72")
        expect(totals).to_contain_text("VAT 9%€2.48")
        expect(totals.locator(".offer-total")).to_have_text("Total€304.95")
        expect(offer).to_contain_text("Note from Test clerk")
        expect(offer).to_contain_text("Delivery included.")
        expect(offer).to_contain_text("Valid until 15 December 2026.")
        live = page.locator("#offer-live")
        assert live.get_attribute("aria-live") == "polite"
        expect(live).to_have_text("Offer updated: total €304.95.")
        expect(offer.get_by_role("button", name="Accept the offer")).to_be_visible()
        # the currency's own digits: none for yen, three for dinar
        digits = page.evaluate(
            "import('/widget/static/offer.js').then(m => "
            "[m.money('en', 'JPY', 1234), m.money('en', 'KWD', 1234), m.money('en', 'NOK', 1234)])"
        )
        assert digits == ["¥1,234", "KWD\xa01.234", "NOK\xa012.34"]


def test_offer_in_dutch_with_norwegian_crowns(centre: Centre, new_page: NewPage) -> None:
    with in_call(new_page, centre, dutch=True) as (page, taps):
        taps.show(offer_view(currency="NOK", note="Levering inbegrepen."))
        offer = offer_section(page)
        expect(offer.get_by_role("heading", name="Je offerte")).to_be_visible()
        lines = offer.get_by_role("list", name="Artikelen").get_by_role("listitem")
        expect(lines.nth(0)).to_contain_text("Bureaustoel")
        expect(lines.nth(0)).to_contain_text("Kleur: Rood, Maat: Groot")
        expect(lines.nth(0)).to_contain_text("2 × NOK 125,00")
        expect(offer.locator(".offer-total")).to_have_text("TotaalNOK 304,95")
        expect(offer.locator("#offer-totals")).to_contain_text("Btw 21%NOK 47,72")
        expect(offer).to_contain_text("Geldig tot en met 15 december 2026.")
        expect(page.locator("#offer-live")).to_have_text("Offerte bijgewerkt: totaal NOK 304,95.")
        expect(offer.get_by_role("button", name="Offerte accepteren")).to_be_visible()
        # The panel's own language switch redraws the offer in place.
        page.get_by_role("button", name="English").click()
        expect(offer.get_by_role("heading", name="Your offer")).to_be_visible()
        expect(offer.locator(".offer-total")).to_have_text("TotalNOK 304.95")


def test_awaiting_approval_hides_accept_and_updates_keep_focus(
    centre: Centre, new_page: NewPage
) -> None:
    with in_call(new_page, centre) as (page, taps):
        offer = offer_section(page)
        taps.show(offer_view(status="awaiting_approval"))
        expect(offer).to_contain_text("Your offer is being checked.")
        expect(offer.get_by_role("button", name="Accept the offer")).to_be_hidden()
        expect(page.locator("#offer-live")).to_contain_text("Your offer is being checked.")
        taps.show(offer_view(status="refused"))  # the clerk revises; still nothing to accept
        expect(offer).to_have_attribute("data-status", "refused")
        expect(offer.get_by_role("button", name="Accept the offer")).to_be_hidden()
        taps.show(offer_view(status="open", revision=2))
        accept = offer.get_by_role("button", name="Accept the offer")
        expect(accept).to_be_visible()
        expect(page.locator("#offer-state")).to_be_hidden()
        # A new revision while the visitor types does not move focus or lose the text.
        offer.get_by_role("button", name="Ask for a change").click()
        box = offer.get_by_label("What would you like to change?")
        expect(box).to_be_focused()
        box.type("Blue")
        taps.show(offer_view(status="open", revision=3, note="Now with free delivery."))
        expect(offer).to_contain_text("Now with free delivery.")
        expect(box).to_be_focused()
        expect(box).to_have_value("Blue")
        # ... but one that takes the form away sends focus to the offer's heading, not the page.
        taps.show(offer_view(status="awaiting_approval", revision=4))
        expect(box).to_be_hidden()
        expect(offer.get_by_role("heading", name="Your offer")).to_be_focused()


def test_accept_sends_the_reply_and_shows_the_reference(centre: Centre, new_page: NewPage) -> None:
    with in_call(new_page, centre) as (page, taps):
        offer = offer_section(page)
        taps.show(offer_view(revision=3))
        offer.get_by_role("button", name="Accept the offer").click()
        reply = wait_for_reply(page, taps)
        assert reply == {
            "type": "offer_reply",
            "offer_id": "off_test1",
            "revision": 3,
            "answer": "accept",
        }
        expect(offer).to_contain_text("Sending your answer…")
        taps.show(offer_view(status="accepted", revision=3, **ACCEPTED))
        expect(
            offer.get_by_role("heading", name="Thank you: you accepted the offer")
        ).to_be_visible()
        expect(offer).to_contain_text("Your offer reference is OF-7K3M9QXZ.")
        expect(page.locator("#offer-live")).to_have_text("Your offer reference is OF-7K3M9QXZ.")
        expect(offer.get_by_role("button", name="Accept the offer")).to_be_hidden()
        checkout = offer.get_by_role("link", name="Go to checkout (opens in a new tab)")
        assert checkout.get_attribute("href") == ACCEPTED["checkout_url"]
        assert checkout.get_attribute("target") == "_blank"
        pdf = offer.get_by_role("link", name="Download the offer (PDF)")
        assert (
            pdf.get_attribute("href") == f"{centre.server.url}/o/off_test1/tok123.pdf?language=en"
        )
        expect(offer.get_by_role("button", name="Print the offer")).to_be_visible()
        # The print style sheet shows the offer alone, without its buttons.
        page.emulate_media(media="print")
        expect(page.locator("#step-in_call")).to_be_hidden()
        expect(page.locator(".bar")).to_be_hidden()
        expect(offer.get_by_role("button", name="Print the offer")).to_be_hidden()
        expect(offer).to_contain_text("OF-7K3M9QXZ")
        page.emulate_media(media="screen")


def test_server_errors_are_explained(centre: Centre, new_page: NewPage) -> None:
    with in_call(new_page, centre, dutch=True) as (page, taps):
        offer = offer_section(page)
        taps.show(offer_view(revision=1))
        accept = offer.get_by_role("button", name="Offerte accepteren")
        accept.click()
        wait_for_reply(page, taps)
        error = {"type": "error", "in_reply_to": "offer_reply", "message": "x"}
        taps.show({**error, "code": "offer_changed"})
        expect(offer.get_by_role("alert")).to_have_text(
            "De offerte is gewijzigd vlak voordat je antwoord aankwam. "
            "Bekijk de nieuwe versie en antwoord opnieuw."
        )
        expect(accept).to_be_enabled()
        expect(accept).to_have_attribute("aria-disabled", "false")
        accept.click()
        wait_for_reply(page, taps, 2)
        taps.show({**error, "code": "offer_expired"})
        expect(offer.get_by_role("alert")).to_have_text(
            "Deze offerte is verlopen en kan niet meer worden geaccepteerd."
        )
        page.get_by_role("button", name="English").click()
        expect(offer.get_by_role("alert")).to_have_text(
            "This offer has expired, so it can no longer be accepted."
        )
        accept = offer.get_by_role("button", name="Accept the offer")
        accept.click()
        wait_for_reply(page, taps, 3)
        taps.show({**error, "code": "offer_not_open"})
        expect(offer.get_by_role("alert")).to_have_text(
            "This offer cannot be answered at the moment."
        )
        taps.show(offer_view(status="expired", revision=1))
        expect(offer).to_contain_text("This offer has expired.")
        expect(accept).to_be_hidden()


def test_decline_with_a_reason_and_ask_for_a_change(centre: Centre, new_page: NewPage) -> None:
    with in_call(new_page, centre) as (page, taps):
        offer = offer_section(page)
        taps.show(offer_view(revision=2))
        # Ask for a change: a message is needed, at most 500 characters, counted down.
        change = offer.get_by_role("button", name="Ask for a change")
        change.click()
        assert change.get_attribute("aria-expanded") == "true"
        form = page.locator("#offer-change-form")
        expect(form).to_contain_text("Please do not type personal details")
        form.get_by_role("button", name="Send the request").click()
        expect(form.get_by_role("alert")).to_have_text("Please say what you would like to change.")
        box = form.get_by_label("What would you like to change?")
        expect(box).to_be_focused()
        expect(form).to_contain_text("500 of 500 characters left")
        box.fill("x" * 600)  # the field holds 500 at most
        expect(form).to_contain_text("0 of 500 characters left")
        box.fill("Could it come in blue?")
        expect(form).to_contain_text("478 of 500 characters left")
        form.get_by_role("button", name="Send the request").click()
        reply = wait_for_reply(page, taps)
        assert reply == {
            "type": "offer_reply",
            "offer_id": "off_test1",
            "revision": 2,
            "answer": "change",
            "message": "Could it come in blue?",
        }
        expect(offer).to_contain_text("Your request was sent.")
        expect(change).to_be_focused()
        # Decline: reason and message are optional; Escape closes the form again.
        decline = offer.get_by_role("button", name="Decline", exact=True)
        decline.click()
        form = page.locator("#offer-decline-form")
        expect(form.get_by_role("radio", name="It is too expensive")).to_be_focused()
        page.keyboard.press("Escape")
        expect(form).to_be_hidden()
        expect(decline).to_be_focused()
        decline.click()
        expect(form).to_contain_text("Please do not type personal details")
        form.get_by_role("radio", name="I need more time to think").check()
        form.get_by_label("Anything you would like to add? (optional)").fill("Next month")
        form.get_by_role("button", name="Decline the offer").click()
        reply = wait_for_reply(page, taps, 2)
        assert reply == {
            "type": "offer_reply",
            "offer_id": "off_test1",
            "revision": 2,
            "answer": "decline",
            "reason": "need_time",
            "message": "Next month",
        }
        taps.show(offer_view(status="declined", revision=2))
        expect(offer).to_contain_text("You declined this offer.")
        expect(offer.get_by_role("button", name="Accept the offer")).to_be_hidden()


def test_buttons_have_names_and_work_from_the_keyboard(centre: Centre, new_page: NewPage) -> None:
    with in_call(new_page, centre) as (page, taps):
        taps.show(offer_view())
        offer = offer_section(page)
        expect(offer.get_by_role("button", name="Accept the offer")).to_be_visible()
        names = offer.get_by_role("button").evaluate_all(
            "buttons => buttons.filter(b => b.checkVisibility())"
            ".map(b => b.textContent.trim() || b.getAttribute('aria-label') || '')"
        )
        assert names == ["Accept the offer", "Decline", "Ask for a change"]
        assert offer.get_attribute("aria-labelledby") == "offer-heading"
        page.locator("#hangup").focus()
        for _ in range(10):  # Tab from the call's controls to the Accept button
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "offer-accept":
                break
        page.keyboard.press("Enter")
        assert wait_for_reply(page, taps)["answer"] == "accept"


# ---- the phone, and the pictures for the docs -------------------------------------------------


def _save(page: Page, tmp_path: Path, name: str) -> bytes:
    path = tmp_path / f"{name}.png"
    shot = page.screenshot(path=str(path), full_page=True)
    if SCREENSHOTS:
        shutil.copy(path, Path(SCREENSHOTS) / f"{name}.png")
    return shot


def test_phone_width_has_no_horizontal_scroll(
    centre: Centre, new_page: NewPage, tmp_path: Path
) -> None:
    phone = {"width": 375, "height": 740}
    options = {"viewport": phone, "device_scale_factor": 1, "is_mobile": True, "has_touch": True}
    with in_call(new_page, centre, **options) as (page, taps):
        taps.show(offer_view())
        offer = offer_section(page)
        expect(offer.get_by_role("button", name="Accept the offer")).to_be_visible()
        offer.get_by_role("button", name="Ask for a change").click()
        offer.get_by_label("What would you like to change?").fill("Could it come in blue?")
        assert _png_width(_save(page, tmp_path, "visitor-offer-phone")) == 375
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        taps.show(offer_view(status="accepted", **ACCEPTED))
        expect(offer).to_contain_text("OF-7K3M9QXZ")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_desktop_picture(centre: Centre, new_page: NewPage, tmp_path: Path) -> None:
    with in_call(new_page, centre, viewport={"width": 1024, "height": 900}) as (page, taps):
        taps.show(offer_view())
        offer = offer_section(page)
        expect(offer.get_by_role("button", name="Accept the offer")).to_be_visible()
        offer.scroll_into_view_if_needed()
        shot = _save(page, tmp_path, "visitor-offer-desktop")
        assert _png_width(shot) == 1024


# ---- the host page ----------------------------------------------------------------------------


def _listening_host_page(centre: Centre) -> str:
    return (
        "<!doctype html><html lang='en'><head><title>Shop</title></head><body><h1>Our shop</h1>"
        "<script>window.accepted = [];"
        "document.addEventListener('videoclerk:offer-accepted', (e) => accepted.push(e.detail));"
        "</script>"
        f"{_snippet(centre)}</body></html>"
    )


def test_host_page_hears_of_the_accepted_lines(centre: Centre, new_page: NewPage) -> None:
    local = _set_up(centre.server, centre.allowed, centre.foreign)
    local.allowed.pages["/cart.html"] = _listening_host_page(local)
    page = new_page()
    taps = tap(page.context)
    page.goto(f"{local.allowed.url}/cart.html")
    page.locator("#videoclerk-widget button.launcher").click()
    panel = page.frame_locator("#videoclerk-widget iframe")
    expect(panel.locator('body[data-state="consent"]')).to_be_attached()
    frame = next(f for f in page.frames if "/w/" in f.url)
    to_preview(frame)
    frame.get_by_role("button", name="Call").click()
    expect(frame.locator("#queue-position")).to_contain_text("You are next in the queue.")
    with available_clerk(local.server, local.org) as clerk:
        clerk.send({"type": "take"})
        clerk.expect("assigned")
        wait_state(frame, "in_call")
        # The host page itself cannot forge the event: the launcher checks where it came from.
        page.evaluate(
            "window.postMessage({type: 'videoclerk:offer-accepted', "
            "detail: {reference: 'OF-FORGED', lines: []}}, '*')"
        )
        taps.show(offer_view())
        expect(frame.get_by_role("button", name="Accept the offer")).to_be_visible()
        assert page.evaluate("window.accepted") == []
        taps.show(offer_view(status="accepted", **ACCEPTED))
        expect(frame.locator("#offer")).to_contain_text("OF-7K3M9QXZ")
        for _ in range(100):
            if page.evaluate("window.accepted.length"):
                break
            page.wait_for_timeout(50)
        taps.show(offer_view(status="accepted", **ACCEPTED))  # again, as after a reconnect
        expect(frame.locator("#offer")).to_contain_text("OF-7K3M9QXZ")
    assert page.evaluate("window.accepted") == [
        {
            "reference": "OF-7K3M9QXZ",
            "currency": "EUR",
            "gross_minor": 30_495,
            "lines": [
                {
                    "sku": "CHAIR-1",
                    "options": {"colour": "red", "size": "l"},
                    "quantity": 2,
                    "unit_minor": 12_500,
                    "gross_minor": 22_500,
                },
                {
                    "sku": "LAMP-2",
                    "options": {},
                    "quantity": 1,
                    "unit_minor": 4_995,
                    "gross_minor": 4_995,
                },
                {
                    "sku": "BOOK-3",
                    "options": {},
                    "quantity": 3,
                    "unit_minor": 1_000,
                    "gross_minor": 3_000,
                },
            ],
        }
    ]


# ---- end to end: the real server's offers ------------------------------------------------------


def test_clerk_drafts_and_the_visitor_accepts_end_to_end(centre: Centre, new_page: NewPage) -> None:
    """No tap: the clerk saves a draft over REST, the server pushes it to the real panel, and the
    visitor's Accept goes to the server, which accepts it."""
    local = _set_up(centre.server, centre.allowed, centre.foreign)
    page = new_page()
    call_from(page, local)
    expect(page.locator("#queue-position")).to_contain_text("You are next in the queue.")
    with (
        httpx.Client(base_url=local.server.url, timeout=30) as api,
        available_clerk(local.server, local.org) as clerk,
    ):
        settings = {"checkout_url_template": "https://shop.example/checkout/{reference}"}
        api.put(
            "/api/v1/offers/settings", headers=local.org.admin, json=settings
        ).raise_for_status()
        lamp = create(api, local.org.admin, price_minor=4999, options=[COLOURS])["id"]
        clerk.send({"type": "take"})
        call_id = clerk.expect("assigned")["call_id"]
        wait_state(page, "in_call")
        as_clerk = bearer(clerk.token)
        made = api.post("/api/v1/offers", headers=as_clerk, json={"call_id": call_id})
        assert made.status_code == 201, made.text
        offer_id = made.json()["offer_id"]
        draft = {
            "base_revision": 0,
            "lines": [
                {
                    "product_id": lamp,
                    "options": {"colour": "brass"},
                    "quantity": 2,
                    "discount": {"kind": "percent", "value": "5"},
                }
            ],
            "note": "Delivery included.",
        }
        saved = api.put(f"/api/v1/offers/{offer_id}/draft", headers=as_clerk, json=draft)
        assert saved.status_code == 200, saved.text
        view = saved.json()
        assert view["gross_minor"] == 12_348  # 2 × (49.99 + 15.00) less 5 %

        offer = offer_section(page)
        expect(offer.locator(".offer-total")).to_have_text("Total€123.48")
        expect(offer).to_contain_text("Desk lamp")
        expect(offer).to_contain_text("Colour: Brass")
        expect(offer).to_contain_text("2 × €64.99")
        expect(offer).to_contain_text("Delivery included.")
        offer.get_by_role("button", name="Accept the offer").click()

        expect(offer).to_contain_text("Your offer reference is OF-")
        to_clerk = clerk.expect("offer_view")["offer"]
        assert to_clerk["status"] == "accepted"
        reference = to_clerk["reference"]
        expect(offer.locator("#offer-reference")).to_have_text(
            f"Your offer reference is {reference}."
        )
        read = api.get(f"/api/v1/offers/{offer_id}", headers=as_clerk).json()
        assert (read["status"], read["reference"]) == ("accepted", reference)
        checkout = offer.get_by_role("link", name="Go to checkout (opens in a new tab)")
        assert checkout.get_attribute("href") == f"https://shop.example/checkout/{reference}"
        pdf = offer.get_by_role("link", name="Download the offer (PDF)").get_attribute("href")
        assert pdf is not None
        assert pdf.startswith(f"{local.server.url}/o/{offer_id}/")
        assert api.get(pdf).content.startswith(b"%PDF")

"""The visitor's widget in real Chromium (Playwright, fake camera) against the real server.

Promises: P1 (nothing asks who the visitor is), P2 (no sign-up, no cookies).
"""

from __future__ import annotations

import json
import struct
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
from websockets.exceptions import InvalidHandshake
from websockets.sync.client import ClientConnection, connect

from tests.accounts_helpers import STRONG_PASSWORD, Org, add_user, new_org
from tests.browser import HostSite, host_site, launch, tcp_proxy
from tests.live_server import LiveServer

EVERY_DAY = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ALWAYS = {"time_zone": "Europe/Amsterdam", "weekly": {d: [["00:00", "24:00"]] for d in EVERY_DAY}}
BRAND = "#7a1fa2"
PRIVACY_URL = "https://shop.example/privacy"


@dataclass
class Centre:
    server: LiveServer
    org: Org
    sales: str
    service: str
    open_key: str
    closed_key: str
    tiny_key: str  # a queue of one visitor at most
    allowed: HostSite
    foreign: HostSite

    def panel(self, key: str | None = None) -> str:
        return f"{self.server.url}/w/{key or self.open_key}"


def _queue(api: httpx.Client, org: Org, en: str, nl: str, **more: Any) -> str:
    response = api.post(
        "/api/v1/queues", headers=org.admin, json={"name": {"en": en, "nl": nl}, **more}
    )
    response.raise_for_status()
    return str(response.json()["id"])


def _widget(api: httpx.Client, org: Org, queue_ids: list[str], **more: Any) -> str:
    body = {
        "name": "Shop",
        "queue_ids": queue_ids,
        "allowed_origins": ["https://shop.example"],
        "business_hours": ALWAYS,
        "privacy_notice_url": PRIVACY_URL,
        "brand_colour": BRAND,
        **more,
    }
    response = api.post("/api/v1/widgets", headers=org.admin, json=body)
    response.raise_for_status()
    return str(response.json()["widget_key"])


def _closed_hours() -> dict[str, Any]:
    """Closed today whenever the test runs: yesterday, today and tomorrow are holidays."""
    today = datetime.now(UTC).date()
    return {
        **ALWAYS,
        "time_zone": "UTC",
        "holidays": [str(today + timedelta(days=n)) for n in (-1, 0, 1)],
    }


def _set_up(server: LiveServer, allowed: HostSite, foreign: HostSite) -> Centre:
    with httpx.Client(base_url=server.url, timeout=30) as api:
        org = new_org(api)
        sales = _queue(api, org, "Sales", "Verkoop")
        service = _queue(api, org, "Service", "Klantenservice")
        tiny = _queue(api, org, "Returns", "Retouren", max_length=1)
        origins = ["https://shop.example", allowed.url]
        return Centre(
            server=server,
            org=org,
            sales=sales,
            service=service,
            open_key=_widget(api, org, [sales, service], allowed_origins=origins),
            closed_key=_widget(api, org, [sales], business_hours=_closed_hours()),
            tiny_key=_widget(api, org, [tiny]),
            allowed=allowed,
            foreign=foreign,
        )


@pytest.fixture(scope="module", name="browser")
def browser_fixture() -> Iterator[Browser]:
    expect.set_options(timeout=15_000)  # generous on a busy machine; nothing here measures time
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()
    expect.set_options(timeout=5_000)


@pytest.fixture(scope="module", name="centre")
def centre_fixture(server: LiveServer) -> Iterator[Centre]:
    with host_site() as allowed, host_site() as foreign:
        yield _set_up(server, allowed, foreign)


NewPage = Callable[..., Page]


@pytest.fixture(name="new_page")
def new_page_fixture(browser: Browser) -> Iterator[NewPage]:
    """Pages in fresh browser contexts (English unless a locale is given), closed afterwards.

    An uncaught script error in any page fails the test.
    """
    contexts: list[BrowserContext] = []
    errors: list[str] = []

    def make(**options: Any) -> Page:
        context = browser.new_context(**{"locale": "en-GB", **options})
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        return page

    yield make
    for context in contexts:
        context.close()
    assert errors == []


def wait_state(page: Page, state: str) -> None:
    page.wait_for_selector(f'body[data-state="{state}"]')


def wait_true(page: Page, script: str, *, timeout_ms: int = 15_000) -> None:
    """Poll a script until it is true (the panel's CSP forbids the eval wait_for_function uses)."""
    for _ in range(timeout_ms // 50):
        if page.evaluate(script):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"still false: {script}")


def preview_has_frames(page: Page) -> None:
    wait_true(page, "document.getElementById('preview').videoWidth > 0")


def answer_consent(page: Page, recording: str = "No", transcription: str = "No") -> None:
    page.get_by_role("group", name="May we record the video call?").get_by_label(recording).check()
    page.get_by_role("group", name="May we make a written transcript of the call?").get_by_label(
        transcription
    ).check()
    page.get_by_role("button", name="Continue").click()
    wait_state(page, "queue")


def to_preview(page: Page, queue: str = "Sales") -> None:
    answer_consent(page)
    page.get_by_label(queue).check()
    page.get_by_role("button", name="Continue").click()
    wait_state(page, "preview")
    preview_has_frames(page)


# ---- the panel ---------------------------------------------------------------------------------


def test_panel_in_english_asks_only_for_consent(centre: Centre, new_page: NewPage) -> None:
    """P1: nothing asks who the visitor is. P4: requests about their data go to the
    organisation they call."""
    page = new_page(locale="en-GB")
    page.goto(centre.panel())
    wait_state(page, "consent")
    expect(page.get_by_role("heading", name="Before we start")).to_be_focused()
    assert page.evaluate("document.documentElement.lang") == "en"
    link = page.get_by_role("link", name="Read our privacy notice")
    assert link.get_attribute("href") == PRIVACY_URL
    expect(page.locator("#data-requests")).to_have_text(
        "Questions about your data, or want a recording deleted later? Ask us, the "
        "organisation you are calling. At the end of the call you get a reference to quote."
    )
    assert set((link.get_attribute("rel") or "").split()) >= {"noopener", "noreferrer"}
    radios = page.locator('input[type="radio"]:visible')
    assert radios.count() == 4
    assert page.locator('input[type="radio"]:checked').count() == 0  # a real choice: none ticked
    # P1: nothing asks for a name, phone number or e-mail address (the offer's forms and the
    # rating's comment, hidden until a clerk makes an offer or the call has ended, ask for a
    # short message and say not to type such details).
    fields = 'input[type="text"], input[type="email"], input[type="tel"], textarea'
    messages = page.locator("#offer, #rating").locator(fields).count()
    assert page.locator(fields).count() == messages == 3
    assert page.locator(f"{fields} >> visible=true").count() == 0


def test_panel_in_dutch_follows_the_browser_and_switches(centre: Centre, new_page: NewPage) -> None:
    page = new_page(locale="nl-NL")
    page.goto(centre.panel())
    wait_state(page, "consent")
    expect(page.get_by_role("heading", name="Voordat we beginnen")).to_be_visible()
    assert page.evaluate("document.documentElement.lang") == "nl"
    expect(page.get_by_role("group", name="Mogen we het videogesprek opnemen?")).to_be_visible()
    expect(page.get_by_role("link", name="Lees onze privacyverklaring")).to_be_visible()
    expect(page.locator("#data-requests")).to_contain_text("Vraag het ons, de organisatie")
    for question in (
        "Mogen we het videogesprek opnemen?",
        "Mogen we een uitgeschreven tekst van het gesprek maken?",
    ):
        page.get_by_role("group", name=question).get_by_label("Nee").check()
    page.get_by_role("button", name="Verder").click()
    wait_state(page, "queue")
    expect(page.get_by_label("Verkoop")).to_be_visible()
    expect(page.get_by_label("Klantenservice")).to_be_visible()
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="What can we help you with?")).to_be_visible()
    expect(page.get_by_label("Sales")).to_be_visible()
    assert page.evaluate("document.documentElement.lang") == "en"
    page.get_by_role("button", name="Nederlands").click()
    expect(page.get_by_role("heading", name="Waarmee kunnen we je helpen?")).to_be_visible()


def test_consent_must_be_answered_before_continuing(centre: Centre, new_page: NewPage) -> None:
    page = new_page()
    page.goto(centre.panel())
    wait_state(page, "consent")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_have_text("Please answer both questions to continue.")
    assert page.evaluate("document.body.dataset.state") == "consent"
    assert page.locator("#recording-group").get_attribute("aria-invalid") == "true"
    page.get_by_role("group", name="May we record the video call?").get_by_label("Yes").check()
    page.get_by_role("button", name="Continue").click()
    assert page.evaluate("document.body.dataset.state") == "consent"
    assert page.locator("#recording-group").get_attribute("aria-invalid") == "false"
    assert page.locator("#transcription-group").get_attribute("aria-invalid") == "true"
    expect(page.locator('input[name="transcription"]').first).to_be_focused()
    page.get_by_role("group", name="May we make a written transcript of the call?").get_by_label(
        "No"
    ).check()
    page.get_by_role("button", name="Continue").click()
    wait_state(page, "queue")


def test_queue_choice_and_camera_preview(centre: Centre, new_page: NewPage) -> None:
    page = new_page()
    page.goto(centre.panel())
    wait_state(page, "consent")
    answer_consent(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Choose a topic to continue.")).to_be_visible()
    page.get_by_label("Service").check()
    page.get_by_role("button", name="Continue").click()
    wait_state(page, "preview")
    preview_has_frames(page)
    assert page.locator("#camera-select option").count() >= 1
    assert page.locator("#microphone-select option").count() >= 1
    page.get_by_label("Join with my camera off").check()
    expect(page.get_by_text("Your camera is off.")).to_be_visible()
    assert page.evaluate("document.getElementById('preview').srcObject") is None
    page.get_by_label("Join with my camera off").uncheck()
    preview_has_frames(page)
    expect(page.get_by_role("button", name="Call")).to_be_enabled()


DENY_ALL = """
navigator.mediaDevices.getUserMedia = () =>
  Promise.reject(new DOMException('denied', 'NotAllowedError'));
"""
NO_CAMERA = """
const realGetUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
navigator.mediaDevices.getUserMedia = (constraints) => constraints.video
  ? Promise.reject(new DOMException('no camera', 'NotFoundError'))
  : realGetUserMedia(constraints);
"""


@pytest.mark.parametrize(
    ("script", "message"),
    [
        (DENY_ALL, "Your browser blocked the camera and microphone."),
        (NO_CAMERA, "We found no camera. You can call with sound only."),
    ],
    ids=["permission-denied", "no-camera"],
)
def test_devices_refused_or_missing_give_a_way_forward(
    centre: Centre, new_page: NewPage, script: str, message: str
) -> None:
    page = new_page()
    page.add_init_script(script)
    page.goto(centre.panel())
    wait_state(page, "consent")
    answer_consent(page)
    page.get_by_label("Sales").check()
    page.get_by_role("button", name="Continue").click()
    wait_state(page, "preview")
    expect(page.locator("#device-message")).to_contain_text(message)
    expect(page.get_by_role("button", name="Try again")).to_be_visible()
    expect(page.get_by_role("button", name="Call")).to_be_visible()
    expect(page.get_by_text("Your camera is off.")).to_be_visible()


def test_outside_business_hours_says_when_and_offers_no_call(
    centre: Centre, new_page: NewPage
) -> None:
    page = new_page(timezone_id="UTC")  # the opening is midnight UTC: the same weekday here
    page.goto(centre.panel(centre.closed_key))
    wait_state(page, "closed")
    expect(page.get_by_role("heading", name="We are closed")).to_be_visible()
    opening = datetime.now(UTC).date() + timedelta(days=2)
    expect(page.locator("#opens-at")).to_contain_text("We open again on")
    expect(page.locator("#opens-at")).to_contain_text(opening.strftime("%A"))
    assert page.get_by_role("button", name="Call").count() == 0
    assert page.locator('input[type="radio"]:visible').count() == 0


def test_keyboard_only_through_the_consent_step(centre: Centre, new_page: NewPage) -> None:
    page = new_page()
    page.goto(centre.panel())
    wait_state(page, "consent")

    def focused() -> str:
        return str(
            page.evaluate(
                "(() => { const e = document.activeElement;"
                " return e.id || `${e.name}=${e.value}`; })()"
            )
        )

    assert focused() == "consent-heading"
    page.keyboard.press("Tab")
    assert focused() == "privacy-link"
    page.keyboard.press("Tab")
    assert focused() == "recording=yes"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert focused() == "transcription=yes"
    page.keyboard.press("ArrowDown")  # moves within the group and selects
    assert focused() == "transcription=no"
    page.keyboard.press("Tab")
    assert focused() == "consent-continue"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focus is visible
    page.keyboard.press("Enter")
    wait_state(page, "queue")
    assert focused() == "queue-heading"
    assert page.evaluate("document.querySelector('input[name=recording]:checked').value") == "yes"
    assert (
        page.evaluate("document.querySelector('input[name=transcription]:checked').value") == "no"
    )


def _png_width(data: bytes) -> int:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int(struct.unpack(">I", data[16:20])[0])


def test_phone_sized_screen_has_no_horizontal_scroll(
    centre: Centre, new_page: NewPage, tmp_path: Path
) -> None:
    page = new_page(
        viewport={"width": 360, "height": 640},
        device_scale_factor=1,
        is_mobile=True,
        has_touch=True,
    )

    def fits(step: str) -> None:
        shot = page.screenshot(path=str(tmp_path / f"phone-{step}.png"), full_page=True)
        assert _png_width(shot) == 360, step
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), step

    page.goto(centre.panel())
    wait_state(page, "consent")
    fits("consent")
    to_preview(page)
    fits("preview")


# ---- embedding on a company's page -----------------------------------------------------------


def _snippet(centre: Centre) -> str:
    server, key = centre.server.url, centre.open_key
    return f'<script src="{server}/widget.js" data-widget="{key}" async></script>'


def _host_page(centre: Centre) -> str:
    return (
        "<!doctype html><html lang='en'><head><title>Shop</title></head><body><h1>Our shop</h1>"
        f"{_snippet(centre)}</body></html>"
    )


def test_launcher_on_an_allowed_origin_opens_the_panel(centre: Centre, new_page: NewPage) -> None:
    centre.allowed.pages["/shop.html"] = _host_page(centre)
    page = new_page()
    page.goto(f"{centre.allowed.url}/shop.html")
    launcher = page.locator("#videoclerk-widget button.launcher")
    expect(launcher).to_have_text("Video call")
    assert launcher.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(122, 31, 162)"
    assert launcher.get_attribute("aria-expanded") == "false"
    launcher.click()
    frame_element = page.locator("#videoclerk-widget iframe")
    expect(frame_element).to_be_visible()
    assert set((frame_element.get_attribute("allow") or "").replace(";", " ").split()) >= {
        "camera",
        "microphone",
        "autoplay",
    }
    panel = page.frame_locator("#videoclerk-widget iframe")
    expect(panel.locator('body[data-state="consent"]')).to_be_attached()
    expect(panel.get_by_role("heading", name="Before we start")).to_be_visible()
    panel.get_by_role("button", name="Minimise").click()
    expect(frame_element).to_be_hidden()
    assert launcher.get_attribute("aria-expanded") == "false"
    assert page.context.cookies() == []


def _framing_page(centre: Centre) -> str:
    return (
        "<!doctype html><html lang='en'><head><title>Other site</title></head><body>"
        f'<iframe id="direct" src="{centre.panel()}?embed=1" onload="window.framed = 1"></iframe>'
        f"{_snippet(centre)}</body></html>"
    )


@pytest.mark.parametrize("site", ["allowed", "foreign"])
def test_only_allowed_origins_can_frame_the_panel(
    centre: Centre, new_page: NewPage, site: str
) -> None:
    host: HostSite = getattr(centre, site)
    host.pages["/framing.html"] = _framing_page(centre)
    page = new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(f"{host.url}/framing.html")
    page.wait_for_function("window.framed === 1")
    direct = page.frame_locator("#direct")
    config = f"{centre.panel()}/config"
    readable = page.evaluate(
        f"fetch('{config}').then(r => r.json()).then(b => b.code ?? 'read', () => 'refused')"
    )
    if site == "allowed":
        expect(direct.locator('body[data-state="consent"]')).to_be_attached()
        assert readable == "read"
        expect(page.locator("#videoclerk-widget button.launcher")).to_be_visible()
        return
    # The browser refuses to render the panel inside a page on a foreign origin (CSP).
    frames = [f for f in page.frames if f != page.main_frame]
    assert frames
    assert all(f.evaluate("document.body?.dataset.state ?? null") is None for f in frames)
    if not any("frame-ancestors" in line for line in console):
        page.wait_for_event("console", predicate=lambda message: "frame-ancestors" in message.text)
    # The configuration is not readable there, only the refusal: no launcher either.
    assert readable == "origin_not_allowed"
    assert page.locator("#videoclerk-widget").count() == 0


# ---- in the queue: needs the visitor socket (/ws/visitor) -----------------------------------


@pytest.fixture(scope="module")
def visitor_socket(centre: Centre) -> None:
    """Skip when the server has no /ws/visitor yet (the queue runtime is built separately)."""
    url = centre.server.url.replace("http://", "ws://") + "/ws/visitor"
    try:
        with connect(url, open_timeout=5, proxy=None):
            pass
    except (InvalidHandshake, OSError) as exc:
        pytest.skip(f"the visitor socket /ws/visitor is not available yet ({exc})")


def call_from(
    page: Page, centre: Centre, key: str | None = None, queue: str = "Sales", *, via: str = ""
) -> None:
    """Walk through consent, queue and preview, and press Call (`via` another server address)."""
    url = centre.panel(key)
    page.goto(url.replace(centre.server.url, via) if via else url)
    wait_state(page, "consent")
    to_preview(page, queue)
    page.get_by_role("button", name="Call").click()
    wait_state(page, "waiting")


def position_text(page: Page) -> Any:
    return expect(page.locator("#queue-position"))


@pytest.mark.usefixtures("visitor_socket")
def test_waiting_shows_live_position_and_leaving_moves_others_up(
    centre: Centre, new_page: NewPage
) -> None:
    first, second = new_page(), new_page()
    call_from(first, centre)
    position_text(first).to_contain_text("You are next in the queue.")
    position_text(first).to_contain_text("Estimated wait")
    assert first.locator("#queue-position").get_attribute("aria-live") == "polite"
    call_from(second, centre)
    position_text(second).to_contain_text("You are number 2 in the queue.")
    first.get_by_role("button", name="Leave the queue").click()
    wait_state(first, "ended")
    expect(first.get_by_role("heading", name="You left the queue")).to_be_visible()
    position_text(second).to_contain_text("You are next in the queue.")
    # P2: no cookies and no lasting storage; only the tab's random session id.
    assert second.context.cookies() == []
    assert second.evaluate("localStorage.length") == 0
    stored = second.evaluate("Object.values(sessionStorage)")
    assert len(stored) == 1
    assert len(stored[0]) == 32
    second.get_by_role("button", name="Leave the queue").click()


@pytest.mark.usefixtures("visitor_socket")
def test_reload_while_waiting_leaves_the_queue_and_starts_over(
    centre: Centre, new_page: NewPage
) -> None:
    """A reload closes the page's socket cleanly, like closing the tab: the place is given up
    at once (a dropped network keeps it: see the next test)."""
    first, second = new_page(), new_page()
    call_from(first, centre, queue="Service")
    call_from(second, centre, queue="Service")
    position_text(second).to_contain_text("You are number 2 in the queue.")
    second.reload()
    wait_state(second, "consent")
    first.get_by_role("button", name="Leave the queue").click()


@pytest.mark.usefixtures("visitor_socket")
def test_closing_the_tab_while_waiting_empties_the_clerks_queue_at_once(
    centre: Centre, new_page: NewPage
) -> None:
    page = new_page()
    with available_clerk(centre.server, centre.org) as clerk:
        call_from(page, centre, queue="Service")
        while not clerk.expect("queue")["waiting"]:
            pass
        page.close()
        # Within the clerk's receive timeout (15 s), far less than the 30-s grace period.
        while clerk.expect("queue")["waiting"]:
            pass


@pytest.mark.usefixtures("visitor_socket")
def test_lost_network_reconnects_and_keeps_the_place(centre: Centre, new_page: NewPage) -> None:
    page = new_page()
    with tcp_proxy(centre.server.url) as network:
        call_from(page, centre, queue="Service", via=network.url)
        position_text(page).to_contain_text("You are next in the queue.")
        page.evaluate(
            """() => {
              window.statusLog = [];
              const status = document.getElementById('status');
              new MutationObserver(() => window.statusLog.push(status.textContent))
                .observe(status, { childList: true, characterData: true, subtree: true });
            }"""
        )
        network.cut()
        expect(page.get_by_role("status")).to_have_text("Connected again.")
        assert "Connection lost. Reconnecting…" in page.evaluate("window.statusLog")
        position_text(page).to_contain_text("You are next in the queue.")
        assert page.evaluate("document.body.dataset.state") == "waiting"
        page.get_by_role("button", name="Leave the queue").click()


@pytest.mark.usefixtures("visitor_socket")
def test_full_queue_says_so_and_lets_the_visitor_try_again(
    centre: Centre, new_page: NewPage
) -> None:
    first, second = new_page(), new_page()
    call_from(first, centre, centre.tiny_key, queue="Returns")
    position_text(first).to_contain_text("You are next in the queue.")
    call_from(second, centre, centre.tiny_key, queue="Returns")
    expect(second.get_by_role("alert")).to_have_text(
        "The queue is full right now. Please try again in a few minutes."
    )
    first.get_by_role("button", name="Leave the queue").click()
    second.get_by_role("button", name="Try again").click()
    position_text(second).to_contain_text("You are next in the queue.")
    second.get_by_role("button", name="Leave the queue").click()


@pytest.mark.usefixtures("visitor_socket")
def test_consent_can_change_while_waiting(centre: Centre, new_page: NewPage) -> None:
    page = new_page()
    call_from(page, centre)
    position_text(page).to_contain_text("You are")
    page.get_by_text("Your privacy choices").click()
    choices = page.locator("#privacy-choices")
    expect(
        choices.get_by_role("group", name="May we record the video call?").get_by_label("No")
    ).to_be_checked()
    choices.get_by_role("group", name="May we record the video call?").get_by_label("Yes").check()
    expect(page.get_by_role("status")).to_have_text("Your choice is saved.")
    with centre.server.database() as db:
        rows = db.execute(
            "SELECT recording, transcription FROM consent_events "
            "WHERE organisation_id = ? ORDER BY id",
            [centre.org.id],
        ).fetchall()
    assert rows[-1] == (1, 0)
    page.get_by_role("button", name="Leave the queue").click()


class Clerk:
    """A clerk's socket, scripted: just enough protocol to take a call and end it."""

    def __init__(self, ws: ClientConnection, token: str) -> None:
        self.ws = ws
        self.token = token  # for the clerk's REST calls (offers)
        self.send({"type": "auth", "protocol": 1, "token": token})
        self.expect("welcome")
        self.send({"type": "presence", "state": "available"})
        while self.expect("presence")["state"] != "available":
            pass

    def send(self, message: dict[str, Any]) -> None:
        self.ws.send(json.dumps(message))

    def expect(self, kind: str) -> dict[str, Any]:
        while True:
            message: dict[str, Any] = json.loads(self.ws.recv(timeout=15))
            if message["type"] == kind:
                return message

    def close(self) -> None:
        self.ws.close()


@contextmanager
def available_clerk(server: LiveServer, org: Org) -> Iterator[Clerk]:
    with httpx.Client(base_url=server.url, timeout=30) as api:
        _, token = add_user(api, org, "clerk")
    url = server.url.replace("http://", "ws://") + "/ws/clerk"
    with connect(url, open_timeout=10, proxy=None) as ws:
        yield Clerk(ws, token)


@pytest.mark.usefixtures("visitor_socket")
def test_assigned_call_and_hang_up_show_the_reference(centre: Centre, new_page: NewPage) -> None:
    local = _set_up(centre.server, centre.allowed, centre.foreign)  # nobody else waiting
    page = new_page()
    call_from(page, local)
    with available_clerk(local.server, local.org) as clerk:
        clerk.send({"type": "take"})
        assigned = clerk.expect("assigned")
        wait_state(page, "in_call")
        expect(page.get_by_role("heading", name="In a call with Test clerk")).to_be_visible()
        expect(page.get_by_role("button", name="Hang up")).to_be_visible()
        assert page.evaluate("window.videoclerkStats.framesDecoded") == 0  # no media offered yet
        clerk.send({"type": "hangup", "call_id": assigned["call_id"]})
        wait_state(page, "ended")
        expect(page.locator("#ended-reference")).to_contain_text(assigned["reference"])
        # P4: the visitor learns how to have the call's data erased: ask the organisation.
        expect(page.locator("#ended-erasure")).to_contain_text(
            "Would you like the recording of this call and your answers deleted? Ask us and "
            "quote this reference"
        )
        expect(
            page.get_by_role("button", name="Wait again, at the front of the queue")
        ).to_be_hidden()
        assert page.evaluate("sessionStorage.length") == 0


@pytest.mark.usefixtures("visitor_socket")
def test_clerk_vanishing_lets_the_visitor_wait_again_at_the_front(
    centre: Centre, new_page: NewPage
) -> None:
    page = new_page()
    call_from(page, centre)
    with available_clerk(centre.server, centre.org) as clerk:
        clerk.send({"type": "take"})
        clerk.expect("assigned")
        wait_state(page, "in_call")
        clerk.close()  # gone...
    expect(page.get_by_role("status")).to_contain_text("lost their connection")
    centre.server.advance_clock(31)  # ...and not back within the grace period
    wait_state(page, "ended")
    rejoin = page.get_by_role("button", name="Wait again, at the front of the queue")
    expect(rejoin).to_be_visible()
    rejoin.click()
    wait_state(page, "waiting")
    position_text(page).to_contain_text("You are next in the queue.")
    page.get_by_role("button", name="Leave the queue").click()


@pytest.mark.usefixtures("visitor_socket")
def test_a_closed_account_s_widget_says_calls_are_no_longer_available(
    centre: Centre, new_page: NewPage
) -> None:
    """P12: when the company's account closes, a waiting visitor is told that video calls
    are no longer available (no "try again"); so is one who starts again, and the panel's
    address answers the same in English and Dutch."""
    shop = _set_up(centre.server, centre.allowed, centre.foreign)
    left, waiting = new_page(), new_page()
    call_from(left, shop)
    left.get_by_role("button", name="Leave the queue").click()
    wait_state(left, "ended")
    call_from(waiting, shop)
    with httpx.Client(base_url=centre.server.url, timeout=30) as api:
        api.post(
            "/api/v1/organisation/close",
            headers=shop.org.admin,
            json={"password": STRONG_PASSWORD},
        ).raise_for_status()
    unavailable = "Video calls with this company are no longer available here."
    for page in (waiting, left):
        if page is left:
            page.get_by_role("button", name="Start again").click()
        wait_state(page, "error")
        expect(page.locator("#error-message")).to_have_text(unavailable)
        expect(page.get_by_role("button", name="Try again")).to_be_hidden()
    page = new_page(locale="nl-NL")
    answer = page.goto(shop.panel())
    assert answer is not None and answer.status == 410
    expect(page.locator("body")).to_contain_text("niet meer mogelijk")

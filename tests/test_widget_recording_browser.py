"""The panel's recording consent in real Chromium against the real server (docs/recordings.md).

Per widget: `off` asks nothing about recording, `offered` lets the visitor choose, `required`
announces the recording and lets nobody call without accepting it. During the whole call a
status region says whether the call is recorded, with a button that withdraws at once (P3).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
from playwright.sync_api import Locator, Page, expect

from tests.accounts_helpers import Org, new_org
from tests.browser import host_site
from tests.live_server import LiveServer
from tests.test_widget_browser import (
    NewPage,
    _queue,
    _widget,
    available_clerk,
    browser_fixture,
    new_page_fixture,
    preview_has_frames,
    wait_state,
)

__all__ = ["browser_fixture", "new_page_fixture"]

RECORD_QUESTION = "May we record the video call?"
TRANSCRIPT_QUESTION = "May we make a written transcript of the call?"


@dataclass
class Widgets:
    server: LiveServer
    org: Org
    keys: dict[str, str]  # recording mode -> widget key

    def panel(self, mode: str) -> str:
        return f"{self.server.url}/w/{self.keys[mode]}"


@pytest.fixture(scope="module", name="widgets")
def widgets_fixture(server: LiveServer) -> Iterator[Widgets]:
    with host_site() as allowed, httpx.Client(base_url=server.url, timeout=30) as api:
        org = new_org(api)
        keys = {
            mode: _widget(
                api,
                org,
                [_queue(api, org, mode.title(), mode.title())],
                allowed_origins=["https://shop.example", allowed.url],
                recording_mode=mode,
            )
            for mode in ("off", "offered", "required")
        }
        yield Widgets(server=server, org=org, keys=keys)


def last_consent_event(widgets: Widgets) -> tuple[int, int, str]:
    with widgets.server.database() as db:
        row = db.execute(
            "SELECT recording, transcription, questions FROM consent_events "
            "WHERE organisation_id = ? ORDER BY id DESC LIMIT 1",
            [widgets.org.id],
        ).fetchone()
    return int(row[0]), int(row[1]), str(row[2])


def answer_transcription(page: Page, answer: str = "No") -> None:
    page.get_by_role("group", name=TRANSCRIPT_QUESTION).get_by_label(answer).check()


def call_after_consent(page: Page) -> None:
    """From the answered consent step to waiting in the widget's only queue."""
    page.get_by_role("button", name="Continue").click()
    wait_state(page, "queue")
    page.get_by_role("button", name="Continue").click()
    wait_state(page, "preview")
    preview_has_frames(page)
    page.get_by_role("button", name="Call").click()
    wait_state(page, "waiting")


def indicator(page: Page) -> Locator:
    return page.locator("#recording-indicator")


# ---- off -----------------------------------------------------------------------------------------


def test_off_asks_nothing_about_recording_and_says_the_call_is_not_recorded(
    widgets: Widgets, new_page: NewPage
) -> None:
    page = new_page()
    page.goto(widgets.panel("off"))
    wait_state(page, "consent")
    expect(page.get_by_role("group", name=RECORD_QUESTION)).to_be_hidden()
    expect(page.get_by_text("This call is recorded.")).to_be_hidden()
    assert page.locator('input[type="radio"]:visible').count() == 2
    expect(page.get_by_text("Please answer the question. You can change")).to_be_visible()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_have_text("Please answer the question to continue.")
    answer_transcription(page)
    call_after_consent(page)
    status = page.locator("#recording-state")
    expect(status).to_have_text("This call is not recorded.")
    # A live region of its own (the panel's one `status` role is the connection's).
    assert status.get_attribute("aria-live") == "polite"
    expect(page.get_by_role("button", name="Stop recording")).to_be_hidden()
    page.get_by_text("Your privacy choices").click()
    expect(page.get_by_role("group", name=RECORD_QUESTION)).to_be_hidden()
    assert last_consent_event(widgets) == (0, 0, "transcription")
    page.get_by_role("button", name="Leave the queue").click()


# ---- required ----------------------------------------------------------------------------------


def test_required_announces_the_recording_and_nobody_joins_without_accepting(
    widgets: Widgets, new_page: NewPage
) -> None:
    page = new_page()
    page.goto(widgets.panel("required"))
    wait_state(page, "consent")
    expect(page.get_by_role("group", name=RECORD_QUESTION)).to_be_hidden()
    expect(page.get_by_text("This call is recorded. You can stop the recording")).to_be_visible()
    answer_transcription(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_have_text(
        "To call, please agree that the call is recorded."
    )
    accept = page.get_by_label("I agree that this call is recorded")
    expect(accept).to_be_focused()
    assert page.locator("#recording-required").get_attribute("aria-invalid") == "true"
    assert page.evaluate("document.body.dataset.state") == "consent"
    accept.check()
    call_after_consent(page)
    expect(page.locator("#recording-state")).to_have_text("This call is recorded.")
    expect(page.get_by_text("Stopping the recording ends the call.")).to_be_visible()
    assert last_consent_event(widgets) == (1, 0, "recording transcription")
    page.get_by_role("button", name="Leave the queue").click()


def test_required_in_dutch(widgets: Widgets, new_page: NewPage) -> None:
    page = new_page(locale="nl-NL")
    page.goto(widgets.panel("required"))
    wait_state(page, "consent")
    expect(page.get_by_text("Dit gesprek wordt opgenomen. Je kunt de opname")).to_be_visible()
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("alert")).to_have_text(
        "Om te bellen moet je akkoord gaan met de opname van het gesprek."
    )


def test_required_stop_recording_in_a_call_ends_it(widgets: Widgets, new_page: NewPage) -> None:
    page = new_page()
    page.goto(widgets.panel("required"))
    wait_state(page, "consent")
    page.get_by_label("I agree that this call is recorded").check()
    answer_transcription(page, "Yes")
    call_after_consent(page)
    with available_clerk(widgets.server, widgets.org) as clerk:
        clerk.send({"type": "take"})
        assigned = clerk.expect("assigned")
        assert assigned["consent"]["recording"] is True
        wait_state(page, "in_call")
        expect(page.locator("#recording-state")).to_have_text("This call is recorded.")
        stop = page.get_by_role("button", name="Stop recording")
        assert stop.get_attribute("aria-describedby") == "recording-ends-call"
        stop.click()
        told = clerk.expect("consent")
        while told["consent"]["recording"]:  # the first one came with the assignment
            told = clerk.expect("consent")
        assert clerk.expect("ended")["call_id"] == assigned["call_id"]
        wait_state(page, "ended")
        expect(page.locator("#ended-reason")).to_have_text(
            "You stopped the recording, so the call has ended."
        )
        expect(indicator(page)).to_be_hidden()
    assert last_consent_event(widgets) == (0, 1, "recording")


# ---- offered -----------------------------------------------------------------------------------


def test_offered_stop_recording_mid_call_is_confirmed_and_the_call_goes_on(
    widgets: Widgets, new_page: NewPage
) -> None:
    page = new_page()
    page.goto(widgets.panel("offered"))
    wait_state(page, "consent")
    page.get_by_role("group", name=RECORD_QUESTION).get_by_label("Yes").check()
    answer_transcription(page)
    call_after_consent(page)
    expect(page.locator("#recording-state")).to_have_text("This call is recorded.")
    expect(page.get_by_text("Stopping the recording ends the call.")).to_be_hidden()
    with available_clerk(widgets.server, widgets.org) as clerk:
        clerk.send({"type": "take"})
        assigned = clerk.expect("assigned")
        assert clerk.expect("consent")["consent"]["recording"] is True
        wait_state(page, "in_call")
        expect(indicator(page)).to_be_visible()
        expect(indicator(page)).to_have_attribute("data-recording", "on")
        page.get_by_role("button", name="Stop recording").click()
        told = clerk.expect("consent")
        assert (told["call_id"], told["consent"]["recording"]) == (assigned["call_id"], False)
        expect(page.locator("#recording-state")).to_have_text("This call is not recorded.")
        expect(indicator(page)).to_have_attribute("data-recording", "off")
        expect(page.get_by_role("button", name="Stop recording")).to_be_hidden()
        assert page.evaluate("document.body.dataset.state") == "in_call"
        assert last_consent_event(widgets) == (0, 0, "recording")
        # The privacy choices follow what the server confirmed, and may say yes again.
        page.get_by_text("Your privacy choices").click()
        live = page.locator("#privacy-choices").get_by_role("group", name=RECORD_QUESTION)
        expect(live.get_by_label("No")).to_be_checked()
        live.get_by_label("Yes").check()
        assert clerk.expect("consent")["consent"]["recording"] is True
        expect(page.locator("#recording-state")).to_have_text("This call is recorded.")
        page.get_by_role("button", name="Hang up").click()
        clerk.expect("ended")
        wait_state(page, "ended")

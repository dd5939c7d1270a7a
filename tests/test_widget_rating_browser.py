"""The rating on the visitor's end screen, in real Chromium against the real server: chosen by
keyboard, a comment with contact details refused in the browser before anything is sent (P1),
then kept with the call alone."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Request, expect, sync_playwright

from tests.browser import host_site, launch
from tests.live_server import LiveServer
from tests.test_widget_browser import Centre, _set_up, available_clerk, call_from, wait_state

SCREENSHOTS = os.environ.get("VIDEOCLERK_SCREENSHOTS")  # a folder: save the docs' picture there


@pytest.fixture(scope="module", name="browser")
def browser_fixture() -> Iterator[Browser]:
    expect.set_options(timeout=15_000)
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()
    expect.set_options(timeout=5_000)


@pytest.fixture(name="centre")
def centre_fixture(server: LiveServer) -> Iterator[Centre]:
    with host_site() as allowed, host_site() as foreign:
        yield _set_up(server, allowed, foreign)


@pytest.fixture(name="page")
def page_fixture(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="en-GB", viewport={"width": 480, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def stored(centre: Centre) -> list[tuple[int, str | None]]:
    with centre.server.database() as db:
        found = db.execute(
            "SELECT score, comment FROM call_ratings WHERE organisation_id = ?", [centre.org.id]
        ).fetchall()
    return [(int(row[0]), row[1]) for row in found]


def ended_call(page: Page, centre: Centre) -> None:
    """A call from the panel that a clerk takes and hangs up: the panel's end screen."""
    call_from(page, centre)
    with available_clerk(centre.server, centre.org) as clerk:
        clerk.send({"type": "take"})
        assigned = clerk.expect("assigned")
        wait_state(page, "in_call")
        clerk.send({"type": "hangup", "call_id": assigned["call_id"]})
        wait_state(page, "ended")


def test_the_visitor_rates_the_call_by_keyboard_and_contact_details_never_leave_the_browser(
    centre: Centre, page: Page, tmp_path: Path
) -> None:
    posts: list[Request] = []
    page.on("request", lambda r: posts.append(r) if r.url.endswith("/rating") else None)
    ended_call(page, centre)

    scale = page.get_by_role("group", name="How was your call?")
    expect(scale).to_be_visible()
    page.get_by_role("button", name="Send rating").click()
    expect(page.get_by_role("alert")).to_have_text("Choose a score from 1 to 5, or skip.")
    expect(page.get_by_role("radio", name="1 Very poor")).to_be_focused()
    for _ in range(3):  # a radio group: the arrow keys choose
        page.keyboard.press("ArrowRight")
    expect(page.get_by_role("radio", name="4 Good")).to_be_checked()

    comment = page.get_by_label("Anything else you would like to tell us? (optional)")
    comment.fill("Lovely, call me back on 06-1234 5678")
    page.get_by_role("button", name="Send rating").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "seems to contain an e-mail address or a phone number. Please remove it"
    )
    expect(comment).to_be_focused()
    assert posts == [] and stored(centre) == []

    comment.fill("Friendly and quick, thank you!")
    expect(page.get_by_role("alert")).to_be_hidden()
    page.locator("#rating-comment").blur()
    shot = tmp_path / "visitor-rating.png"
    page.screenshot(path=str(shot), full_page=True)
    if SCREENSHOTS:
        shutil.copy(shot, Path(SCREENSHOTS) / shot.name)
    page.get_by_role("button", name="Send rating").click()
    expect(page.get_by_role("status").filter(has_text="Thank you for your rating.")).to_be_focused()
    expect(scale).to_be_hidden()
    assert len(posts) == 1
    assert stored(centre) == [(4, "Friendly and quick, thank you!")]


def test_in_dutch_and_skipped_nothing_is_sent(centre: Centre, page: Page) -> None:
    posts: list[Request] = []
    page.on("request", lambda r: posts.append(r) if r.url.endswith("/rating") else None)
    ended_call(page, centre)
    page.get_by_role("button", name="Nederlands").click()
    expect(page.get_by_role("group", name="Hoe was je gesprek?")).to_be_visible()
    expect(page.get_by_role("radio", name="5 Heel goed")).to_be_visible()
    page.get_by_role("radio", name="2 Slecht").check()
    page.get_by_role("button", name="Overslaan").click()
    expect(page.get_by_role("group", name="Hoe was je gesprek?")).to_be_hidden()
    expect(page.locator("#ended-heading")).to_be_focused()
    assert posts == [] and stored(centre) == []

"""The visitor's panel as people found it (issue 15), in real Chromium against the real server:
an honest wait estimate, a launcher that says what it does, an end screen that says it once,
the call on a phone's whole screen, and a clear word to the developer of a site not allowed.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.test_widget_browser import (
    Centre,
    Clerk,
    NewPage,
    _png_width,
    _set_up,
    _snippet,
    available_clerk,
    browser_fixture,
    call_from,
    centre_fixture,
    new_page_fixture,
    position_text,
    visitor_socket,
    wait_state,
    wait_true,
)

__all__ = ["browser_fixture", "centre_fixture", "new_page_fixture", "visitor_socket"]

SCREENSHOTS = os.environ.get("VIDEOCLERK_SCREENSHOTS")  # a folder: save the docs' pictures there


@contextmanager
def in_call(new_page: NewPage, centre: Centre, **options: object) -> Iterator[tuple[Page, Clerk]]:
    """A visitor first in the line of an organisation of its own, taken by a scripted clerk."""
    local = _set_up(centre.server, centre.allowed, centre.foreign)
    page = new_page(**options)
    call_from(page, local)
    with available_clerk(local.server, local.org) as clerk:
        clerk.send({"type": "take"})
        assigned = clerk.expect("assigned")
        wait_state(page, "in_call")
        yield page, clerk
        clerk.send({"type": "hangup", "call_id": assigned["call_id"]})
        wait_state(page, "ended")


# ---- the wait estimate -------------------------------------------------------------------------


@pytest.mark.usefixtures("visitor_socket")
def test_next_visitor_is_told_any_moment_now_once_a_clerk_is_free(
    centre: Centre, new_page: NewPage
) -> None:
    """Nobody on duty: a whole call's wait. A clerk setting themself available while the
    visitor waits changes it to 0, told at once, in English and in Dutch."""
    local = _set_up(centre.server, centre.allowed, centre.foreign)
    page = new_page()
    call_from(page, local)
    position_text(page).to_contain_text("You are next in the queue.")
    position_text(page).to_contain_text("Estimated wait: about 2 minutes.")
    with available_clerk(local.server, local.org):
        position_text(page).to_contain_text("Estimated wait: any moment now.")
        page.get_by_role("button", name="Nederlands").click()
        position_text(page).to_contain_text("Geschatte wachttijd: je bent elk moment aan de beurt.")
        page.get_by_role("button", name="English").click()
    position_text(page).to_contain_text("Estimated wait: about 2 minutes.")  # the clerk left
    page.get_by_role("button", name="Leave the queue").click()


# ---- the launcher ------------------------------------------------------------------------------


def test_open_launcher_says_minimise_and_the_panel_carries_on(
    centre: Centre, new_page: NewPage
) -> None:
    """The launcher only hides the panel, so it does not say Close: the panel's own buttons
    end a call."""
    centre.allowed.pages["/minimise.html"] = (
        f"<!doctype html><html lang='en'><title>Shop</title><body>{_snippet(centre)}</body></html>"
    )
    page = new_page()
    page.goto(f"{centre.allowed.url}/minimise.html")
    launcher = page.locator("#videoclerk-widget button.launcher")
    launcher.click()
    panel = page.frame_locator("#videoclerk-widget iframe")
    panel.get_by_role("group", name="May we record the video call?").get_by_label("No").check()
    expect(launcher).to_have_text("Minimise")
    expect(launcher).to_have_accessible_name("Minimise the video call")
    expect(launcher).not_to_contain_text("Close")
    launcher.click()
    expect(page.locator("#videoclerk-widget iframe")).to_be_hidden()
    expect(launcher).to_have_accessible_name("Video call")
    launcher.click()
    # Hidden, not closed: the visitor's answer is still there.
    checked = panel.get_by_role("group", name="May we record the video call?").get_by_label("No")
    expect(checked).to_be_checked()


# ---- the end screen ----------------------------------------------------------------------------


def _sentences(page: Page) -> list[str]:
    texts = page.locator("#step-ended :is(h1, p):visible").all_inner_texts()
    found = [s.strip(" .").lower() for text in texts for s in re.split(r"[.!?]\s", text)]
    return [s for s in found if s]


@pytest.mark.usefixtures("visitor_socket")
def test_end_screen_says_each_thing_once_with_the_reference(
    centre: Centre, new_page: NewPage
) -> None:
    local = _set_up(centre.server, centre.allowed, centre.foreign)
    page = new_page()
    call_from(page, local)
    with available_clerk(local.server, local.org) as clerk:
        clerk.send({"type": "take"})
        assigned = clerk.expect("assigned")
        wait_state(page, "in_call")
        clerk.send({"type": "hangup", "call_id": assigned["call_id"]})
        wait_state(page, "ended")
    expect(page.get_by_role("heading", name="The call has ended")).to_be_visible()
    lines = page.locator("#step-ended p:visible")
    expect(lines.first).to_have_text(
        f"Your call reference is {assigned['reference']}. Mention it if you contact us about "
        "this call later."
    )
    english = _sentences(page)
    assert len(english) == len(set(english)), english
    page.get_by_role("button", name="Nederlands").click()
    expect(page.get_by_role("heading", name="Het gesprek is beëindigd")).to_be_visible()
    expect(lines.first).to_contain_text(f"Je gespreksreferentie is {assigned['reference']}.")
    dutch = _sentences(page)
    assert len(dutch) == len(set(dutch)), dutch


# ---- the call on a phone -----------------------------------------------------------------------

PHONE = {"portrait": {"width": 360, "height": 640}, "landscape": {"width": 640, "height": 360}}


@pytest.mark.usefixtures("visitor_socket")
@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_call_on_a_phone_uses_the_screen_s_height(
    centre: Centre, new_page: NewPage, tmp_path: Path, orientation: str
) -> None:
    viewport = PHONE[orientation]
    options = {"viewport": viewport, "device_scale_factor": 1, "is_mobile": True, "has_touch": True}
    with in_call(new_page, centre, **options) as (page, _):
        # The scripted clerk sends no media: the picture shows the visitor's fake camera in its
        # place, so that the screenshot shows a picture where the clerk's would be.
        page.evaluate(
            "document.getElementById('remote').srcObject ="
            " document.getElementById('local').srcObject"
        )
        wait_true(page, "document.getElementById('remote').videoWidth > 0")
        box = page.locator("#remote").bounding_box()
        assert box is not None
        assert box["height"] >= 0.55 * viewport["height"], (orientation, box)
        assert box["y"] + box["height"] <= viewport["height"], (orientation, box)  # all in view
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        expect(page.get_by_role("button", name="Hang up")).to_be_in_viewport()
        name = f"visitor-call-phone-{orientation}"
        path = tmp_path / f"{name}.png"
        shot = page.screenshot(path=str(path))
        assert _png_width(shot) == viewport["width"]
        if SCREENSHOTS:
            shutil.copy(path, Path(SCREENSHOTS) / f"{name}.png")


# ---- a site that may not show the widget -------------------------------------------------------


def test_a_site_not_allowed_is_told_which_setting_to_change(
    centre: Centre, new_page: NewPage
) -> None:
    centre.foreign.pages["/not-allowed.html"] = (
        f"<!doctype html><html lang='en'><title>Other</title><body>{_snippet(centre)}</body></html>"
    )
    page = new_page()
    with page.expect_console_message(lambda m: m.text.startswith("videoclerk:")) as logged:
        page.goto(f"{centre.foreign.url}/not-allowed.html")
    assert logged.value.type == "error"
    text = logged.value.text
    assert centre.foreign.url in text
    assert "allowed origins" in text and "Allowed sites" in text
    assert page.locator("#videoclerk-widget").count() == 0

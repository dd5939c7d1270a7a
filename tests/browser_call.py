"""A visitor in real Chromium (fake camera and microphone) calling through the widget panel.

Shared by the end-to-end tests and bench/call_setup.py.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aioice.ice
from playwright.async_api import Browser, Page, async_playwright

from tests.browser import CHROMIUM, CHROMIUM_ARGS

LOOPBACK = "127.0.0.1"


def loopback_only_stun(monkeypatch: object) -> None:
    """Answer connectivity checks only from 127.0.0.1.

    Chromium also sends checks from the machine's other interfaces; aioice would learn those
    as peer-reflexive candidates and might pick a pair that is not loopback.
    """
    original = aioice.ice.Connection.request_received

    def request_received(
        self: object, message: object, addr: tuple[str, int], *args: object
    ) -> None:
        if addr[0] == LOOPBACK:
            original(self, message, addr, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(aioice.ice.Connection, "request_received", request_received)  # type: ignore[attr-defined]


@asynccontextmanager
async def chromium() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            await browser.close()


async def visitor_ready(page: Page, panel_url: str, *, queue: str, recording: str = "No") -> None:
    """Walk the panel as a visitor does, up to the Call button (consent, queue, preview)."""
    await page.goto(panel_url)
    for question, answer in (
        ("May we record the video call?", recording),
        ("May we make a written transcript of the call?", "No"),
    ):
        await page.get_by_role("group", name=question).get_by_label(answer).check()
    await page.get_by_role("button", name="Continue").click()
    await page.get_by_label(queue).check()
    await page.get_by_role("button", name="Continue").click()
    await wait_until(page, "document.querySelector('#preview').videoWidth > 0")


async def visitor_calls(page: Page, panel_url: str, *, queue: str, recording: str = "Yes") -> None:
    """Get ready, press Call, and return once the visitor waits in the queue."""
    await visitor_ready(page, panel_url, queue=queue, recording=recording)
    await page.get_by_role("button", name="Call", exact=True).click()
    await wait_until(page, "document.body.dataset.state === 'waiting'")


async def wait_until(page: Page, expression: str, *, within: float = 30.0) -> None:
    """Poll a page expression from outside: the panel's CSP forbids Playwright's in-page eval."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not await page.evaluate(expression):
        if loop.time() > deadline:
            raise AssertionError(f"gave up waiting for: {expression}")
        await asyncio.sleep(0.05)


async def stats(page: Page) -> dict[str, float]:
    result: dict[str, float] = await page.evaluate("window.videoclerkStats")
    return result

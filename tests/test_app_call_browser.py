"""A clerk in the Qt app takes the next call from a real Chromium visitor (the widget panel,
fake camera and microphone) against the real server: the visitor in the live queue, "Take
next" by its keyboard shortcut, the visitor's frames painted in the video widget, the
clerk's video decoded by the browser, and the clerk's hang-up ending the call in the page.

Playwright's async API runs on the test's qasync loop, like the app: Playwright starts its
driver with asyncio subprocess pipes, which qasync's selector loop serves (seen working with
qasync 0.28 and playwright 1.65), so no second thread or loop is needed.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import httpx
import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtTest import QTest

from clerk_app.call.video import VideoWidget
from clerk_app.queue.model import QueueColumn, QueueRole
from tests.accounts_helpers import STRONG_PASSWORD
from tests.browser_call import chromium, loopback_only_stun, stats, visitor_calls, wait_until
from tests.live_server import LiveServer
from tests.media_fixtures import eventually, loopback_ice_fixture
from tests.qt_fixtures import AppHarness, harness_fixture, log_in, qt_loop_fixture, run
from tests.queue_helpers import call_centre

__all__ = ["harness_fixture", "loopback_ice_fixture", "qt_loop_fixture"]

# A colour the widget never paints: whatever shows it afterwards was not painted at all.
UNPAINTED = QColor(255, 0, 255)
GRID = 4  # sample every 4th pixel in each direction


def painted(widget: VideoWidget) -> QImage:
    """What the widget paints now, rendered into a pixmap filled with UNPAINTED first."""
    pixmap = QPixmap(widget.size())
    pixmap.fill(UNPAINTED)
    widget.render(pixmap)
    return pixmap.toImage()


def samples(image: QImage) -> list[int]:
    return [
        image.pixel(x, y)
        for y in range(0, image.height(), GRID)
        for x in range(0, image.width(), GRID)
    ]


def picture_share(image: QImage) -> float:
    """Share of sampled pixels that belong to a picture: neither unpainted nor the widget's
    dark background (the bars around the picture, or the empty widget)."""
    values = samples(image)
    background = {UNPAINTED.rgb(), QColor(12, 13, 15).rgb()}
    return sum(1 for value in values if value not in background) / max(1, len(values))


def green_share(image: QImage) -> float:
    """Share of sampled pixels that are clearly green: Chromium's fake camera draws green on
    green, unlike the app's own colour-bar test pattern."""
    values = [QColor(value) for value in samples(image)]
    return sum(
        1 for c in values if c.green() > 100 and c.green() > 2 * max(c.red(), c.blue())
    ) / max(1, len(values))


def difference(a: QImage, b: QImage) -> float:
    """Share of sampled pixels that differ between two paintings of the same size."""
    pairs = list(zip(samples(a), samples(b), strict=True))
    return sum(1 for x, y in pairs if x != y) / max(1, len(pairs))


def test_clerk_takes_the_next_call_from_chromium_and_paints_its_frames(
    server: LiveServer,
    client: httpx.Client,
    harness: AppHarness,
    qt_loop: qasync.QEventLoop,
    loopback_ice: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    loopback_only_stun(monkeypatch)
    centre = call_centre(client, queues=("Sales", "Service"))
    app, email = harness.for_new_user(client, centre.org, server.url)
    seen: dict[str, str] = {}

    async def scenario() -> None:
        await log_in(app, email, STRONG_PASSWORD)
        window = app.main_window
        assert window is not None
        window.show()
        page = window.calls_page
        queue = page.queue_model
        page.presence.available_button.click()
        await eventually(lambda: page.presence.state == "available", "available")
        remote = page.call_view.stage.remote

        async with chromium() as browser:
            tab = await browser.new_page()
            await visitor_calls(tab, f"{server.url}/w/{centre.widget_key}", queue="Service")

            # The visitor shows in the app's live queue as the panel described it.
            await eventually(lambda: queue.rowCount() == 1, "the visitor in the app's queue")
            row = queue.index(0, QueueColumn.WAITING)
            assert row.data(QueueRole.QUEUE_NAME) == "Service"
            assert row.data(QueueRole.POSITION) == 1
            assert row.data(QueueRole.RECORDING) is True
            assert row.data(QueueRole.TRANSCRIPTION) is False
            await eventually(
                lambda: page.queue_panel.take_next_button.isEnabled(), "Take next enabled"
            )

            # Nothing painted yet: the empty widget is no picture (the check below can fail).
            assert remote.frames_received == 0
            assert picture_share(painted(remote)) < 0.01

            # "Take next" by its keyboard shortcut.
            window.activateWindow()
            QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
            await eventually(lambda: page.call_model is not None, "the call taken", within=15)
            assert page.stack.currentWidget() is page.call_view
            model = page.call_model
            assert model is not None
            seen["call_id"] = model.call_id
            await wait_until(tab, "document.body.dataset.state === 'in_call'")

            # The browser's fake camera arrives in the video widget, in its shape.
            await eventually(lambda: remote.frames_received > 10, "the visitor's video", within=30)
            width, height = await tab.evaluate("[local.videoWidth, local.videoHeight]")
            assert remote.last_frame_size is not None
            frame_w, frame_h = remote.last_frame_size
            assert 0 < frame_w <= width and frame_w * height == frame_h * width
            first = painted(remote)
            assert remote.frames_painted > 0 and remote.frames_converted > 0
            assert picture_share(first) > 0.3, "the visitor's picture is not painted"
            assert green_share(first) > 0.3, "the picture is not Chromium's fake camera"
            # Chromium's fake camera moves: later paintings differ from the first.
            received = remote.frames_received
            await eventually(
                lambda: (
                    remote.frames_received > received + 5
                    and difference(first, painted(remote)) > 0.001
                ),
                "the painted picture changing",
                within=15,
            )
            assert picture_share(painted(remote)) > 0.3

            # The browser decodes the clerk's video (the app's built-in test pattern).
            await wait_until(tab, "window.videoclerkStats.framesDecoded > 0")
            shown = await stats(tab)
            assert (shown["frameWidth"], shown["frameHeight"]) == (640, 480)

            # Hang-up from the app ends the call in the browser; the app goes to wrap-up.
            page.call_view.hang_up_button.click()
            await wait_until(tab, "document.body.dataset.state === 'ended'")
            await eventually(lambda: page.stack.currentWidget() is page.wrap_up, "wrap-up")
            assert page.wrap_up.reason.text() == "You ended the call."
            assert model.reference in await tab.locator("#ended-reference").inner_text()
            assert not remote.has_picture

    run(qt_loop, scenario(), timeout=150)
    record = client.get(f"/api/v1/calls/{seen['call_id']}", headers=centre.org.admin).json()
    assert record["outcome"] == "answered"
    assert record["end_reason"].startswith("clerk")

"""An assignment the visitor never answers (the server ends it with reason "unanswered"): the
clerk reads why, skips the wrap-up, and is back at the queue where Ctrl+N takes the next one.

Driven through the real desk, Qt models and page: first with the server played by a scripted
connection, then against the real server with a visitor that never answers."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import asyncio

import httpx
import qasync
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMainWindow

from clerk_app.queue.desk import ClerkDesk
from clerk_app.queue.model import DeskModel
from clerk_app.shell.calls_page import CallsPage
from clerk_app.shell.i18n import install_translators
from tests.accounts_helpers import STRONG_PASSWORD, new_org
from tests.desk_fakes import FakeConnection, HeldDevices, assigned
from tests.live_server import LiveServer
from tests.media_fixtures import eventually, loopback_ice_fixture
from tests.qt_fixtures import AppHarness, harness_fixture, log_in, qt_loop_fixture, run
from tests.queue_helpers import create_queue, create_widget
from tests.ws_clients import ScriptedVisitor
from videoclerk_protocol import messages as p

__all__ = ["harness_fixture", "loopback_ice_fixture", "qt_loop_fixture"]
UNANSWERED = "The visitor did not answer. You can take the next visitor."


def one_waiting() -> p.QueueSnapshot:
    return p.QueueSnapshot.model_validate(
        {
            "queues": [
                {"id": "que_1", "name": {"en": "Sales"}, "waiting": 1, "longest_wait_seconds": 3}
            ],
            "waiting": [
                {
                    "call_id": "call_2",
                    "queue_id": "que_1",
                    "position": 1,
                    "joined_at": "2020-01-01T10:00:00+00:00",
                    "consent": {"recording": False, "transcription": False},
                    "camera": True,
                }
            ],
        }
    )


def test_an_unanswered_call_goes_back_to_the_queue_not_to_wrap_up(
    qapp: QApplication, qt_loop: qasync.QEventLoop, loopback_ice: None
) -> None:
    connection = FakeConnection()
    desk = ClerkDesk(connection, open_tracks=HeldDevices().open)
    window = QMainWindow()
    page = CallsPage(DeskModel(desk), window)
    window.setCentralWidget(page)
    window.show()

    async def scenario() -> None:
        await desk.start()
        connection.feed(p.PresenceChanged(state="available"))
        page.take(None)
        await eventually(lambda: bool(connection.sent_of(p.Take)), "take sent")
        connection.feed(assigned())
        connection.feed(p.PresenceChanged(state="in_call"))
        await eventually(lambda: page.stack.currentWidget() is page.call_view, "the call")

        connection.feed(p.Ended(call_id="call_1", reference="K7M-4QX", reason="unanswered"))
        await eventually(lambda: page.call_model is None, "the call over")
        assert page.stack.currentWidget() is page.queue_panel
        assert page.banner.text == UNANSWERED
        assert page.wrap_up.call_id != "call_1"  # no wrap-up was started for it

        connection.feed(p.PresenceChanged(state="available"))
        connection.feed(one_waiting())
        await eventually(lambda: page.queue_panel.take_next_button.isEnabled(), "can take")
        window.activateWindow()
        QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        await eventually(lambda: len(connection.sent_of(p.Take)) == 2, "the next take")
        assert connection.sent_of(p.WrapUp) == []
        await desk.close()

    try:
        run(qt_loop, scenario(), timeout=60)
    finally:
        page.close_page()
        window.close()
        window.deleteLater()


def test_the_unanswered_message_in_dutch(qapp: QApplication) -> None:
    install_translators(qapp, "nl")
    try:
        dutch = QCoreApplication.translate("CallsPage", UNANSWERED)
    finally:
        install_translators(qapp, "en")
    assert dutch == "De bezoeker nam niet op. Je kunt de volgende bezoeker aannemen."


def test_with_the_real_server_a_silent_visitor_ends_the_attempt_after_the_timeout(
    server: LiveServer, client: httpx.Client, harness: AppHarness, qt_loop: qasync.QEventLoop
) -> None:
    """A ghost (its socket open, its browser gone) is taken; the server gives up on it."""
    org = new_org(client)
    app, email = harness.for_new_user(client, org, server.url)
    queue_id = create_queue(client, org, "Sales")
    widget_key = create_widget(client, org, [queue_id])["widget_key"]
    ghost = ScriptedVisitor(server.ws_url, widget_key)

    async def scenario() -> None:
        await log_in(app, email, STRONG_PASSWORD)
        assert app.main_window is not None
        page = app.main_window.calls_page
        page.presence.available_button.click()
        await eventually(lambda: page.presence.state == "available", "available")
        await ghost.connect()
        await ghost.join(queue_id)
        await eventually(lambda: page.queue_panel.take_next_button.isEnabled(), "can take")
        page.queue_panel.take_next_button.click()
        await ghost.expect("assigned")
        await eventually(lambda: page.stack.currentWidget() is page.call_view, "the call")
        await ghost.expect("offer")  # the clerk's offer reached the ghost, which never answers
        await asyncio.to_thread(server.advance_clock, 121)  # past the tests' answer timeout
        await eventually(lambda: page.banner.text == UNANSWERED, "told why")
        assert page.stack.currentWidget() is page.queue_panel
        await eventually(lambda: page.presence.state == "available", "available at once")
        await ghost.close()

    run(qt_loop, scenario(), timeout=90)

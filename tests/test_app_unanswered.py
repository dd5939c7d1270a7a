"""An assignment the visitor never answers (the server ends it with reason "unanswered"): the
clerk reads why, skips the wrap-up, and is back at the queue where Ctrl+N takes the next one.

Driven through the real desk, Qt models and page, with the server played by a scripted
connection (the server's side of "unanswered" is tested with the server)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMainWindow

from clerk_app.queue.desk import ClerkDesk
from clerk_app.queue.model import DeskModel
from clerk_app.shell.calls_page import CallsPage
from clerk_app.shell.i18n import install_translators
from tests.desk_fakes import FakeConnection, HeldDevices, assigned
from tests.media_fixtures import eventually, loopback_ice_fixture
from tests.qt_fixtures import qt_loop_fixture, run
from videoclerk_protocol import messages as p

__all__ = ["loopback_ice_fixture", "qt_loop_fixture"]
UNANSWERED = "The visitor did not answer. You can take the next visitor."


def one_waiting() -> p.QueueSnapshot:
    return p.QueueSnapshot.model_validate(
        {
            "queues": [{"id": "que_1", "name": "Sales", "waiting": 1, "longest_wait_seconds": 3}],
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

"""Details of the clerk's desk: the wrap-up's warning reads as a sentence, the shortcut list
matches the window's shortcuts, the main actions have icons, and the call view says when the
clerk sends the test pattern instead of a camera."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import httpx
import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMainWindow

from clerk_app.call.view import WrapUpPanel
from clerk_app.queue.desk import ClerkDesk
from clerk_app.queue.model import DeskModel
from clerk_app.shell.calls_page import CallsPage
from clerk_app.shell.i18n import install_translators
from tests.accounts_helpers import STRONG_PASSWORD, new_org
from tests.desk_fakes import FakeConnection, HeldDevices, assigned
from tests.live_server import LiveServer
from tests.media_fixtures import eventually, loopback_ice_fixture
from tests.qt_fixtures import AppHarness, harness_fixture, log_in, qt_loop_fixture, run
from videoclerk_protocol import messages as p

__all__ = ["harness_fixture", "loopback_ice_fixture", "qt_loop_fixture"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "The note seems to contain an e-mail address and a phone number. "
            "Remove it before you finish.",
        ),
        (
            "nl",
            "De notitie lijkt een e-mailadres en een telefoonnummer te bevatten. "
            "Haal dat weg voordat je afrondt.",
        ),
    ],
)
def test_the_wrap_up_warning_names_what_it_found_as_a_sentence(
    qapp: QApplication, language: str, expected: str
) -> None:
    """The kinds found are joined as the app's language joins a list ("a and b", not
    "a, b"): the language the app speaks, set as the app sets it."""
    install_translators(qapp, language)
    try:
        panel = WrapUpPanel()
        panel.note_edit.setPlainText("Mail a.b@example.nl or call +31 20 123 4567.")
        assert panel.found.text() == expected
    finally:
        install_translators(qapp, "en")


def _keys(sequences: list[QKeySequence]) -> set[str]:
    return {
        s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences if not s.isEmpty()
    }


def test_f1_lists_every_shortcut_of_the_main_window(
    server: LiveServer, client: httpx.Client, harness: AppHarness, qt_loop: qasync.QEventLoop
) -> None:
    """Help → Keyboard shortcuts (F1) lists every key of the window's actions and shortcuts,
    each with what it does; the keys the README documents are among them."""
    org = new_org(client)
    app = harness.make(server.url)

    async def scenario() -> None:
        await log_in(app, org.admin_email, STRONG_PASSWORD)
        window = app.main_window
        assert window is not None
        window.activateWindow()
        await eventually(window.isActiveWindow, "the main window active")
        QTest.keyClick(window, Qt.Key.Key_F1)
        dialog = window.shortcuts_dialog
        assert dialog is not None and dialog.isVisible()
        table = dialog.table
        listed: dict[str, str] = {}
        for row in range(table.rowCount()):
            what = table.item(row, 1).text()
            assert what, f"row {row} says nothing"
            for key in table.item(row, 0).text().split(", "):
                listed[key] = what
        defined = set()
        for action in window.findChildren(QAction):
            defined |= _keys(action.shortcuts())
        for shortcut in window.findChildren(QShortcut):
            defined |= _keys(shortcut.keys())
        assert defined and defined <= set(listed), defined - set(listed)
        documented = {"Ctrl+N", "Ctrl+M", "Ctrl+E", "Ctrl+Return", "Ctrl+,", "F1"}
        assert documented <= set(listed), documented - set(listed)
        assert listed["Ctrl+N"] == "Take the next visitor"
        assert listed["F1"] == "Keyboard shortcuts"

    run(qt_loop, scenario())


def test_the_main_actions_have_icons(
    server: LiveServer, client: httpx.Client, harness: AppHarness, qt_loop: qasync.QEventLoop
) -> None:
    org = new_org(client)
    app = harness.make(server.url)

    async def scenario() -> None:
        await log_in(app, org.admin_email, STRONG_PASSWORD)
        window = app.main_window
        assert window is not None
        page = window.calls_page
        buttons = {
            "available": page.presence.available_button,
            "away": page.presence.away_button,
            "take next": page.queue_panel.take_next_button,
            "take selected": page.queue_panel.take_selected_button,
            "hang up": page.call_view.hang_up_button,
            "mute": page.call_view.mute_button,
            "camera": page.call_view.camera_button,
            "wrap up": page.wrap_up.done_button,
        }
        without = [name for name, button in buttons.items() if button.icon().isNull()]
        without += [
            action.text()
            for action in window.findChildren(QAction)
            if action.shortcuts() and action.icon().isNull()
        ]
        assert without == []

    run(qt_loop, scenario())


@pytest.mark.parametrize("camera", [False, True], ids=["test pattern", "camera"])
def test_the_call_view_says_when_the_test_pattern_is_sent(
    qapp: QApplication, qt_loop: qasync.QEventLoop, loopback_ice: None, camera: bool
) -> None:
    """A visible notice in the call while the visitor gets the test pattern; none with a
    camera."""
    connection = FakeConnection()
    desk = ClerkDesk(connection, open_tracks=HeldDevices(camera=camera).open)
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
        await eventually(lambda: bool(connection.sent_of(p.ClerkOffer)), "media open, offer sent")
        note = page.call_view.test_pattern_note
        assert page.stack.currentWidget() is page.call_view
        assert note.isVisible() is not camera
        assert note.text() == "\u26a0 You are sending a test pattern, not your camera."
        await desk.close()

    try:
        run(qt_loop, scenario(), timeout=60)
    finally:
        page.close_page()
        window.close()
        window.deleteLater()

"""Small windows: the main window has a minimum size that fits a 1280x720 screen at 125 %
(about 1024x540 logical pixels once title bar and taskbar are off), cannot be made smaller,
and at that size every main button of the queue, the call view and the wrap-up is fully
visible in English and Dutch, with banners showing; the call view puts its side column above
the offer when narrow (the consent stays in view). The dialogs a clerk opens fit the same screen."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator

import pytest
import qasync
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QWidget

from clerk_app.account.service import AccountService, Session, SignedInUser
from clerk_app.call.consent import ConsentChoice
from clerk_app.privacy.service import PrivacyService
from clerk_app.privacy.view import MyDataDialog
from clerk_app.queue.desk import ClerkDesk
from clerk_app.queue.model import DeskModel
from clerk_app.server_address import ServerAddress
from clerk_app.settings.preferences import Preferences
from clerk_app.settings.view import SettingsDialog
from clerk_app.shell.i18n import install_translators
from clerk_app.shell.main_window import MINIMUM_SIZE, MainWindow
from clerk_app.shell.theme import apply_theme
from tests.desk_fakes import FakeConnection, HeldDevices
from tests.qt_fixtures import qt_loop_fixture

__all__ = ["qt_loop_fixture"]

pytestmark = pytest.mark.engine_independent

SMALL_SCREEN = QSize(1024, 540)  # 1280x720 at 125 %, less title bar and taskbar
SERVER = ServerAddress.parse("http://127.0.0.1:9")
USER = SignedInUser("usr_1", "org_1", "Clerk Name", "clerk@example.com", "clerk")


def settle(qapp: QApplication) -> None:
    """Let the layouts run (they are posted events); nothing here waits for time."""
    for _ in range(3):
        qapp.processEvents()


def clipped(widget: QWidget, window: QWidget) -> list[str]:
    """Why `widget` is not fully visible in `window`: hidden, smaller than its size hint, or
    reaching outside one of its ancestors."""
    name = widget.objectName() or getattr(widget, "text", lambda: "")() or type(widget).__name__
    if not widget.isVisibleTo(window):
        return [f"{name}: hidden"]
    problems = []
    hint = widget.sizeHint()
    if widget.hasHeightForWidth():  # wrapped text: as high as its width needs
        hint = QSize(widget.minimumSizeHint().width(), widget.heightForWidth(widget.width()))
    if widget.width() < hint.width() or widget.height() < hint.height():
        problems.append(f"{name}: {widget.size().toTuple()} smaller than {hint.toTuple()}")
    area = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    ancestor = widget.parentWidget()
    while ancestor is not None:
        outline = QRect(ancestor.mapTo(window, QPoint(0, 0)), ancestor.size())
        if not outline.contains(area):
            problems.append(f"{name}: outside {type(ancestor).__name__} {outline} ({area})")
        if ancestor is window:
            break
        ancestor = ancestor.parentWidget()
    return problems


def cut_text(root: QWidget) -> list[str]:
    """Word-wrapped labels lower than their text needs (in a scroll area they may be out of
    view, but whole)."""
    return [
        label.text()
        for label in root.findChildren(QLabel)
        if label.isVisibleTo(root)
        and label.wordWrap()
        and label.height() < label.heightForWidth(label.width())
    ]


@pytest.fixture(params=["en", "nl"])
def window(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[MainWindow]:
    # As the app starts: the theme's style sheet pads some buttons (hang-up), so sizes are
    # only those of the app with it (a test that ran without it passed a window that clipped).
    style_sheet, palette = qapp.styleSheet(), qapp.palette()
    apply_theme(qapp, "light")
    install_translators(qapp, request.param)
    desk = ClerkDesk(FakeConnection(), open_tracks=HeldDevices().open)
    window = MainWindow(Session(SERVER, "vcs_t", "", USER), DeskModel(desk), AccountService(SERVER))
    page = window.calls_page
    # The worst case: both banners up, with long texts and an action button.
    page.media_warning.show_message(
        "warning",
        page.tr(
            "No camera found: visitors will see a test pattern instead of you. Connect a "
            "camera, then choose it in Settings."
        )
        + "\n"
        + page.tr(
            "No microphone chosen: visitors will hear a test tone instead of you. Choose "
            "your microphone in Settings."
        ),
        action=page.tr("Settings\u2026"),
        on_action=lambda: None,
        closable=False,
    )
    page.banner.show_message("error", "The server has not confirmed the hang-up yet.")
    window.show()
    try:
        yield window
    finally:
        page.close_page()
        window.close()
        window.deleteLater()
        install_translators(qapp, "en")
        qapp.setStyleSheet(style_sheet)
        qapp.setPalette(palette)


def test_the_minimum_fits_a_small_screen_and_holds(window: MainWindow, qapp: QApplication) -> None:
    assert MINIMUM_SIZE.width() <= SMALL_SCREEN.width()
    assert MINIMUM_SIZE.height() <= SMALL_SCREEN.height()
    for page in (window.calls_page.queue_panel, window.calls_page.call_view):
        window.calls_page.stack.setCurrentWidget(page)
        window.resize(640, 480)
        settle(qapp)
        assert window.size() == MINIMUM_SIZE
        assert window.minimumSize() == MINIMUM_SIZE


def test_at_the_minimum_every_main_button_is_whole(window: MainWindow, qapp: QApplication) -> None:
    page = window.calls_page
    view = page.call_view
    view.consent_panel.show_choice(
        ConsentChoice("recording", True, "2026-01-01T10:00:00+00:00", "v12", True)
    )
    view._recording(True)
    view._peer_lost(True)
    screens: list[tuple[QWidget, list[QWidget]]] = [
        (
            page.queue_panel,
            [page.queue_panel.take_next_button, page.queue_panel.take_selected_button],
        ),
        (view, [view.mute_button, view.camera_button, view.hang_up_button, view.recording_badge]),
        (page.wrap_up, [page.wrap_up.done_button, page.wrap_up.outcome_combo]),
    ]
    presence = [page.presence.available_button, page.presence.away_button]
    window.resize(MINIMUM_SIZE)
    for screen, buttons in screens:
        page.stack.setCurrentWidget(screen)
        settle(qapp)
        problems = [p for b in [*buttons, *presence] for p in clipped(b, window)]
        assert problems == [], type(screen).__name__
        assert cut_text(screen) == []
    page.stack.setCurrentWidget(view)
    settle(qapp)
    assert not view.wide  # the side column went above the offer: the consent is in view
    assert clipped(view.consent_panel, window) == []
    assert not view.details_scroll.horizontalScrollBar().isVisible()  # nothing cut at the right


def test_a_large_window_keeps_the_side_column_beside_the_offer(
    window: MainWindow, qapp: QApplication
) -> None:
    window.calls_page.stack.setCurrentWidget(window.calls_page.call_view)
    window.resize(1280, 720)
    settle(qapp)
    assert window.calls_page.call_view.wide
    window.resize(MINIMUM_SIZE)
    settle(qapp)
    assert not window.calls_page.call_view.wide


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_clerks_dialogs_fit_the_small_screen(
    qapp: QApplication, qt_loop: qasync.QEventLoop, language: str
) -> None:
    """(The loop: the dialogs start loading their data on opening.)"""
    install_translators(qapp, language)
    dialogs: list[QDialog] = [
        SettingsDialog(Preferences()),
        MyDataDialog(PrivacyService(AccountService(SERVER), "vcs_t"), USER),
    ]
    try:
        for dialog in dialogs:
            dialog.show()
            dialog.resize(200, 200)
            settle(qapp)
            name = type(dialog).__name__
            smallest = dialog.size()
            assert smallest.width() <= SMALL_SCREEN.width(), name
            assert smallest.height() <= SMALL_SCREEN.height(), name
            buttons = dialog.findChild(QDialogButtonBox)
            assert buttons is not None
            whole = [p for b in buttons.buttons() for p in clipped(b, dialog)]
            assert whole == [], name
            if isinstance(dialog, SettingsDialog):
                assert not dialog.content_scroll.horizontalScrollBar().isVisible()
    finally:
        for dialog in dialogs:
            dialog.close()
            dialog.deleteLater()
        install_translators(qapp, "en")

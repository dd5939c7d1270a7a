"""The main window after log-in: tabs "Calls", "Supervisor" (supervisors, admins) and
"Admin" (admins), the connection state and the recordings waiting for upload always in
view."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QWidget,
)

from clerk_app.account.service import AccountService, Session, SignedInUser
from clerk_app.offers.service import OfferService
from clerk_app.privacy.service import PrivacyService
from clerk_app.privacy.view import MyDataDialog
from clerk_app.queue.model import DeskModel
from clerk_app.recording.model import UploadsModel
from clerk_app.recording.view import UploadsButton
from clerk_app.shell.calls_page import CallsPage
from clerk_app.shell.icons import action_icon
from clerk_app.shell.shortcuts import ShortcutsDialog
from clerk_app.shell.sizing import fit_to_screen
from clerk_app.shell.theme import LINK_STATE_TONES, set_tone
from clerk_app.supervisor.ratings import RatingService

log = logging.getLogger(__name__)

MINIMUM_SIZE = QSize(960, 500)
"""Fits a 1280x720 screen at 125 % (1024x576 logical pixels) less a title bar and a
taskbar; the call view and the queue reflow down to it (tests/test_app_small_windows.py)."""


def _optional_panel(module: str, cls: str, *args: object) -> QWidget | None:
    """Another part of the app's panel, when it is installed; None (and a log line) if not."""
    try:
        panel_class = getattr(importlib.import_module(module), cls)
        widget = panel_class(*args)
    except Exception:
        log.warning("the %s panel is not available", module, exc_info=True)
        return None
    return widget if isinstance(widget, QWidget) else None


def _admin_panel(accounts: AccountService, token: str, kind: str = "AdminPanel") -> QWidget | None:
    try:
        api_class = importlib.import_module("clerk_app.admin.api").AdminApi
        api = api_class(accounts, token)
    except Exception:
        log.warning("the admin service is not available", exc_info=True)
        return None
    return _optional_panel("clerk_app.admin.panel", kind, api)


class MainWindow(QMainWindow):
    log_out_requested = Signal()
    settings_requested = Signal()
    reconnect_requested = Signal()
    quit_requested = Signal()
    about_requested = Signal()

    def __init__(
        self,
        session: Session,
        desk: DeskModel,
        accounts: AccountService,
        parent: QWidget | None = None,
        *,
        uploads: UploadsModel | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.desk = desk
        self.accounts = accounts
        self.user = session.user  # as corrected since log-in
        self.my_data_dialog: MyDataDialog | None = None
        self.shortcuts_dialog: ShortcutsDialog | None = None
        self._closing_confirmed = False
        user = session.user
        self.setWindowTitle(self.tr("videoclerk \u2013 %1").replace("%1", user.name))
        self.setMinimumSize(MINIMUM_SIZE)
        fit_to_screen(self, QSize(1200, 760))

        self.tabs = QTabWidget(self)
        self.calls_page = CallsPage(desk, self)
        self.calls_page.settings_requested.connect(self.settings_requested.emit)
        offers = OfferService(accounts, session.token)
        self.calls_page.offers = offers
        self.tabs.addTab(self.calls_page, self.tr("Calls"))
        # The other capabilities' panels; None when this installation lacks them.
        self.supervisor_panel: QWidget | None = None
        self.admin_panel: QWidget | None = None
        if user.role in ("supervisor", "admin"):
            self.supervisor_panel = _optional_panel(
                "clerk_app.supervisor.view",
                "SupervisorPanel",
                desk.desk,
                offers,
                RatingService(accounts, session.token),
            )
            self.tabs.addTab(
                self.supervisor_panel
                or self._missing(self.tr("The supervisor view is not part of this installation.")),
                self.tr("Supervisor"),
            )
        if user.role == "supervisor":  # the organisation's offers, without the admin's tabs
            self.admin_panel = _admin_panel(accounts, session.token, "OffersPanel")
            self.tabs.addTab(
                self.admin_panel
                or self._missing(self.tr("The offers list is not part of this installation.")),
                self.tr("Offers"),
            )
        if user.role == "admin":
            self.admin_panel = _admin_panel(accounts, session.token)
            self.tabs.addTab(
                self.admin_panel
                or self._missing(self.tr("The admin screens are not part of this installation.")),
                self.tr("Admin"),
            )
        self.setCentralWidget(self.tabs)

        self._menus()
        self.link_label = QLabel(self)
        self.reconnect_button = QPushButton(self.tr("Reconnect"), self)
        self.reconnect_button.clicked.connect(self.reconnect_requested.emit)
        self.reconnect_button.hide()
        roles = {
            "clerk": self.tr("clerk"),
            "supervisor": self.tr("supervisor"),
            "admin": self.tr("admin"),
        }
        self.user_label = QLabel(
            self.tr("%1 (%2) at %3")
            .replace("%1", user.name)
            .replace("%2", roles.get(user.role, user.role))
            .replace("%3", session.server.base_url),
            self,
        )
        status = self.statusBar()
        status.addWidget(self.link_label)
        status.addWidget(self.reconnect_button)
        self.uploads_button: UploadsButton | None = None
        if uploads is not None:
            self.uploads_button = UploadsButton(uploads, self)
            status.addPermanentWidget(self.uploads_button)
        status.addPermanentWidget(self.user_label)
        desk.linkChanged.connect(self.show_link)
        self.show_link(desk.link.value)

    def _missing(self, text: str) -> QWidget:
        label = QLabel(text, self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return label

    def _menus(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&videoclerk"))
        settings = QAction(self.tr("&Settings\u2026"), self)
        settings.setShortcut(QKeySequence("Ctrl+,"))
        settings.triggered.connect(self.settings_requested.emit)
        log_out = QAction(self.tr("&Log out"), self)
        log_out.triggered.connect(self.log_out_requested.emit)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        my_data = QAction(self.tr("My &data and privacy\u2026"), self)
        my_data.triggered.connect(self.open_my_data)
        export = QAction(self.tr("&Export my data\u2026"), self)
        export.triggered.connect(lambda: self.open_my_data().choose_export_file())
        for action in (settings, my_data, export, log_out):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        shortcuts = QAction(self.tr("&Keyboard shortcuts"), self)
        shortcuts.setShortcut(QKeySequence("F1"))
        shortcuts.triggered.connect(self.show_shortcuts)
        about = QAction(self.tr("&About videoclerk"), self)
        about.triggered.connect(self.about_requested.emit)
        help_menu.addAction(shortcuts)
        help_menu.addAction(about)
        icons = {
            settings: "settings",
            log_out: "log_out",
            quit_action: "quit",
            shortcuts: "shortcuts",
            about: "about",
        }
        for action, name in icons.items():
            action.setIcon(action_icon(name))

    def show_shortcuts(self) -> ShortcutsDialog:
        """The list of this window's keys, as they are defined right now."""
        if self.shortcuts_dialog is not None:
            self.shortcuts_dialog.deleteLater()
        self.shortcuts_dialog = ShortcutsDialog(self)
        self.shortcuts_dialog.open()
        return self.shortcuts_dialog

    def open_my_data(self) -> MyDataDialog:
        """The user's own details, privacy choices and export (P11)."""
        if self.my_data_dialog is not None:
            self.my_data_dialog.deleteLater()
        dialog = MyDataDialog(PrivacyService(self.accounts, self.session.token), self.user, self)
        dialog.details_changed.connect(self._details_changed)
        self.my_data_dialog = dialog
        dialog.open()
        return dialog

    def _details_changed(self, user: SignedInUser) -> None:
        self.user = user
        self.setWindowTitle(self.tr("videoclerk \u2013 %1").replace("%1", user.name))

    # ---- connection state ------------------------------------------------------------------

    def show_link(self, state: str) -> None:
        grace = int(self.desk.desk.connection.grace_seconds)
        texts = {
            "connected": self.tr("Connected"),
            "connecting": self.tr("Connecting\u2026"),
            "reconnecting": self.tr(
                "Connection lost \u2013 reconnecting\u2026 A call in progress is kept for %1 s."
            ).replace("%1", str(grace)),
            "closed": self.tr(
                "Disconnected from the server. Check your network, then click Reconnect."
            ),
        }
        self.link_label.setText(f"\u25cf {texts.get(state, state)}")
        set_tone(self.link_label, LINK_STATE_TONES.get(state, "muted"))
        self.link_label.setProperty("linkState", state)
        self.reconnect_button.setVisible(state == "closed")

    # ---- closing ---------------------------------------------------------------------------

    def confirm_close(self, then: Callable[[], None]) -> None:
        """Ask before ending a call in progress; run `then` when the clerk agrees."""
        if self.desk.call is None:
            then()
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("A call is in progress"))
        box.setText(self.tr("Hang up and close videoclerk?"))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.buttonClicked.connect(
            lambda button: (
                then() if box.standardButton(button) == QMessageBox.StandardButton.Yes else None
            )
        )
        box.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing_confirmed:
            self.calls_page.close_page()
            super().closeEvent(event)
            return
        event.ignore()
        self.confirm_close(self._confirmed_quit)

    def _confirmed_quit(self) -> None:
        self.quit_requested.emit()

    def close_for_good(self) -> None:
        self._closing_confirmed = True
        self.close()

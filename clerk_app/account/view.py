"""The log-in window: server address, e-mail, password; every refusal explained in place."""

from __future__ import annotations

import html
import time
from collections.abc import Awaitable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.errors import CertificateProblem, ServiceError
from clerk_app.shell.banner import Banner
from clerk_app.shell.errors import describe, minutes_and_seconds
from clerk_app.shell.locks import lock
from clerk_app.shell.tasks import Tasks
from clerk_app.shell.theme import set_tone

if TYPE_CHECKING:  # the HTTP client loads with the first request, not before the window
    from clerk_app.account.service import AccountService


def policy_link(url: str, text: str) -> str:
    """A link to the policy's text on the server, for a rich-text label."""
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(text)}</a>' if url else ""


class LoginActions(Protocol):
    """What the log-in window asks of the app (the app controller implements it)."""

    def accounts_for(self, server_text: str) -> AccountService:
        """The account service for an address as typed; ValueError when it is no address."""
        ...

    def log_in(
        self, server_text: str, email: str, password: str, accepted_policy_version: str | None
    ) -> Awaitable[None]: ...

    @property
    def token_storage(self) -> str:
        """ "keyring" or "memory": where a session token is kept."""
        ...


class LoginWindow(QWidget):
    closed = Signal()
    settings_requested = Signal()
    about_requested = Signal()

    def __init__(
        self,
        actions: LoginActions,
        *,
        server: str = "",
        email: str = "",
        server_locked_by: Path | None = None,  # the config file that locks the server
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._actions = actions
        self.tasks = Tasks(on_error=self.show_error)
        self._policy_version: str | None = None
        self._locked_until: float | None = None
        self._locked_email = ""
        self.setWindowTitle(self.tr("videoclerk \u2013 Log in"))
        self.setMinimumWidth(440)

        title = QLabel(self.tr("videoclerk"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel(self.tr("Log in to take video calls from your website's visitors."), self)
        subtitle.setWordWrap(True)

        self.server_edit = QLineEdit(server, self)
        self.server_edit.setPlaceholderText(self.tr("https://video.example.com"))
        self.email_edit = QLineEdit(email, self)
        self.email_edit.setPlaceholderText(self.tr("name@company.example"))
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("&Server address"), self.server_edit)
        self.server_locked = server_locked_by is not None
        if server_locked_by is not None:
            form.addRow("", lock(self.server_edit, server_locked_by, self))
        form.addRow(self.tr("&E-mail"), self.email_edit)
        form.addRow(self.tr("&Password"), self.password_edit)

        self.policy_box = QFrame(self)
        self.policy_box.setFrameShape(QFrame.Shape.StyledPanel)
        policy_layout = QVBoxLayout(self.policy_box)
        self.policy_text = QLabel(self.policy_box)
        self.policy_text.setWordWrap(True)
        self.policy_link = QLabel(self.policy_box)
        self.policy_link.setTextFormat(Qt.TextFormat.RichText)
        self.policy_link.setOpenExternalLinks(True)
        self.policy_check = QCheckBox(self.policy_box)
        policy_layout.addWidget(self.policy_text)
        policy_layout.addWidget(self.policy_link)
        policy_layout.addWidget(self.policy_check)
        self.policy_box.hide()

        self.banner = Banner(self)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.hide()

        self.login_button = QPushButton(self.tr("Log in"), self)
        self.login_button.setDefault(True)
        self.login_button.clicked.connect(self.submit)
        self.status = QLabel(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.login_button)

        self.forgot_button = QPushButton(self.tr("Forgot password\u2026"), self)
        self.forgot_button.setFlat(True)
        self.forgot_button.clicked.connect(self.open_forgot_password)
        self.signup_button = QPushButton(self.tr("Create an organisation\u2026"), self)
        self.signup_button.setFlat(True)
        self.signup_button.clicked.connect(self.open_sign_up)
        links = QHBoxLayout()
        links.addWidget(self.forgot_button)
        links.addStretch(1)
        links.addWidget(self.signup_button)
        self.settings_button = QPushButton(self.tr("Settings\u2026"), self)
        self.settings_button.setFlat(True)
        self.settings_button.clicked.connect(self.settings_requested.emit)
        self.about_button = QPushButton(self.tr("About videoclerk\u2026"), self)
        self.about_button.setFlat(True)
        self.about_button.clicked.connect(self.about_requested.emit)
        more = QHBoxLayout()
        more.addWidget(self.settings_button)
        more.addStretch(1)
        more.addWidget(self.about_button)

        where = (
            self.tr("Your session is kept in the system keyring.")
            if actions.token_storage == "keyring"  # noqa: S105 - a place, not a password
            else self.tr(
                "No system keyring is available: your session is kept in memory only, "
                "so you log in again after a restart."
            )
        )
        self.storage_note = QLabel(where, self)
        self.storage_note.setWordWrap(True)
        set_tone(self.storage_note, "muted")

        layout = QVBoxLayout(self)
        # The window is never smaller than its contents: blocks that appear (the policy
        # question, a banner) make it grow instead of squashing the fields.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.setContentsMargins(24, 24, 24, 16)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.policy_box)
        layout.addWidget(self.banner)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        layout.addLayout(links)
        layout.addWidget(self.storage_note)
        layout.addLayout(more)

        for edit in (self.server_edit, self.email_edit, self.password_edit):
            edit.returnPressed.connect(self.submit)
        QShortcut(QKeySequence.StandardKey.Quit, self, self.close)

        self._lock_timer = QTimer(self)
        self._lock_timer.setInterval(1000)
        self._lock_timer.timeout.connect(self._show_lock)
        self._forgot: QWidget | None = None
        self._signup: QWidget | None = None
        # Whether the server takes sign-ups, asked whenever the address is entered; a failure
        # is left to the log-in to explain, and the button stays (the server refuses anyway).
        self._signup_checks = Tasks(on_error=lambda _error: None)
        self.server_edit.editingFinished.connect(self.check_sign_up)
        if server:
            self.check_sign_up()
        if server and email:
            self.password_edit.setFocus()
        else:
            (self.email_edit if self.server_locked else self.server_edit).setFocus()

    # ---- log-in ------------------------------------------------------------------------------

    def submit(self) -> None:
        if self.tasks.busy:
            return
        server = self.server_edit.text().strip()
        email = self.email_edit.text().strip()
        password = self.password_edit.text()
        if not server or not email or not password:
            self.banner.show_message(
                "warning", self.tr("Fill in the server address, your e-mail and your password.")
            )
            return
        accepted = (
            self._policy_version
            if self._policy_version
            and self.policy_check.isChecked()
            and not self.policy_box.isHidden()
            else None
        )
        self.banner.dismiss()
        self.detail.hide()
        self._set_busy(True)
        self.tasks.run(self._log_in(server, email, password, accepted))

    async def _log_in(self, server: str, email: str, password: str, accepted: str | None) -> None:
        try:
            await self._actions.log_in(server, email, password, accepted)
        except ValueError as exc:
            self.banner.show_message(
                "error", self.tr("\u201c%1\u201d is not a server address.").replace("%1", server)
            )
            self.detail.setText(str(exc))
        finally:
            self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.server_edit, self.email_edit, self.password_edit, self.login_button):
            widget.setEnabled(not busy and not (widget is self.server_edit and self.server_locked))
        self.status.setText(self.tr("Logging in\u2026") if busy else "")

    def show_error(self, error: BaseException) -> None:
        self._set_busy(False)
        self._lock_timer.stop()
        self._locked_until = None
        self.detail.hide()
        if isinstance(error, ServiceError) and error.code == "policy_not_accepted":
            self._ask_policy(
                str(error.extra.get("policy_version", "")),
                str(error.extra.get("policy_url", "")),
                changed=bool(error.extra.get("policy_changed", True)),
            )
            self.banner.show_message("warning", describe(error))
            return
        if isinstance(error, ServiceError) and error.code == "login_locked":
            wait = error.retry_after_seconds or 0
            self._locked_until = time.monotonic() + wait if wait else None
            self._locked_email = self.email_edit.text().strip()
            self.banner.show_message(
                "error",
                describe(error),
                action=self.tr("Reset password\u2026"),
                on_action=self.open_forgot_password,
            )
            if wait:
                self._lock_timer.start()
            return
        if isinstance(error, ServiceError) and error.code == "invalid_credentials":
            self.password_edit.selectAll()
            self.password_edit.setFocus()
        self.banner.show_message("error", describe(error))
        if isinstance(error, CertificateProblem):
            self.detail.setText(self.tr("Technical detail: %1").replace("%1", error.message))
            self.detail.show()

    def _ask_policy(self, version: str, url: str, *, changed: bool) -> None:
        """P15: after a material change, "changed"; before a first log-in, just the policy."""
        self._policy_version = version or None
        shown = version or "?"
        self.policy_text.setText(
            self.tr(
                "The privacy policy has changed since you last logged in. Read the new "
                "version (%1) and accept it to continue."
            ).replace("%1", shown)
            if changed
            else self.tr(
                "Before your first log-in, read the privacy policy (version %1) and accept it."
            ).replace("%1", shown)
        )
        self.policy_link.setText(policy_link(url, self.tr("Read the privacy policy")))
        self.policy_link.setVisible(bool(url))
        self.policy_check.setText(
            self.tr("I have read and accept the privacy policy, version %1").replace("%1", shown)
        )
        self.policy_check.setChecked(False)
        self.policy_box.show()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:  # a block appeared or its text changed
            self._grow_to_fit()
        return handled

    def _grow_to_fit(self) -> None:
        """Taller, never narrower or shorter, to give every row the height it asks for at
        the window's width (wrapped text needs more lines in a narrow window)."""
        layout = self.layout()
        if layout is None:  # still being built
            return
        width = self.width()
        needed = (
            layout.totalHeightForWidth(width)
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        if needed > self.height():
            self.resize(width, needed)

    def _show_lock(self) -> None:
        if self._locked_until is None:
            self._lock_timer.stop()
            return
        left = int(self._locked_until - time.monotonic())
        if left <= 0:
            self._lock_timer.stop()
            self._locked_until = None
            self.banner.show_message("info", self.tr("You may try to log in again now."))
            return
        self.banner.label.setText(
            self.tr(
                "Too many failed log-ins: this account is locked for %1. Wait, or reset your "
                "password with \u201cForgot password\u201d."
            ).replace("%1", minutes_and_seconds(left))
        )

    # ---- the two dialogs ---------------------------------------------------------------------

    def _accounts(self) -> AccountService | None:
        try:
            return self._actions.accounts_for(self.server_edit.text().strip())
        except ValueError:
            self.banner.show_message(
                "warning",
                self.tr("Enter the server address first, for example https://video.example.com."),
            )
            self.server_edit.setFocus()
            return None

    def open_forgot_password(self) -> None:
        from clerk_app.account.reset_view import ForgotPasswordDialog

        accounts = self._accounts()
        if accounts is None:
            return
        dialog = ForgotPasswordDialog(accounts, email=self.email_edit.text().strip(), parent=self)
        dialog.password_changed.connect(self._after_reset)
        self._forgot = dialog
        dialog.open()

    def _after_reset(self, email: str) -> None:
        self.email_edit.setText(email)
        self.password_edit.clear()
        self.password_edit.setFocus()
        self._lock_timer.stop()
        self.banner.show_message(
            "success", self.tr("Your password is changed. Log in with the new one.")
        )

    def check_sign_up(self) -> None:
        """Hide "Create an organisation" when the server's operator has switched sign-up off."""
        try:
            accounts = self._actions.accounts_for(self.server_edit.text().strip())
        except ValueError:
            return
        self._signup_checks.cancel()
        self._signup_checks.run(self._show_sign_up(accounts))

    async def _show_sign_up(self, accounts: AccountService) -> None:
        self.signup_button.setVisible(await accounts.signup_open())

    def open_sign_up(self) -> None:
        from clerk_app.account.signup_view import SignUpDialog

        accounts = self._accounts()
        if accounts is None:
            return
        dialog = SignUpDialog(accounts, parent=self)
        dialog.signed_up.connect(self._after_sign_up)
        self._signup = dialog
        dialog.open()

    def _after_sign_up(self, email: str) -> None:
        self.email_edit.setText(email)
        self.password_edit.clear()
        self.password_edit.setFocus()
        self.banner.show_message(
            "success", self.tr("Your organisation is ready. Log in with the password you chose.")
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.tasks.cancel()
        self._signup_checks.cancel()
        self._lock_timer.stop()
        self.closed.emit()
        super().closeEvent(event)

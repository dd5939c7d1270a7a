""" "Forgot password": ask for a code by e-mail, then set a new password with it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clerk_app.account.service import AccountService
from clerk_app.shell.banner import Banner
from clerk_app.shell.errors import describe
from clerk_app.shell.tasks import Tasks


class ForgotPasswordDialog(QDialog):
    password_changed = Signal(str)  # the e-mail address, to log in with

    def __init__(
        self, accounts: AccountService, *, email: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self.tasks = Tasks(on_error=self._failed)
        self.setWindowTitle(self.tr("Forgot password"))
        self.setMinimumWidth(420)

        self.pages = QStackedWidget(self)
        # Page 1: the e-mail address.
        ask = QWidget(self)
        ask_layout = QVBoxLayout(ask)
        intro = QLabel(
            self.tr(
                "Enter the e-mail address of your account. If it exists, the server sends "
                "you a code to choose a new password."
            ),
            ask,
        )
        intro.setWordWrap(True)
        self.email_edit = QLineEdit(email, ask)
        self.email_edit.setPlaceholderText(self.tr("name@company.example"))
        self.send_button = QPushButton(self.tr("Send code"), ask)
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self.send_code)
        self.have_code_button = QPushButton(self.tr("I have a code already"), ask)
        self.have_code_button.setFlat(True)
        self.have_code_button.clicked.connect(lambda: self.pages.setCurrentIndex(1))
        ask_layout.addWidget(intro)
        ask_form = QFormLayout()
        ask_form.addRow(self.tr("&E-mail"), self.email_edit)
        ask_layout.addLayout(ask_form)
        ask_layout.addWidget(self.send_button)
        ask_layout.addWidget(self.have_code_button)
        ask_layout.addStretch(1)

        # Page 2: the code and the new password.
        confirm = QWidget(self)
        confirm_layout = QVBoxLayout(confirm)
        self.sent_text = QLabel(confirm)
        self.sent_text.setWordWrap(True)
        self.code_edit = QLineEdit(confirm)
        self.code_edit.setPlaceholderText(self.tr("the code from the e-mail"))
        self.password_edit = QLineEdit(confirm)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit(confirm)
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        hint = QLabel(
            self.tr("Use a long phrase of unrelated words; at least 8 characters."), confirm
        )
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Code"), self.code_edit)
        form.addRow(self.tr("&New password"), self.password_edit)
        form.addRow(self.tr("&Repeat it"), self.repeat_edit)
        self.change_button = QPushButton(self.tr("Change password"), confirm)
        self.change_button.clicked.connect(self.change_password)
        confirm_layout.addWidget(self.sent_text)
        confirm_layout.addLayout(form)
        confirm_layout.addWidget(hint)
        confirm_layout.addWidget(self.change_button)
        confirm_layout.addStretch(1)

        self.pages.addWidget(ask)
        self.pages.addWidget(confirm)
        self.banner = Banner(self)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(self.banner)
        layout.addWidget(close)

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self.banner.show_message("error", describe(error))

    def _busy(self, busy: bool) -> None:
        self.send_button.setEnabled(not busy)
        self.change_button.setEnabled(not busy)

    def send_code(self) -> None:
        email = self.email_edit.text().strip()
        if "@" not in email:
            self.banner.show_message("warning", self.tr("Enter your e-mail address."))
            return
        self._busy(True)
        self.tasks.run(self._send(email))

    async def _send(self, email: str) -> None:
        await self._accounts.request_reset(email)
        self._busy(False)
        self.banner.dismiss()
        self.sent_text.setText(
            self.tr(
                "If an account uses %1, a code is on its way. It is valid for a limited "
                "time. Paste it here and choose a new password."
            ).replace("%1", email)
        )
        self.pages.setCurrentIndex(1)
        self.code_edit.setFocus()

    def change_password(self) -> None:
        code = self.code_edit.text().strip()
        password = self.password_edit.text()
        if not code:
            self.banner.show_message("warning", self.tr("Paste the code from the e-mail."))
            return
        if password != self.repeat_edit.text():
            self.banner.show_message("warning", self.tr("The two passwords differ."))
            return
        self._busy(True)
        self.tasks.run(self._change(code, password))

    async def _change(self, code: str, password: str) -> None:
        # The code says whose password it is: an invited user who has a code never typed
        # their address here, and the field may hold whoever used the window before.
        email = await self._accounts.confirm_reset(code, password)
        self._busy(False)
        self.password_changed.emit(email or self.email_edit.text().strip())
        self.accept()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.tasks.cancel()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self.tasks.cancel()
        super().done(result)

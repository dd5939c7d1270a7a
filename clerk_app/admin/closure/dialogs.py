"""The question before an account closes: a warning, and the admin's password to confirm."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from clerk_app.admin.base import FormDialog, required_text
from clerk_app.admin.closure.service import Closure, ClosureService

if TYPE_CHECKING:
    from clerk_app.admin.panel import AdminPanel


class CloseAccountDialog(FormDialog):
    def __init__(
        self,
        closure: ClosureService,
        panel: AdminPanel,
        organisation: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(panel, parent)
        self.closure = closure
        self.setWindowTitle(self.tr("Close account"))
        self.warning = QLabel(
            self.tr(
                "This closes the account of {organisation} for everyone, at once and for good. "
                "Nobody can log in any more, every API key stops, calls in progress end and "
                "the widgets turn visitors away. It cannot be undone."
            ).format(organisation=organisation),
            self,
        )
        self.warning.setObjectName("closeWarning")
        self.warning.setWordWrap(True)
        font = self.warning.font()
        font.setBold(True)
        self.warning.setFont(font)
        self.body.insertWidget(0, self.warning)
        self.password = QLineEdit(self)
        self.password.setObjectName("closePassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_row(self.tr("Your &password"), self.password, "password")
        self.ok_button.setText(self.tr("Close the account"))
        self.password.setFocus()

    def request(self) -> Coroutine[Any, Any, Closure]:
        password = required_text(self.password.text(), self.tr("your password"))
        return self.closure.close_account(password)

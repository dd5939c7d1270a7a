"""Forms of the Users tab: a new user, another role."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from clerk_app.admin.base import FormDialog, required_text
from clerk_app.admin.names import role_name
from clerk_app.admin.users.service import ROLES, User, UsersService

if TYPE_CHECKING:
    from clerk_app.admin.panel import AdminPanel


def role_choice(parent: QWidget, current: str) -> QComboBox:
    choice = QComboBox(parent)
    for role in ROLES:
        choice.addItem(role_name(role), role)
    choice.setCurrentIndex(ROLES.index(current) if current in ROLES else 0)
    return choice


class NewUserDialog(FormDialog):
    def __init__(self, users: UsersService, panel: AdminPanel, parent: QWidget | None = None):
        super().__init__(panel, parent)
        self.users = users
        self.setWindowTitle(self.tr("New user"))
        self.name = QLineEdit(self)
        self.email = QLineEdit(self)
        self.role = role_choice(self, "clerk")
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Leave empty to send an invitation by e-mail"))
        self.add_row(self.tr("&Name"), self.name)
        self.add_row(self.tr("&E-mail"), self.email)
        self.add_row(self.tr("&Role"), self.role)
        self.add_row(self.tr("&Password"), self.password)
        hint = QLabel(
            self.tr(
                "Without a password the new user gets an e-mail with a code to choose one. "
                "The user accepts the privacy policy at the first log-in."
            ),
            self,
        )
        hint.setWordWrap(True)
        self.form.addRow(hint)

    def request(self) -> Coroutine[Any, Any, User]:
        return self.users.create_user(
            name=required_text(self.name.text(), self.tr("the name")),
            email=required_text(self.email.text(), self.tr("the e-mail address")),
            role=str(self.role.currentData()),
            password=self.password.text() or None,
        )


class RoleDialog(FormDialog):
    def __init__(
        self, users: UsersService, panel: AdminPanel, user: User, parent: QWidget | None = None
    ):
        super().__init__(panel, parent)
        self.users = users
        self.user = user
        self.setWindowTitle(self.tr("Change role"))
        self.role = role_choice(self, user.role)
        who = self.tr("Role of {name} ({email})").format(name=user.name, email=user.email)
        self.form.addRow(QLabel(who, self))
        self.add_row(self.tr("&Role"), self.role)

    def request(self) -> Coroutine[Any, Any, User]:
        return self.users.change_role(self.user.id, str(self.role.currentData()))

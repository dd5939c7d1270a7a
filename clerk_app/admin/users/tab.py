"""The Users tab: who may log in, with which role."""

from __future__ import annotations

from typing import TYPE_CHECKING

from clerk_app.admin.base import RecordTab
from clerk_app.admin.names import role_name
from clerk_app.admin.users.dialogs import NewUserDialog, RoleDialog
from clerk_app.admin.users.model import UsersModel
from clerk_app.admin.users.service import User, UsersService

if TYPE_CHECKING:
    from clerk_app.admin.panel import AdminPanel


class UsersTab(RecordTab[User]):
    def __init__(self, panel: AdminPanel) -> None:
        self.service = UsersService(panel.api)
        super().__init__(panel, UsersModel(panel), "usersTable", self.service.list_users)
        self.new_button = self.add_button(self.open_new_user)
        self.role_button = self.add_button(self.open_change_role)
        self.deactivate_button = self.add_button(self.ask_deactivate)
        self.reactivate_button = self.add_button(self.reactivate)
        self.set_up(
            self.new_button, self.role_button, self.deactivate_button, self.reactivate_button
        )

    def title(self) -> str:
        return self.tr("&Users")

    def retranslate(self) -> None:
        super().retranslate()
        self.new_button.setText(self.tr("&New user…"))
        self.role_button.setText(self.tr("Change r&ole…"))
        self.deactivate_button.setText(self.tr("&Deactivate…"))
        self.reactivate_button.setText(self.tr("Re&activate"))
        self.view.setAccessibleName(self.tr("Users"))

    def describe(self, some_id: str) -> str | None:
        row = self.model.row_of(some_id)
        return self.model.record(row).name if row >= 0 else None

    def update_buttons(self, *_: object) -> None:
        user = self.selected()
        self.role_button.setEnabled(user is not None)
        self.deactivate_button.setEnabled(user is not None and user.active)
        self.reactivate_button.setEnabled(user is not None and not user.active)

    def open_new_user(self) -> None:
        self.open_dialog(NewUserDialog(self.service, self.panel, self), self._created)

    def _created(self, user: User) -> None:
        self.model.replace_record(user)
        self.select(user.id)
        self.panel.notify(
            self.tr("{name} can now log in as {role}.").format(
                name=user.name, role=role_name(user.role)
            )
        )

    def open_change_role(self) -> None:
        user = self.selected()
        if user is not None:
            self.open_dialog(RoleDialog(self.service, self.panel, user, self), self._changed)

    def _changed(self, user: User) -> None:
        self.model.replace_record(user)
        self.panel.notify(
            self.tr("{name} is now {role}.").format(name=user.name, role=role_name(user.role))
        )

    def ask_deactivate(self) -> None:
        user = self.selected()
        if user is None:
            return
        self.ask(
            self.tr("Deactivate user"),
            self.tr(
                "Deactivate {name}? They are logged out at once and cannot log in until "
                "reactivated."
            ).format(name=user.name),
            self.tr("Deactivate"),
            lambda: self._set_active(user, False),
        )

    def reactivate(self) -> None:
        user = self.selected()
        if user is not None:
            self.panel.begin_action()
            self._set_active(user, True)

    def _set_active(self, user: User, active: bool) -> None:
        service = self.service
        work = service.reactivate_user(user.id) if active else service.deactivate_user(user.id)

        def done(changed: User) -> None:
            self.model.replace_record(changed)
            self.update_buttons()
            if active:
                self.panel.notify(self.tr("{name} is reactivated.").format(name=changed.name))
            else:
                self.panel.notify(self.tr("{name} is deactivated.").format(name=changed.name))

        self.panel.run(work, done)

"""The users of the organisation as a Qt table model with named roles."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from clerk_app.admin.base import FIRST_ROLE, AdminTableModel
from clerk_app.admin.names import role_name
from clerk_app.admin.users.service import User


class UsersModel(AdminTableModel[User]):
    NameRole = FIRST_ROLE
    EmailRole = FIRST_ROLE + 1
    RoleRole = FIRST_ROLE + 2  # admin, supervisor, clerk
    ActiveRole = FIRST_ROLE + 3
    role_names: ClassVar[dict[int, bytes]] = {
        NameRole: b"name",
        EmailRole: b"email",
        RoleRole: b"role",
        ActiveRole: b"active",
    }

    def headers(self) -> Sequence[str]:
        return (self.tr("Name"), self.tr("E-mail"), self.tr("Role"), self.tr("Status"))

    def cell(self, record: User, column: int) -> str:
        if column == 0:
            return record.name
        if column == 1:
            return record.email
        if column == 2:
            return role_name(record.role)
        return self.tr("Active") if record.active else self.tr("Deactivated")

    def value(self, record: User, role: int) -> Any:
        return {
            self.NameRole: record.name,
            self.EmailRole: record.email,
            self.RoleRole: record.role,
            self.ActiveRole: record.active,
        }.get(role)

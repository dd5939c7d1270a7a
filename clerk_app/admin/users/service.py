"""Users of the organisation: list, invite or create, change role, (de)activate. Qt-free."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from clerk_app.admin.api import AdminApi, given, seg

ROLES = ("admin", "supervisor", "clerk")


@dataclass(frozen=True)
class User:
    id: str
    organisation_id: str
    name: str
    email: str
    role: str
    active: bool
    created_at: str


class UsersService:
    def __init__(self, api: AdminApi) -> None:
        self._api = api

    async def list_users(self) -> list[User]:
        return await self._api.items("/api/v1/users", _user)

    async def create_user(
        self, *, name: str, email: str, role: str, password: str | None = None
    ) -> User:
        """Without a password the server e-mails the new user a code to choose one."""
        body = given(name=name, email=email, role=role, password=password or None)
        return _user(await self._api.call("POST", "/api/v1/users", body))

    async def update_user(
        self,
        user_id: str,
        *,
        name: str | None = None,
        role: str | None = None,
        active: bool | None = None,
    ) -> User:
        body = given(name=name, role=role, active=active)
        return _user(await self._api.call("PATCH", f"/api/v1/users/{seg(user_id)}", body))

    async def change_role(self, user_id: str, role: str) -> User:
        return await self.update_user(user_id, role=role)

    async def deactivate_user(self, user_id: str) -> User:
        """The user's sessions end at once."""
        return await self.update_user(user_id, active=False)

    async def reactivate_user(self, user_id: str) -> User:
        return await self.update_user(user_id, active=True)


def _user(data: Mapping[str, Any]) -> User:
    return User(
        id=data["id"],
        organisation_id=data["organisation_id"],
        name=data["name"],
        email=data["email"],
        role=data["role"],
        active=bool(data["active"]),
        created_at=data["created_at"],
    )

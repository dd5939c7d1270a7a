"""The signed-in user's mail choices on the server (P13): marketing is opt-in. Qt-free."""

from __future__ import annotations

from typing import Any, Protocol

from clerk_app.account.service import AccountService

PATH = "/api/v1/me/preferences"


class MailChoicesBackend(Protocol):
    """What the settings dialog needs (tests may fake it)."""

    async def marketing_mail(self) -> bool: ...
    async def set_marketing_mail(self, on: bool) -> bool: ...


class MailChoices:
    """Read and change whether the user gets news and offers by e-mail."""

    def __init__(self, accounts: AccountService, token: str) -> None:
        self._accounts = accounts
        self._token = token

    async def marketing_mail(self) -> bool:
        return _on(await self._accounts.request("GET", PATH, token=self._token))

    async def set_marketing_mail(self, on: bool) -> bool:
        """The choice as the server now keeps it."""
        data = await self._accounts.request(
            "PATCH", PATH, token=self._token, json={"marketing_mail": on}
        )
        return _on(data)


def _on(data: Any) -> bool:
    return bool(data["marketing_mail"])

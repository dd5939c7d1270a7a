"""The admin's HTTP calls for one signed-in admin, and values every area shares.

Qt-free. Every failure is a `ServiceError` with the server's stable code and sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import quote

from clerk_app.account.service import AccountService

R = TypeVar("R")


@dataclass(frozen=True)
class LocalText:
    en: str
    nl: str

    def get(self, language: str) -> str:
        """The text in `language`, or the other language's where this one is empty (a queue
        may be named in one language only: the server's rule, widgets/rules.py local_name)."""
        wanted, other = (self.nl, self.en) if language == "nl" else (self.en, self.nl)
        return wanted or other

    def to_json(self) -> dict[str, str]:
        return {"en": self.en, "nl": self.nl}

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> LocalText:
        return cls(en=str(data.get("en") or ""), nl=str(data.get("nl") or ""))


class AdminApi:
    """Authenticated calls over the app's shared HTTP client."""

    def __init__(self, accounts: AccountService, token: str) -> None:
        self._accounts = accounts
        self._token = token

    async def call(
        self, method: str, path: str, body: Any = None, params: dict[str, Any] | None = None
    ) -> Any:
        return await self._accounts.request(
            method, path, token=self._token, json=body, params=params
        )

    async def download(
        self, path: str, params: dict[str, Any], write: Callable[[bytes], object]
    ) -> int:
        """A file the server makes (an export), chunk by chunk to `write`; its size."""
        return await self._accounts.download(path, token=self._token, params=params, write=write)

    async def items(self, path: str, convert: Callable[[Mapping[str, Any]], R]) -> list[R]:
        data = await self.call("GET", path)
        return [convert(item) for item in data["items"]]


def given(**fields: Any) -> dict[str, Any]:
    """The fields that are not None (what a new record sets, or a PATCH changes)."""
    return {name: value for name, value in fields.items() if value is not None}


def seg(value: str) -> str:
    """One path segment, quoted."""
    return quote(value, safe="")

"""A user's own data (P11): correct the account's name and address, restrict processing,
export it as a ZIP. Qt-free; every failure is a `ServiceError` with the server's code.

`save_export` is shared with the admin's export of the whole organisation.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from clerk_app.account.service import AccountService, SignedInUser, signed_in_user
from clerk_app.downloads import Fetch, Write, save_to
from clerk_app.errors import ServiceError

Progress = Callable[[int], None]  # bytes received so far (an export's size is not known ahead)


@dataclass(frozen=True)
class Restrictions:
    """Purposes restricted (P11): True means 'not for this'."""

    marketing: bool = False
    automated_decisions: bool = False
    service_improvement: bool = False

    def to_json(self) -> dict[str, bool]:
        return asdict(self)

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Restrictions:
        return cls(
            marketing=bool(data.get("marketing")),
            automated_decisions=bool(data.get("automated_decisions")),
            service_improvement=bool(data.get("service_improvement")),
        )


@dataclass(frozen=True)
class MyRestrictions:
    own: Restrictions
    organisation: Restrictions  # these hold for the user whatever they choose


@dataclass(frozen=True)
class SavedExport:
    path: Path
    size: int


async def save_export(fetch: Fetch, destination: Path, progress: Progress | None) -> SavedExport:
    """An export streamed into `destination`; kept only if it is a whole ZIP."""
    received = 0

    async def counted(write: Write) -> int:
        def take(chunk: bytes) -> None:
            nonlocal received
            write(chunk)
            received += len(chunk)
            if progress is not None:
                progress(received)

        return await fetch(take)

    size = await save_to(destination, counted, _check_zip)
    return SavedExport(destination, size)


def _check_zip(path: Path, size: int) -> None:
    """A ZIP cut off by the network has no central directory, which comes last."""
    try:
        with zipfile.ZipFile(path) as archive:
            whole = "README.md" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        whole = False
    if not whole:
        raise ServiceError(
            "export_incomplete", f"The export broke off after {size} bytes. Try again."
        )


class PrivacyService:
    """The signed-in user's own data, over the app's shared HTTP client."""

    def __init__(self, accounts: AccountService, token: str) -> None:
        self._accounts = accounts
        self._token = token

    async def _call(self, method: str, path: str, body: Any = None) -> Any:
        return await self._accounts.request(method, path, token=self._token, json=body)

    async def me(self) -> SignedInUser:
        return await self._accounts.me(self._token)

    async def correct(
        self,
        *,
        name: str | None = None,
        email: str | None = None,
        current_password: str | None = None,
    ) -> SignedInUser:
        """A new name at once; a new e-mail address needs the current password."""
        body = {
            key: value
            for key, value in (
                ("name", name),
                ("email", email),
                ("current_password", current_password),
            )
            if value
        }
        return signed_in_user(await self._call("PATCH", "/api/v1/me", body))

    async def restrictions(self) -> MyRestrictions:
        return _mine(await self._call("GET", "/api/v1/me/restrictions"))

    async def restrict(self, choice: Restrictions) -> MyRestrictions:
        return _mine(await self._call("PUT", "/api/v1/me/restrictions", choice.to_json()))

    async def export(self, destination: Path, progress: Progress | None = None) -> SavedExport:
        """Your account and the audit trail's entries about you, as a ZIP in `destination`."""

        async def fetch(write: Write) -> int:
            return await self._accounts.download(
                "/api/v1/me/export", token=self._token, params=None, write=write
            )

        return await save_export(fetch, destination, progress)


def _mine(data: Mapping[str, Any]) -> MyRestrictions:
    return MyRestrictions(Restrictions.of(data["own"]), Restrictions.of(data["organisation"]))

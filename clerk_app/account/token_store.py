"""Where the session token is kept between runs: the OS keyring, or only in memory (Qt-free).

A keyring may block (an unlock prompt, a slow D-Bus service), so every keyring call runs in
a worker thread; the UI awaits it. Without a usable keyring backend the token lives only in
memory and the clerk logs in again at the next start.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Protocol

log = logging.getLogger(__name__)
SERVICE_NAME = "videoclerk"


class TokenStore(Protocol):
    @property
    def persistent(self) -> bool:
        """True when a token survives the app's exit (an OS keyring holds it)."""
        ...

    @property
    def description(self) -> str: ...

    async def load(self, server_url: str) -> str | None: ...

    async def save(self, server_url: str, token: str) -> None: ...

    async def forget(self, server_url: str) -> None: ...


class MemoryTokenStore:
    """Keeps tokens for the life of the process only."""

    def __init__(self) -> None:
        self._tokens: dict[str, str] = {}

    @property
    def persistent(self) -> bool:
        return False

    @property
    def description(self) -> str:
        return "memory"

    async def load(self, server_url: str) -> str | None:
        return self._tokens.get(server_url)

    async def save(self, server_url: str, token: str) -> None:
        self._tokens[server_url] = token

    async def forget(self, server_url: str) -> None:
        self._tokens.pop(server_url, None)


class KeyringTokenStore:
    """Keeps one token per server address in the OS keyring; falls back to memory when the
    keyring fails (the failure is logged, never shown as a traceback)."""

    def __init__(self, backend: object) -> None:
        self._backend = backend
        self._memory = MemoryTokenStore()
        self._broken = False

    @property
    def persistent(self) -> bool:
        return not self._broken

    @property
    def description(self) -> str:
        return "memory" if self._broken else f"keyring ({type(self._backend).__name__})"

    async def load(self, server_url: str) -> str | None:
        if self._broken:
            return await self._memory.load(server_url)
        try:
            value = await asyncio.to_thread(
                self._backend.get_password,  # type: ignore[attr-defined]
                SERVICE_NAME,
                server_url,
            )
        except Exception as exc:  # any backend error: fall back, never crash the UI
            self._fail(exc)
            return await self._memory.load(server_url)
        return value if isinstance(value, str) and value else None

    async def save(self, server_url: str, token: str) -> None:
        await self._memory.save(server_url, token)
        if self._broken:
            return
        try:
            await asyncio.to_thread(
                self._backend.set_password,  # type: ignore[attr-defined]
                SERVICE_NAME,
                server_url,
                token,
            )
        except Exception as exc:
            self._fail(exc)

    async def forget(self, server_url: str) -> None:
        await self._memory.forget(server_url)
        if self._broken:
            return
        try:
            await asyncio.to_thread(
                self._backend.delete_password,  # type: ignore[attr-defined]
                SERVICE_NAME,
                server_url,
            )
        except Exception as exc:
            if type(exc).__name__ != "PasswordDeleteError":  # nothing stored: fine
                self._fail(exc)

    def _fail(self, exc: BaseException) -> None:
        log.warning("the keyring failed (%s); the session token stays in memory only", exc)
        self._broken = True


def default_token_store() -> TokenStore:
    """The OS keyring when a usable backend exists, otherwise memory."""
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
    except Exception as exc:  # a broken keyring installation must not stop the app
        log.warning("no keyring (%s); the session token stays in memory only", exc)
        return MemoryTokenStore()
    priority = getattr(backend, "priority", 0)
    if isinstance(backend, fail.Keyring) or not isinstance(priority, int | float) or priority <= 0:
        return MemoryTokenStore()
    return KeyringTokenStore(backend)

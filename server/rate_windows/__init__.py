"""Rate windows: at most `limit` events per `seconds`, counted per key (a visitor's IP).

A single process counts in its own memory, the default of `make run`. With `limits_url` every
process counts in one Redis (redis_counts.py), so that a load balancer spreading one address
over N processes does not let it through N times as often (docs/scale-out.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from server import clock
from server.queue import rules

if TYPE_CHECKING:
    from server.config import Settings
    from server.rate_windows.redis_counts import SharedCounts


class RateWindow(Protocol):
    async def allow(self, key: str) -> bool:
        """Count one event for `key`; False, counting nothing, when its window is full."""


class LocalWindow:
    """Counted in this process's memory, on the server's clock (tests move it)."""

    def __init__(self, limit: int, seconds: float) -> None:
        self._window = rules.SlidingWindow(limit, seconds)

    async def allow(self, key: str) -> bool:
        return self._window.allow(key, clock.monotonic())


class RateWindows:
    """Where this process counts its windows: in memory, or in the shared store."""

    def __init__(self, shared: SharedCounts | None = None) -> None:
        self._shared = shared

    @classmethod
    def from_settings(cls, settings: Settings) -> RateWindows:
        if settings.limits_url is None:
            return cls()
        from server.rate_windows.redis_counts import SharedCounts

        return cls(SharedCounts.from_settings(settings, settings.limits_url))

    def window(self, name: str, limit: int, seconds: float = 60.0) -> RateWindow:
        """The window `name`; with a shared store, one window across all processes."""
        local = LocalWindow(limit, seconds)
        if self._shared is None:
            return local
        return self._shared.window(name, limit, seconds, fallback=local)

    async def start(self) -> None:
        """Say in the log at once if the shared store does not answer (the process serves
        anyway, counting in memory until it does)."""
        await self.reachable()

    async def reachable(self) -> bool:
        """Whether the windows are counted where they should be: always, without a shared
        store; with one, whether it answers now."""
        return self._shared is None or await self._shared.check()

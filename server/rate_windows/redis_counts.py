"""Rate windows counted in Redis (`limits_url`), shared by every server process.

The `limits` library's moving window: a key holds the times of its last `limit` events, is
written atomically (one Lua script, so two processes never both take the last place) and
expires by itself after the window.

No address reaches Redis in clear (P1): a key holds an HMAC-SHA256 of the address, keyed with
a secret that every process derives from the data folder's MAC keyset (the one that signs
unsubscribe links, which all processes of a deployment share already). A plain hash would not
do: anyone reading Redis could hash all 2^32 IPv4 addresses and find who called.

When Redis does not answer within `limits_timeout_seconds`, the windows count in this
process's memory instead, with a warning in the log, until Redis answers again (tried again
after RETRY_SECONDS, or as soon as /health finds it answering). Refusing every visitor instead
would turn an outage of a helper store into an outage of the service; counting in memory
still bounds each address, at most N times the limit over N processes, as before
`limits_url`. Meanwhile /health says `"limits": "this_process"` for the operator to see;
/ready stays 204, because every process shares the Redis and a balancer would drop them all.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
from urllib.parse import urlsplit

from limits import RateLimitItem, RateLimitItemPerSecond
from limits.aio.storage import RedisStorage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import StorageError

from server import clock
from server.config import Settings
from server.rate_windows import RateWindow
from server.sealing import Signer

log = logging.getLogger("videoclerk.limits")

RETRY_SECONDS = 5.0
"""How long windows count in memory after Redis failed to answer, before it is tried again."""
SECRET_LABEL = b"videoclerk rate-limit keys v1"
"""What the data folder's MAC keyset signs to make the secret the keys are hashed with."""


def address_key(secret: bytes, address: str) -> str:
    """The key an address is counted under: the same in every process, and no way back."""
    return hmac.new(secret, address.encode(), hashlib.sha256).hexdigest()


class SharedCounts:
    """One Redis connection pool for all of this process's windows, and whether it answers."""

    def __init__(self, url: str, *, prefix: str, secret: bytes, timeout: float) -> None:
        self._where = _without_credentials(url)
        self._storage = RedisStorage(
            f"async+{url}",
            key_prefix=prefix,
            wrap_exceptions=True,
            stream_timeout=timeout,
            connect_timeout=timeout,
        )
        self._limiter = MovingWindowRateLimiter(self._storage)
        self._secret = secret
        self._timeout = timeout
        self._retry_at: float | None = None  # set while Redis is out of reach

    @classmethod
    def from_settings(cls, settings: Settings, url: str) -> SharedCounts:
        secret = Signer(settings.mail_links_keyset_path).sign(SECRET_LABEL)
        return cls(
            url,
            prefix=settings.limits_key_prefix,
            secret=secret,
            timeout=settings.limits_timeout_seconds,
        )

    def window(self, name: str, limit: int, seconds: float, *, fallback: RateWindow) -> RateWindow:
        return SharedWindow(self, name, RateLimitItemPerSecond(limit, round(seconds)), fallback)

    async def hit(self, item: RateLimitItem, name: str, address: str) -> bool | None:
        """Count one event in Redis; None when Redis is out of reach (nothing was counted)."""
        if self._retry_at is not None and clock.monotonic() < self._retry_at:
            return None
        key = address_key(self._secret, address)
        try:
            allowed = await asyncio.wait_for(self._limiter.hit(item, name, key), self._timeout)
        except (StorageError, TimeoutError) as error:
            self._unreachable(str(error) or "no answer")
            return None
        self._answered()
        return allowed

    async def check(self) -> bool:
        """Whether Redis answers a PING now."""
        try:
            answers = await asyncio.wait_for(self._storage.check(), self._timeout)
        except TimeoutError:
            answers = False
        if answers:
            self._answered()
        else:
            self._unreachable("no answer to PING")
        return answers

    def _unreachable(self, why: str) -> None:
        if self._retry_at is None:
            log.warning(
                "Shared limits: Redis at %s does not answer (%s); visitors' connections and "
                "joins are counted in this process only until it does.",
                self._where,
                why,
            )
        self._retry_at = clock.monotonic() + RETRY_SECONDS

    def _answered(self) -> None:
        if self._retry_at is not None:
            log.info("Shared limits: Redis at %s answers again.", self._where)
            self._retry_at = None


class SharedWindow:
    """One window across all processes; in `fallback` while Redis is out of reach."""

    def __init__(
        self, counts: SharedCounts, name: str, item: RateLimitItem, fallback: RateWindow
    ) -> None:
        self._counts = counts
        self._name = name
        self._item = item
        self._fallback = fallback

    async def allow(self, key: str) -> bool:
        allowed = await self._counts.hit(self._item, self._name, key)
        return await self._fallback.allow(key) if allowed is None else allowed


def _without_credentials(url: str) -> str:
    """The URL to name in the log: a password in it stays out."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"

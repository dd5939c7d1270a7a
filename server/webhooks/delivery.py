"""The webhook sender: claims due deliveries, signs and posts them, records every attempt.

Started and stopped with the app (its lifespan). It wakes when `outbox.wake` is set (a new
delivery, after its transaction committed; an attempt ended) or when the next delivery
comes due on the server clock, so a test moves the clock instead of waiting. On start it
looks at the table first: deliveries left pending by a stopped server go out on schedule.

A delivery is claimed with one UPDATE … RETURNING, so one process delivers it; the claim
holds for `LEASE_SECONDS`, after which a process that died mid-attempt is taken over.
Network I/O happens outside every transaction; each outcome is written in one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import tink
from standardwebhooks import Webhook

from server import __version__, clock, security
from server.config import Settings
from server.sealing import Sealer
from server.sql import Database, Row
from server.webhooks import rules, store, targets
from server.webhooks.models import ClaimedDelivery
from server.webhooks.outbox import wake
from server.webhooks.signing import open_secret

log = logging.getLogger("videoclerk.webhooks")
MAX_IN_FLIGHT = 8
LEASE_SECONDS = 120.0
READ_LIMIT = 1024


@dataclass(frozen=True)
class Outcome:
    http_status: int | None
    error: str | None
    duration_ms: int
    excerpt: str | None

    @property
    def delivered(self) -> bool:
        return self.http_status is not None and 200 <= self.http_status < 300


@contextlib.asynccontextmanager
async def sender(db: Database, settings: Settings, sealer: Sealer) -> AsyncIterator[None]:
    """Deliver webhooks (also those left from before a restart) while the app runs."""
    worker = _Sender(db, settings, sealer)
    task = asyncio.get_running_loop().create_task(worker.run())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await worker.close()


class _Sender:
    def __init__(self, db: Database, settings: Settings, sealer: Sealer) -> None:
        self.db = db
        self.settings = settings
        self.sealer = sealer
        # No connection is kept for a second request: two hosts on one address must never
        # share a connection whose TLS was checked for the other. No proxy from the
        # environment either: the request goes to the address that was checked.
        self.http = httpx.AsyncClient(
            timeout=settings.webhooks_timeout_seconds,
            follow_redirects=False,
            trust_env=False,
            limits=httpx.Limits(max_keepalive_connections=0),
        )
        self._in_flight: dict[str, str] = {}  # delivery id → the claim it settles under
        self._tasks: set[asyncio.Task[None]] = set()
        self._timer: clock.Deadline | None = None

    async def close(self) -> None:
        """Stop attempts under way and give their deliveries back, due at once: the next
        server to start sends them without waiting for their leases to run out."""
        claims = set(self._in_flight.values())
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        with self.db.atomic():
            for claim in claims:
                store.release(self.db, claim, clock.now_iso())
        await self.http.aclose()

    async def run(self) -> None:
        while True:
            wake.clear()
            try:
                self._claim_and_start()
                self._schedule_next()
            except Exception:  # a bug must not stop all deliveries; try again on the next wake
                log.exception("webhook sender: claiming deliveries failed")
            await wake.wait()

    def _claim_and_start(self) -> None:
        free = MAX_IN_FLIGHT - len(self._in_flight)
        if free <= 0:
            return
        claim = security.new_id("claim")
        claimed = store.claim_due(
            self.db,
            now=clock.now_iso(),
            lease_until=clock.later(LEASE_SECONDS),
            claim=claim,
            limit=free,
        )
        for delivery in claimed:
            known = delivery.id in self._in_flight
            self._in_flight[delivery.id] = claim  # our own lease ran out: settle under the new one
            if not known:
                task = asyncio.get_running_loop().create_task(self._deliver(delivery))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)

    def _schedule_next(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if len(self._in_flight) >= MAX_IN_FLIGHT:
            return  # an attempt's end wakes the loop
        due = store.next_due(self.db)
        if due is not None:
            seconds = (clock.parse(due) - clock.now()).total_seconds()
            self._timer = clock.after(max(0.0, seconds), wake.set)

    async def _deliver(self, delivery: ClaimedDelivery) -> None:
        try:
            outcome = await self._attempt(delivery)
            self._settle(delivery, outcome)
        except Exception:  # the lease runs out and the delivery is tried again
            log.exception("webhook delivery %s: attempt failed unexpectedly", delivery.id)
        finally:
            self._in_flight.pop(delivery.id, None)
            wake.set()

    async def _attempt(self, delivery: ClaimedDelivery) -> Outcome:
        started = time.perf_counter()
        endpoint = store.endpoint(self.db, delivery.organisation_id)
        if (
            endpoint is None
            or not endpoint.enabled
            or not endpoint.url
            or endpoint.secret_sealed is None
        ):
            return _failure("EndpointDisabled", started)
        try:
            secret = open_secret(
                self.sealer, endpoint.secret_sealed, organisation_id=endpoint.organisation_id
            )
        except tink.TinkError:
            return _failure("SecretUnreadable", started)
        try:
            target = await targets.check(
                endpoint.url, allow_private=self.settings.webhooks_allow_private_targets
            )
        except targets.RefusedTarget:
            return _failure("RefusedTarget", started)
        moment = clock.now()
        headers = {
            "content-type": "application/json",
            "accept-encoding": "identity",  # raw bytes: a compressed answer cannot balloon
            "user-agent": f"videoclerk-webhooks/{__version__}",
            "host": target.host,
            "webhook-id": delivery.id,
            "webhook-timestamp": str(int(moment.timestamp())),
            "webhook-signature": Webhook(secret).sign(delivery.id, moment, delivery.body),
        }
        extensions = {"sni_hostname": target.sni_hostname} if target.sni_hostname else {}
        request = self.http.build_request(
            "POST",
            target.url,
            content=delivery.body.encode(),
            headers=headers,
            extensions=extensions,
        )
        try:
            async with asyncio.timeout(self.settings.webhooks_timeout_seconds):
                response = await self.http.send(request, stream=True)
                try:
                    head = await _read_head(response)
                finally:
                    await response.aclose()
        except (httpx.HTTPError, OSError, TimeoutError) as exc:
            return _failure(type(exc).__name__, started)
        return Outcome(response.status_code, None, _elapsed_ms(started), rules.excerpt(head))

    def _settle(self, delivery: ClaimedDelivery, outcome: Outcome) -> None:
        now = clock.now_iso()
        failures = delivery.failures + (0 if outcome.delivered else 1)
        changes: Row
        if outcome.delivered:
            changes = {"status": "delivered", "delivered_at": now, "next_attempt_at": None}
        else:
            delay = rules.retry_delay(failures, secrets.SystemRandom().uniform(-1.0, 1.0))
            if delay is None:
                changes = {"status": "failed", "next_attempt_at": None}
            else:
                changes = {"status": "pending", "next_attempt_at": clock.later(delay)}
        claim = self._in_flight.get(delivery.id, delivery.claim)
        with self.db.atomic():
            store.insert_attempt(
                self.db,
                {
                    "delivery_n": delivery.n,
                    "at": now,
                    "http_status": outcome.http_status,
                    "error": outcome.error,
                    "duration_ms": outcome.duration_ms,
                    "response_excerpt": outcome.excerpt,
                },
            )
            settled = store.settle(
                self.db, n=delivery.n, claim=claim, changes={**changes, "failures": failures}
            )
        log.info(
            "webhook delivery %s: %s -> %s%s",
            delivery.id,
            outcome.http_status or outcome.error,
            changes["status"],
            "" if settled else " (claim lost to another process)",
        )


async def _read_head(response: httpx.Response) -> bytes:
    """At most `READ_LIMIT` bytes of the answer: a receiver cannot make us read more."""
    head = b""
    async for chunk in response.aiter_raw():
        head += chunk
        if len(head) >= READ_LIMIT:
            break
    return head[:READ_LIMIT]


def _elapsed_ms(started: float) -> int:
    return round((time.perf_counter() - started) * 1000)


def _failure(error: str, started: float) -> Outcome:
    return Outcome(None, error, _elapsed_ms(started), None)

"""The bus's link to the other server processes over NATS core publish/subscribe.

NATS rather than Redis or PostgreSQL's LISTEN/NOTIFY: subjects with wildcards, no payload
limit that an SDP could meet (NOTIFY stops at 8,000 bytes), no persistence we would have to
expire, and its client reconnects by itself. Messages are fire-and-forget: a process that
is down misses them, which is right for what travels here (revocations it will read from
the database when it comes back, and live updates it has no socket for).

Every server of one deployment shares a subject prefix (`bus_subject_prefix`), so that
several deployments, or parallel test servers, can share one NATS server.

What is queued for one subject while the sender works goes out in frames (frames.py): a
take's thousands of positions for one front are a few NATS messages, not thousands.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterable, Sequence

import nats
from nats.aio.client import Client
from nats.aio.msg import Msg

from server.bus import frames

log = logging.getLogger(__name__)

START_SECONDS = 5.0
"""How long a starting server tries to reach NATS before it gives up and stops."""


DELIVERIES_PER_TURN = 50
"""A frame's messages handed over in one turn of the event loop. A burst of arrivals is a
frame of hundreds of joins, each a commit; in between, the loop serves sockets and renews
the queues' leases (a home that cannot renew in time loses its queue)."""


class BusUnreachable(RuntimeError):
    """The NATS server could not be reached at start."""


class NatsLink:
    """One connection per process: it receives the subjects this process subscribed to from
    every other process (`no_echo`: never its own), and sends in the order messages were
    queued (within a subject; NATS does not order one subject's messages against another's).
    Only those subjects: a message to one process (a queue's front) reaches that process
    alone, not every process of the deployment."""

    def __init__(self, url: str, prefix: str) -> None:
        self._url = url
        self._prefix = prefix
        self._outgoing: list[tuple[str, bytes]] = []
        self._queued = asyncio.Event()
        self._closing = False
        self._client: Client | None = None
        self._sender: asyncio.Task[None] | None = None

    async def start(self, deliver: Callable[[str, bytes], None], subjects: Iterable[str]) -> None:
        try:
            # Once connected, the client reconnects for ever (a NATS restart must not cut a
            # process off for good); the first connection gets a deadline instead.
            connecting = nats.connect(
                self._url,
                name="videoclerk-server",
                no_echo=True,
                max_reconnect_attempts=-1,
                error_cb=_log_error,
            )
            self._client = await asyncio.wait_for(connecting, timeout=START_SECONDS)
        except Exception as error:
            timed_out = isinstance(error, TimeoutError)
            why = f"no answer within {START_SECONDS:g} s" if timed_out else error
            raise BusUnreachable(
                f"Cannot reach the event bus at {self._url} ({why}). "
                "Start NATS, or unset bus_url to run a single server process."
            ) from error
        start = len(self._prefix) + 1

        async def received(message: Msg) -> None:
            subject = message.subject[start:]
            try:
                payloads = frames.unpack(message.data)
            except frames.FrameError as error:
                log.warning("Event bus: %s dropped (%s)", subject, error)
                return
            for n, payload in enumerate(payloads, start=1):
                try:
                    deliver(subject, payload)
                except Exception:  # the frame's other messages are still delivered
                    log.exception("Event bus: a handler of %s failed", subject)
                if n % DELIVERIES_PER_TURN == 0:
                    await asyncio.sleep(0)

        for subject in subjects:  # NATS's `*` is one token, as the bus's `.*` is
            await self._client.subscribe(f"{self._prefix}.{subject}", cb=received)
        await self._client.flush()  # subscribed at the NATS server before anyone publishes
        self._sender = asyncio.create_task(self._send_queued(self._client))

    @property
    def connected(self) -> bool:
        return self._client is not None and self._client.is_connected

    def send(self, subject: str, payload: bytes) -> None:
        self._outgoing.append((subject, payload))
        self._queued.set()

    async def _send_queued(self, client: Client) -> None:
        """Send what is queued, subject by subject in frames, until `close` and all is sent."""
        while self._outgoing or not self._closing:
            await self._queued.wait()
            self._queued.clear()
            queued, self._outgoing = self._outgoing, []
            by_subject: dict[str, list[bytes]] = {}
            for subject, payload in queued:
                by_subject.setdefault(subject, []).append(payload)
            for subject, payloads in by_subject.items():
                await self._publish(client, subject, payloads)

    async def _publish(self, client: Client, subject: str, payloads: Sequence[bytes]) -> None:
        for frame in frames.pack(payloads, limit=client.max_payload):
            try:
                await client.publish(f"{self._prefix}.{subject}", frame)
            except Exception as error:  # one lost frame must not silence the process
                log.warning("Event bus: %s not sent (%s)", subject, error)

    async def close(self) -> None:
        if self._client is None:
            return
        await self._stop_sending()
        await self._client.drain()
        self._client = None

    async def _stop_sending(self) -> None:
        """Send what is queued (for at most 5 seconds), then stop the sender."""
        if self._sender is None:
            return
        self._closing = True
        self._queued.set()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(self._sender), timeout=5)
        self._sender.cancel()


async def _log_error(error: Exception) -> None:
    log.warning("Event bus: %s", error)

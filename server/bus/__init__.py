"""Messages between the parts of the server, and between server processes.

A `Bus` delivers each message to this process's subscribers and, when it has a link (NATS,
`bus_url`), to every other server process on the same subjects. Without a link it is the
single-process default of `make run`. Delivery is always later on the event loop, never
inside the publisher's call: a publisher may publish inside a database transaction, and
what it publishes leaves only after the transaction's synchronous code (its commit) has run.
Publishing is safe from any thread.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterable
from functools import partial
from typing import Protocol

Handler = Callable[[bytes], None]
"""Called on the event loop with a message's payload."""


class Link(Protocol):
    """A transport to the other server processes (see server/bus/nats_link.py)."""

    @property
    def connected(self) -> bool:
        """Whether messages reach the other processes now."""

    async def start(self, deliver: Callable[[str, bytes], None], subjects: Iterable[str]) -> None:
        """Connect; from now on call `deliver(subject, payload)` for other processes'
        messages to `subjects` (each may end in `.*`), on the event loop."""

    def send(self, subject: str, payload: bytes) -> None:
        """Queue a message for the other processes (called on the event loop)."""

    async def close(self) -> None:
        """Send what is queued, then disconnect."""


class Bus:
    """Publish/subscribe by subject, within this process and, with a link, across processes."""

    def __init__(self, link: Link | None = None) -> None:
        self._link = link
        self._handlers: dict[str, list[Handler]] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread: int | None = None

    @property
    def connected(self) -> bool:
        """Whether the other processes hear this one now (always, without a link)."""
        return self._link is None or self._link.connected

    def subscribe(self, subject: str, handler: Handler) -> None:
        """`subject` may end in `.*`: then every subject one token deeper reaches `handler`.
        Subscribe before `start`: the link subscribes to the other processes' messages
        then, once, for the subjects known."""
        if self._loop is not None and self._link is not None:
            raise RuntimeError(f"subscribe to {subject!r} before the bus starts")
        self._handlers.setdefault(subject, []).append(handler)

    async def start(self) -> None:
        """Begin delivering: on this loop, and from the link if there is one."""
        self._loop = asyncio.get_running_loop()
        self._loop_thread = threading.get_ident()
        if self._link is not None:
            await self._link.start(self._deliver, list(self._handlers))

    async def close(self) -> None:
        if self._link is not None:
            await self._link.close()
        self._loop = self._loop_thread = None

    def publish(self, subject: str, payload: bytes = b"", *, here: bool = True) -> None:
        """Deliver to every subscriber of `subject`: in this process too unless `here` is
        False (the publisher has acted locally already). Before `start` (a command-line
        process), or after `close`, this process's subscribers get it directly and no
        other process does."""
        loop = self._loop
        if loop is None:
            if here:
                self._deliver(subject, payload)
            return
        if threading.get_ident() != self._loop_thread:
            loop.call_soon_threadsafe(partial(self.publish, subject, payload, here=here))
            return
        # On the loop's thread: no wake-up of the loop per message (a take at a queue's home
        # publishes one per visitor behind); the link sends only once this code has yielded.
        if here:
            loop.call_soon(self._deliver, subject, payload)
        if self._link is not None:
            self._link.send(subject, payload)

    def _deliver(self, subject: str, payload: bytes) -> None:
        parent = subject.rpartition(".")[0]
        for handler in (*self._handlers.get(subject, ()), *self._handlers.get(f"{parent}.*", ())):
            handler(payload)

"""Ordered, non-blocking, bounded sending on one WebSocket.

Queue operations are plain synchronous code (so that, on the single event loop, each one is
atomic); they hand messages to an Outbox, which writes them in order in a short-lived task.
A client that stops reading must not make the server buffer without limit: once more than
`limit_bytes` wait to be sent, the socket is closed with 4408 and its party counts as dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import Coroutine
from typing import Any, Protocol

from pydantic import BaseModel
from starlette.websockets import WebSocket

from videoclerk_protocol.messages import CLOSE_SLOW_READER

DEFAULT_LIMIT_BYTES = 4 * 1024 * 1024
_running: set[asyncio.Task[None]] = set()


class Outbox:
    __slots__ = ("_limit", "_pending", "_pending_bytes", "_task", "_ws", "closed")

    def __init__(self, ws: WebSocket, limit_bytes: int = DEFAULT_LIMIT_BYTES) -> None:
        self._ws = ws
        self._limit = limit_bytes
        # Only while sending: an idle socket keeps no buffer (an empty deque is 760 bytes, and
        # thousands of visitors wait idle).
        self._pending: deque[str] | None = None
        self._pending_bytes = 0
        self._task: asyncio.Task[None] | None = None
        self.closed = False

    def send(self, message: BaseModel | str) -> None:
        """Queue a message, or its JSON text when one text goes to many sockets."""
        if self.closed:
            return
        text = message if isinstance(message, str) else message.model_dump_json()
        if self._pending is None:
            self._pending = deque()
        self._pending.append(text)
        self._pending_bytes += len(text)
        if self._pending_bytes > self._limit:
            self._overflow()
        elif self._task is None:
            self._start(self._flush())

    def _start(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(work)
        _running.add(task)
        task.add_done_callback(_running.discard)
        self._task = task

    async def _flush(self) -> None:
        pending = self._pending
        assert pending is not None
        try:
            while pending:
                text = pending.popleft()
                self._pending_bytes -= len(text)
                await self._ws.send_text(text)
        except Exception:
            self.closed = True
            pending.clear()
        finally:
            self._task = None
            self._pending = None

    def _overflow(self) -> None:
        """Cut off a reader that fell too far behind, instead of buffering for it."""
        self.closed = True
        self._pending = None
        self._pending_bytes = 0
        if self._task is not None:
            self._task.cancel()
        self._start(self._close(CLOSE_SLOW_READER, "too slow"))

    async def _close(self, code: int, reason: str) -> None:
        with contextlib.suppress(Exception):
            await self._ws.close(code, reason)

    def close_soon(self, code: int, reason: str = "") -> None:
        """`close` from synchronous code: what is pending goes first, then the close frame."""
        task = asyncio.get_running_loop().create_task(self.close(code, reason))
        _running.add(task)
        task.add_done_callback(_running.discard)

    async def close(self, code: int = 1000, reason: str = "") -> None:
        """Send what is pending, then close."""
        if self._task is not None:
            with contextlib.suppress(Exception):
                await self._task
        self.closed = True
        await self._close(code, reason)


class PartyOutbox(Protocol):
    """What the queue needs of a party's outbox: an `Outbox` on this process's socket, or a
    `RemoteOutbox` (wire.py) to a socket on another process."""

    closed: bool

    def send(self, message: BaseModel | str) -> None: ...

    def close_soon(self, code: int, reason: str = "") -> None: ...

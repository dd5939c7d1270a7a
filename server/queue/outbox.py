"""Ordered, non-blocking sending on one WebSocket.

Queue operations are plain synchronous code (so that, on the single event loop, each one is
atomic); they hand messages to an Outbox, which writes them in order in a short-lived task.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque

from pydantic import BaseModel
from starlette.websockets import WebSocket

_flushing: set[asyncio.Task[None]] = set()


class Outbox:
    __slots__ = ("_pending", "_task", "_ws", "closed")

    def __init__(self, ws: WebSocket) -> None:
        self._ws = ws
        self._pending: deque[str] = deque()
        self._task: asyncio.Task[None] | None = None
        self.closed = False

    def send(self, message: BaseModel) -> None:
        if self.closed:
            return
        self._pending.append(message.model_dump_json())
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._flush())
            _flushing.add(self._task)
            self._task.add_done_callback(_flushing.discard)

    async def _flush(self) -> None:
        try:
            while self._pending:
                await self._ws.send_text(self._pending.popleft())
        except Exception:
            self.closed = True
            self._pending.clear()
        finally:
            self._task = None

    async def close(self, code: int = 1000, reason: str = "") -> None:
        """Send what is pending, then close."""
        if self._task is not None:
            with contextlib.suppress(Exception):
                await self._task
        self.closed = True
        with contextlib.suppress(Exception):
            await self._ws.close(code, reason)

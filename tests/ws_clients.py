"""Scripted sockets speaking the WebSocket protocol, for tests and benchmarks without a browser."""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, TypeAdapter
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from videoclerk_protocol import messages as p


class ScriptedSocket:
    path = ""
    adapter: TypeAdapter[Any] = p.to_visitor_message

    def __init__(self, ws_url: str) -> None:
        self.ws_url = ws_url
        self.ws: ClientConnection | None = None
        self.welcome: Any = None
        self.inbox: asyncio.Queue[BaseModel] = asyncio.Queue()
        self._reader: asyncio.Task[None] | None = None

    async def open(self, first: dict[str, Any], **connect_options: Any) -> Any:
        self.ws = await connect(
            f"{self.ws_url}{self.path}", proxy=None, user_agent_header=None, **connect_options
        )
        self._reader = asyncio.get_running_loop().create_task(self._read())
        with contextlib.suppress(ConnectionClosed):  # refused at once: the error is in the inbox
            await self.send(first)
        self.welcome = await self.expect("welcome", "error")
        return self.welcome

    async def _read(self) -> None:
        assert self.ws is not None
        with contextlib.suppress(ConnectionClosed):
            async for raw in self.ws:
                await self.inbox.put(self.adapter.validate_json(raw))

    async def send(self, data: dict[str, Any] | str) -> None:
        assert self.ws is not None
        await self.ws.send(data if isinstance(data, str) else json.dumps(data))

    async def expect(self, *types: str, timeout: float = 10.0) -> Any:
        """The next message of one of `types`, skipping others (positions, snapshots, pongs)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            message = await asyncio.wait_for(self.inbox.get(), max(0.01, deadline - loop.time()))
            if getattr(message, "type", None) in types:
                return message

    async def drop(self) -> None:
        """The network goes: the connection ends with no close frame (an abnormal drop)."""
        assert self.ws is not None
        self.ws.transport.abort()
        await self.close()

    def stop_reading(self) -> None:
        """A half-open connection: nothing more is read, so no ping is answered."""
        assert self.ws is not None
        self.ws.transport.pause_reading()

    async def close_code(self) -> int | None:
        """How the server closed this socket (waits for the close)."""
        assert self.ws is not None
        await self.ws.wait_closed()
        return self.ws.close_code

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self._reader is not None:
            self._reader.cancel()
            await asyncio.gather(self._reader, return_exceptions=True)


class ScriptedVisitor(ScriptedSocket):
    path = "/ws/visitor"
    adapter = p.to_visitor_message

    def __init__(self, ws_url: str, widget_key: str, *, session_id: str | None = None) -> None:
        super().__init__(ws_url)
        self.widget_key = widget_key
        self.session_id = session_id or secrets.token_urlsafe(16)

    async def connect(self, *, language: str = "en", **connect_options: Any) -> Any:
        hello = {
            "type": "hello",
            "protocol": 1,
            "widget_key": self.widget_key,
            "session_id": self.session_id,
            "language": language,
        }
        return await self.open(hello, **connect_options)

    async def join(
        self, queue_id: str, *, recording: bool = False, transcription: bool = False, **extra: Any
    ) -> Any:
        await self.send(
            {
                "type": "join",
                "queue_id": queue_id,
                "consent": {"recording": recording, "transcription": transcription},
                **extra,
            }
        )
        return await self.expect("queued", "error")


class ScriptedClerk(ScriptedSocket):
    path = "/ws/clerk"
    adapter = p.to_clerk_message

    def __init__(self, ws_url: str, token: str) -> None:
        super().__init__(ws_url)
        self.token = token

    async def connect(self, **connect_options: Any) -> Any:
        return await self.open(
            {"type": "auth", "protocol": 1, "token": self.token}, **connect_options
        )

    async def available(self, *, timeout: float = 10.0) -> None:
        await self.send({"type": "presence", "state": "available"})
        while (await self.expect("presence", timeout=timeout)).state != "available":
            pass


async def until_queue(clerk: ScriptedClerk, done: Callable[[Any], bool]) -> Any:
    """The first queue snapshot the clerk receives for which `done` holds."""
    while not done(snapshot := await clerk.expect("queue")):
        pass
    return snapshot

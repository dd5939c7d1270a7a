"""The clerk's WebSocket to the server: authenticate, receive live updates, reconnect.

Qt-free. Whoever listens gets every server message as a validated protocol model and every
change of the link as a `LinkState`; the caller never touches the socket itself. A dropped
socket is retried with backoff and jitter (`backoff.reconnect_delay`); a close with
`CLOSE_UNAUTHORISED` means the session has ended, and is never retried.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from clerk_app.errors import ServerUnreachable, ServiceError
from clerk_app.queue.backoff import reconnect_delay
from clerk_app.server_address import ServerAddress
from videoclerk_protocol import messages as p

log = logging.getLogger(__name__)
MessageListener = Callable[[BaseModel], None]
LinkListener = Callable[["LinkState"], None]
Backoff = Callable[[int], float]  # attempt number (0 first) -> seconds to wait
Clock = Callable[[], float]  # monotonic seconds


class LinkState(enum.Enum):
    CONNECTING = "connecting"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"
    CLOSED = "closed"


class ClerkConnection:
    """One authenticated clerk socket that comes back by itself after a network drop."""

    def __init__(
        self,
        server: ServerAddress,
        token: str,
        *,
        backoff: Backoff = reconnect_delay,
        clock: Clock | None = None,  # when the grace period ends; the event loop's if None
    ) -> None:
        self.server = server
        self._token = token
        self._backoff = backoff
        self._clock = clock
        self._ws: ClientConnection | None = None
        self._reader: asyncio.Task[None] | None = None
        self._closing = False
        self._message_listeners: list[MessageListener] = []
        self._link_listeners: list[LinkListener] = []
        self.state = LinkState.CLOSED
        self.welcome: p.Welcome | None = None
        self.grace_seconds = 30.0
        # Set when the server closed with CLOSE_UNAUTHORISED: the close reason (an error code
        # such as "session_expired"), or "not_authenticated" when it gave none.
        self.session_ended: str | None = None

    def add_message_listener(self, listener: MessageListener) -> None:
        self._message_listeners.append(listener)

    def add_link_listener(self, listener: LinkListener) -> None:
        self._link_listeners.append(listener)

    async def open(self) -> p.Welcome:
        """Connect and authenticate; raises ServiceError with the server's reason when refused."""
        self._closing = False
        self.session_ended = None
        self._set_state(LinkState.CONNECTING)
        try:
            welcome = await self._connect()
        except BaseException:
            self._set_state(LinkState.CLOSED)
            raise
        self._reader = asyncio.get_running_loop().create_task(self._read_forever())
        return welcome

    async def _connect(self) -> p.Welcome:
        try:
            ws = await connect(
                f"{self.server.websocket_url}/ws/clerk",
                ssl=self.server.ssl_context(),
                open_timeout=10,
                proxy=self.server.proxy,
                user_agent_header=None,
            )
        except (OSError, InvalidHandshake, InvalidURI, TimeoutError) as exc:
            raise ServerUnreachable(
                "unreachable", f"Cannot reach {self.server.base_url}: {exc}"
            ) from exc
        await ws.send(
            p.ClerkAuth(
                type="auth", protocol=p.PROTOCOL_VERSION, token=self._token
            ).model_dump_json()
        )
        try:
            first = _parse(await ws.recv())
        except ConnectionClosed as exc:
            ended = _session_ended(exc)
            if ended is not None:
                raise ServiceError(ended, "Your session has ended.") from exc
            raise ServerUnreachable("closed", "The server closed the connection.") from exc
        if isinstance(first, p.Error):
            await ws.close()
            raise ServiceError(first.code, first.message)
        if not isinstance(first, p.Welcome):
            await ws.close()
            raise ServiceError("protocol", "The server answered in an unexpected way.")
        self._ws = ws
        self.welcome = first
        self.grace_seconds = float(first.grace_seconds)
        self._set_state(LinkState.CONNECTED)
        return first

    async def send(self, message: BaseModel) -> None:
        """Send a message; raises ServerUnreachable while the link is down."""
        if self._ws is None or self.state is not LinkState.CONNECTED:
            raise ServerUnreachable("offline", "Not connected to the server; reconnecting.")
        try:
            await self._ws.send(message.model_dump_json(exclude_none=False))
        except ConnectionClosed as exc:
            raise ServerUnreachable("offline", "The connection dropped; reconnecting.") from exc

    async def _read_forever(self) -> None:
        while not self._closing:
            ws = self._ws
            assert ws is not None
            try:
                async for raw in ws:
                    message = _parse(raw)
                    if message is not None:
                        self._deliver(message)
            except ConnectionClosed as exc:
                self.session_ended = _session_ended(exc)
            if self._closing or self.session_ended:
                break
            if not await self._reconnect():
                break
        self._set_state(LinkState.CLOSED)

    async def _reconnect(self) -> bool:
        """Try again until the grace period is over (the server keeps our call that long)."""
        self._set_state(LinkState.RECONNECTING)
        clock = self._clock or asyncio.get_running_loop().time
        deadline = clock() + self.grace_seconds
        attempt = 0
        while not self._closing and clock() < deadline:
            await asyncio.sleep(min(self._backoff(attempt), max(0.0, deadline - clock())))
            attempt += 1
            try:
                await self._connect()
                return True
            except ServerUnreachable:
                continue
            except ServiceError as exc:  # refused: the session ended meanwhile
                self.session_ended = exc.code
                self._deliver(p.Error(code=exc.code, message=exc.message))
                return False
        return False

    def _deliver(self, message: BaseModel) -> None:
        for listener in list(self._message_listeners):
            try:
                listener(message)
            except Exception:  # a listener's bug must not kill the connection
                log.exception("message listener failed")

    def _set_state(self, state: LinkState) -> None:
        if state is self.state:
            return
        self.state = state
        for listener in list(self._link_listeners):
            listener(state)

    async def close(self) -> None:
        self._closing = True
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
            self._reader = None
        self._set_state(LinkState.CLOSED)


def _session_ended(closed: ConnectionClosed) -> str | None:
    """The reason of a CLOSE_UNAUTHORISED close (an error code), else None."""
    if closed.rcvd is None or closed.rcvd.code != p.CLOSE_UNAUTHORISED:
        return None
    return closed.rcvd.reason or "not_authenticated"


def _parse(raw: str | bytes) -> Any:
    try:
        return p.to_clerk_message.validate_json(raw)
    except ValidationError:
        log.warning("ignored a message this app does not understand")
        return None

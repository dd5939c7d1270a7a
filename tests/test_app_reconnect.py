"""The clerk's connection comes back with backoff and jitter, and never after CLOSE_UNAUTHORISED.

The delay schedule is a pure function checked with a pinned random source; the connection is
checked against a scripted WebSocket server on loopback that closes with the codes the real
server uses (a restart, an ended session)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest
from websockets.asyncio.server import ServerConnection, serve

from clerk_app.queue.backoff import reconnect_delay
from clerk_app.queue.connection import ClerkConnection, LinkState
from clerk_app.server_address import ServerAddress
from tests.media_fixtures import eventually
from videoclerk_protocol import messages as p

# No server, no database: `make test-postgres` leaves these out (tests/conftest.py).
pytestmark = pytest.mark.engine_independent


def test_delays_grow_exponentially_up_to_the_cap() -> None:
    top = [reconnect_delay(n, base=0.5, cap=10, uniform=lambda: 0.999999) for n in range(8)]
    assert top == pytest.approx([0.5, 1, 2, 4, 8, 10, 10, 10], rel=1e-5)
    assert reconnect_delay(10_000, base=0.5, cap=10, uniform=lambda: 0.5) == 5
    with pytest.raises(ValueError):
        reconnect_delay(-1)


def test_full_jitter_spreads_delays_over_the_whole_range() -> None:
    assert reconnect_delay(3, base=1, cap=60, uniform=lambda: 0.0) == 0
    assert reconnect_delay(3, base=1, cap=60, uniform=lambda: 0.25) == 2
    # A thousand clients after a restart: their first retries spread over [0, base), not
    # one instant (a fixed or merely exponential schedule gives every one the same delay).
    draws = iter(i / 1000 for i in range(1000))
    delays = [reconnect_delay(0, base=0.5, uniform=lambda: next(draws)) for _ in range(1000)]
    assert len(set(delays)) == 1000
    assert min(delays) == 0 and max(delays) < 0.5


@dataclass
class ScriptedServer:
    """Welcomes every clerk socket, then closes it with `close_code` when told to; while
    `refusing`, closes each new one before its welcome (a server that is not ready)."""

    close_code: int = p.CLOSE_SERVICE_RESTART
    close_reason: str = ""
    refusing: bool = False
    sockets: list[ServerConnection] = field(default_factory=list)
    url: str = ""

    async def handle(self, ws: ServerConnection) -> None:
        auth = p.ClerkAuth.model_validate_json(await ws.recv())
        assert auth.token == "vcs_test"
        if self.refusing:
            await ws.close(p.CLOSE_SERVICE_RESTART)
            return
        await ws.send(p.Welcome(grace_seconds=30).model_dump_json())
        self.sockets.append(ws)
        with contextlib.suppress(Exception):
            await ws.wait_closed()

    async def drop(self) -> None:
        await self.sockets[-1].close(self.close_code, self.close_reason)


@pytest.fixture
async def scripted() -> AsyncIterator[ScriptedServer]:
    script = ScriptedServer()
    async with serve(script.handle, "127.0.0.1", 0) as server:
        port = server.sockets[0].getsockname()[1]
        script.url = f"http://127.0.0.1:{port}"
        yield script


async def test_a_restarting_server_is_retried_with_the_backoff(scripted: ScriptedServer) -> None:
    attempts: list[int] = []

    def backoff(attempt: int) -> float:
        attempts.append(attempt)
        return 0.0

    connection = ClerkConnection(ServerAddress.parse(scripted.url), "vcs_test", backoff=backoff)
    states: list[LinkState] = []
    connection.add_link_listener(states.append)
    await connection.open()
    try:
        await scripted.drop()  # 1012: the server restarts
        await eventually(lambda: len(scripted.sockets) == 2, "the app back")
        await eventually(lambda: connection.state is LinkState.CONNECTED, "connected again")
        assert attempts == [0]
        assert states == [
            LinkState.CONNECTING,
            LinkState.CONNECTED,
            LinkState.RECONNECTING,
            LinkState.CONNECTED,
        ]
        assert connection.session_ended is None
    finally:
        await connection.close()


async def test_an_ended_session_is_not_retried(scripted: ScriptedServer) -> None:
    scripted.close_code, scripted.close_reason = p.CLOSE_UNAUTHORISED, "session_expired"
    attempts: list[int] = []

    def backoff(attempt: int) -> float:
        attempts.append(attempt)
        return 0.0

    connection = ClerkConnection(ServerAddress.parse(scripted.url), "vcs_test", backoff=backoff)
    await connection.open()
    try:
        await scripted.drop()
        await eventually(lambda: connection.state is LinkState.CLOSED, "closed for good")
        assert connection.session_ended == "session_expired"
        # Closed, not "reconnecting": no retry was scheduled, and none was made.
        assert attempts == [] and len(scripted.sockets) == 1
    finally:
        await connection.close()


async def test_the_grace_period_ends_on_the_connections_clock(scripted: ScriptedServer) -> None:
    """The retries stop when the connection's clock passes the welcome's grace (30 s), however
    long they took on the wall clock: a busy machine cannot end the grace early."""
    now = [0.0]
    attempts: list[int] = []

    def backoff(attempt: int) -> float:
        attempts.append(attempt)
        return 0.0

    connection = ClerkConnection(
        ServerAddress.parse(scripted.url), "vcs_test", backoff=backoff, clock=lambda: now[0]
    )
    await connection.open()
    try:
        scripted.refusing = True
        await scripted.drop()
        await eventually(lambda: len(attempts) >= 5, "retries")
        assert connection.state is LinkState.RECONNECTING
        now[0] += 30
        await eventually(lambda: connection.state is LinkState.CLOSED, "given up")
        assert connection.session_ended is None
    finally:
        await connection.close()

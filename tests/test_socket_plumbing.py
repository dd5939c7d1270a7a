"""Socket plumbing without a network: bounded outboxes, and socket loops that never die
silently. (The same behaviour end to end is in test_queue_resilience.py.)"""

from __future__ import annotations

import asyncio

import pytest

from server.queue.outbox import Outbox
from server.queue.sockets import _serve
from videoclerk_protocol.messages import CLOSE_SLOW_READER, Pong, QueueInfo, QueueSnapshot

# No server, no database: `make test-postgres` leaves these out (tests/conftest.py).
pytestmark = pytest.mark.engine_independent


class StuckSocket:
    """A WebSocket whose peer reads nothing: the first send never completes."""

    def __init__(self) -> None:
        self.sent: list[str] = []
        self.closed_with: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self._never: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    async def send_text(self, text: str) -> None:
        self.sent.append(text)
        await self._never

    async def close(self, code: int = 1000, reason: str = "") -> None:
        self.closed_with.set_result(code)


async def test_a_reader_that_falls_behind_is_closed_with_4408() -> None:
    ws = StuckSocket()
    outbox = Outbox(ws, limit_bytes=64 * 1024)  # type: ignore[arg-type]
    snapshot = QueueSnapshot(
        queues=[
            QueueInfo(id=f"que_{n}", name={"en": "Sales"}, waiting=n, longest_wait_seconds=n)
            for n in range(20)
        ],
        waiting=[],
    )
    for _ in range(1000):  # about 1.5 MB of snapshots, far beyond the limit
        outbox.send(snapshot)
    assert await asyncio.wait_for(ws.closed_with, 10) == CLOSE_SLOW_READER
    assert outbox.closed
    outbox.send(Pong())  # a closed outbox takes nothing more
    assert len(ws.sent) <= 1  # at most the one stuck in flight was handed over


async def test_a_reader_that_keeps_up_gets_every_message_in_order() -> None:
    received: list[str] = []

    class Reader:
        async def send_text(self, text: str) -> None:
            received.append(text)

    outbox = Outbox(Reader(), limit_bytes=65536)  # type: ignore[arg-type]
    for n in range(500):
        outbox.send(QueueInfo(id=str(n), name={"en": "Sales"}, waiting=n, longest_wait_seconds=0))
    while len(received) < 500:
        await asyncio.sleep(0)
    assert [int(r.split('"id":"')[1].split('"')[0]) for r in received] == list(range(500))


class ScriptedFrames:
    """A server-side WebSocket that receives the given frames, then a drop."""

    def __init__(self, *frames: dict[str, object]) -> None:
        self.frames = [*frames, {"type": "websocket.disconnect", "code": 1006}]
        self.sent: list[str] = []
        self.closed_with: int | None = None

    async def receive(self) -> dict[str, object]:
        return self.frames.pop(0)

    async def send_text(self, text: str) -> None:
        self.sent.append(text)

    async def close(self, code: int = 1000, reason: str = "") -> None:
        self.closed_with = code


async def test_an_exception_in_the_loop_ends_the_party_as_a_drop() -> None:
    ws = ScriptedFrames({"type": "websocket.receive", "text": "boom"})

    async def on_text(text: str) -> int | None:
        raise RuntimeError(f"a bug handling {text!r}")

    code = await _serve(ws, Outbox(ws), on_text, "visitor")  # type: ignore[arg-type]
    assert code == 1011 and ws.closed_with == 1011  # abnormal: the party keeps its grace period


async def test_binary_frames_are_answered_and_the_loop_goes_on() -> None:
    ws = ScriptedFrames(
        {"type": "websocket.receive", "bytes": b"\x00"},
        {"type": "websocket.receive", "text": "after"},
    )
    seen: list[str] = []

    async def on_text(text: str) -> int | None:
        seen.append(text)
        return None

    code = await _serve(ws, Outbox(ws), on_text, "clerk")  # type: ignore[arg-type]
    await asyncio.sleep(0)
    assert (code, seen) == (1006, ["after"])
    assert '"invalid_message"' in ws.sent[0]

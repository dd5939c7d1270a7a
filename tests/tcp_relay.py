"""A TCP relay on loopback for tests: a server reaches a service through it, and the test cuts
the line (every connection closed, nothing accepted) and restores it on the same port. It runs
its own asyncio loop in a thread, apart from the app's."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Coroutine, Iterator
from typing import Any


@contextlib.contextmanager
def tcp_relay(target_port: int) -> Iterator[TcpRelay]:
    """A relay to `target_port` on loopback, listening on a free port of its own."""
    relay = TcpRelay(target_port)
    relay.restore()
    try:
        yield relay
    finally:
        relay.stop()


class TcpRelay:
    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="relay", daemon=True)
        self._thread.start()
        self._server: asyncio.Server | None = None
        self._pipes: set[asyncio.Task[None]] = set()
        self._writers: set[asyncio.StreamWriter] = set()

    def stop(self) -> None:
        self.cut()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    def cut(self) -> None:
        """Accept nothing more and close every relayed connection."""
        self._run(self._cut())

    def restore(self) -> None:
        """Accept connections again, on the same port as before."""
        self._run(self._listen())

    def _run(self, step: Coroutine[Any, Any, None]) -> None:
        asyncio.run_coroutine_threadsafe(step, self._loop).result(timeout=30)

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(self._relay, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _cut(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        # Closing ends each pipe (cancelling it would make Python 3.11's asyncio log an error).
        for writer in self._writers:
            writer.close()
        await asyncio.gather(*self._pipes, return_exceptions=True)

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        pipe = asyncio.current_task()
        assert pipe is not None
        self._pipes.add(pipe)
        self._writers.add(writer)
        try:
            target_reader, target_writer = await asyncio.open_connection(
                "127.0.0.1", self.target_port
            )
            self._writers.add(target_writer)
            try:
                await asyncio.gather(_copy(reader, target_writer), _copy(target_reader, writer))
            finally:
                target_writer.close()
                self._writers.discard(target_writer)
        finally:
            writer.close()
            self._writers.discard(writer)
            self._pipes.discard(pipe)


async def _copy(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(ConnectionError):
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    writer.close()

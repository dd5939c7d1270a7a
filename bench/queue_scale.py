"""Waiting visitors at scale: memory per waiting visitor and take-to-assigned latency.

Holds 1,000 and then 5,000 visitors waiting on WebSockets against the real server, and
the same number of idle sockets against a bare uvicorn WebSocket echo app in the same run.
Prints memory per connection for both, and their ratio; then, with those 5,000 visitors
still waiting, the latency from a clerk's `take` to its `assigned` (p50/p99) beside the echo
round trip of the bare server (also measured with its 5,000 sockets open).

Loopback only, bounded in count and time. Run: .venv/bin/python bench/queue_scale.py
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import httpx
from websockets.asyncio.client import ClientConnection, connect

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.waiting import (
    QUEUE_LENGTH,
    Opener,
    close_all,
    open_many,
    percentile,
    raise_file_limit,
    settle,
    take_latency,
    wait_in_queue,
)
from tests.live_server import free_port, live_server
from tests.queue_helpers import call_centre
from tests.ws_clients import ScriptedClerk

SIZES = (1000, 5000)
TAKES = 200

BARE_ECHO = textwrap.dedent(
    """
    import sys, uvicorn
    from starlette.applications import Starlette
    from starlette.routing import WebSocketRoute

    async def echo(ws):
        await ws.accept()
        try:
            while True:
                await ws.send_text(await ws.receive_text())
        except Exception:
            pass

    app = Starlette(routes=[WebSocketRoute("/ws", echo)])
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", access_log=False)
    """
)


async def hold(pid: int, opener: Opener) -> tuple[dict[int, float], list[ClientConnection]]:
    """KiB per connection at each of SIZES, and the connections, still open."""
    figures: dict[int, float] = {}
    held: list[ClientConnection] = []
    base = await settle(pid)
    for size in SIZES:
        held += await open_many(size - len(held), opener)
        figures[size] = (await settle(pid) - base) / size
    return figures, held


async def measure_bare() -> tuple[dict[int, float], list[float]]:
    """The baseline: memory per idle socket, then echo round trips with all of them open."""
    port = free_port()
    bare = subprocess.Popen([sys.executable, "-c", BARE_ECHO, str(port)])
    url = f"ws://127.0.0.1:{port}/ws"

    async def opener() -> ClientConnection:
        ws = await connect(url, proxy=None, compression=None, open_timeout=60)
        await ws.send("hello")
        await ws.recv()
        return ws

    try:
        await _until_listening(port)
        figures, held = await hold(bare.pid, opener)
        samples = []
        for ws in held[:TAKES]:
            started = time.perf_counter()
            await ws.send('{"type": "take"}')
            await ws.recv()
            samples.append(time.perf_counter() - started)
        await close_all(held)
        return figures, samples
    finally:
        bare.terminate()
        bare.wait()


async def _until_listening(port: int) -> None:
    for _ in range(200):
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.05)
            continue
        writer.close()
        return
    raise RuntimeError("the bare echo server did not start")


def visitor_opener(ws_url: str, widget_key: str, queue_ids: list[str]) -> Opener:
    """Visitors that join the queues in turn, QUEUE_LENGTH each, and wait until queued."""
    counter = iter(range(10**9))

    async def opener() -> ClientConnection:
        n = next(counter)
        queue_id = queue_ids[n // QUEUE_LENGTH]
        return await wait_in_queue(ws_url, widget_key, queue_id, f"bench-visitor-{n:012d}")

    return opener


async def measure_server() -> tuple[dict[int, float], list[float]]:
    env = {
        "VIDEOCLERK_VISITOR_CONNECTIONS_PER_MINUTE": "1000000",
        "VIDEOCLERK_VISITOR_JOINS_PER_MINUTE": "1000000",
    }
    queues = tuple(f"Queue {i}" for i in range(SIZES[-1] // QUEUE_LENGTH))
    with tempfile.TemporaryDirectory() as tmp, live_server(Path(tmp), env=env) as server:
        with httpx.Client(base_url=server.url, timeout=30) as http:
            centre = call_centre(http, queues=queues, max_length=QUEUE_LENGTH)
        opener = visitor_opener(server.ws_url, centre.widget_key, centre.queue_ids)
        figures, held = await hold(server.process.pid, opener)
        clerk = ScriptedClerk(server.ws_url, centre.clerk_tokens[0])
        await clerk.connect()
        samples: list[float] = []
        await take_latency([clerk], TAKES, samples)
        await clerk.close()
        await close_all(held)
        return figures, samples


async def main() -> None:
    raise_file_limit()
    theirs, echo = await measure_bare()
    ours, take = await measure_server()
    print("waiting visitors   server KiB/visitor   bare uvicorn WS KiB/socket   ratio")
    for size in SIZES:
        ratio = ours[size] / theirs[size]
        print(f"{size:>16}   {ours[size]:>18.1f}   {theirs[size]:>26.1f}   {ratio:.2f}x")
    print(f"with {SIZES[-1]} waiting (ms)        p50      p99")
    for label, samples in (("take -> assigned", take), ("bare echo round trip", echo)):
        print(f"{label:<24} {percentile(samples, 0.5):>8.2f} {percentile(samples, 0.99):>8.2f}")
    ratios = [percentile(take, s) / percentile(echo, s) for s in (0.5, 0.99)]
    print(f"{'ratio':<24} {ratios[0]:>7.1f}x {ratios[1]:>7.1f}x")


if __name__ == "__main__":
    asyncio.run(main())

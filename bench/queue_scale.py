"""Waiting visitors at scale: memory per waiting visitor and take-to-assigned latency.

Holds 1,000 and then 5,000 visitors waiting on WebSockets against the real server, and
the same number of idle sockets against a bare uvicorn WebSocket echo app in the same run.
Prints memory per connection for both, and their ratio; then the latency from a clerk's
`take` to its `assigned` (p50/p99) beside the echo round trip of the bare server.

Loopback only, bounded in count and time. Run: .venv/bin/python bench/queue_scale.py
"""

from __future__ import annotations

import asyncio
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import httpx
from websockets.asyncio.client import ClientConnection, connect

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.live_server import free_port, live_server
from tests.queue_helpers import call_centre
from tests.ws_clients import ScriptedClerk

SIZES = (1000, 5000)
TAKES = 200
CONCURRENCY = 50

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


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


async def open_many(count: int, opener: object) -> list[ClientConnection]:
    limit = asyncio.Semaphore(CONCURRENCY)

    async def one(_: int) -> ClientConnection:
        async with limit:
            return await opener()  # type: ignore[operator,no-any-return]

    return await asyncio.gather(*(one(i) for i in range(count)))


async def settle(pid: int) -> int:
    """RSS once it stops moving (the server finished processing the burst)."""
    last = rss_kib(pid)
    for _ in range(20):
        await asyncio.sleep(0.25)
        now = rss_kib(pid)
        if abs(now - last) < 64:
            return now
        last = now
    return last


async def close_all(sockets: list[ClientConnection]) -> None:
    await asyncio.gather(*(s.close() for s in sockets), return_exceptions=True)


async def measure_bare(port: int, pid: int) -> dict[int, float]:
    url = f"ws://127.0.0.1:{port}/ws"

    async def opener() -> ClientConnection:
        ws = await connect(url, proxy=None, compression=None)
        await ws.send("hello")
        await ws.recv()
        return ws

    return await per_connection(pid, opener)


async def per_connection(pid: int, opener: object) -> dict[int, float]:
    figures: dict[int, float] = {}
    held: list[ClientConnection] = []
    base = await settle(pid)
    opened = 0
    for size in SIZES:
        held += await open_many(size - opened, opener)
        opened = size
        figures[size] = (await settle(pid) - base) / size
    await close_all(held)
    return figures


async def take_latency(url: str, tokens: list[str], widget_key: str, queue_id: str) -> list[float]:
    """Fill the queue with TAKES visitors, then time take→assigned on a clerk socket."""
    ws_url = url.replace("http://", "ws://")
    visitors = await open_many(TAKES, _visitor_opener(ws_url, widget_key, queue_id))
    clerk = ScriptedClerk(ws_url, tokens[0])
    await clerk.connect()
    samples = []
    for _ in range(TAKES):
        await clerk.available()
        started = time.perf_counter()
        await clerk.send({"type": "take"})
        assigned = await clerk.expect("assigned", "error")
        samples.append(time.perf_counter() - started)
        if assigned.type != "assigned":
            raise RuntimeError(f"take refused: {assigned}")
        await clerk.send({"type": "hangup", "call_id": assigned.call_id})
        await clerk.expect("ended")
        await clerk.send({"type": "wrap_up", "call_id": assigned.call_id})
    await clerk.close()
    await close_all(visitors)
    return samples


def _visitor_opener(ws_url: str, widget_key: str, queue_id: str) -> object:
    counter = iter(range(10**9))

    async def opener() -> ClientConnection:
        ws = await connect(f"{ws_url}/ws/visitor", proxy=None, compression=None)
        await ws.send(
            json.dumps(
                {
                    "type": "hello",
                    "protocol": 1,
                    "widget_key": widget_key,
                    "session_id": f"latency-visitor-{next(counter):08d}",
                }
            )
        )
        await ws.recv()
        await ws.send(
            json.dumps(
                {
                    "type": "join",
                    "queue_id": queue_id,
                    "consent": {"recording": False, "transcription": False},
                }
            )
        )
        return ws

    return opener


async def echo_latency(port: int) -> list[float]:
    async with connect(f"ws://127.0.0.1:{port}/ws", proxy=None, compression=None) as ws:
        samples = []
        for _ in range(TAKES):
            started = time.perf_counter()
            await ws.send('{"type": "take"}')
            await ws.recv()
            samples.append(time.perf_counter() - started)
        return samples


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


async def main() -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # children inherit it
    port = free_port()
    bare = subprocess.Popen([sys.executable, "-c", BARE_ECHO, str(port)])
    env = {
        "VIDEOCLERK_VISITOR_CONNECTIONS_PER_MINUTE": "1000000",
        "VIDEOCLERK_VISITOR_JOINS_PER_MINUTE": "1000000",
    }
    try:
        with tempfile.TemporaryDirectory() as tmp, live_server(Path(tmp), env=env) as server:
            with httpx.Client(base_url=server.url, timeout=30) as http:
                centre = call_centre(http, max_length=1000)
                queue_id = centre.queue_ids[0]
            await asyncio.sleep(1.0)
            ours = await measure_queue_in_chunks(
                server.url, server.process.pid, centre.widget_key, queue_id, http_admin=centre
            )
            theirs = await measure_bare(port, bare.pid)
            print("waiting visitors   server KiB/visitor   bare uvicorn WS KiB/socket   ratio")
            for size in SIZES:
                ratio = ours[size] / theirs[size]
                print(f"{size:>16}   {ours[size]:>18.1f}   {theirs[size]:>26.1f}   {ratio:.2f}x")
            take = await take_latency(server.url, centre.clerk_tokens, centre.widget_key, queue_id)
            echo = await echo_latency(port)
            for label, samples in (("take -> assigned", take), ("bare echo round trip", echo)):
                p50, p99 = percentile(samples, 0.5), percentile(samples, 0.99)
                print(f"{label:<22} p50 {p50:.2f} ms   p99 {p99:.2f} ms")
            print(f"ratio p50 {statistics.median(take) / statistics.median(echo):.2f}x")
    finally:
        bare.terminate()
        bare.wait()


async def measure_queue_in_chunks(
    url: str, pid: int, widget_key: str, queue_id: str, *, http_admin: object
) -> dict[int, float]:
    """Queues hold at most 1,000 visitors each, so 5,000 need five queues on one widget."""
    from tests.queue_helpers import CallCentre, create_queue

    centre: CallCentre = http_admin  # type: ignore[assignment]
    with httpx.Client(base_url=url, timeout=30) as http:
        queue_ids = [queue_id] + [
            create_queue(http, centre.org, f"Overflow {i}", max_length=1000) for i in range(4)
        ]
        http.patch(
            f"/api/v1/widgets/{centre.widget_id}",
            headers=centre.org.admin,
            json={"queue_ids": queue_ids},
        ).raise_for_status()
    ws_url = url.replace("http://", "ws://") + "/ws/visitor"
    counter = iter(range(10**9))

    async def opener() -> ClientConnection:
        n = next(counter)
        ws = await connect(ws_url, proxy=None, compression=None)
        await ws.send(
            json.dumps(
                {
                    "type": "hello",
                    "protocol": 1,
                    "widget_key": widget_key,
                    "session_id": f"bench-visitor-{n:012d}",
                }
            )
        )
        await ws.recv()
        await ws.send(
            json.dumps(
                {
                    "type": "join",
                    "queue_id": queue_ids[n // 1000],
                    "consent": {"recording": False, "transcription": False},
                }
            )
        )
        while json.loads(await ws.recv())["type"] != "queued":
            pass
        return ws

    return await per_connection(pid, opener)


if __name__ == "__main__":
    asyncio.run(main())

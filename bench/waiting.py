"""Shared by the queue benchmarks (queue_scale.py, scale_out.py): visitors who wait in a
queue on WebSockets, a server's memory, and the time from a clerk's `take` to `assigned`."""

from __future__ import annotations

import asyncio
import json
import math
import resource
import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

from websockets.asyncio.client import ClientConnection, connect

from tests.ws_clients import ScriptedClerk

QUEUE_LENGTH = 1000
"""The most a queue may hold: thousands of visitors wait in several queues."""
CONCURRENCY = 50
"""Sockets opening at once, from one client process."""
ANSWER_SECONDS = 60.0
"""The longest a clerk waits for an answer: far beyond any target, so that a busy machine
slows the figures down instead of failing the run."""

Opener = Callable[[], Awaitable[ClientConnection]]


def raise_file_limit() -> None:
    """Soft RLIMIT_NOFILE up to the hard one; the servers and client processes started
    afterwards inherit it."""
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def schedstat_ns(pids: Sequence[int]) -> tuple[int, int]:
    """Nanoseconds the processes' threads have run so far, and waited for a CPU while ready
    to run (/proc/<pid>/task/*/schedstat): on a busy machine the second one shows how much
    of a latency is other work's."""
    run = wait = 0
    for pid in pids:
        for task in Path(f"/proc/{pid}/task").iterdir():
            fields = (task / "schedstat").read_text().split()
            run, wait = run + int(fields[0]), wait + int(fields[1])
    return run, wait


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


async def open_many(count: int, opener: Opener) -> list[ClientConnection]:
    limit = asyncio.Semaphore(CONCURRENCY)

    async def one() -> ClientConnection:
        async with limit:
            return await opener()

    return await asyncio.gather(*(one() for _ in range(count)))


async def close_all(sockets: Sequence[ClientConnection]) -> None:
    await asyncio.gather(*(s.close() for s in sockets), return_exceptions=True)


async def wait_in_queue(
    ws_url: str, widget_key: str, queue_id: str, session_id: str
) -> ClientConnection:
    """A visitor who says hello, joins `queue_id` and is queued, its socket left open."""
    # max_queue=None: like a browser, the visitor keeps reading (positions, pings); a
    # client that stopped would be dropped by the heartbeat and churn the queue. Like a
    # browser too, it sends no pings of its own (ping_interval=None): it only answers.
    ws = await connect(
        f"{ws_url}/ws/visitor",
        proxy=None,
        compression=None,
        open_timeout=120,
        max_queue=None,
        ping_interval=None,
    )
    hello = {"type": "hello", "protocol": 1, "widget_key": widget_key, "session_id": session_id}
    await ws.send(json.dumps(hello))
    await ws.recv()
    join = {
        "type": "join",
        "queue_id": queue_id,
        "consent": {"recording": False, "transcription": False},
    }
    await ws.send(json.dumps(join))
    while (reply := json.loads(await ws.recv()))["type"] != "queued":
        if reply["type"] == "error":
            raise RuntimeError(f"join refused: {reply}")
    return ws


async def take_latency(clerks: Sequence[ScriptedClerk], takes: int, samples: list[float]) -> None:
    """Seconds from `take` to `assigned` into `samples`, `takes` times, the connected
    `clerks` taking in turn; each hangs up and wraps up before its next turn. An answer
    that does not come within ANSWER_SECONDS raises TimeoutError: `samples` keeps the takes
    measured until then."""
    for n in range(takes):
        clerk = clerks[n % len(clerks)]
        await clerk.available(timeout=ANSWER_SECONDS)
        started = time.perf_counter()
        await clerk.send({"type": "take"})
        assigned = await clerk.expect("assigned", "error", timeout=ANSWER_SECONDS)
        samples.append(time.perf_counter() - started)
        if assigned.type != "assigned":
            raise RuntimeError(f"take refused: {assigned}")
        await clerk.send({"type": "hangup", "call_id": assigned.call_id})
        await clerk.expect("ended", timeout=ANSWER_SECONDS)
        await clerk.send({"type": "wrap_up", "call_id": assigned.call_id})


def percentile(samples: Sequence[float], share: float) -> float:
    """In milliseconds (NaN without samples)."""
    if not samples:
        return math.nan
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000

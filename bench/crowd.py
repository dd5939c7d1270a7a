"""Waiting visitors held by client processes of their own.

One Python process cannot hold 20,000 sockets: the machine's file limit (RLIMIT_NOFILE,
hard 20,000 here) and one event loop answering 4,000 pings a second. `crowd()` spreads the
visitors over processes of PER_CLIENT each; each process opens its sockets, waits in the
queue on all of them, answers pings and reads what the server sends, until told to leave.

Protocol with a client process (this file run as a script): one JSON line on stdin, a list
of [ws_url, widget_key, queue_id, session_id]; once every visitor waits or failed to, it
prints `held <number that failed>`; then any line (or the end of stdin) closes its sockets
and ends it. A visitor that fails (its socket dropped on a machine too busy to answer a
ping in time) is counted, not fatal: the clerks' snapshots tell how many wait.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import NamedTuple

from websockets.asyncio.client import ClientConnection

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.waiting import CONCURRENCY, close_all, raise_file_limit, wait_in_queue

PER_CLIENT = 5000


class Visitor(NamedTuple):
    ws_url: str
    widget_key: str
    queue_id: str
    session_id: str


@asynccontextmanager
async def crowd(visitors: Sequence[Visitor], per_client: int = PER_CLIENT) -> AsyncIterator[int]:
    """All `visitors` waiting, each client process holding a contiguous slice of at most
    `per_client`; yields how many failed to; they leave when the block ends."""
    slices = [visitors[i : i + per_client] for i in range(0, len(visitors), per_client)]
    clients = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            __file__,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        for _ in slices
    ]
    try:
        for client, part in zip(clients, slices, strict=True):
            assert client.stdin is not None
            client.stdin.write(json.dumps([list(v) for v in part]).encode() + b"\n")
            await client.stdin.drain()
        failed = 0
        for client in clients:
            assert client.stdout is not None
            said = (await client.stdout.readline()).decode().split()
            if said[:1] != ["held"]:
                raise RuntimeError(f"a client process ended early: {said!r}")
            failed += int(said[1])
        yield failed
    finally:
        for client in clients:
            if client.returncode is None and client.stdin is not None:
                client.stdin.close()
        for client in clients:
            try:
                await asyncio.wait_for(client.wait(), 60)
            except TimeoutError:
                client.kill()
                await client.wait()


async def _hold() -> None:
    raise_file_limit()
    line = await asyncio.to_thread(sys.stdin.readline)
    visitors = [Visitor(*v) for v in json.loads(line)]
    limit = asyncio.Semaphore(CONCURRENCY)

    async def one(visitor: Visitor) -> ClientConnection:
        async with limit:
            return await wait_in_queue(*visitor)

    outcomes = await asyncio.gather(*(one(v) for v in visitors), return_exceptions=True)
    held = [ws for ws in outcomes if isinstance(ws, ClientConnection)]
    print(f"held {len(outcomes) - len(held)}", flush=True)
    await asyncio.to_thread(sys.stdin.readline)
    await close_all(held)


if __name__ == "__main__":
    asyncio.run(_hold())

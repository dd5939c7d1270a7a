"""One queue across processes at scale: 20,000 waiting visitors on 4 processes beside 5,000 on one.

Two set-ups of the real server in one run, each measured the same way:

- **baseline**: one process on SQLite (no bus), 5,000 visitors waiting on WebSockets in one
  organisation's five queues;
- **scale-out**: 4 processes on one fresh PostgreSQL database (dropped afterwards) and the
  machine's NATS, 20,000 visitors waiting, spread round robin over the processes. There are
  as many organisations as processes, 5,000 visitors in five queues each, and organisation k's
  first visitor arrives at process k, which becomes its queue's home (docs/scale-out.md): each
  process is home to one organisation and front to the other three's visitors.

For each: memory per waiting visitor, the growth of the servers' RSS (summed over the
processes) while the visitors arrive and queue, divided by their number; then, with them all
still waiting, the time from a clerk's `take` to its `assigned` (p50/p99 over --takes takes,
one at a time). Each organisation has one clerk, on the process after its home's: every take
of the scale-out crosses processes (clerk → home → clerk over NATS), and the clerks of the
different organisations take in turn. Each taken call is hung up and wrapped up at once.
Beside them, the servers' CPU time per take and the time their threads waited for a CPU
(/proc schedstat): on a busy machine the second shows how much of a latency is other work's.

The visitors are held by client processes of their own (bench/crowd.py), 5,000 each. Targets
(the issue's): take → assigned p99 < 50 ms at 20,000 waiting, and memory per visitor no
higher than the single process's. Loopback only; PostgreSQL and NATS as for the tests
(tests/live_server.py). Try it small first:

    .venv/bin/python bench/scale_out.py --visitors 4000 --baseline 1000 --takes 50
    nice -n 10 .venv/bin/python bench/scale_out.py   # the issue's numbers
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import sys
import tempfile
from collections.abc import Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.crowd import PER_CLIENT, Visitor, crowd
from bench.waiting import (
    QUEUE_LENGTH,
    close_all,
    percentile,
    raise_file_limit,
    schedstat_ns,
    settle,
    take_latency,
    wait_in_queue,
)
from tests.live_server import LiveServer, bus_env, live_server, postgres_database, server_group
from tests.queue_helpers import CallCentre, call_centre
from tests.ws_clients import ScriptedClerk

LIMITS_ENV = {
    "VIDEOCLERK_VISITOR_CONNECTIONS_PER_MINUTE": "1000000",
    "VIDEOCLERK_VISITOR_JOINS_PER_MINUTE": "1000000",
}
HOME_TAKEN = "this process is now the home of an organisation's queue"
HOME_LOST = "this process lost the home of an organisation's queue"
P99_TARGET_MS = 50.0


@dataclass
class Figures:
    label: str
    visitors: int
    seen: int
    """Waiting as the clerks' first queue snapshots count them: none dropped meanwhile."""
    rss_growth_kib: list[int]
    """Per process."""
    homes: list[int]
    """How often each process became an organisation's home."""
    homes_lost: list[int]
    """How often each process lost a home: its lease ran out before it renewed it."""
    takes: list[float]
    cpu_ms_per_take: float
    """The servers' CPU time over the takes, per take (with its hang-up, wrap-up and the
    messages to the visitors behind)."""
    cpu_wait_ms_per_take: float
    """Time the servers' threads were ready to run but waited for a CPU, per take."""

    @property
    def kib_per_visitor(self) -> float:
        return sum(self.rss_growth_kib) / self.visitors

    def show(self) -> None:
        """As soon as measured: a later set-up that fails leaves these figures."""
        growth = ", ".join(f"{kib / 1024:.0f}" for kib in self.rss_growth_kib)
        print(f"{self.label}: {self.visitors:,} waiting ({self.seen:,} seen by the clerks)")
        print(f"  RSS growth per process (MiB): {growth}; {self.kib_per_visitor:.1f} KiB/visitor")
        print(f"  homes taken per process: {self.homes}, lost: {self.homes_lost}")
        p50, p99 = percentile(self.takes, 0.5), percentile(self.takes, 0.99)
        print(
            f"  take -> assigned over {len(self.takes)} takes: p50 {p50:.1f} ms, p99 {p99:.1f} ms"
        )
        cpu, wait = self.cpu_ms_per_take, self.cpu_wait_ms_per_take
        print(f"  servers per take: {cpu:.1f} ms CPU, {wait:.1f} ms waiting for a CPU", flush=True)


def seats(
    centres: Sequence[CallCentre], servers: Sequence[LiveServer], count: int
) -> list[Visitor]:
    """`count` visitors split evenly over the organisations, filling each one's queues in turn;
    visitor n of organisation k waits at process (k + n) mod P, so k's first is at process k."""
    per_org = count // len(centres)
    return [
        Visitor(
            servers[(k + n) % len(servers)].ws_url,
            centre.widget_key,
            centre.queue_ids[n // QUEUE_LENGTH],
            f"bench-{k:03d}-{n:09d}",
        )
        for k, centre in enumerate(centres)
        for n in range(per_org)
    ]


async def measure(
    label: str, servers: Sequence[LiveServer], visitors: int, organisations: int, takes: int
) -> Figures:
    per_org = visitors // organisations
    queues = tuple(f"Queue {i}" for i in range(math.ceil(per_org / QUEUE_LENGTH)))
    with httpx.Client(base_url=servers[0].url, timeout=60) as http:
        centres = [
            call_centre(http, queues=queues, max_length=QUEUE_LENGTH) for _ in range(organisations)
        ]
    pids = [server.process.pid for server in servers]
    before = await asyncio.gather(*map(settle, pids))
    everyone = seats(centres, servers, per_org * organisations)
    firsts = everyone[::per_org]  # one per organisation: its home is where it arrives
    seeds = [await wait_in_queue(*visitor) for visitor in firsts]
    rest = [visitor for n, visitor in enumerate(everyone) if n % per_org]
    async with AsyncExitStack() as stack:
        failed = await stack.enter_async_context(crowd(rest, PER_CLIENT))
        if failed:
            print(f"{label}: {failed} visitors could not join (dropped while joining)")
        after = await asyncio.gather(*map(settle, pids))
        clerks = [
            ScriptedClerk(servers[(k + 1) % len(servers)].ws_url, centre.clerk_tokens[0])
            for k, centre in enumerate(centres)
        ]
        seen = 0
        for clerk in clerks:
            stack.push_async_callback(clerk.close)
            await clerk.connect()
            seen += sum(q.waiting for q in (await clerk.expect("queue", timeout=60)).queues)
        samples: list[float] = []
        start = schedstat_ns(pids)
        try:
            await take_latency(clerks, takes, samples)
        except TimeoutError:
            print(f"{label}: a clerk got no answer within 60 s after {len(samples)} takes")
        end = schedstat_ns(pids)
    await close_all(seeds)
    figures = Figures(
        label,
        len(everyone) - failed,
        seen,
        [a - b for a, b in zip(after, before, strict=True)],
        [server.log().count(HOME_TAKEN) for server in servers],
        [server.log().count(HOME_LOST) for server in servers],
        samples,
        *((b - a) / max(1, len(samples)) / 1e6 for a, b in zip(start, end, strict=True)),
    )
    figures.show()
    return figures


async def baseline(visitors: int, takes: int) -> Figures:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**LIMITS_ENV, "VIDEOCLERK_DATABASE_URL": f"sqlite:///{tmp}/videoclerk.db"}
        with live_server(Path(tmp), env=env) as server:
            return await measure("1 process, SQLite", [server], visitors, 1, takes)


async def scale_out(visitors: int, processes: int, takes: int) -> Figures:
    env = {**LIMITS_ENV, **bus_env(), "VIDEOCLERK_DATABASE_URL": postgres_database()}
    with tempfile.TemporaryDirectory() as tmp, server_group(Path(tmp), processes, env=env) as group:
        label = f"{processes} processes, PostgreSQL + NATS"
        return await measure(label, group, visitors, processes, takes)


def report(base: Figures, wide: Figures, takes: int) -> None:
    def row(name: str, one: float, many: float, target: str = "") -> None:
        print(f"{name:<28}{one:>14.1f}{many:>14.1f}{many / one:>9.2f}x   {target}")

    def mark(ok: bool) -> str:
        return "PASS" if ok else "FAIL"

    print(f"{'':<28}{'baseline':>14}{'scale-out':>14}{'ratio':>10}   target")
    print(f"{'visitors waiting':<28}{base.visitors:>14,}{wide.visitors:>14,}")
    print(f"{'  as the clerks see them':<28}{base.seen:>14,}{wide.seen:>14,}")
    per_visitor_ok = wide.kib_per_visitor <= base.kib_per_visitor
    row("KiB per waiting visitor", base.kib_per_visitor, wide.kib_per_visitor,
        f"<= baseline: {mark(per_visitor_ok)}")  # fmt: skip
    p50 = (percentile(base.takes, 0.5), percentile(wide.takes, 0.5))
    p99 = (percentile(base.takes, 0.99), percentile(wide.takes, 0.99))
    row("take -> assigned p50 (ms)", *p50)
    p99_ok = p99[1] < P99_TARGET_MS and len(wide.takes) == takes
    row("take -> assigned p99 (ms)", *p99, f"< {P99_TARGET_MS:.0f} ms: {mark(p99_ok)}")
    row("servers' CPU per take (ms)", base.cpu_ms_per_take, wide.cpu_ms_per_take)
    row("  waiting for a CPU (ms)", base.cpu_wait_ms_per_take, wide.cpu_wait_ms_per_take)
    print(f"takes: {len(base.takes)} baseline, {len(wide.takes)} scale-out")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--visitors", type=int, default=20000, help="waiting, scale-out")
    parser.add_argument("--baseline", type=int, default=5000, help="waiting, one process (0: none)")
    parser.add_argument("--takes", type=int, default=200, help="timed takes per set-up")
    parser.add_argument("--processes", type=int, default=4, help="server processes")
    args = parser.parse_args()
    if args.takes > min(args.baseline or args.visitors, args.visitors) or (
        args.visitors < args.processes
    ):
        parser.error("need at least as many visitors as takes, and one per process")
    raise_file_limit()
    print(f"load average at start: {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    base = asyncio.run(baseline(args.baseline, args.takes)) if args.baseline else None
    wide = asyncio.run(scale_out(args.visitors, args.processes, args.takes))
    print(f"load average at end: {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    if base is not None:
        report(base, wide, args.takes)


if __name__ == "__main__":
    main()

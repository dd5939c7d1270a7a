"""Catalogue search and bulk upsert, beside bare sqlite-utils doing the same work.

In one process, on files in a temporary directory, each of 3 runs builds fresh databases:

- search: the catalogue's search (`service.search`: a safe prefix query, tenant filter,
  weighted ranking, the 20 best rows) over 10,000 products, against the same FTS5 query
  through sqlite-utils' `table.search` on a bare table of the same 10,000 products with
  `enable_fts(create_triggers=True)`. (The index is shared by all organisations, so FTS
  work grows with the whole table, not one organisation's part of it.) The queries are
  what a clerk types (2-5 letter prefixes, one or two words), the two sides taking turns;
  p50 and p99 per search. Target: catalogue p50 and p99 <= 1.3x bare.
- bulk upsert: `service.bulk_upsert` (row validation, matching by SKU, the row-by-row
  report, the index triggers) creating 10,000 products in requests of 5,000 rows, then
  updating them, against `upsert_all(pk="sku")` of the same rows into the bare FTS table.
  Rows per second. Target: catalogue >= 0.5x bare.

- offer push: a live call on the real server (a subprocess); the clerk saves a draft (PUT
  /api/v1/offers/{id}/draft, the quantity changed each time) and the time runs until the
  visitor's socket receives the new revision's `offer_view`; p50 and p99 over 200 edits,
  beside a bare WebSocket round trip (the `websockets` library echoing on loopback in this
  process) as the baseline.

Prints each figure with its baseline and ratio: the median of the 3 runs and their range.
Run: .venv/bin/python bench/catalogue.py
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from sqlite_utils import Database
from websockets.asyncio.client import connect
from websockets.asyncio.server import ServerConnection, serve

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from server.access import Caller
from server.catalogue import rules, service
from server.database import open_database
from tests import offers_helpers
from tests.live_server import live_server

PRODUCTS = 10_000
BATCH = rules.MAX_BULK_ROWS
SEARCHES = 2_000
RUNS = 3
SEARCH_TARGET = 1.3
BULK_TARGET = 0.5
WORDS = [
    *("lamp", "desk", "chair", "table", "shelf", "cabinet", "sofa", "rug", "mirror", "clock"),
    *("vase", "cushion", "blanket", "stool", "bench", "hook", "basket", "frame", "candle"),
    *("planter", "lantern", "curtain", "pillow", "drawer", "wardrobe", "tray"),
]
COLOURS = ["black", "white", "brass", "oak", "walnut", "red", "green", "blue", "grey", "sand"]


def product(rng: random.Random, n: int) -> dict[str, Any]:
    a, b = rng.sample(WORDS, 2)
    colours = rng.sample(COLOURS, 3)
    return {
        "sku": f"{a[:3].upper()}-{n:05}",
        "name": {"en": f"{a.title()} {b}", "nl": f"{a.title()} {b} nl"},
        "price_minor": rng.randrange(100, 100_000),
        "currency": "EUR",
        "vat_rate": "21",
        "options": [
            {
                "code": "colour",
                "name": {"en": "Colour", "nl": "Kleur"},
                "choices": [
                    {"code": c, "name": {"en": c.title(), "nl": c}, "price_delta_minor": 100 * i}
                    for i, c in enumerate(colours)
                ],
            }
        ],
    }


def bare_row(form: dict[str, Any]) -> dict[str, Any]:
    return {
        "sku": form["sku"],
        "name_en": form["name"]["en"],
        "name_nl": form["name"]["nl"],
        "price_minor": form["price_minor"],
        "currency": form["currency"],
        "vat_rate": form["vat_rate"],
        "option_text": rules.option_text(form["options"]),
    }


def queries(rng: random.Random) -> list[str]:
    found = []
    for _ in range(SEARCHES):
        word = rng.choice(WORDS + COLOURS)
        typed = word[: rng.randint(2, min(5, len(word)))]
        if rng.random() < 0.3:
            typed = f"{rng.choice(WORDS)} {typed}"
        found.append(typed)
    return found


def organisation(db: Database, org_id: str) -> Caller:
    db.execute(
        "INSERT INTO organisations VALUES (?, 'Bench', '1', 'NL1', 'S', '1000', 'A', 'NL', '')",
        [org_id],
    )
    return Caller(organisation_id=org_id, ip=None)


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def one_run(directory: Path, seed: int) -> dict[str, float]:
    rng = random.Random(seed)
    forms = [product(rng, n) for n in range(PRODUCTS)]
    db = open_database(directory / "videoclerk.db")
    mine = organisation(db, "org_bench")
    bare = Database(directory / "bare.db")
    table = bare.table("products")
    table.create(
        {"sku": str, "name_en": str, "name_nl": str, "price_minor": int, "currency": str,
         "vat_rate": str, "option_text": str},
        pk="sku",
    )  # fmt: skip
    table.enable_fts(["sku", "name_en", "name_nl", "option_text"], create_triggers=True)

    def ours(rows: list[dict[str, Any]]) -> None:
        for start in range(0, len(rows), BATCH):
            result = service.bulk_upsert(db, caller=mine, raw_rows=rows[start : start + BATCH])
            assert result.failed == 0

    def baseline(rows: list[dict[str, Any]]) -> None:
        flat = [bare_row(r) for r in rows]
        for start in range(0, len(flat), BATCH):
            with bare.conn:
                table.upsert_all(flat[start : start + BATCH], pk="sku")

    changed = [{**f, "price_minor": f["price_minor"] + 1} for f in forms]
    figures = {
        "bulk_ours": 2 * PRODUCTS / (timed(lambda: ours(forms)) + timed(lambda: ours(changed))),
        "bulk_bare": 2
        * PRODUCTS
        / (timed(lambda: baseline(forms)) + timed(lambda: baseline(changed))),
    }

    ours_ms: list[float] = []
    bare_ms: list[float] = []
    for typed in queries(rng):
        match = rules.fts_query(typed)
        start = time.perf_counter()
        found = service.search(
            db, organisation_id=mine.organisation_id, text=typed, active=None, limit=20
        )
        ours_ms.append(1000 * (time.perf_counter() - start))
        start = time.perf_counter()
        expected = list(table.search(match, limit=20))
        bare_ms.append(1000 * (time.perf_counter() - start))
        assert len(found) == len(expected), typed
    db.close()
    bare.close()
    return figures | {
        "p50_ours": statistics.median(ours_ms),
        "p50_bare": statistics.median(bare_ms),
        "p99_ours": percentile(ours_ms, 0.99),
        "p99_bare": percentile(bare_ms, 0.99),
    }


def summary(name: str, runs: list[dict[str, float]], unit: str, target: str) -> None:
    ours = [r[f"{name}_ours"] for r in runs]
    bare = [r[f"{name}_bare"] for r in runs]
    ratios = [o / b for o, b in zip(ours, bare, strict=True)]
    print(
        f"{name:>5}: {statistics.median(ours):10.3f} {unit} "
        f"(range {min(ours):.3f}-{max(ours):.3f})  bare {statistics.median(bare):10.3f} {unit} "
        f"(range {min(bare):.3f}-{max(bare):.3f})  ratio {statistics.median(ratios):.2f}x "
        f"(range {min(ratios):.2f}-{max(ratios):.2f}, target {target})"
    )


EDITS = 200


async def bare_round_trips(count: int) -> list[float]:
    """Milliseconds per echo round trip on a bare `websockets` server on loopback."""

    async def echo(ws: ServerConnection) -> None:
        async for message in ws:
            await ws.send(message)

    async with serve(echo, "127.0.0.1", 0) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        samples = []
        async with connect(f"ws://127.0.0.1:{port}", proxy=None) as ws:
            for n in range(count):
                start = time.perf_counter()
                await ws.send(f'{{"n": {n}}}')
                await ws.recv()
                samples.append(1000 * (time.perf_counter() - start))
    return samples


async def offer_pushes(directory: Path) -> tuple[list[float], list[float]]:
    env = {"VIDEOCLERK_VISITOR_CONNECTIONS_PER_MINUTE": "100000"}
    with live_server(directory, env=env) as server:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            call = await offers_helpers.in_call(server, client)
            lamp = offers_helpers.product(client, call)
            offer_id = offers_helpers.new_offer(client, call)["offer_id"]
        async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
            samples = []
            for revision in range(EDITS):
                body = {
                    "base_revision": revision,
                    "lines": [{"product_id": lamp, "quantity": 1 + revision % 50}],
                }
                start = time.perf_counter()
                response = await client.put(
                    f"/api/v1/offers/{offer_id}/draft", headers=call.clerk_auth, json=body
                )
                while (await call.visitor.expect("offer_view")).offer.revision != revision + 1:
                    pass
                samples.append(1000 * (time.perf_counter() - start))
                response.raise_for_status()
        await call.close()
    return samples, await bare_round_trips(EDITS)


def offer_figures() -> None:
    with tempfile.TemporaryDirectory() as directory:
        ours, bare = asyncio.run(offer_pushes(Path(directory)))
    for name, share in (("p50", 0.5), ("p99", 0.99)):
        mine, base = percentile(ours, share), percentile(bare, share)
        print(
            f"offer push {name}: {mine:8.2f} ms  bare WebSocket round trip {base:6.3f} ms  "
            f"ratio {mine / base:.0f}x ({EDITS} edits)"
        )


def main() -> None:
    if "--offers" in sys.argv:  # the offer figure alone
        offer_figures()
        return
    runs = []
    for seed in range(RUNS):
        with tempfile.TemporaryDirectory() as directory:
            runs.append(one_run(Path(directory), seed))
    print(f"catalogue: {PRODUCTS:,} products, {SEARCHES:,} searches, median of {RUNS} runs")
    summary("p50", runs, "ms", f"<= {SEARCH_TARGET}x")
    summary("p99", runs, "ms", f"<= {SEARCH_TARGET}x")
    summary("bulk", runs, "rows/s", f">= {BULK_TARGET}x")
    offer_figures()


if __name__ == "__main__":
    main()

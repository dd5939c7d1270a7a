"""A take at the front of a long line, in the queue's runtime itself (no sockets).

The clerk's answer must not wait behind the walk that tells everyone behind their new place:
with thousands waiting that walk is tens of milliseconds, and a reply written to the bus for
a clerk on another process leaves only when the loop turns (docs/scale-out.md, "Measured").
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

from server.config import Settings
from server.demo import seed_if_empty
from server.queue.runtime import POSITIONS_PER_TURN, QueueRuntime
from server.sql import Database
from tests.live_server import store_database
from videoclerk_protocol.messages import Consent

WAITING = 2 * POSITIONS_PER_TURN + 50


class Recorder:
    """A party's outbox that notes what it is sent, in one log shared by all parties."""

    closed = False

    def __init__(self, log: list[tuple[str, str]], party: str) -> None:
        self._log, self._party = log, party

    def send(self, message: BaseModel | str) -> None:
        kind = type(message).__name__ if isinstance(message, BaseModel) else "text"
        self._log.append((self._party, kind))

    def close_soon(self, code: int, reason: str = "") -> None:
        self.closed = True


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[tuple[Database, Settings]]:
    settings = Settings(data_dir=tmp_path)
    db = store_database(tmp_path)
    seed_if_empty(db, settings)
    db.execute("UPDATE queues SET max_length = 1000")
    yield db, settings
    db.close()


async def test_the_clerk_hears_of_its_take_before_the_line_behind_is_told_its_places(
    demo: tuple[Database, Settings],
) -> None:
    db, settings = demo
    runtime = QueueRuntime(db, settings)
    widget_key, organisation_id = db.execute(
        "SELECT widget_key, organisation_id FROM widgets"
    ).fetchone()
    context = runtime.widget(widget_key, "en")
    assert context is not None
    log: list[tuple[str, str]] = []
    for n in range(WAITING):
        visitor = runtime.visitor_connected(
            Recorder(log, f"v{n}"), session_hash=f"{n:064x}", context=context, language="en"
        )
        runtime.join(
            visitor,
            queue_id=context.queues[0].id,
            consent=Consent(recording=False, transcription=False),
            camera=True,
            rejoin_call_id=None,
        )
    user_id, name = db.execute(
        "SELECT id, name FROM users WHERE role = 'clerk' AND organisation_id = ?", [organisation_id]
    ).fetchone()
    clerk = runtime.clerk_connected(
        Recorder(log, "clerk"),
        user_id=user_id,
        organisation_id=organisation_id,
        name=name,
        role="clerk",
    )
    runtime.set_presence(clerk, "available")
    await _settle()
    log.clear()

    runtime.take(clerk, None)
    await asyncio.sleep(0)  # one turn of the loop
    told = [party for party, kind in log if kind == "Position"]
    assert ("clerk", "Assigned") in log
    assert 0 < len(told) <= POSITIONS_PER_TURN

    await _settle()
    told = [party for party, kind in log if kind == "Position"]
    assert sorted(told) == sorted(f"v{n}" for n in range(1, WAITING))  # each once
    runtime.shutdown()


async def _settle() -> None:
    """Let every walk that is under way finish (it runs on the loop's later turns)."""
    for _ in range(WAITING):
        await asyncio.sleep(0)

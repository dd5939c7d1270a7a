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

from server import clock
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
    organisation_id = db.execute("SELECT organisation_id FROM widgets").fetchone()[0]
    log: list[tuple[str, str]] = []
    _join_line(runtime, db, log, WAITING)
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


async def test_a_clerk_coming_free_tells_only_the_visitors_whose_estimate_moved(
    demo: tuple[Database, Settings],
) -> None:
    """Two clerks, one in a call, one finishing its wrap-up: with `free + working` = 2 the
    estimate is in rounds of two places, so a clerk coming free moves every second visitor
    into an earlier round; the others' place and estimate are as they were told."""
    db, settings = demo
    runtime = QueueRuntime(db, settings)
    organisation_id = db.execute("SELECT organisation_id FROM widgets").fetchone()[0]
    log: list[tuple[str, str]] = []
    _join_line(runtime, db, log, 20)
    first, second = (
        runtime.clerk_connected(
            Recorder(log, role),
            user_id=user_id,
            organisation_id=organisation_id,
            name=name,
            role=role,
        )
        for user_id, name, role in db.execute(
            "SELECT id, name, role FROM users WHERE role IN ('clerk', 'supervisor') "
            "AND organisation_id = ? ORDER BY role",
            [organisation_id],
        ).fetchall()
    )
    runtime.set_presence(first, "available")
    runtime.set_presence(second, "available")
    call = runtime.take(first, None)
    for taken in (call, runtime.take(second, None)):
        runtime.visitor_answered(taken)
    clock.advance(300)  # the day's handling time: 300 s
    runtime.hang_up(call, by="clerk")  # the first clerk wraps up: still working
    await _settle()
    log.clear()

    runtime.wrap_up(first, call_id=call.id, outcome="answered", note="")  # free again
    await _settle()
    told = sorted(int(party[1:]) for party, kind in log if kind == "Position")
    # Visitors 2..19 wait at places 1..18; the odd places crossed into an earlier round.
    assert told == [n for n in range(2, 20) if (n - 1) % 2 == 1]
    runtime.shutdown()


def _join_line(
    runtime: QueueRuntime, db: Database, log: list[tuple[str, str]], waiting: int
) -> None:
    widget_key = db.execute("SELECT widget_key FROM widgets").fetchone()[0]
    context = runtime.widget(widget_key, "en")
    assert context is not None
    for n in range(waiting):
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


async def _settle() -> None:
    """Let every walk that is under way finish (it runs on the loop's later turns)."""
    for _ in range(WAITING):
        await asyncio.sleep(0)

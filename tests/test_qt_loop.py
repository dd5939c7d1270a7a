"""The tests' qasync driver never runs an asyncio callback without a running loop."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import asyncio

import qasync

from tests.qt_fixtures import complete, qt_loop_fixture

# No server, no database: `make test-postgres` leaves these out (tests/conftest.py).
pytestmark = pytest.mark.engine_independent

__all__ = ["qt_loop_fixture"]


def test_callbacks_due_as_a_run_ends_find_the_loop_running(qt_loop: qasync.QEventLoop) -> None:
    """qasync's own run_until_complete handles one more round of Qt events after stopping;
    an asyncio callback in that round found no running loop ("no running event loop" from
    `asyncio.wait` in a closing media peer, seen in the speaker tests)."""
    seen: list[bool] = []

    def check() -> None:
        try:
            seen.append(asyncio.get_running_loop() is qt_loop)
        except RuntimeError:
            seen.append(False)

    for _ in range(20):
        future = asyncio.ensure_future(asyncio.sleep(0), loop=qt_loop)
        future.add_done_callback(lambda _: qt_loop.call_soon(check))
        complete(qt_loop, future)
    complete(qt_loop, asyncio.sleep(0))  # whatever was left runs now, inside a run
    assert seen == [True] * 20

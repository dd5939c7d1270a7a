"""Several processes write one SQLite file (docs/scale-out.md): a transaction that reads and
then writes must not fail because another process committed in between. Two connections
stand for two processes."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from server.database import connect

pytestmark = pytest.mark.sqlite_only  # the SQLite file's own locking


def test_a_transaction_that_reads_then_writes_survives_another_writer(tmp_path: Path) -> None:
    path = tmp_path / "videoclerk.db"
    with closing(connect(path)) as first, closing(connect(path)) as second:
        first.execute("CREATE TABLE calls (id TEXT PRIMARY KEY)")
        second.execute("PRAGMA busy_timeout=0")  # answer at once instead of waiting its turn
        with first.atomic():
            assert first.execute("SELECT count(*) FROM calls").fetchone() == (0,)
            # The other process writes meanwhile: it must wait for this transaction (here it
            # is told "locked" at once), not slip a commit under this one's read.
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                second.execute("INSERT INTO calls VALUES ('other')")
            first.execute("INSERT INTO calls VALUES ('mine')")
        second.execute("INSERT INTO calls VALUES ('other')")  # its turn, after the commit
        assert [r[0] for r in first.execute("SELECT id FROM calls ORDER BY id")] == [
            "mine",
            "other",
        ]


def test_nested_transactions_are_savepoints(tmp_path: Path) -> None:
    with closing(connect(tmp_path / "videoclerk.db")) as db:
        db.execute("CREATE TABLE calls (id TEXT PRIMARY KEY)")

        def undone() -> None:
            with db.atomic():
                db.execute("INSERT INTO calls VALUES ('undone')")
                raise RuntimeError

        with db.atomic():
            db.execute("INSERT INTO calls VALUES ('kept')")
            with pytest.raises(RuntimeError):
                undone()
        assert [r[0] for r in db.execute("SELECT id FROM calls")] == ["kept"]

"""Jobs shared by several server processes run in one of them (server/leases)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from server.leases import store as leases
from server.sql import Database
from tests.live_server import store_database, two_servers

RAN = "the retention job ran in this process"
HOUR = 3600.0


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = store_database(tmp_path)
    yield database
    database.close()


def test_a_lease_is_one_holder_s_until_it_runs_out(db: Database) -> None:
    take = leases.take
    assert take(db, job="j", holder="a", now="2026-01-01T10", until="2026-01-01T12")
    assert not take(db, job="j", holder="b", now="2026-01-01T11", until="2026-01-01T13")
    assert take(db, job="j", holder="a", now="2026-01-01T11", until="2026-01-01T13")  # renewed
    assert not take(db, job="j", holder="b", now="2026-01-01T12", until="2026-01-01T14")
    assert take(db, job="k", holder="b", now="2026-01-01T12", until="2026-01-01T14")  # its own
    assert take(db, job="j", holder="b", now="2026-01-01T13", until="2026-01-01T15")  # ran out
    assert not take(db, job="j", holder="a", now="2026-01-01T14", until="2026-01-01T16")
    leases.release(db, job="j", holder="a")  # not a's: nothing happens
    assert not take(db, job="j", holder="a", now="2026-01-01T14", until="2026-01-01T16")
    leases.release(db, job="j", holder="b")
    assert take(db, job="j", holder="a", now="2026-01-01T14", until="2026-01-01T16")


def test_two_processes_run_the_retention_job_once_and_take_over_from_a_dead_one(
    tmp_path: Path,
) -> None:
    """P10: the hourly retention job runs in one of two processes on one database; when
    that process dies, the other takes the job over once the lease has run out (two
    intervals), so deletion never stops for good."""
    with two_servers(tmp_path) as (first, second):
        first.advance_clock(HOUR)
        second.advance_clock(HOUR)
        assert first.log().count(RAN) == 1
        assert RAN not in second.log()
        first.kill()
        second.advance_clock(HOUR)
        assert RAN not in second.log()  # the dead process's lease still holds
        second.advance_clock(HOUR)
        assert second.log().count(RAN) == 1

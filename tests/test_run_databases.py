"""What the test run itself promises (tests/conftest.py): the PostgreSQL databases its tests
create are dropped at its end, a crashed worker's and a database still in use included, and no
other run's; a test marked engine_independent is left out of `make test-postgres` and cannot
start a server on the run's database."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

import psycopg
import pytest

from tests.conftest import pytest_runtest_call
from tests.live_server import (
    ENGINE_INDEPENDENT,
    POSTGRES_SERVER,
    TEST_DATABASE_ENV,
    LiveServer,
    create_database,
    drop_run_databases,
    postgres_database,
    run_token,
    running_engine_independent,
    store_database,
    with_test_database,
)

ROOT = Path(__file__).resolve().parents[1]
FILES = ["tests/test_catalogue_money.py", "tests/test_sqlite_writers.py"]  # marked, and not


def existing(names: list[str]) -> list[str]:
    with psycopg.connect(f"{POSTGRES_SERVER}/test", autocommit=True) as admin:
        found = admin.execute(
            "SELECT datname FROM pg_database WHERE datname = ANY(%s) ORDER BY datname", (names,)
        ).fetchall()
    return [str(row[0]) for row in found]


def test_a_tests_database_carries_the_runs_token() -> None:
    """So the run's end finds it whichever worker made it (and drops this one too)."""
    name = postgres_database().rsplit("/", 1)[1]
    assert name.startswith(f"vc_{run_token()}_")
    assert existing([name]) == [name]


def test_the_end_of_a_run_drops_its_databases_in_use_too_and_no_other_runs() -> None:
    run, other = secrets.token_hex(4), secrets.token_hex(4)
    mine = sorted(create_database(run) for _ in range(2))
    theirs = create_database(other)
    try:
        # a server a crashed worker left running still holds its database
        held = psycopg.connect(f"{POSTGRES_SERVER}/{mine[0]}", autocommit=True)
        try:
            assert drop_run_databases(run) == mine
        finally:
            held.close()
        assert existing([*mine, theirs]) == [theirs]
    finally:
        drop_run_databases(run)
        drop_run_databases(other)


def test_an_engine_independent_test_may_not_use_the_runs_database(tmp_path: Path) -> None:
    with running_engine_independent("tests/test_x.py::test_y"):
        for use in (
            lambda: with_test_database(tmp_path / "server", {}),
            lambda: store_database(tmp_path),
            postgres_database,
        ):
            with pytest.raises(AssertionError, match="test_y is marked engine_independent"):
                use()


class MarkedItem:
    """What pytest_runtest_call reads of a test marked engine_independent."""

    def __init__(self, funcargs: dict[str, object]) -> None:
        self.funcargs = funcargs

    def get_closest_marker(self, name: str) -> object | None:
        return name if name == ENGINE_INDEPENDENT else None


def test_an_engine_independent_test_may_not_receive_a_server_on_the_runs_database(
    tmp_path: Path,
) -> None:
    """A module's or the session's server, started by an earlier test, is caught too."""
    server = LiveServer("http://127.0.0.1:9", tmp_path, tmp_path / "log", cast(Any, None))
    call = cast(Any, pytest_runtest_call)
    with running_engine_independent("tests/test_x.py::test_y"):
        call(MarkedItem({"sqlite_server": replace(server, on_test_engine=False)}))
        with pytest.raises(AssertionError, match="uses the server of the fixture 'server'"):
            call(MarkedItem({"server": server}))


def test_make_test_postgres_leaves_out_the_engine_independent_tests() -> None:
    """And this pytest run's end drops none of its caller's databases (a token of its own)."""
    mine = postgres_database().rsplit("/", 1)[1]
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *FILES],
        cwd=ROOT,
        env={**os.environ, TEST_DATABASE_ENV: "postgresql"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert collected.returncode == 0, collected.stdout + collected.stderr
    assert "tests/test_sqlite_writers.py::" in collected.stdout
    assert "tests/test_catalogue_money.py::" not in collected.stdout
    assert "deselected" in collected.stdout
    assert existing([mine]) == [mine]

"""What the test run itself promises (tests/conftest.py): the PostgreSQL databases its tests
create are dropped at its end, a crashed worker's and a database still in use included, and no
other run's."""

from __future__ import annotations

import secrets

import psycopg

from tests.live_server import (
    POSTGRES_SERVER,
    create_database,
    drop_run_databases,
    postgres_database,
    run_token,
)


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

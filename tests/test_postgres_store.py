"""PostgreSQL as the store (`database_url = postgresql://…`), on the machine's PostgreSQL.

The same migrations make the same tables and columns as on SQLite, run once, and refuse a
database a newer server wrote; the real server signs up, logs in and keeps organisations
apart on it. `make test-postgres` runs the other tests on PostgreSQL too.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import httpx
import psycopg
import pytest

from server.config import Settings
from server.database import (
    DatabaseTooNewError,
    connect_configured,
    known_migration_names,
    migrate,
    open_database,
    schema_state,
)
from server.postgres import PostgresDatabase, placeholders
from server.sql import Database
from tests.accounts_helpers import bearer, new_org
from tests.live_server import live_server, postgres_database
from tests.tcp_relay import TcpRelay, tcp_relay


@pytest.fixture
def pg_url() -> str:
    return postgres_database()


@pytest.fixture
def pg(pg_url: str) -> Iterator[Database]:
    with closing(connect_configured(Settings(database_url=pg_url))) as db:
        yield db


def _command(pg_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`videoclerk-server ARGS` on the PostgreSQL database."""
    return subprocess.run(
        [sys.executable, "-m", "server.cli", *args],
        env={**os.environ, "VIDEOCLERK_DATABASE_URL": pg_url},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_migrations_apply_to_an_empty_database_once(pg: Database) -> None:
    assert migrate(pg) == known_migration_names()
    assert migrate(pg) == []
    state = schema_state(pg)
    assert state.applied == state.known == len(known_migration_names())


# FTS5's own tables; PostgreSQL's products_fts (one tsvector per product) stands for them.
_SQLITE_ONLY = ("sqlite_", "products_fts_")


def _sqlite_columns(db: Database) -> dict[str, list[str]]:
    names = [
        str(row[0])
        for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        if not str(row[0]).startswith(_SQLITE_ONLY)
    ]
    return {
        name: [str(c[1]) for c in db.execute(f"PRAGMA table_info({name})").fetchall()]
        for name in names
    }


def _postgres_columns(db: Database) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for table, column in db.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
    ).fetchall():
        found.setdefault(str(table), []).append(str(column))
    return found


def test_postgres_has_the_tables_and_columns_of_sqlite(pg: Database, tmp_path: Path) -> None:
    migrate(pg)
    with closing(open_database(tmp_path / "videoclerk.db")) as lite:
        expected = _sqlite_columns(lite)
    found = _postgres_columns(pg)
    assert sorted(found) == sorted(expected)
    search_index = "products_fts"  # FTS5's columns are the indexed ones; PG's its document
    assert {name: cols for name, cols in found.items() if name != search_index} == {
        name: cols for name, cols in expected.items() if name != search_index
    }


def test_a_newer_database_is_refused(pg: Database, pg_url: str, tmp_path: Path) -> None:
    migrate(pg)
    pg.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
        ["videoclerk", "m999_from_the_future", "2030-01-01 00:00:00+00:00"],
    )
    with pytest.raises(DatabaseTooNewError, match="m999_from_the_future"):
        migrate(pg)
    started = _command(pg_url, "serve", "--data-dir", str(tmp_path))
    assert started.returncode == 2
    assert "newer videoclerk server" in started.stderr


def test_sign_up_log_in_and_tenant_isolation_on_postgres(pg_url: str, tmp_path: Path) -> None:
    with (
        live_server(tmp_path / "server", env={"VIDEOCLERK_DATABASE_URL": pg_url}) as server,
        httpx.Client(base_url=server.url, timeout=30) as client,
    ):
        first, second = new_org(client), new_org(client)
        own = client.get(f"/api/v1/users/{first.admin_id}", headers=bearer(first.admin_token))
        assert own.status_code == 200, own.text
        assert own.json()["email"] == first.admin_email
        other = client.get(f"/api/v1/users/{first.admin_id}", headers=bearer(second.admin_token))
        assert other.status_code == 404
        listed = client.get("/api/v1/users", headers=bearer(second.admin_token)).json()
        assert [u["id"] for u in listed["items"]] == [second.admin_id]
    # It was PostgreSQL that kept them, not a SQLite file in the data folder.
    assert not (tmp_path / "server" / "videoclerk.db").exists()
    with closing(PostgresDatabase(pg_url)) as db:
        emails = {str(r[0]) for r in db.execute("SELECT email FROM users").fetchall()}
    assert emails == {first.admin_email, second.admin_email}


def test_a_broken_connection_is_replaced_at_the_next_statement(pg_url: str) -> None:
    """PostgreSQL restarted or the network dropped: the statement that finds the connection
    broken fails (it may have run: it is not repeated); the next one runs on a new one."""
    with tcp_relay(5432) as relay, closing(PostgresDatabase(_through(pg_url, relay))) as db:
        assert db.execute("SELECT 1").fetchone() == (1,)
        relay.cut()
        relay.restore()
        with pytest.raises(psycopg.OperationalError):
            db.execute("SELECT 2").fetchone()
        assert db.execute("SELECT 3").fetchone() == (3,)


def test_a_transaction_never_goes_on_on_a_new_connection(pg_url: str) -> None:
    """Inside `atomic()`, a broken connection stays broken until the block ends: a statement
    after the break must not run, committed at once, on a fresh connection."""
    with tcp_relay(5432) as relay, closing(PostgresDatabase(_through(pg_url, relay))) as db:
        db.execute("CREATE TABLE IF NOT EXISTS notes (text TEXT)")

        def write_across_a_break() -> None:
            with db.atomic():
                db.execute("INSERT INTO notes VALUES ('before')")
                relay.cut()
                relay.restore()
                with contextlib.suppress(psycopg.OperationalError):
                    db.execute("INSERT INTO notes VALUES ('during')")
                db.execute("INSERT INTO notes VALUES ('after')")

        with pytest.raises(psycopg.OperationalError):
            write_across_a_break()
        assert db.execute("SELECT count(*) FROM notes").fetchone() == (0,)


def test_the_server_is_ready_again_once_postgresql_is_back(pg_url: str, tmp_path: Path) -> None:
    with tcp_relay(5432) as relay:
        env = {"VIDEOCLERK_DATABASE_URL": _through(pg_url, relay)}
        with (
            live_server(tmp_path / "server", env=env) as server,
            httpx.Client(base_url=server.url, timeout=30) as client,
        ):
            assert client.get("/ready").status_code == 204
            relay.cut()
            down = client.get("/ready")
            assert down.status_code == 503
            assert down.json()["code"] == "database_unavailable"
            relay.restore()
            assert client.get("/ready").status_code == 204
            assert new_org(client).admin_token


def _through(url: str, relay: TcpRelay) -> str:
    return url.replace(":5432/", f":{relay.port}/")


def test_backup_refers_to_pg_dump(pg_url: str, tmp_path: Path) -> None:
    done = _command(pg_url, "backup", str(tmp_path / "copy.db"))
    assert done.returncode == 2
    assert "pg_dump" in done.stderr


@pytest.mark.parametrize(
    ("sqlite", "postgres", "kind"),
    [
        ("a = ? AND b = ?", "a = %s AND b = %s", "positional"),
        ("a = ?1 OR b = ?1 AND c = ?2", "a = %(p1)s OR b = %(p1)s AND c = %(p2)s", "numbered"),
        ("a = :now AND b <= :window_ends", "a = %(now)s AND b <= %(window_ends)s", "named"),
        ("a LIKE '50% ?' AND b = ?", "a LIKE '50%% ?' AND b = %s", "positional"),
        ("CAST(? AS json)::text = 'it''s :x'", "CAST(%s AS json)::text = 'it''s :x'", "positional"),
    ],
)
def test_placeholders_become_psycopgs(sqlite: str, postgres: str, kind: str) -> None:
    assert placeholders(sqlite) == (postgres, kind)

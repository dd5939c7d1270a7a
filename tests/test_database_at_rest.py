"""The database at rest: no secret in clear, durable and privacy-minded settings, safe migrations.

P8: API keys are never in clear at rest. P17: passwords, session tokens and reset codes are
stored only as hashes; deleted rows leave no readable bytes; acknowledged writes survive.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from server.database import connect
from tests.accounts_helpers import (
    OTHER_STRONG_PASSWORD,
    add_user,
    bearer,
    log_in,
    mailed_code,
    new_email,
    new_org,
    signup_form,
)
from tests.live_server import LiveServer

pytestmark = pytest.mark.sqlite_only  # the SQLite file's bytes (P8, P17); PostgreSQL: not yet


def _raw_bytes(database: Path) -> bytes:
    """The database file and its write-ahead log, exactly as they lie on disk."""
    wal = database.with_name(database.name + "-wal")
    return database.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


@contextmanager
def _read_only(database: Path) -> Iterator[sqlite3.Connection]:
    """A second, read-only connection to a database file (closed afterwards)."""
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        yield db
    finally:
        db.close()


def test_no_secret_is_stored_in_clear(fresh_server: LiveServer) -> None:
    """P8/P17: after sign-up, log-in, a reset request and key creation, neither the database
    file nor its WAL holds a password, session token, reset code or API key in clear."""
    secrets_seen: dict[str, str] = {}
    with httpx.Client(base_url=fresh_server.url, timeout=30) as client:
        form = signup_form()
        signed_up = client.post("/api/v1/signup", json=form)
        signed_up.raise_for_status()
        secrets_seen["sign-up password"] = form["password"]
        for created in signed_up.json()["api_keys"]:
            secrets_seen[f"{created['key']['environment']} key"] = created["secret"]
        token = log_in(client, form["email"], form["password"])
        secrets_seen["session token"] = token
        client.post("/api/v1/auth/password-reset", json={"email": form["email"]}).raise_for_status()
        secrets_seen["reset code"] = mailed_code(fresh_server.data_dir, form["email"])
        generated = client.post(
            "/api/v1/api-keys", headers=bearer(token), json={"name": "erp", "scopes": ["read"]}
        )
        generated.raise_for_status()
        secrets_seen["generated key"] = generated.json()["secret"]
        own = "Own-" + secrets.token_urlsafe(40)
        client.post(
            "/api/v1/api-keys",
            headers=bearer(token),
            json={"name": "own", "scopes": ["read"], "secret": own},
        ).raise_for_status()
        secrets_seen["own key"] = own
        changed = client.post(
            "/api/v1/me/password",
            headers=bearer(token),
            json={"current_password": form["password"], "new_password": OTHER_STRONG_PASSWORD},
        )
        changed.raise_for_status()
        secrets_seen["changed password"] = OTHER_STRONG_PASSWORD
        # Use every key once, so last-use bookkeeping has written too.
        for name in ("live key", "test key", "generated key", "own key"):
            client.get(
                "/api/v1/organisation", headers=bearer(secrets_seen[name])
            ).raise_for_status()

        running = _raw_bytes(fresh_server.database_path)
        # The files read are the right ones: account data that is not secret is there.
        assert form["email"].encode() in running
        assert form["company_name"].encode() in running
        for what, secret in secrets_seen.items():
            assert secret.encode() not in running, f"{what} in clear while running"
            # Not even the distinctive random part of it.
            assert secret[-20:].encode() not in running, f"{what} in part while running"

    fresh_server.stop()
    at_rest = _raw_bytes(fresh_server.database_path)
    assert form["email"].encode() in at_rest
    for what, secret in secrets_seen.items():
        assert secret.encode() not in at_rest, f"{what} in clear after shutdown"


def test_deleted_secrets_leave_no_bytes(fresh_server: LiveServer) -> None:
    """P17: secure_delete: a used reset code's row is erased, not just unlinked; an unused
    invitation code's hash is still there (so the search really looks in the right place)."""
    with httpx.Client(base_url=fresh_server.url, timeout=30) as client:
        org = new_org(client)
        client.post(
            "/api/v1/auth/password-reset", json={"email": org.admin_email}
        ).raise_for_status()
        used = mailed_code(fresh_server.data_dir, org.admin_email)
        client.post(
            "/api/v1/auth/password-reset/confirm",
            json={"token": used, "new_password": OTHER_STRONG_PASSWORD},
        ).raise_for_status()
        invited = new_email("invited")
        client.post(
            "/api/v1/users",
            headers=bearer(log_in(client, org.admin_email, OTHER_STRONG_PASSWORD)),
            json={"name": "Ivo", "email": invited, "role": "clerk"},
        ).raise_for_status()
        unused = mailed_code(fresh_server.data_dir, invited)
    fresh_server.stop()  # the last connection closes: the WAL is checkpointed into the file

    at_rest = _raw_bytes(fresh_server.database_path)
    assert hashlib.sha256(unused.encode()).hexdigest().encode() in at_rest
    assert hashlib.sha256(used.encode()).hexdigest().encode() not in at_rest


def test_live_database_uses_wal(client: httpx.Client, server: LiveServer) -> None:
    """P17: WAL journal (persistent, so visible to any connection) on the server's own file."""
    new_org(client)
    assert server.database_path.with_name("videoclerk.db-wal").exists()
    with _read_only(server.database_path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        # Foreign keys are declared: a user belongs to an organisation.
        references = db.execute("PRAGMA foreign_key_list(users)").fetchall()
        assert any(row[2] == "organisations" for row in references)


def test_server_connection_settings(tmp_path: Path) -> None:
    """P17: the connection the server opens has synchronous=FULL (an acknowledged write
    survives a power cut), secure_delete on and foreign keys enforced.

    These three are per-connection settings, invisible to a second connection, so they are
    read on a connection made by `server.database.connect`, the function the server uses.
    """
    db = connect(tmp_path / "videoclerk.db")
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert db.execute("PRAGMA secure_delete").fetchone()[0] == 1
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        db.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
        db.execute("CREATE TABLE child (parent_id INTEGER REFERENCES parent(id))")
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("INSERT INTO child VALUES (42)")
    finally:
        db.close()
    with _read_only(tmp_path / "videoclerk.db") as other:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def _dump(database: Path) -> list[str]:
    with _read_only(database) as db:
        return list(db.iterdump())


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "server.cli", *args], capture_output=True, text=True, timeout=60
    )


def test_migrate_upgrades_in_place_and_is_idempotent(tmp_path: Path) -> None:
    """Versioned migrations: a new database is brought up to date, and data survives a rerun."""
    first = _cli("migrate", "--data-dir", str(tmp_path))
    assert first.returncode == 0, first.stderr
    applied = int(first.stdout.split("Applied ")[1].split(" ")[0])
    assert applied >= 1
    with _read_only(tmp_path / "videoclerk.db") as db:
        names = [r[0] for r in db.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert len(names) == applied
    assert {"organisations", "users", "sessions", "api_keys", "audit_events"} <= tables
    again = _cli("migrate", "--data-dir", str(tmp_path))
    assert again.returncode == 0, again.stderr
    assert "Applied 0 migration(s)" in again.stdout


def test_a_database_from_a_newer_server_is_refused(tmp_path: Path) -> None:
    """A database with a migration this server does not know is refused, not damaged."""
    assert _cli("migrate", "--data-dir", str(tmp_path)).returncode == 0
    database = tmp_path / "videoclerk.db"
    future = "m999_from_a_newer_server"
    db = sqlite3.connect(database)
    with db:
        db.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
            ["videoclerk", future, "2099-01-01 00:00:00+00:00"],
        )
    db.close()
    before = _dump(database)

    refused = _cli("migrate", "--data-dir", str(tmp_path))
    assert refused.returncode == 2
    assert future in refused.stderr
    assert "newer" in refused.stderr
    assert "Traceback" not in refused.stderr

    serve = _cli("serve", "--data-dir", str(tmp_path), "--port", "1")
    assert serve.returncode == 2
    assert future in serve.stderr
    assert "Traceback" not in serve.stderr
    assert _dump(database) == before


def test_rows_keep_to_their_organisation(client: httpx.Client, server: LiveServer) -> None:
    """Every row's foreign keys hold in the live database (checked read-only)."""
    org = new_org(client)
    add_user(client, org, "clerk")
    with _read_only(server.database_path) as db:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        count = db.execute(
            "SELECT count(*) FROM users WHERE organisation_id = ?", [org.id]
        ).fetchone()[0]
    assert count == 2

"""Upgrades through migrations: a database left at any earlier schema version, with data in
it, is brought to the current one; and the operator's procedure (back up, migrate, serve;
or restore an old backup and serve) keeps its users able to log in."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from server import security
from server.database import connect, known_migration_names, migrate, schema_state
from server.schema import migrations
from tests.accounts_helpers import POLICY_VERSION, STRONG_PASSWORD, bearer, log_in
from tests.live_server import live_server

pytestmark = pytest.mark.sqlite_only  # upgrading SQLite files written by older servers

CLI = [sys.executable, "-m", "server.cli"]
NAMES = known_migration_names()
ADMIN = "old-admin@example.com"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=120)


def _old_database(path: Path, *, stop_before: str) -> None:
    """A database as a server that knew only the migrations before `stop_before` left it,
    with an organisation and its admin in it (tables of the first migration)."""
    db = connect(path)
    migrations.apply(db, stop_before=stop_before)
    now = "2024-01-02T03:04:05+00:00"
    with db.atomic():
        db.table("organisations").insert(
            {
                "id": "org_old",
                "name": "Old Shop B.V.",
                "organisation_number": "12345678",
                "vat_number": "NL000099998B57",
                "billing_street": "Damrak 1",
                "billing_postal_code": "1012 LG",
                "billing_city": "Amsterdam",
                "country": "NL",
                "created_at": now,
            }
        )
        db.table("users").insert(
            {
                "id": "usr_old",
                "organisation_id": "org_old",
                "name": "Olga Old",
                "email": ADMIN,
                "role": "admin",
                "password_hash": security.hash_password(STRONG_PASSWORD),
                "active": 1,
                "created_at": now,
                "policy_version": POLICY_VERSION,
                "policy_accepted_at": now,
                "age_confirmed_at": now,
                "password_changed_at": now,
            }
        )
    db.close()


@pytest.mark.parametrize("stop_before", NAMES[1:])
def test_every_earlier_schema_upgrades_with_its_data(tmp_path: Path, stop_before: str) -> None:
    path = tmp_path / "videoclerk.db"
    _old_database(path, stop_before=stop_before)
    db = connect(path)
    assert schema_state(db).applied == NAMES.index(stop_before)
    assert migrate(db) == NAMES[NAMES.index(stop_before) :]
    assert schema_state(db).applied == len(NAMES)
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("SELECT email FROM users WHERE id = 'usr_old'").fetchall() == [(ADMIN,)]
    db.close()


def test_the_operators_upgrade_procedure(tmp_path: Path) -> None:
    """docs/operators.md: back up, (stop, install,) migrate, start. The oldest schema."""
    data = tmp_path / "data"
    data.mkdir()
    _old_database(data / "videoclerk.db", stop_before=NAMES[1])
    backup = _cli("backup", str(tmp_path / "before-upgrade.db"), "--data-dir", str(data))
    assert backup.returncode == 0, backup.stderr
    assert "schema version 1" in backup.stdout
    upgraded = _cli("migrate", "--data-dir", str(data))
    assert upgraded.returncode == 0, upgraded.stderr
    assert f"Applied {len(NAMES) - 1} migration(s)" in upgraded.stdout
    _serves_the_old_admin(data)

    # An old backup restored on the new version is upgraded when the server starts.
    restored = tmp_path / "restored"
    put_back = _cli("restore", str(tmp_path / "before-upgrade.db"), "--data-dir", str(restored))
    assert put_back.returncode == 0, put_back.stderr
    assert f"upgrades it to version {len(NAMES)}" in put_back.stdout
    with sqlite3.connect(restored / "videoclerk.db") as db:
        assert db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone() == (1,)
    _serves_the_old_admin(restored)


def _serves_the_old_admin(data: Path) -> None:
    with live_server(data) as server, httpx.Client(base_url=server.url, timeout=30) as client:
        health = client.get("/health").json()
        assert health["database"]["schema_version"] == len(NAMES)
        token = log_in(client, ADMIN)
        me = client.get("/api/v1/me", headers=bearer(token)).json()
        assert (me["id"], me["role"]) == ("usr_old", "admin")
        organisation = client.get("/api/v1/organisation", headers=bearer(token)).json()
        assert organisation["name"] == "Old Shop B.V."

"""`videoclerk-server migrate-to-postgres`: a SQLite database filled over the API by a real
server, copied into a new PostgreSQL database and served from there on the same data folder;
and each refusal, which changes nothing. Needs the machine's PostgreSQL (tests/live_server.py)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import httpx
import pytest
from sqlite_utils import Database as SqliteDatabase
from sqlite_utils.migrations import Migrations

from server.backups import rules
from server.postgres import PostgresDatabase
from server.schema import migrations
from tests.accounts_helpers import bearer, log_in
from tests.catalogue_helpers import create, key
from tests.live_server import live_server, postgres_database
from tests.offers_helpers import new_offer, saved
from tests.operator_helpers import CLI, organisation_flags
from tests.recordings_helpers import recorded, upload

VIDEO = os.urandom(50_000)  # a recording's bytes: sealed with a key from the database


def _on_sqlite(data_dir: Path) -> dict[str, str]:
    """The data folder's SQLite file, named: under `make test-postgres` too."""
    return {"VIDEOCLERK_DATABASE_URL": f"sqlite:///{(data_dir / 'videoclerk.db').resolve()}"}


def _cli(data_dir: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **env},
    )


def _move(data_dir: Path, target: str) -> subprocess.CompletedProcess[str]:
    return _cli(data_dir, "migrate-to-postgres", "--to", target, env=_on_sqlite(data_dir))


def _sqlite_counts(path: Path) -> dict[str, int]:
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
        tables = dict(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"))
        return {
            table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
            for table in rules.copied_tables(tables)
        }


def _postgres_counts(url: str) -> dict[str, int]:
    with closing(PostgresDatabase(url)) as db:
        return {
            table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
            for table in db.table_names()
        }


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


async def test_a_database_filled_over_the_api_moves_and_is_served_from_postgres(
    tmp_path: Path,
) -> None:
    data_dir, target = tmp_path / "data", postgres_database()
    with (
        live_server(data_dir, env=_on_sqlite(data_dir)) as server,
        httpx.Client(base_url=server.url, timeout=30) as client,
    ):
        call = await recorded(server, client)
        recording = upload(client, call, VIDEO)
        org = call.centre.org
        lamp = create(client, org.admin, sku="LMP-100")
        shop = key(client, org, "read")
        offer = new_offer(client, call)
        saved(client, call, offer["offer_id"], 0, [{"product_id": lamp["id"], "quantity": 2}])
        await call.close()
    sqlite_file = data_dir / "videoclerk.db"
    before, counts = _digest(sqlite_file), _sqlite_counts(sqlite_file)

    moved = _move(data_dir, target)

    assert moved.returncode == 0, moved.stderr
    assert "the counts match" in moved.stdout
    assert any(line.split()[:2] == ["offers", "1"] for line in moved.stdout.splitlines())
    assert "database_url" in moved.stdout
    copied = _postgres_counts(target)
    assert {table: copied[table] for table in counts} == counts
    assert counts["offers"] == 1 and counts["products"] == 1 and counts["api_keys"] >= 3
    assert counts["recordings"] == 1 and counts["recording_keys"] >= 1
    assert copied["products_fts"] == 1
    assert _digest(sqlite_file) == before  # only read

    with (
        live_server(data_dir, env={"VIDEOCLERK_DATABASE_URL": target}) as server,
        httpx.Client(base_url=server.url, timeout=30) as client,
    ):
        admin = bearer(log_in(client, org.admin_email))  # a session and audit rows: new ids
        users = client.get("/api/v1/users", headers=admin)
        assert users.status_code == 200, users.text
        assert org.admin_email in users.text
        products = client.get("/api/v1/products", headers=shop)  # the API key
        assert products.status_code == 200, products.text
        assert [p["id"] for p in products.json()["items"]] == [lamp["id"]]
        offers = client.get("/api/v1/offers", headers=admin)
        assert [(o["offer_id"], o["revision"]) for o in offers.json()["items"]] == [
            (offer["offer_id"], 1)
        ]
        played = client.get(f"/api/v1/recordings/{recording}/media", headers=admin)
        assert played.status_code == 200, played.text
        assert played.content == VIDEO
        chair = create(client, org.admin, sku="CHR-7", name={"en": "Lamp chair", "nl": "Stoel"})
        found = client.get("/api/v1/products/search", headers=admin, params={"q": "lamp"})
        assert found.status_code == 200, found.text
        assert {p["id"] for p in found.json()["items"]} == {lamp["id"], chair["id"]}
        with server.database() as db:
            numbers = dict(db.execute("SELECT id, n FROM products").fetchall())
        assert numbers[chair["id"]] > numbers[lamp["id"]]
    assert _digest(sqlite_file) == before


def test_refused_while_a_server_runs_on_the_data_folder(tmp_path: Path) -> None:
    data_dir, target = tmp_path / "data", postgres_database()
    with live_server(data_dir, env=_on_sqlite(data_dir)):
        moved = _move(data_dir, target)
    assert moved.returncode == 2
    assert "a server is running" in moved.stderr
    assert "Stop it first" in moved.stderr
    assert _postgres_counts(target) == {}


def test_refused_when_the_target_holds_data_and_nothing_changes(tmp_path: Path) -> None:
    data_dir, target = tmp_path / "data", postgres_database()
    assert _cli(data_dir, "migrate", env=_on_sqlite(data_dir)).returncode == 0
    elsewhere = {"VIDEOCLERK_DATABASE_URL": target}
    flags = organisation_flags("Already There BV", "admin@there.example")
    made = _cli(tmp_path / "other", "org", "create", *flags, "--print-code", env=elsewhere)
    assert made.returncode == 0, made.stderr
    before = _postgres_counts(target)

    moved = _move(data_dir, target)

    assert moved.returncode == 2
    assert "already holds data" in moved.stderr
    assert "organisations" in moved.stderr
    assert _postgres_counts(target) == before


def test_a_row_postgresql_rejects_rolls_the_whole_copy_back(tmp_path: Path) -> None:
    data_dir, target = tmp_path / "data", postgres_database()
    flags = organisation_flags("Copied First BV", "admin@first.example")
    made = _cli(data_dir, "org", "create", *flags, "--print-code", env=_on_sqlite(data_dir))
    assert made.returncode == 0, made.stderr
    with closing(sqlite3.connect(data_dir / "videoclerk.db")) as db, db:
        # SQLite keeps a NUL in text; PostgreSQL's text cannot hold one.
        db.execute(
            "INSERT INTO policy_versions SELECT '2030-01-01', effective_at, material, "
            "'a' || char(0) || 'b', language, text, created_at FROM policy_versions"
        )

    moved = _move(data_dir, target)

    assert moved.returncode == 1, moved.stdout + moved.stderr
    assert "is unchanged" in moved.stderr
    assert "organisations" in moved.stdout  # copied before the rejected row, then undone
    assert _postgres_counts(target) == {}  # not even the schema is left


def test_refused_for_an_older_sqlite_schema(tmp_path: Path) -> None:
    data_dir, target = tmp_path / "data", postgres_database()
    older = Migrations(migrations.name)
    older._migrations = migrations._migrations[:-1]
    data_dir.mkdir()
    older.apply(SqliteDatabase(data_dir / "videoclerk.db"))

    moved = _move(data_dir, target)

    assert moved.returncode == 2
    assert migrations._migrations[-1].name in moved.stderr
    assert "videoclerk-server migrate" in moved.stderr
    assert _postgres_counts(target) == {}


def test_refused_for_a_table_the_code_does_not_know(tmp_path: Path) -> None:
    data_dir, target = tmp_path / "data", postgres_database()
    assert _cli(data_dir, "migrate", env=_on_sqlite(data_dir)).returncode == 0
    with closing(sqlite3.connect(data_dir / "videoclerk.db")) as db:
        db.execute("CREATE TABLE notes (n INTEGER)")

    moved = _move(data_dir, target)

    assert moved.returncode == 2
    assert "notes" in moved.stderr
    assert _postgres_counts(target) == {}


def test_tables_are_ordered_after_those_they_refer_to() -> None:
    references = {
        "offer_revisions": {"offers", "users"},
        "offers": {"users", "organisations"},
        "users": {"organisations", "users"},
        "organisations": set(),
    }
    order = rules.copy_order(references)
    assert sorted(order) == sorted(references)
    for table, referred in references.items():
        assert all(order.index(other) <= order.index(table) for other in referred)
    with pytest.raises(ValueError, match="cycle"):
        rules.copy_order({"a": {"b"}, "b": {"a"}})


def test_full_text_and_sqlite_tables_are_not_copied() -> None:
    tables = {
        "products": "CREATE TABLE products (n INTEGER PRIMARY KEY)",
        "products_fts": "CREATE VIRTUAL TABLE products_fts USING fts5(sku)",
        "products_fts_data": "CREATE TABLE 'products_fts_data'(id INTEGER PRIMARY KEY)",
        "sqlite_sequence": "CREATE TABLE sqlite_sequence(name,seq)",
        "_sqlite_migrations": "CREATE TABLE _sqlite_migrations (id INTEGER)",
    }
    assert rules.copied_tables(tables) == ["products"]

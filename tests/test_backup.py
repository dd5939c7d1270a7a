"""`videoclerk-server backup` and `restore`: a live database copied while calls and API writes
go on, restored into a new data folder and served; and every refusal of a restore."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from server.database import known_migration_names
from tests.accounts_helpers import bearer, log_in, new_org
from tests.live_server import LiveServer, live_server
from tests.media_fixtures import eventually
from tests.queue_helpers import CallCentre, call_centre
from tests.ws_clients import ScriptedVisitor

pytestmark = pytest.mark.sqlite_only  # the SQLite file itself; PostgreSQL: pg_dump

CLI = [sys.executable, "-m", "server.cli"]
BUSY = {
    "VIDEOCLERK_VISITOR_CONNECTIONS_PER_MINUTE": "100000",
    "VIDEOCLERK_VISITOR_JOINS_PER_MINUTE": "100000",
}


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=120)


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _column(path: Path, sql: str, *params: str) -> list[str]:
    with _read_only(path) as db:
        return [str(row[0]) for row in db.execute(sql, params)]


class Writers:
    """Queues made over HTTP and calls made over the visitor socket, one after another each,
    so that every consistent copy holds a prefix of each list."""

    def __init__(self, server: LiveServer, centre: CallCentre) -> None:
        self.server, self.centre = server, centre
        self.queues: list[str] = []
        self.calls: list[str] = []
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._tasks = [loop.create_task(self._make_queues()), loop.create_task(self._call())]

    async def stop(self) -> None:
        self._stop.set()
        await asyncio.gather(*self._tasks)

    async def _make_queues(self) -> None:
        async with httpx.AsyncClient(base_url=self.server.url, timeout=30) as client:
            while not self._stop.is_set():
                name = f"Queue {len(self.queues)}"
                made = await client.post(
                    "/api/v1/queues",
                    headers=self.centre.org.admin,
                    json={"name": {"en": name, "nl": name}},
                )
                made.raise_for_status()
                self.queues.append(str(made.json()["id"]))

    async def _call(self) -> None:
        while not self._stop.is_set():
            visitor = ScriptedVisitor(self.server.ws_url, self.centre.widget_key)
            await visitor.connect()
            queued = await visitor.join(self.centre.queue_ids[0])
            assert queued.type == "queued", queued
            self.calls.append(str(queued.call_id))
            await visitor.close()  # the call is abandoned: written again


def _a_prefix(copied: list[str], written: list[str], at_least: int) -> None:
    assert copied == written[: len(copied)], "the copy is not one moment of the database"
    assert len(copied) >= at_least, "writes acknowledged before the backup are missing"


async def test_a_backup_taken_while_calls_are_written_restores_and_serves(
    tmp_path: Path,
) -> None:
    backups = tmp_path / "backups"
    backups.mkdir()
    with live_server(tmp_path / "live", env=BUSY) as server:
        with httpx.Client(base_url=server.url, timeout=30) as http:
            centre = call_centre(http)
        writers = Writers(server, centre)
        writers.start()
        await eventually(lambda: len(writers.queues) >= 5 and len(writers.calls) >= 3, "writes")
        queues_before, calls_before = len(writers.queues), len(writers.calls)
        backup = await asyncio.create_subprocess_exec(
            *CLI,
            "backup",
            str(backups),
            "--data-dir",
            str(server.data_dir),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await backup.communicate()
        assert backup.returncode == 0, err.decode()
        writes_during = len(writers.queues) - queues_before
        await eventually(lambda: len(writers.queues) > queues_before + writes_during + 2, "more")
        await writers.stop()
    assert writes_during > 0, "no write went on while the backup ran"
    [copy] = list(backups.glob("videoclerk-*.db"))
    assert str(copy) in out.decode()
    assert "secrets-keyset.json" in err.decode()  # what the copy does not hold
    assert copy.stat().st_mode & 0o077 == 0
    assert not list(backups.glob(".*"))  # no partial file left
    assert not copy.with_name(copy.name + "-wal").exists()  # one self-contained file
    with _read_only(copy) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    org_id = centre.org.id
    copied_queues = _column(
        copy, "SELECT id FROM queues WHERE organisation_id = ? ORDER BY rowid", org_id
    )
    _a_prefix(copied_queues[1:], writers.queues, queues_before)  # the first is call_centre's
    copied_calls = _column(
        copy, "SELECT id FROM calls WHERE organisation_id = ? ORDER BY rowid", org_id
    )
    _a_prefix(copied_calls, writers.calls, calls_before)
    assert len(copied_queues) - 1 < len(writers.queues)  # writes went on after the copy

    restored_dir = tmp_path / "restored"
    restored = _cli("restore", str(copy), "--data-dir", str(restored_dir))
    assert restored.returncode == 0, restored.stderr
    assert "secrets-keyset.json" in restored.stderr  # a new folder lacks the key: said
    with (
        live_server(restored_dir) as again,
        httpx.Client(base_url=again.url, timeout=30) as client,
    ):
        assert client.get("/health").json()["database"]["schema_version"] == len(
            known_migration_names()
        )
        token = log_in(client, centre.org.admin_email)
        listed = client.get("/api/v1/queues", headers=bearer(token))
        listed.raise_for_status()
        assert {q["id"] for q in listed.json()["items"]} == set(copied_queues)


@contextmanager
def _backed_up(folder: Path) -> Iterator[tuple[LiveServer, Path]]:
    """A running server with an organisation, and a backup of it."""
    with live_server(folder / "live") as server:
        with httpx.Client(base_url=server.url, timeout=30) as http:
            new_org(http)
        copy = folder / "copy.db"
        made = _cli("backup", str(copy), "--data-dir", str(server.data_dir))
        assert made.returncode == 0, made.stderr
        yield server, copy


@pytest.fixture(scope="module")
def a_copy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    with _backed_up(tmp_path_factory.mktemp("backup")) as (_, copy):
        yield copy


def _dump(path: Path) -> list[str]:
    with _read_only(path) as db:
        return list(db.iterdump())


def test_restore_refuses_a_running_servers_folder_and_an_existing_database(
    tmp_path: Path,
) -> None:
    with _backed_up(tmp_path) as (server, copy):
        _refuses_then_replaces(server, copy)


def _refuses_then_replaces(server: LiveServer, copy: Path) -> None:
    with httpx.Client(base_url=server.url, timeout=30) as http:
        new_org(http)  # the live database moves on from the copy
    before = _dump(server.database_path)
    running = _cli("restore", str(copy), "--data-dir", str(server.data_dir), "--replace")
    assert running.returncode == 2
    assert "a server is running" in running.stderr
    assert _dump(server.database_path) == before
    server.stop()

    kept = _cli("restore", str(copy), "--data-dir", str(server.data_dir))
    assert kept.returncode == 2
    assert "--replace" in kept.stderr
    assert _dump(server.database_path) == before

    replaced = _cli("restore", str(copy), "--data-dir", str(server.data_dir), "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert _dump(server.database_path) == _dump(copy)


def _damaged(copy: Path, folder: Path) -> Path:
    damaged = folder / "damaged.db"
    data = copy.read_bytes()
    damaged.write_bytes(data[: len(data) // 2])
    return damaged


def _newer(copy: Path, folder: Path) -> Path:
    newer = folder / "newer.db"
    shutil.copy(copy, newer)
    with sqlite3.connect(newer) as db:
        db.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
            ["videoclerk", "m999_from_a_newer_server", "2099-01-01 00:00:00+00:00"],
        )
    return newer


def _not_a_database(_copy: Path, folder: Path) -> Path:
    text = folder / "notes.db"
    text.write_text("not a database\n" * 500)
    return text


@pytest.mark.parametrize(
    ("make", "why"),
    [(_damaged, "damaged"), (_newer, "newer"), (_not_a_database, "")],
)
def test_restore_refuses_a_copy_it_cannot_trust(
    a_copy: Path, tmp_path: Path, make: object, why: str
) -> None:
    assert callable(make)
    bad = make(a_copy, tmp_path)
    target = tmp_path / "target"
    refused = _cli("restore", str(bad), "--data-dir", str(target))
    assert refused.returncode == 2, refused.stdout
    assert "cannot be restored" in refused.stderr and why in refused.stderr
    assert "Traceback" not in refused.stderr
    assert not (target / "videoclerk.db").exists()


def test_backup_says_what_is_wrong(tmp_path: Path) -> None:
    missing = _cli("backup", str(tmp_path / "copy.db"), "--data-dir", str(tmp_path / "none"))
    assert missing.returncode == 1
    assert "no database" in missing.stderr
    assert _cli("migrate", "--data-dir", str(tmp_path / "data")).returncode == 0
    nowhere = _cli("backup", str(tmp_path / "no" / "copy.db"), "--data-dir", str(tmp_path / "data"))
    assert nowhere.returncode == 1
    assert "does not exist" in nowhere.stderr

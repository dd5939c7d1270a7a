"""Start the real server in a subprocess on a free loopback port, as users run it."""

from __future__ import annotations

import atexit
import os
import secrets
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import httpx
import psycopg

from server.database import connect, migrate, open_database
from server.postgres import PostgresDatabase
from server.sql import Database

TEST_DATABASE_ENV = "VIDEOCLERK_TEST_DATABASE"
"""`postgresql`: every server the tests start runs on a fresh PostgreSQL database
(`make test-postgres`); unset, on SQLite in its data folder."""
POSTGRES_SERVER = "postgresql://postgres@127.0.0.1:5432"
TEST_RUN_ENV = "VIDEOCLERK_TEST_RUN"
"""A token shared by the processes of one test run (pytest's and xdist's workers, which
inherit it): every database the run creates is named `vc_<token>_…`, so the run's end finds
them all, even those of a worker that crashed."""
_databases: dict[Path, str] = {}


def on_postgres() -> bool:
    return os.environ.get(TEST_DATABASE_ENV) == "postgresql"


def run_token() -> str:
    """This run's token (a new one in a process outside pytest, such as a benchmark)."""
    return os.environ.setdefault(TEST_RUN_ENV, secrets.token_hex(4))


def create_database(run: str) -> str:
    """A new, empty database of the run `run` on the machine's server; its name."""
    name = f"vc_{run}_{secrets.token_hex(8)}"
    with psycopg.connect(f"{POSTGRES_SERVER}/test", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    return name


def postgres_database(key: Path | None = None) -> str:
    """The URL of a new PostgreSQL database on the machine's server, dropped when the tests
    end. With `key` (a data folder), the same database each time: a server started again on
    its folder finds its data, as it would in its SQLite file."""
    uses_the_test_engine("creates a PostgreSQL database")
    if key is not None and key.resolve() in _databases:
        return _databases[key.resolve()]
    name = create_database(run_token())
    url = f"{POSTGRES_SERVER}/{name}"
    _databases[(key or Path(name)).resolve()] = url
    return url


def drop_postgres_databases() -> None:
    """Drop the databases this process created (at its pytest session's end, or at exit)."""
    names = {url.rsplit("/", 1)[1] for url in _databases.values()}
    _databases.clear()
    if names:
        with psycopg.connect(f"{POSTGRES_SERVER}/test", autocommit=True) as admin:
            for name in sorted(names):
                admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def drop_run_databases(run: str) -> list[str]:
    """Drop every database of the run `run`, whichever process created it; their names.
    FORCE: a server a crashed worker left running must not keep its database."""
    with psycopg.connect(f"{POSTGRES_SERVER}/test", autocommit=True) as admin:
        found = admin.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s ORDER BY datname",
            (f"vc\\_{run}\\_%",),
        ).fetchall()
        names = [str(row[0]) for row in found]
        for name in names:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    return names


# For processes outside pytest (bench/scale_out.py). xdist kills a worker that has not exited
# 10 s after the run (execnet's group.terminate), often before this has dropped them all:
# tests/conftest.py drops them at the session's end instead.
atexit.register(drop_postgres_databases)

ENGINE_INDEPENDENT = "engine_independent"
"""The marker of tests that neither start a server on the run's database nor open it: their
outcome cannot depend on the engine, so `make test-postgres` leaves them out."""
_engine_independent_test: str | None = None


@contextmanager
def running_engine_independent(nodeid: str) -> Iterator[None]:
    """While this marked test (its fixtures included) runs, a server or a database on the
    run's engine is an error: the marker would be a lie (tests/conftest.py)."""
    global _engine_independent_test
    _engine_independent_test = nodeid
    try:
        yield
    finally:
        _engine_independent_test = None


def uses_the_test_engine(what: str) -> None:
    if _engine_independent_test is not None:
        raise AssertionError(
            f"{_engine_independent_test} is marked {ENGINE_INDEPENDENT} but {what}: "
            "remove the marker, or keep the test off the run's database"
        )


def store_database(data_dir: Path) -> Database:
    """A migrated database of the test's own, for store tests without a server: on a fresh
    PostgreSQL database with `make test-postgres`, else a SQLite file in `data_dir`."""
    uses_the_test_engine("opens a store database")
    if on_postgres():
        db = PostgresDatabase(postgres_database())
        migrate(db)
        return db
    return open_database(data_dir / "videoclerk.db")


NATS_URL = os.environ.get("VIDEOCLERK_TEST_NATS_URL", "nats://127.0.0.1:4222")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    url: str
    data_dir: Path
    log_path: Path
    process: subprocess.Popen[bytes]
    database_url: str | None = None
    on_test_engine: bool = True
    """False for a server kept on SQLite whatever the run's engine (`live_server`)."""

    @property
    def database_path(self) -> Path:
        return self.data_dir / "videoclerk.db"

    @contextmanager
    def database(self) -> Iterator[Database]:
        """A connection of the test's own to the server's database, SQLite or PostgreSQL,
        each statement committed at once."""
        opened = PostgresDatabase(self.database_url) if self.database_url else None
        with closing(opened or connect(self.database_path)) as db:
            yield db

    @property
    def database_env(self) -> dict[str, str]:
        """The setting that puts a command run beside this server on its database."""
        return {"VIDEOCLERK_DATABASE_URL": self.database_url} if self.database_url else {}

    @property
    def command_env(self) -> dict[str, str]:
        """The environment of a `videoclerk-server` command run beside this server."""
        return {**os.environ, **self.database_env}

    def stored_bytes(self) -> bytes:
        """Everything the database holds, to search for what must not be there: the SQLite
        files' bytes (deleted pages included), or every PostgreSQL row as text."""
        if not self.database_url:
            return b"".join(
                path.read_bytes()
                for path in self.data_dir.iterdir()
                if path.name.startswith(self.database_path.name)
            )
        with self.database() as db:
            return b"\n".join(
                value if isinstance(value, bytes) else str(value).encode()
                for table in db.table_names()
                for row in db.execute(f"SELECT * FROM {table}").fetchall()  # noqa: S608
                for value in row
            )

    @property
    def ws_url(self) -> str:
        return self.url.replace("http", "ws", 1)

    def advance_clock(self, seconds: float) -> None:
        """Move the server's clock forward: due deadlines fire as if the time had passed."""
        httpx.post(f"{self.url}/test/clock", json={"seconds": seconds}).raise_for_status()

    def now(self) -> datetime:
        """The server's time, as earlier tests on this server may have moved its clock."""
        reading = httpx.get(f"{self.url}/test/clock")
        reading.raise_for_status()
        return datetime.fromisoformat(reading.json()["now"])

    def kill(self) -> None:
        """A crash: no shutdown, no close frames."""
        self.process.kill()
        self.process.wait()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        stop_process(self.process)


def stop_process(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM, as systemd stops a service; SIGKILL if it has not ended 10 s later."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# Tests move the server's clock instead of sleeping (server/testing.py). Call set-up on a
# loaded machine can take longer than the 10-s answer timeout; the test of that deadline
# moves the clock past this one.
# Recordings need a master key (server/recordings/keys.py): this one is for tests only.
TEST_RECORDINGS_MASTER_KEY = (
    '{"primaryKeyId":1330699734,"key":[{"keyData":{"typeUrl":'
    '"type.googleapis.com/google.crypto.tink.AesGcmKey","value":'
    '"GiDca4CdaDskG2TP7q+HbC/Y+P5BI6YVZ4hKvo0tV/a6KQ==","keyMaterialType":"SYMMETRIC"},'
    '"status":"ENABLED","keyId":1330699734,"outputPrefixType":"TINK"}]}'
)
TEST_ENV = {
    "VIDEOCLERK_TEST_CLOCK": "1",
    "VIDEOCLERK_ANSWER_TIMEOUT_SECONDS": "120",
    "VIDEOCLERK_RECORDINGS_MASTER_KEY": TEST_RECORDINGS_MASTER_KEY,
}


def with_test_database(data_dir: Path, environment: dict[str, str]) -> dict[str, str]:
    """A server's environment with `make test-postgres`'s database for `data_dir` (the same
    one each time a server starts there), unless it names a database of its own."""
    uses_the_test_engine("starts a server on the run's database")
    if on_postgres() and "VIDEOCLERK_DATABASE_URL" not in environment:
        return {**environment, "VIDEOCLERK_DATABASE_URL": postgres_database(data_dir)}
    return environment


def postgres_url_in(environment: dict[str, str]) -> str | None:
    """The PostgreSQL database a server with this environment uses, if any."""
    url = environment.get("VIDEOCLERK_DATABASE_URL")
    return url if url and url.startswith("postgres") else None


@contextmanager
def live_server(
    data_dir: Path,
    *,
    env: dict[str, str] | None = None,
    demo: bool = False,
    tls: tuple[Path, Path] | None = None,
    port: int | None = None,
    log_name: str = "server.log",
    program: list[str] | None = None,
    on_sqlite: bool = False,
) -> Iterator[LiveServer]:
    """The server as users run it; with `tls` (certificate, key) it serves HTTPS and WSS.
    `port` brings a killed server back under its old address; a second process on the same
    data folder needs its own `log_name`. `program` runs another installation's
    `videoclerk-server` than this checkout's; it and `on_sqlite` keep the server on SQLite in
    its data folder under `make test-postgres` too (tests about something else, such as the
    desktop bundle, marked engine_independent)."""
    port = port or free_port()
    data_dir.mkdir(parents=True, exist_ok=True)
    log_path = data_dir / log_name
    args = [*(program or [sys.executable, "-m", "server.cli"]), "serve"]
    args += ["--data-dir", str(data_dir)]
    args += ["--host", "127.0.0.1", "--port", str(port)] + (["--demo"] if demo else [])
    if tls is not None:
        args += ["--tls-cert", str(tls[0]), "--tls-key", str(tls[1])]
    environment = {**TEST_ENV, **os.environ, **(env or {})}
    on_test_engine = program is None and not on_sqlite
    if on_test_engine:
        environment = with_test_database(data_dir, environment)
    with log_path.open("wb") as log:
        process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=environment)
    scheme = "https" if tls else "http"
    server = LiveServer(
        f"{scheme}://127.0.0.1:{port}",
        data_dir,
        log_path,
        process,
        database_url=postgres_url_in(environment),
        on_test_engine=on_test_engine,
    )
    try:
        _wait_healthy(server, verify=ssl.create_default_context(cafile=tls[0]) if tls else True)
        yield server
    finally:
        server.stop()


@contextmanager
def two_servers(
    data_dir: Path, *, env: dict[str, str] | None = None
) -> Iterator[tuple[LiveServer, LiveServer]]:
    """Two server processes on one data folder, each with its own log."""
    with server_group(data_dir, 2, env=env) as (first, second):
        yield first, second


@contextmanager
def server_group(
    data_dir: Path, count: int, *, env: dict[str, str] | None = None
) -> Iterator[list[LiveServer]]:
    """`count` server processes on one data folder, each with its own log (`server-N.log`)."""
    with ExitStack() as stack:
        yield [
            stack.enter_context(live_server(data_dir, env=env, log_name=f"server-{n}.log"))
            for n in range(1, count + 1)
        ]


def bus_env() -> dict[str, str]:
    """Settings for servers on the machine's NATS (or $VIDEOCLERK_TEST_NATS_URL), on a subject
    prefix of their own: parallel tests do not hear each other."""
    return {
        "VIDEOCLERK_BUS_URL": NATS_URL,
        "VIDEOCLERK_BUS_SUBJECT_PREFIX": f"test-{secrets.token_hex(6)}",
    }


def _wait_healthy(
    server: LiveServer, timeout: float = 120.0, verify: ssl.SSLContext | bool = True
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"server exited early:\n{server.log()}")
        try:
            if httpx.get(f"{server.url}/health", timeout=1, verify=verify).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"server did not become healthy:\n{server.log()}")

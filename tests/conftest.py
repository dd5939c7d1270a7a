"""Shared fixtures: the real server on a free loopback port, and an HTTP client for it."""

from __future__ import annotations

import gc
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import httpx
import psycopg
import pytest

from clerk_app.logs import LOG_DIR_ENV
from clerk_app.settings.config import SYSTEM_CONFIG_ENV
from tests.live_server import (
    ENGINE_INDEPENDENT,
    TEST_RUN_ENV,
    LiveServer,
    drop_postgres_databases,
    drop_run_databases,
    live_server,
    on_postgres,
    running_engine_independent,
    uses_the_test_engine,
)


def pytest_configure(config: pytest.Config) -> None:
    """The run's token, before xdist starts its workers (they inherit it): a new one, never a
    calling pytest's, whose databases are not this run's to drop."""
    if not hasattr(config, "workerinput"):
        os.environ[TEST_RUN_ENV] = secrets.token_hex(4)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Each process drops the PostgreSQL databases it created (atexit comes too late in xdist's
    workers, killed 10 s after the run); the run's main process, after its workers, also drops
    whatever a crashed one left. Fixtures are torn down by then, failed tests' included. On
    SQLite too: the tests of PostgreSQL itself make databases in every run."""
    drop_postgres_databases()
    if not hasattr(session.config, "workerinput"):
        try:
            drop_run_databases(os.environ[TEST_RUN_ENV])
        except psycopg.OperationalError:
            if on_postgres():
                raise  # a machine without PostgreSQL is fine on SQLite only


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`make test-postgres`: what is only about the SQLite file does not apply, and what cannot
    depend on the engine has run already (`make test`)."""
    if on_postgres():
        skip = pytest.mark.skip(reason="about the SQLite file (docs/scale-out.md)")
        for item in items:
            if item.get_closest_marker("sqlite_only"):
                item.add_marker(skip)
        independent = [item for item in items if item.get_closest_marker(ENGINE_INDEPENDENT)]
        if independent:
            config.hook.pytest_deselected(items=independent)
            items[:] = [item for item in items if not item.get_closest_marker(ENGINE_INDEPENDENT)]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """A test marked engine_independent may start no server on the run's database nor open it
    (tests/live_server.py checks, during its fixtures' set-up too).

    After a Qt test, once pytest has let go of its fixtures: destroy what it left to Qt's
    deferred deletion and to the cycle collector here, on the GUI thread. Left alone, a later
    test's media threads (aiortc's decoder, the recording writer) could collect it, and Qt
    objects destroyed off the GUI thread crash it (clerk_app.shell.garbage)."""
    if item.get_closest_marker(ENGINE_INDEPENDENT):
        with running_engine_independent(item.nodeid):
            yield
    else:
        yield
    if "qapp" in getattr(item, "fixturenames", ()):
        from PySide6.QtCore import QCoreApplication, QEvent

        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()


def pytest_runtest_call(item: pytest.Item) -> None:
    """A server started before (a module's or the session's, cached) is caught here."""
    if item.get_closest_marker(ENGINE_INDEPENDENT):
        for name, value in getattr(item, "funcargs", {}).items():
            if isinstance(value, LiveServer) and value.on_test_engine:
                uses_the_test_engine(f"uses the server of the fixture {name!r}")


@pytest.fixture(scope="session", autouse=True)
def _no_machine_config_or_logs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The app started by tests (`videoclerk --smoke`, ...) reads no system-wide config file
    of this machine and writes no log into the home folder."""
    folder = tmp_path_factory.mktemp("app-environment")
    saved = {name: os.environ.get(name) for name in (LOG_DIR_ENV, SYSTEM_CONFIG_ENV)}
    os.environ[LOG_DIR_ENV] = str(folder / "logs")
    os.environ[SYSTEM_CONFIG_ENV] = str(folder / "no-system-config.toml")
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One server for tests that only need their own organisation (they sign one up).

    Every test connects from 127.0.0.1, so the per-IP visitor limits are raised here; the
    rate-limit tests run a server of their own with the limits low.
    """
    env = {
        "VIDEOCLERK_VISITOR_CONNECTIONS_PER_MINUTE": "100000",
        "VIDEOCLERK_VISITOR_JOINS_PER_MINUTE": "100000",
    }
    with live_server(tmp_path_factory.mktemp("server"), env=env) as running:
        yield running


@pytest.fixture
def client(server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as http:
        yield http


@pytest.fixture
def fresh_server(tmp_path: Path) -> Iterator[LiveServer]:
    """A server of the test's own, for tests that change global state such as IP lockout."""
    with live_server(tmp_path / "server") as running:
        yield running

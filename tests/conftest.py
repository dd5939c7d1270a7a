"""Shared fixtures: the real server on a free loopback port, and an HTTP client for it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.live_server import LiveServer, live_server


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

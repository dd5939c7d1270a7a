"""Counters keyed by what strangers send (addresses, e-mails) must not grow without bound."""

from __future__ import annotations

from pathlib import Path

import pytest

from server.database import open_database
from server.throttles import rules, service

# No server, no database: `make test-postgres` leaves these out (tests/conftest.py).
pytestmark = pytest.mark.engine_independent

SHORT = rules.Limit(free=5, first_delay=60, max_delay=60, window=10)
LOCK_AT_ONCE = rules.Limit(free=1, first_delay=900, max_delay=900, window=10)


def test_throttles_forget_counters_that_no_longer_matter(tmp_path: Path) -> None:
    db = open_database(tmp_path / "db.sqlite")
    for n in range(1000):
        counter = service.Counter(rules.key("login-ip", f"10.0.{n // 256}.{n % 256}"), SHORT)
        assert service.take(db, [counter], now=float(n * 20)) is None  # each window over
    assert int(db.execute("SELECT count(*) FROM throttles").fetchone()[0]) <= 1


def test_throttles_keep_a_held_counter(tmp_path: Path) -> None:
    db = open_database(tmp_path / "db.sqlite")
    locked = service.Counter(rules.key("login-ip", "192.0.2.1"), LOCK_AT_ONCE)
    assert service.take(db, [locked], now=0.0) is None  # counted, and now locked for 900 s
    for n in range(50):
        other = service.Counter(rules.key("login-ip", f"198.51.100.{n}"), SHORT)
        service.take(db, [other], now=100.0 + n * 15)  # until t = 835
    assert service.take(db, [locked], now=899.0) == 900.0
    assert service.take(db, [locked], now=900.0) is None

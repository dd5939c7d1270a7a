"""In-memory counters that take IPs from the network must not grow without bound."""

from __future__ import annotations

from datetime import timedelta

from server.accounts.rules import LoginPolicy
from server.accounts.service import IpFailures

POLICY = LoginPolicy(
    slow_after=3,
    lock_after=5,
    window=timedelta(seconds=0),  # every failure is already outside the window
    lockout=timedelta(seconds=60),
    slow_seconds=0,
)


def test_ip_failures_forget_ips_that_no_longer_matter() -> None:
    failures = IpFailures(prune_above=100)
    for n in range(1000):
        failures.fail(f"10.0.{n // 256}.{n % 256}", POLICY)
    assert len(failures.states) <= 100


def test_ip_failures_keep_a_locked_ip() -> None:
    failures = IpFailures(prune_above=10)
    locking = LoginPolicy(3, 1, timedelta(minutes=15), timedelta(minutes=15), 0)
    failures.fail("192.0.2.1", locking)  # locked at once
    for n in range(50):
        failures.fail(f"198.51.100.{n}", POLICY)
    assert failures.lock_of("192.0.2.1") is not None

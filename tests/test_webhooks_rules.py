"""The pure webhook rules: the retry schedule with its jitter, URLs and addresses."""

from __future__ import annotations

import ipaddress

import pytest

from server.webhooks import rules

# No server, no database: `make test-postgres` leaves these out (tests/conftest.py).
pytestmark = pytest.mark.engine_independent

SCHEDULE = [5, 300, 1800, 7200, 18000, 36000]  # as documented in docs/webhooks.md


def test_the_retry_schedule_is_the_documented_one() -> None:
    assert [rules.retry_delay(n, 0.0) for n in range(1, 7)] == SCHEDULE
    assert rules.retry_delay(7, 0.0) is None  # seven attempts, then `failed`
    assert rules.retry_delay(0, 0.0) is None


@pytest.mark.parametrize("failures", range(1, 7))
def test_jitter_is_ten_percent_either_way(failures: int) -> None:
    base = SCHEDULE[failures - 1]
    assert rules.retry_delay(failures, -1.0) == pytest.approx(base * 0.9)
    assert rules.retry_delay(failures, 1.0) == pytest.approx(base * 1.1)
    assert rules.retry_delay(failures, 0.5) == pytest.approx(base * 1.05)


def test_a_spread_beyond_one_is_a_mistake() -> None:
    with pytest.raises(ValueError, match="spread"):
        rules.retry_delay(1, 1.5)


@pytest.mark.parametrize(
    ("url", "allow_private", "refused"),
    [
        ("https://hooks.example.com/a?b=c", False, False),
        ("http://hooks.example.com/a", False, True),
        ("http://127.0.0.1:8000/a", True, False),
        ("https://user@hooks.example.com/", False, True),
        ("https://hooks.example.com/#part", False, True),
        ("https://hooks.example.com:99999/", False, True),
        ("https://hooks.example.com/é", False, True),
        ("https://hooks.example.com/" + "a" * rules.MAX_URL_LENGTH, False, True),
    ],
)
def test_url_rules(url: str, allow_private: bool, refused: bool) -> None:
    assert (rules.url_problem(url, allow_private=allow_private) is not None) is refused


def _addresses(*texts: str) -> list[rules.Address]:
    return [ipaddress.ip_address(t) for t in texts]


def test_every_address_of_a_host_must_be_public() -> None:
    public, private = _addresses("93.184.215.14"), _addresses("10.0.0.1")
    assert rules.addresses_problem("https", public, allow_private=False) is None
    assert rules.addresses_problem("https", public + private, allow_private=False)
    assert rules.addresses_problem("https", private, allow_private=False)
    assert rules.addresses_problem("https", [], allow_private=False)
    # With private targets allowed: private hosts over http too, public ones over https only.
    assert rules.addresses_problem("http", private, allow_private=True) is None
    assert rules.addresses_problem("http", public, allow_private=True)
    assert rules.addresses_problem("https", public + private, allow_private=True)
    for text in ("::ffff:10.0.0.1", "fe80::1", "fc00::1", "100.64.0.1", "239.1.1.1", "::"):
        assert not rules.is_public(ipaddress.ip_address(text)), text
    assert rules.is_public(ipaddress.ip_address("2606:4700::1111"))

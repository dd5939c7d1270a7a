"""Pure queue decisions and ICE credentials, without a server."""

from __future__ import annotations

import base64
import hashlib
import hmac

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from server.config import Settings
from server.queue import rules
from server.queue.ice import ice_servers_for

# No server, no database: `make test-postgres` leaves these out (tests/conftest.py).
pytestmark = pytest.mark.engine_independent


def test_references_are_readable_and_distinct() -> None:
    references = {rules.new_reference() for _ in range(2000)}
    assert len(references) == 2000
    for reference in references:
        head, tail = reference.split("-")
        assert len(head) == 3 and len(tail) == 4
        assert not set(reference) & set("01ILO")


@given(
    position=st.integers(1, 500),
    handle=st.one_of(st.none(), st.floats(1, 3600)),
    clerks=st.integers(0, 50),
)
def test_estimated_wait_grows_with_position_and_shrinks_with_clerks(
    position: int, handle: float | None, clerks: int
) -> None:
    wait = rules.estimated_wait_seconds(
        position=position, average_handle_seconds=handle, clerks_online=clerks
    )
    behind = rules.estimated_wait_seconds(
        position=position + 1, average_handle_seconds=handle, clerks_online=clerks
    )
    more_clerks = rules.estimated_wait_seconds(
        position=position, average_handle_seconds=handle, clerks_online=clerks + 1
    )
    assert 0 < wait <= behind
    assert more_clerks <= wait


def test_sliding_window_admits_up_to_the_limit_per_key_and_forgets() -> None:
    window = rules.SlidingWindow(limit=3, window_seconds=60)
    assert [window.allow("a", t) for t in (0, 1, 2, 3)] == [True, True, True, False]
    assert window.allow("b", 3)  # another IP has its own count
    assert window.allow("a", 61)  # the first event left the window
    window.forget_idle(500)
    assert window._events == {}


def test_turn_credentials_follow_coturns_rest_api() -> None:
    settings = Settings(
        turn_urls=["turn:turn.example:3478"],
        turn_secret="s3cret",
        turn_credential_seconds=600,
        ice_servers=[{"urls": ["stun:stun.example:3478"]}],
    )
    servers = ice_servers_for(settings, call_id="call_1", now=1_000_000)
    assert servers[0].urls == ["stun:stun.example:3478"] and servers[0].username is None
    turn = servers[1]
    assert turn.username == "1000600:call_1"
    expected = hmac.new(b"s3cret", b"1000600:call_1", hashlib.sha1).digest()
    assert base64.b64decode(turn.credential or "") == expected


@pytest.mark.parametrize("side", ["clerk", "visitor"])
def test_a_relay_only_end_needs_a_turn_server(side: str) -> None:
    relay = {f"{side}_ice_transport_policy": "relay"}
    with pytest.raises(
        ValidationError, match=f"{side}_ice_transport_policy = 'relay' needs a TURN"
    ):
        Settings(**relay, ice_servers=[{"urls": ["stun:stun.example:3478"]}])
    with pytest.raises(ValidationError, match="needs a TURN"):  # URLs without the secret
        Settings(**relay, turn_urls=["turn:turn.example:3478"])
    Settings(**relay, turn_urls=["turn:turn.example:3478"], turn_secret="s3cret")
    Settings(**relay, ice_servers=[{"urls": ["turns:turn.example:5349"], "username": "u"}])


def test_no_ice_servers_unless_configured() -> None:
    assert ice_servers_for(Settings(), call_id="call_1") == []


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        (1000, "clean"),
        (1001, "clean"),
        (4401, "clean"),
        (1012, "restart"),
        (1005, "abnormal"),
        (1006, "abnormal"),
        (1011, "abnormal"),
        (4408, "abnormal"),
    ],
)
def test_close_codes_tell_a_departure_from_a_drop(code: int, kind: str) -> None:
    assert rules.close_kind(code) == kind


def test_the_join_limiter_forgets_idle_addresses_on_its_own() -> None:
    window = rules.SlidingWindow(limit=2, window_seconds=60.0)
    for n in range(1000):
        window.allow(f"10.0.{n // 256}.{n % 256}", now=float(n) / 100)
    assert len(window._events) == 1000
    window.allow("10.9.9.9", now=200.0)  # a window later: the idle ones are gone
    assert list(window._events) == ["10.9.9.9"]

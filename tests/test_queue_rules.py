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


handles = st.one_of(st.none(), st.floats(0.1, 3600))
staffings = st.builds(rules.Staffing, free=st.integers(0, 50), working=st.integers(0, 50))


def _wait(position: int, handle: float | None, staffing: rules.Staffing) -> int:
    return rules.estimated_wait_seconds(
        position=position, average_handle_seconds=handle, staffing=staffing
    )


@given(position=st.integers(1, 500), handle=handles, staffing=staffings)
def test_estimated_wait_grows_with_position_and_shrinks_with_clerks(
    position: int, handle: float | None, staffing: rules.Staffing
) -> None:
    wait = _wait(position, handle, staffing)
    assert wait <= _wait(position + 1, handle, staffing)
    one_more_free = rules.Staffing(free=staffing.free + 1, working=staffing.working)
    one_more_working = rules.Staffing(free=staffing.free, working=staffing.working + 1)
    assert _wait(position, handle, one_more_free) <= wait
    assert _wait(position, handle, one_more_working) <= wait


@given(position=st.integers(1, 500), handle=handles, staffing=staffings)
def test_estimated_wait_is_zero_exactly_when_a_free_clerk_covers_the_position(
    position: int, handle: float | None, staffing: rules.Staffing
) -> None:
    assert (_wait(position, handle, staffing) == 0) == (position <= staffing.free)


@given(position=st.integers(1, 500), handle=handles, staffing=staffings)
def test_estimated_wait_never_promises_less_than_the_clerks_can_do(
    position: int, handle: float | None, staffing: rules.Staffing
) -> None:
    """The lower bound: the visitors beyond the free clerks, each an average call, shared by
    every clerk on duty (at least one) working side by side."""
    beyond_free = max(0, position - staffing.free)
    average = handle or rules.DEFAULT_HANDLE_SECONDS
    clerks = max(1, staffing.free + staffing.working)
    assert _wait(position, handle, staffing) >= beyond_free * average / clerks


def test_next_visitor_with_a_free_clerk_waits_no_time_and_one_beyond_a_whole_call() -> None:
    two_free = rules.Staffing(free=2, working=0)
    assert _wait(1, 300, two_free) == _wait(2, 300, two_free) == 0
    assert _wait(3, 300, two_free) == 300  # a free clerk must finish a call first
    assert _wait(1, 300, rules.Staffing(free=0, working=3)) == 300  # a round, not a third
    assert _wait(1, None, rules.Staffing(free=0, working=0)) == rules.DEFAULT_HANDLE_SECONDS
    assert _wait(1, 0.3, rules.Staffing(free=0, working=1)) == 1  # seconds round up


@pytest.mark.parametrize(
    ("state", "duty"),
    [("available", "free"), ("in_call", "working"), ("wrap_up", "working"), ("away", None)],
)
def test_a_clerk_s_duty_follows_the_state(state: str, duty: str | None) -> None:
    assert rules.duty(state) == duty


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

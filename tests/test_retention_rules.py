"""The retention rules of a closed account as pure decisions over dates (P10, P14)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from server.retention.rules import (
    PROMISED_ERASURE_DAYS,
    Reason,
    Step,
    add_years,
    all_done,
    due_steps,
    schedule,
)

# No server, no database: `make test-postgres` leaves these out (tests/conftest.py).
pytestmark = pytest.mark.engine_independent

CLOSED = datetime(2024, 2, 29, 12, 0, tzinfo=UTC)


def test_years_are_calendar_years_and_29_february_becomes_28() -> None:
    """P10: "kept 7 years" counts calendar years from the closure."""
    assert add_years(CLOSED, 3) == datetime(2027, 2, 28, 12, 0, tzinfo=UTC)
    assert add_years(CLOSED, 4) == datetime(2028, 2, 29, 12, 0, tzinfo=UTC)
    assert add_years(datetime(2025, 6, 1, tzinfo=UTC), 10) == datetime(2035, 6, 1, tzinfo=UTC)


def test_a_requested_closure_keeps_each_kind_for_its_own_time() -> None:
    """P10: account data go after the erasure days (within 60), support after 3 years, the
    profile and contacts after 7, billing after the bookkeeping years."""
    plan = schedule(CLOSED, Reason.REQUESTED, erasure_days=30, billing_years=10)
    assert plan.account_data == CLOSED + timedelta(days=30)
    assert plan.account_data - CLOSED < timedelta(days=PROMISED_ERASURE_DAYS)
    assert plan.support == add_years(CLOSED, 3)
    assert plan.profile == add_years(CLOSED, 7)
    assert plan.billing == add_years(CLOSED, 10)


def test_a_minor_s_account_loses_all_but_billing_at_once() -> None:
    """P14: a purge makes every step but billing due at the closure itself."""
    plan = schedule(CLOSED, Reason.MINOR, erasure_days=30, billing_years=7)
    assert due_steps(plan, CLOSED, done=()) == [Step.ACCOUNT_DATA, Step.SUPPORT, Step.PROFILE]
    assert plan.billing == add_years(CLOSED, 7)


def test_steps_fall_due_on_their_moment_once_and_in_order() -> None:
    """P10: just before a deadline its step is not due, at it and after it is, until done."""
    plan = schedule(CLOSED, Reason.REQUESTED, erasure_days=0, billing_years=3)
    assert due_steps(plan, CLOSED - timedelta(seconds=1), done=()) == []
    assert due_steps(plan, CLOSED, done=()) == [Step.ACCOUNT_DATA]
    later = add_years(CLOSED, 3)
    assert due_steps(plan, later - timedelta(seconds=1), done={Step.ACCOUNT_DATA}) == []
    assert due_steps(plan, later, done={Step.ACCOUNT_DATA}) == [Step.SUPPORT, Step.BILLING]
    assert not all_done({Step.ACCOUNT_DATA, Step.SUPPORT, Step.BILLING})
    assert all_done(set(Step))

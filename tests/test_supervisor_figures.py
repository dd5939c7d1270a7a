"""The supervisor's figure rules (clerk_app/supervisor/figures.py), with no server and no Qt."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clerk_app.supervisor.figures import (
    SupervisorBoard,
    WaitingHistory,
    format_duration,
    nice_ticks,
    seconds_between,
    service_level,
)
from videoclerk_protocol.messages import ClerkState, QueueStats, SupervisorSnapshot

# No server, no database: `make test-postgres` leaves these out (tests/conftest.py).
pytestmark = pytest.mark.engine_independent

NOON = datetime(2025, 3, 4, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("within", "answered", "abandoned", "share"),
    [
        (0, 0, 0, None),  # nothing to judge yet
        (4, 4, 0, 1),
        (3, 4, 0, Fraction(3, 4)),
        (3, 4, 1, Fraction(3, 5)),  # an abandoned visitor was not answered in time
        (0, 0, 3, 0),
        (5, 4, 0, 1),  # never above 100%, even if the counts disagree
    ],
)
def test_service_level_is_the_share_answered_within_target(
    within: int, answered: int, abandoned: int, share: Fraction | int | None
) -> None:
    assert service_level(within, answered, abandoned) == share


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(-5, "0:00"), (0, "0:00"), (7.9, "0:07"), (65, "1:05"), (3599, "59:59"), (3723, "1:02:03")],
)
def test_durations(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text


def test_seconds_between_server_time_and_now() -> None:
    assert seconds_between((NOON - timedelta(seconds=90)).isoformat(), NOON) == 90
    # the server's clock ahead of ours: never a negative time in state
    assert seconds_between((NOON + timedelta(seconds=5)).isoformat(), NOON) == 0
    assert seconds_between("not a time", NOON) == 0
    assert seconds_between("2025-03-04T11:00:00", NOON) == 0  # no zone: cannot compare


@pytest.mark.parametrize(
    ("peak", "values"),
    [
        (0, (0, 1)),  # an empty chart still has an axis
        (3, (0, 1, 2, 3)),
        (5, (0, 1, 2, 3, 4, 5)),
        (7, (0, 2, 4, 6, 8)),
        (12, (0, 5, 10, 15)),
        (26, (0, 10, 20, 30)),
        (501, (0, 200, 400, 600)),
        (12001, (0, 5000, 10000, 15000)),
    ],
)
def test_the_charts_axis_has_round_ticks(peak: int, values: tuple[int, ...]) -> None:
    assert nice_ticks(peak).values == values


def is_nice(step: int) -> bool:
    """1, 2 or 5 times a power of ten."""
    while step % 10 == 0:
        step //= 10
    return step in (1, 2, 5)


@given(peak=st.integers(min_value=0, max_value=10**7), most=st.integers(min_value=1, max_value=10))
def test_nice_ticks_reach_the_peak_in_the_fewest_round_steps(peak: int, most: int) -> None:
    ticks = nice_ticks(peak, most)
    assert is_nice(ticks.step)
    assert ticks.values[0] == 0 and ticks.values[-1] == ticks.top
    assert all(b - a == ticks.step for a, b in zip(ticks.values, ticks.values[1:], strict=False))
    assert max(peak, 1) <= ticks.top < max(peak, 1) + ticks.step  # no empty step on top
    assert len(ticks.values) - 1 <= most
    finer = [m * 10**n for n in range(8) for m in (1, 2, 5) if m * 10**n < ticks.step]
    assert all(-(-max(peak, 1) // s) > most for s in finer)  # a finer step needs too many


def test_history_keeps_one_hour_and_starts_the_line_at_the_window_edge() -> None:
    history = WaitingHistory(window=3600)
    for second in range(2 * 3600 + 1):  # two hours, one sample a second
        history.record(1000.0 + second, second % 7)
    now = 1000.0 + 2 * 3600
    visible = history.samples(now)
    assert visible[0].at == now - 3600  # clamped to the left edge
    assert visible[-1].at == now
    assert all(now - 3600 <= s.at <= now for s in visible)
    assert 3600 <= len(history) <= 3602  # old samples are dropped, not kept forever
    assert history.peak(now) == 6


def test_history_left_edge_carries_the_value_current_then() -> None:
    history = WaitingHistory(window=60)
    history.record(0.0, 4)  # four waiting from t=0 ...
    history.record(100.0, 1)  # ... until t=100
    visible = history.samples(130.0)  # window 70..130
    assert [(s.at, s.waiting) for s in visible] == [(70.0, 4), (100.0, 1)]


def test_history_never_goes_back_in_time_and_is_bounded() -> None:
    history = WaitingHistory(window=3600, max_samples=10)
    history.record(50.0, 1)
    history.record(40.0, 2)  # a clock hiccup: taken as the previous time
    latest = history.latest()
    assert latest is not None and (latest.at, latest.waiting) == (50.0, 2)
    for i in range(100):  # a burst of snapshots within one second
        history.record(50.0 + i / 1000, i)
    assert len(history) == 10
    history.record(60.0, -3)
    latest = history.latest()
    assert latest is not None and latest.waiting == 0


def snapshot(waiting: int, longest: int, *, since: datetime) -> SupervisorSnapshot:
    return SupervisorSnapshot(
        queues=[
            QueueStats(
                queue_id="que_a",
                name={"en": "Sales", "nl": "Verkoop"},
                waiting=waiting,
                longest_wait_seconds=longest,
                answered=5,
                abandoned=1,
                answered_within_target=4,
                target_seconds=20,
            ),
            QueueStats(
                queue_id="que_b",
                name={"en": "Support", "nl": "Ondersteuning"},
                waiting=1,
                longest_wait_seconds=3,
                answered=0,
                abandoned=0,
                answered_within_target=0,
                target_seconds=20,
            ),
        ],
        clerks=[
            ClerkState(user_id="usr_2", name="zoë", state="in_call", since=since.isoformat()),
            ClerkState(user_id="usr_1", name="Anna", state="available", since=since.isoformat()),
        ],
    )


def test_board_ticks_between_snapshots_and_samples_the_total() -> None:
    board = SupervisorBoard()
    board.tick(5.0)
    assert len(board.history) == 0  # nothing to draw before the first figures
    board.apply(snapshot(2, 40, since=NOON - timedelta(seconds=30)), now=10.0, wall_now=NOON)
    sales = board.queues[0]
    assert sales.service_level == Fraction(4, 6)
    assert board.total_waiting == 3
    assert [c.name for c in board.clerks] == ["Anna", "zoë"]  # sorted by name
    assert board.clerks[0].in_state(board.elapsed(10.0)) == 30

    board.tick(17.0)  # seven seconds later, no new snapshot
    elapsed = board.elapsed(17.0)
    assert sales.longest_wait(elapsed) == 47
    assert board.clerks[0].in_state(elapsed) == 37
    assert [(s.at, s.waiting) for s in board.history.samples(17.0)] == [(10.0, 3), (17.0, 3)]

    board.apply(snapshot(0, 0, since=NOON), now=18.0, wall_now=NOON + timedelta(seconds=8))
    assert board.queues[0].longest_wait(board.elapsed(30.0)) == 0  # nobody waits: no clock
    totals = board.totals()
    assert (totals.waiting, totals.answered, totals.abandoned) == (1, 5, 1)
    assert totals.service_level == Fraction(4, 6)
    assert totals.target_seconds == 20
    assert board.snapshots == 2
    assert board.history.peak(18.0) == 3

"""The pure rules behind P13, P15 and P16, case by case."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from server.marketing import rules as marketing
from server.policy import rules as policy
from server.suggestions import rules as suggestions

# No server, no database: `make test-postgres` leaves these out (tests/conftest.py).
pytestmark = pytest.mark.engine_independent

START = datetime(2020, 5, 1, tzinfo=UTC)


def _v(name: str, days: int, material: bool) -> policy.Version:
    return policy.Version(name, START + timedelta(days=days), material)


VERSIONS = [_v("v1", 0, True), _v("v2-typo", 10, False), _v("v3", 20, True), _v("v4", 30, False)]


def test_the_version_in_force_follows_the_clock() -> None:
    """P15: each version takes effect at its time; before the first, none is in force."""
    assert policy.in_force(VERSIONS, START - timedelta(seconds=1)) is None
    assert policy.in_force(VERSIONS, START).version == "v1"  # type: ignore[union-attr]
    assert policy.in_force(VERSIONS, START + timedelta(days=25)).version == "v3"  # type: ignore[union-attr]
    assert [v.version for v in policy.upcoming(VERSIONS, START + timedelta(days=15))] == [
        "v3",
        "v4",
    ]


def test_who_must_accept_what() -> None:
    """P15: a newcomer accepts the version in force without being told of a change; only a
    material change after the accepted version asks again; an unknown version is old."""
    day = START + timedelta(days=15)
    assert policy.acceptance_needed(None, VERSIONS, day) == "first"
    assert policy.acceptance_needed("v1", VERSIONS, day) is None  # v2 is a typo fix
    later = START + timedelta(days=35)
    assert policy.acceptance_needed("v1", VERSIONS, later) == "changed"
    assert policy.acceptance_needed("v2-typo", VERSIONS, later) == "changed"
    assert policy.acceptance_needed("v3", VERSIONS, later) is None  # v4 is not material
    assert policy.acceptance_needed("v4", VERSIONS, later) is None
    assert policy.acceptance_needed("gone", VERSIONS, later) == "changed"
    assert policy.acceptance_needed(None, [], later) is None


def test_versions_are_only_appended() -> None:
    """P15: a new version needs a fresh name and a later effective time than every other."""
    assert policy.addition_problem(_v("v5", 31, True), VERSIONS) is None
    assert "exists" in str(policy.addition_problem(_v("v3", 40, True), VERSIONS))
    assert "after version v4" in str(policy.addition_problem(_v("v5", 30, True), VERSIONS))
    assert policy.addition_problem(_v("no spaces", 40, True), VERSIONS)


def test_unsubscribe_tokens_have_one_spelling() -> None:
    """P13: a token splits back into its user and tag; any other spelling is refused."""
    token = marketing.make_token("usr_abc", b"\x01" * 37)
    assert marketing.split_token(token) == ("usr_abc", b"\x01" * 37)
    user, tag = token.split(".")
    for bad in (f"{user}.{tag[:-1]}B", f"{user}.{tag}=", "nodot", ".x", "a.b.c", "u." + "A" * 300):
        assert marketing.split_token(bad) is None, bad
    assert marketing.wants_marketing(opted_in=True, restricted=False)
    assert not marketing.wants_marketing(opted_in=True, restricted=True)
    assert not marketing.wants_marketing(opted_in=False, restricted=False)


def _o(items: str, accepted: bool, discount: str = "0") -> suggestions.Outcome:
    return suggestions.Outcome(
        frozenset(("product", i) for i in items), accepted, Decimal(discount)
    )


def test_suggestions_need_three_answered_offers_and_mostly_acceptance() -> None:
    """P16: an item is suggested only from three or more answered offers sharing an item
    with the draft, accepted in at least half of them; best acceptance first."""
    outcomes = [
        _o("AB", True, "5"),
        _o("AB", True, "10"),
        _o("AB", False),
        _o("AC", True, "20"),
        _o("AC", True),
        _o("AD", False),
        _o("AD", False),
        _o("AD", True),
        _o("XY", True),
        _o("XY", True),
        _o("XY", True),
    ]
    draft = frozenset({("product", "A")})
    found = suggestions.suggest_items(outcomes, draft)
    assert [(s.item[1], s.accepted, s.answered) for s in found] == [("B", 2, 3)]
    assert suggestions.suggest_discount(outcomes, draft) == suggestions.DiscountSuggestion(
        Decimal("10"), 3
    )
    assert suggestions.suggest_discount(outcomes[:2], draft) is None
    everything = suggestions.suggest_items(outcomes, frozenset())
    assert [s.item[1] for s in everything] == ["X", "Y", "B"]

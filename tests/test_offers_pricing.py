"""The offers' pricing rules as properties (hypothesis) and worked examples (docs/offers.md)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from server.offers import rules

# No server, no database: `make test-postgres` leaves these out (tests/conftest.py).
pytestmark = pytest.mark.engine_independent

percent = st.decimals(min_value=0, max_value=100, places=2).map(
    lambda d: rules.DiscountRule("percent", d)
)
amount = st.integers(0, 10**7).map(lambda n: rules.DiscountRule("amount", Decimal(n)))
discount = st.none() | percent | amount
line = st.builds(
    rules.LineInput,
    unit_minor=st.integers(0, 10**9),
    quantity=st.integers(1, rules.MAX_QUANTITY),
    vat_rate=st.sampled_from([Decimal(0), Decimal(9), Decimal(21), Decimal("12.5")]),
    discount=discount,
)


@given(st.integers(0, 10**12), st.lists(st.integers(0, 10**9), min_size=1, max_size=100))
def test_largest_remainder_adds_up_and_stays_within_weights(total: int, weights: list[int]) -> None:
    total = min(total, sum(weights))
    shares = rules.largest_remainder(total, weights)
    assert sum(shares) == (total if sum(weights) else 0)
    assert all(0 <= s <= w for s, w in zip(shares, weights, strict=True))
    whole = sum(weights) or 1
    assert all(abs(s - total * w / whole) < 1 + 1e-6 for s, w in zip(shares, weights, strict=True))


@given(st.lists(line, min_size=1, max_size=20), discount, st.booleans())
def test_priced_offers_add_up(
    lines: list[rules.LineInput], total: rules.DiscountRule | None, inclusive: bool
) -> None:
    priced = rules.price(lines, total, prices_include_vat=inclusive)
    for p in priced.lines:
        assert p.net_minor + p.vat_minor == p.gross_minor
        assert min(p.net_minor, p.vat_minor, p.gross_minor) >= 0
        assert 0 <= p.discount_minor <= p.list_minor
        assert p.gross_minor <= p.list_gross_minor
    assert priced.net_minor == sum(p.net_minor for p in priced.lines)
    assert priced.vat_minor == sum(p.vat_minor for p in priced.lines)
    assert priced.gross_minor == priced.net_minor + priced.vat_minor
    assert priced.discount_minor == priced.list_gross_minor - priced.gross_minor
    assert sum(net for _, net, _ in priced.vat_subtotals) == priced.net_minor
    assert sum(vat for _, _, vat in priced.vat_subtotals) == priced.vat_minor
    assert 0 <= priced.discount_percent <= 100
    if total is None and all(x.discount is None for x in lines):
        assert priced.discount_minor == 0


def test_worked_example_total_discount_spread_by_largest_remainder() -> None:
    """€10 off 3 × €33.33 lines: 333.33 each → shares 334, 333, 333 cents (first on the tie)."""
    lines = [rules.LineInput(3333, 1, Decimal(21)) for _ in range(3)]
    priced = rules.price(
        lines, rules.DiscountRule("amount", Decimal(1000)), prices_include_vat=True
    )
    assert [p.discount_minor for p in priced.lines] == [334, 333, 333]
    assert priced.gross_minor == 9999 - 1000
    assert rules.percent_text(priced.discount_percent) == "10.00"


def test_worked_example_line_percent_then_exclusive_vat() -> None:
    """2 × €49.99 net at 21 %, 10 % off: 9998 − 1000 (999.8 rounded) = 8998 net, VAT 1890."""
    line = rules.LineInput(4999, 2, Decimal(21), rules.DiscountRule("percent", Decimal(10)))
    priced = rules.price([line], None, prices_include_vat=False)
    assert (priced.net_minor, priced.vat_minor, priced.gross_minor) == (8998, 1890, 10888)
    assert priced.list_gross_minor == 12098  # 9998 + 2099.58 rounded
    assert rules.percent_text(priced.discount_percent) == "10.00"


def test_approval_is_beyond_the_limit_and_beyond_what_was_approved() -> None:
    ten = Decimal(10)
    assert not rules.needs_approval(Decimal(10), limit=ten, approved=None)
    assert rules.needs_approval(Decimal("10.004"), limit=ten, approved=None)
    assert not rules.needs_approval(Decimal(20), limit=ten, approved=Decimal(20))
    assert rules.needs_approval(Decimal("20.01"), limit=ten, approved=Decimal(20))


def test_validity_ends_at_local_midnight() -> None:
    assert rules.end_of_day(date(2026, 7, 1), "Europe/Amsterdam") == datetime(
        2026, 7, 1, 22, 0, tzinfo=UTC
    )
    assert rules.end_of_day(date(2026, 12, 1), "Europe/Amsterdam") == datetime(
        2026, 12, 1, 23, 0, tzinfo=UTC
    )
    assert rules.validity_problem(date(2026, 1, 1), today=date(2026, 1, 2)) is not None
    assert rules.validity_problem(date(2026, 4, 2), today=date(2026, 1, 2)) is None
    assert rules.validity_problem(date(2026, 4, 3), today=date(2026, 1, 2)) is not None


def test_references_hashes_and_contact_text() -> None:
    assert all(
        len(r) == 11 and r.startswith("OF-") for r in (rules.new_reference() for _ in range(50))
    )
    assert rules.content_hash({"b": 1, "a": "€"}) == rules.content_hash({"a": "€", "b": 1})
    for text in ("bel 06-12345678", "+31 (0)20 123 4567", "an.na@example.nl"):
        assert rules.looks_like_contact(text), text
    for text in ("10 lamps in 2 weeks", "size 42, colour red", "between 2025 and 2026"):
        assert not rules.looks_like_contact(text), text

"""Money rules (docs/catalogue.md) as properties and tables: minor units, VAT per line with
one ROUND_HALF_UP per line, totals as sums of lines, and formatting in English and Dutch."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from server.catalogue import money

# No server, no database: `make test-postgres` leaves these out (tests/conftest.py).
pytestmark = pytest.mark.engine_independent

units = st.integers(min_value=0, max_value=money.MAX_UNIT_MINOR)
quantities = st.integers(min_value=1, max_value=money.MAX_QUANTITY)
rates = st.decimals(min_value=0, max_value=100, places=2)
include = st.booleans()


def line(unit: int, quantity: int, rate: Decimal, inclusive: bool) -> money.Line:
    return money.price_line(
        currency="EUR",
        unit_minor=unit,
        quantity=quantity,
        vat_rate=rate,
        prices_include_vat=inclusive,
    )


@given(units, quantities, rates, include)
def test_net_plus_vat_is_gross_and_nothing_is_negative(
    unit: int, quantity: int, rate: Decimal, inclusive: bool
) -> None:
    priced = line(unit, quantity, rate, inclusive)
    assert priced.net_minor + priced.vat_minor == priced.gross_minor
    assert min(priced.net_minor, priced.vat_minor, priced.gross_minor) >= 0
    entered = priced.gross_minor if inclusive else priced.net_minor
    assert entered == unit * quantity


@given(units, quantities, rates, include)
def test_vat_is_the_rate_rounded_once_per_line(
    unit: int, quantity: int, rate: Decimal, inclusive: bool
) -> None:
    """Whichever way the price was entered, the line's VAT is within half a minor unit of
    rate × net (exclusive), or of the exact VAT share of the gross (inclusive)."""
    priced = line(unit, quantity, rate, inclusive)
    if inclusive:
        exact = Decimal(priced.gross_minor) * rate / (100 + rate)
    else:
        exact = Decimal(priced.net_minor) * rate / 100
    assert abs(priced.vat_minor - exact) <= Decimal("0.5")


@given(st.integers(0, 10**7), st.integers(1, 1000), rates)
def test_inclusive_and_exclusive_agree(unit: int, quantity: int, rate: Decimal) -> None:
    """An exclusive line's gross entered as an inclusive price gives back its net and VAT
    (the inclusive rounding error, under 0.5 / (1 + rate), cannot reach half a unit)."""
    exclusive = line(unit, quantity, rate, False)
    inclusive = money.price_line(
        currency="EUR",
        unit_minor=exclusive.gross_minor,
        quantity=1,
        vat_rate=rate,
        prices_include_vat=True,
    )
    assert (inclusive.net_minor, inclusive.vat_minor) == (exclusive.net_minor, exclusive.vat_minor)


@given(units, quantities, rates)
def test_exclusive_nets_scale_with_quantity(unit: int, quantity: int, rate: Decimal) -> None:
    one, many = line(unit, 1, rate, False), line(unit, quantity, rate, False)
    assert many.net_minor == quantity * one.net_minor
    # Rounding once per line: the line's VAT differs from quantity × a unit's rounded VAT
    # by at most half a minor unit per unit.
    assert abs(many.vat_minor - quantity * one.vat_minor) <= Decimal(quantity) / 2


@given(st.lists(st.tuples(units, quantities, rates), max_size=20), include)
def test_totals_are_sums_of_rounded_lines(
    specs: list[tuple[int, int, Decimal]], inclusive: bool
) -> None:
    lines = [line(u, q, r, inclusive) for u, q, r in specs]
    total = money.totals(lines)
    assert total.net_minor == sum(x.net_minor for x in lines)
    assert total.vat_minor == sum(x.vat_minor for x in lines)
    assert total.gross_minor == sum(x.gross_minor for x in lines)
    assert total.net_minor + total.vat_minor == total.gross_minor


@pytest.mark.parametrize(
    ("unit", "quantity", "rate", "inclusive", "net", "vat", "gross"),
    [
        (1000, 1, "21", False, 1000, 210, 1210),
        (1, 1, "50", False, 1, 1, 2),  # 0.5 rounds up (half up)
        (1, 1, "49.99", False, 1, 0, 1),
        (333, 3, "21", False, 999, 210, 1209),  # 209.79 → 210, once for the line
        (1210, 1, "21", True, 1000, 210, 1210),
        (4999, 1, "21", True, 4131, 868, 4999),  # 41.3140… → 4131
        (3, 1, "50", True, 2, 1, 3),  # 2 exactly
        (1, 1, "0", True, 1, 0, 1),
        (1000, 1, "25", True, 800, 200, 1000),  # NOK 25 %
        (105, 1, "9", False, 105, 9, 114),  # 9.45 → 9
        (106, 1, "12.5", False, 106, 13, 119),  # 13.25 → 13
        (4, 1, "12.5", False, 4, 1, 5),  # 0.5 → 1
    ],
)
def test_worked_examples(
    unit: int, quantity: int, rate: str, inclusive: bool, net: int, vat: int, gross: int
) -> None:
    priced = line(unit, quantity, Decimal(rate), inclusive)
    assert (priced.net_minor, priced.vat_minor, priced.gross_minor) == (net, vat, gross)


def test_out_of_range_inputs_are_refused() -> None:
    for unit, quantity, rate in ((-1, 1, "0"), (1, 0, "0"), (1, 1, "-1"), (1, 1, "100.01")):
        with pytest.raises(ValueError):
            line(unit, quantity, Decimal(rate), False)
    with pytest.raises(ValueError):
        money.unit_price(100, [-50, -51])
    assert money.unit_price(100, [-50, 25]) == 75
    with pytest.raises(ValueError):
        money.totals([line(1, 1, Decimal(0), False), money.Line("NOK", 1, 1, 1, 0, 1, Decimal(0))])


def test_minor_unit_digits() -> None:
    assert {c: money.minor_digits(c) for c in ("EUR", "NOK", "JPY", "USD")} == {
        "EUR": 2,
        "NOK": 2,
        "JPY": 0,
        "USD": 2,
    }
    assert money.to_decimal(1234, "EUR") == Decimal("12.34")
    assert money.to_decimal(1234, "JPY") == Decimal(1234)


@pytest.mark.parametrize(
    ("minor", "currency", "language", "text"),
    [
        (123450, "EUR", "en", "€1,234.50"),
        (123450, "EUR", "nl", "€\xa01.234,50"),
        (123450, "NOK", "en", "NOK1,234.50"),
        (123450, "NOK", "nl", "NOK\xa01.234,50"),
        (5, "EUR", "en", "€0.05"),
        (5, "NOK", "nl", "NOK\xa00,05"),
        (0, "EUR", "nl", "€\xa00,00"),
        (1234, "JPY", "en", "¥1,234"),
    ],
)
def test_formatting_in_english_and_dutch(
    minor: int, currency: str, language: str, text: str
) -> None:
    assert money.format_money(minor, currency, language) == text

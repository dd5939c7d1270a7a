"""Money as integer minor units of an ISO 4217 currency, and VAT per line (docs/catalogue.md).

Everything here is pure. Amounts are `int` minor units (cents, øre; yen have none) and all
arithmetic is exact `Decimal`; the one rounding step per line is ROUND_HALF_UP to a whole
minor unit, so a line's net + VAT == gross exactly and totals are plain sums of lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from babel.core import Locale
from babel.numbers import format_currency, get_currency_precision, list_currencies

HUNDRED = Decimal(100)
MAX_UNIT_MINOR = 10**11
"""The highest unit price (a billion in a two-digit currency): line totals stay exact."""
MAX_QUANTITY = 10_000
LOCALES = {"en": "en", "nl": "nl_NL"}


@cache
def currencies() -> frozenset[str]:
    """The ISO 4217 codes babel knows (and so can format and give minor units for)."""
    return frozenset(code for code in list_currencies() if len(code) == 3 and code.isupper())


@cache
def minor_digits(currency: str) -> int:
    """Digits after the decimal point: EUR and NOK 2, JPY 0 (babel's CLDR data)."""
    return int(get_currency_precision(currency))


def round_minor(amount: Decimal) -> int:
    """The one rounding rule: to a whole minor unit, halves away from zero (ROUND_HALF_UP)."""
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Line:
    """One priced line: net + vat == gross, all in minor units of `currency`."""

    currency: str
    quantity: int
    unit_minor: int
    net_minor: int
    vat_minor: int
    gross_minor: int
    vat_rate: Decimal


@dataclass(frozen=True)
class Totals:
    currency: str
    net_minor: int
    vat_minor: int
    gross_minor: int


def unit_price(base_minor: int, deltas: Iterable[int]) -> int:
    """The unit price with the chosen options' deltas (which may be negative, never below 0)."""
    unit = base_minor + sum(deltas)
    if unit < 0:
        raise ValueError("the chosen options bring the price below zero")
    return unit


def price_line(
    *,
    currency: str,
    unit_minor: int,
    quantity: int,
    vat_rate: Decimal,
    prices_include_vat: bool,
) -> Line:
    """Net, VAT and gross of `quantity` units at `unit_minor` (as entered) and `vat_rate` %.

    The entered amount (unit × quantity) is exact. VAT-exclusive: it is the net and VAT is
    net × rate / 100, rounded. VAT-inclusive: it is the gross and net is
    gross × 100 / (100 + rate), rounded; VAT is the difference. Either way, one rounding.
    """
    if not 0 <= unit_minor <= MAX_UNIT_MINOR:
        raise ValueError("unit price out of range")
    if not 1 <= quantity <= MAX_QUANTITY:
        raise ValueError("quantity out of range")
    if not 0 <= vat_rate <= HUNDRED:
        raise ValueError("VAT rate out of range")
    net, vat, gross = vat_split(
        unit_minor * quantity, vat_rate=vat_rate, prices_include_vat=prices_include_vat
    )
    return Line(currency, quantity, unit_minor, net, vat, gross, vat_rate)


def vat_split(
    entered_minor: int, *, vat_rate: Decimal, prices_include_vat: bool
) -> tuple[int, int, int]:
    """(net, VAT, gross) of an entered amount: the one rounding of a line (see `price_line`).

    Offers use it for a line's amount after its discounts (server/offers/rules.py).
    """
    if entered_minor < 0:
        raise ValueError("amount below zero")
    if prices_include_vat:
        gross = entered_minor
        net = round_minor(Decimal(gross) * HUNDRED / (HUNDRED + vat_rate))
        return net, gross - net, gross
    vat = round_minor(Decimal(entered_minor) * vat_rate / HUNDRED)
    return entered_minor, vat, entered_minor + vat


def totals(lines: Sequence[Line]) -> Totals:
    """Sums of the rounded lines (never re-rounded); all lines share one currency."""
    found = {line.currency for line in lines}
    if len(found) > 1:
        raise ValueError("lines in more than one currency cannot be added up")
    return Totals(
        currency=found.pop() if found else "",
        net_minor=sum(line.net_minor for line in lines),
        vat_minor=sum(line.vat_minor for line in lines),
        gross_minor=sum(line.gross_minor for line in lines),
    )


def to_decimal(minor: int, currency: str) -> Decimal:
    """Minor units as the major-unit amount, exactly (1234 EUR cents → 12.34)."""
    return Decimal(minor).scaleb(-minor_digits(currency))


def format_money(minor: int, currency: str, language: str) -> str:
    """`minor` units as people read them in `language` (en or nl): €12.34, € 12,34, NOK 12,34."""
    locale = Locale.parse(LOCALES.get(language, "en"))
    return str(format_currency(to_decimal(minor, currency), currency, locale=locale))

"""Money as the clerk reads and types it: minor units <-> text in the app's language (babel)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from babel.numbers import format_currency, get_currency_precision

MAX_PERCENT = Decimal(100)


def digits(currency: str) -> int:
    return int(get_currency_precision(currency))


def format_money(minor: int, currency: str, language: str) -> str:
    """`€ 1.234,50` in Dutch, `€1,234.50` in English."""
    amount = Decimal(minor).scaleb(-digits(currency))
    return str(format_currency(amount, currency, locale=language))


def _number(typed: str) -> Decimal | None:
    """A number as typed: a decimal comma or point, no thousands separators."""
    cleaned = typed.strip().replace(" ", "").replace("%", "").replace(",", ".")
    if not cleaned or cleaned.count(".") > 1:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() and value >= 0 else None


def parse_percent(typed: str) -> str | None:
    """'12,5' -> '12.5' (at most two decimals, 0-100); None when it is not one."""
    value = _number(typed)
    if value is None or value > MAX_PERCENT or value != value.quantize(Decimal("0.01")):
        return None
    return format(value.normalize(), "f")


def parse_amount(typed: str, currency: str) -> str | None:
    """'5,00' EUR -> '500' (minor units as the protocol's Discount wants them)."""
    value = _number(typed)
    places = digits(currency)
    if value is None:
        return None
    minor = value.scaleb(places)
    if minor != minor.to_integral_value() or minor > 10**12:
        return None
    return str(int(minor))


def amount_text(minor: str, currency: str) -> str:
    """'500' EUR -> '5.00': an amount discount back in the clerk's field."""
    return format(Decimal(int(minor)).scaleb(-digits(currency)), "f")

"""Pure decisions about offers (docs/offers.md): pricing with discounts, approval, validity,
references, content hashes and the contact check of a visitor's free text.

Pricing sits on the catalogue's money rules (server/catalogue/money.py): discounts are taken
off a line's entered amount (gross for VAT-inclusive organisations, net for exclusive ones),
then each line goes through the one VAT rounding. All arithmetic is exact.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from server.catalogue import money
from server.catalogue.rules import vat_text
from server.contact_text import looks_like_contact as looks_like_contact

MAX_LINES = 100
MAX_QUANTITY = 9_999
MAX_VALIDITY_DAYS = 90
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base32: no I, L, O or U, so a reference read aloud is not misheard."""
ROLES = ("clerk", "supervisor", "admin")
FINAL = frozenset({"accepted", "expired"})
_CENT = Decimal("0.01")

DiscountKind = Literal["percent", "amount"]


@dataclass(frozen=True)
class DiscountRule:
    kind: DiscountKind
    value: Decimal
    """Percent (0–100, at most two decimals), or a whole amount in minor units."""


def parse_discount(kind: DiscountKind, text: str) -> DiscountRule:
    """A discount from its wire form; ValueError with a sentence when it is not one."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"'{text}' is not a number") from None
    if not value.is_finite() or value < 0:
        raise ValueError("a discount is a number from 0 up")
    if kind == "percent":
        if value > 100 or value != value.quantize(_CENT):
            raise ValueError("a percentage is 0 to 100 with at most two decimals")
    elif value != value.to_integral_value():
        raise ValueError("an amount is a whole number of minor units (cents)")
    return DiscountRule(kind, value)


def discount_amount(rule: DiscountRule | None, of_minor: int) -> int:
    """What a discount takes off `of_minor`: a percentage rounded half up, an amount at most all."""
    if rule is None:
        return 0
    if rule.kind == "percent":
        return money.round_minor(Decimal(of_minor) * rule.value / money.HUNDRED)
    return min(int(rule.value), of_minor)


def largest_remainder(total: int, weights: Sequence[int]) -> list[int]:
    """`total` split in proportion to `weights` in whole units that add up to `total` exactly.

    Each share is first rounded down; the units left over go to the largest remainders (the
    earlier line on a tie). With `total` at most `sum(weights)` no share exceeds its weight.
    """
    whole = sum(weights)
    if whole == 0:
        return [0] * len(weights)
    shares = [total * w // whole for w in weights]
    left = total - sum(shares)
    order = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for i in order[:left]:
        shares[i] += 1
    return shares


@dataclass(frozen=True)
class LineInput:
    unit_minor: int
    quantity: int
    vat_rate: Decimal
    discount: DiscountRule | None = None


@dataclass(frozen=True)
class PricedLine:
    list_minor: int
    discount_minor: int
    """The line's own discount plus its share of the total's (entered amounts)."""
    net_minor: int
    vat_minor: int
    gross_minor: int
    list_gross_minor: int
    vat_rate: str


@dataclass(frozen=True)
class Priced:
    lines: list[PricedLine]
    list_gross_minor: int
    discount_minor: int
    """list_gross − gross: what the discounts took off, VAT included."""
    discount_percent: Decimal
    """Exact; `percent_text` shows it with two decimals."""
    net_minor: int
    vat_minor: int
    gross_minor: int
    vat_subtotals: list[tuple[str, int, int]]
    """(rate, net, VAT) per VAT rate, lowest rate first."""


def price(
    lines: Sequence[LineInput], total_discount: DiscountRule | None, *, prices_include_vat: bool
) -> Priced:
    """The offer's lines and totals (docs/offers.md, Pricing); one VAT rounding per line."""
    lists = [line.unit_minor * line.quantity for line in lines]
    after = [
        amount - discount_amount(line.discount, amount)
        for line, amount in zip(lines, lists, strict=True)
    ]
    shares = largest_remainder(discount_amount(total_discount, sum(after)), after)
    priced: list[PricedLine] = []
    for line, listed, own, share in zip(lines, lists, after, shares, strict=True):
        net, vat, gross = money.vat_split(
            own - share, vat_rate=line.vat_rate, prices_include_vat=prices_include_vat
        )
        list_gross = money.vat_split(
            listed, vat_rate=line.vat_rate, prices_include_vat=prices_include_vat
        )[2]
        priced.append(
            PricedLine(
                listed, listed - own + share, net, vat, gross, list_gross, vat_text(line.vat_rate)
            )
        )
    list_gross = sum(p.list_gross_minor for p in priced)
    gross = sum(p.gross_minor for p in priced)
    subtotals: dict[str, tuple[int, int]] = {}
    for p in priced:
        net_sum, vat_sum = subtotals.get(p.vat_rate, (0, 0))
        subtotals[p.vat_rate] = (net_sum + p.net_minor, vat_sum + p.vat_minor)
    return Priced(
        lines=priced,
        list_gross_minor=list_gross,
        discount_minor=list_gross - gross,
        discount_percent=discount_percent(list_gross, gross),
        net_minor=sum(p.net_minor for p in priced),
        vat_minor=sum(p.vat_minor for p in priced),
        gross_minor=gross,
        vat_subtotals=[(rate, *subtotals[rate]) for rate in sorted(subtotals, key=Decimal)],
    )


def discount_percent(list_gross_minor: int, gross_minor: int) -> Decimal:
    """(list_gross − gross) / list_gross × 100, exact (0 for an offer that costs nothing)."""
    if list_gross_minor == 0:
        return Decimal(0)
    return Decimal(list_gross_minor - gross_minor) * money.HUNDRED / Decimal(list_gross_minor)


def percent_text(percent: Decimal) -> str:
    """Two decimals, halves up: '12.50'."""
    return str(percent.quantize(_CENT, rounding=ROUND_HALF_UP))


# ---- approval ----------------------------------------------------------------------------------


def needs_approval(percent: Decimal, *, limit: Decimal, approved: Decimal | None) -> bool:
    """Above the clerk's role limit and above the highest percentage approved for this offer.

    Exact percentages are compared, so 10.004 % is above a 10 % limit although it shows as
    10.00 %. An approval covers every later revision up to its percentage (fixing a note).
    """
    return percent > limit and (approved is None or percent > approved)


# ---- validity ----------------------------------------------------------------------------------


def zone(name: str) -> ZoneInfo:
    """The IANA time zone, or ValueError."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"'{name}' is not an IANA time zone") from None


def local_today(now: datetime, time_zone: str) -> date:
    return now.astimezone(zone(time_zone)).date()


def end_of_day(day: date, time_zone: str) -> datetime:
    """The moment `day` ends in `time_zone` (midnight that starts the next day), in UTC."""
    midnight = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone(time_zone))
    return midnight.astimezone(UTC)


def validity_problem(day: date, *, today: date) -> str | None:
    """Why the clerk may not choose `day` as the last valid day, or None."""
    if not today <= day <= today + timedelta(days=MAX_VALIDITY_DAYS):
        return f"Choose a date from today up to {MAX_VALIDITY_DAYS} days ahead."
    return None


def expired(now: datetime, valid_until_at: datetime) -> bool:
    return now >= valid_until_at


# ---- acceptance --------------------------------------------------------------------------------


def new_reference() -> str:
    """OF- and 8 Crockford base32 characters (40 random bits)."""
    return "OF-" + "".join(secrets.choice(CROCKFORD) for _ in range(8))


def canonical_json(content: Mapping[str, Any]) -> bytes:
    """Sorted keys, no spaces, UTF-8: the same content always gives the same bytes."""
    return json.dumps(
        content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode()


def content_hash(content: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_json(content)).hexdigest()


def checkout_url(template: str | None, reference: str) -> str | None:
    return None if template is None else template.replace("{reference}", reference)

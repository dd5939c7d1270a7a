"""Pure decisions about products: search queries, options, canonical forms, limits."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from server.catalogue import money
from server.sql import as_record

if TYPE_CHECKING:
    from server.catalogue.models import Product  # models.py reads this module's limits

MAX_BULK_ROWS = 5_000
MAX_BULK_BYTES = 32 * 1024 * 1024
MAX_SEARCH_TERMS = 8
MAX_SEARCH_RESULTS = 50
MAX_OPTION_GROUPS = 10
MAX_CHOICES = 50
MAX_BUNDLE_ITEMS = 50

_WORD = re.compile(r"\w+")


def search_words(text: str) -> tuple[str, ...] | None:
    """The words of what a clerk typed, each to match as a prefix (server/sql.py
    `search_match`): "lam" finds "Lamp" and "red lam" finds "Red lamp".

    Only word characters are kept, so no input can use the search engine's syntax (FTS5's
    NEAR, column filters, `*`, `^`, parentheses, AND/OR/NOT; tsquery's operators). None
    when nothing is left.
    """
    words = _WORD.findall(text)[:MAX_SEARCH_TERMS]
    return tuple(words) if words else None


def vat_text(rate: Decimal) -> str:
    """The canonical text of a VAT rate: 21, 9, 12.5 (no exponent, no trailing zeros)."""
    return format(rate.normalize(), "f")


def option_text(groups: Sequence[Mapping[str, Any]]) -> str:
    """Every group's and choice's code and names in one line, for the search index."""
    parts: list[str] = []
    for group in groups:
        parts += [group["code"], group["name"]["en"], group["name"]["nl"]]
        for choice in group["choices"]:
            parts += [choice["code"], choice["name"]["en"], choice["name"]["nl"]]
    return " ".join(parts)


def unique_codes_problem(codes: Iterable[str], what: str) -> str | None:
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            return f"The {what} code '{code}' appears twice."
        seen.add(code)
    return None


def cheapest_problem(price_minor: int, groups: Sequence[Mapping[str, Any]]) -> str | None:
    """A refusal when some choice of options would make the unit price negative.

    One choice is picked per group, so the cheapest unit is the base price plus every
    group's lowest delta.
    """
    lowest = [min(c["price_delta_minor"] for c in g["choices"]) for g in groups]
    try:
        money.unit_price(price_minor, lowest)
    except ValueError:
        return "The cheapest choice of options would make the price negative."
    return None


def unchanged(old: Product, changes: Mapping[str, Any]) -> bool:
    """Whether writing these columns would leave the product as it is. They are read as the
    store reads them (options from their JSON); `option_text`, which the product does not
    read, follows from its options."""
    stored = {field.name: getattr(old, field.name) for field in fields(old)}
    return as_record(type(old), {**stored, **changes}) == old

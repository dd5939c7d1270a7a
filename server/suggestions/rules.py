"""What to suggest to a clerk, from de-identified outcomes of the organisation's own offers.

The only automated decisions in the product (P16). Pure: the outcomes come in without offer,
call, clerk or time; out come counts. They suggest, to the clerk only; nothing is decided
about a visitor, and nothing about the visitor goes in: only the items on the clerk's draft.
An aggregate over fewer than `MIN_SUPPORT` answered offers is never shown, so that no
suggestion reflects one visitor's answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

MIN_SUPPORT = 3
MAX_ITEMS = 3
MIN_ACCEPTANCE = Decimal("0.5")

Item = tuple[Literal["product", "bundle"], str]


@dataclass(frozen=True)
class Outcome:
    """One answered offer, de-identified: what it held, whether it was accepted, and the
    discount it gave in percent of its list price."""

    items: frozenset[Item]
    accepted: bool
    discount_percent: Decimal


@dataclass(frozen=True)
class ItemSuggestion:
    item: Item
    accepted: int
    answered: int


@dataclass(frozen=True)
class DiscountSuggestion:
    percent: Decimal
    accepted: int


def _relevant(outcomes: Iterable[Outcome], draft: frozenset[Item]) -> list[Outcome]:
    """Outcomes that share an item with the draft; all of them for an empty draft."""
    return [o for o in outcomes if not draft or o.items & draft]


def suggest_items(
    outcomes: Sequence[Outcome], draft: frozenset[Item], *, limit: int = MAX_ITEMS
) -> list[ItemSuggestion]:
    """Items not on the draft that were often accepted together with what is on it (with an
    empty draft: the most often accepted items), best acceptance first."""
    relevant = _relevant(outcomes, draft)
    answered: dict[Item, int] = {}
    accepted: dict[Item, int] = {}
    for outcome in relevant:
        for item in outcome.items - draft:
            answered[item] = answered.get(item, 0) + 1
            if outcome.accepted:
                accepted[item] = accepted.get(item, 0) + 1
    found = [
        ItemSuggestion(item=item, accepted=accepted.get(item, 0), answered=count)
        for item, count in answered.items()
        if count >= MIN_SUPPORT and Decimal(accepted.get(item, 0)) / count >= MIN_ACCEPTANCE
    ]
    found.sort(key=lambda s: (-Decimal(s.accepted) / s.answered, -s.accepted, s.item))
    return found[:limit]


def suggest_discount(
    outcomes: Sequence[Outcome], draft: frozenset[Item]
) -> DiscountSuggestion | None:
    """The median discount of accepted offers with these items that had one; None when
    fewer than `MIN_SUPPORT` such offers exist."""
    given = sorted(
        o.discount_percent
        for o in _relevant(outcomes, draft)
        if o.accepted and o.discount_percent > 0
    )
    if len(given) < MIN_SUPPORT:
        return None
    return DiscountSuggestion(percent=given[(len(given) - 1) // 2], accepted=len(given))

"""Offer suggestions (P16): only for organisations that asked, never for restricted ones."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from server import clock
from server.access import Caller
from server.audit import service as audit
from server.catalogue import store as catalogue
from server.datarequests.restrictions import is_restricted
from server.offers import store as offers
from server.offers.models import AnsweredOffer
from server.problems import ProblemError
from server.sql import Database
from server.suggestions import rules, store
from server.suggestions.models import (
    DiscountSuggestionOut,
    ItemSuggestionOut,
    Suggestions,
    SuggestionSettings,
)

WINDOW = 2000
"""Newest answered offers the figures come from: enough for a shop, bounded for the server."""


def settings_of(db: Database, *, organisation_id: str) -> SuggestionSettings:
    return SuggestionSettings(
        enabled=store.enabled(db, organisation_id),
        restricted=is_restricted(
            db, organisation_id=organisation_id, purpose="automated_decisions"
        ),
    )


def set_enabled(db: Database, *, caller: Caller, enabled: bool) -> SuggestionSettings:
    """An admin switches suggestions on or off for the organisation (audited)."""
    with db.atomic():
        before = store.enabled(db, caller.organisation_id)
        store.set_enabled(db, caller.organisation_id, enabled, clock.now_iso())
        if before != enabled:
            audit.record(
                db,
                event="offer_suggestions.enabled" if enabled else "offer_suggestions.disabled",
                organisation_id=caller.organisation_id,
                ip=caller.ip,
                **caller.actor,
            )
    return settings_of(db, organisation_id=caller.organisation_id)


def _outcome(answered: AnsweredOffer) -> rules.Outcome:
    try:
        percent = Decimal(answered.discount_percent)
    except (InvalidOperation, TypeError):
        percent = Decimal(0)
    return rules.Outcome(
        items=frozenset(answered.items),
        accepted=answered.status == "accepted",
        discount_percent=percent,
    )


def suggestions(
    db: Database, *, caller: Caller, product_ids: list[str], bundle_ids: list[str]
) -> Suggestions:
    """What to suggest for a draft holding these items; a 404 problem when switched off or
    restricted, so that nothing is computed for an organisation that did not ask."""
    state = settings_of(db, organisation_id=caller.organisation_id)
    if state.restricted:
        raise ProblemError(
            404,
            "suggestions_restricted",
            "Your organisation restricted automated decisions: no offer suggestions are made.",
        )
    if not state.enabled:
        raise ProblemError(
            404,
            "suggestions_off",
            "Offer suggestions are off for your organisation. An administrator can switch them on.",
        )
    outcomes = [_outcome(r) for r in offers.answered(db, caller.organisation_id, WINDOW)]
    draft: frozenset[rules.Item] = frozenset(
        [("product", p) for p in product_ids] + [("bundle", b) for b in bundle_ids]
    )
    discount = rules.suggest_discount(outcomes, draft)
    return Suggestions(
        items=_named(db, caller.organisation_id, rules.suggest_items(outcomes, draft)),
        discount=None
        if discount is None
        else DiscountSuggestionOut(percent=str(discount.percent), accepted=discount.accepted),
        based_on=len(outcomes),
    )


def _named(
    db: Database, organisation_id: str, found: list[rules.ItemSuggestion]
) -> list[ItemSuggestionOut]:
    """The suggestions whose item is still in the catalogue and active, with its name."""
    named: list[ItemSuggestionOut] = []
    for suggestion in found:
        kind, item_id = suggestion.item
        item = (
            catalogue.get_product(db, organisation_id, item_id)
            if kind == "product"
            else catalogue.get_bundle(db, organisation_id, item_id)
        )
        if item is None or not item.active:
            continue
        named.append(
            ItemSuggestionOut(
                kind=kind,
                id=item_id,
                sku=item.sku,
                name={"en": item.name_en, "nl": item.name_nl},
                accepted=suggestion.accepted,
                answered=suggestion.answered,
            )
        )
    return named

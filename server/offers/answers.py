"""The visitor's answers to an offer shown in the call: accept, decline, ask for a change.

A refused answer raises `OfferRefusal`, which the socket turns into an `error`.
"""

from __future__ import annotations

from server import clock
from server.offers import rules, store
from server.offers.models import Offer
from server.offers.service import (
    OfferEvents,
    OfferRefusal,
    current_revision,
    expire_if_due,
    get_offer,
    latest_view,
)
from server.sql import Database
from server.webhooks.outbox import enqueue_event
from videoclerk_protocol.messages import (
    OfferView,
)


def _answerable(
    db: Database,
    organisation_id: str,
    call_id: str,
    offer_id: str,
    revision: int,
    events: OfferEvents,
) -> Offer:
    """The offer of this call that the visitor answers, at `revision`, not final; else a refusal."""
    offer = store.get_offer(db, organisation_id, offer_id)
    if offer is None or offer.call_id != call_id or offer.revision == 0:
        raise OfferRefusal("unknown_offer", "There is no such offer in this call.")
    offer = expire_if_due(db, offer, events)
    if offer.status == "expired":
        raise OfferRefusal("offer_expired", "This offer has expired.")
    if offer.revision != revision:
        raise OfferRefusal("offer_changed", "The offer has changed; look at the new version.")
    return offer


def accept(
    db: Database,
    *,
    organisation_id: str,
    call_id: str,
    offer_id: str,
    revision: int,
    events: OfferEvents,
) -> OfferView:
    """Accept: reference, time and content hash, with the webhook's event, in one transaction."""
    offer = _answerable(db, organisation_id, call_id, offer_id, revision, events)
    if offer.status != "open":
        raise OfferRefusal("offer_not_open", "This offer cannot be accepted now.")
    now = clock.now_iso()
    with db.atomic():
        content = current_revision(db, offer).content
        reference = rules.new_reference()
        while store.reference_taken(db, reference):
            reference = rules.new_reference()
        store.update_offer(
            db,
            organisation_id,
            offer_id,
            {
                "status": "accepted",
                "reference": reference,
                "accepted_at": now,
                "content_hash": rules.content_hash(content),
                "updated_at": now,
            },
        )
        store.update_revision(db, offer_id, revision, {"status": "accepted"})
        view = latest_view(db, get_offer(db, organisation_id, offer_id))
        enqueue_event(
            db,
            organisation_id=organisation_id,
            event_type="offer.accepted",
            payload={
                "offer": view.model_dump(mode="json"),
                "call_id": call_id,
                "reference": reference,
            },
        )
    events.status_changed(
        view,
        organisation_id=organisation_id,
        call_id=call_id,
        clerk_id=offer.clerk_id,
        by_clerk=False,
    )
    return view


def decline(
    db: Database,
    *,
    organisation_id: str,
    call_id: str,
    offer_id: str,
    revision: int,
    events: OfferEvents,
) -> OfferView:
    """The visitor says no (the reason goes to the clerk only); a new revision reopens it."""
    offer = _answerable(db, organisation_id, call_id, offer_id, revision, events)
    if offer.status in ("accepted", "declined"):
        raise OfferRefusal("offer_not_open", "This offer cannot be declined now.")
    with db.atomic():
        store.update_offer(
            db, organisation_id, offer_id, {"status": "declined", "updated_at": clock.now_iso()}
        )
        store.update_revision(db, offer_id, revision, {"status": "declined"})
        view = latest_view(db, get_offer(db, organisation_id, offer_id))
    events.status_changed(
        view,
        organisation_id=organisation_id,
        call_id=call_id,
        clerk_id=offer.clerk_id,
        by_clerk=False,
    )
    if offer.status == "awaiting_approval":
        events.approvals_changed(organisation_id)
    return view


def change_requested(db: Database, *, organisation_id: str, call_id: str, offer_id: str) -> Offer:
    """A change request names an offer of this call; the offer itself does not change."""
    offer = store.get_offer(db, organisation_id, offer_id)
    if offer is None or offer.call_id != call_id or offer.revision == 0:
        raise OfferRefusal("unknown_offer", "There is no such offer in this call.")
    return offer

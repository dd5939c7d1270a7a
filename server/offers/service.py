"""Offers: settings, reading and views, expiry, and what the other offer modules share
(docs/offers.md). Drafting is in drafting.py, approvals in approvals.py, the visitor's
answers in answers.py, listing and export in listing.py; all keyword-only functions.

Who is told what happens in `OfferEvents` (server/offers/live.py pushes it over the sockets);
every event is raised after the transaction that made the change has committed.
"""

from __future__ import annotations

from typing import Any, Protocol

from server import clock, security
from server.access import Caller
from server.accounts import store as accounts
from server.audit import service as audit
from server.offers import rules, store
from server.offers.models import Offer, OfferRevision, OfferSettings
from server.problems import ProblemError, not_found
from server.sql import Database
from videoclerk_protocol.messages import (
    OfferView,
)

Row = dict[str, Any]


class OfferEvents(Protocol):
    """What the live side (sockets) is told once a change has committed."""

    def revised(self, view: OfferView, *, organisation_id: str, call_id: str) -> None: ...

    def status_changed(
        self, view: OfferView, *, organisation_id: str, call_id: str, clerk_id: str, by_clerk: bool
    ) -> None: ...

    def approvals_changed(self, organisation_id: str) -> None: ...


class OfferRefusal(Exception):
    """A visitor's reply the offer cannot take; an `error` with this code on the socket."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


# ---- settings ----------------------------------------------------------------------------------


def get_settings(db: Database, *, organisation_id: str) -> OfferSettings:
    stored = store.settings(db, organisation_id)
    return OfferSettings() if stored is None else OfferSettings.model_validate_json(stored)


def put_settings(db: Database, *, caller: Caller, form: OfferSettings) -> OfferSettings:
    with db.atomic():
        store.set_settings(db, caller.organisation_id, form.model_dump_json(), clock.now_iso())
        audit_change(
            db, caller, "offer.settings_changed", None, fields=sorted(form.model_fields_set)
        )
    return form


def audit_change(
    db: Database, caller: Caller, event: str, target: str | None, **details: Any
) -> None:
    audit.record(
        db,
        event=event,
        organisation_id=caller.organisation_id,
        ip=caller.ip,
        target=target,
        details=details or None,
        **caller.actor,
    )


# ---- views -------------------------------------------------------------------------------------


def names_of(db: Database, offer: Offer) -> Row:
    org = accounts.get_organisation(db, offer.organisation_id)
    clerk = accounts.get_user(db, offer.organisation_id, offer.clerk_id)
    return {
        "organisation_name": org.name if org else "",
        "clerk_name": clerk.name if clerk else None,
    }


def view_of(db: Database, offer: Offer, revision: OfferRevision) -> OfferView:
    """One revision as everyone sees it; the acceptance fields belong to the accepted one."""
    accepted = revision.status == "accepted"
    return OfferView.model_validate(
        {
            **revision.content,
            "status": revision.status,
            "reference": offer.reference if accepted else None,
            "accepted_at": offer.accepted_at if accepted else None,
            "content_hash": offer.content_hash if accepted else None,
            **names_of(db, offer),
        }
    )


def latest_view(db: Database, offer: Offer) -> OfferView:
    return view_of(db, offer, current_revision(db, offer))


def get_offer(db: Database, organisation_id: str, offer_id: str) -> Offer:
    offer = store.get_offer(db, organisation_id, offer_id)
    if offer is None:
        raise not_found("offer")
    return offer


def _may_read(caller: Caller, offer: Offer) -> None:
    if caller.role == "clerk" and offer.clerk_id != caller.user_id:
        raise ProblemError(403, "forbidden", "Clerks see their own offers only.")


def readable_offer(db: Database, *, caller: Caller, offer_id: str, events: OfferEvents) -> Offer:
    """The offer as it stands now (expired if its day has passed), if the caller may see it."""
    offer = get_offer(db, caller.organisation_id, offer_id)
    _may_read(caller, offer)
    return expire_if_due(db, offer, events)


def get_view(
    db: Database, *, caller: Caller, offer_id: str, revision: int | None, events: OfferEvents
) -> OfferView:
    offer = readable_offer(db, caller=caller, offer_id=offer_id, events=events)
    if revision is None:
        return latest_view(db, offer)
    row = store.get_revision(db, offer_id, revision)
    if row is None:
        raise not_found("revision")
    return view_of(db, offer, row)


# ---- validity ----------------------------------------------------------------------------------


def expire_if_due(db: Database, offer: Offer, events: OfferEvents) -> Offer:
    """Past its last day an offer that is not final becomes `expired` (and everyone is told)."""
    if offer.status in rules.FINAL or not rules.expired(
        clock.now(), clock.parse(offer.valid_until_at)
    ):
        return offer
    with db.atomic():
        store.update_offer(
            db,
            offer.organisation_id,
            offer.id,
            {"status": "expired", "updated_at": clock.now_iso()},
        )
        store.update_revision(db, offer.id, offer.revision, {"status": "expired"})
    changed = get_offer(db, offer.organisation_id, offer.id)
    events.status_changed(
        latest_view(db, changed),
        organisation_id=changed.organisation_id,
        call_id=changed.call_id,
        clerk_id=changed.clerk_id,
        by_clerk=False,
    )
    if offer.status == "awaiting_approval":
        events.approvals_changed(offer.organisation_id)
    return changed


def expire_due(db: Database, *, organisation_id: str, offer_id: str, events: OfferEvents) -> None:
    """The live side's timer: expire the offer if its last day has passed."""
    offer = store.get_offer(db, organisation_id, offer_id)
    if offer is not None:
        expire_if_due(db, offer, events)


def current_revision(db: Database, offer: Offer) -> OfferRevision:
    revision = store.get_revision(db, offer.id, offer.revision)
    assert revision is not None
    return revision


def made_or_decided_by(db: Database, *, organisation_id: str, user_id: str) -> bool:
    """Whether offers name this user (kept for billing and tax when the user is erased)."""
    return store.made_or_decided_by(db, organisation_id, user_id)


def offer_of_call(db: Database, *, organisation_id: str, call_id: str) -> Offer | None:
    return store.offer_of_call(db, organisation_id, call_id)


def set_pdf_token(db: Database, *, organisation_id: str, offer_id: str, token: str) -> None:
    """The visitor's PDF link: only its hash is kept; a new link replaces the old one."""
    with db.atomic():
        store.update_offer(
            db, organisation_id, offer_id, {"pdf_token_hash": security.token_hash(token)}
        )


def offer_by_pdf_token(db: Database, *, offer_id: str, token: str, events: OfferEvents) -> Offer:
    offer = store.offer_by_pdf_token(db, offer_id, security.token_hash(token))
    if offer is None:
        raise ProblemError(404, "not_found", "There is no offer at this address.")
    return expire_if_due(db, offer, events)

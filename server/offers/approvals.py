"""Discounts over the clerk's limit: the requests supervisors see, and their decisions."""

from __future__ import annotations

from decimal import Decimal

from server import clock
from server.access import Caller
from server.offers import rules, store
from server.offers.service import (
    OfferEvents,
    Row,
    audit_change,
    current_revision,
    expire_if_due,
    get_offer,
    latest_view,
    names_of,
)
from server.problems import ProblemError
from server.sql import Database
from videoclerk_protocol.messages import (
    ApprovalRequest,
    OfferView,
)


def pending_approvals(db: Database, *, organisation_id: str) -> list[ApprovalRequest]:
    found = []
    for offer in store.pending(db, organisation_id):
        content = offer.content
        found.append(
            ApprovalRequest(
                offer_id=offer.id,
                revision=offer.revision,
                call_id=offer.call_id,
                clerk_name=names_of(db, offer)["clerk_name"] or "",
                currency=offer.currency,
                list_gross_minor=content["list_gross_minor"],
                gross_minor=content["gross_minor"],
                discount_percent=content["discount_percent"],
                limit_percent=rules.percent_text(Decimal(offer.limit_percent)),
                requested_at=content["created_at"],
                lines=content["lines"],
            )
        )
    return found


def decide(
    db: Database,
    *,
    caller: Caller,
    offer_id: str,
    revision: int,
    approve: bool,
    note: str,
    events: OfferEvents,
) -> OfferView:
    org = caller.organisation_id
    offer = expire_if_due(db, get_offer(db, org, offer_id), events)
    if offer.clerk_id == caller.user_id:
        raise ProblemError(403, "own_offer", "Another supervisor or admin decides on your offer.")
    now = clock.now_iso()
    with db.atomic():
        offer = get_offer(db, org, offer_id)
        if offer.status != "awaiting_approval" or offer.revision != revision:
            raise ProblemError(
                409,
                "approval_not_pending",
                f"Revision {revision} of this offer is not waiting for approval.",
            )
        status = "open" if approve else "refused"
        changes: Row = {"status": status, "updated_at": now}
        if approve:
            percent = Decimal(current_revision(db, offer).discount_percent)
            before = offer.approved_percent
            changes["approved_percent"] = str(
                percent if before is None else max(percent, Decimal(before))
            )
        store.update_offer(db, org, offer_id, changes)
        store.update_revision(
            db,
            offer_id,
            revision,
            {
                "status": status,
                "decided_by": caller.user_id,
                "decided_at": now,
                "decision_note": note,
            },
        )
        audit_change(
            db,
            caller,
            "offer.approved" if approve else "offer.refused",
            offer_id,
            revision=revision,
        )
        view = latest_view(db, get_offer(db, org, offer_id))
    events.status_changed(
        view,
        organisation_id=org,
        call_id=offer.call_id,
        clerk_id=offer.clerk_id,
        by_clerk=False,
    )
    events.approvals_changed(org)
    return view

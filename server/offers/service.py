"""Offer operations as keyword-only functions (docs/offers.md).

Who is told what happens in `OfferEvents` (server/offers/live.py pushes it over the sockets);
every event is raised after the transaction that made the change has committed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Protocol

from sqlite_utils import Database

from server import clock, security
from server.access import Caller
from server.accounts import store as accounts
from server.audit import service as audit
from server.catalogue import service as catalogue
from server.catalogue import store as catalogue_store
from server.offers import rules, store
from server.offers.models import DraftLine, OfferDraft, OfferSettings, OfferSummary
from server.problems import ProblemError, not_found
from server.queue import store as calls
from server.webhooks.outbox import enqueue_event
from videoclerk_protocol.messages import (
    ApprovalRequest,
    Discount,
    OfferLine,
    OfferOption,
    OfferView,
)

Row = dict[str, Any]
STAFF = ("supervisor", "admin")
EXPORT_LIMIT = 10_000


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
        _audit(db, caller, "offer.settings_changed", None, fields=sorted(form.model_fields_set))
    return form


def _audit(db: Database, caller: Caller, event: str, target: str | None, **details: Any) -> None:
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


def _names(db: Database, offer: Row) -> Row:
    org = accounts.get_organisation(db, offer["organisation_id"])
    clerk = accounts.get_user(db, offer["organisation_id"], offer["clerk_id"])
    return {
        "organisation_name": org["name"] if org else "",
        "clerk_name": clerk["name"] if clerk else None,
    }


def view_of(db: Database, offer: Row, revision: Row) -> OfferView:
    """One revision as everyone sees it; the acceptance fields belong to the accepted one."""
    accepted = revision["status"] == "accepted"
    return OfferView.model_validate(
        {
            **json.loads(revision["content"]),
            "status": revision["status"],
            "reference": offer["reference"] if accepted else None,
            "accepted_at": offer["accepted_at"] if accepted else None,
            "content_hash": offer["content_hash"] if accepted else None,
            **_names(db, offer),
        }
    )


def latest_view(db: Database, offer: Row) -> OfferView:
    revision = store.get_revision(db, offer["id"], offer["revision"])
    assert revision is not None
    return view_of(db, offer, revision)


def _offer(db: Database, organisation_id: str, offer_id: str) -> Row:
    offer = store.get_offer(db, organisation_id, offer_id)
    if offer is None:
        raise not_found("offer")
    return offer


def _may_read(caller: Caller, offer: Row) -> None:
    if caller.role == "clerk" and offer["clerk_id"] != caller.user_id:
        raise ProblemError(403, "forbidden", "Clerks see their own offers only.")


def readable_offer(db: Database, *, caller: Caller, offer_id: str, events: OfferEvents) -> Row:
    """The offer as it stands now (expired if its day has passed), if the caller may see it."""
    offer = _offer(db, caller.organisation_id, offer_id)
    _may_read(caller, offer)
    return _expire_if_due(db, offer, events)


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


def _expire_if_due(db: Database, offer: Row, events: OfferEvents) -> Row:
    """Past its last day an offer that is not final becomes `expired` (and everyone is told)."""
    if offer["status"] in rules.FINAL or not rules.expired(
        clock.now(), clock.parse(offer["valid_until_at"])
    ):
        return offer
    with db.atomic():
        store.update_offer(
            db,
            offer["organisation_id"],
            offer["id"],
            {"status": "expired", "updated_at": clock.now_iso()},
        )
        store.update_revision(db, offer["id"], offer["revision"], {"status": "expired"})
    changed = _offer(db, offer["organisation_id"], offer["id"])
    events.status_changed(
        latest_view(db, changed),
        organisation_id=changed["organisation_id"],
        call_id=changed["call_id"],
        clerk_id=changed["clerk_id"],
        by_clerk=False,
    )
    if offer["status"] == "awaiting_approval":
        events.approvals_changed(offer["organisation_id"])
    return changed


def expire_due(db: Database, *, organisation_id: str, offer_id: str, events: OfferEvents) -> None:
    """The live side's timer: expire the offer if its last day has passed."""
    offer = store.get_offer(db, organisation_id, offer_id)
    if offer is not None:
        _expire_if_due(db, offer, events)


def _valid_until(
    chosen: date | None, previous: str | None, settings: OfferSettings
) -> tuple[date, str]:
    today = rules.local_today(clock.now(), settings.time_zone)
    if chosen is not None:
        problem = rules.validity_problem(chosen, today=today)
        if problem:
            raise ProblemError(
                422,
                "invalid_input",
                problem,
                errors=[{"field": "valid_until", "message": problem}],
            )
        day = chosen
    elif previous:
        day = date.fromisoformat(previous)
    else:
        day = today + timedelta(days=settings.validity_days)
    return day, clock.iso(rules.end_of_day(day, settings.time_zone))


# ---- creating and revising ---------------------------------------------------------------------


def create_offer(
    db: Database, *, caller: Caller, call_id: str, live_call_id: str | None
) -> tuple[OfferView, bool]:
    """The call's offer, new (True) or the one it has; only the clerk holding the call asks."""
    org = caller.organisation_id
    if calls.get_call(db, org, call_id) is None:
        raise not_found("call")
    if live_call_id != call_id:
        raise ProblemError(409, "not_in_call", "Only the clerk in this call can make its offer.")
    now = clock.now_iso()
    with db.atomic():
        existing = store.offer_of_call(db, org, call_id)
        if existing is not None:
            return latest_view(db, existing), False
        settings = get_settings(db, organisation_id=org)
        day, until_at = _valid_until(None, None, settings)
        offer_id = security.new_id("ofr")
        store.insert_offer(
            db,
            {
                "id": offer_id,
                "organisation_id": org,
                "call_id": call_id,
                "clerk_id": caller.user_id,
                "revision": 0,
                "status": "open",
                "currency": "",
                "gross_minor": 0,
                "valid_until_at": until_at,
                "created_at": now,
                "updated_at": now,
            },
        )
        empty = rules.price([], None, prices_include_vat=True)
        content = _content(offer_id, 0, "", [], None, empty, "", day, until_at, now, True)
        store.insert_revision(db, _revision_row(offer_id, 0, "open", content, Decimal(0), 0))
        offer = _offer(db, org, offer_id)
        return latest_view(db, offer), True


def _revision_row(
    offer_id: str, revision: int, status: str, content: Row, percent: Decimal, limit: Decimal | int
) -> Row:
    return {
        "offer_id": offer_id,
        "revision": revision,
        "status": status,
        "content": json.dumps(content, ensure_ascii=False),
        "discount_percent": str(percent),
        "limit_percent": str(limit),
    }


def _content(
    offer_id: str,
    revision: int,
    currency: str,
    lines: list[OfferLine],
    total_discount: Discount | None,
    priced: rules.Priced,
    note: str,
    day: date,
    until_at: str,
    now: str,
    include_vat: bool,
) -> Row:
    """What a revision offers: exactly the JSON its content hash is taken of."""
    return {
        "offer_id": offer_id,
        "revision": revision,
        "currency": currency,
        "prices_include_vat": include_vat,
        "lines": [line.model_dump(mode="json") for line in lines],
        "total_discount": total_discount.model_dump() if total_discount else None,
        "list_gross_minor": priced.list_gross_minor,
        "discount_minor": priced.discount_minor,
        "discount_percent": rules.percent_text(priced.discount_percent),
        "net_minor": priced.net_minor,
        "vat_minor": priced.vat_minor,
        "gross_minor": priced.gross_minor,
        "vat_subtotals": [
            {"rate": rate, "net_minor": net, "vat_minor": vat}
            for rate, net, vat in priced.vat_subtotals
        ],
        "note": note,
        "valid_until": day.isoformat(),
        "valid_until_at": until_at,
        "created_at": now,
    }


def _discount(discount: Discount | None, field: str) -> rules.DiscountRule | None:
    if discount is None:
        return None
    try:
        return rules.parse_discount(discount.kind, discount.value)
    except ValueError as exc:
        raise ProblemError(
            422, "invalid_input", f"{field}: {exc}.", errors=[{"field": field, "message": str(exc)}]
        ) from None


def _unknown(index: int, what: str) -> ProblemError:
    return ProblemError(
        422,
        "unknown_product",
        f"Line {index + 1}: no active {what} with that id exists in your catalogue.",
        errors=[{"field": f"lines.{index}", "message": f"unknown {what}"}],
    )


def _bad_option(index: int, message: str) -> ProblemError:
    return ProblemError(
        422,
        "invalid_input",
        f"Line {index + 1}: {message}.",
        errors=[{"field": f"lines.{index}.options", "message": message}],
    )


def _product_line(index: int, line: DraftLine, product: Row) -> tuple[OfferLine, int]:
    """The line with its chosen options, and its unit price; every option group needs a choice."""
    groups = json.loads(product["options"])
    unknown = set(line.options) - {g["code"] for g in groups}
    if unknown:
        raise _bad_option(index, f"the product has no option group '{sorted(unknown)[0]}'")
    chosen: list[OfferOption] = []
    deltas: list[int] = []
    for group in groups:
        code = line.options.get(group["code"])
        choice = next((c for c in group["choices"] if c["code"] == code), None)
        if choice is None:
            raise _bad_option(index, f"choose one of the '{group['code']}' options")
        chosen.append(
            OfferOption(
                group_code=group["code"],
                choice_code=choice["code"],
                group=group["name"],
                choice=choice["name"],
            )
        )
        deltas.append(int(choice.get("price_delta_minor", 0)))
    image = f"{catalogue.IMAGE_PATH}/{product['image']}" if product["image"] else None
    offer_line = _line_base(index, product, line, image).model_copy(update={"options": chosen})
    return offer_line, product["price_minor"] + sum(deltas)


def _line_base(index: int, item: Row, line: DraftLine, image: str | None) -> OfferLine:
    return OfferLine(
        line_id=f"l{index + 1}",
        product_id=line.product_id,
        bundle_id=line.bundle_id,
        sku=item["sku"],
        name=catalogue.local(item, "name"),
        image_url=image,
        quantity=line.quantity,
        unit_minor=0,
        list_minor=0,
        discount=line.discount,
        discount_minor=0,
        net_minor=0,
        vat_minor=0,
        gross_minor=0,
        vat_rate=item["vat_rate"],
    )


def _catalogue_lines(
    db: Database, organisation_id: str, draft: OfferDraft
) -> tuple[str, list[OfferLine], list[rules.LineInput]]:
    """The draft's lines read from the catalogue as it is now, in one currency."""
    products = catalogue_store.products_by_id(
        db, organisation_id, [line.product_id for line in draft.lines if line.product_id]
    )
    lines: list[OfferLine] = []
    inputs: list[rules.LineInput] = []
    currencies: set[str] = set()
    for index, line in enumerate(draft.lines):
        if line.product_id is not None:
            product = products.get(line.product_id)
            if product is None or not product["active"]:
                raise _unknown(index, "product")
            offer_line, unit = _product_line(index, line, product)
            item = product
        else:
            bundle = catalogue_store.get_bundle(db, organisation_id, line.bundle_id or "")
            if bundle is None or not bundle["active"]:
                raise _unknown(index, "bundle")
            offer_line, unit, item = (
                _line_base(index, bundle, line, None),
                bundle["price_minor"],
                bundle,
            )
        lines.append(offer_line.model_copy(update={"unit_minor": unit}))
        inputs.append(
            rules.LineInput(
                unit_minor=unit,
                quantity=line.quantity,
                vat_rate=Decimal(item["vat_rate"]),
                discount=_discount(line.discount, f"lines.{index}.discount"),
            )
        )
        currencies.add(item["currency"])
    if len(currencies) > 1:
        raise ProblemError(
            422,
            "mixed_currencies",
            "An offer's lines must share one currency.",
            errors=[{"field": "lines", "message": ", ".join(sorted(currencies))}],
        )
    return currencies.pop(), lines, inputs


def _closed() -> ProblemError:
    return ProblemError(409, "offer_closed", "This offer is accepted or expired; it cannot change.")


def save_draft(
    db: Database, *, caller: Caller, offer_id: str, draft: OfferDraft, events: OfferEvents
) -> OfferView:
    """A new revision priced from the catalogue; beyond the clerk's limit it awaits approval."""
    org = caller.organisation_id
    offer = _expire_if_due(db, _offer(db, org, offer_id), events)
    if offer["clerk_id"] != caller.user_id:
        raise ProblemError(403, "forbidden", "Only the offer's clerk changes it.")
    settings = get_settings(db, organisation_id=org)
    include_vat = catalogue.prices_include_vat(db, organisation_id=org)
    total_discount = _discount(draft.total_discount, "total_discount")
    now = clock.now_iso()
    with db.atomic():
        offer = _offer(db, org, offer_id)
        if offer["status"] in rules.FINAL:
            raise _closed()
        if draft.base_revision != offer["revision"]:
            raise ProblemError(
                409,
                "revision_conflict",
                f"The offer is at revision {offer['revision']}; reload it and save again.",
                revision=offer["revision"],
            )
        currency, lines, inputs = _catalogue_lines(db, org, draft)
        priced = rules.price(inputs, total_discount, prices_include_vat=include_vat)
        lines = [
            line.model_copy(
                update={
                    "list_minor": p.list_minor,
                    "discount_minor": p.discount_minor,
                    "net_minor": p.net_minor,
                    "vat_minor": p.vat_minor,
                    "gross_minor": p.gross_minor,
                }
            )
            for line, p in zip(lines, priced.lines, strict=True)
        ]
        previous = json.loads(_revision(db, offer)["content"])["valid_until"]
        day, until_at = _valid_until(
            draft.valid_until, previous if offer["revision"] else None, settings
        )
        limit = getattr(settings.discount_limits_percent, caller.role or "clerk")
        approved = offer["approved_percent"]
        status = (
            "awaiting_approval"
            if rules.needs_approval(
                priced.discount_percent,
                limit=limit,
                approved=None if approved is None else Decimal(approved),
            )
            else "open"
        )
        number = offer["revision"] + 1
        content = _content(
            offer_id,
            number,
            currency,
            lines,
            draft.total_discount,
            priced,
            draft.note,
            day,
            until_at,
            now,
            include_vat,
        )
        store.insert_revision(
            db, _revision_row(offer_id, number, status, content, priced.discount_percent, limit)
        )
        store.update_offer(
            db,
            org,
            offer_id,
            {
                "revision": number,
                "status": status,
                "currency": currency,
                "gross_minor": priced.gross_minor,
                "valid_until_at": until_at,
                "updated_at": now,
            },
        )
        offer_after = _offer(db, org, offer_id)
        view = latest_view(db, offer_after)
    events.revised(view, organisation_id=org, call_id=offer["call_id"])
    if "awaiting_approval" in (status, offer["status"]):
        events.approvals_changed(org)
    return view


def _revision(db: Database, offer: Row) -> Row:
    row = store.get_revision(db, offer["id"], offer["revision"])
    assert row is not None
    return row


# ---- approval ----------------------------------------------------------------------------------


def pending_approvals(db: Database, *, organisation_id: str) -> list[ApprovalRequest]:
    found = []
    for row in store.pending(db, organisation_id):
        content = json.loads(row["content"])
        found.append(
            ApprovalRequest(
                offer_id=row["id"],
                revision=row["revision"],
                call_id=row["call_id"],
                clerk_name=_names(db, row)["clerk_name"] or "",
                currency=row["currency"],
                list_gross_minor=content["list_gross_minor"],
                gross_minor=content["gross_minor"],
                discount_percent=content["discount_percent"],
                limit_percent=rules.percent_text(Decimal(row["limit_percent"])),
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
    offer = _expire_if_due(db, _offer(db, org, offer_id), events)
    if offer["clerk_id"] == caller.user_id:
        raise ProblemError(403, "own_offer", "Another supervisor or admin decides on your offer.")
    now = clock.now_iso()
    with db.atomic():
        offer = _offer(db, org, offer_id)
        if offer["status"] != "awaiting_approval" or offer["revision"] != revision:
            raise ProblemError(
                409,
                "approval_not_pending",
                f"Revision {revision} of this offer is not waiting for approval.",
            )
        status = "open" if approve else "refused"
        changes: Row = {"status": status, "updated_at": now}
        row = _revision(db, offer)
        if approve:
            percent = Decimal(row["discount_percent"])
            before = offer["approved_percent"]
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
        _audit(
            db,
            caller,
            "offer.approved" if approve else "offer.refused",
            offer_id,
            revision=revision,
        )
        view = latest_view(db, _offer(db, org, offer_id))
    events.status_changed(
        view,
        organisation_id=org,
        call_id=offer["call_id"],
        clerk_id=offer["clerk_id"],
        by_clerk=False,
    )
    events.approvals_changed(org)
    return view


# ---- the visitor's answers ---------------------------------------------------------------------


def made_or_decided_by(db: Database, *, organisation_id: str, user_id: str) -> bool:
    """Whether offers name this user (kept for billing and tax when the user is erased)."""
    return store.made_or_decided_by(db, organisation_id, user_id)


def offer_of_call(db: Database, *, organisation_id: str, call_id: str) -> Row | None:
    return store.offer_of_call(db, organisation_id, call_id)


def _answerable(
    db: Database,
    organisation_id: str,
    call_id: str,
    offer_id: str,
    revision: int,
    events: OfferEvents,
) -> Row:
    """The offer of this call that the visitor answers, at `revision`, not final; else a refusal."""
    offer = store.get_offer(db, organisation_id, offer_id)
    if offer is None or offer["call_id"] != call_id or offer["revision"] == 0:
        raise OfferRefusal("unknown_offer", "There is no such offer in this call.")
    offer = _expire_if_due(db, offer, events)
    if offer["status"] == "expired":
        raise OfferRefusal("offer_expired", "This offer has expired.")
    if offer["revision"] != revision:
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
    if offer["status"] != "open":
        raise OfferRefusal("offer_not_open", "This offer cannot be accepted now.")
    now = clock.now_iso()
    with db.atomic():
        content = json.loads(_revision(db, offer)["content"])
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
        view = latest_view(db, _offer(db, organisation_id, offer_id))
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
        clerk_id=offer["clerk_id"],
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
    if offer["status"] in ("accepted", "declined"):
        raise OfferRefusal("offer_not_open", "This offer cannot be declined now.")
    with db.atomic():
        store.update_offer(
            db, organisation_id, offer_id, {"status": "declined", "updated_at": clock.now_iso()}
        )
        store.update_revision(db, offer_id, revision, {"status": "declined"})
        view = latest_view(db, _offer(db, organisation_id, offer_id))
    events.status_changed(
        view,
        organisation_id=organisation_id,
        call_id=call_id,
        clerk_id=offer["clerk_id"],
        by_clerk=False,
    )
    if offer["status"] == "awaiting_approval":
        events.approvals_changed(organisation_id)
    return view


def change_requested(db: Database, *, organisation_id: str, call_id: str, offer_id: str) -> Row:
    """A change request names an offer of this call; the offer itself does not change."""
    offer = store.get_offer(db, organisation_id, offer_id)
    if offer is None or offer["call_id"] != call_id or offer["revision"] == 0:
        raise OfferRefusal("unknown_offer", "There is no such offer in this call.")
    return offer


def set_pdf_token(db: Database, *, organisation_id: str, offer_id: str, token: str) -> None:
    """The visitor's PDF link: only its hash is kept; a new link replaces the old one."""
    with db.atomic():
        store.update_offer(
            db, organisation_id, offer_id, {"pdf_token_hash": security.token_hash(token)}
        )


def offer_by_pdf_token(db: Database, *, offer_id: str, token: str, events: OfferEvents) -> Row:
    offer = store.offer_by_pdf_token(db, offer_id, security.token_hash(token))
    if offer is None:
        raise ProblemError(404, "not_found", "There is no offer at this address.")
    return _expire_if_due(db, offer, events)


# ---- listing -----------------------------------------------------------------------------------


def _summary(db: Database, row: Row, names: dict[str, Row]) -> OfferSummary:
    content = json.loads(row["content"])
    accepted = row["status"] == "accepted"
    if row["clerk_id"] not in names:
        names[row["clerk_id"]] = _names(db, row)
    return OfferSummary.model_validate(
        {
            **{k: v for k, v in content.items() if k not in ("lines", "vat_subtotals")},
            "status": row["status"],
            "reference": row["reference"] if accepted else None,
            "accepted_at": row["accepted_at"] if accepted else None,
            "content_hash": row["content_hash"] if accepted else None,
            **names[row["clerk_id"]],
            "call_id": row["call_id"],
            "clerk_id": row["clerk_id"],
            "line_count": len(content["lines"]),
        }
    )


def _where(caller: Caller, where: store.OfferFilter) -> store.OfferFilter:
    """Clerks list their own offers only."""
    if caller.role == "clerk":
        return store.OfferFilter(**{**where.__dict__, "clerk_id": caller.user_id})
    return where


def list_offers(
    db: Database, *, caller: Caller, where: store.OfferFilter, limit: int
) -> tuple[list[OfferSummary], str | None]:
    found = store.list_offers(db, caller.organisation_id, _where(caller, where), limit + 1)
    page = found[:limit]
    names: dict[str, Row] = {}
    cursor = f"{page[-1]['created_at']}|{page[-1]['id']}" if len(found) > limit else None
    return [_summary(db, row, names) for row in page], cursor


def export_rows(
    db: Database, *, caller: Caller, where: store.OfferFilter
) -> Iterator[tuple[OfferSummary, list[Row]]]:
    """Every matching offer (at most EXPORT_LIMIT) with its lines, newest first."""
    where = _where(caller, where)
    names: dict[str, Row] = {}
    left = EXPORT_LIMIT
    while left > 0:
        found = store.list_offers(db, caller.organisation_id, where, min(500, left))
        for row in found:
            yield _summary(db, row, names), json.loads(row["content"])["lines"]
        if len(found) < min(500, left):
            return
        left -= len(found)
        where = store.OfferFilter(
            **{**where.__dict__, "after": (found[-1]["created_at"], found[-1]["id"])}
        )

"""Creating an offer and saving its drafts: catalogue lines, options, discounts and validity,
priced by rules.py (docs/offers.md).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

from server import clock, security
from server.access import Caller
from server.catalogue import service as catalogue
from server.catalogue import store as catalogue_store
from server.catalogue.models import Bundle, Product
from server.offers import rules, store
from server.offers.models import DraftLine, OfferDraft, OfferSettings
from server.offers.service import (
    OfferEvents,
    Row,
    current_revision,
    expire_if_due,
    get_offer,
    get_settings,
    latest_view,
)
from server.problems import ProblemError, not_found
from server.queue import store as calls
from server.sql import Database
from videoclerk_protocol.messages import (
    Discount,
    OfferLine,
    OfferOption,
    OfferView,
)


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
        offer = get_offer(db, org, offer_id)
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


def _product_line(index: int, line: DraftLine, product: Product) -> tuple[OfferLine, int]:
    """The line with its chosen options, and its unit price; every option group needs a choice."""
    groups = product.options
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
    image = f"{catalogue.IMAGE_PATH}/{product.image}" if product.image else None
    offer_line = _line_base(index, product, line, image).model_copy(update={"options": chosen})
    return offer_line, product.price_minor + sum(deltas)


def _line_base(index: int, item: Product | Bundle, line: DraftLine, image: str | None) -> OfferLine:
    return OfferLine(
        line_id=f"l{index + 1}",
        product_id=line.product_id,
        bundle_id=line.bundle_id,
        sku=item.sku,
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
        vat_rate=item.vat_rate,
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
        item: Product | Bundle
        if line.product_id is not None:
            product = products.get(line.product_id)
            if product is None or not product.active:
                raise _unknown(index, "product")
            offer_line, unit = _product_line(index, line, product)
            item = product
        else:
            bundle = catalogue_store.get_bundle(db, organisation_id, line.bundle_id or "")
            if bundle is None or not bundle.active:
                raise _unknown(index, "bundle")
            offer_line, unit, item = (
                _line_base(index, bundle, line, None),
                bundle.price_minor,
                bundle,
            )
        lines.append(offer_line.model_copy(update={"unit_minor": unit}))
        inputs.append(
            rules.LineInput(
                unit_minor=unit,
                quantity=line.quantity,
                vat_rate=Decimal(item.vat_rate),
                discount=_discount(line.discount, f"lines.{index}.discount"),
            )
        )
        currencies.add(item.currency)
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
    offer = expire_if_due(db, get_offer(db, org, offer_id), events)
    if offer.clerk_id != caller.user_id:
        raise ProblemError(403, "forbidden", "Only the offer's clerk changes it.")
    settings = get_settings(db, organisation_id=org)
    include_vat = catalogue.prices_include_vat(db, organisation_id=org)
    total_discount = _discount(draft.total_discount, "total_discount")
    now = clock.now_iso()
    with db.atomic():
        offer = get_offer(db, org, offer_id)
        if offer.status in rules.FINAL:
            raise _closed()
        if draft.base_revision != offer.revision:
            raise ProblemError(
                409,
                "revision_conflict",
                f"The offer is at revision {offer.revision}; reload it and save again.",
                revision=offer.revision,
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
        previous = current_revision(db, offer).content["valid_until"]
        day, until_at = _valid_until(
            draft.valid_until, previous if offer.revision else None, settings
        )
        limit = getattr(settings.discount_limits_percent, caller.role or "clerk")
        approved = offer.approved_percent
        status = (
            "awaiting_approval"
            if rules.needs_approval(
                priced.discount_percent,
                limit=limit,
                approved=None if approved is None else Decimal(approved),
            )
            else "open"
        )
        number = offer.revision + 1
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
        offer_after = get_offer(db, org, offer_id)
        view = latest_view(db, offer_after)
    events.revised(view, organisation_id=org, call_id=offer.call_id)
    if "awaiting_approval" in (status, offer.status):
        events.approvals_changed(org)
    return view

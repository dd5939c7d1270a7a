"""Bundles: products (with quantities) sold together at one price, in the products' currency."""

from __future__ import annotations

from server import clock, security
from server.access import Caller
from server.catalogue import store
from server.catalogue.models import (
    Bundle,
    BundledProduct,
    BundleIn,
    BundleItem,
    BundleItemOut,
    BundleOut,
    BundlePatch,
    LocalDescription,
    LocalName,
)
from server.catalogue.service import audit_event, local, local_columns, unit_price
from server.problems import ProblemError, not_found
from server.sql import Database


def bundle_outs(db: Database, found: list[Bundle], *, include_vat: bool) -> list[BundleOut]:
    """The bundles with their items, read in one query for the whole page."""
    items: dict[str, list[BundledProduct]] = {}
    for item in (
        store.bundle_items(db, found[0].organisation_id, [b.id for b in found]) if found else []
    ):
        items.setdefault(item.bundle_id, []).append(item)
    return [
        BundleOut(
            id=bundle.id,
            sku=bundle.sku,
            name=LocalName.model_validate(local(bundle, "name")),
            description=LocalDescription.model_validate(local(bundle, "description")),
            price_minor=bundle.price_minor,
            currency=bundle.currency,
            vat_rate=bundle.vat_rate,
            active=bundle.active,
            items=[
                BundleItemOut(
                    product_id=i.product_id,
                    sku=i.sku,
                    name=LocalName.model_validate(local(i, "name")),
                    quantity=i.quantity,
                )
                for i in items.get(bundle.id, [])
            ],
            list_price_minor=sum(i.price_minor * i.quantity for i in items.get(bundle.id, [])),
            unit_price=unit_price(bundle, include_vat=include_vat),
            created_at=bundle.created_at,
            updated_at=bundle.updated_at,
        )
        for bundle in found
    ]


def get_bundle(db: Database, *, organisation_id: str, bundle_id: str) -> Bundle:
    bundle = store.get_bundle(db, organisation_id, bundle_id)
    if bundle is None:
        raise not_found("bundle")
    return bundle


def _currency_of(db: Database, organisation_id: str, items: list[BundleItem]) -> str:
    """The one currency of the items' products; every product must be the organisation's."""
    products = store.products_by_id(db, organisation_id, [i.product_id for i in items])
    missing = [i.product_id for i in items if i.product_id not in products]
    if missing:
        raise ProblemError(
            422,
            "unknown_product",
            f"No product with the id {missing[0]} exists in your organisation.",
            errors=[{"field": "items", "message": f"unknown product {missing[0]}"}],
        )
    currencies = {p.currency for p in products.values()}
    if len(currencies) > 1:
        raise ProblemError(
            422,
            "mixed_currencies",
            "A bundle's products must share one currency.",
            errors=[{"field": "items", "message": ", ".join(sorted(currencies))}],
        )
    return currencies.pop()


def _check_sku(db: Database, organisation_id: str, sku: str, bundle_id: str | None) -> None:
    taken = store.bundle_id_by_sku(db, organisation_id, sku)
    if taken is not None and taken != bundle_id:
        raise ProblemError(409, "sku_taken", f"Another bundle has the SKU '{sku}'.", sku=sku)


def create_bundle(db: Database, *, caller: Caller, form: BundleIn) -> Bundle:
    org = caller.organisation_id
    now = clock.now_iso()
    with db.atomic():
        _check_sku(db, org, form.sku, None)
        row = {
            "id": security.new_id("bdl"),
            "organisation_id": org,
            **local_columns(form.model_dump(exclude={"items"})),
            "currency": _currency_of(db, org, form.items),
            "created_at": now,
            "updated_at": now,
        }
        store.insert_bundle(db, row)
        store.set_bundle_items(db, row["id"], [(i.product_id, i.quantity) for i in form.items])
        audit_event(db, caller, "bundle.created", row["id"], sku=form.sku)
    return get_bundle(db, organisation_id=org, bundle_id=row["id"])


def update_bundle(db: Database, *, caller: Caller, bundle_id: str, form: BundlePatch) -> Bundle:
    org = caller.organisation_id
    changes = local_columns(form.model_dump(exclude_none=True, exclude={"items"}))
    with db.atomic():
        get_bundle(db, organisation_id=org, bundle_id=bundle_id)
        if form.sku is not None:
            _check_sku(db, org, form.sku, bundle_id)
        if form.items is not None:
            changes["currency"] = _currency_of(db, org, form.items)
            store.set_bundle_items(db, bundle_id, [(i.product_id, i.quantity) for i in form.items])
        store.update_bundle(db, org, bundle_id, {**changes, "updated_at": clock.now_iso()})
        audit_event(db, caller, "bundle.updated", bundle_id, fields=sorted(form.model_fields_set))
    return get_bundle(db, organisation_id=org, bundle_id=bundle_id)


def delete_bundle(db: Database, *, caller: Caller, bundle_id: str) -> None:
    org = caller.organisation_id
    with db.atomic():
        get_bundle(db, organisation_id=org, bundle_id=bundle_id)
        store.delete_bundle(db, org, bundle_id)
        audit_event(db, caller, "bundle.deleted", bundle_id)


def list_bundles(
    db: Database, *, organisation_id: str, after: str | None, limit: int
) -> tuple[list[Bundle], str | None]:
    found = store.list_bundles(db, organisation_id, after, limit + 1)
    page = found[:limit]
    return page, page[-1].sku if len(found) > limit else None

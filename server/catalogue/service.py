"""Catalogue operations as keyword-only functions: products, bulk upsert, search, images."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from server import clock, security
from server.access import Caller
from server.audit import service as audit
from server.catalogue import images, money, rules, store
from server.catalogue.models import (
    BulkResult,
    BulkRow,
    Bundle,
    BundledProduct,
    FieldError,
    LocalDescription,
    LocalName,
    OptionGroup,
    Product,
    ProductImage,
    ProductIn,
    ProductOut,
    ProductPatch,
    UnitPrice,
)
from server.problems import ProblemError, not_found
from server.sql import Database

Row = dict[str, Any]
IMAGE_PATH = "/api/v1/product-images"
DEFAULT_PRICES_INCLUDE_VAT = True
"""Until an admin says otherwise, prices are read as consumer prices (VAT included)."""


def audit_event(
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


# ---- settings ----------------------------------------------------------------------------------


def prices_include_vat(db: Database, *, organisation_id: str) -> bool:
    stored = store.prices_include_vat(db, organisation_id)
    return DEFAULT_PRICES_INCLUDE_VAT if stored is None else stored


def set_prices_include_vat(db: Database, *, caller: Caller, value: bool) -> None:
    with db.atomic():
        store.set_prices_include_vat(db, caller.organisation_id, value, clock.now_iso())
        audit_event(db, caller, "catalogue.settings_changed", None, prices_include_vat=value)


# ---- reading -----------------------------------------------------------------------------------


def unit_price(item: Product | Bundle, *, include_vat: bool) -> UnitPrice:
    """One unit of a product or bundle, without options."""
    line = money.price_line(
        currency=item.currency,
        unit_minor=item.price_minor,
        quantity=1,
        vat_rate=Decimal(item.vat_rate),
        prices_include_vat=include_vat,
    )
    return UnitPrice(
        net_minor=line.net_minor,
        vat_minor=line.vat_minor,
        gross_minor=line.gross_minor,
        display={
            language: money.format_money(line.gross_minor, item.currency, language)
            for language in money.LOCALES
        },
    )


def local(item: Product | Bundle | BundledProduct, field: str) -> dict[str, str]:
    """A field stored per language (`name`, `description`) as {"en": …, "nl": …}."""
    return {"en": getattr(item, f"{field}_en"), "nl": getattr(item, f"{field}_nl")}


def product_out(product: Product, *, include_vat: bool) -> ProductOut:
    return ProductOut(
        id=product.id,
        sku=product.sku,
        name=LocalName.model_validate(local(product, "name")),
        description=LocalDescription.model_validate(local(product, "description")),
        price_minor=product.price_minor,
        currency=product.currency,
        vat_rate=product.vat_rate,
        active=product.active,
        options=[OptionGroup.model_validate(g) for g in product.options],
        image_url=f"{IMAGE_PATH}/{product.image}" if product.image else None,
        unit_price=unit_price(product, include_vat=include_vat),
        created_at=product.created_at,
        updated_at=product.updated_at,
    )


def get_product(db: Database, *, organisation_id: str, product_id: str) -> Product:
    product = store.get_product(db, organisation_id, product_id)
    if product is None:
        raise not_found("product")
    return product


def list_products(
    db: Database, *, organisation_id: str, where: store.ProductFilter, limit: int
) -> tuple[list[Product], str | None]:
    """A page and the cursor of the next one (None on the last page)."""
    found = store.list_products(db, organisation_id, where, limit + 1)
    page = found[:limit]
    return page, page[-1].sku if len(found) > limit else None


def search(
    db: Database, *, organisation_id: str, text: str, active: bool | None, limit: int
) -> list[Product]:
    words = rules.search_words(text)
    if words is None:
        return []
    return store.search_products(db, organisation_id, words, active, limit)


# ---- writing -----------------------------------------------------------------------------------


def local_columns(fields: dict[str, Any]) -> Row:
    """Model fields as columns: names and descriptions per language, options as JSON."""
    columns = {k: v for k, v in fields.items() if k not in ("name", "description", "options")}
    for field in ("name", "description"):
        if field in fields:
            columns |= {f"{field}_en": fields[field]["en"], f"{field}_nl": fields[field]["nl"]}
    if "options" in fields:
        columns["options"] = json.dumps(fields["options"], ensure_ascii=False)
        columns["option_text"] = rules.option_text(fields["options"])
    if "vat_rate" in fields:
        columns["vat_rate"] = rules.vat_text(fields["vat_rate"])
    if "active" in fields:
        columns["active"] = int(fields["active"])
    return columns


def product_columns(form: ProductIn) -> Row:
    return local_columns(form.model_dump())


def _sku_taken(sku: str) -> ProblemError:
    return ProblemError(
        409, "sku_taken", f"Another product in your catalogue has the SKU '{sku}'.", sku=sku
    )


def _in_bundles(bundles: list[str]) -> ProblemError:
    return ProblemError(
        409,
        "product_in_bundle",
        f"Bundles contain this product ({', '.join(bundles)}): change or delete them first.",
    )


def create_product(db: Database, *, caller: Caller, form: ProductIn) -> Product:
    now = clock.now_iso()
    row = {
        "id": security.new_id("prd"),
        "organisation_id": caller.organisation_id,
        **product_columns(form),
        "image": None,
        "created_at": now,
        "updated_at": now,
    }
    with db.atomic():
        if store.products_by_sku(db, caller.organisation_id, [form.sku]):
            raise _sku_taken(form.sku)
        store.insert_products(db, [row])
        audit_event(db, caller, "product.created", row["id"], sku=form.sku)
    return get_product(db, organisation_id=caller.organisation_id, product_id=row["id"])


def update_product(db: Database, *, caller: Caller, product_id: str, form: ProductPatch) -> Product:
    org = caller.organisation_id
    changes = local_columns(form.model_dump(exclude_none=True))
    with db.atomic():
        old = get_product(db, organisation_id=org, product_id=product_id)
        if (
            form.sku is not None
            and form.sku != old.sku
            and store.products_by_sku(db, org, [form.sku])
        ):
            raise _sku_taken(form.sku)
        options = form.model_dump()["options"] if form.options is not None else old.options
        price = old.price_minor if form.price_minor is None else form.price_minor
        problem = rules.cheapest_problem(price, options)
        if problem:
            raise ProblemError(
                422, "invalid_input", problem, errors=[{"field": "options", "message": problem}]
            )
        if form.currency is not None and form.currency != old.currency:
            bundles = store.bundles_containing(db, org, [product_id]).get(product_id)
            if bundles:
                raise _in_bundles(bundles)
        if changes and not rules.unchanged(old, changes):
            store.update_product(db, org, product_id, {**changes, "updated_at": clock.now_iso()})
            audit_event(
                db, caller, "product.updated", product_id, fields=sorted(form.model_fields_set)
            )
    return get_product(db, organisation_id=org, product_id=product_id)


def delete_product(db: Database, *, caller: Caller, product_id: str) -> None:
    org = caller.organisation_id
    with db.atomic():
        product = get_product(db, organisation_id=org, product_id=product_id)
        bundles = store.bundles_containing(db, org, [product_id]).get(product_id)
        if bundles:
            raise _in_bundles(bundles)
        store.delete_product(db, org, product_id)
        if product.image:
            store.delete_image_if_unused(db, product.image)
        audit_event(db, caller, "product.deleted", product_id, sku=product.sku)


# ---- bulk upsert -------------------------------------------------------------------------------


def _row_error(index: int, sku: Any, code: str, errors: list[FieldError]) -> BulkRow:
    return BulkRow(
        row=index,
        sku=sku if isinstance(sku, str) else None,
        status="error",
        code=code,
        errors=errors,
    )


def _validated(
    raw_rows: list[dict[str, Any]], report: list[BulkRow | None]
) -> dict[str, tuple[int, ProductIn]]:
    """The valid rows by SKU; invalid rows and repeated SKUs are reported in `report`."""
    valid: dict[str, tuple[int, ProductIn]] = {}
    for index, raw in enumerate(raw_rows):
        try:
            form = ProductIn.model_validate(raw)
        except ValidationError as exc:
            errors = [
                FieldError(field=".".join(str(p) for p in e["loc"]) or "row", message=e["msg"])
                for e in exc.errors()
            ]
            report[index] = _row_error(index, raw.get("sku"), "invalid_input", errors)
            continue
        if form.sku in valid:
            message = f"The SKU also appears in row {valid[form.sku][0]}."
            report[index] = _row_error(
                index, form.sku, "duplicate_sku", [FieldError(field="sku", message=message)]
            )
            continue
        valid[form.sku] = (index, form)
    return valid


def bulk_upsert(db: Database, *, caller: Caller, raw_rows: list[dict[str, Any]]) -> BulkResult:
    """Create or update products by SKU, row by row; bad rows are reported and skipped.

    The good rows are written in one transaction: all of them or, on a crash, none.
    """
    org = caller.organisation_id
    report: list[BulkRow | None] = [None] * len(raw_rows)
    valid = _validated(raw_rows, report)
    now = clock.now_iso()
    with db.atomic():
        existing = store.products_by_sku(db, org, list(valid))
        moved = {sku for sku, old in existing.items() if old.currency != valid[sku][1].currency}
        in_bundles = store.bundles_containing(db, org, [existing[sku].id for sku in moved])
        inserts: list[Row] = []
        updates: list[tuple[str, Row]] = []
        for sku, (index, form) in valid.items():
            columns = product_columns(form)
            old = existing.get(sku)
            if old is None:
                product_id = security.new_id("prd")
                row = {"id": product_id, "organisation_id": org, **columns, "image": None}
                inserts.append({**row, "created_at": now, "updated_at": now})
                report[index] = BulkRow(row=index, sku=sku, status="created", id=product_id)
            elif old.id in in_bundles:
                message = f"Bundles contain this product ({', '.join(in_bundles[old.id])})."
                report[index] = _row_error(
                    index, sku, "product_in_bundle", [FieldError(field="currency", message=message)]
                )
            elif rules.unchanged(old, columns):
                report[index] = BulkRow(row=index, sku=sku, status="unchanged", id=old.id)
            else:
                updates.append((old.id, {**columns, "updated_at": now}))
                report[index] = BulkRow(row=index, sku=sku, status="updated", id=old.id)
        store.insert_products(db, inserts)
        store.update_products(db, org, updates)
        rows = [r for r in report if r is not None]
        counts = {
            s: sum(1 for r in rows if r.status == s)
            for s in ("created", "updated", "unchanged", "error")
        }
        audit_event(db, caller, "product.bulk_upsert", None, **counts)
    return BulkResult(
        created=counts["created"],
        updated=counts["updated"],
        unchanged=counts["unchanged"],
        failed=counts["error"],
        rows=rows,
    )


# ---- images ------------------------------------------------------------------------------------


def set_image(db: Database, *, caller: Caller, product_id: str, data: bytes) -> Product:
    org = caller.organisation_id
    image = images.process(data)
    with db.atomic():
        old = get_product(db, organisation_id=org, product_id=product_id)
        store.insert_image(
            db,
            {
                "name": image.name,
                "media_type": image.media_type,
                "width": image.width,
                "height": image.height,
                "data": image.data,
                "created_at": clock.now_iso(),
            },
        )
        store.update_product(
            db, org, product_id, {"image": image.name, "updated_at": clock.now_iso()}
        )
        if old.image and old.image != image.name:
            store.delete_image_if_unused(db, old.image)
        audit_event(db, caller, "product.image_set", product_id, image=image.name)
    return get_product(db, organisation_id=org, product_id=product_id)


def get_image(db: Database, *, name: str) -> ProductImage:
    image = store.get_image(db, name)
    if image is None:
        raise ProblemError(404, "not_found", "There is no image at this address.")
    return image

"""Thin HTTP routes of the catalogue: products, bulk upsert, search, images, the VAT setting.

Reading is for every user and every API key; writing is for admins and keys with the
`catalogue` scope (or `full`).
"""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response, status
from pydantic import ValidationError

from server.access import ADMIN, ANY_USER, Caller, get_db, require
from server.bodies import read_limited
from server.catalogue import bundles, images, rules, service
from server.catalogue.models import (
    BulkRequest,
    BulkResult,
    Bundle,
    BundleIn,
    BundleOut,
    BundlePage,
    BundlePatch,
    CatalogueSettings,
    Product,
    ProductIn,
    ProductOut,
    ProductPage,
    ProductPatch,
)
from server.catalogue.store import ProductFilter
from server.problems import PROBLEM_RESPONSES, ProblemError
from server.sql import Database

router = APIRouter(prefix="/api/v1", responses=PROBLEM_RESPONSES, tags=["catalogue"])
DB = Depends(get_db)
READER = Depends(require(roles=ANY_USER, scope="read"))
WRITER = Depends(require(roles=ADMIN, scope="catalogue"))
Text = Annotated[str, Query(max_length=100, description="Words of a name, SKU or option.")]


def _out(db: Database, caller: Caller, product: Product) -> ProductOut:
    include_vat = service.prices_include_vat(db, organisation_id=caller.organisation_id)
    return service.product_out(product, include_vat=include_vat)


@router.get("/catalogue/settings")
async def get_settings(caller: Caller = READER, db: Database = DB) -> CatalogueSettings:
    return CatalogueSettings(
        prices_include_vat=service.prices_include_vat(db, organisation_id=caller.organisation_id)
    )


@router.put("/catalogue/settings")
async def put_settings(
    form: CatalogueSettings, caller: Caller = WRITER, db: Database = DB
) -> CatalogueSettings:
    """Whether entered prices include VAT. Changing it re-reads every stored price."""
    service.set_prices_include_vat(db, caller=caller, value=form.prices_include_vat)
    return form


@router.get("/products")
async def list_products(
    active: bool | None = None,
    currency: Annotated[str | None, Query(pattern=r"^[A-Z]{3}$")] = None,
    q: Text | None = None,
    after: Annotated[str | None, Query(max_length=64, description="next_cursor")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    caller: Caller = READER,
    db: Database = DB,
) -> ProductPage:
    """Products in SKU order, filtered by active flag, currency and words (as in search)."""
    words = rules.search_words(q) if q is not None else None
    if q is not None and words is None:
        return ProductPage(items=[], next_cursor=None)
    where = ProductFilter(active=active, currency=currency, words=words, after_sku=after)
    page, cursor = service.list_products(
        db, organisation_id=caller.organisation_id, where=where, limit=limit
    )
    include_vat = service.prices_include_vat(db, organisation_id=caller.organisation_id)
    return ProductPage(
        items=[service.product_out(r, include_vat=include_vat) for r in page], next_cursor=cursor
    )


@router.get("/products/search")
async def search_products(
    q: Text,
    active: bool | None = None,
    limit: Annotated[int, Query(ge=1, le=rules.MAX_SEARCH_RESULTS)] = 20,
    caller: Caller = READER,
    db: Database = DB,
) -> ProductPage:
    """Best matches first, as the clerk types: every word is a prefix ("lam" finds "Lamp")."""
    found = service.search(
        db, organisation_id=caller.organisation_id, text=q, active=active, limit=limit
    )
    include_vat = service.prices_include_vat(db, organisation_id=caller.organisation_id)
    return ProductPage(
        items=[service.product_out(r, include_vat=include_vat) for r in found], next_cursor=None
    )


@router.post("/products", status_code=status.HTTP_201_CREATED)
async def create_product(form: ProductIn, caller: Caller = WRITER, db: Database = DB) -> ProductOut:
    """A new product; its SKU must be new in your catalogue (409 `sku_taken`)."""
    return _out(db, caller, service.create_product(db, caller=caller, form=form))


_BULK_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["products"],
                    "additionalProperties": False,
                    "properties": {
                        "products": {
                            "type": "array",
                            "minItems": 1,
                            "maxItems": rules.MAX_BULK_ROWS,
                            "items": {"$ref": "#/components/schemas/ProductIn"},
                        }
                    },
                }
            }
        },
    }
}


@router.post("/products/bulk", openapi_extra=_BULK_BODY)
async def bulk_upsert(request: Request, caller: Caller = WRITER, db: Database = DB) -> BulkResult:
    """Create or update up to 5,000 products by SKU; each row's outcome is reported.

    A row that is not valid is reported (`error`, with its field errors) and skipped; the
    good rows are written together. The body may be at most 32 MiB.
    """
    body = await read_limited(request, rules.MAX_BULK_BYTES)
    try:
        form = BulkRequest.model_validate(json.loads(body))
    except (ValueError, ValidationError) as exc:
        errors = exc.errors() if isinstance(exc, ValidationError) else []
        raise ProblemError(
            422,
            "invalid_input",
            f'Send {{"products": [...]}} with 1 to {rules.MAX_BULK_ROWS:,} products.',
            errors=[
                {"field": ".".join(str(p) for p in e["loc"]) or "body", "message": e["msg"]}
                for e in errors
            ]
            or [{"field": "body", "message": "not valid JSON"}],
        ) from exc
    return service.bulk_upsert(db, caller=caller, raw_rows=form.products)


@router.get("/products/{product_id}")
async def get_product(product_id: str, caller: Caller = READER, db: Database = DB) -> ProductOut:
    product = service.get_product(db, organisation_id=caller.organisation_id, product_id=product_id)
    return _out(db, caller, product)


@router.patch("/products/{product_id}")
async def update_product(
    product_id: str, form: ProductPatch, caller: Caller = WRITER, db: Database = DB
) -> ProductOut:
    product = service.update_product(db, caller=caller, product_id=product_id, form=form)
    return _out(db, caller, product)


@router.delete("/products/{product_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_product(product_id: str, caller: Caller = WRITER, db: Database = DB) -> None:
    """Refused (409 `product_in_bundle`) while a bundle contains the product."""
    service.delete_product(db, caller=caller, product_id=product_id)


_IMAGE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            media: {"schema": {"type": "string", "format": "binary"}}
            for media in ("image/jpeg", "image/png", "image/webp")
        },
    }
}


@router.put("/products/{product_id}/image", openapi_extra=_IMAGE_BODY)
async def put_product_image(
    product_id: str, request: Request, caller: Caller = WRITER, db: Database = DB
) -> ProductOut:
    """The image as the raw body (JPEG, PNG or WebP, at most 5 MiB; the type is read from
    the bytes). It is re-encoded without metadata and scaled to at most 2048 pixels."""
    service.get_product(db, organisation_id=caller.organisation_id, product_id=product_id)
    data = await read_limited(request, images.MAX_UPLOAD_BYTES)
    product = service.set_image(db, caller=caller, product_id=product_id, data=data)
    return _out(db, caller, product)


@router.get(
    f"{service.IMAGE_PATH.removeprefix('/api/v1')}/{{name}}",
    response_class=Response,
    responses={200: {"content": {"image/jpeg": {}, "image/png": {}}}},
)
async def product_image(name: Annotated[str, Path(max_length=80)], db: Database = DB) -> Response:
    """A product image by its content address; public, so pages and offers can show it."""
    image = service.get_image(db, name=name)
    return Response(
        image.data,
        media_type=image.media_type,
        headers={"Cache-Control": "public, max-age=31536000, immutable"},
    )


# ---- bundles -----------------------------------------------------------------------------------


def _bundle(db: Database, caller: Caller, bundle: Bundle) -> BundleOut:
    include_vat = service.prices_include_vat(db, organisation_id=caller.organisation_id)
    return bundles.bundle_outs(db, [bundle], include_vat=include_vat)[0]


@router.get("/bundles")
async def list_bundles(
    after: Annotated[str | None, Query(max_length=64, description="next_cursor")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    caller: Caller = READER,
    db: Database = DB,
) -> BundlePage:
    page, cursor = bundles.list_bundles(
        db, organisation_id=caller.organisation_id, after=after, limit=limit
    )
    include_vat = service.prices_include_vat(db, organisation_id=caller.organisation_id)
    return BundlePage(
        items=bundles.bundle_outs(db, page, include_vat=include_vat), next_cursor=cursor
    )


@router.post("/bundles", status_code=status.HTTP_201_CREATED)
async def create_bundle(form: BundleIn, caller: Caller = WRITER, db: Database = DB) -> BundleOut:
    """Your products with quantities at one price; they must share a currency."""
    return _bundle(db, caller, bundles.create_bundle(db, caller=caller, form=form))


@router.get("/bundles/{bundle_id}")
async def get_bundle(bundle_id: str, caller: Caller = READER, db: Database = DB) -> BundleOut:
    bundle = bundles.get_bundle(db, organisation_id=caller.organisation_id, bundle_id=bundle_id)
    return _bundle(db, caller, bundle)


@router.patch("/bundles/{bundle_id}")
async def update_bundle(
    bundle_id: str, form: BundlePatch, caller: Caller = WRITER, db: Database = DB
) -> BundleOut:
    return _bundle(
        db, caller, bundles.update_bundle(db, caller=caller, bundle_id=bundle_id, form=form)
    )


@router.delete("/bundles/{bundle_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_bundle(bundle_id: str, caller: Caller = WRITER, db: Database = DB) -> None:
    bundles.delete_bundle(db, caller=caller, bundle_id=bundle_id)

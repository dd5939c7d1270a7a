"""All SQL of the catalogue. Every query of products and bundles takes the organisation id;
images are read by their content address alone, which only someone who has the bytes (or
was shown the address) can know."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from server.catalogue.models import Bundle, BundledProduct, Product, ProductImage
from server.sql import (
    Database,
    Row,
    as_record,
    one,
    one_record,
    records,
    rows,
    search_match,
    search_rank,
    update_in_organisation,
)

_CHUNK = 500
"""Ids per `IN (...)` list: well under SQLite's limit on bound parameters."""


def _chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


# ---- settings ----------------------------------------------------------------------------------


def prices_include_vat(db: Database, organisation_id: str) -> bool | None:
    row = one(
        db,
        "SELECT prices_include_vat FROM catalogue_settings WHERE organisation_id = ?",
        [organisation_id],
    )
    return None if row is None else bool(row["prices_include_vat"])


def set_prices_include_vat(db: Database, organisation_id: str, value: bool, at: str) -> None:
    db.execute(
        "INSERT INTO catalogue_settings (organisation_id, prices_include_vat, updated_at) "
        "VALUES (?, ?, ?) ON CONFLICT (organisation_id) DO UPDATE SET "
        "prices_include_vat = excluded.prices_include_vat, updated_at = excluded.updated_at",
        [organisation_id, int(value), at],
    )


# ---- products ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProductFilter:
    active: bool | None = None
    currency: str | None = None
    words: tuple[str, ...] | None = None
    """Words each product must have a word starting with (`rules.search_words`)."""
    after_sku: str | None = None


def insert_products(db: Database, new: Sequence[Row]) -> None:
    db.table("products").insert_all(new, batch_size=_CHUNK)


def update_products(db: Database, organisation_id: str, changes: Sequence[tuple[str, Row]]) -> None:
    """Update many products by id; every change sets the same columns (a bulk upsert's)."""
    if not changes:
        return
    columns = list(changes[0][1])
    assignments = ", ".join(f"{name} = ?" for name in columns)
    db.conn.executemany(
        f"UPDATE products SET {assignments} WHERE id = ? AND organisation_id = ?",  # noqa: S608
        [[*(row[c] for c in columns), product_id, organisation_id] for product_id, row in changes],
    )


def update_product(db: Database, organisation_id: str, product_id: str, changes: Row) -> None:
    update_in_organisation(db, "products", organisation_id, product_id, changes)


def get_product(db: Database, organisation_id: str, product_id: str) -> Product | None:
    return one_record(
        db,
        Product,
        "FROM products WHERE id = ? AND organisation_id = ?",
        [product_id, organisation_id],
    )


def products_by_id(db: Database, organisation_id: str, ids: Sequence[str]) -> dict[str, Product]:
    found: dict[str, Product] = {}
    for chunk in _chunks(ids):
        for product in records(
            db,
            Product,
            f"FROM products WHERE organisation_id = ? AND id IN ({_marks(chunk)})",
            [organisation_id, *chunk],
        ):
            found[product.id] = product
    return found


def products_by_sku(db: Database, organisation_id: str, skus: Sequence[str]) -> dict[str, Product]:
    found: dict[str, Product] = {}
    for chunk in _chunks(skus):
        for product in records(
            db,
            Product,
            f"FROM products WHERE organisation_id = ? AND sku IN ({_marks(chunk)})",
            [organisation_id, *chunk],
        ):
            found[product.sku] = product
    return found


def list_products(
    db: Database, organisation_id: str, where: ProductFilter, limit: int
) -> list[Product]:
    """One page in SKU order, after `where.after_sku`."""
    clauses = ["p.organisation_id = ?"]
    params: list[Any] = [organisation_id]
    if where.active is not None:
        clauses.append("p.active = ?")
        params.append(int(where.active))
    if where.currency is not None:
        clauses.append("p.currency = ?")
        params.append(where.currency)
    if where.after_sku is not None:
        clauses.append("p.sku > ?")
        params.append(where.after_sku)
    if where.words is not None:
        matches, query = search_match(db, "products_fts", where.words)
        clauses.append(f"p.n IN (SELECT rowid FROM products_fts WHERE {matches})")  # noqa: S608
        params.append(query)
    return records(
        db,
        Product,
        f"FROM products p WHERE {' AND '.join(clauses)} ORDER BY p.sku LIMIT ?",
        [*params, limit],
        table="p",
    )


def search_products(
    db: Database, organisation_id: str, words: Sequence[str], active: bool | None, limit: int
) -> list[Product]:
    """The best matches first (weighted like bm25(4, 2, 2, 1), set in the schema)."""
    active_clause = "" if active is None else " AND p.active = ?"
    matches, query = search_match(db, "products_fts", words)
    rank, rank_params = search_rank(db, "products_fts", query)
    return records(
        db,
        Product,
        "FROM products_fts JOIN products p ON p.n = products_fts.rowid "
        f"WHERE {matches} AND p.organisation_id = ?{active_clause} "
        f"ORDER BY {rank} LIMIT ?",
        [query, organisation_id, *([] if active is None else [int(active)]), *rank_params, limit],
        table="p",
    )


def delete_product(db: Database, organisation_id: str, product_id: str) -> None:
    db.execute(
        "DELETE FROM products WHERE id = ? AND organisation_id = ?", [product_id, organisation_id]
    )


def bundles_containing(
    db: Database, organisation_id: str, product_ids: Sequence[str]
) -> dict[str, list[str]]:
    """For each of these products that some bundle contains: those bundles' SKUs."""
    found: dict[str, list[str]] = {}
    for chunk in _chunks(product_ids):
        for row in rows(
            db,
            "SELECT i.product_id, b.sku FROM bundle_items i "  # noqa: S608
            "JOIN bundles b ON b.id = i.bundle_id "
            f"WHERE b.organisation_id = ? AND i.product_id IN ({_marks(chunk)}) "
            "ORDER BY b.sku",
            [organisation_id, *chunk],
        ):
            found.setdefault(row["product_id"], []).append(row["sku"])
    return found


# ---- images ------------------------------------------------------------------------------------


def insert_image(db: Database, image: Row) -> None:
    """Store an image once: the same bytes have the same name."""
    db.table("product_images").insert(image, ignore=True)


def get_image(db: Database, name: str) -> ProductImage | None:
    return one_record(db, ProductImage, "FROM product_images WHERE name = ?", [name])


def delete_image_if_unused(db: Database, name: str) -> None:
    db.execute(
        "DELETE FROM product_images WHERE name = ? "
        "AND NOT EXISTS (SELECT 1 FROM products WHERE image = ?)",
        [name, name],
    )


# ---- bundles -----------------------------------------------------------------------------------


def insert_bundle(db: Database, row: Row) -> None:
    db.table("bundles").insert(row)


def get_bundle(db: Database, organisation_id: str, bundle_id: str) -> Bundle | None:
    return one_record(
        db,
        Bundle,
        "FROM bundles WHERE id = ? AND organisation_id = ?",
        [bundle_id, organisation_id],
    )


def bundle_id_by_sku(db: Database, organisation_id: str, sku: str) -> str | None:
    row = one(
        db, "SELECT id FROM bundles WHERE organisation_id = ? AND sku = ?", [organisation_id, sku]
    )
    return None if row is None else str(row["id"])


def list_bundles(
    db: Database, organisation_id: str, after_sku: str | None, limit: int
) -> list[Bundle]:
    return records(
        db,
        Bundle,
        "FROM bundles WHERE organisation_id = ? AND sku > ? ORDER BY sku LIMIT ?",
        [organisation_id, after_sku or "", limit],
    )


def update_bundle(db: Database, organisation_id: str, bundle_id: str, changes: Row) -> None:
    update_in_organisation(db, "bundles", organisation_id, bundle_id, changes)


def delete_bundle(db: Database, organisation_id: str, bundle_id: str) -> None:
    db.execute(
        "DELETE FROM bundles WHERE id = ? AND organisation_id = ?", [bundle_id, organisation_id]
    )


def set_bundle_items(db: Database, bundle_id: str, items: Sequence[tuple[str, int]]) -> None:
    db.execute("DELETE FROM bundle_items WHERE bundle_id = ?", [bundle_id])
    db.table("bundle_items").insert_all(
        {"bundle_id": bundle_id, "product_id": product_id, "quantity": quantity, "position": at}
        for at, (product_id, quantity) in enumerate(items)
    )


def bundle_items(
    db: Database, organisation_id: str, bundle_ids: Sequence[str]
) -> list[BundledProduct]:
    """The items of these bundles with their products' SKU, names and price, in order."""
    found: list[BundledProduct] = []
    for chunk in _chunks(bundle_ids):
        found += (
            as_record(BundledProduct, row)
            for row in rows(
                db,
                "SELECT i.bundle_id, i.product_id, i.quantity, p.sku, p.name_en, p.name_nl, "  # noqa: S608
                "p.price_minor FROM bundle_items i JOIN products p ON p.id = i.product_id "
                f"WHERE p.organisation_id = ? AND i.bundle_id IN ({_marks(chunk)}) "
                "ORDER BY i.bundle_id, i.position",
                [organisation_id, *chunk],
            )
        )
    return found

"""The product catalogue: search as one types, pages in SKU order, one product created,
changed or deleted, and bulk upserts in chunks the server accepts. Qt-free."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from babel.numbers import format_currency, get_currency_precision, parse_decimal

from clerk_app.admin.api import AdminApi, LocalText, seg

MAX_BULK_ROWS = 5_000  # the server's limit per request
PAGE_SIZE = 500  # the server's largest page
SEARCH_LIMIT = 50
BABEL_LOCALES = {"en": "en", "nl": "nl_NL"}


@dataclass(frozen=True)
class Choice:
    code: str
    name: LocalText
    price_delta_minor: int = 0


@dataclass(frozen=True)
class OptionGroup:
    code: str
    name: LocalText
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class ProductDraft:
    """A product as the API takes it (one row of a bulk upsert)."""

    sku: str
    name: LocalText
    price_minor: int
    currency: str
    vat_rate: str  # percent as text, e.g. "21" or "12.5": exact
    active: bool = True
    description: LocalText = field(default_factory=lambda: LocalText("", ""))
    options: tuple[OptionGroup, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "sku": self.sku,
            "name": self.name.to_json(),
            "description": self.description.to_json(),
            "price_minor": self.price_minor,
            "currency": self.currency,
            "vat_rate": self.vat_rate,
            "active": self.active,
            "options": options_json(self.options),
        }


@dataclass(frozen=True)
class Product:
    id: str
    draft: ProductDraft
    image_url: str | None
    created_at: str
    updated_at: str

    @property
    def sku(self) -> str:
        return self.draft.sku


@dataclass(frozen=True)
class ProductPage:
    products: tuple[Product, ...]
    next_cursor: str | None


@dataclass(frozen=True)
class BulkRow:
    """The outcome of one row: created, updated, unchanged or error (with what was wrong)."""

    row: int  # where the caller numbers it (a CSV line number)
    sku: str | None
    status: str
    code: str = ""  # for an error: the server's code, or one of csv_io.LOCAL_CODES
    message: str = ""  # the server's field errors (English), or what could not be read
    product_id: str | None = None


@dataclass(frozen=True)
class BulkReport:
    rows: tuple[BulkRow, ...] = field(default=())

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)


Progress = Callable[[int, int], None]  # rows done, rows in all


class CatalogueService:
    def __init__(self, api: AdminApi) -> None:
        self._api = api

    async def search(self, text: str, *, limit: int = SEARCH_LIMIT) -> list[Product]:
        """Best matches first; every word a prefix ("lam" finds "Lamp")."""
        data = await self._api.call(
            "GET", "/api/v1/products/search", params={"q": text, "limit": limit}
        )
        return [_product(p) for p in data["items"]]

    async def page(self, *, after: str | None = None, limit: int = 100) -> ProductPage:
        """One page in SKU order; pass `next_cursor` back as `after` for the next."""
        params: dict[str, Any] = {"limit": limit}
        if after is not None:
            params["after"] = after
        data = await self._api.call("GET", "/api/v1/products", params=params)
        return ProductPage(tuple(_product(p) for p in data["items"]), data.get("next_cursor"))

    async def every_product(self) -> AsyncIterator[Product]:
        after: str | None = None
        while True:
            page = await self.page(after=after, limit=PAGE_SIZE)
            for product in page.products:
                yield product
            if page.next_cursor is None:
                return
            after = page.next_cursor

    async def all_products(self) -> list[Product]:
        return [p async for p in self.every_product()]

    async def create(self, draft: ProductDraft) -> Product:
        return _product(await self._api.call("POST", "/api/v1/products", draft.to_json()))

    async def update(self, product_id: str, draft: ProductDraft) -> Product:
        path = f"/api/v1/products/{seg(product_id)}"
        return _product(await self._api.call("PATCH", path, draft.to_json()))

    async def delete(self, product_id: str) -> str:
        """Refused (`product_in_bundle`) while a bundle holds it; returns the id deleted."""
        await self._api.call("DELETE", f"/api/v1/products/{seg(product_id)}")
        return product_id

    async def bulk_upsert(
        self,
        rows: Sequence[tuple[int, Mapping[str, Any]]],
        *,
        progress: Progress | None = None,
        chunk: int = MAX_BULK_ROWS,
    ) -> BulkReport:
        """Create or update `rows` (numbered by the caller) by SKU, `chunk` rows a request;
        `progress` hears after each request."""
        report: list[BulkRow] = []
        for start in range(0, len(rows), chunk):
            part = rows[start : start + chunk]
            body = {"products": [dict(row) for _, row in part]}
            data = await self._api.call("POST", "/api/v1/products/bulk", body)
            for outcome in data["rows"]:
                number = part[int(outcome["row"])][0]
                report.append(_bulk_row(number, outcome))
            if progress is not None:
                progress(start + len(part), len(rows))
        return BulkReport(tuple(report))


def format_price(minor: int, currency: str, language: str) -> str:
    """`€1,234.50` in English, `€ 1.234,50` in Dutch (babel's CLDR data)."""
    amount = Decimal(minor).scaleb(-get_currency_precision(currency))
    return str(format_currency(amount, currency, locale=BABEL_LOCALES.get(language, "en")))


def parse_price(text: str, currency: str, language: str) -> int:
    """What an admin typed ("12,50" in Dutch) in the currency's minor units; ValueError if it
    is no amount or has more decimals than the currency."""
    amount = parse_decimal(text.strip(), locale=BABEL_LOCALES.get(language, "en"), strict=False)
    minor = amount.scaleb(get_currency_precision(currency))
    if minor != minor.to_integral_value():
        raise ValueError(text)
    return int(minor)


def major_amount(minor: int, currency: str) -> Decimal:
    return Decimal(minor).scaleb(-get_currency_precision(currency))


def options_json(options: Sequence[OptionGroup]) -> list[dict[str, Any]]:
    return [
        {
            "code": group.code,
            "name": group.name.to_json(),
            "choices": [
                {"code": c.code, "name": c.name.to_json(), "price_delta_minor": c.price_delta_minor}
                for c in group.choices
            ],
        }
        for group in options
    ]


def options_of(data: Sequence[Mapping[str, Any]]) -> tuple[OptionGroup, ...]:
    """Option groups from their JSON; KeyError/TypeError/ValueError where one is malformed."""
    return tuple(
        OptionGroup(
            code=str(group["code"]),
            name=LocalText.of(group["name"]),
            choices=tuple(
                Choice(
                    code=str(c["code"]),
                    name=LocalText.of(c["name"]),
                    price_delta_minor=int(c.get("price_delta_minor", 0)),
                )
                for c in group["choices"]
            ),
        )
        for group in data
    )


def _product(data: Mapping[str, Any]) -> Product:
    draft = ProductDraft(
        sku=str(data["sku"]),
        name=LocalText.of(data["name"]),
        description=LocalText.of(data.get("description") or {}),
        price_minor=int(data["price_minor"]),
        currency=str(data["currency"]),
        vat_rate=str(data["vat_rate"]),
        active=bool(data["active"]),
        options=options_of(data.get("options") or []),
    )
    return Product(
        id=str(data["id"]),
        draft=draft,
        image_url=data.get("image_url"),
        created_at=str(data["created_at"]),
        updated_at=str(data["updated_at"]),
    )


def _bulk_row(number: int, outcome: Mapping[str, Any]) -> BulkRow:
    errors = outcome.get("errors") or []
    message = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
    return BulkRow(
        row=number,
        sku=outcome.get("sku"),
        status=str(outcome["status"]),
        code=str(outcome.get("code") or ""),
        message=message,
        product_id=outcome.get("id"),
    )

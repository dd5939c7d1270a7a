"""A stand-in for the offer service at its boundary (`OfferBackend`), for the offer panel's
keyboard tests: a tiny catalogue, VAT-inclusive pricing at 21 %, revisions that conflict
like the server's. The real server is used by tests/test_app_offer.py."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from clerk_app.errors import ServiceError
from clerk_app.offers.service import (
    Decision,
    OptionChoice,
    OptionGroup,
    Product,
    Suggestions,
)
from videoclerk_protocol.messages import Discount, OfferLine, OfferOption, OfferView, VatSubtotal

LAMP = Product(
    id="prd_lamp",
    sku="LAMP-1",
    name={"en": "Desk lamp", "nl": "Bureaulamp"},
    currency="EUR",
    unit_gross_minor=4999,
    active=True,
    options=(
        OptionGroup(
            "colour",
            {"en": "Colour", "nl": "Kleur"},
            (
                OptionChoice("black", {"en": "Black", "nl": "Zwart"}, 0),
                OptionChoice("brass", {"en": "Brass", "nl": "Messing"}, 1500),
            ),
        ),
    ),
)
CHAIR = Product(
    id="prd_chair",
    sku="CHAIR-2",
    name={"en": "Office chair", "nl": "Bureaustoel"},
    currency="EUR",
    unit_gross_minor=19900,
    active=True,
    options=(),
)


def _round(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _off(amount: int, discount: Discount | None) -> int:
    if discount is None:
        return 0
    if discount.kind == "percent":
        return _round(Decimal(amount) * Decimal(discount.value) / 100)
    return min(amount, int(discount.value))


@dataclass
class FakeOffers:
    products: tuple[Product, ...] = (LAMP, CHAIR)
    view: OfferView | None = None
    saves: list[dict[str, Any]] = field(default_factory=list)
    searches: list[str] = field(default_factory=list)
    conflicts: int = 0  # how many saves to answer with 409 revision_conflict

    async def open_offer(self, *, call_id: str) -> OfferView:
        if self.view is None:
            self.view = self.price(
                {
                    "lines": [],
                    "valid_until": (date.today() + timedelta(days=14)).isoformat(),
                    "note": "",
                },
                1,
            )
        return self.view

    async def get_offer(self, *, offer_id: str) -> OfferView:
        assert self.view is not None
        return self.view

    async def save_draft(self, *, offer_id: str, body: dict[str, Any]) -> OfferView:
        await asyncio.sleep(0)
        assert self.view is not None
        self.saves.append(body)
        if self.conflicts:
            self.conflicts -= 1
            self.view = self.view.model_copy(update={"revision": self.view.revision + 1})
            raise ServiceError("revision_conflict", "Another revision came first.", status=409)
        if body["base_revision"] != self.view.revision:
            raise ServiceError("revision_conflict", "Another revision came first.", status=409)
        self.view = self.price(body, self.view.revision + 1)
        return self.view

    async def search_products(self, *, text: str) -> list[Product]:
        self.searches.append(text)
        words = text.lower().split()
        return [
            p
            for p in self.products
            if all(w in f"{p.sku} {p.name['en']} {p.name['nl']}".lower() for w in words)
        ]

    async def get_product(self, *, product_id: str) -> Product:
        return next(p for p in self.products if p.id == product_id)

    async def decide(
        self, *, offer_id: str, revision: int, decision: Decision, note: str
    ) -> OfferView:
        raise AssertionError("not used by the panel")

    async def suggestions(
        self, *, product_ids: Sequence[str], bundle_ids: Sequence[str]
    ) -> Suggestions | None:
        return None  # the organisation has them off (the default, P16)

    def price(self, body: dict[str, Any], revision: int) -> OfferView:
        """VAT-inclusive at 21 %; the total discount goes to the first line (enough here)."""
        lines = []
        total_discount = body.get("total_discount")
        total_off = Discount.model_validate(total_discount) if total_discount else None
        for index, entry in enumerate(body["lines"]):
            product = next(p for p in self.products if p.id == entry["product_id"])
            options = []
            unit = product.unit_gross_minor
            for group in product.options:
                choice = next(c for c in group.choices if c.code == entry["options"][group.code])
                unit += choice.price_delta_minor
                options.append(
                    OfferOption(
                        group_code=group.code,
                        choice_code=choice.code,
                        group=group.name,
                        choice=choice.name,
                    )
                )
            listed = unit * entry["quantity"]
            discount = Discount.model_validate(entry["discount"]) if entry["discount"] else None
            off = _off(listed, discount)
            if index == 0:
                off += _off(listed - off, total_off)
            gross = listed - off
            net = _round(Decimal(gross) * 100 / 121)
            lines.append(
                OfferLine(
                    line_id=f"ln_{index}",
                    product_id=product.id,
                    sku=product.sku,
                    name=product.name,
                    options=options,
                    quantity=entry["quantity"],
                    unit_minor=unit,
                    list_minor=listed,
                    discount=discount,
                    discount_minor=off,
                    net_minor=net,
                    vat_minor=gross - net,
                    gross_minor=gross,
                    vat_rate="21",
                )
            )
        listed = sum(line.list_minor for line in lines)
        gross = sum(line.gross_minor for line in lines)
        net = sum(line.net_minor for line in lines)
        percent = Decimal(listed - gross) * 100 / listed if listed else Decimal(0)
        return OfferView(
            offer_id="off_1",
            revision=revision,
            status="open",
            currency="EUR",
            prices_include_vat=True,
            lines=lines,
            total_discount=total_off,
            list_gross_minor=listed,
            discount_minor=listed - gross,
            discount_percent=str(percent.quantize(Decimal("0.01"))),
            net_minor=net,
            vat_minor=gross - net,
            gross_minor=gross,
            vat_subtotals=[VatSubtotal(rate="21", net_minor=net, vat_minor=gross - net)]
            if lines
            else [],
            note=body.get("note", ""),
            valid_until=body.get("valid_until", "2030-01-15"),
            valid_until_at="2030-01-15T23:00:00Z",
            created_at="2030-01-01T10:00:00Z",
        )

"""Offers and the catalogue over the server's REST API (docs/offers.md, docs/catalogue.md).

Qt-free. Every method is a keyword-only coroutine returning the protocol's pydantic models or
plain frozen dataclasses; every refusal is a `ServiceError` with the server's stable code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol
from urllib.parse import quote

from clerk_app.account.service import AccountService
from clerk_app.errors import ServiceError
from videoclerk_protocol.messages import OfferView

SEARCH_LIMIT = 20
Decision = Literal["approve", "refuse"]


@dataclass(frozen=True)
class OptionChoice:
    code: str
    name: dict[str, str]
    price_delta_minor: int


@dataclass(frozen=True)
class OptionGroup:
    code: str
    name: dict[str, str]
    choices: tuple[OptionChoice, ...]


@dataclass(frozen=True)
class Product:
    """A catalogue product as the offer panel needs it: what to show, what can be chosen."""

    id: str
    sku: str
    name: dict[str, str]
    currency: str
    unit_gross_minor: int  # one unit without options, as the organisation reads its prices
    active: bool
    options: tuple[OptionGroup, ...]


@dataclass(frozen=True)
class ItemSuggestion:
    """A product or bundle often accepted together with the draft's items (P16)."""

    kind: Literal["product", "bundle"]
    id: str
    sku: str
    name: dict[str, str]
    accepted: int
    answered: int


@dataclass(frozen=True)
class Suggestions:
    """The organisation's suggestions for a draft: the clerk may apply them or not."""

    items: tuple[ItemSuggestion, ...]
    discount_percent: str | None  # the median discount of such accepted offers
    discount_accepted: int


SUGGESTIONS_UNAVAILABLE = frozenset({"suggestions_off", "suggestions_restricted"})


def text(texts: dict[str, str], language: str) -> str:
    """The text in `language`, else English, else any."""
    return texts.get(language) or texts.get("en") or next(iter(texts.values()), "")


class OfferBackend(Protocol):
    """What the offer editor and the approval list need from the server (tests fake this)."""

    async def open_offer(self, *, call_id: str) -> OfferView: ...
    async def get_offer(self, *, offer_id: str) -> OfferView: ...
    async def save_draft(self, *, offer_id: str, body: dict[str, Any]) -> OfferView: ...
    async def search_products(self, *, text: str) -> list[Product]: ...
    async def get_product(self, *, product_id: str) -> Product: ...
    async def decide(
        self, *, offer_id: str, revision: int, decision: Decision, note: str
    ) -> OfferView: ...
    async def suggestions(
        self, *, product_ids: Sequence[str], bundle_ids: Sequence[str]
    ) -> Suggestions | None: ...


class OfferService:
    """Offer calls for one signed-in user, over the app's shared HTTP client."""

    def __init__(self, accounts: AccountService, token: str) -> None:
        self._accounts = accounts
        self._token = token

    async def _call(
        self, method: str, path: str, body: Any = None, params: dict[str, Any] | None = None
    ) -> Any:
        return await self._accounts.request(
            method, path, token=self._token, json=body, params=params
        )

    async def open_offer(self, *, call_id: str) -> OfferView:
        """The call's offer: a new one, or the one the server already keeps (after a restart)."""
        data = await self._call("POST", "/api/v1/offers", {"call_id": call_id})
        return OfferView.model_validate(data)

    async def get_offer(self, *, offer_id: str) -> OfferView:
        return OfferView.model_validate(await self._call("GET", f"/api/v1/offers/{_seg(offer_id)}"))

    async def save_draft(self, *, offer_id: str, body: dict[str, Any]) -> OfferView:
        """A new revision priced by the server; 409 `revision_conflict` when `base_revision`
        is not the latest any more."""
        data = await self._call("PUT", f"/api/v1/offers/{_seg(offer_id)}/draft", body)
        return OfferView.model_validate(data)

    async def search_products(self, *, text: str) -> list[Product]:
        """Active products matching what the clerk typed, best first."""
        if not text.strip():
            return []
        params = {"q": text.strip()[:200], "active": "true", "limit": SEARCH_LIMIT}
        data = await self._call("GET", "/api/v1/products/search", params=params)
        return [product(item) for item in data["items"]]

    async def get_product(self, *, product_id: str) -> Product:
        return product(await self._call("GET", f"/api/v1/products/{_seg(product_id)}"))

    async def decide(
        self, *, offer_id: str, revision: int, decision: Decision, note: str = ""
    ) -> OfferView:
        """A supervisor's answer to an approval request; 409 `approval_not_pending` when
        someone else was faster or the clerk changed the offer meanwhile."""
        body = {"revision": revision, "decision": decision, "note": note}
        data = await self._call("POST", f"/api/v1/offers/{_seg(offer_id)}/approval", body)
        return OfferView.model_validate(data)

    async def suggestions(
        self, *, product_ids: Sequence[str], bundle_ids: Sequence[str]
    ) -> Suggestions | None:
        """Suggestions for a draft with these items; None when the organisation has them off
        or restricted (P16: they run only for organisations that asked)."""
        params = {"product_id": list(product_ids), "bundle_id": list(bundle_ids)}
        try:
            data = await self._call("GET", "/api/v1/offer-suggestions", params=params)
        except ServiceError as error:
            if error.code in SUGGESTIONS_UNAVAILABLE:
                return None
            raise
        discount = data.get("discount")
        return Suggestions(
            items=tuple(
                ItemSuggestion(
                    kind=item["kind"],
                    id=str(item["id"]),
                    sku=str(item["sku"]),
                    name=dict(item["name"]),
                    accepted=int(item["accepted"]),
                    answered=int(item["answered"]),
                )
                for item in data["items"]
            ),
            discount_percent=str(discount["percent"]) if discount else None,
            discount_accepted=int(discount["accepted"]) if discount else 0,
        )


def product(data: dict[str, Any]) -> Product:
    return Product(
        id=str(data["id"]),
        sku=str(data["sku"]),
        name=dict(data["name"]),
        currency=str(data["currency"]),
        unit_gross_minor=int(data["unit_price"]["gross_minor"]),
        active=bool(data.get("active", True)),
        options=tuple(
            OptionGroup(
                code=str(g["code"]),
                name=dict(g["name"]),
                choices=tuple(
                    OptionChoice(
                        str(c["code"]), dict(c["name"]), int(c.get("price_delta_minor", 0))
                    )
                    for c in g["choices"]
                ),
            )
            for g in data.get("options", [])
        ),
    )


def _seg(value: str) -> str:
    return quote(value, safe="")

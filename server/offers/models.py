"""Offers as stored, and the request and response bodies of the offers API; the offer as
everyone sees it is the protocol's `OfferView`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from server.offers import rules
from videoclerk_protocol.messages import ApprovalRequest, Discount, OfferStatus


@dataclass(frozen=True, slots=True)
class Offer:
    """A call's offer as the store keeps it: its latest revision's status and figures, for
    listing and filtering. Percentages are decimal text; the PDF link only as a hash."""

    id: str
    organisation_id: str
    call_id: str
    clerk_id: str
    revision: int
    status: str
    currency: str
    gross_minor: int
    valid_until_at: str
    approved_percent: str | None
    pdf_token_hash: str | None
    reference: str | None
    accepted_at: str | None
    content_hash: str | None
    created_at: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class OfferRevision:
    """One immutable numbered revision; `content` is exactly what its content hash is taken of."""

    offer_id: str
    revision: int
    status: str
    content: dict[str, Any]
    discount_percent: str
    limit_percent: str
    decided_by: str | None
    decided_at: str | None
    decision_note: str | None


@dataclass(frozen=True, slots=True)
class ListedOffer(Offer):
    """An offer with its latest revision's content and percentages, as lists and the
    approvals waiting for a supervisor read it (one query, no read per offer)."""

    content: dict[str, Any]
    discount_percent: str
    limit_percent: str


@dataclass(frozen=True, slots=True)
class AnsweredOffer:
    """What suggestions learn from an offer the visitor answered, nothing else: its status,
    total discount, and the items of the answered revision."""

    status: str
    discount_percent: str
    items: tuple[tuple[Literal["product", "bundle"], str], ...]


Code = Annotated[str, Field(min_length=1, max_length=64)]
Id = Annotated[str, Field(min_length=1, max_length=100)]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class OfferCreate(Body):
    call_id: Id


class DraftLine(Body):
    """A product (with a choice per option group) or a bundle, a quantity and a discount."""

    product_id: Id | None = None
    bundle_id: Id | None = None
    options: Annotated[dict[Code, Code], Field(max_length=10)] = {}
    quantity: Annotated[int, Field(ge=1, le=rules.MAX_QUANTITY)]
    discount: Discount | None = None

    @model_validator(mode="after")
    def _one_item(self) -> DraftLine:
        if (self.product_id is None) == (self.bundle_id is None):
            raise ValueError("name either a product_id or a bundle_id")
        if self.bundle_id is not None and self.options:
            raise ValueError("a bundle has no options")
        return self


class OfferDraft(Body):
    base_revision: Annotated[int, Field(ge=0)] = Field(
        description="The revision this draft was based on; 0 for the first save."
    )
    lines: Annotated[list[DraftLine], Field(min_length=1, max_length=rules.MAX_LINES)]
    total_discount: Discount | None = None
    note: Annotated[str, Field(max_length=2000)] = ""
    valid_until: date | None = Field(
        None, description="Last valid day; left out: the previous revision's, or the default."
    )


class ApprovalDecision(Body):
    revision: Annotated[int, Field(ge=1)]
    decision: Literal["approve", "refuse"]
    note: Annotated[str, Field(max_length=500)] = ""


class DiscountLimits(Body):
    clerk: Annotated[Decimal, Field(ge=0, le=100, decimal_places=2)] = Decimal(10)
    supervisor: Annotated[Decimal, Field(ge=0, le=100, decimal_places=2)] = Decimal(25)
    admin: Annotated[Decimal, Field(ge=0, le=100, decimal_places=2)] = Decimal(100)


class OfferSettings(Body):
    discount_limits_percent: DiscountLimits = DiscountLimits()
    validity_days: Annotated[int, Field(ge=1, le=rules.MAX_VALIDITY_DAYS)] = 14
    checkout_url_template: Annotated[str | None, Field(max_length=500)] = Field(
        None, description="https, with {reference} in it; null: no checkout button."
    )
    time_zone: Annotated[str, Field(max_length=64)] = Field(
        "Europe/Amsterdam", description="IANA time zone in which an offer's last day ends."
    )

    @field_validator("checkout_url_template")
    @classmethod
    def _https_with_reference(cls, url: str | None) -> str | None:
        if url is not None and (not url.startswith("https://") or "{reference}" not in url):
            raise ValueError("an https:// address containing {reference}")
        return url

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, name: str) -> str:
        rules.zone(name)
        return name


class OfferSummary(BaseModel):
    """`OfferView` without `lines` and `vat_subtotals`, plus call, clerk and line count."""

    offer_id: str
    revision: int
    status: OfferStatus
    currency: str
    prices_include_vat: bool
    total_discount: Discount | None = None
    list_gross_minor: int
    discount_minor: int
    discount_percent: str
    net_minor: int
    vat_minor: int
    gross_minor: int
    note: str = ""
    valid_until: str
    valid_until_at: str
    created_at: str
    reference: str | None = None
    accepted_at: str | None = None
    content_hash: str | None = None
    organisation_name: str = ""
    clerk_name: str | None = None
    call_id: str
    clerk_id: str
    line_count: int


class OfferPage(BaseModel):
    items: list[OfferSummary]
    next_cursor: str | None


class PendingApprovals(BaseModel):
    pending: list[ApprovalRequest]

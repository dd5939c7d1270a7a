"""The catalogue as stored (products, bundles, images), and the request and response bodies
of the catalogue API."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from server.catalogue import money, rules


@dataclass(frozen=True, slots=True)
class CatalogueItem:
    """What the store keeps of products and bundles alike: names and descriptions per
    language, a price and whether clerks may offer it."""

    id: str
    organisation_id: str
    sku: str
    name_en: str
    name_nl: str
    description_en: str
    description_nl: str
    price_minor: int
    currency: str
    vat_rate: str
    active: bool
    created_at: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class Product(CatalogueItem):
    """A product: also its option groups as `OptionGroup` dumps, its image by content
    address."""

    options: tuple[dict[str, Any], ...]
    image: str | None


@dataclass(frozen=True, slots=True)
class Bundle(CatalogueItem):
    """A bundle, without its items (`BundledProduct`)."""


@dataclass(frozen=True, slots=True)
class BundledProduct:
    """An item of a bundle with its product's SKU, names and price."""

    bundle_id: str
    product_id: str
    quantity: int
    sku: str
    name_en: str
    name_nl: str
    price_minor: int


@dataclass(frozen=True, slots=True)
class ProductImage:
    """An image as uploads are stored (images.py) and as the store reads it back."""

    name: str
    """Content address: SHA-256 of the encoded bytes and the extension."""
    media_type: str
    width: int
    height: int
    data: bytes


def _known_currency(code: str) -> str:
    if code not in money.currencies():
        raise ValueError("not an ISO 4217 currency code")
    return code


Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Description = Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000)]
Code = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")
]
Sku = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$"),
]
Currency = Annotated[
    str,
    StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Za-z]{3}$"),
    AfterValidator(_known_currency),
]
PriceMinor = Annotated[int, Field(ge=0, le=money.MAX_UNIT_MINOR, description="Minor units.")]
Delta = Annotated[int, Field(ge=-money.MAX_UNIT_MINOR, le=money.MAX_UNIT_MINOR)]
VatRate = Annotated[
    Decimal,
    Field(ge=0, le=100, max_digits=5, decimal_places=2, description="Percent, e.g. 21 or 12.5."),
]
Quantity = Annotated[int, Field(ge=1, le=money.MAX_QUANTITY)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LocalName(Strict):
    en: Name
    nl: Name


class LocalDescription(Strict):
    en: Description = ""
    nl: Description = ""


class Choice(Strict):
    code: Code
    name: LocalName
    price_delta_minor: Delta = 0


class OptionGroup(Strict):
    """A choice the buyer makes once (colour, size, plan length); choices may change the price."""

    code: Code
    name: LocalName
    choices: list[Choice] = Field(min_length=1, max_length=rules.MAX_CHOICES)

    @model_validator(mode="after")
    def _unique_choices(self) -> OptionGroup:
        problem = rules.unique_codes_problem((c.code for c in self.choices), "choice")
        if problem:
            raise ValueError(problem)
        return self


def _check_options(
    options: list[OptionGroup] | None, info: ValidationInfo
) -> list[OptionGroup] | None:
    """Unique group codes, and no choice of options below a price of zero (when known here;
    a patch without both is checked by the service against the stored product)."""
    if options is None:
        return None
    problem = rules.unique_codes_problem((g.code for g in options), "option group")
    price = info.data.get("price_minor")
    if problem is None and price is not None:
        problem = rules.cheapest_problem(price, [g.model_dump() for g in options])
    if problem:
        raise ValueError(problem)
    return options


class ProductIn(Strict):
    """A product as created, or as one row of a bulk upsert (matched by `sku`)."""

    sku: Sku
    name: LocalName
    description: LocalDescription = LocalDescription()
    price_minor: PriceMinor
    currency: Currency
    vat_rate: VatRate
    active: bool = True
    options: list[OptionGroup] = Field(default_factory=list, max_length=rules.MAX_OPTION_GROUPS)

    _options = field_validator("options")(_check_options)


class ProductPatch(Strict):
    """Change the fields you send; the rest stay as they are."""

    sku: Sku | None = None
    name: LocalName | None = None
    description: LocalDescription | None = None
    price_minor: PriceMinor | None = None
    currency: Currency | None = None
    vat_rate: VatRate | None = None
    active: bool | None = None
    options: list[OptionGroup] | None = Field(None, max_length=rules.MAX_OPTION_GROUPS)

    _options = field_validator("options")(_check_options)


class UnitPrice(BaseModel):
    """One unit without options, as the organisation's VAT setting reads the entered price."""

    net_minor: int
    vat_minor: int
    gross_minor: int
    display: dict[str, str] = Field(description="The gross price formatted in en and nl.")


class ProductOut(BaseModel):
    id: str
    sku: str
    name: LocalName
    description: LocalDescription
    price_minor: int
    currency: str
    vat_rate: str
    active: bool
    options: list[OptionGroup]
    image_url: str | None
    unit_price: UnitPrice
    created_at: str
    updated_at: str


class ProductPage(BaseModel):
    items: list[ProductOut]
    next_cursor: str | None = Field(description="Pass as `after` for the next page.")


class BulkRequest(Strict):
    products: list[dict[str, Any]] = Field(min_length=1, max_length=rules.MAX_BULK_ROWS)


class FieldError(BaseModel):
    field: str
    message: str


class BulkRow(BaseModel):
    row: int = Field(description="Index of the row in the request.")
    sku: str | None
    status: str = Field(description="created, updated, unchanged or error")
    id: str | None = None
    code: str | None = None
    errors: list[FieldError] | None = None


class BulkResult(BaseModel):
    created: int
    updated: int
    unchanged: int
    failed: int
    rows: list[BulkRow]


class CatalogueSettings(Strict):
    prices_include_vat: bool = Field(
        description="Prices are entered including VAT (true) or excluding it (false)."
    )


# ---- bundles -----------------------------------------------------------------------------------


class BundleItem(Strict):
    product_id: Annotated[str, Field(min_length=1, max_length=100)]
    quantity: Quantity = 1


def _unique_products(items: list[BundleItem] | None) -> None:
    if items is not None:
        problem = rules.unique_codes_problem((i.product_id for i in items), "product")
        if problem:
            raise ValueError(problem)


class BundleIn(Strict):
    """Products (with quantities) sold together at one price, in the products' currency."""

    sku: Sku
    name: LocalName
    description: LocalDescription = LocalDescription()
    price_minor: PriceMinor
    vat_rate: VatRate
    active: bool = True
    items: list[BundleItem] = Field(min_length=1, max_length=rules.MAX_BUNDLE_ITEMS)

    @model_validator(mode="after")
    def _items(self) -> BundleIn:
        _unique_products(self.items)
        return self


class BundlePatch(Strict):
    sku: Sku | None = None
    name: LocalName | None = None
    description: LocalDescription | None = None
    price_minor: PriceMinor | None = None
    vat_rate: VatRate | None = None
    active: bool | None = None
    items: list[BundleItem] | None = Field(None, min_length=1, max_length=rules.MAX_BUNDLE_ITEMS)

    @model_validator(mode="after")
    def _items(self) -> BundlePatch:
        _unique_products(self.items)
        return self


class BundleItemOut(BaseModel):
    product_id: str
    sku: str
    name: LocalName
    quantity: int


class BundleOut(BaseModel):
    id: str
    sku: str
    name: LocalName
    description: LocalDescription
    price_minor: int
    currency: str
    vat_rate: str
    active: bool
    items: list[BundleItemOut]
    list_price_minor: int = Field(description="The items' own prices × quantities, summed.")
    unit_price: UnitPrice
    created_at: str
    updated_at: str


class BundlePage(BaseModel):
    items: list[BundleOut]
    next_cursor: str | None

"""Bodies of the offer-suggestions API (P16)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field


class SuggestionSettings(BaseModel):
    enabled: bool = Field(description="Off unless an admin switches it on.")
    restricted: bool = Field(
        description="The organisation restricted automated decisions: no suggestions, whatever "
        "`enabled` says."
    )


class SuggestionSettingsChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enabled: bool


class ItemSuggestionOut(BaseModel):
    kind: Literal["product", "bundle"]
    id: str
    sku: str
    name: dict[str, str]
    accepted: int = Field(description="Answered offers with it (and the draft's items) accepted.")
    answered: int = Field(description="Answered offers with it (and the draft's items).")


class DiscountSuggestionOut(BaseModel):
    percent: str = Field(description="Median discount of such accepted offers, in percent.")
    accepted: int = Field(description="Accepted offers with a discount it is the median of.")


class Suggestions(BaseModel):
    """Suggestions for the clerk, to apply or ignore; they decide nothing about the visitor."""

    items: list[ItemSuggestionOut]
    discount: DiscountSuggestionOut | None
    based_on: int = Field(description="Answered offers the figures come from.")


MAX_DRAFT_ITEMS = 50
IdList = list[Annotated[str, Field(min_length=1, max_length=100)]]

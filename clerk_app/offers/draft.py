"""The clerk's draft of an offer as plain values: what the clerk chose, before the server
prices it (docs/offers.md, `OfferDraft`). Qt-free."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from videoclerk_protocol.messages import Discount, OfferView

MAX_LINES = 100
MAX_QUANTITY = 9999
NOTE_MAX_LENGTH = 2000


@dataclass(frozen=True)
class DraftLine:
    product_id: str | None
    quantity: int = 1
    options: tuple[tuple[str, str], ...] = ()  # (group code, choice code), in group order
    discount: Discount | None = None
    bundle_id: str | None = None

    def with_option(self, group: str, choice: str) -> DraftLine:
        chosen = dict(self.options)
        chosen[group] = choice
        return replace(self, options=tuple(chosen.items()))

    def to_json(self) -> dict[str, Any]:
        line: dict[str, Any] = {
            "quantity": self.quantity,
            "discount": self.discount.model_dump() if self.discount else None,
        }
        if self.bundle_id is not None:
            line["bundle_id"] = self.bundle_id
        else:
            line["product_id"] = self.product_id
            line["options"] = dict(self.options)
        return line


@dataclass(frozen=True)
class Draft:
    lines: tuple[DraftLine, ...] = ()
    total_discount: Discount | None = None
    note: str = ""
    valid_until: str = ""  # ISO date

    @classmethod
    def of(cls, view: OfferView) -> Draft:
        """The draft behind a revision: what a restarted app edits on."""
        return cls(
            lines=tuple(
                DraftLine(
                    product_id=line.product_id,
                    bundle_id=line.bundle_id,
                    quantity=line.quantity,
                    options=tuple((o.group_code, o.choice_code) for o in line.options),
                    discount=line.discount,
                )
                for line in view.lines
            ),
            total_discount=view.total_discount,
            note=view.note,
            valid_until=view.valid_until,
        )

    def body(self, base_revision: int) -> dict[str, Any]:
        """The body of `PUT /api/v1/offers/{id}/draft`."""
        return {
            "base_revision": base_revision,
            "lines": [line.to_json() for line in self.lines],
            "total_discount": self.total_discount.model_dump() if self.total_discount else None,
            "note": self.note,
            "valid_until": self.valid_until,
        }

    def add(self, line: DraftLine) -> Draft:
        """The line at the end; the same product with the same options adds to its quantity."""
        for index, present in enumerate(self.lines):
            if (present.product_id, present.bundle_id, present.options) == (
                line.product_id,
                line.bundle_id,
                line.options,
            ):
                quantity = min(MAX_QUANTITY, present.quantity + line.quantity)
                return self.set_line(index, replace(present, quantity=quantity))
        if len(self.lines) >= MAX_LINES:
            return self
        return replace(self, lines=(*self.lines, line))

    def set_line(self, index: int, line: DraftLine) -> Draft:
        lines = list(self.lines)
        lines[index] = line
        return replace(self, lines=tuple(lines))

    def remove(self, index: int) -> Draft:
        return replace(self, lines=self.lines[:index] + self.lines[index + 1 :])

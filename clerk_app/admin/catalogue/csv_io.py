"""The catalogue as CSV, in the shape of the bulk API: one product a row, one column a field.

`name` and `description` become `name_en`/`name_nl`/`description_en`/`description_nl`;
`price_minor` stays in minor units (no decimal comma or point to misread between languages);
`active` is `true`/`false`; `options` is the option groups as JSON in one cell (empty: none),
exactly as the API writes them. Qt-free; docs/catalogue.md describes the columns.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from clerk_app.admin.catalogue.service import BulkRow, Product, ProductDraft, options_json

COLUMNS = (
    "sku",
    "name_en",
    "name_nl",
    "description_en",
    "description_nl",
    "price_minor",
    "currency",
    "vat_rate",
    "active",
    "options",
)
REQUIRED = ("sku", "name_en", "name_nl", "price_minor", "currency", "vat_rate")
# Rows this side cannot read; they are reported, never sent.
LOCAL_CODES = ("missing_columns", "bad_price", "bad_active", "bad_options")
TRUE = {"true", "yes", "1", "waar", "ja"}
FALSE = {"false", "no", "0", "onwaar", "nee"}


@dataclass(frozen=True)
class ParsedCsv:
    rows: tuple[tuple[int, dict[str, Any]], ...]  # (line number, bulk API row)
    errors: tuple[BulkRow, ...]  # rows that could not be read, by line number


def products_to_csv(products: Iterable[Product]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for product in products:
        writer.writerow(_cells(product.draft))
    return out.getvalue()


def _cells(draft: ProductDraft) -> list[str]:
    options = options_json(draft.options)
    return [
        draft.sku,
        draft.name.en,
        draft.name.nl,
        draft.description.en,
        draft.description.nl,
        str(draft.price_minor),
        draft.currency,
        draft.vat_rate,
        "true" if draft.active else "false",
        json.dumps(options, ensure_ascii=False) if options else "",
    ]


def parse_csv(text: str) -> ParsedCsv:
    """Rows for the bulk API, each with its line number (the header is line 1); what cannot
    be read is reported as an error row. The server judges the rest (SKU form, currency…).

    The delimiter is sniffed (`,` or `;`, as Dutch spreadsheets write it)."""
    text = text.removeprefix("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        return ParsedCsv((), (BulkRow(1, None, "error", "missing_columns", ", ".join(missing)),))
    reader.fieldnames = header
    rows: list[tuple[int, dict[str, Any]]] = []
    errors: list[BulkRow] = []
    for cells in reader:
        line = reader.line_num
        if not any((v or "").strip() for v in cells.values() if isinstance(v, str)):
            continue  # an empty line
        try:
            rows.append((line, _row(cells)))
        except _Unreadable as exc:
            errors.append(
                BulkRow(line, (cells.get("sku") or "").strip() or None, "error", exc.code, exc.text)
            )
    return ParsedCsv(tuple(rows), tuple(errors))


class _Unreadable(ValueError):
    def __init__(self, code: str, text: str) -> None:
        super().__init__(text)
        self.code = code
        self.text = text


def _row(cells: Mapping[str, str | None]) -> dict[str, Any]:
    def cell(name: str) -> str:
        return (cells.get(name) or "").strip()

    price = cell("price_minor")
    if not price.lstrip("-").isdigit():
        raise _Unreadable("bad_price", price)
    active = cell("active").casefold()
    if active and active not in TRUE | FALSE:
        raise _Unreadable("bad_active", active)
    try:
        options = json.loads(cell("options")) if cell("options") else []
    except ValueError as exc:
        raise _Unreadable("bad_options", str(exc)) from exc
    return {
        "sku": cell("sku"),
        "name": {"en": cell("name_en"), "nl": cell("name_nl")},
        "description": {"en": cell("description_en"), "nl": cell("description_nl")},
        "price_minor": int(price),
        "currency": cell("currency").upper(),
        "vat_rate": cell("vat_rate").replace(",", "."),
        "active": active not in FALSE,  # empty: active, as the API defaults
        "options": options,
    }

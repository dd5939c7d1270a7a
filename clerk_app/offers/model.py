"""Qt models of the offer panel, fed by the Qt-free `OfferEditor`.

`OfferModel` turns the editor's notices into signals and the clerk's edits into new drafts;
`OfferLinesModel` shows the lines with named roles; `ProductResultsModel` the search hits.
Views bind to these and never see the network.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from pydantic import BaseModel
from PySide6.QtCore import QLocale, QObject, Qt, QTimer, Signal

from clerk_app.errors import ServiceError
from clerk_app.offers.draft import MAX_QUANTITY, NOTE_MAX_LENGTH, Draft, DraftLine
from clerk_app.offers.editor import OfferEditor
from clerk_app.offers.money import amount_text, format_money
from clerk_app.offers.service import OfferBackend, Product, text
from clerk_app.qt_models import USER_ROLE as ROLE
from clerk_app.qt_models import RecordTableModel
from clerk_app.shell.tasks import Tasks
from videoclerk_protocol.messages import Discount, OfferLine, OfferView

SEARCH_DELAY_MS = 150
SUGGEST_DELAY_MS = 400
Items = tuple[tuple[str, ...], tuple[str, ...]]  # product ids, bundle ids
ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def app_language() -> str:
    """The app's language (the shell sets QLocale's default to it)."""
    return "nl" if QLocale().name().startswith("nl") else "en"


@dataclass(frozen=True)
class LineRow:
    """One line as the clerk sees it: what was chosen, and the server's price for it once
    the server has priced exactly that (None while a change is on its way)."""

    index: int
    draft: DraftLine
    priced: OfferLine | None
    product: Product | None
    currency: str


def _matches(draft: DraftLine, priced: OfferLine) -> bool:
    return (
        draft.product_id == priced.product_id
        and draft.bundle_id == priced.bundle_id
        and draft.quantity == priced.quantity
        and dict(draft.options) == {o.group_code: o.choice_code for o in priced.options}
        and draft.discount == priced.discount
    )


def discount_text(discount: Discount | None, currency: str, language: str) -> str:
    if discount is None:
        return ""
    if discount.kind == "percent":
        return f"{discount.value} %".replace(".", "," if language == "nl" else ".")
    return format_money(int(discount.value), currency, language)


class OfferLinesModel(RecordTableModel[LineRow]):
    LineIdRole = ROLE + 1  # the server's line id, once priced
    ProductIdRole = ROLE + 2
    SkuRole = ROLE + 3
    NameRole = ROLE + 4
    OptionsRole = ROLE + 5  # {group code: choice code}
    QuantityRole = ROLE + 6
    DiscountRole = ROLE + 7  # the protocol's Discount, or None
    GrossRole = ROLE + 8  # minor units, or None while not priced
    PricedRole = ROLE + 9  # the server has priced this very line
    RowRole = ROLE + 10  # the LineRow itself
    role_names: ClassVar[dict[int, bytes]] = {
        LineIdRole: b"lineId",
        ProductIdRole: b"productId",
        SkuRole: b"sku",
        NameRole: b"name",
        OptionsRole: b"options",
        QuantityRole: b"quantity",
        DiscountRole: b"discount",
        GrossRole: b"grossMinor",
        PricedRole: b"priced",
        RowRole: b"row",
    }
    COLUMN_PRODUCT, COLUMN_OPTIONS, COLUMN_QUANTITY, COLUMN_DISCOUNT, COLUMN_TOTAL = range(5)

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Product"),
            self.tr("Options"),
            self.tr("Qty"),
            self.tr("Discount"),
            self.tr("Total"),
        )

    def record_id(self, record: LineRow) -> str:
        return f"{record.index}:{record.draft.product_id or record.draft.bundle_id}"

    def name(self, record: LineRow) -> str:
        language = app_language()
        if record.priced is not None:
            return text(record.priced.name, language)
        if record.product is not None:
            return text(record.product.name, language)
        return record.draft.product_id or record.draft.bundle_id or ""

    def options_text(self, record: LineRow) -> str:
        language = app_language()
        names: list[str] = []
        groups = {g.code: g for g in record.product.options} if record.product else {}
        for group_code, choice_code in record.draft.options:
            group = groups.get(group_code)
            choice = (
                next((c for c in group.choices if c.code == choice_code), None) if group else None
            )
            names.append(text(choice.name, language) if choice else choice_code)
        return ", ".join(names)

    def cell(self, record: LineRow, column: int) -> str:
        language = app_language()
        if column == self.COLUMN_PRODUCT:
            return self.name(record)
        if column == self.COLUMN_OPTIONS:
            return self.options_text(record)
        if column == self.COLUMN_QUANTITY:
            return str(record.draft.quantity)
        if column == self.COLUMN_DISCOUNT:
            return discount_text(record.draft.discount, record.currency, language)
        if column == self.COLUMN_TOTAL:
            if record.priced is None:
                return "\u2026"
            return format_money(record.priced.gross_minor, record.currency, language)
        return ""

    def cell_value(self, record: LineRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= self.COLUMN_QUANTITY:
            return ALIGN_RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COLUMN_PRODUCT:
            return (
                record.priced.sku
                if record.priced
                else (record.product.sku if record.product else None)
            )
        return None

    def value(self, record: LineRow, role: int) -> Any:
        priced = record.priced
        return {
            self.LineIdRole: priced.line_id if priced else None,
            self.ProductIdRole: record.draft.product_id,
            self.SkuRole: priced.sku
            if priced
            else (record.product.sku if record.product else None),
            self.NameRole: self.name(record),
            self.OptionsRole: dict(record.draft.options),
            self.QuantityRole: record.draft.quantity,
            self.DiscountRole: record.draft.discount,
            self.GrossRole: priced.gross_minor if priced else None,
            self.PricedRole: priced is not None,
            self.RowRole: record,
        }.get(role)


class ProductResultsModel(RecordTableModel[Product]):
    """The catalogue's best matches for what the clerk typed."""

    ProductIdRole = ROLE + 1
    SkuRole = ROLE + 2
    NameRole = ROLE + 3
    ProductRole = ROLE + 4
    role_names: ClassVar[dict[int, bytes]] = {
        ProductIdRole: b"productId",
        SkuRole: b"sku",
        NameRole: b"name",
        ProductRole: b"product",
    }

    def headers(self) -> Sequence[str]:
        return (self.tr("Product"),)

    def record_id(self, record: Product) -> str:
        return record.id

    def cell(self, record: Product, column: int) -> str:
        language = app_language()
        price = format_money(record.unit_gross_minor, record.currency, language)
        return f"{text(record.name, language)} \u00b7 {record.sku} \u00b7 {price}"

    def value(self, record: Product, role: int) -> Any:
        return {
            self.ProductIdRole: record.id,
            self.SkuRole: record.sku,
            self.NameRole: text(record.name, app_language()),
            self.ProductRole: record,
        }.get(role)


@dataclass(frozen=True)
class SuggestionRow:
    """One suggestion as the panel lists it: an item to add, or a discount on the total."""

    kind: str  # product, bundle or discount
    id: str  # the item's id, or the percent for a discount
    name: dict[str, str]
    accepted: int
    answered: int


class SuggestionsModel(RecordTableModel[SuggestionRow]):
    """The organisation's suggestions for the draft (P16): the clerk may apply or ignore them;
    they come from its own answered offers and say nothing about the visitor."""

    KindRole = ROLE + 1
    IdRole = ROLE + 2
    role_names: ClassVar[dict[int, bytes]] = {KindRole: b"kind", IdRole: b"id"}

    def headers(self) -> Sequence[str]:
        return (self.tr("Suggestion"),)

    def record_id(self, record: SuggestionRow) -> str:
        return f"{record.kind}:{record.id}"

    def cell(self, record: SuggestionRow, column: int) -> str:
        if record.kind == "discount":
            percent = record.id.replace(".", ",") if app_language() == "nl" else record.id
            return (
                self.tr("Discount of %1 % on the total (the usual one in %2 accepted offers)")
                .replace("%1", percent)
                .replace("%2", str(record.accepted))
            )
        return (
            self.tr("Add %1 (accepted together in %2 of %3 offers)")
            .replace("%1", text(record.name, app_language()))
            .replace("%2", str(record.accepted))
            .replace("%3", str(record.answered))
        )

    def value(self, record: SuggestionRow, role: int) -> Any:
        return {self.KindRole: record.kind, self.IdRole: record.id}.get(role)


class OfferModel(QObject):
    """The offer of the call on screen, for the panel."""

    viewChanged = Signal()  # a new revision or status from the server
    draftChanged = Signal()  # the clerk's own change, shown before the server prices it
    reloaded = Signal()  # the draft was replaced as a whole (opened, or reloaded)
    savingChanged = Signal(bool)
    errorChanged = Signal(str)  # the error code, "" once a save succeeded
    replyReceived = Signal(object)  # OfferReplyToClerk (its text is not kept)
    suggestionsChanged = Signal(bool)  # whether the organisation has suggestions on (P16)

    def __init__(self, backend: OfferBackend, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = OfferEditor(backend)
        self.lines = OfferLinesModel(self)
        self.results = ProductResultsModel(self)
        self.tasks = Tasks(on_error=self._failed)
        self.error: ServiceError | None = None
        self._search_text = ""
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._search_now)
        self.suggestions = SuggestionsModel(self)
        self.suggestions_on = False
        self._asked: Items | None = None  # the items the shown suggestions are for
        self._suggest_timer = QTimer(self)
        self._suggest_timer.setSingleShot(True)
        self._suggest_timer.setInterval(SUGGEST_DELAY_MS)
        self._suggest_timer.timeout.connect(self._suggest_now)
        self.editor.add_listener(self._on_editor)
        self.editor.add_reply_listener(self.replyReceived.emit)

    # ---- reading -------------------------------------------------------------------------------

    @property
    def view(self) -> OfferView | None:
        return self.editor.view

    @property
    def draft(self) -> Draft:
        return self.editor.draft

    @property
    def currency(self) -> str:
        view = self.editor.view
        if view is not None and view.lines:
            return view.currency
        product = next(iter(self.editor.products.values()), None)
        return product.currency if product else (view.currency if view else "EUR")

    def product(self, row: int) -> Product | None:
        line = self.draft.lines[row]
        return self.editor.products.get(line.product_id or "")

    def money(self, minor: int) -> str:
        return format_money(minor, self.currency, app_language())

    # ---- life ----------------------------------------------------------------------------------

    def open(self, call_id: str) -> None:
        self.tasks.run(self.editor.open(call_id=call_id))

    def on_message(self, message: BaseModel) -> None:
        self.editor.on_message(message)

    async def close(self) -> None:
        """The call ended: what the clerk typed last is saved, then nothing more."""
        self._suggest_timer.stop()
        await self.editor.flush()
        self.editor.stop()
        self.tasks.cancel()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ServiceError):
            self.error = error
            self.errorChanged.emit(error.code)

    def _on_editor(self, what: str) -> None:
        if what == "view":
            self._refresh_lines()
            self.viewChanged.emit()
        elif what == "draft":
            self._refresh_lines()
            self.draftChanged.emit()
            self._suggest_later()
            if not self.editor.saving:  # replaced as a whole, not an edit of the clerk's
                self.reloaded.emit()
        elif what == "products":
            self._refresh_lines()
            self.reloaded.emit()
        elif what == "saving":
            self.savingChanged.emit(self.editor.saving)
        elif what == "error":
            self.error = self.editor.error
            self.errorChanged.emit(self.error.code if self.error else "")
        if what == "view" and self.editor.error is None and self.error is not None:
            self.error = None
            self.errorChanged.emit("")

    def _refresh_lines(self) -> None:
        view = self.editor.view
        priced = list(view.lines) if view else []
        rows = []
        for index, line in enumerate(self.draft.lines):
            candidate = priced[index] if index < len(priced) else None
            rows.append(
                LineRow(
                    index=index,
                    draft=line,
                    priced=candidate if candidate and _matches(line, candidate) else None,
                    product=self.editor.products.get(line.product_id or ""),
                    currency=self.currency,
                )
            )
        self.lines.update_records(rows)

    # ---- searching -----------------------------------------------------------------------------

    def search(self, typed: str) -> None:
        """Search as the clerk types: after a short pause, the newest text only."""
        self._search_text = typed
        if not typed.strip():
            self._search_timer.stop()
            self.results.set_records([])
            return
        self._search_timer.start()

    def _search_now(self) -> None:
        typed = self._search_text
        self.tasks.run(self._search(typed))

    async def _search(self, typed: str) -> None:
        found = await self.editor.backend.search_products(text=typed)
        if typed == self._search_text:  # an answer to older typing is dropped
            self.results.set_records(found)

    # ---- suggestions (P16) -----------------------------------------------------------------

    def _items(self) -> Items:
        lines = self.draft.lines
        return (
            tuple(sorted({line.product_id for line in lines if line.product_id})),
            tuple(sorted({line.bundle_id for line in lines if line.bundle_id})),
        )

    def _suggest_later(self) -> None:
        """Ask again once the draft's items stay the same for a moment."""
        if self._items() != self._asked:
            self._suggest_timer.start()

    def _suggest_now(self) -> None:
        self.tasks.run(self._suggest(self._items()))

    async def _suggest(self, items: Items) -> None:
        found = await self.editor.backend.suggestions(product_ids=items[0], bundle_ids=items[1])
        if items != self._items():  # the draft changed meanwhile: its own answer comes
            return
        self._asked = items
        rows: list[SuggestionRow] = []
        if found is not None:
            rows = [
                SuggestionRow(i.kind, i.id, i.name, i.accepted, i.answered) for i in found.items
            ]
            if found.discount_percent is not None:
                rows.append(
                    SuggestionRow(
                        "discount", found.discount_percent, {}, found.discount_accepted, 0
                    )
                )
        self.suggestions.set_records(rows)
        self.suggestions_on = found is not None
        self.suggestionsChanged.emit(self.suggestions_on)

    def apply_suggestion(self, row: int) -> None:
        """Apply what the clerk picked: add the item, or set the discount on the total."""
        if not self.editor.editable or not 0 <= row < self.suggestions.rowCount():
            return
        chosen = self.suggestions.record(row)
        if chosen.kind == "discount":
            self.set_total_discount(Discount(kind="percent", value=chosen.id))
        elif chosen.kind == "bundle":
            self.editor.change(self.draft.add(DraftLine(None, 1, bundle_id=chosen.id)))
        else:
            self.tasks.run(self._add_suggested_product(chosen.id))

    async def _add_suggested_product(self, product_id: str) -> None:
        self.add_product(await self.editor.backend.get_product(product_id=product_id))

    # ---- editing -------------------------------------------------------------------------------

    def add_product(self, product: Product, quantity: int = 1) -> int:
        """A line for the product with each group's first choice; the row it is in."""
        self.editor.remember(product)
        options = tuple((g.code, g.choices[0].code) for g in product.options if g.choices)
        self.editor.change(self.draft.add(DraftLine(product.id, quantity, options)))
        key = (product.id, options)
        lines = self.draft.lines
        return next(
            (i for i, line in enumerate(lines) if (line.product_id, line.options) == key), -1
        )

    def _change_line(self, row: int, line: DraftLine) -> None:
        if 0 <= row < len(self.draft.lines):
            self.editor.change(self.draft.set_line(row, line))

    def set_quantity(self, row: int, quantity: int) -> None:
        line = self.draft.lines[row]
        self._change_line(row, replace(line, quantity=max(1, min(MAX_QUANTITY, quantity))))

    def set_option(self, row: int, group: str, choice: str) -> None:
        self._change_line(row, self.draft.lines[row].with_option(group, choice))

    def set_line_discount(self, row: int, discount: Discount | None) -> None:
        self._change_line(row, replace(self.draft.lines[row], discount=discount))

    def remove_line(self, row: int) -> None:
        if 0 <= row < len(self.draft.lines):
            self.editor.change(self.draft.remove(row))

    def set_total_discount(self, discount: Discount | None) -> None:
        self.editor.change(replace(self.draft, total_discount=discount))

    def set_note(self, note: str) -> None:
        self.editor.change(replace(self.draft, note=note[:NOTE_MAX_LENGTH]))

    def set_valid_until(self, iso_date: str) -> None:
        self.editor.change(replace(self.draft, valid_until=iso_date))

    def discount_field(self, discount: Discount | None) -> str:
        """A discount as the clerk types it back in the field."""
        if discount is None:
            return ""
        if discount.kind == "amount":
            value = amount_text(discount.value, self.currency)
        else:
            value = discount.value
        return value.replace(".", ",") if app_language() == "nl" else value

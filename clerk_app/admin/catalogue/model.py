"""Products, and the rows of an import report, as Qt table models with named roles."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from clerk_app.admin.base import FIRST_ROLE, AdminTableModel
from clerk_app.admin.catalogue.service import BulkRow, Product, format_price
from clerk_app.admin.names import app_language
from clerk_app.qt_models import RecordTableModel

STATUS_NAMES = {
    "created": QT_TRANSLATE_NOOP("Catalogue", "Created"),
    "updated": QT_TRANSLATE_NOOP("Catalogue", "Updated"),
    "unchanged": QT_TRANSLATE_NOOP("Catalogue", "Unchanged"),
    "error": QT_TRANSLATE_NOOP("Catalogue", "Error"),
}
LOCAL_PROBLEMS = {
    "missing_columns": QT_TRANSLATE_NOOP("Catalogue", "The file lacks the columns: {what}"),
    "bad_price": QT_TRANSLATE_NOOP(
        "Catalogue", "price_minor must be a whole number of cents, not “{what}”"
    ),
    "bad_active": QT_TRANSLATE_NOOP("Catalogue", "active must be true or false, not “{what}”"),
    "bad_options": QT_TRANSLATE_NOOP("Catalogue", "options is not valid JSON: {what}"),
}


def tr_catalogue(text: object) -> str:
    return QCoreApplication.translate("Catalogue", str(text))


class ProductsModel(AdminTableModel[Product]):
    SkuRole = FIRST_ROLE
    NameRole = FIRST_ROLE + 1  # in the app's language
    PriceMinorRole = FIRST_ROLE + 2
    CurrencyRole = FIRST_ROLE + 3
    VatRateRole = FIRST_ROLE + 4
    ActiveRole = FIRST_ROLE + 5
    role_names: ClassVar[dict[int, bytes]] = {
        SkuRole: b"sku",
        NameRole: b"name",
        PriceMinorRole: b"priceMinor",
        CurrencyRole: b"currency",
        VatRateRole: b"vatRate",
        ActiveRole: b"active",
    }

    def headers(self) -> Sequence[str]:
        return (
            self.tr("SKU"),
            self.tr("Name"),
            self.tr("Price"),
            self.tr("VAT"),
            self.tr("Status"),
            self.tr("Options"),
        )

    def cell(self, record: Product, column: int) -> str:
        draft = record.draft
        language = app_language()
        if column == 0:
            return draft.sku
        if column == 1:
            return draft.name.get(language)
        if column == 2:
            return format_price(draft.price_minor, draft.currency, language)
        if column == 3:
            return f"{draft.vat_rate} %"
        if column == 4:
            return self.tr("Active") if draft.active else self.tr("Inactive")
        return ", ".join(group.name.get(language) for group in draft.options)

    def value(self, record: Product, role: int) -> Any:
        draft = record.draft
        return {
            self.SkuRole: draft.sku,
            self.NameRole: draft.name.get(app_language()),
            self.PriceMinorRole: draft.price_minor,
            self.CurrencyRole: draft.currency,
            self.VatRateRole: draft.vat_rate,
            self.ActiveRole: draft.active,
        }.get(role)


class ImportReportModel(RecordTableModel[BulkRow]):
    """One row a CSV line: what became of it."""

    RowRole = FIRST_ROLE
    StatusRole = FIRST_ROLE + 1  # created, updated, unchanged, error
    CodeRole = FIRST_ROLE + 2
    role_names: ClassVar[dict[int, bytes]] = {
        RowRole: b"row",
        StatusRole: b"status",
        CodeRole: b"code",
    }

    def record_id(self, record: BulkRow) -> str:
        return str(record.row)

    def headers(self) -> Sequence[str]:
        return (self.tr("Line"), self.tr("SKU"), self.tr("Result"), self.tr("Message"))

    def cell(self, record: BulkRow, column: int) -> str:
        if column == 0:
            return str(record.row)
        if column == 1:
            return record.sku or ""
        if column == 2:
            return tr_catalogue(STATUS_NAMES.get(record.status, record.status))
        if record.code in LOCAL_PROBLEMS:
            return tr_catalogue(LOCAL_PROBLEMS[record.code]).format(what=record.message)
        return " ".join(part for part in (record.code, record.message) if part)

    def value(self, record: BulkRow, role: int) -> Any:
        return {
            self.RowRole: record.row,
            self.StatusRole: record.status,
            self.CodeRole: record.code,
        }.get(role)

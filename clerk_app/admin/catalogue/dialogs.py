"""Forms of the Catalogue tab: one product, and the progress and report of a CSV import."""

from __future__ import annotations

import json
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from clerk_app.admin.api import LocalText
from clerk_app.admin.base import FormDialog, LocalTextEdit, monospace_font, record_table
from clerk_app.admin.catalogue.model import ImportReportModel
from clerk_app.admin.catalogue.service import (
    BulkReport,
    CatalogueService,
    Product,
    ProductDraft,
    major_amount,
    options_json,
    options_of,
    parse_price,
)
from clerk_app.admin.names import app_language
from clerk_app.errors import ServiceError

if TYPE_CHECKING:
    from clerk_app.admin.panel import AdminPanel


class ProductDialog(FormDialog):
    """A new product, or one changed; the price in the app's language ("12,50" in Dutch)."""

    def __init__(
        self,
        catalogue: CatalogueService,
        panel: AdminPanel,
        product: Product | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(panel, parent)
        self.catalogue = catalogue
        self.product = product
        draft = product.draft if product else None
        self.setWindowTitle(self.tr("Edit product") if product else self.tr("New product"))
        self.sku = QLineEdit(draft.sku if draft else "", self)
        self.sku.setMaxLength(64)
        self.name = LocalTextEdit(draft.name if draft else None, False, self)
        self.description = LocalTextEdit(draft.description if draft else None, True, self)
        self.currency = QLineEdit(draft.currency if draft else "EUR", self)
        self.currency.setMaxLength(3)
        self.price = QLineEdit(self._price_text(draft), self)
        self.vat_rate = QLineEdit(draft.vat_rate if draft else "21", self)
        self.active = QCheckBox(self.tr("&Offered to customers"), self)
        self.active.setChecked(draft.active if draft else True)
        self.options = QPlainTextEdit(self._options_text(draft), self)
        self.options.setFont(monospace_font())
        self.options.setTabChangesFocus(True)
        self.options.setPlaceholderText(
            '[{"code": "size", "name": {"en": "Size", "nl": "Maat"}, "choices": '
            '[{"code": "l", "name": {"en": "Large", "nl": "Groot"}, "price_delta_minor": 200}]}]'
        )
        self.add_row(self.tr("&SKU"), self.sku)
        self.add_row(self.tr("&Name"), self.name)
        self.add_row(self.tr("&Description"), self.description)
        self.add_row(self.tr("&Price"), self.price)
        self.add_row(self.tr("C&urrency"), self.currency)
        self.add_row(self.tr("&VAT rate (%)"), self.vat_rate)
        self.form.addRow(self.active)
        self.add_row(self.tr("&Option groups (JSON)"), self.options)

    @staticmethod
    def _price_text(draft: ProductDraft | None) -> str:
        if draft is None:
            return ""
        amount = major_amount(draft.price_minor, draft.currency)
        return f"{amount:f}".replace(".", "," if app_language() == "nl" else ".")

    @staticmethod
    def _options_text(draft: ProductDraft | None) -> str:
        if draft is None or not draft.options:
            return ""
        return json.dumps(options_json(draft.options), ensure_ascii=False, indent=1)

    def draft(self) -> ProductDraft:
        """What the form says; raises ServiceError for what cannot be read."""
        currency = self.currency.text().strip().upper()
        try:
            price = parse_price(self.price.text(), currency or "EUR", app_language())
        except (ValueError, ArithmeticError) as exc:
            raise ServiceError(
                "required", self.tr("Write the price as an amount, like 12.50.")
            ) from exc
        try:
            text = self.options.toPlainText().strip()
            options = options_of(json.loads(text)) if text else ()
        except (ValueError, KeyError, TypeError) as exc:
            raise ServiceError(
                "required", self.tr("The option groups are not valid JSON of the API's shape.")
            ) from exc
        name = self.name.value(self.tr("the name"))
        if name is None:
            raise ServiceError("required", self.tr("Write the name in English and Dutch."))
        return ProductDraft(
            sku=self.sku.text().strip(),
            name=name,
            description=self.description.value(self.tr("the description")) or LocalText("", ""),
            price_minor=price,
            currency=currency,
            vat_rate=self.vat_rate.text().strip().replace(",", "."),
            active=self.active.isChecked(),
            options=options,
        )

    def request(self) -> Coroutine[Any, Any, Product]:
        draft = self.draft()
        if self.product is None:
            return self.catalogue.create(draft)
        return self.catalogue.update(self.product.id, draft)


class ImportDialog(QDialog):
    """A CSV import as it goes: a progress bar, then what became of every line."""

    def __init__(self, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWindowTitle(self.tr("Import {file}").format(file=file_name))
        self.resize(720, 480)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("importProgress")
        self.summary = QLabel(self.tr("Reading the file…"), self)
        self.summary.setWordWrap(True)
        self.model = ImportReportModel(self)
        self.view = record_table(self, self.model, "importReport")
        self.view.setAccessibleName(self.tr("Import report"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)

    def show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.summary.setText(self.tr("Sent {done} of {total} rows…").format(done=done, total=total))

    def show_report(self, report: BulkReport) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.model.set_records(sorted(report.rows, key=lambda r: r.row))
        self.summary.setText(
            self.tr(
                "{created} created, {updated} updated, {unchanged} unchanged, {errors} with errors."
            ).format(
                created=report.count("created"),
                updated=report.count("updated"),
                unchanged=report.count("unchanged"),
                errors=report.count("error"),
            )
        )

    def show_failure(self, text: str) -> None:
        self.summary.setText(text)

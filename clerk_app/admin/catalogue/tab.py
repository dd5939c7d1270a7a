"""The Catalogue tab: products found as one types, edited one by one, or imported and
exported as CSV in the shape of the bulk API."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout

from clerk_app.admin.base import RecordTab, chain_focus
from clerk_app.admin.catalogue.csv_io import parse_csv, products_to_csv
from clerk_app.admin.catalogue.dialogs import ImportDialog, ProductDialog
from clerk_app.admin.catalogue.model import ProductsModel
from clerk_app.admin.catalogue.service import (
    BulkReport,
    CatalogueService,
    Product,
    ProductPage,
)
from clerk_app.admin.names import app_language
from clerk_app.shell.errors import describe

if TYPE_CHECKING:
    from clerk_app.admin.panel import AdminPanel


class CatalogueTab(RecordTab[Product]):
    def __init__(self, panel: AdminPanel) -> None:
        self.service = CatalogueService(panel.api)
        super().__init__(panel, ProductsModel(panel), "productsTable", self.service.all_products)
        self.search = QLineEdit(self)
        self.search.setObjectName("catalogueSearch")
        self.search.setClearButtonEnabled(True)
        self.search_label = QLabel(self)
        self.search_label.setBuddy(self.search)
        self.new_button = self.add_button(self.open_new_product)
        self.edit_button = self.add_button(self.open_edit_product)
        self.delete_button = self.add_button(self.ask_delete, "deleteProduct")
        self.import_button = self.add_button(self.choose_import)
        self.export_button = self.add_button(self.choose_export)
        self.more_button = self.add_button(self.load_more, "catalogueMore")
        self.count = QLabel(self)
        self.file_dialog: QFileDialog | None = None
        self.import_dialog: ImportDialog | None = None
        self._cursor: str | None = None
        self._generation = 0
        self._lay_out()
        self.search.textChanged.connect(self._search_changed)
        self.view.doubleClicked.connect(lambda _index: self.open_edit_product())
        self.follow_selection(self.view)
        self.retranslate()
        self.update_buttons()

    def _lay_out(self) -> None:
        buttons = (
            self.new_button,
            self.edit_button,
            self.delete_button,
            self.import_button,
            self.export_button,
        )
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_label)
        search_row.addWidget(self.search, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addStretch(1)
        bottom.addWidget(self.more_button)
        layout = QVBoxLayout(self)
        layout.addLayout(search_row)
        layout.addLayout(self.button_bar(*buttons))
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        chain_focus(self.search, *buttons, self.refresh_button, self.view, self.more_button)

    def title(self) -> str:
        return self.tr("&Catalogue")

    def retranslate(self) -> None:
        super().retranslate()
        self.search_label.setText(self.tr("&Search"))
        self.search.setPlaceholderText(self.tr("SKU, name or option"))
        self.new_button.setText(self.tr("&New product…"))
        self.edit_button.setText(self.tr("&Edit…"))
        self.delete_button.setText(self.tr("&Delete…"))
        self.import_button.setText(self.tr("&Import CSV…"))
        self.export_button.setText(self.tr("E&xport CSV…"))
        self.more_button.setText(self.tr("Load &more"))
        self.view.setAccessibleName(self.tr("Products"))
        self._show_count()

    def describe(self, some_id: str) -> str | None:
        row = self.model.row_of(some_id)
        if row < 0:
            return None
        product = self.model.record(row)
        name = product.draft.name.get(app_language())
        return self.tr("Product “{name}” ({sku})").format(name=name, sku=product.sku)

    def update_buttons(self, *_: object) -> None:
        product = self.selected()
        self.edit_button.setEnabled(product is not None)
        self.delete_button.setEnabled(product is not None)
        self.more_button.setEnabled(self._cursor is not None and not self.search.text().strip())

    # ---- listing and searching ---------------------------------------------------------------

    def load(self) -> None:
        """The first page in SKU order, or what the search finds."""
        self._generation += 1
        generation = self._generation
        text = self.search.text().strip()
        if text:

            def found(products: list[Product]) -> None:
                if generation == self._generation:
                    self._cursor = None
                    self.model.set_records(products)
                    self._show_count()

            self.panel.run(self.service.search(text), found)
            return

        def first(page: ProductPage) -> None:
            if generation == self._generation:
                self._cursor = page.next_cursor
                self.model.set_records(page.products)
                self._show_count()

        self.panel.run(self.service.page(), first)

    def _search_changed(self, _text: str) -> None:
        """Search as the admin types; an answer to an older text is dropped."""
        self.load()

    def load_more(self) -> None:
        if self._cursor is None:
            return
        generation = self._generation

        def more(page: ProductPage) -> None:
            if generation == self._generation:
                self._cursor = page.next_cursor
                self.model.append_records(page.products)
                self._show_count()

        self.panel.run(self.service.page(after=self._cursor), more)

    def _show_count(self) -> None:
        shown = self.model.rowCount()
        if self._cursor is not None:
            self.count.setText(self.tr("%n products shown; more: Load more", "", shown))
        else:
            self.count.setText(self.tr("%n products", "", shown))
        self.update_buttons()

    # ---- one product -------------------------------------------------------------------------

    def open_new_product(self) -> None:
        self.open_dialog(ProductDialog(self.service, self.panel, None, self), self._saved)

    def open_edit_product(self) -> None:
        product = self.selected()
        if product is not None:
            dialog = ProductDialog(self.service, self.panel, product, self)
            self.open_dialog(dialog, self._saved)

    def _saved(self, product: Product) -> None:
        self.model.replace_record(product)
        self.select(product.id)
        self.panel.notify(self.tr("Product {sku} is saved.").format(sku=product.sku))

    def ask_delete(self) -> None:
        product = self.selected()
        if product is None:
            return
        self.ask(
            self.tr("Delete product"),
            self.tr("Delete {sku} “{name}”? This cannot be undone.").format(
                sku=product.sku, name=product.draft.name.get(app_language())
            ),
            self.tr("Delete"),
            lambda: self.panel.run(self.service.delete(product.id), self._deleted),
        )

    def _deleted(self, product_id: str) -> None:
        row = self.model.row_of(product_id)
        sku = self.model.record(row).sku if row >= 0 else product_id
        self.model.remove_record(product_id)
        self._show_count()
        self.panel.notify(self.tr("Product {sku} is deleted.").format(sku=sku))

    # ---- CSV ---------------------------------------------------------------------------------

    def _file_dialog(self, save: bool) -> QFileDialog:
        title = self.tr("Export the catalogue") if save else self.tr("Import products")
        dialog = QFileDialog(self, title)
        dialog.setNameFilter(self.tr("CSV files (*.csv)"))
        if save:
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setDefaultSuffix("csv")
        else:
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        self.file_dialog = dialog
        return dialog

    def choose_import(self) -> None:
        dialog = self._file_dialog(save=False)
        dialog.fileSelected.connect(lambda name: self.import_file(Path(name)))
        dialog.open()

    def choose_export(self) -> None:
        dialog = self._file_dialog(save=True)
        dialog.fileSelected.connect(lambda name: self.export_file(Path(name)))
        dialog.open()

    def import_file(self, path: Path, *, chunk: int | None = None) -> ImportDialog:
        """Send the file's rows (5,000 a request); the dialog shows progress, then the report."""
        self.panel.begin_action()
        shown = ImportDialog(path.name, self)
        if self.import_dialog is not None:
            self.import_dialog.deleteLater()
        self.import_dialog = shown
        shown.open()

        async def work() -> BulkReport:
            text = await asyncio.to_thread(path.read_text, encoding="utf-8-sig")
            parsed = parse_csv(text)
            sizes = {"chunk": chunk} if chunk else {}
            sent = await self.service.bulk_upsert(
                parsed.rows, progress=shown.show_progress, **sizes
            )
            return BulkReport(parsed.errors + sent.rows)

        def done(report: BulkReport) -> None:
            shown.show_report(report)
            self.load()
            self.panel.notify(
                self.tr(
                    "{file}: {created} created, {updated} updated, {errors} with errors."
                ).format(
                    file=path.name,
                    created=report.count("created"),
                    updated=report.count("updated"),
                    errors=report.count("error"),
                )
            )

        def failed(error: BaseException) -> None:
            text = describe(error)
            if isinstance(error, OSError | UnicodeDecodeError):
                text = self.tr("Cannot read {file}.").format(file=path.name)
            shown.show_failure(text)
            self.panel.report_error_text(text)

        self.panel.run(work(), done, failed)
        return shown

    def export_file(self, path: Path) -> None:
        """Every product (all pages), in the import's columns."""
        self.panel.begin_action()

        async def work() -> int:
            products: Sequence[Product] = await self.service.all_products()
            await asyncio.to_thread(path.write_text, products_to_csv(products), encoding="utf-8")
            return len(products)

        def done(count: int) -> None:
            self.panel.notify(
                self.tr("%n products written to {file}.", "", count).format(file=path.name)
            )

        self.panel.run(work(), done)

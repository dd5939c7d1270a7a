"""The Offers tab: the offer settings, the offers filtered by clerk, time, status and total,
paged, each one's details, and the filtered list exported as CSV."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from clerk_app.admin.base import PageLoader, RecordTab, chain_focus
from clerk_app.admin.catalogue.service import parse_price
from clerk_app.admin.names import app_language
from clerk_app.admin.offers.dialogs import OfferDialog, OfferSettingsDialog
from clerk_app.admin.offers.model import OffersModel, status_name
from clerk_app.admin.offers.service import (
    OFFERS_PAGE_SIZE,
    STATUSES,
    ExportResult,
    Offer,
    OfferFilter,
    OfferSettings,
    OffersService,
    OfferSummary,
)
from clerk_app.admin.users.model import UsersModel
from clerk_app.admin.users.tab import UsersTab
from clerk_app.errors import ServiceError
from clerk_app.shell.errors import describe

if TYPE_CHECKING:
    from clerk_app.admin.panel import AdminPanel

CURRENCIES = ("EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "JPY")


class OffersTab(RecordTab[OfferSummary]):
    def __init__(self, panel: AdminPanel) -> None:
        self.service = OffersService(panel.api)
        super().__init__(panel, OffersModel(panel), "offersTable", self._first_page)
        self.settings_button = self.add_button(self.open_settings, "offerSettings")
        if not panel.manages_settings:
            self.settings_button.hide()
        self.details_button = self.add_button(self.open_details, "offerDetails")
        self.export_button = self.add_button(self.choose_export_file, "offerExport")
        self.view.doubleClicked.connect(lambda *_: self.open_details())

        self.clerk_choice = QComboBox(self)
        self.status_choice = QComboBox(self)
        self.use_from = QCheckBox(self)
        self.created_from = QDateEdit(QDate.currentDate(), self)
        self.use_to = QCheckBox(self)
        self.created_to = QDateEdit(QDate.currentDate(), self)
        for edit, box in ((self.created_from, self.use_from), (self.created_to, self.use_to)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            box.toggled.connect(edit.setEnabled)
        self.currency_choice = QComboBox(self)
        self.min_total = QLineEdit(self)
        self.min_total.setObjectName("offerMinTotal")
        self.max_total = QLineEdit(self)
        self.max_total.setObjectName("offerMaxTotal")
        self.apply_button = QPushButton(self)
        self.apply_button.setObjectName("offerApply")
        self.clear_button = QPushButton(self)
        self.more_button = QPushButton(self)
        self.more_button.setEnabled(False)
        self.count = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("offerExportProgress")
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.labels = {name: QLabel(self) for name in ("clerk", "status", "currency", "total")}
        self.labels["clerk"].setBuddy(self.clerk_choice)
        self.labels["status"].setBuddy(self.status_choice)
        self.labels["currency"].setBuddy(self.currency_choice)
        self.labels["total"].setBuddy(self.min_total)
        self.and_label = QLabel(self)

        filters = QGridLayout()
        filters.addWidget(self.labels["clerk"], 0, 0)
        filters.addWidget(self.clerk_choice, 0, 1)
        filters.addWidget(self.labels["status"], 0, 2)
        filters.addWidget(self.status_choice, 0, 3)
        filters.addWidget(self.use_from, 0, 4)
        filters.addWidget(self.created_from, 0, 5)
        filters.addWidget(self.use_to, 0, 6)
        filters.addWidget(self.created_to, 0, 7)
        filters.addWidget(self.labels["currency"], 1, 0)
        filters.addWidget(self.currency_choice, 1, 1)
        filters.addWidget(self.labels["total"], 1, 2)
        totals = QHBoxLayout()
        totals.addWidget(self.min_total)
        totals.addWidget(self.and_label)
        totals.addWidget(self.max_total)
        filters.addLayout(totals, 1, 3, 1, 3)
        apply_row = QHBoxLayout()
        apply_row.addWidget(self.apply_button)
        apply_row.addWidget(self.clear_button)
        filters.addLayout(apply_row, 1, 6, 1, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addWidget(self.progress, 1)
        bottom.addStretch(1)
        bottom.addWidget(self.more_button)
        layout = QVBoxLayout(self)
        layout.addLayout(
            self.button_bar(self.settings_button, self.details_button, self.export_button)
        )
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        chain_focus(
            self.settings_button,
            self.details_button,
            self.export_button,
            self.refresh_button,
            self.clerk_choice,
            self.status_choice,
            self.use_from,
            self.created_from,
            self.use_to,
            self.created_to,
            self.currency_choice,
            self.min_total,
            self.max_total,
            self.apply_button,
            self.clear_button,
            self.view,
            self.more_button,
        )
        self.apply_button.clicked.connect(self.apply_filters)
        self.clear_button.clicked.connect(self.clear_filters)
        self.min_total.returnPressed.connect(self.apply_filters)
        self.max_total.returnPressed.connect(self.apply_filters)
        self.follow_selection(self.view)

        self.page_size = OFFERS_PAGE_SIZE
        self.applied = OfferFilter()
        self.pages = PageLoader(
            panel,
            self.model,
            self.more_button,
            fetch=lambda cursor: self.service.page(
                self.applied, after=cursor, limit=self.page_size
            ),
            records=lambda page: page.offers,
            counted=self._show_count,
        )
        self._listening = False
        self.export_dialog: QFileDialog | None = None
        self.last_export: ExportResult | None = None
        self.retranslate()
        self.update_buttons()

    def title(self) -> str:
        return self.tr("&Offers")

    def retranslate(self) -> None:
        super().retranslate()
        self.settings_button.setText(self.tr("Offer &settings…"))
        self.details_button.setText(self.tr("&Details…"))
        self.export_button.setText(self.tr("E&xport CSV…"))
        self.labels["clerk"].setText(self.tr("C&lerk"))
        self.labels["status"].setText(self.tr("S&tatus"))
        self.labels["currency"].setText(self.tr("Currenc&y"))
        self.labels["total"].setText(self.tr("Total &between"))
        self.and_label.setText(self.tr("and"))
        self.use_from.setText(self.tr("&From"))
        self.use_to.setText(self.tr("Unt&il"))
        self.min_total.setPlaceholderText(self.tr("any"))
        self.max_total.setPlaceholderText(self.tr("any"))
        self.min_total.setAccessibleName(self.tr("Lowest total"))
        self.max_total.setAccessibleName(self.tr("Highest total"))
        self.apply_button.setText(self.tr("A&pply filters"))
        self.clear_button.setText(self.tr("Cl&ear"))
        self.more_button.setText(self.tr("Load &more"))
        self.view.setAccessibleName(self.tr("Offers"))
        self._fill_statuses()
        self._fill_currencies()
        self._fill_clerks()
        self._show_count()

    def update_buttons(self, *_: object) -> None:
        self.details_button.setEnabled(self.selected() is not None)

    # ---- filters -------------------------------------------------------------------------------

    def _users(self) -> UsersModel | None:
        tab = self.panel.find_area(UsersTab)
        return tab.model if tab is not None and isinstance(tab.model, UsersModel) else None

    def _fill_statuses(self) -> None:
        _refill(self.status_choice, self.tr("Any status"), [(status_name(s), s) for s in STATUSES])

    def _fill_currencies(self) -> None:
        _refill(self.currency_choice, self.tr("Any currency"), [(c, c) for c in CURRENCIES])

    def _fill_clerks(self, *_: object) -> None:
        users = self._users()
        people = sorted(users.records if users else [], key=lambda u: u.name.casefold())
        _refill(self.clerk_choice, self.tr("Anyone"), [(u.name, u.id) for u in people])

    def current_filter(self) -> OfferFilter:
        """What the fields say; ServiceError for a total that is no amount."""
        currency = self.currency_choice.currentData()
        clerk = self.clerk_choice.currentData()
        status = self.status_choice.currentData()
        created_from = created_to = None
        if self.use_from.isChecked():
            created_from = _local_midnight(self.created_from.date())
        if self.use_to.isChecked():
            created_to = _local_midnight(self.created_to.date()) + timedelta(days=1)
        return OfferFilter(
            clerk_id=str(clerk) if clerk else None,
            status=str(status) if status else None,
            created_from=created_from,
            created_to=created_to,
            min_gross_minor=self._amount(self.min_total, currency),
            max_gross_minor=self._amount(self.max_total, currency),
            currency=str(currency) if currency else None,
        )

    def _amount(self, edit: QLineEdit, currency: object) -> int | None:
        text = edit.text().strip()
        if not text:
            return None
        try:
            minor = parse_price(text, str(currency or "EUR"), app_language())
        except ValueError:
            minor = -1
        if minor < 0:
            raise ServiceError(
                "invalid_amount", self.tr("“{text}” is not an amount.").format(text=text)
            )
        return minor

    def set_filter(
        self,
        *,
        clerk_id: str | None = None,
        status: str | None = None,
        created_from: QDate | None = None,
        created_to: QDate | None = None,
        currency: str | None = None,
        min_total: str = "",
        max_total: str = "",
    ) -> None:
        """Fill the filter fields (what a person would pick), without applying them."""
        self.clerk_choice.setCurrentIndex(max(0, self.clerk_choice.findData(clerk_id)))
        self.status_choice.setCurrentIndex(max(0, self.status_choice.findData(status)))
        self.currency_choice.setCurrentIndex(max(0, self.currency_choice.findData(currency)))
        self.use_from.setChecked(created_from is not None)
        if created_from is not None:
            self.created_from.setDate(created_from)
        self.use_to.setChecked(created_to is not None)
        if created_to is not None:
            self.created_to.setDate(created_to)
        self.min_total.setText(min_total)
        self.max_total.setText(max_total)

    def apply_filters(self) -> None:
        self.panel.begin_action()
        try:
            self.applied = self.current_filter()
        except ServiceError as exc:
            self.panel.report_error(exc)
            return
        self._reload()

    def clear_filters(self) -> None:
        self.set_filter()
        self.apply_filters()

    # ---- pages ---------------------------------------------------------------------------------

    def load(self) -> None:
        if not self._listening:  # the clerks to filter by are the users tab's
            self._listening = True
            users = self._users()
            if users is not None:
                for signal in (users.modelReset, users.rowsInserted, users.dataChanged):
                    signal.connect(self._fill_clerks)
        self._reload()

    async def _first_page(self) -> list[OfferSummary]:
        return list((await self.service.page(self.applied, limit=self.page_size)).offers)

    def _reload(self) -> None:
        self.pages.reload()

    def _show_count(self) -> None:
        shown = self.model.rowCount()
        if self.pages.more:
            self.count.setText(self.tr("%n offers shown; older ones: Load more", "", shown))
        else:
            self.count.setText(self.tr("%n offers", "", shown))

    # ---- actions -------------------------------------------------------------------------------

    def open_settings(self) -> None:
        self.panel.begin_action()

        def show(settings: OfferSettings) -> None:
            dialog = OfferSettingsDialog(self.service, self.panel, settings, self)
            self.open_dialog(dialog, self._settings_saved)

        self.panel.run(self.service.settings(), show)

    def _settings_saved(self, _settings: OfferSettings) -> None:
        self.panel.notify(self.tr("The offer settings are saved."))

    def open_details(self) -> None:
        summary = self.selected()
        if summary is None:
            return
        self.panel.begin_action()

        def show(offer: Offer) -> None:
            self.open_dialog(OfferDialog(self.service, self.panel, offer, self), None)

        self.panel.run(self.service.offer(summary.id), show)

    def choose_export_file(self) -> None:
        """Ask where to save the CSV of the offers the filters select (applied first)."""
        self.panel.begin_action()
        try:
            self.applied = self.current_filter()
        except ServiceError as exc:
            self.panel.report_error(exc)
            return
        if self.export_dialog is not None:
            self.export_dialog.deleteLater()
        dialog = QFileDialog(self, self.tr("Export offers"), str(Path.home() / "offers.csv"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilter(self.tr("CSV files (*.csv)"))
        dialog.setDefaultSuffix("csv")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.fileSelected.connect(self.export_to)
        self.export_dialog = dialog
        dialog.open()

    def export_to(self, path: str) -> None:
        """Download the CSV of the applied filters into `path`, with a progress bar."""
        self.export_button.setEnabled(False)
        self.progress.setRange(0, 0)  # the size is not known beforehand
        self.progress.setFormat(self.tr("Exporting…"))
        self.progress.show()

        def progress(received: int) -> None:
            self.progress.setFormat(
                self.tr("Exporting… %1 kB").replace("%1", str(received // 1024))
            )

        def done(result: ExportResult) -> None:
            self._export_finished()
            self.last_export = result
            self.panel.notify(
                self.tr("%n offers exported to %1.", "", result.offers).replace(
                    "%1", str(result.path)
                )
            )

        def failed(error: BaseException) -> None:
            self._export_finished()
            self.panel.report_error_text(
                self.tr("The export failed: %1").replace("%1", describe(error))
            )

        self.panel.run(self.service.export_csv(self.applied, Path(path), progress), done, failed)

    def _export_finished(self) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)


def _refill(choice: QComboBox, anything: str, items: list[tuple[str, str]]) -> None:
    """The choices again (after a change of language or of users), keeping what was chosen."""
    current = choice.currentData()
    choice.blockSignals(True)
    choice.clear()
    choice.addItem(anything, None)
    for text, data in items:
        choice.addItem(text, data)
    choice.setCurrentIndex(max(0, choice.findData(current)))
    choice.blockSignals(False)


def _local_midnight(day: QDate) -> datetime:
    return datetime.combine(date(day.year(), day.month(), day.day()), time(0)).astimezone()

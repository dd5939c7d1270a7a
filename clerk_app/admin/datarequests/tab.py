"""The Data requests tab: what the server holds about the organisation and what the admin does
with it (P4, P5, P7, P11) — export it all, correct the organisation's details, restrict
processing, and erase a visitor's call (by its reference) or a user, with the requests and
their due dates listed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
)

from clerk_app.admin.base import RecordTab, chain_focus
from clerk_app.admin.datarequests.dialogs import (
    EraseCallDialog,
    EraseUserDialog,
    OrganisationDialog,
)
from clerk_app.admin.datarequests.model import ErasureRequestsModel, kept_text
from clerk_app.admin.datarequests.service import DataRequestsService, ErasureRequest, Organisation
from clerk_app.admin.names import local_time
from clerk_app.admin.users.tab import UsersTab
from clerk_app.downloads import size_text
from clerk_app.privacy.service import Restrictions, SavedExport
from clerk_app.privacy.view import export_file_dialog
from clerk_app.shell.errors import describe

if TYPE_CHECKING:
    from clerk_app.admin.panel import AdminPanel

ERASED_DOMAIN = "@erased.invalid"  # an erased user's address (server/accounts/rules.py)


class DataRequestsTab(RecordTab[ErasureRequest]):
    def __init__(self, panel: AdminPanel) -> None:
        self.service = DataRequestsService(panel.api)
        self.requests = ErasureRequestsModel(panel, panel.describe)
        super().__init__(
            panel, self.requests, "erasureRequestsTable", self.service.erasure_requests
        )
        self.export_button = self.add_button(self.choose_export_file, "privacyExport")
        self.correct_button = self.add_button(self.open_correction, "privacyCorrect")
        self.erase_call_button = self.add_button(self.open_erase_call, "privacyEraseCall")
        self.erase_user_button = self.add_button(self.open_erase_user, "privacyEraseUser")
        self.save_restrictions_button = self.add_button(self.save_restrictions, "restrictSave")
        self.organisation: Organisation | None = None
        self.details = QLabel(self)
        self.details.setObjectName("organisationDetails")
        self.details.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("exportProgress")
        self.progress.setRange(0, 0)  # how large an export is, nobody knows ahead
        self.progress.hide()
        self.progress_text = QLabel(self)
        self.marketing = QCheckBox(self)
        self.automated = QCheckBox(self)
        self.improvement = QCheckBox(self)
        self.restrictions_box = QGroupBox(self)
        self.requests_label = QLabel(self)
        self.export_dialog: QFileDialog | None = None
        self.last_export: SavedExport | None = None
        self._exporting = False

        top = QHBoxLayout()
        top.addWidget(self.export_button)
        top.addWidget(self.correct_button)
        top.addWidget(self.progress_text)
        top.addWidget(self.progress, 1)
        boxes = QHBoxLayout(self.restrictions_box)
        for box in (self.marketing, self.automated, self.improvement):
            boxes.addWidget(box)
        boxes.addStretch(1)
        boxes.addWidget(self.save_restrictions_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details)
        layout.addWidget(self.restrictions_box)
        layout.addWidget(self.requests_label)
        layout.addLayout(self.button_bar(self.erase_call_button, self.erase_user_button))
        layout.addWidget(self.view, 1)
        chain_focus(
            self.export_button,
            self.correct_button,
            self.marketing,
            self.automated,
            self.improvement,
            self.save_restrictions_button,
            self.erase_call_button,
            self.erase_user_button,
            self.refresh_button,
            self.view,
        )
        self.follow_selection(self.view)
        self.retranslate()
        self.update_buttons()

    def title(self) -> str:
        return self.tr("&Data requests")

    def retranslate(self) -> None:
        super().retranslate()
        self.export_button.setText(self.tr("E&xport data…"))
        self.correct_button.setText(self.tr("&Correct organisation details…"))
        self.restrictions_box.setTitle(self.tr("Restrict processing for the whole organisation"))
        self.marketing.setText(self.tr("No &marketing"))
        self.automated.setText(self.tr("No &automated decisions"))
        self.improvement.setText(self.tr("No use of recordings to &improve the service"))
        self.save_restrictions_button.setText(self.tr("&Save restrictions"))
        self.requests_label.setText(
            self.tr(
                "Erasure requests: each is done at once where possible, and always within 30 "
                "days; a legal hold postpones it."
            )
        )
        self.erase_call_button.setText(self.tr("Erase a &visitor's call…"))
        self.erase_user_button.setText(self.tr("Erase a &user…"))
        self.view.setAccessibleName(self.tr("Erasure requests"))
        self._show_organisation()

    def describe(self, some_id: str) -> str | None:
        row = self.model.row_of(some_id)
        if row < 0:
            return None
        request = self.model.record(row)
        return self.tr("Erasure of %1").replace("%1", self.panel.describe(request.target))

    def update_buttons(self, *_: object) -> None:
        self.export_button.setEnabled(not self._exporting)
        self.correct_button.setEnabled(self.organisation is not None)

    # ---- loading -------------------------------------------------------------------------------

    def load(self) -> None:
        super().load()
        self.panel.run(self.service.organisation(), self._organisation_loaded)
        self.panel.run(self.service.restrictions(), self._show_restrictions)

    def _organisation_loaded(self, organisation: Organisation) -> None:
        self.organisation = organisation
        self._show_organisation()
        self.update_buttons()

    def _show_organisation(self) -> None:
        found = self.organisation
        if found is None:
            self.details.clear()
            return
        self.details.setText(
            self.tr("%1 · organisation number %2 · VAT %3 · %4, %5 %6, %7")
            .replace("%1", found.name)
            .replace("%2", found.organisation_number)
            .replace("%3", found.vat_number)
            .replace("%4", found.street)
            .replace("%5", found.postal_code)
            .replace("%6", found.city)
            .replace("%7", found.country)
        )

    def _show_restrictions(self, restrictions: Restrictions) -> None:
        self.marketing.setChecked(restrictions.marketing)
        self.automated.setChecked(restrictions.automated_decisions)
        self.improvement.setChecked(restrictions.service_improvement)

    # ---- correcting and restricting ------------------------------------------------------------

    def open_correction(self) -> None:
        if self.organisation is not None:
            dialog = OrganisationDialog(self.service, self.panel, self.organisation, self)
            self.open_dialog(dialog, self._corrected)

    def _corrected(self, organisation: Organisation) -> None:
        self._organisation_loaded(organisation)
        self.panel.notify(self.tr("The organisation's details are corrected."))

    def save_restrictions(self) -> None:
        self.panel.begin_action()
        choice = Restrictions(
            marketing=self.marketing.isChecked(),
            automated_decisions=self.automated.isChecked(),
            service_improvement=self.improvement.isChecked(),
        )

        def done(saved: Restrictions) -> None:
            self._show_restrictions(saved)
            self.panel.notify(self.tr("The organisation's restrictions are saved."))

        self.panel.run(self.service.restrict(choice), done)

    # ---- export --------------------------------------------------------------------------------

    def choose_export_file(self) -> None:
        if self._exporting:
            return
        self.panel.begin_action()
        if self.export_dialog is not None:
            self.export_dialog.deleteLater()
        self.export_dialog = export_file_dialog(
            self, self.tr("Export the organisation's data"), "organisation", self.export_to
        )

    def export_to(self, path: Path) -> None:
        """Stream the export into `path` (complete or not at all), showing what has come."""
        self._exporting = True
        self.progress.show()
        self._progress(0)
        self.update_buttons()

        def done(saved: SavedExport) -> None:
            self._export_finished()
            self.last_export = saved
            self.panel.notify(
                self.tr("The organisation's data (%1) is saved as %2.")
                .replace("%1", size_text(saved.size))
                .replace("%2", str(saved.path))
            )

        def failed(error: BaseException) -> None:
            self._export_finished()
            self.panel.report_error_text(
                self.tr("The export was not saved: %1").replace("%1", describe(error))
            )

        self.panel.run(self.service.export(path, self._progress), done, failed)

    def _progress(self, received: int) -> None:
        self.progress_text.setText(self.tr("Exporting… %1").replace("%1", size_text(received)))

    def _export_finished(self) -> None:
        self._exporting = False
        self.progress.hide()
        self.progress_text.clear()
        self.update_buttons()

    # ---- erasure -------------------------------------------------------------------------------

    def open_erase_call(self) -> None:
        self.open_dialog(EraseCallDialog(self.service, self.panel, self), self._requested)

    def open_erase_user(self) -> None:
        users = self.panel.find_area(UsersTab)
        known = users.model.records if users is not None else []
        erasable = [u for u in known if not u.email.endswith(ERASED_DOMAIN)]
        dialog = EraseUserDialog(self.service, self.panel, erasable, self)
        self.open_dialog(dialog, self._requested)

    def _requested(self, request: ErasureRequest) -> None:
        self.requests.put_first(request)
        self.select(request.id)
        if request.status == "done":
            text = self.tr("Erased.")
            if request.kept:
                text += " " + self.tr("Kept: %1.").replace("%1", kept_text(request.kept))
        elif request.status == "waiting_on_hold":
            text = self.tr(
                "A legal hold keeps it (%1); it is erased once the hold is lifted."
            ).replace("%1", request.hold_reason or "")
        else:
            text = self.tr("It is erased once the call has ended, by %1 at the latest.").replace(
                "%1", local_time(request.due_at)
            )
        self.panel.notify(text)

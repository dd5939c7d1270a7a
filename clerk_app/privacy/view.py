"""'My data and privacy': the signed-in user corrects their name and e-mail address,
restricts what their account's data is used for, and exports it (P11).

Widgets never call the network: they hand the `PrivacyService`'s coroutines to their own
`Tasks` and show what comes back. Opened with `open()`, never `exec()`.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.account.service import SignedInUser
from clerk_app.downloads import size_text
from clerk_app.privacy.service import MyRestrictions, PrivacyService, Restrictions, SavedExport
from clerk_app.shell.errors import describe
from clerk_app.shell.tasks import Tasks
from clerk_app.shell.theme import set_tone

R = TypeVar("R")


def export_file_dialog(
    parent: QWidget, title: str, what: str, chosen: Callable[[Path], None]
) -> QFileDialog:
    """Ask, without blocking, where to save an export (`videoclerk-<what>-<date>.zip`)."""
    name = f"videoclerk-{what}-{QDate.currentDate().toString('yyyy-MM-dd')}.zip"
    dialog = QFileDialog(parent, title, str(Path.home() / name))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setNameFilter(QCoreApplication.translate("Export", "ZIP archives (*.zip)"))
    dialog.setDefaultSuffix("zip")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.fileSelected.connect(lambda path: chosen(Path(path)))
    dialog.open()
    return dialog


class MyDataDialog(QDialog):
    """Three parts, each with its own button: details, privacy choices, export."""

    details_changed = Signal(object)  # the corrected SignedInUser

    def __init__(
        self, service: PrivacyService, user: SignedInUser, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.service = service
        self.user = user
        self.tasks = Tasks(self.show_error)
        self.finished.connect(lambda *_: self.tasks.cancel())
        self.setWindowTitle(self.tr("My data and privacy"))

        self.details_box = QGroupBox(self.tr("My details"), self)
        self.name = QLineEdit(user.name, self)
        self.email = QLineEdit(user.email, self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Only to change the e-mail address"))
        self.save_details_button = QPushButton(self.tr("Save &details"), self)
        self.save_details_button.clicked.connect(self.save_details)
        details = QFormLayout(self.details_box)
        for label, field in (
            (self.tr("&Name"), self.name),
            (self.tr("&E-mail"), self.email),
            (self.tr("Current &password"), self.password),
        ):
            caption = QLabel(label, self)
            caption.setBuddy(field)
            details.addRow(caption, field)
        details.addRow(self.save_details_button)

        self.choices_box = QGroupBox(self.tr("What my account's data may not be used for"), self)
        self.marketing = QCheckBox(self.tr("No &marketing"), self)
        self.automated = QCheckBox(self.tr("No &automated decisions"), self)
        self.improvement = QCheckBox(self.tr("No use of recordings to &improve the service"), self)
        self.organisation_note = QLabel(self)
        self.organisation_note.setWordWrap(True)
        self.save_choices_button = QPushButton(self.tr("Save &choices"), self)
        self.save_choices_button.clicked.connect(self.save_choices)
        choices = QVBoxLayout(self.choices_box)
        for widget in (self.marketing, self.automated, self.improvement, self.organisation_note):
            choices.addWidget(widget)
        choices.addWidget(self.save_choices_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.export_box = QGroupBox(self.tr("Export"), self)
        self.export_button = QPushButton(self.tr("E&xport my data…"), self)
        self.export_button.clicked.connect(self.choose_export_file)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # an export's size is not known ahead
        self.progress.hide()
        self.export_status = QLabel(self)
        self.export_status.setWordWrap(True)
        about = QLabel(
            self.tr(
                "A ZIP of your account and the audit trail's entries about you, with a README "
                "that explains each file."
            ),
            self,
        )
        about.setWordWrap(True)
        export = QVBoxLayout(self.export_box)
        export.addWidget(about)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.progress, 1)
        export.addLayout(row)
        export.addWidget(self.export_status)

        self.error = QLabel(self)
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        set_tone(self.error, "danger")
        self.error.hide()
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for part in (self.details_box, self.choices_box, self.export_box):
            layout.addWidget(part)
        layout.addWidget(self.error)
        layout.addWidget(self.notice)
        layout.addWidget(buttons)
        self.export_dialog: QFileDialog | None = None
        self.last_export: SavedExport | None = None
        self.organisation_restrictions = Restrictions()
        self._run(self.service.restrictions(), self._show_choices)

    # ---- running service calls -----------------------------------------------------------------

    def _run(self, work: Coroutine[Any, Any, R], on_done: Callable[[R], None]) -> None:
        async def then() -> None:
            on_done(await work)

        self.tasks.run(then())

    async def wait_idle(self) -> None:
        await self.tasks.wait_idle()

    def _begin(self) -> None:
        self.error.hide()
        self.notice.clear()

    def show_error(self, error: BaseException) -> None:
        self.error.setText(describe(error))
        self.error.show()
        self.save_details_button.setEnabled(True)
        self.save_choices_button.setEnabled(True)
        self._export_finished()

    # ---- details -------------------------------------------------------------------------------

    def save_details(self) -> None:
        self._begin()
        name, email = self.name.text().strip(), self.email.text().strip()
        work = self.service.correct(
            name=name if name != self.user.name else None,
            email=email if email.lower() != self.user.email else None,
            current_password=self.password.text() or None,
        )
        self.save_details_button.setEnabled(False)
        self._run(work, self._details_saved)

    def _details_saved(self, user: SignedInUser) -> None:
        self.user = user
        self.password.clear()
        self.save_details_button.setEnabled(True)
        self.notice.setText(self.tr("Your details are saved."))
        self.details_changed.emit(user)

    # ---- privacy choices -----------------------------------------------------------------------

    def _show_choices(self, restrictions: MyRestrictions) -> None:
        own, organisation = restrictions.own, restrictions.organisation
        self.organisation_restrictions = organisation
        for box, mine, theirs in (
            (self.marketing, own.marketing, organisation.marketing),
            (self.automated, own.automated_decisions, organisation.automated_decisions),
            (self.improvement, own.service_improvement, organisation.service_improvement),
        ):
            box.setChecked(mine or theirs)
            box.setEnabled(not theirs)  # the organisation's restriction holds for everyone
        restricted = any(
            (
                organisation.marketing,
                organisation.automated_decisions,
                organisation.service_improvement,
            )
        )
        self.organisation_note.setText(
            self.tr("Choices you cannot change here were made for the whole organisation.")
            if restricted
            else ""
        )
        self.save_choices_button.setEnabled(True)

    def save_choices(self) -> None:
        self._begin()
        theirs = self.organisation_restrictions
        choice = Restrictions(
            marketing=self.marketing.isChecked() and not theirs.marketing,
            automated_decisions=self.automated.isChecked() and not theirs.automated_decisions,
            service_improvement=self.improvement.isChecked() and not theirs.service_improvement,
        )
        self.save_choices_button.setEnabled(False)

        def saved(restrictions: MyRestrictions) -> None:
            self._show_choices(restrictions)
            self.notice.setText(self.tr("Your privacy choices are saved."))

        self._run(self.service.restrict(choice), saved)

    # ---- export --------------------------------------------------------------------------------

    def choose_export_file(self) -> None:
        if self.progress.isVisible():
            return
        self._begin()
        if self.export_dialog is not None:
            self.export_dialog.deleteLater()
        self.export_dialog = export_file_dialog(
            self, self.tr("Export my data"), "my-data", self.export_to
        )

    def export_to(self, path: Path) -> None:
        """Stream the export into `path` (complete or not at all), showing what has come."""
        self.export_button.setEnabled(False)
        self.progress.show()
        self._progress(0)

        def done(saved: SavedExport) -> None:
            self._export_finished()
            self.last_export = saved
            self.export_status.setText(
                self.tr("Your data (%1) is saved as %2.")
                .replace("%1", size_text(saved.size))
                .replace("%2", str(saved.path))
            )

        self._run(self.service.export(path, self._progress), done)

    def _progress(self, received: int) -> None:
        self.export_status.setText(self.tr("Exporting… %1").replace("%1", size_text(received)))

    def _export_finished(self) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)

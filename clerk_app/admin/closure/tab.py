"""The Account tab: what closing the organisation's account means, and the way to do it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from clerk_app.admin.base import AdminArea
from clerk_app.admin.closure.dialogs import CloseAccountDialog
from clerk_app.admin.closure.service import Closure, ClosureService
from clerk_app.admin.names import local_time

if TYPE_CHECKING:
    from clerk_app.admin.panel import AdminPanel


class AccountTab(AdminArea):
    def __init__(self, panel: AdminPanel) -> None:
        super().__init__(panel)
        self.service = ClosureService(panel.api)
        self.organisation = ""
        self.closed: Closure | None = None
        self.dialog: QDialog | None = None
        self.name_text = QLabel(self)
        self.name_text.setObjectName("organisationName")
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("closeAccount")
        self.close_button.clicked.connect(self.open_close)
        row = QHBoxLayout()
        row.addWidget(self.close_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.name_text)
        layout.addWidget(self.explanation)
        layout.addLayout(row)
        layout.addStretch(1)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Accoun&t")

    def retranslate(self) -> None:
        self.name_text.setText(self.organisation)
        self.explanation.setText(
            self.tr(
                "Closing the account ends it at once, for everyone: nobody can log in any more, "
                "every API key stops working, calls in progress end and the widgets no longer "
                "accept visitors. It cannot be undone.\n\n"
                "What happens to the data: users, keys, the catalogue, offers, calls, "
                "recordings, widgets and the audit trail are erased within 60 days; support "
                "messages after 3 years; the organisation's details and its admins' names and "
                "e-mail addresses after 7 years; invoices when the bookkeeping period ends."
            )
        )
        self.close_button.setText(self.tr("Clo&se account…"))

    def load(self) -> None:
        self.panel.run(self.service.organisation_name(), self._named)

    def _named(self, name: str) -> None:
        self.organisation = name
        self.name_text.setText(name)

    def open_close(self) -> None:
        self.panel.begin_action()
        dialog = CloseAccountDialog(self.service, self.panel, self.organisation, self)
        dialog.succeeded.connect(self._closed)
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.open()

    def _closed(self, closure: Closure) -> None:
        self.closed = closure
        self.close_button.setEnabled(False)
        self.panel.notify(
            self.tr(
                "The account is closed; you are logged out. Its data are erased from {date}."
            ).format(date=local_time(closure.account_data_erased_after))
        )

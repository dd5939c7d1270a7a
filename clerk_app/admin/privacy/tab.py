"""The privacy tab: where the data is stored and who processes it (P6, P19), and whether the
organisation asks for offer suggestions, its only automated decisions (P16)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QVBoxLayout

from clerk_app.admin.base import AdminArea, record_table
from clerk_app.admin.privacy.model import SubprocessorsModel
from clerk_app.admin.privacy.service import PrivacyService, Processing, SuggestionSettings

if TYPE_CHECKING:
    from clerk_app.admin.panel import AdminPanel


class PrivacyTab(AdminArea):
    def __init__(self, panel: AdminPanel) -> None:
        super().__init__(panel)
        self.service = PrivacyService(panel.api)
        self.processing: Processing | None = None
        self.location_box = QGroupBox(self)
        self.location_label = QLabel(self.location_box)
        self.location_label.setObjectName("privacyDataLocation")
        self.location_label.setWordWrap(True)
        QVBoxLayout(self.location_box).addWidget(self.location_label)

        self.subprocessors_box = QGroupBox(self)
        self.model = SubprocessorsModel(self)
        self.view = record_table(self, self.model, "privacySubprocessors")
        self.none_label = QLabel(self.subprocessors_box)
        self.none_label.setWordWrap(True)
        box_layout = QVBoxLayout(self.subprocessors_box)
        box_layout.addWidget(self.none_label)
        box_layout.addWidget(self.view)

        self.suggestions_box = QGroupBox(self)
        self.suggestions_check = QCheckBox(self.suggestions_box)
        self.suggestions_check.setObjectName("privacyOfferSuggestions")
        self.suggestions_check.setEnabled(False)
        self.suggestions_check.clicked.connect(self._switch_suggestions)
        self.suggestions_note = QLabel(self.suggestions_box)
        self.suggestions_note.setWordWrap(True)
        suggestions_layout = QVBoxLayout(self.suggestions_box)
        suggestions_layout.addWidget(self.suggestions_check)
        suggestions_layout.addWidget(self.suggestions_note)

        layout = QVBoxLayout(self)
        layout.addWidget(self.location_box)
        layout.addWidget(self.subprocessors_box, 1)
        layout.addWidget(self.suggestions_box)
        self.settings: SuggestionSettings | None = None
        self.retranslate()

    def title(self) -> str:
        return self.tr("&Privacy")

    def load(self) -> None:
        self.panel.run(self.service.processing(), self._show_processing)
        self.panel.run(self.service.suggestion_settings(), self._show_settings)

    def retranslate(self) -> None:
        self.location_box.setTitle(self.tr("Where your data is stored"))
        self.subprocessors_box.setTitle(self.tr("Sub-processors"))
        self.none_label.setText(
            self.tr(
                "This server uses no sub-processors: nothing leaves it except what your "
                "organisation configures (webhooks)."
            )
        )
        self.suggestions_box.setTitle(self.tr("Offer suggestions"))
        self.suggestions_check.setText(
            self.tr("Suggest items and discounts to clerks from our answered offers")
        )
        self._show_processing(self.processing)
        self._show_settings(self.settings)
        self.view.setAccessibleName(self.tr("Sub-processors"))

    def _show_processing(self, processing: Processing | None) -> None:
        self.processing = processing
        location = processing.data_location if processing else None
        self.location_label.setText(
            location or self.tr("The operator of this server has not stated where it stores data.")
        )
        records = processing.subprocessors if processing else ()
        self.model.set_records(list(records))
        self.none_label.setVisible(processing is not None and not records)
        self.view.setVisible(bool(records))

    def _show_settings(self, settings: SuggestionSettings | None) -> None:
        self.settings = settings
        if settings is None:
            return
        self.suggestions_check.setChecked(settings.enabled and not settings.restricted)
        may_change = self.panel.manages_settings and not settings.restricted
        self.suggestions_check.setEnabled(may_change)
        self.suggestions_note.setText(
            self.tr(
                "Your organisation restricted automated decisions: no suggestions are made. "
                "Lift the restriction to switch them on."
            )
            if settings.restricted
            else self.tr(
                "Off unless you switch it on. Suggestions are counts over your organisation's "
                "own accepted and declined offers, shown to the clerk to apply or ignore; they "
                "decide nothing about a visitor and use nothing about one."
            )
        )

    def _switch_suggestions(self, on: bool) -> None:
        self.panel.begin_action()
        self.suggestions_check.setEnabled(False)

        def done(settings: SuggestionSettings) -> None:
            self._show_settings(settings)
            self.panel.notify(
                self.tr("Offer suggestions are on.")
                if settings.enabled
                else self.tr("Offer suggestions are off.")
            )

        def failed(error: BaseException) -> None:
            self._show_settings(self.settings)
            self.panel.report_error(error)

        self.panel.run(self.service.set_suggestions(on), done, failed)

"""The widget editor: everything about one widget, built section by section."""

from __future__ import annotations

from collections.abc import Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QWidget,
)

from clerk_app.admin.base import FormDialog, LocalTextEdit, required_text
from clerk_app.admin.names import app_language
from clerk_app.admin.widgets.dialogs import SnippetBox
from clerk_app.admin.widgets.hours import (
    WEEKDAYS,
    BusinessHours,
    format_intervals,
    logo_bytes,
    parse_intervals,
)
from clerk_app.admin.widgets.service import (
    RECORDING_MODES,
    Queue,
    Widget,
    WidgetDraft,
    WidgetsService,
)
from clerk_app.admin.zones import time_zone_box
from clerk_app.errors import ServiceError
from clerk_app.shell.errors import describe

if TYPE_CHECKING:
    from clerk_app.admin.panel import AdminPanel

DEFAULT_COLOUR = "#0a7d5a"
DEFAULT_ZONE = "Europe/Amsterdam"


class WidgetEditor(FormDialog):
    """Everything about one widget; shows its embed snippet with a copy button."""

    def __init__(
        self,
        widgets: WidgetsService,
        panel: AdminPanel,
        queues: list[Queue],
        widget: Widget | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(panel, parent)
        self.widgets = widgets
        self.widget = widget
        self.setWindowTitle(self.tr("Edit widget") if widget else self.tr("New widget"))
        self.resize(720, 760)
        draft = WidgetDraft.of(widget) if widget else None
        self.file_dialog: QFileDialog | None = None
        self.colour_dialog: QColorDialog | None = None
        self._scroll_the_form()
        self._build_name_and_queues(draft, queues)
        self._build_sites(draft)
        self._build_hours(draft.business_hours if draft else None)
        self._build_texts(draft)
        self._build_colour(draft.brand_colour if draft else DEFAULT_COLOUR)
        self._build_logo(draft.logo if draft else None)
        self._build_consent(draft, widget)
        self._build_snippet(widget)
        self.succeeded.connect(self._show_snippet)

    # ---- building the form -------------------------------------------------------------------

    def _scroll_the_form(self) -> None:
        """The form scrolls; the error and buttons stay in view."""
        self.body.removeItem(self.form)
        inner = QWidget(self)
        inner.setLayout(self.form)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.body.insertWidget(0, scroll, 1)

    def _build_name_and_queues(self, draft: WidgetDraft | None, queues: list[Queue]) -> None:
        self.name = QLineEdit(draft.name if draft else "", self)
        self.add_row(self.tr("&Name"), self.name)
        self.queues = QListWidget(self)
        self.queues.setObjectName("widgetQueues")
        chosen = set(draft.queue_ids) if draft else set()
        for queue in queues:
            item = QListWidgetItem(queue.name.get(app_language()), self.queues)
            item.setData(Qt.ItemDataRole.UserRole, queue.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = queue.id in chosen or (draft is None and len(queues) == 1)
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.queues.setMaximumHeight(110)
        self.add_row(self.tr("&Queues offered"), self.queues)

    def _build_sites(self, draft: WidgetDraft | None) -> None:
        self.origins = QPlainTextEdit("\n".join(draft.allowed_origins) if draft else "", self)
        self.origins.setPlaceholderText("https://shop.example.com")
        self.origins.setFixedHeight(self.origins.fontMetrics().lineSpacing() * 4 + 12)
        self.origins.setTabChangesFocus(True)
        self.add_row(self.tr("Allowed &sites (one per line)"), self.origins)

    def _build_hours(self, hours: BusinessHours | None) -> None:
        self.time_zone = time_zone_box(hours.time_zone if hours else DEFAULT_ZONE, self)
        self.time_zone.setObjectName("widgetTimeZone")
        self.add_row(self.tr("&Time zone"), self.time_zone)
        days_box = QGroupBox(
            self.tr("Opening hours (e.g. 09:00-12:00, 13:00-17:30; empty: closed)"), self
        )
        days_layout = QFormLayout(days_box)
        self.day_edits: dict[str, QLineEdit] = {}
        for day, label in zip(WEEKDAYS, self._day_names(), strict=True):
            default = "09:00-17:00" if day not in ("sat", "sun") else ""
            text = format_intervals(hours.intervals(day)) if hours else default
            edit = QLineEdit(text, days_box)
            self.day_edits[day] = edit
            days_layout.addRow(label, edit)
        self.form.addRow(days_box)
        self.holidays = QLineEdit(", ".join(hours.holidays) if hours else "", self)
        self.holidays.setPlaceholderText(self.tr("Closed on, e.g. 2025-12-25, 2025-12-26"))
        self.add_row(self.tr("&Holidays"), self.holidays)

    def _day_names(self) -> tuple[str, ...]:
        return (
            self.tr("Monday"),
            self.tr("Tuesday"),
            self.tr("Wednesday"),
            self.tr("Thursday"),
            self.tr("Friday"),
            self.tr("Saturday"),
            self.tr("Sunday"),
        )

    def _build_texts(self, draft: WidgetDraft | None) -> None:
        self.privacy_url = QLineEdit(draft.privacy_notice_url if draft else "", self)
        self.privacy_url.setPlaceholderText("https://shop.example.com/privacy")
        self.add_row(self.tr("&Privacy notice"), self.privacy_url)
        self.greeting = LocalTextEdit(draft.greeting if draft else None, False, self)
        self.add_row(self.tr("&Greeting"), self.greeting)

    def _build_colour(self, colour: str) -> None:
        self.colour = QLineEdit(colour, self)
        self.colour.setMaxLength(7)
        self.colour_button = QPushButton(self.tr("C&hoose…"), self)
        self.colour_button.clicked.connect(self._choose_colour)
        self.swatch = QLabel(self)
        self.swatch.setFixedSize(24, 24)
        self.colour.textChanged.connect(self._show_swatch)
        row = QHBoxLayout()
        row.addWidget(self.colour)
        row.addWidget(self.swatch)
        row.addWidget(self.colour_button)
        row.addStretch(1)
        caption = QLabel(self.tr("&Colour"), self)
        caption.setBuddy(self.colour)
        self.form.addRow(caption, row)
        self._show_swatch(self.colour.text())

    def _build_logo(self, logo: str | None) -> None:
        self.logo: str | None = logo
        self.logo_preview = QLabel(self)
        self.logo_preview.setFixedHeight(48)
        self.logo_button = QPushButton(self.tr("Choose &file…"), self)
        self.logo_button.clicked.connect(self._choose_logo)
        self.logo_remove = QPushButton(self.tr("&Remove"), self)
        self.logo_remove.clicked.connect(lambda: self.set_logo(None))
        row = QHBoxLayout()
        row.addWidget(self.logo_preview)
        row.addWidget(self.logo_button)
        row.addWidget(self.logo_remove)
        row.addStretch(1)
        self.form.addRow(self.tr("Logo (PNG, JPEG or SVG, at most 100 kB)"), row)
        self.set_logo(logo)

    def _build_consent(self, draft: WidgetDraft | None, widget: Widget | None) -> None:
        self.consent_recording = LocalTextEdit(
            draft.consent_recording if draft else None, True, self
        )
        self.consent_transcription = LocalTextEdit(
            draft.consent_transcription if draft else None, True, self
        )
        self.recording_mode = QComboBox(self)
        labels = {
            "off": self.tr("Off: calls are never recorded, visitors are not asked"),
            "offered": self.tr("Offered: each visitor decides"),
            "required": self.tr("Required: announced before the call; declining means not calling"),
        }
        for mode in RECORDING_MODES:
            self.recording_mode.addItem(labels[mode], mode)
        self.recording_mode.setCurrentIndex(
            RECORDING_MODES.index(draft.recording_mode if draft else "offered")
        )
        self.add_row(self.tr("Recording mo&de"), self.recording_mode)
        self.add_row(self.tr("Consent question: rec&ording"), self.consent_recording)
        self.add_row(self.tr("Consent question: tr&anscription"), self.consent_transcription)
        if widget is None:
            text = self.tr("Texts left empty get the standard wording.")
        else:
            text = self.tr(
                "Consent texts: version {version}. Changing them starts a new version; "
                "calls keep the version the visitor agreed to."
            ).format(version=widget.consent_text_version)
        note = QLabel(text, self)
        note.setWordWrap(True)
        self.form.addRow(note)

    def _build_snippet(self, widget: Widget | None) -> None:
        self.snippet_box = SnippetBox(widget.embed_snippet if widget else "", self)
        self.snippet_box.setVisible(widget is not None)
        self.form.addRow(self.snippet_box)

    # ---- logo and colour ---------------------------------------------------------------------

    def set_logo(self, data_url: str | None) -> None:
        self.logo = data_url
        pixmap = QPixmap()
        if data_url:
            pixmap.loadFromData(logo_bytes(data_url))
        if not pixmap.isNull():
            self.logo_preview.setPixmap(
                pixmap.scaledToHeight(48, Qt.TransformationMode.SmoothTransformation)
            )
        else:
            self.logo_preview.setText(self.tr("(logo)") if data_url else self.tr("No logo"))
        self.logo_remove.setEnabled(data_url is not None)

    def load_logo_file(self, path: Path) -> None:
        def failed(error: BaseException) -> None:
            self.show_error(describe(error))

        self.error.hide()
        self.panel.run(self.widgets.read_logo(path), self.set_logo, failed)

    def _choose_logo(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose a logo"))
        dialog.setNameFilter(self.tr("Images (*.png *.jpg *.jpeg *.svg)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda name: self.load_logo_file(Path(name)))
        self.file_dialog = dialog
        dialog.open()

    def _choose_colour(self) -> None:
        dialog = QColorDialog(QColor(self.colour.text()), self)
        dialog.colorSelected.connect(lambda colour: self.colour.setText(colour.name()))
        self.colour_dialog = dialog
        dialog.open()

    def _show_swatch(self, text: str) -> None:
        colour = QColor(text)
        self.swatch.setStyleSheet(
            f"background: {colour.name()}; border: 1px solid #888;" if colour.isValid() else ""
        )

    def _show_snippet(self, widget: Widget) -> None:
        self.snippet_box.set_snippet(widget.embed_snippet)

    # ---- the draft ---------------------------------------------------------------------------

    def _queue_ids(self) -> tuple[str, ...]:
        queue_ids = tuple(
            str(self.queues.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.queues.count())
            if self.queues.item(i).checkState() == Qt.CheckState.Checked
        )
        if not queue_ids:
            raise ServiceError("required", self.tr("Choose at least one queue."))
        return queue_ids

    def _origins(self) -> tuple[str, ...]:
        lines = self.origins.toPlainText().splitlines()
        origins = tuple(line.strip() for line in lines if line.strip())
        if not origins:
            raise ServiceError("required", self.tr("Name at least one site that shows the widget."))
        return origins

    def _hours(self) -> BusinessHours:
        weekly = {day: parse_intervals(edit.text()) for day, edit in self.day_edits.items()}
        text = self.holidays.text().replace(";", ",")
        holidays = [h.strip() for h in text.split(",") if h.strip()]
        for holiday in holidays:
            if not QDate.fromString(holiday, Qt.DateFormat.ISODate).isValid():
                raise ServiceError(
                    "required",
                    self.tr("“{date}” is not a date like 2025-12-25.").format(date=holiday),
                )
        return BusinessHours.of(self.time_zone.currentText(), weekly, holidays)

    def draft(self) -> WidgetDraft:
        """What the form says; raises ServiceError for what cannot be read."""
        return WidgetDraft(
            name=required_text(self.name.text(), self.tr("the name")),
            queue_ids=self._queue_ids(),
            allowed_origins=self._origins(),
            business_hours=self._hours(),
            privacy_notice_url=required_text(
                self.privacy_url.text(), self.tr("the privacy notice")
            ),
            brand_colour=self.colour.text().strip(),
            logo=self.logo,
            greeting=self.greeting.value(self.tr("the greeting")),
            consent_recording=self.consent_recording.value(self.tr("the recording question")),
            consent_transcription=self.consent_transcription.value(
                self.tr("the transcription question")
            ),
            recording_mode=str(self.recording_mode.currentData()),
        )

    def request(self) -> Coroutine[Any, Any, Widget]:
        draft = self.draft()
        if self.widget is None:
            return self.widgets.create_widget(draft)
        if (draft.consent_recording is None) != (draft.consent_transcription is None):
            raise ServiceError("required", self.tr("Write both consent questions."))
        return self.widgets.update_widget(self.widget, draft)

"""The admin panel's dialogs: users, API keys (the secret shown once), queues, widgets."""

from __future__ import annotations

from collections.abc import Coroutine
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clerk_app.admin.common import (
    FormDialog,
    TaskRunner,
    copy_text,
    error_text,
    monospace_font,
    required_text,
)
from clerk_app.admin.models import app_language, role_name, scope_name
from clerk_app.admin.service import (
    DEFAULT_GRACE_HOURS,
    ENVIRONMENTS,
    MAX_GRACE_HOURS,
    ROLES,
    SCOPES,
    WEEKDAYS,
    AdminService,
    ApiKey,
    BusinessHours,
    LocalText,
    NewApiKey,
    Queue,
    RotatedApiKey,
    User,
    Widget,
    WidgetDraft,
    format_intervals,
    logo_bytes,
    parse_intervals,
)
from clerk_app.errors import ServiceError


class NewUserDialog(FormDialog):
    def __init__(self, admin: AdminService, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(runner, parent)
        self.admin = admin
        self.setWindowTitle(self.tr("New user"))
        self.name = QLineEdit(self)
        self.email = QLineEdit(self)
        self.role = QComboBox(self)
        for role in ROLES:
            self.role.addItem(role_name(role), role)
        self.role.setCurrentIndex(ROLES.index("clerk"))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Leave empty to send an invitation by e-mail"))
        self.form.addRow(self.tr("Name"), self.name)
        self.form.addRow(self.tr("E-mail"), self.email)
        self.form.addRow(self.tr("Role"), self.role)
        self.form.addRow(self.tr("Password"), self.password)
        hint = QLabel(
            self.tr(
                "Without a password the new user gets an e-mail with a code to choose one. "
                "The user accepts the privacy policy at the first log-in."
            ),
            self,
        )
        hint.setWordWrap(True)
        self.form.addRow(hint)

    def request(self) -> Coroutine[Any, Any, User]:
        return self.admin.create_user(
            name=required_text(self.name.text(), self.tr("the name")),
            email=required_text(self.email.text(), self.tr("the e-mail address")),
            role=str(self.role.currentData()),
            password=self.password.text() or None,
        )


class RoleDialog(FormDialog):
    def __init__(
        self, admin: AdminService, runner: TaskRunner, user: User, parent: QWidget | None = None
    ):
        super().__init__(runner, parent)
        self.admin = admin
        self.user = user
        self.setWindowTitle(self.tr("Change role"))
        self.role = QComboBox(self)
        for role in ROLES:
            self.role.addItem(role_name(role), role)
        self.role.setCurrentIndex(ROLES.index(user.role) if user.role in ROLES else 0)
        who = self.tr("Role of {name} ({email})").format(name=user.name, email=user.email)
        self.form.addRow(QLabel(who, self))
        self.form.addRow(self.tr("Role"), self.role)

    def request(self) -> Coroutine[Any, Any, User]:
        return self.admin.change_role(self.user.id, str(self.role.currentData()))


class NewKeyDialog(FormDialog):
    def __init__(self, admin: AdminService, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(runner, parent)
        self.admin = admin
        self.setWindowTitle(self.tr("New API key"))
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("What uses it, e.g. shop backend"))
        self.scopes: dict[str, QCheckBox] = {}
        scopes_box = QWidget(self)
        scopes_layout = QVBoxLayout(scopes_box)
        scopes_layout.setContentsMargins(0, 0, 0, 0)
        for scope in SCOPES:
            box = QCheckBox(scope_name(scope), scopes_box)
            box.setChecked(scope == "read")
            self.scopes[scope] = box
            scopes_layout.addWidget(box)
        self.environment = QComboBox(self)
        self.environment.addItem(self.tr("Live"), "live")
        self.environment.addItem(self.tr("Test"), "test")
        assert self.environment.count() == len(ENVIRONMENTS)
        self.form.addRow(self.tr("Name"), self.name)
        self.form.addRow(self.tr("Scopes"), scopes_box)
        self.form.addRow(self.tr("Environment"), self.environment)

    def request(self) -> Coroutine[Any, Any, NewApiKey]:
        name = required_text(self.name.text(), self.tr("the name"))
        scopes = [scope for scope, box in self.scopes.items() if box.isChecked()]
        if not scopes:
            raise ServiceError("required", self.tr("Choose at least one scope."))
        return self.admin.create_api_key(
            name=name, scopes=scopes, environment=str(self.environment.currentData())
        )


class RotateKeyDialog(FormDialog):
    def __init__(
        self, admin: AdminService, runner: TaskRunner, key: ApiKey, parent: QWidget | None = None
    ):
        super().__init__(runner, parent)
        self.admin = admin
        self.key = key
        self.setWindowTitle(self.tr("Rotate API key"))
        self.grace_hours = QSpinBox(self)
        self.grace_hours.setRange(0, MAX_GRACE_HOURS)
        self.grace_hours.setValue(DEFAULT_GRACE_HOURS)
        self.grace_hours.setSuffix(self.tr(" hours"))
        explanation = QLabel(
            self.tr(
                "A new key replaces “{name}” ({prefix}…). The old key keeps working for the "
                "grace period, so your systems can switch over; then it stops."
            ).format(name=key.name, prefix=key.prefix),
            self,
        )
        explanation.setWordWrap(True)
        self.form.addRow(explanation)
        self.form.addRow(self.tr("Grace period"), self.grace_hours)

    def request(self) -> Coroutine[Any, Any, RotatedApiKey]:
        return self.admin.rotate_api_key(self.key.id, grace_hours=self.grace_hours.value())


class SecretDialog(QDialog):
    """Shows a new key's secret once, with a copy button; forgets it when closed."""

    def __init__(self, title: str, key: ApiKey, secret: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWindowTitle(title)
        self.warning = QLabel(
            self.tr(
                "Copy this key now and keep it somewhere safe. You will not see it again: "
                "the server keeps only a fingerprint of it."
            ),
            self,
        )
        self.warning.setObjectName("secretWarning")
        self.warning.setWordWrap(True)
        font = self.warning.font()
        font.setBold(True)
        self.warning.setFont(font)
        self.secret = QLineEdit(secret, self)
        self.secret.setObjectName("secretField")
        self.secret.setReadOnly(True)
        self.secret.setFont(monospace_font())
        self.secret.setMinimumWidth(self.secret.fontMetrics().horizontalAdvance(secret) + 24)
        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.copy_button.setObjectName("copySecret")
        self.copy_button.clicked.connect(self.copy)
        self.copied = QLabel(self)
        self.about = QLabel(
            self.tr("“{name}”, scopes: {scopes}").format(
                name=key.name, scopes=", ".join(scope_name(s) for s in key.scopes)
            ),
            self,
        )
        row = QHBoxLayout()
        row.addWidget(self.secret, 1)
        row.addWidget(self.copy_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addWidget(self.warning)
        layout.addLayout(row)
        layout.addWidget(self.copied)
        layout.addWidget(buttons)
        self.finished.connect(self._forget)

    def copy(self) -> None:
        copy_text(self.secret.text())
        self.copied.setText(self.tr("Copied to the clipboard."))

    def _forget(self, _result: int) -> None:
        self.secret.clear()


class QueueDialog(FormDialog):
    def __init__(
        self,
        admin: AdminService,
        runner: TaskRunner,
        queue: Queue | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(runner, parent)
        self.admin = admin
        self.queue = queue
        self.setWindowTitle(self.tr("Edit queue") if queue else self.tr("New queue"))
        self.name_en = QLineEdit(queue.name.en if queue else "", self)
        self.name_nl = QLineEdit(queue.name.nl if queue else "", self)
        self.target_seconds = QSpinBox(self)
        self.target_seconds.setRange(1, 3600)
        self.target_seconds.setSuffix(self.tr(" s"))
        self.target_seconds.setValue(queue.target_seconds if queue else 20)
        self.target_share = QSpinBox(self)
        self.target_share.setRange(1, 100)
        self.target_share.setSuffix(" %")
        self.target_share.setValue(round((queue.target_share if queue else 0.8) * 100))
        self.max_length = QSpinBox(self)
        self.max_length.setRange(1, 1000)
        self.max_length.setValue(queue.max_length if queue else 50)
        self.form.addRow(self.tr("Name (English)"), self.name_en)
        self.form.addRow(self.tr("Name (Dutch)"), self.name_nl)
        self.form.addRow(self.tr("Answer within"), self.target_seconds)
        self.form.addRow(self.tr("…for at least"), self.target_share)
        self.form.addRow(self.tr("Most visitors waiting"), self.max_length)

    def request(self) -> Coroutine[Any, Any, Queue]:
        name = LocalText(
            en=required_text(self.name_en.text(), self.tr("the English name")),
            nl=required_text(self.name_nl.text(), self.tr("the Dutch name")),
        )
        share = self.target_share.value() / 100
        if self.queue is None:
            return self.admin.create_queue(
                name=name,
                max_length=self.max_length.value(),
                target_seconds=self.target_seconds.value(),
                target_share=share,
            )
        return self.admin.update_queue(
            self.queue.id,
            name=name,
            max_length=self.max_length.value(),
            target_seconds=self.target_seconds.value(),
            target_share=share,
        )


class LocalTextEdit(QWidget):
    """An English and a Dutch text side by side."""

    def __init__(self, text: LocalText | None, multiline: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.en: QLineEdit | QPlainTextEdit
        self.nl: QLineEdit | QPlainTextEdit
        if multiline:
            self.en = QPlainTextEdit(text.en if text else "", self)
            self.nl = QPlainTextEdit(text.nl if text else "", self)
            for edit in (self.en, self.nl):
                edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 12)
        else:
            self.en = QLineEdit(text.en if text else "", self)
            self.nl = QLineEdit(text.nl if text else "", self)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("English"), self), 0, 0)
        layout.addWidget(self.en, 0, 1)
        layout.addWidget(QLabel(self.tr("Dutch"), self), 1, 0)
        layout.addWidget(self.nl, 1, 1)

    @staticmethod
    def _text(edit: QLineEdit | QPlainTextEdit) -> str:
        return (edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()).strip()

    def set_texts(self, en: str, nl: str) -> None:
        for edit, text in ((self.en, en), (self.nl, nl)):
            if isinstance(edit, QLineEdit):
                edit.setText(text)
            else:
                edit.setPlainText(text)

    def value(self, what: str) -> LocalText | None:
        """Both texts, or None when both are empty (the server's standard text)."""
        en, nl = self._text(self.en), self._text(self.nl)
        if not en and not nl:
            return None
        if not en or not nl:
            raise ServiceError(
                "required",
                self.tr("Write {what} in both English and Dutch.").format(what=what),
            )
        return LocalText(en=en, nl=nl)


class WidgetEditor(FormDialog):
    """Everything about one widget; shows its embed snippet with a copy button."""

    def __init__(
        self,
        admin: AdminService,
        runner: TaskRunner,
        queues: list[Queue],
        widget: Widget | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(runner, parent)
        self.admin = admin
        self.widget = widget
        self.setWindowTitle(self.tr("Edit widget") if widget else self.tr("New widget"))
        self.resize(720, 760)
        draft = WidgetDraft.of(widget) if widget else None

        # The form scrolls; the error and buttons stay in view.
        self.body.removeItem(self.form)
        inner = QWidget(self)
        inner.setLayout(self.form)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.body.insertWidget(0, scroll, 1)

        self.name = QLineEdit(draft.name if draft else "", self)
        self.form.addRow(self.tr("Name"), self.name)

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
        self.form.addRow(self.tr("Queues offered"), self.queues)

        self.origins = QPlainTextEdit("\n".join(draft.allowed_origins) if draft else "", self)
        self.origins.setPlaceholderText("https://shop.example.com")
        self.origins.setFixedHeight(self.origins.fontMetrics().lineSpacing() * 4 + 12)
        self.form.addRow(self.tr("Allowed sites (one per line)"), self.origins)

        hours = draft.business_hours if draft else None
        self.time_zone = QLineEdit(hours.time_zone if hours else "Europe/Amsterdam", self)
        self.form.addRow(self.tr("Time zone"), self.time_zone)
        self.day_edits: dict[str, QLineEdit] = {}
        days_box = QGroupBox(
            self.tr("Opening hours (e.g. 09:00-12:00, 13:00-17:30; empty: closed)"), self
        )
        days_layout = QFormLayout(days_box)
        day_names = (
            self.tr("Monday"),
            self.tr("Tuesday"),
            self.tr("Wednesday"),
            self.tr("Thursday"),
            self.tr("Friday"),
            self.tr("Saturday"),
            self.tr("Sunday"),
        )
        for day, label in zip(WEEKDAYS, day_names, strict=True):
            default = "09:00-17:00" if day not in ("sat", "sun") else ""
            text = format_intervals(hours.intervals(day)) if hours else default
            edit = QLineEdit(text, days_box)
            self.day_edits[day] = edit
            days_layout.addRow(label, edit)
        self.form.addRow(days_box)
        self.holidays = QLineEdit(", ".join(hours.holidays) if hours else "", self)
        self.holidays.setPlaceholderText(self.tr("Closed on, e.g. 2025-12-25, 2025-12-26"))
        self.form.addRow(self.tr("Holidays"), self.holidays)

        self.privacy_url = QLineEdit(draft.privacy_notice_url if draft else "", self)
        self.privacy_url.setPlaceholderText("https://shop.example.com/privacy")
        self.form.addRow(self.tr("Privacy notice"), self.privacy_url)

        self.greeting = LocalTextEdit(draft.greeting if draft else None, False, self)
        self.form.addRow(self.tr("Greeting"), self.greeting)

        self.colour = QLineEdit(draft.brand_colour if draft else "#0a7d5a", self)
        self.colour.setMaxLength(7)
        self.colour_button = QPushButton(self.tr("Choose…"), self)
        self.colour_button.clicked.connect(self._choose_colour)
        self.swatch = QLabel(self)
        self.swatch.setFixedSize(24, 24)
        self.colour.textChanged.connect(self._show_swatch)
        colour_row = QHBoxLayout()
        colour_row.addWidget(self.colour)
        colour_row.addWidget(self.swatch)
        colour_row.addWidget(self.colour_button)
        colour_row.addStretch(1)
        self.form.addRow(self.tr("Colour"), colour_row)
        self._show_swatch(self.colour.text())

        self.logo: str | None = draft.logo if draft else None
        self.logo_preview = QLabel(self)
        self.logo_preview.setFixedHeight(48)
        self.logo_button = QPushButton(self.tr("Choose file…"), self)
        self.logo_button.clicked.connect(self._choose_logo)
        self.logo_remove = QPushButton(self.tr("Remove"), self)
        self.logo_remove.clicked.connect(lambda: self.set_logo(None))
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview)
        logo_row.addWidget(self.logo_button)
        logo_row.addWidget(self.logo_remove)
        logo_row.addStretch(1)
        self.form.addRow(self.tr("Logo (PNG, JPEG or SVG, at most 100 kB)"), logo_row)
        self.set_logo(self.logo)

        self.consent_recording = LocalTextEdit(
            draft.consent_recording if draft else None, True, self
        )
        self.consent_transcription = LocalTextEdit(
            draft.consent_transcription if draft else None, True, self
        )
        self.form.addRow(self.tr("Consent question: recording"), self.consent_recording)
        self.form.addRow(self.tr("Consent question: transcription"), self.consent_transcription)
        if widget is None:
            note = QLabel(self.tr("Texts left empty get the standard wording."), self)
            note.setWordWrap(True)
            self.form.addRow(note)
        else:
            version = QLabel(
                self.tr(
                    "Consent texts: version {version}. Changing them starts a new version; "
                    "calls keep the version the visitor agreed to."
                ).format(version=widget.consent_text_version),
                self,
            )
            version.setWordWrap(True)
            self.form.addRow(version)

        self.snippet = QPlainTextEdit(widget.embed_snippet if widget else "", self)
        self.snippet.setObjectName("embedSnippet")
        self.snippet.setReadOnly(True)
        self.snippet.setFont(monospace_font())
        self.snippet.setFixedHeight(self.snippet.fontMetrics().lineSpacing() * 3 + 12)
        self.copy_snippet = QPushButton(self.tr("Copy snippet"), self)
        self.copy_snippet.setObjectName("copySnippet")
        self.copy_snippet.clicked.connect(self._copy_snippet)
        snippet_row = QVBoxLayout()
        snippet_row.addWidget(
            QLabel(self.tr("Paste this into every page that shows the widget:"), self)
        )
        snippet_row.addWidget(self.snippet)
        snippet_row.addWidget(self.copy_snippet, 0, Qt.AlignmentFlag.AlignLeft)
        self.snippet_box = QWidget(self)
        self.snippet_box.setLayout(snippet_row)
        self.snippet_box.setVisible(widget is not None)
        self.form.addRow(self.snippet_box)
        self.file_dialog: QFileDialog | None = None
        self.colour_dialog: QColorDialog | None = None
        self.succeeded.connect(self._show_snippet)

    # logo and colour
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
            self.show_error(error_text(error))

        self.error.hide()
        self.runner.run(self.admin.read_logo(path), self.set_logo, failed)

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

    def _copy_snippet(self) -> None:
        copy_text(self.snippet.toPlainText())
        self.copy_snippet.setText(self.tr("Copied"))

    def _show_snippet(self, widget: Widget) -> None:
        self.snippet.setPlainText(widget.embed_snippet)

    # the draft
    def draft(self) -> WidgetDraft:
        """What the form says; raises ServiceError for what cannot be read."""
        queue_ids = tuple(
            str(self.queues.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.queues.count())
            if self.queues.item(i).checkState() == Qt.CheckState.Checked
        )
        if not queue_ids:
            raise ServiceError("required", self.tr("Choose at least one queue."))
        origins = tuple(
            line.strip() for line in self.origins.toPlainText().splitlines() if line.strip()
        )
        if not origins:
            raise ServiceError("required", self.tr("Name at least one site that shows the widget."))
        weekly = {day: parse_intervals(edit.text()) for day, edit in self.day_edits.items()}
        holidays = [
            h.strip() for h in self.holidays.text().replace(";", ",").split(",") if h.strip()
        ]
        for holiday in holidays:
            if not QDate.fromString(holiday, Qt.DateFormat.ISODate).isValid():
                raise ServiceError(
                    "required",
                    self.tr("“{date}” is not a date like 2025-12-25.").format(date=holiday),
                )
        return WidgetDraft(
            name=required_text(self.name.text(), self.tr("the name")),
            queue_ids=queue_ids,
            allowed_origins=origins,
            business_hours=BusinessHours.of(
                required_text(self.time_zone.text(), self.tr("the time zone")), weekly, holidays
            ),
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
        )

    def request(self) -> Coroutine[Any, Any, Widget]:
        draft = self.draft()
        if self.widget is None:
            return self.admin.create_widget(draft)
        if (draft.consent_recording is None) != (draft.consent_transcription is None):
            raise ServiceError("required", self.tr("Write both consent questions."))
        return self.admin.update_widget(self.widget, draft)


"""Forms of the API keys tab: a new key, a rotation, and the secret shown once."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clerk_app.admin.base import FormDialog, copy_text, monospace_font, required_text
from clerk_app.admin.keys.service import (
    DEFAULT_GRACE_HOURS,
    ENVIRONMENTS,
    MAX_GRACE_HOURS,
    SCOPES,
    ApiKey,
    KeysService,
    NewApiKey,
    RotatedApiKey,
)
from clerk_app.admin.names import scope_name
from clerk_app.errors import ServiceError

if TYPE_CHECKING:
    from clerk_app.admin.panel import AdminPanel


class NewKeyDialog(FormDialog):
    def __init__(self, keys: KeysService, panel: AdminPanel, parent: QWidget | None = None):
        super().__init__(panel, parent)
        self.keys = keys
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
        self.add_row(self.tr("&Name"), self.name)
        self.add_row(self.tr("&Scopes"), scopes_box)
        scopes_box.setFocusProxy(self.scopes[SCOPES[0]])
        self.add_row(self.tr("En&vironment"), self.environment)

    def request(self) -> Coroutine[Any, Any, NewApiKey]:
        name = required_text(self.name.text(), self.tr("the name"))
        scopes = [scope for scope, box in self.scopes.items() if box.isChecked()]
        if not scopes:
            raise ServiceError("required", self.tr("Choose at least one scope."))
        return self.keys.create_api_key(
            name=name, scopes=scopes, environment=str(self.environment.currentData())
        )


class RotateKeyDialog(FormDialog):
    def __init__(
        self, keys: KeysService, panel: AdminPanel, key: ApiKey, parent: QWidget | None = None
    ):
        super().__init__(panel, parent)
        self.keys = keys
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
        self.add_row(self.tr("&Grace period"), self.grace_hours)

    def request(self) -> Coroutine[Any, Any, RotatedApiKey]:
        return self.keys.rotate_api_key(self.key.id, grace_hours=self.grace_hours.value())


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
        self.copy_button = QPushButton(self.tr("&Copy"), self)
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

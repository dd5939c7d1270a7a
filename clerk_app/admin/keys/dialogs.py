"""Forms of the API keys tab: a new key, a rotation, and the secret shown once."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clerk_app.admin.base import FormDialog, required_text
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

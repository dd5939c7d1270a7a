"""The API keys tab: keys for the organisation's systems, rotated and revoked here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from clerk_app.admin.base import RecordTab, SecretDialog
from clerk_app.admin.keys.dialogs import NewKeyDialog, RotateKeyDialog
from clerk_app.admin.keys.model import ApiKeysModel
from clerk_app.admin.keys.service import ApiKey, KeysService, NewApiKey, RotatedApiKey
from clerk_app.admin.names import scope_name

if TYPE_CHECKING:
    from clerk_app.admin.panel import AdminPanel


class ApiKeysTab(RecordTab[ApiKey]):
    def __init__(self, panel: AdminPanel) -> None:
        self.service = KeysService(panel.api)
        super().__init__(panel, ApiKeysModel(panel), "apiKeysTable", self.service.list_api_keys)
        self.new_button = self.add_button(self.open_new_key)
        self.rotate_button = self.add_button(self.open_rotate)
        self.revoke_button = self.add_button(self.ask_revoke)
        self.secret_dialog: SecretDialog | None = None
        self.set_up(self.new_button, self.rotate_button, self.revoke_button)

    def title(self) -> str:
        return self.tr("API &keys")

    def retranslate(self) -> None:
        super().retranslate()
        self.new_button.setText(self.tr("&New key…"))
        self.rotate_button.setText(self.tr("R&otate…"))
        self.revoke_button.setText(self.tr("Re&voke…"))
        self.view.setAccessibleName(self.tr("API keys"))

    def describe(self, some_id: str) -> str | None:
        row = self.model.row_of(some_id)
        if row < 0:
            return None
        return self.tr("API key “{name}”").format(name=self.model.record(row).name)

    def update_buttons(self, *_: object) -> None:
        key = self.selected()
        usable = key is not None and key.status in ("active", "expiring")
        self.rotate_button.setEnabled(usable)
        self.revoke_button.setEnabled(key is not None and key.status != "revoked")

    def open_new_key(self) -> None:
        self.open_dialog(NewKeyDialog(self.service, self.panel, self), self._created)

    def _created(self, created: NewApiKey) -> None:
        self.model.replace_record(created.key)
        self.select(created.key.id)
        self._show_secret(self.tr("Your new API key"), created.key, created.secret)
        self.panel.notify(self.tr("“{name}” is made.").format(name=created.key.name))

    def open_rotate(self) -> None:
        key = self.selected()
        if key is not None:
            dialog = RotateKeyDialog(self.service, self.panel, key, self)
            self.open_dialog(dialog, self._rotated)

    def _rotated(self, rotated: RotatedApiKey) -> None:
        self.model.replace_record(rotated.old_key)
        self.model.replace_record(rotated.new_key)
        self.select(rotated.new_key.id)
        self._show_secret(self.tr("The replacement key"), rotated.new_key, rotated.secret)
        self.panel.notify(self.tr("“{name}” is replaced.").format(name=rotated.old_key.name))

    def _show_secret(self, title: str, key: ApiKey, secret: str) -> None:
        if self.secret_dialog is not None:
            self.secret_dialog.deleteLater()
        about = self.tr("“{name}”, scopes: {scopes}").format(
            name=key.name, scopes=", ".join(scope_name(s) for s in key.scopes)
        )
        warning = self.tr(
            "Copy this key now and keep it somewhere safe. You will not see it again: "
            "the server keeps only a fingerprint of it."
        )
        self.secret_dialog = SecretDialog(title, about, warning, secret, self)
        self.secret_dialog.open()

    def ask_revoke(self) -> None:
        key = self.selected()
        if key is None:
            return
        self.ask(
            self.tr("Revoke API key"),
            self.tr(
                "Revoke “{name}” ({prefix}…)? It stops working on its next request. "
                "This cannot be undone."
            ).format(name=key.name, prefix=key.prefix),
            self.tr("Revoke"),
            lambda: self._revoke(key),
        )

    def _revoke(self, key: ApiKey) -> None:
        def done(revoked: ApiKey) -> None:
            self.model.replace_record(revoked)
            self.panel.notify(self.tr("“{name}” is revoked.").format(name=revoked.name))

        self.panel.run(self.service.revoke_api_key(key.id), done)

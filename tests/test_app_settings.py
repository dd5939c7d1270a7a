"""Settings (devices with live preview, language, theme), log-out, and where the server
address comes from (--server, the remembered one, the config file, a lock)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import httpx
import qasync
from PySide6.QtMultimedia import QMediaDevices
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from clerk_app.account.token_store import MemoryTokenStore
from clerk_app.settings.config import AppConfig, load_config
from clerk_app.settings.store import PreferenceStore
from clerk_app.settings.view import SettingsDialog
from clerk_app.shell.app import ClerkApp
from clerk_app.shell.i18n import install_translators
from clerk_app.shell.theme import apply_theme
from tests.accounts_helpers import STRONG_PASSWORD, new_org
from tests.live_server import LiveServer
from tests.media_fixtures import eventually
from tests.qt_fixtures import AppHarness, harness_fixture, log_in, qt_loop_fixture, run

__all__ = ["harness_fixture", "qt_loop_fixture"]


def test_settings_preview_the_test_source_and_store_theme_and_language(
    server: LiveServer, client: httpx.Client, harness: AppHarness, qt_loop: qasync.QEventLoop
) -> None:
    org = new_org(client)
    app, email = harness.for_new_user(client, org, server.url)

    async def scenario() -> None:
        await log_in(app, email, STRONG_PASSWORD)
        app.open_settings()
        dialog = app.settings_dialog
        assert isinstance(dialog, SettingsDialog)
        assert dialog.camera_combo.currentData() == "test"
        await eventually(lambda: dialog.preview.frames_received > 3, "live preview")
        assert dialog.preview.last_frame_size == (640, 480)
        # Without any audio output (CI) the choice is disabled, with a note saying why.
        assert dialog.speaker_combo.isEnabled() == bool(QMediaDevices.audioOutputs())
        dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))
        dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("nl"))
        task = dialog._preview_task
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.click()
        await eventually(lambda: app.settings_dialog is None, "dialog closed")
        await eventually(lambda: task is None or task.done(), "preview stopped")
        assert QApplication.instance().property("videoclerkTheme") == "dark"  # type: ignore[union-attr]
        stored = app.store.load()
        assert (stored.theme, stored.language, stored.camera) == ("dark", "nl", "test")
        assert app.language == "nl"

    try:
        run(qt_loop, scenario())
    finally:
        install_translators(app.qapp, "en")
        apply_theme(app.qapp, "light")


def test_log_out_ends_the_session_and_returns_to_the_log_in_window(
    server: LiveServer, client: httpx.Client, harness: AppHarness, qt_loop: qasync.QEventLoop
) -> None:
    org = new_org(client)
    app, email = harness.for_new_user(client, org, server.url)

    async def scenario() -> str:
        await log_in(app, email, STRONG_PASSWORD)
        assert app.session is not None
        token = app.session.token
        assert app.main_window is not None
        app.main_window.log_out_requested.emit()
        await eventually(lambda: app.login_window is not None, "back at the log-in window")
        assert app.main_window is None and app.session is None
        assert app.login_window is not None
        assert app.login_window.banner.text == "You are logged out."
        assert await app.tokens.load(server.url) is None
        return token

    token = run(qt_loop, scenario())
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 401


def test_server_flag_beats_remembered_address_beats_config_file_unless_locked(
    tmp_path: Path, qapp: QApplication
) -> None:
    store = PreferenceStore.at(tmp_path / "settings.ini")
    config_file = tmp_path / "videoclerk.toml"
    config_file.write_text('server = "https://pinned.example"\n', encoding="utf-8")
    config = load_config(config_file, system=tmp_path / "none.toml")
    locked_file = tmp_path / "locked.toml"
    locked_file.write_text(
        'server = "https://pinned.example"\nlocked = ["server"]\n', encoding="utf-8"
    )
    locked = load_config(locked_file, system=tmp_path / "none.toml")

    def initial(server: str | None, config: AppConfig | None) -> str:
        app = ClerkApp(
            qapp, preferences=store, tokens=MemoryTokenStore(), config=config, server=server
        )
        return app.initial_server

    assert initial(None, config) == "https://pinned.example"  # nothing remembered yet
    store.save(store.load().with_changes(server_url="https://remembered.example"))
    assert initial(None, None) == "https://remembered.example"
    assert initial(None, config) == "https://remembered.example"
    assert initial("https://flag.example", config) == "https://flag.example"
    assert initial(None, locked) == "https://pinned.example"

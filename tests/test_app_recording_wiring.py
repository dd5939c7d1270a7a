"""The recorder and the uploader as the app wires them to its sessions: a recording left in
the spool goes up after the next log-in with that session's token, log-out stops them, and
the spool's folder and limit come from the Settings dialog (English and Dutch)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dataclasses import replace
from pathlib import Path

import httpx
import qasync
from PySide6.QtWidgets import QDialogButtonBox

from clerk_app.recording.spool import Spool
from clerk_app.recording.view import UploadsButton
from clerk_app.settings.view import SettingsDialog
from clerk_app.shell.app import ClerkApp
from clerk_app.shell.i18n import install_translators
from tests.accounts_helpers import STRONG_PASSWORD, add_user, new_email
from tests.live_server import LiveServer
from tests.media_fixtures import eventually
from tests.offers_helpers import in_call
from tests.qt_fixtures import AppHarness, harness_fixture, log_in, qt_loop_fixture, run
from tests.queue_helpers import call_centre
from tests.recordings_helpers import webm

__all__ = ["harness_fixture", "qt_loop_fixture"]


async def log_out(app: ClerkApp) -> None:
    assert app.main_window is not None
    app.main_window.log_out_requested.emit()
    await eventually(lambda: app.login_window is not None, "back at the log-in window")


def test_a_recording_in_the_spool_goes_up_after_the_next_log_in_with_its_token(
    server: LiveServer, client: httpx.Client, harness: AppHarness, qt_loop: qasync.QEventLoop
) -> None:
    centre = call_centre(client)
    email = new_email("clerk")
    _, token = add_user(client, centre.org, "clerk", email=email)
    app = harness.make(server.url)
    media = webm(seconds=2.0)
    seen: dict[str, str] = {}

    async def scenario() -> None:
        await log_in(app, email, STRONG_PASSWORD)
        runtime = app.recordings
        assert runtime is not None and runtime.recorder is not None
        uploads = runtime.uploads
        assert uploads is not None
        assert uploads.spool.folder.parent == app.data_dir / "recordings"  # the default
        await log_out(app)  # the first session's token is gone with it
        assert runtime.recorder is None

        # While logged out: a call of this clerk, with consent, recorded by an earlier run.
        call = await in_call(
            server, client, centre=replace(centre, clerk_tokens=[token]), recording=True
        )
        await call.close()
        seen["call_id"] = call.call_id
        spool = Spool(uploads.spool.folder)
        entry = spool.new_entry(call.call_id)
        spool.media_path(entry.recording_id).write_bytes(media)
        spool.finish(entry, 2.0)

        await log_in(app, email, STRONG_PASSWORD)
        assert runtime.uploads is uploads  # the same server: the same uploader goes on
        await eventually(lambda: spool.entries() == [], "the recording uploaded", within=60)

    run(qt_loop, scenario())
    listing = client.get("/api/v1/recordings", headers=centre.org.admin).json()["items"]
    [item] = [item for item in listing if item["call_id"] == seen["call_id"]]
    assert (item["status"], item["size"]) == ("complete", len(media))


def test_the_spool_folder_and_limit_are_settings(
    server: LiveServer,
    client: httpx.Client,
    harness: AppHarness,
    qt_loop: qasync.QEventLoop,
    tmp_path: Path,
) -> None:
    centre = call_centre(client)
    email = new_email("clerk")
    add_user(client, centre.org, "clerk", email=email)
    app = harness.make(server.url)
    chosen = tmp_path / "chosen spool"

    async def scenario() -> None:
        await log_in(app, email, STRONG_PASSWORD)
        model = app.uploads_model
        assert model is not None and model.limit_bytes == 2 * 1024**3
        app.open_settings()
        dialog = app.settings_dialog
        assert isinstance(dialog, SettingsDialog)
        assert dialog.spool_edit.text() == ""
        assert dialog.spool_edit.placeholderText() == str(app.data_dir / "recordings")
        assert dialog.spool_limit_spin.value() == 2048
        dialog.spool_edit.setText(str(chosen))
        dialog.spool_limit_spin.setValue(100)
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        buttons.button(QDialogButtonBox.StandardButton.Save).click()
        await eventually(lambda: app.settings_dialog is None, "dialog closed")
        stored = app.store.load()
        assert (stored.spool_folder, stored.spool_limit_mb) == (str(chosen), 100)
        assert model.limit_bytes == 100 * 1024 * 1024  # at once

        await log_out(app)  # a new folder applies from the next log-in
        await log_in(app, email, STRONG_PASSWORD)
        runtime = app.recordings
        assert runtime is not None and runtime.uploads is not None
        assert runtime.uploads.spool.folder.parent == chosen
        assert app.uploads_model is not model  # a new uploader, a new list
        assert app.uploads_model is not None and app.uploads_model.limit_bytes == 100 * 1024**2

        # In Dutch.
        install_translators(app.qapp, "nl")
        app.open_settings()
        dutch = app.settings_dialog
        assert isinstance(dutch, SettingsDialog)
        assert dutch.spool_button.text() == "Kiezen\u2026"
        assert dutch.findChild(QDialogButtonBox) is not None
        dutch.reject()
        await eventually(lambda: app.settings_dialog is None, "dialog closed")
        button = UploadsButton(app.uploads_model)
        assert button.text() == "Wachtende opnamen: 0"
        button.deleteLater()

    try:
        run(qt_loop, scenario())
    finally:
        install_translators(app.qapp, "en")

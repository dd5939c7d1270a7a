"""'My data and privacy' in the clerk app against the real server (P11): any user corrects
their name and address, restricts processing, and exports their data to a file."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
import zipfile
from pathlib import Path

import httpx
import qasync

from clerk_app.privacy.view import MyDataDialog
from clerk_app.shell.main_window import MainWindow
from tests.accounts_helpers import STRONG_PASSWORD, bearer, log_in, new_email, new_org
from tests.qt_fixtures import AppHarness, harness_fixture, qt_loop_fixture, run
from tests.qt_fixtures import log_in as app_log_in

__all__ = ["harness_fixture", "qt_loop_fixture"]


def _action(window: MainWindow, text: str) -> None:
    menu = window.menuBar().actions()[0].menu()
    [action] = [a for a in menu.actions() if a.text() == text]  # type: ignore[union-attr]
    action.trigger()


def test_a_clerk_corrects_restricts_and_exports_their_data(
    client: httpx.Client, harness: AppHarness, qt_loop: qasync.QEventLoop, tmp_path: Path
) -> None:
    """P11: from the menu, a clerk corrects their name (at once) and address (with their
    password), restricts marketing (what the organisation restricted is shown, fixed), and
    saves their export as a ZIP with a README; the server has all of it."""
    org = new_org(client)
    assert client.put(
        "/api/v1/organisation/restrictions", headers=org.admin, json={"automated_decisions": True}
    ).is_success
    app, email = harness.for_new_user(client, org, str(client.base_url))
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "mine.zip"
    new_address = new_email("moved")

    async def scenario() -> MyDataDialog:
        await app_log_in(app, email, STRONG_PASSWORD)
        window = app.main_window
        assert window is not None
        _action(window, "&Export my data\u2026")
        dialog = window.my_data_dialog
        assert dialog is not None and dialog.isVisible()
        chooser = dialog.export_dialog
        assert chooser is not None and chooser.isVisible()
        chooser.selectFile(str(target))
        chooser.accept()
        await dialog.wait_idle()
        assert dialog.automated.isChecked() and not dialog.automated.isEnabled()
        assert "whole organisation" in dialog.organisation_note.text()
        assert dialog.marketing.isEnabled() and not dialog.marketing.isChecked()
        assert dialog.last_export is not None and dialog.last_export.path == target
        assert str(target) in dialog.export_status.text()

        dialog.name.setText("Clara Clerk")
        dialog.email.setText(new_address)
        dialog.save_details_button.click()  # no password: refused, explained
        await dialog.wait_idle()
        assert dialog.error.text() == "Give your current password to change your e-mail address."
        dialog.password.setText(STRONG_PASSWORD)
        dialog.save_details_button.click()
        await dialog.wait_idle()
        assert dialog.error.isHidden()
        assert window.windowTitle().endswith("Clara Clerk")
        dialog.marketing.setChecked(True)
        dialog.save_choices_button.click()
        await dialog.wait_idle()
        assert dialog.notice.text() == "Your privacy choices are saved."
        return dialog

    run(qt_loop, scenario())
    with zipfile.ZipFile(target) as archive:
        assert "README.md" in archive.namelist()
        [me] = json.loads(archive.read("me.json"))
    assert me["email"] == email
    assert list(folder.iterdir()) == [target]  # the .part file was renamed
    token = log_in(client, new_address)
    shown = client.get("/api/v1/me", headers=bearer(token)).json()
    assert shown["name"] == "Clara Clerk"
    mine = client.get("/api/v1/me/restrictions", headers=bearer(token)).json()
    assert mine["own"] == {
        "marketing": True,
        "automated_decisions": False,
        "service_improvement": False,
    }

"""The settings dialog's marketing choice against the real server (P13)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import httpx
import qasync
from pytestqt.qtbot import QtBot

from clerk_app.account.mail_choices import MailChoices
from clerk_app.account.service import AccountService
from clerk_app.server_address import ServerAddress
from clerk_app.settings.preferences import Preferences
from clerk_app.settings.view import SettingsDialog
from tests.accounts_helpers import add_user, audit_events, bearer, new_org
from tests.live_server import LiveServer
from tests.qt_fixtures import qt_loop_fixture, run
from tests.test_app_speaker import FakeBackend

__all__ = ["qt_loop_fixture"]


def test_marketing_is_off_until_switched_on_in_the_settings(
    qtbot: QtBot, qt_loop: qasync.QEventLoop, server: LiveServer, client: httpx.Client
) -> None:
    """P13: the box shows the server's choice (off by default); ticking it opts in at once,
    unticking opts out, each audited as the user's own choice in the app."""
    org = new_org(client)
    _, token = add_user(client, org, "clerk")
    accounts = AccountService(ServerAddress.parse(server.url))
    dialog = SettingsDialog(
        Preferences(), speakers=FakeBackend(), mail=MailChoices(accounts, token)
    )
    qtbot.addWidget(dialog)
    box = dialog.mail_box
    assert box is not None
    try:
        run(qt_loop, box.wait_idle())
        check = box.marketing_check
        assert check.isEnabled() and not check.isChecked()
        check.click()
        run(qt_loop, box.wait_idle())
        assert check.isChecked()
        assert "Saved" in box.status.text()
        mine = client.get("/api/v1/me/preferences", headers=bearer(token)).json()
        assert mine["marketing_mail"] is True
        check.click()
        run(qt_loop, box.wait_idle())
        mine = client.get("/api/v1/me/preferences", headers=bearer(token)).json()
        assert mine["marketing_mail"] is False
        events = [e["event"] for e in audit_events(client, org) if e["event"].startswith("mark")]
        assert events == ["marketing.opted_out", "marketing.opted_in"]  # newest first
    finally:
        run(qt_loop, accounts.close())


def test_without_a_session_the_dialog_has_no_mail_box(qtbot: QtBot) -> None:
    """The settings work logged out too; the mail choice needs a session."""
    dialog = SettingsDialog(Preferences(), speakers=FakeBackend())
    qtbot.addWidget(dialog)
    assert dialog.mail_box is None

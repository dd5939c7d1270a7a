"""Closing the account from the app (P12): the admin panel's Account tab asks with a clear
warning and the admin's password; afterwards the app of everyone logged in returns to the
log-in window, which says the organisation's account is closed."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import asyncio

import httpx
import qasync

from clerk_app.admin.closure.dialogs import CloseAccountDialog
from clerk_app.admin.closure.tab import AccountTab
from tests.accounts_helpers import OTHER_STRONG_PASSWORD, STRONG_PASSWORD, new_org, problem
from tests.live_server import LiveServer
from tests.media_fixtures import eventually
from tests.qt_fixtures import (
    AppHarness,
    harness_fixture,
    log_in,
    login_window,
    qt_loop_fixture,
    run,
)
from tests.retention_helpers import close
from tests.test_admin_panel import Rig, rig  # noqa: F401 - the fixture

__all__ = ["harness_fixture", "qt_loop_fixture"]
CLOSED_TEXT = "Your organisation's account is closed: nobody can log in to it any more."


def test_the_account_tab_closes_the_account_after_a_warning_and_the_password(
    rig: Rig,  # noqa: F811
    client: httpx.Client,
) -> None:
    """P12: the tab names the organisation and says what closing does to access and data;
    a wrong password is refused in the dialog and leaves the account open; the right one
    closes it, and the panel says so."""
    tab = rig.panel.area(AccountTab)
    rig.panel.tabs.setCurrentWidget(tab)
    name = client.get("/api/v1/organisation", headers=rig.org.admin).json()["name"]
    assert tab.name_text.text() == name
    assert "cannot be undone" in tab.explanation.text()
    assert "within 60 days" in tab.explanation.text()
    tab.close_button.click()
    dialog = tab.dialog
    assert isinstance(dialog, CloseAccountDialog) and dialog.isVisible()
    assert name in dialog.warning.text() and "for good" in dialog.warning.text()
    dialog.password.setText(OTHER_STRONG_PASSWORD)
    dialog.ok_button.click()
    rig.settle()
    assert dialog.isVisible()
    assert dialog.field_errors["password"].text() == "The password is wrong."
    assert client.get("/api/v1/organisation", headers=rig.org.admin).status_code == 200
    dialog.password.setText(STRONG_PASSWORD)
    dialog.ok_button.click()
    rig.settle()
    assert not dialog.isVisible()
    assert "The account is closed" in rig.panel.notice.text()
    assert not tab.close_button.isEnabled()
    assert tab.closed is not None and tab.closed.organisation_id == rig.org.id
    login = client.post(
        "/api/v1/auth/login", json={"email": rig.org.admin_email, "password": STRONG_PASSWORD}
    )
    assert problem(login, 403)["code"] == "organisation_closed"


def test_the_app_returns_to_log_in_and_says_the_account_is_closed(
    server: LiveServer, client: httpx.Client, harness: AppHarness, qt_loop: qasync.QEventLoop
) -> None:
    """P12: a clerk's app is sent back to the log-in window when the admin closes the
    account, with the reason; logging in again gets the same sentence."""
    org = new_org(client)
    app, email = harness.for_new_user(client, org, server.url)

    async def scenario() -> None:
        await log_in(app, email, STRONG_PASSWORD)
        closed = await asyncio.to_thread(close, client, org)
        assert closed.status_code == 200, closed.text
        window = await login_window(app)
        assert app.main_window is None
        assert window.banner.text == CLOSED_TEXT
        fresh = await login_window(harness.make(server.url))
        fresh.email_edit.setText(email)
        fresh.password_edit.setText(STRONG_PASSWORD)
        fresh.login_button.click()
        await eventually(lambda: bool(fresh.banner.text), "an answer", within=20)
        assert fresh.banner.text == CLOSED_TEXT

    run(qt_loop, scenario())

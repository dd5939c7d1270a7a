"""The clerk app's log-in window against the real server: good, wrong, locked, policy, and the
"forgot password" and "create an organisation" dialogs; plus `videoclerk --smoke`."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
import qasync
from PySide6.QtWidgets import QWidget

from clerk_app.account.view import LoginWindow
from clerk_app.shell.app import ClerkApp
from clerk_app.shell.i18n import install_translators
from tests.accounts_helpers import (
    OTHER_STRONG_PASSWORD,
    STRONG_PASSWORD,
    add_user,
    mailed_code,
    new_email,
    new_org,
)
from tests.live_server import LiveServer, live_server
from tests.media_fixtures import eventually
from tests.privacy_helpers import add_policy_version
from tests.qt_fixtures import (
    AppHarness,
    fill_sign_up,
    harness_fixture,
    log_in,
    login_window,
    qt_loop_fixture,
    run,
)

__all__ = ["harness_fixture", "qt_loop_fixture"]


def test_good_log_in_opens_the_main_window_and_remembers_the_server(
    server: LiveServer, client: httpx.Client, harness: AppHarness, qt_loop: qasync.QEventLoop
) -> None:
    org = new_org(client)
    app, email = harness.for_new_user(client, org, server.url)

    async def scenario() -> None:
        await log_in(app, email, STRONG_PASSWORD)
        window = app.main_window
        assert window is not None
        assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["Calls"]
        await eventually(lambda: window.link_label.property("linkState") == "connected", "linked")
        assert app.login_window is None
        assert await app.tokens.load(server.url) == app.session.token  # type: ignore[union-attr]

    run(qt_loop, scenario())
    assert app.store.load().server_url == server.url
    assert app.store.load().last_email == email


def test_admin_sees_the_supervisor_and_admin_tabs(
    server: LiveServer, client: httpx.Client, harness: AppHarness, qt_loop: qasync.QEventLoop
) -> None:
    org = new_org(client)
    app = harness.make(server.url)

    async def scenario() -> None:
        await log_in(app, org.admin_email, STRONG_PASSWORD)
        window = app.main_window
        assert window is not None
        tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        assert tabs == ["Calls", "Supervisor", "Admin"]

    run(qt_loop, scenario())


def test_a_supervisor_sees_the_offers_without_the_admin_tabs(
    server: LiveServer, client: httpx.Client, harness: AppHarness, qt_loop: qasync.QEventLoop
) -> None:
    """Issue 10: supervisors list, filter and export offers in the app, but change no settings."""
    org = new_org(client)
    email = new_email("supervisor")
    add_user(client, org, "supervisor", email=email)
    app = harness.make(server.url)

    async def scenario() -> None:
        from clerk_app.admin.offers.tab import OffersTab
        from clerk_app.admin.panel import OffersPanel

        await log_in(app, email, STRONG_PASSWORD)
        window = app.main_window
        assert window is not None
        tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        assert tabs == ["Calls", "Supervisor", "Offers"]
        panel = window.admin_panel
        assert isinstance(panel, OffersPanel)
        window.show()
        window.tabs.setCurrentWidget(panel)
        await eventually(lambda: panel.loaded, "the offers asked for")
        await panel.tasks.wait_idle()
        assert not panel.banner.label.text()  # the server let a supervisor read them
        tab = panel.find_area(OffersTab)
        assert tab is not None
        assert tab.export_button.isEnabled()
        assert not tab.settings_button.isVisibleTo(panel)

    run(qt_loop, scenario())


def test_wrong_password_is_explained_in_the_window(
    server: LiveServer, client: httpx.Client, harness: AppHarness, qt_loop: qasync.QEventLoop
) -> None:
    org = new_org(client)
    app = harness.make(server.url)

    async def scenario() -> None:
        window = await login_window(app)
        window.email_edit.setText(org.admin_email)
        window.password_edit.setText("not the password at all")
        window.login_button.click()
        await eventually(lambda: bool(window.banner.text), "an answer", within=20)
        assert window.banner.kind == "error"
        assert "password is wrong" in window.banner.text
        assert app.main_window is None
        assert window.login_button.isEnabled()

    run(qt_loop, scenario())


def test_unreachable_server_is_explained_with_what_to_do(
    harness: AppHarness, qt_loop: qasync.QEventLoop
) -> None:
    app = harness.make("http://127.0.0.1:9")

    async def scenario() -> None:
        window = await login_window(app)
        window.email_edit.setText("someone@example.com")
        window.password_edit.setText("whatever it is")
        window.login_button.click()
        await eventually(lambda: bool(window.banner.text), "an answer", within=20)
        assert "cannot be reached" in window.banner.text
        assert "Check the server address" in window.banner.text

    run(qt_loop, scenario())


@pytest.fixture
def locking_server(tmp_path: Path) -> Iterator[LiveServer]:
    env = {"VIDEOCLERK_LOGIN_LOCK_AFTER": "2", "VIDEOCLERK_LOGIN_SLOW_SECONDS": "0"}
    with live_server(tmp_path / "locking", env=env) as running:
        yield running


def test_locked_account_shows_the_wait_and_a_way_out(
    locking_server: LiveServer, harness: AppHarness, qt_loop: qasync.QEventLoop
) -> None:
    with httpx.Client(base_url=locking_server.url, timeout=30) as client:
        org = new_org(client)
    app = harness.make(locking_server.url)

    async def attempt(window: object, password: str) -> str:
        from clerk_app.account.view import LoginWindow

        assert isinstance(window, LoginWindow)
        window.banner.dismiss()
        window.password_edit.setText(password)
        window.login_button.click()
        await eventually(lambda: bool(window.banner.text), "an answer", within=20)
        return window.banner.text

    async def scenario() -> None:
        window = await login_window(app)
        window.email_edit.setText(org.admin_email)
        first = await attempt(window, "wrong one")
        assert "password is wrong" in first
        second = await attempt(window, "wrong two")
        assert "locked" in second
        assert " min " in second or " s." in second  # the time left is named
        assert window.banner.action.isVisible()  # "Reset password…" is offered
        third = await attempt(window, STRONG_PASSWORD)  # right password, still locked
        assert "locked" in third
        assert app.main_window is None

    run(qt_loop, scenario())


def test_deactivated_user_gets_the_wrong_password_answer(
    server: LiveServer, client: httpx.Client, harness: AppHarness, qt_loop: qasync.QEventLoop
) -> None:
    org = new_org(client)
    email = new_email("clerk")
    user_id, _ = add_user(client, org, "clerk", email=email)
    deactivate = client.patch(f"/api/v1/users/{user_id}", headers=org.admin, json={"active": False})
    deactivate.raise_for_status()
    app = harness.make(server.url)

    async def scenario() -> None:
        window = await login_window(app)
        window.email_edit.setText(email)
        window.password_edit.setText(STRONG_PASSWORD)
        window.login_button.click()
        await eventually(lambda: bool(window.banner.text), "an answer", within=20)
        # P17 (issue 9): a deactivated account is answered like a wrong password, so the
        # answer does not tell a stranger that the account exists.
        assert "password is wrong" in window.banner.text

    run(qt_loop, scenario())


def test_the_policy_is_accepted_in_the_window_then_log_in_works(
    server: LiveServer, client: httpx.Client, harness: AppHarness, qt_loop: qasync.QEventLoop
) -> None:
    """P15: a user who never logged in is asked to accept the policy in force, with a link to
    its text, and is not told that it "changed"."""
    org = new_org(client)
    email = new_email("clerk")
    # Created by an admin and never logged in: the policy is not accepted yet.
    client.post(
        "/api/v1/users",
        headers=org.admin,
        json={"name": "New Clerk", "email": email, "role": "clerk", "password": STRONG_PASSWORD},
    ).raise_for_status()
    app = harness.make(server.url)

    async def scenario() -> None:
        window = await login_window(app)
        window.email_edit.setText(email)
        window.password_edit.setText(STRONG_PASSWORD)
        window.login_button.click()
        await eventually(lambda: not window.policy_box.isHidden(), "the policy question", within=20)
        assert "2020-05-01" in window.policy_check.text()
        assert "Before your first log-in" in window.policy_text.text()
        assert "changed" not in window.policy_text.text() + window.banner.text
        assert f'href="{server.url}/privacy/policy/2020-05-01"' in window.policy_link.text()
        assert not window.policy_link.isHidden()
        window.login_button.click()  # not ticked: refused again
        await eventually(lambda: window.login_button.isEnabled(), "answer")
        assert app.main_window is None
        window.policy_check.setChecked(True)
        window.login_button.click()
        await eventually(lambda: app.main_window is not None, "main window", within=20)

    run(qt_loop, scenario())


def test_a_material_change_is_announced_in_the_window(
    tmp_path: Path, harness: AppHarness, qt_loop: qasync.QEventLoop
) -> None:
    """P15: after a material change takes effect, the window says the policy changed, links
    to the new text, and logs in once it is accepted."""
    with (
        live_server(tmp_path / "server") as own,
        httpx.Client(base_url=own.url, timeout=30) as client,
    ):
        org = new_org(client)
        add_policy_version(own, tmp_path, "2031-06", timedelta(hours=1), "--material")
        own.advance_clock(3601)
        app = harness.make(own.url)

        async def scenario() -> None:
            window = await login_window(app)
            window.email_edit.setText(org.admin_email)
            window.password_edit.setText(STRONG_PASSWORD)
            window.login_button.click()
            await eventually(lambda: not window.policy_box.isHidden(), "the question", within=20)
            assert "has changed since you last logged in" in window.policy_text.text()
            assert f'href="{own.url}/privacy/policy/2031-06"' in window.policy_link.text()
            window.policy_check.setChecked(True)
            window.login_button.click()
            await eventually(lambda: app.main_window is not None, "main window", within=20)

        run(qt_loop, scenario())


def test_forgot_password_dialog_sets_a_new_password(
    server: LiveServer, client: httpx.Client, harness: AppHarness, qt_loop: qasync.QEventLoop
) -> None:
    org = new_org(client)
    app = harness.make(server.url)

    async def scenario() -> None:
        from clerk_app.account.reset_view import ForgotPasswordDialog

        window = await login_window(app)
        window.email_edit.setText(org.admin_email)
        window.forgot_button.click()
        dialog = window._forgot
        assert isinstance(dialog, ForgotPasswordDialog)
        assert dialog.email_edit.text() == org.admin_email
        dialog.send_button.click()
        await eventually(lambda: dialog.pages.currentIndex() == 1, "code page", within=20)
        dialog.code_edit.setText(mailed_code(server.data_dir, org.admin_email))
        dialog.password_edit.setText("short")
        dialog.repeat_edit.setText("short")
        dialog.change_button.click()
        await eventually(lambda: bool(dialog.banner.text), "weak password refused", within=20)
        assert "easy to guess" in dialog.banner.text
        dialog.password_edit.setText(OTHER_STRONG_PASSWORD)
        dialog.repeat_edit.setText(OTHER_STRONG_PASSWORD)
        dialog.change_button.click()
        await eventually(lambda: not dialog.isVisible(), "dialog done", within=20)
        assert "password is changed" in window.banner.text
        await log_in(app, org.admin_email, OTHER_STRONG_PASSWORD)

    run(qt_loop, scenario())


def invite(client: httpx.Client, admin: dict[str, str]) -> str:
    """An admin invites a clerk (no password: the invitation mails a code to choose one)."""
    email = new_email("invited")
    client.post(
        "/api/v1/users",
        headers=admin,
        json={"name": "Invited Clerk", "email": email, "role": "clerk"},
    ).raise_for_status()
    return email


def squashed(window: LoginWindow) -> list[str]:
    """The window's visible widgets that got less height than they need."""
    window.layout().activate()
    return [
        f"{type(widget).__name__} {widget.height()} < {needed}"
        for widget in window.findChildren(QWidget)
        if widget.isVisible()
        and widget.parent() in (window, window.policy_box)
        and widget.height()
        < (
            needed := widget.heightForWidth(widget.width())
            if widget.hasHeightForWidth()
            else widget.sizeHint().height()
        )
    ]


def test_an_invited_user_sets_a_password_with_the_code_and_accepts_the_policy(
    server: LiveServer, client: httpx.Client, harness: AppHarness, qt_loop: qasync.QEventLoop
) -> None:
    """The first log-in of an invited user, in the window where someone else logged in
    before: the code sets the password and the e-mail field then holds the invited user;
    the policy is asked for as a first acceptance (nothing "changed"), with a link to its
    text; the window grows to show the question with every field at its full height."""
    org = new_org(client)
    invited = invite(client, org.admin)
    app = harness.make(server.url)

    async def scenario() -> None:
        from clerk_app.account.reset_view import ForgotPasswordDialog

        window = await login_window(app)
        window.email_edit.setText(org.admin_email)  # who used this window before
        await eventually(lambda: window.isVisible(), "the window on screen")
        before = window.height()
        window.forgot_button.click()
        dialog = window._forgot
        assert isinstance(dialog, ForgotPasswordDialog)
        dialog.have_code_button.click()
        dialog.code_edit.setText(mailed_code(server.data_dir, invited))
        dialog.password_edit.setText(OTHER_STRONG_PASSWORD)
        dialog.repeat_edit.setText(OTHER_STRONG_PASSWORD)
        dialog.change_button.click()
        await eventually(lambda: not dialog.isVisible(), "password set", within=20)
        assert window.email_edit.text() == invited

        window.password_edit.setText(OTHER_STRONG_PASSWORD)
        window.login_button.click()
        await eventually(lambda: not window.policy_box.isHidden(), "the policy question", within=20)
        assert window.policy_text.text() == (
            "Before your first log-in, read the privacy policy (version 2020-05-01) and accept it."
        )
        assert "changed" not in window.banner.text
        assert f'href="{server.url}/privacy/policy/2020-05-01"' in window.policy_link.text()
        assert window.policy_link.isVisible() and window.policy_link.openExternalLinks()
        assert window.height() > before
        assert squashed(window) == []

        window.policy_check.setChecked(True)
        window.login_button.click()
        await eventually(lambda: app.main_window is not None, "main window", within=20)
        assert app.session is not None and app.session.user.email == invited

    run(qt_loop, scenario())


def test_create_an_organisation_from_the_log_in_window(
    server: LiveServer, harness: AppHarness, qt_loop: qasync.QEventLoop
) -> None:
    app = harness.make(server.url)
    email = new_email("holder")

    async def scenario() -> None:
        from clerk_app.account.signup_view import SignUpDialog

        window = await login_window(app)
        window.signup_button.click()
        dialog = window._signup
        assert isinstance(dialog, SignUpDialog)
        fill_sign_up(dialog, email)
        dialog.create_button.click()
        assert "your age" in dialog.banner.text  # checked here, before anything is sent
        dialog.age_spin.setValue(15)  # below the minimum in the Netherlands
        dialog.policy_check.setChecked(True)
        dialog.create_button.click()
        await eventually(lambda: dialog.banner.kind == "error", "age refused", within=20)
        assert "minimum age" in dialog.banner.text
        dialog.age_spin.setValue(40)
        dialog.create_button.click()
        # The app learns the policy version from the server and asks for it explicitly.
        await eventually(lambda: not dialog.policy_note.isHidden(), "policy version", within=20)
        assert "2020-05-01" in dialog.policy_check.text()
        dialog.policy_check.setChecked(True)
        dialog.create_button.click()
        await eventually(lambda: dialog.pages.currentIndex() == 1, "done page", within=20)
        assert dialog.result_value is not None
        assert {k.environment for k in dialog.result_value.api_keys} == {"live", "test"}
        dialog.login_button.click()
        assert window.email_edit.text() == email
        await log_in(app, email, STRONG_PASSWORD)

    run(qt_loop, scenario())


def test_dutch_translation_is_complete_and_loads(
    harness: AppHarness, qt_loop: qasync.QEventLoop
) -> None:
    ts = Path(__file__).resolve().parents[1] / "resources" / "translations" / "videoclerk_nl.ts"
    text = ts.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text, "the Dutch translation has unfinished entries"
    qm = ts.with_suffix(".qm")
    assert qm.is_file(), "run `make translations` first"
    app: ClerkApp = harness.make("http://127.0.0.1:9", language="nl")

    async def scenario() -> None:
        window = await login_window(app)
        assert app.language == "nl"
        assert window.login_button.text() == "Inloggen"
        assert "Wachtwoord vergeten" in window.forgot_button.text()

    try:
        run(qt_loop, scenario())
    finally:
        install_translators(app.qapp, "en")  # the next tests read English


def test_smoke_check_reports_one_line(server: LiveServer) -> None:
    """On an English system (a Dutch one adds its translation to the line)."""
    english = {**os.environ, "LC_ALL": "en_GB.UTF-8", "LANG": "en_GB.UTF-8", "LANGUAGE": "en"}
    good = subprocess.run(
        [sys.executable, "-m", "clerk_app.main", "--smoke", "--server", server.url],
        capture_output=True,
        text=True,
        timeout=60,
        env=english,
    )
    assert good.returncode == 0, good.stdout + good.stderr
    assert (
        good.stdout.strip()
        == "videoclerk smoke: qt ok, modules ok, codecs ok, call ok, server ok (0.1.0)"
    )
    bad = subprocess.run(
        [sys.executable, "-m", "clerk_app.main", "--smoke", "--server", "http://127.0.0.1:9"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode != 0
    assert bad.stdout.startswith("videoclerk smoke: FAILED:")
    assert "Cannot reach" in bad.stdout


def test_smoke_loads_the_configured_language_or_fails(tmp_path: Path) -> None:
    """An installer's `language = "nl"` is checked: the packaged Dutch .qm loads, and an
    install without it fails the smoke check instead of silently showing English."""
    config = tmp_path / "nl.toml"
    config.write_text('language = "nl"\n')
    command = [sys.executable, "-m", "clerk_app.main", "--smoke", "--config", str(config)]
    dutch = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert dutch.returncode == 0, dutch.stdout + dutch.stderr
    assert dutch.stdout.strip() == (
        "videoclerk smoke: qt ok, translation nl ok, modules ok, codecs ok, call ok, "
        "no server given"
    )
    empty = tmp_path / "no-translations"
    empty.mkdir()
    missing = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "VIDEOCLERK_TRANSLATIONS": str(empty)},
    )
    assert missing.returncode == 1
    assert missing.stdout.strip() == (
        f"videoclerk smoke: FAILED: nl translation missing in {empty}"
    )

"""The admin panel against the real server, driven through its buttons and dialogs.

Each test signs up its own organisation, puts an AdminPanel on an AdminApi with the
admin's (or a clerk's) token and checks what the server then holds over plain HTTP.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import qasync
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from clerk_app.account.service import AccountService
from clerk_app.admin.api import AdminApi
from clerk_app.admin.audit.model import AuditModel
from clerk_app.admin.audit.tab import AuditTab
from clerk_app.admin.catalogue.tab import CatalogueTab
from clerk_app.admin.keys.dialogs import NewKeyDialog, RotateKeyDialog
from clerk_app.admin.keys.model import ApiKeysModel
from clerk_app.admin.keys.service import KeysService
from clerk_app.admin.keys.tab import ApiKeysTab
from clerk_app.admin.panel import AdminPanel
from clerk_app.admin.users.dialogs import NewUserDialog, RoleDialog
from clerk_app.admin.users.model import UsersModel
from clerk_app.admin.users.service import UsersService
from clerk_app.admin.users.tab import UsersTab
from clerk_app.admin.widgets.dialogs import QueueDialog
from clerk_app.admin.widgets.editor import WidgetEditor
from clerk_app.admin.widgets.tab import WidgetsTab
from clerk_app.server_address import ServerAddress
from tests.accounts_helpers import (
    STRONG_PASSWORD,
    Org,
    add_user,
    audit_events,
    bearer,
    new_email,
    new_org,
    user_log_in,
)
from tests.live_server import LiveServer
from tests.qt_fixtures import qt_loop_fixture, run

__all__ = ["qt_loop_fixture"]


# ---- a panel on a fresh organisation ------------------------------------------------------------


@dataclass
class Rig:
    org: Org
    accounts: AccountService
    api: AdminApi
    panel: AdminPanel
    loop: qasync.QEventLoop

    def settle(self) -> None:
        """Let the panel's requests finish and their results show."""
        run(self.loop, self.panel.wait_idle())

    @property
    def users(self) -> UsersTab:
        return self.panel.area(UsersTab)

    @property
    def keys(self) -> ApiKeysTab:
        return self.panel.area(ApiKeysTab)

    @property
    def widgets(self) -> WidgetsTab:
        return self.panel.area(WidgetsTab)

    @property
    def catalogue(self) -> CatalogueTab:
        return self.panel.area(CatalogueTab)

    @property
    def audit(self) -> AuditTab:
        return self.panel.area(AuditTab)


def make_panel(
    qtbot: QtBot, loop: qasync.QEventLoop, server: LiveServer, org: Org, token: str
) -> Rig:
    accounts = AccountService(ServerAddress.parse(server.url))
    api = AdminApi(accounts, token)
    panel = AdminPanel(api)
    qtbot.addWidget(panel)
    panel.resize(1100, 700)
    panel.show()  # the first show loads every tab
    rig = Rig(org, accounts, api, panel, loop)
    rig.settle()
    return rig


@pytest.fixture
def rig(
    qtbot: QtBot, qt_loop: qasync.QEventLoop, server: LiveServer, client: httpx.Client
) -> Iterator[Rig]:
    org = new_org(client)
    made = make_panel(qtbot, qt_loop, server, org, org.admin_token)
    yield made
    made.panel.shutdown()
    run(qt_loop, made.accounts.close())


def click_confirm(box: QMessageBox | None, text: str) -> None:
    assert box is not None and box.isVisible()
    button = next(b for b in box.buttons() if b.text() == text)
    button.click()


def cells(model: Any) -> list[str]:
    return [
        str(model.data(model.index(r, c)))
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    ]


# ---- users --------------------------------------------------------------------------------------


def test_admin_creates_a_user_who_can_log_in_then_changes_role_deactivates_reactivates(
    rig: Rig, client: httpx.Client
) -> None:
    panel, users = rig.panel, rig.users
    assert panel.banner_text == ""
    assert [u.email for u in users.model.records] == [rig.org.admin_email]

    users.new_button.click()
    dialog = users.dialog
    assert isinstance(dialog, NewUserDialog) and dialog.isVisible()
    email = new_email("clerk")
    dialog.name.setText("Carla Clerk")
    dialog.email.setText(email)
    dialog.role.setCurrentIndex(dialog.role.findData("clerk"))
    dialog.password.setText(STRONG_PASSWORD)
    dialog.ok_button.click()
    rig.settle()
    assert not dialog.isVisible()
    row = next(i for i, u in enumerate(users.model.records) if u.email == email)
    user_id = users.model.data(users.model.index(row, 0), UsersModel.IdRole)
    assert users.model.data(users.model.index(row, 0), UsersModel.RoleRole) == "clerk"
    assert "Carla Clerk" in panel.notice.text()
    token = user_log_in(client, email)  # the new user really exists and can log in
    assert client.get("/api/v1/me", headers=bearer(token)).json()["role"] == "clerk"

    # The same address again: refused, shown in the dialog, which stays open.
    users.new_button.click()
    again = users.dialog
    assert isinstance(again, NewUserDialog)
    again.name.setText("Carla Again")
    again.email.setText(email)
    again.password.setText(STRONG_PASSWORD)
    again.ok_button.click()
    rig.settle()
    assert again.isVisible() and again.error.isVisible()
    assert again.error.text() == "An account with this e-mail address exists already."
    again.reject()

    # Change the role.
    users.select(user_id)
    users.role_button.click()
    role_dialog = users.dialog
    assert isinstance(role_dialog, RoleDialog)
    role_dialog.role.setCurrentIndex(role_dialog.role.findData("supervisor"))
    role_dialog.ok_button.click()
    rig.settle()
    row = users.model.row_of(user_id)
    assert users.model.data(users.model.index(row, 0), UsersModel.RoleRole) == "supervisor"
    assert users.model.data(users.model.index(row, 2)) == "Supervisor"
    server_view = client.get(f"/api/v1/users/{user_id}", headers=rig.org.admin).json()
    assert server_view["role"] == "supervisor"

    # Deactivate, after confirming: the user's session ends and log-in is refused.
    users.select(user_id)
    assert users.deactivate_button.isEnabled() and not users.reactivate_button.isEnabled()
    users.deactivate_button.click()
    click_confirm(users.confirm_box, "Deactivate")
    rig.settle()
    assert users.model.data(users.model.index(row, 0), UsersModel.ActiveRole) is False
    assert users.model.data(users.model.index(row, 3)) == "Deactivated"
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 401
    with pytest.raises(httpx.HTTPStatusError):
        user_log_in(client, email)
    assert users.reactivate_button.isEnabled()

    users.reactivate_button.click()
    rig.settle()
    assert users.model.data(users.model.index(row, 0), UsersModel.ActiveRole) is True
    assert user_log_in(client, email)

    # The last admin cannot deactivate themselves: the server's reason shows in the banner.
    users.select(rig.org.admin_id)
    users.deactivate_button.click()
    click_confirm(users.confirm_box, "Deactivate")
    rig.settle()
    assert panel.banner.isVisible()
    assert panel.banner_text == (
        "An organisation needs at least one active admin. Make someone else admin first."
    )
    assert "Traceback" not in panel.banner_text


# ---- API keys -----------------------------------------------------------------------------------


def test_new_key_is_shown_once_then_only_its_prefix_rotate_and_revoke(
    rig: Rig, client: httpx.Client
) -> None:
    keys = rig.keys
    assert keys.model.rowCount() == 2  # the live and test keys of the sign-up

    keys.new_button.click()
    dialog = keys.dialog
    assert isinstance(dialog, NewKeyDialog)
    dialog.name.setText("shop backend")
    dialog.scopes["read"].setChecked(True)
    dialog.scopes["catalogue"].setChecked(True)
    dialog.ok_button.click()
    rig.settle()
    shown = keys.secret_dialog
    assert shown is not None and shown.isVisible()
    secret = shown.secret.text()
    assert secret.startswith("vck_live_")
    assert "You will not see it again" in shown.warning.text()
    shown.copy_button.click()
    assert QGuiApplication.clipboard().text() == secret
    assert client.get("/api/v1/organisation", headers=bearer(secret)).status_code == 200
    shown.reject()
    assert shown.secret.text() == ""  # forgotten once the dialog closes

    # Listed again from the server: only the prefix, nowhere the secret.
    keys.refresh()
    rig.settle()
    row = next(i for i, k in enumerate(keys.model.records) if k.name == "shop backend")
    key = keys.model.record(row)
    assert secret.startswith(key.prefix) and len(key.prefix) < len(secret)
    assert keys.model.data(keys.model.index(row, 1)) == f"{key.prefix}…"
    scopes = keys.model.data(keys.model.index(row, 0), ApiKeysModel.ScopesRole)
    assert sorted(scopes) == ["catalogue", "read"]
    assert not any(secret in text for text in cells(keys.model))
    # Its use shows up as last use and IP.
    assert keys.model.data(keys.model.index(row, 0), ApiKeysModel.LastUsedIpRole) == "127.0.0.1"
    assert keys.model.data(keys.model.index(row, 4)) != "never"

    # Rotate with a grace period: a new secret, once; the old key keeps working meanwhile.
    keys.select(key.id)
    keys.rotate_button.click()
    rotate = keys.dialog
    assert isinstance(rotate, RotateKeyDialog)
    assert rotate.grace_hours.value() == 24
    rotate.grace_hours.setValue(2)
    rotate.ok_button.click()
    rig.settle()
    replacement = keys.secret_dialog
    assert replacement is not None and replacement is not shown and replacement.isVisible()
    new_secret = replacement.secret.text()
    assert new_secret.startswith("vck_live_") and new_secret != secret
    replacement.accept()
    old_row = keys.model.row_of(key.id)
    assert keys.model.data(keys.model.index(old_row, 0), ApiKeysModel.StatusRole) == "expiring"
    assert client.get("/api/v1/organisation", headers=bearer(secret)).status_code == 200
    assert client.get("/api/v1/organisation", headers=bearer(new_secret)).status_code == 200
    new_key = keys.selected()
    assert new_key is not None and new_key.id != key.id and new_key.status == "active"

    # Revoke the new key after confirming: it stops working at once.
    keys.revoke_button.click()
    assert keys.confirm_box is not None
    assert "cannot be undone" in keys.confirm_box.text()
    click_confirm(keys.confirm_box, "Revoke")
    rig.settle()
    row = keys.model.row_of(new_key.id)
    assert keys.model.data(keys.model.index(row, 0), ApiKeysModel.StatusRole) == "revoked"
    assert keys.model.data(keys.model.index(row, 3)) == "Revoked"
    assert client.get("/api/v1/organisation", headers=bearer(new_secret)).status_code == 401
    assert not keys.rotate_button.isEnabled() and not keys.revoke_button.isEnabled()


# ---- audit trail --------------------------------------------------------------------------------


def test_audit_tab_shows_the_actions_with_ip_and_filters(rig: Rig, client: httpx.Client) -> None:
    loop, audit = rig.loop, rig.audit
    admin, key_admin = UsersService(rig.api), KeysService(rig.api)
    user = run(
        loop,
        admin.create_user(
            name="Ann Auditee", email=new_email("clerk"), role="clerk", password=STRONG_PASSWORD
        ),
    )
    user_log_in(client, user.email)
    run(loop, admin.deactivate_user(user.id))
    created = run(loop, key_admin.create_api_key(name="audited", scopes=["read"]))
    run(loop, key_admin.revoke_api_key(created.key.id))
    rig.users.refresh()  # names for the "By" and "Concerning" columns, and the user filter
    rig.keys.refresh()
    rig.settle()

    def apply(**filters: Any) -> list[int]:
        audit.set_filter(**filters)
        audit.apply_button.click()
        rig.settle()
        assert rig.panel.banner_text == ""
        return [audit.model.record(r).id for r in range(audit.model.rowCount())]

    everything = [e["id"] for e in audit_events(client, rig.org)]
    assert apply() == everything  # newest first, like the server
    events = {audit.model.record(r).event for r in range(audit.model.rowCount())}
    assert {"user.created", "user.deactivated", "api_key.created", "api_key.revoked"} <= events
    revoked_row = next(
        r for r in range(audit.model.rowCount()) if audit.model.record(r).event == "api_key.revoked"
    )
    index = audit.model.index(revoked_row, 0)
    assert audit.model.data(index, AuditModel.IpRole) == "127.0.0.1"
    assert audit.model.data(audit.model.index(revoked_row, 1)) == "API key revoked"
    assert audit.model.data(audit.model.index(revoked_row, 2)) == "Dana Holder"  # the admin
    assert audit.model.data(audit.model.index(revoked_row, 3)) == "127.0.0.1"
    assert audit.model.data(audit.model.index(revoked_row, 4)) == "API key “audited”"

    only_revoked = apply(event="api_key.revoked")
    assert len(only_revoked) == 1
    assert audit.model.data(audit.model.index(0, 0), AuditModel.TargetRole) == created.key.id

    by_user = apply(user_id=user.id)
    assert by_user == [e["id"] for e in audit_events(client, rig.org, actor_user_id=user.id)]
    assert by_user  # the user's own log-in
    assert all(
        audit.model.data(audit.model.index(r, 0), AuditModel.ActorUserIdRole) == user.id
        for r in range(audit.model.rowCount())
    )
    assert apply(ip="127.0.0.1") == [e["id"] for e in audit_events(client, rig.org, ip="127.0.0.1")]
    assert apply(ip="192.0.2.1") == []

    today = QDate.currentDate()
    assert apply(since=today.addDays(1)) == []
    assert apply(until=today.addDays(-1)) == []
    assert apply(since=today.addDays(-1), until=today) == everything

    # Paging: a page of two at a time, "Load more" until the end.
    audit.page_size = 2
    seen = apply()
    assert len(seen) == 2 and audit.more_button.isEnabled()
    while audit.more_button.isEnabled():
        audit.more_button.click()
        rig.settle()
        seen = [audit.model.record(r).id for r in range(audit.model.rowCount())]
    assert seen == everything
    assert audit.count.text() == f"{len(everything)} entries"


# ---- widgets and queues -------------------------------------------------------------------------


def test_queue_and_widget_made_in_the_editor_with_logo_hours_texts_and_snippet(
    rig: Rig, client: httpx.Client, tmp_path: Path
) -> None:
    tab = rig.widgets
    assert tab.model.rowCount() == 0 and not tab.new_button.isEnabled()  # no queue yet

    tab.new_queue_button.click()
    queue_dialog = tab.dialog
    assert isinstance(queue_dialog, QueueDialog)
    queue_dialog.name_en.setText("Sales")
    queue_dialog.name_nl.setText("Verkoop")
    queue_dialog.target_seconds.setValue(30)
    queue_dialog.target_share.setValue(90)
    queue_dialog.ok_button.click()
    rig.settle()
    assert tab.queues_model.rowCount() == 1
    queue = tab.queues_model.record(0)
    assert (queue.name.nl, queue.target_seconds, queue.target_share) == ("Verkoop", 30, 0.9)
    assert tab.new_button.isEnabled()

    tab.new_button.click()
    editor = tab.dialog
    assert isinstance(editor, WidgetEditor)
    assert not editor.snippet_box.isVisibleTo(editor)  # no snippet before it exists
    editor.name.setText("Web shop")
    item = editor.queues.item(0)
    assert item.data(Qt.ItemDataRole.UserRole) == queue.id
    item.setCheckState(Qt.CheckState.Checked)
    editor.origins.setPlainText("https://shop.example\nhttps://www.shop.example/")
    editor.day_edits["mon"].setText("9:00-12:00, 13:00-17:30")
    editor.day_edits["sat"].setText("nine to five")
    editor.privacy_url.setText("https://shop.example/privacy")
    editor.greeting.set_texts("Talk to us", "Praat met ons")
    editor.colour.setText("#AA3300")

    logo = tmp_path / "logo.png"
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.red)
    assert image.save(str(logo))
    editor.load_logo_file(logo)
    big = tmp_path / "big.png"
    big.write_bytes(logo.read_bytes() + b"\0" * 200_000)
    editor.load_logo_file(big)
    rig.settle()
    assert editor.error.text() == "The logo may be at most 100 kB."
    assert editor.logo is not None and editor.logo.startswith("data:image/png;base64,")

    editor.ok_button.click()  # Saturday's hours cannot be read
    rig.settle()
    assert editor.isVisible()
    assert "nine to five" in editor.error.text()
    editor.day_edits["sat"].setText("")
    editor.ok_button.click()
    rig.settle()
    assert rig.panel.banner_text == "" and not editor.error.isVisible(), editor.error.text()
    assert not editor.isVisible()
    widget = tab.selected()
    assert widget is not None and widget.name == "Web shop"

    stored = client.get(f"/api/v1/widgets/{widget.id}", headers=rig.org.admin).json()
    assert stored["queue_ids"] == [queue.id]
    assert stored["allowed_origins"] == ["https://shop.example", "https://www.shop.example"]
    weekdays = {day: [["09:00", "17:00"]] for day in ("tue", "wed", "thu", "fri")}
    assert stored["business_hours"]["weekly"] == {
        "mon": [["09:00", "12:00"], ["13:00", "17:30"]],
        **weekdays,
    }
    assert stored["greeting"] == {"en": "Talk to us", "nl": "Praat met ons"}
    assert stored["brand_colour"] == "#aa3300"
    assert stored["logo"] == editor.logo
    assert stored["consent"]["recording"]["en"]  # the standard wording
    assert editor.snippet_box.snippet.toPlainText() == stored["embed_snippet"]
    assert stored["widget_key"] in stored["embed_snippet"]

    # The snippet to copy, from the list and from the editor.
    tab.copy_button.click()
    assert QGuiApplication.clipboard().text() == stored["embed_snippet"]
    QGuiApplication.clipboard().clear()
    tab.edit_button.click()
    again = tab.dialog
    assert isinstance(again, WidgetEditor) and again.widget is not None
    assert again.snippet_box.isVisibleTo(again)
    again.snippet_box.copy_button.click()
    assert QGuiApplication.clipboard().text() == stored["embed_snippet"]

    # Changing a consent question: only that is sent, and its version goes up.
    assert again.day_edits["mon"].text() == "09:00-12:00, 13:00-17:30"
    again.consent_recording.set_texts("May we record this call?", "Mogen we dit gesprek opnemen?")
    again.ok_button.click()
    rig.settle()
    assert not again.isVisible(), again.error.text()
    stored = client.get(f"/api/v1/widgets/{widget.id}", headers=rig.org.admin).json()
    assert stored["consent"]["recording"]["nl"] == "Mogen we dit gesprek opnemen?"
    assert stored["consent_text_version"] == 2
    updates = audit_events(client, rig.org, event="widget.updated")
    assert updates[0]["details"]["fields"] == ["consent"]

    # The recording mode (docs/recordings.md): offered unless chosen, kept, shown again.
    assert stored["recording_mode"] == "offered"
    tab.edit_button.click()
    third = tab.dialog
    assert isinstance(third, WidgetEditor)
    assert third.recording_mode.currentData() == "offered"
    third.recording_mode.setCurrentIndex(third.recording_mode.findData("required"))
    third.ok_button.click()
    rig.settle()
    assert not third.isVisible(), third.error.text()
    stored = client.get(f"/api/v1/widgets/{widget.id}", headers=rig.org.admin).json()
    assert stored["recording_mode"] == "required"
    assert stored["consent_text_version"] == 2
    updates = audit_events(client, rig.org, event="widget.updated")
    assert updates[0]["details"]["fields"] == ["recording_mode"]
    tab.edit_button.click()
    fourth = tab.dialog
    assert isinstance(fourth, WidgetEditor)
    assert fourth.recording_mode.currentData() == "required"
    fourth.reject()


# ---- not an admin -------------------------------------------------------------------------------


def test_a_clerks_token_is_refused_and_the_panel_says_so_plainly(
    qtbot: QtBot, qt_loop: qasync.QEventLoop, server: LiveServer, client: httpx.Client
) -> None:
    org = new_org(client)
    _, clerk_token = add_user(client, org, "clerk")
    rig = make_panel(qtbot, qt_loop, server, org, clerk_token)
    try:
        panel = rig.panel
        assert panel.banner.isVisible()
        assert panel.banner_text.startswith("You are not allowed to do this")
        assert "Traceback" not in panel.banner_text and "Error" not in panel.banner_text
        assert rig.users.model.rowCount() == 0 and rig.keys.model.rowCount() == 0

        rig.keys.new_button.click()
        assert panel.banner_text == ""  # a new action starts clean
        dialog = rig.keys.dialog
        assert isinstance(dialog, NewKeyDialog)
        dialog.name.setText("sneaky")
        dialog.ok_button.click()
        rig.settle()
        assert dialog.isVisible()
        assert dialog.error.text().startswith("You are not allowed to do this")
        assert client.get("/api/v1/api-keys", headers=org.admin).json()["items"][-1]["name"] != (
            "sneaky"
        )
    finally:
        rig.panel.shutdown()
        run(qt_loop, rig.accounts.close())

"""The admin's Webhooks tab against a real server that may call a real receiver on loopback:
the endpoint with its errors per field, the secret shown once, a test event and a redelivery
with their attempts listed."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator

import httpx
import pytest
import qasync
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot
from standardwebhooks import Webhook

from clerk_app.admin.webhooks.dialogs import EndpointDialog
from clerk_app.admin.webhooks.model import AttemptsModel
from clerk_app.admin.webhooks.tab import WebhooksTab
from tests.accounts_helpers import new_org
from tests.live_server import LiveServer, live_server
from tests.qt_fixtures import qt_loop_fixture, run
from tests.test_admin_panel import Rig, click_confirm, make_panel
from tests.webhook_helpers import PRIVATE_TARGETS, receiver, wait_for_delivery

__all__ = ["qt_loop_fixture"]


@pytest.fixture(scope="module")
def hook_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with live_server(tmp_path_factory.mktemp("admin-webhooks"), env=PRIVATE_TARGETS) as running:
        yield running


@pytest.fixture
def hooks(hook_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=hook_server.url, timeout=30) as http:
        yield http


@pytest.fixture
def hook_rig(
    qtbot: QtBot, qt_loop: qasync.QEventLoop, hook_server: LiveServer, hooks: httpx.Client
) -> Iterator[Rig]:
    org = new_org(hooks)
    made = make_panel(qtbot, qt_loop, hook_server, org, org.admin_token)
    made.panel.tabs.setCurrentWidget(made.panel.area(WebhooksTab))
    yield made
    made.panel.shutdown()
    run(qt_loop, made.accounts.close())


def save_endpoint(rig: Rig, tab: WebhooksTab, url: str, *, enabled: bool) -> EndpointDialog:
    tab.edit_button.click()
    dialog = tab.dialog
    assert isinstance(dialog, EndpointDialog) and dialog.isVisible()
    dialog.url.setText(url)
    dialog.enabled.setChecked(enabled)
    dialog.ok_button.click()
    rig.settle()
    return dialog


def new_secret(rig: Rig, tab: WebhooksTab) -> str:
    """Press the secret button (confirming a rotation); the secret the dialog shows."""
    tab.secret_button.click()
    if tab.confirm_box is not None and tab.confirm_box.isVisible():
        click_confirm(tab.confirm_box, "Rotate secret")
    rig.settle()
    shown = tab.secret_dialog
    assert shown is not None and shown.isVisible()
    assert "will not be shown again" in shown.warning.text()
    secret = shown.secret.text()
    assert secret.startswith("whsec_")
    shown.copy_button.click()
    assert QGuiApplication.clipboard().text() == secret
    shown.reject()
    assert shown.secret.text() == ""  # forgotten once closed
    return secret


def attempts(tab: WebhooksTab) -> list[tuple[int | None, str]]:
    model = tab.attempts
    return [
        (model.data(model.index(r, 0), AttemptsModel.HttpStatusRole), model.data(model.index(r, 2)))
        for r in range(model.rowCount())
    ]


def test_an_invalid_url_is_shown_under_its_field_and_nothing_is_saved(
    hook_rig: Rig, hooks: httpx.Client
) -> None:
    tab = hook_rig.panel.area(WebhooksTab)
    dialog = save_endpoint(hook_rig, tab, "ftp://shop.example/hooks", enabled=False)
    complaint = dialog.field_errors["url"]
    assert dialog.isVisible() and complaint.isVisible()
    assert "https://" in complaint.text()
    assert not dialog.field_errors["events"].isVisible()
    stored = hooks.get("/api/v1/webhooks/endpoint", headers=hook_rig.org.admin).json()
    assert stored["url"] is None

    # Enabling without a secret: refused, said in the dialog.
    dialog.url.setText("http://127.0.0.1:9/hooks")  # a loopback address: admitted here
    dialog.enabled.setChecked(True)
    dialog.ok_button.click()
    hook_rig.settle()
    assert dialog.isVisible() and not complaint.isVisible()
    assert "signing secret" in dialog.error.text()
    dialog.reject()


def test_secret_shown_once_test_event_delivered_and_redelivered(
    hook_rig: Rig, hooks: httpx.Client
) -> None:
    rig = hook_rig
    tab = rig.panel.area(WebhooksTab)
    assert not tab.test_button.isEnabled()  # nothing to send to yet
    first = new_secret(rig, tab)
    assert tab.secret_text.text().startswith("made ")
    secret = new_secret(rig, tab)  # rotated, after confirming
    assert secret != first
    with receiver() as hook:
        dialog = save_endpoint(rig, tab, hook.url, enabled=True)
        assert not dialog.isVisible()
        assert tab.url_text.text() == hook.url and tab.test_button.isEnabled()

        tab.test_button.click()
        rig.settle()
        [request] = hook.wait_for(1)
        delivered = Webhook(secret).verify(request.body, request.headers)  # signed with it
        assert delivered["type"] == "webhook.test"
        delivery_id = request.headers["webhook-id"]
        assert tab.selected() is not None and tab.selected().id == delivery_id
        wait_for_delivery(hooks, rig.org, delivery_id, attempts=1)
        tab.refresh_button.click()
        rig.settle()
        assert tab.selected() is not None and tab.selected().status == "delivered"
        assert attempts(tab) == [(200, "HTTP 200")]
        assert not tab.redeliver_button.isHidden() and tab.redeliver_button.isEnabled()

        tab.redeliver_button.click()
        rig.settle()
        second = hook.wait_for(2)[1]
        assert second.headers["webhook-id"] == delivery_id
        wait_for_delivery(hooks, rig.org, delivery_id, attempts=2)
        tab.refresh_button.click()
        rig.settle()
        assert attempts(tab) == [(200, "HTTP 200"), (200, "HTTP 200")]
        model = tab.model
        assert model.data(model.index(0, 3)) == "2"
        assert model.data(model.index(0, 1)) == "Test event"

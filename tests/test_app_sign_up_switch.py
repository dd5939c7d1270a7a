"""The log-in window learns from the server whether it takes sign-ups: "Create an
organisation" is hidden where the operator switched them off, and a refusal is explained."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
import qasync

from clerk_app.account.signup_view import SignUpDialog
from tests.accounts_helpers import new_email
from tests.live_server import LiveServer, live_server
from tests.media_fixtures import eventually
from tests.qt_fixtures import (
    AppHarness,
    fill_sign_up,
    harness_fixture,
    login_window,
    qt_loop_fixture,
    run,
)

__all__ = ["harness_fixture", "qt_loop_fixture"]


@pytest.fixture
def closed_server(tmp_path: Path) -> Iterator[LiveServer]:
    with live_server(tmp_path / "closed", env={"VIDEOCLERK_PUBLIC_SIGNUP": "false"}) as running:
        yield running


def test_create_an_organisation_follows_the_servers_sign_up_switch(
    closed_server: LiveServer, server: LiveServer, harness: AppHarness, qt_loop: qasync.QEventLoop
) -> None:
    app = harness.make(closed_server.url)

    async def scenario() -> None:
        window = await login_window(app)
        await eventually(lambda: window.signup_button.isHidden(), "hidden for a closed server")
        # Another address, whose server takes sign-ups: the button is back.
        window.server_edit.setText(server.url)
        window.server_edit.editingFinished.emit()
        await eventually(lambda: window.signup_button.isVisible(), "shown for an open server")
        # Back to the closed one; a dialog opened before the answer came is refused, plainly.
        window.server_edit.setText(closed_server.url)
        window.open_sign_up()
        window.server_edit.editingFinished.emit()
        await eventually(lambda: window.signup_button.isHidden(), "hidden again")
        dialog = window._signup
        assert isinstance(dialog, SignUpDialog)
        fill_sign_up(dialog, new_email("holder"))
        dialog.age_spin.setValue(40)
        dialog.policy_check.setChecked(True)
        dialog.create_button.click()
        await eventually(lambda: dialog.banner.kind == "error", "refused", within=20)
        assert "does not take new organisations" in dialog.banner.text
        assert "operator" in dialog.banner.text
        dialog.reject()

    run(qt_loop, scenario())

"""The pending-uploads panel over its Qt model: rows with progress and state, the countdown of
a retry, failures that say what to do, and the warning when the spool is too large."""

from __future__ import annotations

import os
import re

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pytestqt.qtbot import QtBot

from clerk_app.recording.model import UploadRole, UploadsModel
from clerk_app.recording.rules import UploadState
from clerk_app.recording.uploader import UploadStatus
from clerk_app.recording.view import UploadsPanel

# No server, no database: `make test-postgres` leaves these out (tests/conftest.py).
pytestmark = pytest.mark.engine_independent


def test_the_panel_shows_each_upload_and_warns_when_the_spool_is_too_large(qtbot: QtBot) -> None:
    now, size = [100.0], [0]
    model = UploadsModel(spool_bytes=lambda: size[0], limit_bytes=1000, monotonic=lambda: now[0])
    panel = UploadsPanel(model)
    qtbot.addWidget(panel)
    assert panel.rows == [] and not panel.empty.isHidden()
    assert panel.warning.isHidden()

    size[0] = 1500
    first = UploadStatus("rec-1", "call-1", size=1000)
    model.update(first)
    model.update(UploadStatus("rec-2", "call-2", size=500))
    assert model.rowCount() == 2 and len(panel.rows) == 2 and panel.empty.isHidden()
    # The limit is written as the app's language writes numbers ("1000", "1,000", "1.000").
    assert not panel.warning.isHidden()
    assert re.search(r"1\D?000 bytes", panel.warning.text()), panel.warning.text()
    assert panel.rows[0][1].text() == "Waiting"

    model.update(UploadStatus("rec-1", "call-1", 1000, sent=250, state=UploadState.UPLOADING))
    assert panel.rows[0][0].value() == 25 and panel.rows[0][1].text() == "Uploading"
    retrying = UploadStatus(
        "rec-1",
        "call-1",
        1000,
        sent=250,
        state=UploadState.RETRYING,
        retry_at=130.0,
        problem="network",
    )
    model.update(retrying)
    assert "retrying in 30 s" in panel.rows[0][1].text()
    now[0] = 120.0
    qtbot.waitUntil(lambda: "retrying in 10 s" in panel.rows[0][1].text(), timeout=3000)
    assert model.index(0).data(UploadRole.RETRY_SECONDS) == 10

    model.update(
        UploadStatus("rec-2", "call-2", 500, state=UploadState.FAILED, problem="unconfirmed")
    )
    assert "tell your administrator" in panel.rows[1][1].text()

    size[0] = 500
    model.update(UploadStatus("rec-1", "call-1", 1000, sent=1000, state=UploadState.DONE))
    assert model.rowCount() == 1 and len(panel.rows) == 1
    assert model.index(0).data(UploadRole.RECORDING_ID) == "rec-2"
    assert panel.warning.isHidden()

"""A clerk works calls in the Qt app against the real server, with real media from an aiortc
visitor on loopback: the live queue, taking a call, the visitor's frames on screen, consent
changes on the panel, quality figures, hang-up from each side and the wrap-up."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import httpx
import qasync
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from clerk_app.call.consent import ConsentChoice
from clerk_app.call.view import CallView
from clerk_app.media import CallConnectionState
from clerk_app.queue.model import QueueColumn, QueueRole
from clerk_app.shell.calls_page import CallsPage
from tests.accounts_helpers import STRONG_PASSWORD
from tests.live_server import LiveServer
from tests.media_fixtures import eventually, loopback_ice_fixture
from tests.qt_fixtures import (
    AppHarness,
    MediaVisitor,
    admin_get,
    harness_fixture,
    log_in,
    qt_loop_fixture,
    run,
)
from tests.queue_helpers import call_centre

__all__ = ["harness_fixture", "loopback_ice_fixture", "qt_loop_fixture"]


def colourful_pixels(page: CallsPage) -> int:
    """Pixels of the visitor's picture that are neither grey nor black (the colour bars).

    Rendered into a pixmap filled black first: grab() would leave what the widget does not
    paint undefined, and that memory may still hold an earlier picture."""
    remote = page.call_view.stage.remote
    pixmap = QPixmap(remote.size())
    pixmap.fill(Qt.GlobalColor.black)
    remote.render(pixmap)
    image = pixmap.toImage()
    count = 0
    for y in range(0, image.height(), 8):
        for x in range(0, image.width(), 8):
            colour = QColor(image.pixel(x, y))
            if colour.saturation() > 120 and colour.value() > 60:
                count += 1
    return count


def test_clerk_takes_a_call_sees_the_visitor_and_wraps_up(
    server: LiveServer,
    client: httpx.Client,
    harness: AppHarness,
    qt_loop: qasync.QEventLoop,
    loopback_ice: None,
) -> None:
    centre = call_centre(client)
    app, email = harness.for_new_user(client, centre.org, server.url)
    visitors: list[MediaVisitor] = []

    async def scenario() -> None:
        await log_in(app, email, STRONG_PASSWORD)
        window = app.main_window
        assert window is not None
        window.show()
        page = window.calls_page
        queue = page.queue_model

        # Available, then a visitor arrives in the live queue.
        assert not page.queue_panel.take_next_button.isEnabled()
        page.presence.available_button.click()
        await eventually(lambda: page.presence.state == "available", "available")
        visitor = await MediaVisitor.waiting(
            server.url, centre.widget_key, centre.queue_ids[0], recording=True
        )
        visitors.append(visitor)
        await eventually(lambda: queue.rowCount() == 1, "the visitor in the queue")
        row = queue.index(0, QueueColumn.WAITING)
        assert row.data(QueueRole.QUEUE_NAME) == "Sales"
        assert row.data(QueueRole.POSITION) == 1
        assert row.data(QueueRole.RECORDING) is True
        assert row.data(QueueRole.TRANSCRIPTION) is False
        assert row.data(QueueRole.CAMERA) is True
        assert queue.roleNames()[int(QueueRole.WAITING_SECONDS)].data() == b"waiting_seconds"
        # The waiting time ticks on its own, without a new snapshot.
        ticks: list[object] = []
        queue.dataChanged.connect(lambda *args: ticks.append(args))
        first = row.data(QueueRole.WAITING_SECONDS)
        await eventually(lambda: row.data(QueueRole.WAITING_SECONDS) > first, "ticking")
        assert ticks
        assert page.queue_panel.take_next_button.isEnabled()
        assert "Ctrl+N" in page.queue_panel.take_next_button.text()

        # "Take next" by its keyboard shortcut.
        window.activateWindow()
        QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        await eventually(lambda: page.call_model is not None, "the call taken", within=15)
        assert page.stack.currentWidget() is page.call_view
        model = page.call_model
        assert model is not None
        await eventually(lambda: page.presence.state == "in_call", "in a call")
        assert not page.presence.available_button.isEnabled()

        # The visitor's frames reach the video widget and are painted.
        remote = page.call_view.stage.remote
        await eventually(lambda: remote.frames_received > 10, "visitor's video", within=20)
        assert remote.last_frame_size == (320, 240)
        await eventually(lambda: colourful_pixels(page) > 20, "colour bars painted")
        assert remote.frames_converted <= remote.frames_received
        local = page.call_view.stage.local
        await eventually(lambda: local.frames_received > 5, "own preview")
        assert visitor.peer is not None
        await eventually(
            lambda: visitor.peer is not None and visitor.peer.video_frames_received > 5,
            "clerk's video at the visitor",
        )

        # Consent as chosen when joining, then changed mid-call: on the panel as it arrives.
        panel = page.call_view.consent_panel
        await eventually(lambda: panel.badges["recording"].text() == "yes", "initial consent")
        assert panel.badges["transcription"].text() == "no"
        assert "version" in panel.details["recording"].text()
        # The recorder records while the consent holds: the panel and the badge say so.
        view = page.call_view
        await eventually(lambda: panel.recording_active, "recording")
        assert "Recording now" in panel.recording_indicator.text()
        assert not view.recording_badge.isHidden() and "Recording" in view.recording_badge.text()
        await visitor.change_consent(recording=False, transcription=True)
        await eventually(
            lambda: (
                panel.badges["recording"].text() == "no"
                and panel.badges["transcription"].text() == "yes"
            ),
            "the changed consent on the panel",
        )
        assert "Changed during the call" in panel.details["recording"].text()
        choice = model.consent.choices["recording"]
        assert isinstance(choice, ConsentChoice) and choice.changed_during_call
        # The withdrawal stopped the recording.
        await eventually(lambda: not panel.recording_active, "recording stopped")
        assert "Not recording" in panel.recording_indicator.text()
        assert view.recording_badge.isHidden()

        # Quality figures arrive every 2 s; timer ticks.
        await eventually(lambda: "kbit/s" in view.bitrate_label.text(), "bit rate", within=10)
        await eventually(lambda: view.timer_label.text() != "0:00", "call timer")
        assert view.media_label.text() == "connected"

        # Mute and camera off reach the call.
        view.mute_button.click()
        assert model.muted and view.mute_button.text() == "Unmute"
        assert model.session.peer is not None and model.session.peer.muted
        view.camera_button.click()
        assert not model.camera_on and not model.session.peer.camera_enabled

        # The clerk hangs up: wrap-up follows; a note with a phone number is flagged.
        view.hang_up_button.click()
        await eventually(lambda: page.stack.currentWidget() is page.wrap_up, "wrap-up")
        await eventually(lambda: visitor.ended is not None, "the visitor's call ended")
        assert page.wrap_up.reason.text() == "You ended the call."
        await eventually(lambda: page.presence.state == "wrap_up", "wrapping up")
        assert not page.queue_panel.take_next_button.isEnabled()
        assert "personal data" in page.wrap_up.warning.text()
        page.wrap_up.note_edit.setPlainText("call back on 06 12345678")
        assert page.wrap_up.found.isVisibleTo(page.wrap_up)
        page.wrap_up.note_edit.setPlainText("mail a@example.org or call 06 12345678")
        assert "contain an e-mail address and a phone number." in page.wrap_up.found.text()
        page.wrap_up.note_edit.setPlainText("Sent the spring offer for two bikes.")
        assert not page.wrap_up.found.isVisibleTo(page.wrap_up)
        page.wrap_up.outcome_combo.setCurrentIndex(
            page.wrap_up.outcome_combo.findData("offer_sent")
        )
        call_id = page.wrap_up.call_id
        page.wrap_up.done_button.click()
        await eventually(lambda: page.presence.state == "available", "available again")
        assert page.stack.currentWidget() is page.queue_panel
        record = admin_get(client, centre.org.admin_token, f"/api/v1/calls/{call_id}")
        assert record["wrap_up_outcome"] == "offer_sent"
        assert record["wrap_up_note"] == "Sent the spring offer for two bikes."

        # Second call: "Take selected"; this time the visitor hangs up.
        second = await MediaVisitor.waiting(
            server.url, centre.widget_key, centre.queue_ids[0], transcription=True
        )
        visitors.append(second)
        await eventually(lambda: queue.rowCount() == 1, "second visitor")
        page.queue_panel.table.selectRow(0)
        assert page.queue_panel.take_selected_button.isEnabled()
        page.queue_panel.take_selected_button.click()
        await eventually(lambda: page.call_model is not None, "second call", within=15)
        await eventually(lambda: page.call_view.stage.remote.frames_received > 3, "video")
        await eventually(
            lambda: page.call_view.consent_panel.badges["transcription"].text() == "yes",
            "second visitor's consent",
        )
        await second.hang_up()
        await eventually(lambda: page.stack.currentWidget() is page.wrap_up, "wrap-up", within=10)
        assert page.wrap_up.reason.text() == "The visitor ended the call."
        assert page.call_model is None
        page.wrap_up.done_button.click()
        await eventually(lambda: page.presence.state == "available", "available again")

    try:
        run(qt_loop, scenario(), timeout=120)
    finally:
        for visitor in visitors:
            run(qt_loop, visitor.close(), timeout=20)


def test_take_with_nobody_waiting_says_so(
    server: LiveServer, client: httpx.Client, harness: AppHarness, qt_loop: qasync.QEventLoop
) -> None:
    centre = call_centre(client)
    app, email = harness.for_new_user(client, centre.org, server.url)

    async def scenario() -> None:
        await log_in(app, email, STRONG_PASSWORD)
        assert app.main_window is not None
        page = app.main_window.calls_page
        page.presence.available_button.click()
        await eventually(lambda: page.presence.state == "available", "available")
        page.take(None)  # the list may be stale: the server decides
        await eventually(lambda: bool(page.banner.text), "the answer")
        assert page.banner.text == "Nobody is waiting right now."
        assert page.call_model is None

    run(qt_loop, scenario())


def test_a_relay_only_call_without_a_relay_says_why(qtbot: QtBot) -> None:
    """NO_RELAY (tests/test_turn.py) on the clerk's screen: not a bare "failed"."""
    view = CallView()
    qtbot.addWidget(view)
    view._show_connection(CallConnectionState.NO_RELAY.value)
    assert (
        view.media_label.text()
        == "no relay \u2013 the TURN server is unreachable or refused access"
    )

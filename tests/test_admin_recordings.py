"""The admin's Recordings tab against the real server: a real WebM uploaded through tus by the
clerk of a recorded call, listed, saved to a file, played with Qt Multimedia, held, deleted,
and the recording settings (retention, the clerk's picture)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import qasync
from PySide6.QtMultimedia import QMediaFormat, QMediaPlayer
from pytestqt.qtbot import QtBot

from clerk_app.admin.recordings.dialogs import HoldDialog, RecordingSettingsDialog
from clerk_app.admin.recordings.model import RecordingsModel
from clerk_app.admin.recordings.player import PlayerDialog
from clerk_app.admin.recordings.tab import RecordingsTab
from tests.live_server import LiveServer
from tests.offers_helpers import InCall
from tests.qt_fixtures import qt_loop_fixture, run
from tests.recordings_helpers import webm
from tests.test_admin_panel import Rig, click_confirm, make_panel
from tests.test_recordings_access import recorded, upload

__all__ = ["qt_loop_fixture"]
RECORDINGS = "/api/v1/recordings"


@dataclass
class Studio:
    rig: Rig
    call: InCall
    recording_id: str
    media: bytes

    @property
    def tab(self) -> RecordingsTab:
        return self.rig.panel.area(RecordingsTab)

    def listed(self, client: httpx.Client) -> list[dict[str, object]]:
        items: list[dict[str, object]] = client.get(RECORDINGS, headers=self.rig.org.admin).json()[
            "items"
        ]
        return items


@pytest.fixture(scope="module")
def media() -> bytes:
    return webm(2.0)


@pytest.fixture
def studio(
    qtbot: QtBot,
    qt_loop: qasync.QEventLoop,
    server: LiveServer,
    client: httpx.Client,
    media: bytes,
) -> Iterator[Studio]:
    """A recorded call whose clerk uploaded a two-second WebM; the panel on its admin, on the
    recordings tab with the recording selected."""
    call = run(qt_loop, recorded(server, client))
    recording_id = upload(client, call, media)
    org = call.centre.org
    rig = make_panel(qtbot, qt_loop, server, org, org.admin_token)
    made = Studio(rig, call, recording_id, media)
    rig.panel.tabs.setCurrentWidget(made.tab)
    made.tab.view.selectRow(0)
    yield made
    rig.panel.shutdown()
    run(qt_loop, call.close())
    run(qt_loop, rig.accounts.close())


def test_the_list_shows_the_recording_and_saving_gives_the_same_bytes(
    studio: Studio, client: httpx.Client, tmp_path: Path
) -> None:
    tab, model = studio.tab, studio.tab.model
    assert model.rowCount() == 1
    index = model.index(0, 0)
    assert model.data(index, RecordingsModel.IdRole) == studio.recording_id
    assert model.data(index, RecordingsModel.CallIdRole) == studio.call.call_id
    assert model.data(index, RecordingsModel.SizeRole) == len(studio.media)
    assert model.data(index, RecordingsModel.LegalHoldRole) is False
    [item] = studio.listed(client)
    assert model.data(index, RecordingsModel.DeleteAfterRole) == item["delete_after"]
    clerk_name = model.data(model.index(0, 2))
    assert clerk_name and clerk_name != item["clerk_id"]  # the users tab's name
    assert model.data(model.index(0, 3)) == "0:02"
    assert model.data(model.index(0, 4)).endswith("kB")
    assert tab.count.text() == "1 recordings"
    assert tab.play_button.isEnabled() and tab.save_button.isEnabled()

    steps: list[int] = []
    tab.progress.valueChanged.connect(steps.append)
    target = tmp_path / "call.webm"
    tab.save_button.click()
    dialog = tab.save_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.selectFile(str(target))
    dialog.accept()
    assert not tab.save_button.isEnabled()  # one transfer at a time
    studio.rig.settle()
    assert target.read_bytes() == studio.media
    assert list(tmp_path.iterdir()) == [target]  # the .part file was renamed
    assert steps and steps[-1] == 1000
    assert tab.progress.isHidden() and tab.save_button.isEnabled()
    assert str(target) in studio.rig.panel.notice.text()
    assert tab.last_saved is not None and tab.last_saved.size == len(studio.media)


def test_a_legal_hold_blocks_deletion_until_lifted(studio: Studio, client: httpx.Client) -> None:
    tab, rig = studio.tab, studio.rig
    assert tab.hold_button.text() == "&Legal hold…"
    tab.hold_button.click()
    dialog = tab.dialog
    assert isinstance(dialog, HoldDialog) and dialog.isVisible()
    dialog.reason.setText(" x ")
    dialog.ok_button.click()  # refused here: no request
    assert dialog.isVisible() and "3 to 500" in dialog.error.text()
    dialog.reason.setText("court case 12")
    dialog.ok_button.click()
    rig.settle()
    assert not dialog.isVisible()
    model = tab.model
    assert model.data(model.index(0, 0), RecordingsModel.LegalHoldRole) is True
    assert model.data(model.index(0, 6)) == "Yes: court case 12"
    assert tab.hold_button.text() == "&Lift legal hold…"
    assert studio.listed(client)[0]["hold_reason"] == "court case 12"

    tab.delete_button.click()
    click_confirm(tab.confirm_box, "Delete")
    rig.settle()
    assert "on legal hold" in rig.panel.banner_text  # the server refused
    assert model.rowCount() == 1 and len(studio.listed(client)) == 1

    tab.hold_button.click()
    lift = tab.dialog
    assert isinstance(lift, HoldDialog) and lift is not dialog
    assert "court case 12" in lift.about.text()
    lift.reason.setText("case closed")
    lift.ok_button.click()
    rig.settle()
    assert model.data(model.index(0, 0), RecordingsModel.LegalHoldRole) is False
    assert "lifted" in rig.panel.notice.text()

    tab.delete_button.click()
    click_confirm(tab.confirm_box, "Delete")
    rig.settle()
    assert rig.panel.banner_text == ""
    assert model.rowCount() == 0
    assert studio.listed(client) == []
    assert not tab.delete_button.isEnabled()


def test_settings_round_trip_within_the_operators_maximum(
    studio: Studio, client: httpx.Client
) -> None:
    tab, rig = studio.tab, studio.rig
    tab.settings_button.click()
    rig.settle()
    dialog = tab.dialog
    assert isinstance(dialog, RecordingSettingsDialog) and dialog.isVisible()
    assert (dialog.days.value(), dialog.days.maximum()) == (30, 365)
    assert "365" in dialog.limit.text()
    assert not dialog.clerk_video.isChecked()
    dialog.days.setValue(10)
    dialog.clerk_video.setChecked(True)
    dialog.ok_button.click()
    rig.settle()
    assert not dialog.isVisible()
    assert "10 days" in rig.panel.notice.text()
    settings = client.get(f"{RECORDINGS}/settings", headers=rig.org.admin).json()
    assert settings == {"retention_days": 10, "clerk_video": True, "max_retention_days": 365}
    [item] = studio.listed(client)  # every deletion date moved; the list shows the new one
    model = tab.model
    assert model.data(model.index(0, 0), RecordingsModel.DeleteAfterRole) == item["delete_after"]
    tab.settings_button.click()
    rig.settle()
    again = tab.dialog
    assert isinstance(again, RecordingSettingsDialog) and again is not dialog
    assert again.days.value() == 10 and again.clerk_video.isChecked()
    again.reject()


def test_the_player_plays_the_recording_from_memory(studio: Studio, qtbot: QtBot) -> None:
    if not QMediaFormat().supportedFileFormats(QMediaFormat.ConversionMode.Decode):
        pytest.skip("this machine's Qt has no multimedia backend (no decodable format)")
    tab, rig = studio.tab, studio.rig
    tab.play_button.click()
    rig.settle()
    dialog = tab.player
    assert isinstance(dialog, PlayerDialog) and dialog.isVisible()
    player = dialog.player
    assert player.sourceDevice() is dialog.buffer
    assert dialog.buffer.size() == len(studio.media)
    errors: list[str] = []
    player.errorOccurred.connect(lambda _error, text: errors.append(text))
    loaded = {
        QMediaPlayer.MediaStatus.LoadedMedia,
        QMediaPlayer.MediaStatus.BufferingMedia,
        QMediaPlayer.MediaStatus.BufferedMedia,
        QMediaPlayer.MediaStatus.EndOfMedia,
    }
    if player.mediaStatus() not in loaded:
        with qtbot.waitSignal(
            player.mediaStatusChanged, timeout=30_000, check_params_cb=lambda s: s in loaded
        ):
            pass
    assert errors == [] and player.error() == QMediaPlayer.Error.NoError
    assert 1500 <= player.duration() <= 2500  # two seconds, read from the WebM
    if player.position() == 0:  # it plays: the position moves
        with qtbot.waitSignal(
            player.positionChanged, timeout=30_000, check_params_cb=lambda ms: ms > 0
        ):
            pass
    sink = dialog.video.videoSink()
    if not sink.videoFrame().isValid():  # the picture reaches the video widget
        with qtbot.waitSignal(
            sink.videoFrameChanged, timeout=30_000, check_params_cb=lambda f: f.isValid()
        ):
            pass
    assert sink.videoFrame().size().toTuple() == (160, 120)
    assert dialog.play_button.text() in ("&Pause", "&Play")  # Play once it reached the end
    dialog.reject()
    assert player.sourceDevice() is None
    assert dialog.buffer.size() == 0  # the bytes are dropped with the window

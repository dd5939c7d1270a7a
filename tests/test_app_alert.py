"""An available clerk is alerted when a visitor starts waiting: the decision as a pure rule,
the alert through the real desk and Qt model (offscreen there is no tray, so the notification
is skipped while the decision still shows), and the two switches in the settings."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import wave
from pathlib import Path

import qasync
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from clerk_app.queue.alert import should_alert, takeable
from clerk_app.queue.desk import ClerkDesk, WaitingEntry
from clerk_app.queue.model import DeskModel
from clerk_app.settings.preferences import Preferences
from clerk_app.settings.store import PreferenceStore
from clerk_app.settings.view import SettingsDialog
from clerk_app.shell.alert import SOUND_FILE, VisitorAlert
from tests.desk_fakes import FakeConnection, HeldDevices
from tests.qt_fixtures import qt_loop_fixture, run
from tests.test_app_speaker import FakeBackend, save_button
from videoclerk_protocol import messages as p

# No server, no database: `make test-postgres` leaves these out (tests/conftest.py).
pytestmark = pytest.mark.engine_independent

__all__ = ["qt_loop_fixture"]


def entry(call_id: str, *, reconnecting: bool = False) -> WaitingEntry:
    return WaitingEntry(
        call_id,
        "que_1",
        {"en": "Sales"},
        1,
        "2020-01-01T10:00:00+00:00",
        False,
        False,
        True,
        reconnecting,
    )


def test_only_the_first_takeable_visitor_alerts_an_available_clerk() -> None:
    assert should_alert(0, 1, presence="available", in_call=False)
    assert not should_alert(1, 2, presence="available", in_call=False)  # already somebody
    assert not should_alert(0, 0, presence="available", in_call=False)
    assert not should_alert(0, 1, presence="away", in_call=False)
    assert not should_alert(0, 1, presence="reconnecting", in_call=False)
    assert not should_alert(0, 1, presence="available", in_call=True)
    assert takeable([entry("a", reconnecting=True), entry("b")]) == 1
    assert takeable([entry("a", reconnecting=True)]) == 0


def snapshot(*visitors: tuple[str, bool]) -> p.QueueSnapshot:
    return p.QueueSnapshot.model_validate(
        {
            "queues": [
                {
                    "id": "que_1",
                    "name": {"en": "Sales", "nl": "Verkoop"},
                    "waiting": len(visitors),
                    "longest_wait_seconds": 1,
                }
            ],
            "waiting": [
                {
                    "call_id": call_id,
                    "queue_id": "que_1",
                    "position": n + 1,
                    "joined_at": "2020-01-01T10:00:00+00:00",
                    "consent": {"recording": False, "transcription": False},
                    "camera": True,
                    "reconnecting": reconnecting,
                }
                for n, (call_id, reconnecting) in enumerate(visitors)
            ],
        }
    )


def test_a_visitor_starting_to_wait_alerts_as_the_clerk_chose(
    qapp: QApplication, qt_loop: qasync.QEventLoop
) -> None:
    connection = FakeConnection()
    desk = ClerkDesk(connection, open_tracks=HeldDevices().open)
    alert = VisitorAlert(DeskModel(desk))
    given: list[tuple[bool, bool]] = []
    alert.alerted.connect(lambda sound, notification: given.append((sound, notification)))
    tray = QSystemTrayIcon.isSystemTrayAvailable()

    async def scenario() -> None:
        await desk.start()
        connection.feed(p.PresenceChanged(state="away"))
        connection.feed(snapshot(("call_1", False)))
        assert given == []  # away: no alert
        connection.feed(snapshot())
        connection.feed(p.PresenceChanged(state="available"))
        connection.feed(snapshot(("call_2", True)))
        assert given == []  # reconnecting: cannot be taken
        connection.feed(snapshot(("call_2", True), ("call_3", False)))
        assert given == [(True, tray)]
        connection.feed(snapshot(("call_2", True), ("call_3", False), ("call_4", False)))
        assert given == [(True, tray)]  # once, not for every snapshot
        connection.feed(snapshot())
        alert.sound_on = False
        connection.feed(snapshot(("call_5", False)))
        assert given == [(True, tray), (False, tray)]
        await desk.close()

    run(qt_loop, scenario())


def test_the_alert_sound_is_a_short_tone() -> None:
    with wave.open(str(SOUND_FILE)) as sound:
        seconds = sound.getnframes() / sound.getframerate()
        assert sound.getsampwidth() == 2 and sound.getnchannels() == 1
    assert 0.1 <= seconds <= 0.2


def test_the_alert_switches_are_saved_and_kept(
    qapp: QApplication, qt_loop: qasync.QEventLoop, tmp_path: Path
) -> None:
    store = PreferenceStore.at(tmp_path / "settings.ini")
    assert store.load().alert_sound and store.load().alert_notification  # on by default
    dialog = SettingsDialog(store.load(), speakers=FakeBackend())
    saved: list[Preferences] = []
    dialog.saved.connect(saved.append)
    try:
        assert dialog.alert_sound_check.isChecked()
        assert dialog.alert_notification_check.isChecked()
        dialog.alert_sound_check.click()
        save_button(dialog)()
    finally:
        dialog.deleteLater()
    assert [(s.alert_sound, s.alert_notification) for s in saved] == [(False, True)]
    store.save(saved[0])
    again = PreferenceStore.at(tmp_path / "settings.ini").load()
    assert (again.alert_sound, again.alert_notification) == (False, True)

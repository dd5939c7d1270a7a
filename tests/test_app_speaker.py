"""The clerk hears the visitor: decoded frames through a PcmPump into a QIODevice, the
Speaker's states (no output, a failing output, playing, stopped), the speaker choice in the
settings, and a real call whose sound reaches the chosen output, offscreen.

Machines without sound (CI) have no audio output at all, so an output here is a QBuffer
behind a fake backend; the real Qt backend is checked for what it does on this machine.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import array
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

import av
import httpx
import pytest
import qasync
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtMultimedia import QAudioDevice, QMediaDevices
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from clerk_app.call.pcm import PcmConverter, PcmFormat
from clerk_app.call.speaker import (
    MAX_QUEUED_MS,
    OpenedOutput,
    PcmPump,
    QtAudioBackend,
    Speaker,
    SpeakerDevice,
    SpeakerError,
    SpeakerState,
    choose_output,
)
from clerk_app.settings.preferences import Preferences
from clerk_app.settings.view import SettingsDialog
from tests.accounts_helpers import STRONG_PASSWORD
from tests.live_server import LiveServer
from tests.media_fixtures import eventually, loopback_ice_fixture
from tests.qt_fixtures import (
    AppHarness,
    MediaVisitor,
    harness_fixture,
    log_in,
    qt_loop_fixture,
    run,
)
from tests.queue_helpers import call_centre
from tests.test_app_speaker_pcm import frequency_of, s16_samples, tone_frame

__all__ = ["harness_fixture", "loopback_ice_fixture", "qt_loop_fixture"]

STEREO_S16 = PcmFormat(48_000, 2, "s16")


def buffer_device() -> QBuffer:
    device = QBuffer()
    assert device.open(QIODevice.OpenModeFlag.WriteOnly)
    return device


def written(device: QBuffer) -> bytes:
    return bytes(device.data().data())


@dataclass
class FakeBackend:
    """Audio outputs that write into QBuffers; `room` is what the sink takes right now
    (None: everything)."""

    devices: list[SpeakerDevice] = field(default_factory=list)
    default: SpeakerDevice | None = None
    pcm: PcmFormat = STEREO_S16
    room: int | None = None
    open_error: Exception | None = None
    broken: bool = False
    opened: list[tuple[SpeakerDevice, QBuffer]] = field(default_factory=list)
    closed: int = 0

    def outputs(self) -> list[SpeakerDevice]:
        return list(self.devices)

    def default_output(self) -> SpeakerDevice | None:
        return self.default

    def format_for(self, device: SpeakerDevice) -> PcmFormat:
        return self.pcm

    def open(self, device: SpeakerDevice, pcm: PcmFormat, buffer_bytes: int) -> OpenedOutput:
        if self.open_error is not None:
            raise self.open_error
        sink = buffer_device()
        self.opened.append((device, sink))

        def bytes_free() -> int:
            return 1 << 30 if self.room is None else self.room

        def close() -> None:
            self.closed += 1
            sink.close()

        return OpenedOutput(sink, bytes_free, lambda: self.broken, close)

    @property
    def sink(self) -> QBuffer:
        return self.opened[-1][1]


HEADSET = SpeakerDevice("usb-headset", "USB headset")
BUILT_IN = SpeakerDevice("built-in", "Built-in speakers")


def states_of(speaker: Speaker) -> list[str]:
    seen: list[str] = []
    speaker.stateChanged.connect(seen.append)
    return seen


# ---- the pump: frames to a QIODevice ---------------------------------------------------------


def test_the_pump_writes_each_frame_converted_into_the_device(qapp: QApplication) -> None:
    frames = [tone_frame(660, start=i * 960) for i in range(25)]
    expected = b"".join(PcmConverter(STEREO_S16).convert(frame) for frame in frames)
    device = buffer_device()
    pump = PcmPump(device, STEREO_S16)
    for frame in frames:
        pump.push(frame)
    assert written(device) == expected
    assert pump.written_bytes == len(expected) == 25 * 3840
    assert frequency_of(written(device), 2, 48_000) == pytest.approx(660, rel=0.02)

    # A device in another format gets the same sound, resampled.
    mono = buffer_device()
    other = PcmPump(mono, PcmFormat(16_000, 1, "s16"))
    for frame in frames:
        other.push(frame)
    assert 0 < len(written(mono)) <= 16_000 * 2 // 2  # at most half a second of mono s16
    assert frequency_of(written(mono), 1, 16_000) == pytest.approx(660, rel=0.03)


def level_frame(level: int) -> av.AudioFrame:
    """20 ms of stereo s16 at one constant level: tells frames apart once written."""
    frame = tone_frame(0)
    samples = array.array("h", [level] * 960 * 2)
    if sys.byteorder != "little":
        samples.byteswap()
    frame.planes[0].update(samples.tobytes() + bytes(frame.planes[0].buffer_size - 3840))
    return frame


def test_a_stalled_output_keeps_only_the_newest_sound(qapp: QApplication) -> None:
    room = [0]
    device = buffer_device()
    pump = PcmPump(device, STEREO_S16, bytes_free=lambda: room[0])
    bound = STEREO_S16.bytes_for(MAX_QUEUED_MS)
    # Two seconds of frames, each a constant level of its own, while the output takes nothing.
    for i in range(100):
        pump.push(level_frame((i + 1) * 100))
        assert len(pump.queue) <= bound
    assert written(device) == b""
    assert pump.queue.dropped_bytes == 100 * 3840 - len(pump.queue)
    # The output takes sound again: what it gets first is recent, not two seconds old.
    room[0] = 1 << 20
    assert pump.drain() == len(written(device)) == bound
    first_level = s16_samples(written(device))[0]
    assert first_level > 9000  # among the last frames (levels up to 10000)
    assert s16_samples(written(device))[-1] == 10_000


def test_a_device_that_takes_part_of_the_sound_gets_the_rest_later(qapp: QApplication) -> None:
    room = [1000]  # not a whole number of sample frames, and less than a frame
    device = buffer_device()
    pump = PcmPump(device, STEREO_S16, bytes_free=lambda: room[0])
    frames = [tone_frame(440, start=i * 960) for i in range(3)]
    for frame in frames:
        pump.push(frame)
    assert len(written(device)) == 3 * 1000  # whole sample frames, three drains
    room[0] = 1 << 20
    pump.drain()
    expected = b"".join(PcmConverter(STEREO_S16).convert(frame) for frame in frames)
    assert written(device) == expected  # nothing lost, nothing repeated


# ---- the Speaker's states ------------------------------------------------------------------


def test_no_audio_output_is_reported_and_frames_are_ignored(qapp: QApplication) -> None:
    speaker = Speaker("usb-headset", backend=FakeBackend())
    seen = states_of(speaker)
    speaker.start()
    assert speaker.state is SpeakerState.NO_DEVICE
    assert seen == ["no_device"]
    speaker.play(tone_frame(440))  # nothing to play on, nothing raised
    assert speaker.frames_played == 0 and speaker.pump is None
    speaker.stop()
    speaker.stop()
    assert speaker.state is SpeakerState.NO_DEVICE  # stays what the clerk must know


def test_the_real_backend_on_this_machine_never_raises(qapp: QApplication) -> None:
    """Whatever this machine has: no output (CI) gives NO_DEVICE; an output plays."""
    backend = QtAudioBackend()
    outputs = backend.outputs()
    assert [device.id for device in outputs] == [
        bytes(device.id().data()).decode() for device in QMediaDevices.audioOutputs()
    ]
    speaker = Speaker("", backend=backend)
    speaker.start()
    if not outputs:
        assert speaker.state is SpeakerState.NO_DEVICE
        assert speaker.device_name == ""
    else:
        assert speaker.state in (SpeakerState.PLAYING, SpeakerState.FAILED)
    for i in range(5):
        speaker.play(tone_frame(440, start=i * 960))
    speaker.stop()
    assert speaker.pump is None


def test_an_output_that_does_not_open_is_reported_as_failed(qapp: QApplication) -> None:
    # Qt's own sink on a device that does not exist: refused, not crashed.
    with pytest.raises(SpeakerError):
        QtAudioBackend().open(SpeakerDevice("gone", "Gone", QAudioDevice()), STEREO_S16, 7680)
    backend = FakeBackend([HEADSET], open_error=SpeakerError("busy"))
    speaker = Speaker("usb-headset", backend=backend)
    speaker.start()
    assert speaker.state is SpeakerState.FAILED
    speaker.play(tone_frame(440))
    assert speaker.frames_played == 0


def test_the_speaker_plays_on_the_chosen_output_until_stopped(qapp: QApplication) -> None:
    backend = FakeBackend([BUILT_IN, HEADSET], default=BUILT_IN)
    speaker = Speaker("usb-headset", backend=backend)
    seen = states_of(speaker)
    speaker.start()
    assert speaker.state is SpeakerState.PLAYING and seen == ["playing"]
    assert speaker.device_name == "USB headset"
    assert backend.opened[0][0] is HEADSET
    for i in range(10):
        speaker.play(tone_frame(440, start=i * 960))
    assert speaker.frames_played == 10
    assert len(written(backend.sink)) == 10 * 3840
    speaker.stop()
    assert speaker.state is SpeakerState.STOPPED and seen == ["playing", "stopped"]
    assert backend.closed == 1
    speaker.play(tone_frame(440))
    assert speaker.frames_played == 10
    speaker.stop()
    assert backend.closed == 1


def test_an_output_that_breaks_mid_call_is_released_and_reported(qapp: QApplication) -> None:
    backend = FakeBackend([HEADSET], default=HEADSET)
    speaker = Speaker("", backend=backend)
    speaker.start()
    speaker.play(tone_frame(440))
    backend.broken = True  # unplugged, say
    speaker.play(tone_frame(440, start=960))
    assert speaker.state is SpeakerState.FAILED
    assert backend.closed == 1 and speaker.pump is None
    speaker.stop()
    assert speaker.state is SpeakerState.FAILED


def test_the_chosen_output_falls_back_to_the_default_then_to_any() -> None:
    both = FakeBackend([BUILT_IN, HEADSET], default=BUILT_IN)
    assert choose_output(both, "usb-headset") is HEADSET
    assert choose_output(both, "unplugged") is BUILT_IN
    assert choose_output(both, "") is BUILT_IN
    no_default = FakeBackend([HEADSET])
    assert choose_output(no_default, "") is HEADSET
    assert choose_output(FakeBackend(), "") is None


# ---- the speaker in the settings -------------------------------------------------------------


def save_button(dialog: SettingsDialog) -> Callable[[], None]:
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    return buttons.button(QDialogButtonBox.StandardButton.Save).click


def test_settings_without_an_output_say_so_and_keep_the_stored_choice(
    qapp: QApplication, qt_loop: qasync.QEventLoop
) -> None:
    dialog = SettingsDialog(Preferences(speaker="usb-headset"), speakers=FakeBackend())
    try:
        assert not dialog.speaker_combo.isEnabled()
        assert dialog.speaker_combo.currentText() == "No speaker found"
        assert "No speaker found" in dialog.speaker_note.text()
        assert not dialog.speaker_note.isHidden()
        assert dialog.chosen().speaker == "usb-headset"  # back when it is plugged in again
    finally:
        dialog.done(0)
        dialog.deleteLater()


def test_settings_list_the_outputs_and_store_the_choice(
    qapp: QApplication, qt_loop: qasync.QEventLoop
) -> None:
    backend = FakeBackend([BUILT_IN, HEADSET], default=BUILT_IN)
    dialog = SettingsDialog(Preferences(speaker="bluetooth"), speakers=backend)
    saved: list[Preferences] = []
    dialog.saved.connect(saved.append)
    try:
        combo = dialog.speaker_combo
        assert combo.isEnabled() and dialog.speaker_note.isHidden()
        assert [combo.itemText(i) for i in range(combo.count())] == [
            "System default output",
            "Built-in speakers",
            "USB headset",
            "bluetooth (not connected)",
        ]
        assert combo.currentData() == "bluetooth"
        combo.setCurrentIndex(combo.findData("usb-headset"))
        assert dialog.chosen().speaker == "usb-headset"
        backend.devices = [HEADSET]  # an output is unplugged while the dialog is open
        dialog.fill_speakers()
        assert combo.currentData() == "usb-headset"
        save_button(dialog)()
        assert [p.speaker for p in saved] == ["usb-headset"]
    finally:
        dialog.done(0)
        dialog.deleteLater()


# ---- in a call, through the app --------------------------------------------------------------


def test_the_visitors_voice_reaches_the_chosen_output_and_stops_at_hang_up(
    server: LiveServer,
    client: httpx.Client,
    harness: AppHarness,
    qt_loop: qasync.QEventLoop,
    loopback_ice: None,
) -> None:
    centre = call_centre(client)
    app, email = harness.for_new_user(client, centre.org, server.url)
    backend = FakeBackend([BUILT_IN, HEADSET], default=BUILT_IN)
    visitors: list[MediaVisitor] = []

    async def scenario() -> None:
        await log_in(app, email, STRONG_PASSWORD)
        window = app.main_window
        assert window is not None
        page = window.calls_page
        page.make_speaker = lambda device: Speaker(device, backend=backend, parent=page)
        app._settings_saved(app.preferences.with_changes(speaker="usb-headset"))
        assert page.speaker_device == "usb-headset"
        assert app.store.load().speaker == "usb-headset"
        page.presence.available_button.click()
        await eventually(lambda: page.presence.state == "available", "available")
        visitor = await MediaVisitor.waiting(server.url, centre.widget_key, centre.queue_ids[0])
        visitors.append(visitor)
        await eventually(lambda: page.queue_model.rowCount() == 1, "the visitor in the queue")
        page.take(None)
        await eventually(lambda: page.call_model is not None, "the call taken", within=15)
        speaker = page.speaker
        assert speaker is not None and speaker.state is SpeakerState.PLAYING
        assert page.call_view.speaker_label.text() == "USB headset"
        # A second of the visitor's tone (880 Hz, see MediaVisitor) reaches the output.
        await eventually(lambda: len(written(backend.sink)) > 48_000 * 4, "sound", within=20)
        sound = written(backend.sink)[-48_000 * 4 :]
        assert max(s16_samples(sound)) > 1000
        assert frequency_of(sound, 2, 48_000) == pytest.approx(880, rel=0.03)

        # The clerk picks another output mid-call: the sound moves there at once.
        app._settings_saved(app.preferences.with_changes(speaker="built-in"))
        assert speaker.state is SpeakerState.STOPPED and backend.closed == 1
        assert page.speaker is not None and page.speaker is not speaker
        assert backend.opened[-1][0] is BUILT_IN
        assert page.call_view.speaker_label.text() == "Built-in speakers"
        await eventually(lambda: len(written(backend.sink)) > 3840 * 5, "sound moved")

        page.call_view.hang_up_button.click()
        await eventually(lambda: page.stack.currentWidget() is page.wrap_up, "wrap-up")
        assert page.speaker is None and backend.closed == 2
        assert page.call_view.speaker_label.text() == "\u2013"

    try:
        run(qt_loop, scenario(), timeout=120)
    finally:
        for visitor in visitors:
            run(qt_loop, visitor.close(), timeout=20)


def test_a_call_without_an_audio_output_shows_no_speaker_found(
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
        page = window.calls_page
        page.make_speaker = lambda device: Speaker(device, backend=FakeBackend(), parent=page)
        page.presence.available_button.click()
        await eventually(lambda: page.presence.state == "available", "available")
        visitor = await MediaVisitor.waiting(server.url, centre.widget_key, centre.queue_ids[0])
        visitors.append(visitor)
        await eventually(lambda: page.queue_model.rowCount() == 1, "the visitor in the queue")
        page.take(None)
        await eventually(lambda: page.call_model is not None, "the call taken", within=15)
        assert page.call_view.speaker_label.text() == "no speaker found"
        model = page.call_model
        assert model is not None
        # The call goes on: sound arrives and is dropped, pictures are shown. The media opens
        # in a worker thread, so the peer appears a moment after the call does.
        await eventually(
            lambda: (
                model.session.peer is not None and model.session.peer.audio_frames_received > 20
            ),
            "the visitor's sound decoded",
            within=20,
        )
        await eventually(lambda: page.call_view.stage.remote.frames_received > 3, "video")
        page.call_view.hang_up_button.click()
        await eventually(lambda: page.stack.currentWidget() is page.wrap_up, "wrap-up")

    try:
        run(qt_loop, scenario(), timeout=120)
    finally:
        for visitor in visitors:
            run(qt_loop, visitor.close(), timeout=20)

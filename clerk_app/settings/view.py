"""Settings: camera and microphone with a live preview, speaker, language, theme, alerts,
where recordings wait for upload, and (signed in) the user's mail choices on the server."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from pathlib import Path

import av
from PySide6.QtCore import Signal
from PySide6.QtMultimedia import QMediaDevices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clerk_app.account.mail_choices import MailChoicesBackend
from clerk_app.call.speaker import AudioBackend, QtAudioBackend, SpeakerDevice
from clerk_app.call.video import VideoWidget
from clerk_app.media.sources import LocalTracks, list_video_devices
from clerk_app.settings.mail_choice import MailChoiceBox
from clerk_app.settings.preferences import TEST_SOURCE, Preferences, open_tracks_for
from clerk_app.shell.errors import describe
from clerk_app.shell.tasks import Tasks

log = logging.getLogger(__name__)


class SettingsDialog(QDialog):
    saved = Signal(object)  # the new Preferences

    def __init__(
        self,
        preferences: Preferences,
        parent: QWidget | None = None,
        *,
        speakers: AudioBackend | None = None,
        spool_default: Path | None = None,
        mail: MailChoicesBackend | None = None,
    ) -> None:
        super().__init__(parent)
        self.preferences = preferences
        self.tasks = Tasks(on_error=self._preview_failed)
        self._preview_task: asyncio.Task[None] | None = None
        self.setWindowTitle(self.tr("Settings"))
        self.resize(560, 640)

        self.camera_combo = QComboBox(self)
        self.camera_combo.addItem(self.tr("Test pattern (built in)"), TEST_SOURCE)
        for device in list_video_devices():
            self.camera_combo.addItem(device.label, device.id)
        if not sys.platform.startswith("linux"):
            self.camera_combo.setEditable(True)  # no device listing here: type the name
        self._select(self.camera_combo, preferences.camera)
        self.microphone_combo = QComboBox(self)
        self.microphone_combo.setEditable(True)
        self.microphone_combo.addItem(self.tr("Test tone (built in)"), TEST_SOURCE)
        self.microphone_combo.addItem(self.tr("System default microphone"), "default")
        self._select(self.microphone_combo, preferences.microphone)
        self.speakers: AudioBackend = speakers or QtAudioBackend()
        self.speaker_combo = QComboBox(self)
        self.speaker_note = QLabel(self)
        self.speaker_note.setWordWrap(True)
        self._speaker_choice = preferences.speaker  # kept while no output is connected
        self._filling_speakers = False
        self.speaker_combo.currentIndexChanged.connect(self._speaker_picked)
        self.fill_speakers()
        if speakers is None:  # follow outputs plugged in or out while the dialog is open
            self._media_devices = QMediaDevices(self)
            self._media_devices.audioOutputsChanged.connect(self.fill_speakers)
        self.preview = VideoWidget(self)
        self.preview.setMinimumSize(320, 180)
        self.preview_status = QLabel(self)
        self.preview_status.setWordWrap(True)

        devices = QGroupBox(self.tr("Camera and sound"), self)
        device_form = QFormLayout(devices)
        device_form.addRow(self.tr("Camera"), self.camera_combo)
        device_form.addRow(self.tr("Microphone"), self.microphone_combo)
        device_form.addRow(self.tr("Speaker"), self.speaker_combo)
        device_form.addRow(self.speaker_note)
        device_form.addRow(self.preview)
        device_form.addRow(self.preview_status)

        self.language_combo = QComboBox(self)
        self.language_combo.addItem(self.tr("Follow the system"), "system")
        self.language_combo.addItem("English", "en")
        self.language_combo.addItem("Nederlands", "nl")
        self._select(self.language_combo, preferences.language)
        self.theme_combo = QComboBox(self)
        self.theme_combo.addItem(self.tr("Follow the system"), "system")
        self.theme_combo.addItem(self.tr("Light"), "light")
        self.theme_combo.addItem(self.tr("Dark"), "dark")
        self._select(self.theme_combo, preferences.theme)
        looks = QGroupBox(self.tr("Language and appearance"), self)
        looks_form = QFormLayout(looks)
        looks_form.addRow(self.tr("Language"), self.language_combo)
        looks_form.addRow(self.tr("Theme"), self.theme_combo)
        language_note = QLabel(self.tr("A new language applies from the next log-in window."), self)
        language_note.setWordWrap(True)
        looks_form.addRow(language_note)

        self.alert_sound_check = QCheckBox(self.tr("Play a sound"), self)
        self.alert_sound_check.setChecked(preferences.alert_sound)
        self.alert_notification_check = QCheckBox(self.tr("Show a notification"), self)
        self.alert_notification_check.setChecked(preferences.alert_notification)
        alerts = QGroupBox(self.tr("When a visitor starts waiting while you are available"), self)
        alerts_layout = QVBoxLayout(alerts)
        alerts_layout.addWidget(self.alert_sound_check)
        alerts_layout.addWidget(self.alert_notification_check)

        recordings = self._recordings_box(preferences, spool_default)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(devices)
        layout.addWidget(looks)
        layout.addWidget(alerts)
        layout.addWidget(recordings)
        self.mail_box = MailChoiceBox(mail, self) if mail is not None else None
        if self.mail_box is not None:
            layout.addWidget(self.mail_box)
        layout.addWidget(buttons)

        self.camera_combo.currentIndexChanged.connect(lambda _i: self.restart_preview())
        self.camera_combo.editTextChanged.connect(lambda _t: self.restart_preview())

    def _recordings_box(self, preferences: Preferences, spool_default: Path | None) -> QGroupBox:
        self.spool_edit = QLineEdit(preferences.spool_folder, self)
        if spool_default is not None:
            self.spool_edit.setPlaceholderText(str(spool_default))
        self.spool_button = QPushButton(self.tr("Choose\u2026"), self)
        self.spool_button.clicked.connect(self._choose_spool)
        self.spool_limit_spin = QSpinBox(self)
        self.spool_limit_spin.setRange(10, 1024 * 1024)
        self.spool_limit_spin.setSingleStep(256)
        self.spool_limit_spin.setSuffix(" MiB")
        self.spool_limit_spin.setValue(preferences.spool_limit_mb)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.spool_edit, 1)
        folder_row.addWidget(self.spool_button)
        box = QGroupBox(self.tr("Recordings waiting for upload"), self)
        form = QFormLayout(box)
        form.addRow(self.tr("Folder"), folder_row)
        form.addRow(self.tr("Warn above"), self.spool_limit_spin)
        note = QLabel(
            self.tr(
                "A new folder applies from the next log-in. Recordings still waiting in the "
                "old folder are uploaded only from there: change it when none are waiting."
            ),
            self,
        )
        note.setWordWrap(True)
        form.addRow(note)
        return box

    def _choose_spool(self) -> None:
        chooser = QFileDialog(self, self.tr("Folder for recordings waiting for upload"))
        chooser.setFileMode(QFileDialog.FileMode.Directory)
        chooser.setOption(QFileDialog.Option.ShowDirsOnly, True)
        start = self.spool_edit.text().strip() or self.spool_edit.placeholderText()
        if start:
            chooser.setDirectory(start)
        chooser.fileSelected.connect(self.spool_edit.setText)
        chooser.open()

    @staticmethod
    def _select(combo: QComboBox, value: str) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)
        elif combo.isEditable() and value:
            combo.setEditText(value)

    @staticmethod
    def _value(combo: QComboBox) -> str:
        index = combo.currentIndex()
        if index >= 0 and combo.itemText(index) == combo.currentText():
            return str(combo.itemData(index))
        return combo.currentText().strip() or TEST_SOURCE

    def chosen(self) -> Preferences:
        return self.preferences.with_changes(
            camera=self._value(self.camera_combo),
            microphone=self._value(self.microphone_combo),
            speaker=self._speaker_choice,
            language=self._value(self.language_combo),
            theme=self._value(self.theme_combo),
            alert_sound=self.alert_sound_check.isChecked(),
            alert_notification=self.alert_notification_check.isChecked(),
            spool_folder=self.spool_edit.text().strip(),
            spool_limit_mb=self.spool_limit_spin.value(),
        )

    # ---- speaker ---------------------------------------------------------------------------

    def fill_speakers(self) -> None:
        """List the audio outputs; with none, say so and keep the stored choice."""
        try:
            outputs: list[SpeakerDevice] = self.speakers.outputs()
        except Exception:
            log.warning("listing the audio outputs failed", exc_info=True)
            outputs = []
        self._filling_speakers = True
        try:
            self.speaker_combo.clear()
            if not outputs:
                self.speaker_combo.addItem(self.tr("No speaker found"), None)
                self.speaker_combo.setEnabled(False)
                self.speaker_note.setText(
                    self.tr(
                        "No speaker found: this computer has no sound output, so you will "
                        "not hear the visitor. Connect a speaker or headset and it appears "
                        "here."
                    )
                )
                self.speaker_note.show()
                return
            self.speaker_combo.setEnabled(True)
            self.speaker_combo.addItem(self.tr("System default output"), "")
            for device in outputs:
                self.speaker_combo.addItem(device.description, device.id)
            choice = self._speaker_choice
            if choice and self.speaker_combo.findData(choice) < 0:
                self.speaker_combo.addItem(
                    self.tr("%1 (not connected)").replace("%1", choice), choice
                )
            self._select(self.speaker_combo, choice)
            self.speaker_note.clear()
            self.speaker_note.hide()
        finally:
            self._filling_speakers = False

    def _speaker_picked(self, index: int) -> None:
        data = self.speaker_combo.itemData(index)
        if not self._filling_speakers and isinstance(data, str):
            self._speaker_choice = data

    # ---- live preview ----------------------------------------------------------------------

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        self.restart_preview()

    def restart_preview(self) -> None:
        if self._preview_task is not None:
            self._preview_task.cancel()
        self.preview.clear(self.tr("Opening the camera\u2026"))
        self.preview_status.clear()
        self._preview_task = self.tasks.run(self._preview(self.chosen()))

    async def _preview(self, preferences: Preferences) -> None:
        only_camera = preferences.with_changes(microphone=TEST_SOURCE)
        if only_camera.camera == TEST_SOURCE:
            tracks: LocalTracks = open_tracks_for(only_camera)
        else:  # opening a device can take a moment: not on the UI thread
            tracks = await asyncio.to_thread(open_tracks_for, only_camera)
        try:
            video = tracks.video
            assert video is not None
            while True:
                frame = await video.recv()
                if isinstance(frame, av.VideoFrame):
                    self.preview.set_frame(frame)
        finally:
            with contextlib.suppress(Exception):
                tracks.close()

    def _preview_failed(self, error: BaseException) -> None:
        self.preview.clear(self.tr("No picture"))
        self.preview_status.setText(describe(error))

    def _save(self) -> None:
        self.saved.emit(self.chosen())
        self.accept()

    def done(self, result: int) -> None:
        self.tasks.cancel()
        super().done(result)

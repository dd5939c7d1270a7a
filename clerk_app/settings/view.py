"""Settings: camera and microphone with a live preview, speaker, language, theme, alerts,
the network (proxy, CA file), where recordings wait for upload, and (signed in) the
user's mail choices on the server.

Cameras and microphones are what Qt lists (kept current as devices come and go); what a
config file locks is shown disabled, with a note saying so.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from pathlib import Path

import av
from PySide6.QtCore import QSize, Signal
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
from clerk_app.media.sources import LocalTracks
from clerk_app.settings.config import AppConfig, ca_file_problem, proxy_problem
from clerk_app.settings.device_model import MediaDevices, QtMediaDevices
from clerk_app.settings.devices import (
    DEFAULT_MICROPHONE,
    TEST_SOURCE,
    default_microphone_offered,
)
from clerk_app.settings.mail_choice import MailChoiceBox
from clerk_app.settings.preferences import Preferences, open_tracks_for
from clerk_app.shell.errors import describe
from clerk_app.shell.locks import lock
from clerk_app.shell.sizing import DIALOG_MINIMUM_HEIGHT, fit_to_screen, vertical_scroll
from clerk_app.shell.tasks import Tasks
from clerk_app.shell.theme import set_tone

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
        devices: MediaDevices | None = None,
        config: AppConfig | None = None,
        mail: MailChoicesBackend | None = None,
    ) -> None:
        super().__init__(parent)
        self.preferences = preferences
        self.config = config or AppConfig()
        self.tasks = Tasks(on_error=self._preview_failed)
        self._preview_task: asyncio.Task[None] | None = None
        self._previewing: str | None = None  # the camera the preview shows
        self.setWindowTitle(self.tr("Settings"))

        self.devices = devices or QtMediaDevices(self)
        self.camera_combo = QComboBox(self)
        self.camera_note = QLabel(self)
        self.camera_note.setWordWrap(True)
        self.microphone_combo = QComboBox(self)
        self._chosen = {"camera": preferences.camera, "microphone": preferences.microphone}
        self._filling = False
        self.camera_combo.currentIndexChanged.connect(lambda _i: self._picked("camera"))
        self.microphone_combo.currentIndexChanged.connect(lambda _i: self._picked("microphone"))
        self.fill_inputs()
        self.devices.changed.connect(self.fill_inputs)
        self.speakers: AudioBackend = speakers or QtAudioBackend()
        self.speaker_combo = QComboBox(self)
        self.speaker_note = QLabel(self)
        self.speaker_note.setWordWrap(True)
        self._speaker_choice = preferences.speaker  # kept while no output is connected
        self.speaker_combo.currentIndexChanged.connect(self._speaker_picked)
        self.fill_speakers()
        if speakers is None:  # follow outputs plugged in or out while the dialog is open
            self._media_devices = QMediaDevices(self)
            self._media_devices.audioOutputsChanged.connect(self.fill_speakers)
        self.preview = VideoWidget(self)
        self.preview.setMinimumSize(320, 180)
        self.preview_status = QLabel(self)
        self.preview_status.setWordWrap(True)

        devices_box = QGroupBox(self.tr("Camera and sound"), self)
        device_form = QFormLayout(devices_box)
        device_form.addRow(self.tr("Camera"), self.camera_combo)
        device_form.addRow(self.camera_note)
        device_form.addRow(self.tr("Microphone"), self.microphone_combo)
        device_form.addRow(self.tr("Speaker"), self.speaker_combo)
        device_form.addRow(self.speaker_note)
        device_form.addRow(self.preview)
        device_form.addRow(self.preview_status)

        alerts = self._alerts_box(preferences)
        recordings = self._recordings_box(preferences, spool_default)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        content = QWidget(self)
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(devices_box)
        column.addWidget(self._looks_box(preferences))
        column.addWidget(alerts)
        column.addWidget(self._network_box(preferences))
        column.addWidget(recordings)
        self.mail_box = MailChoiceBox(mail, self) if mail is not None else None
        if self.mail_box is not None:
            column.addWidget(self.mail_box)
        # Taller than a small screen: the settings scroll, Save and Cancel stay in view.
        self.content_scroll = vertical_scroll(content, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.content_scroll, 1)
        layout.addWidget(buttons)
        self.setMinimumHeight(DIALOG_MINIMUM_HEIGHT)
        fit_to_screen(self, QSize(560, 760))

    def _locked(self, key: str, widget: QWidget, form: QFormLayout) -> bool:
        """Disable `widget` with a note below it when a config file locks `key`."""
        file = self.config.locked_by.get(key)
        if file is None:
            return False
        form.addRow("", lock(widget, file, self))
        return True

    def _looks_box(self, preferences: Preferences) -> QGroupBox:
        languages = {"en": "English", "nl": "Nederlands"}
        themes = {"light": self.tr("Light"), "dark": self.tr("Dark")}
        self.language_combo = self._choice_combo(languages, self.config.language)
        self.theme_combo = self._choice_combo(themes, self.config.theme)
        box = QGroupBox(self.tr("Language and appearance"), self)
        form = QFormLayout(box)
        form.addRow(self.tr("Language"), self.language_combo)
        if not self._locked("language", self.language_combo, form):
            self._select(self.language_combo, preferences.language)
        form.addRow(self.tr("Theme"), self.theme_combo)
        if not self._locked("theme", self.theme_combo, form):
            self._select(self.theme_combo, preferences.theme)
        note = QLabel(
            self.tr(
                "A new language applies when you next log in or out, or start videoclerk again."
            ),
            self,
        )
        note.setWordWrap(True)
        form.addRow(note)
        return box

    def _choice_combo(self, names: dict[str, str], default: str | None) -> QComboBox:
        """First "system" (the config file's default, else the system's), then the choices;
        the config's value is selected, which is what holds when the key is locked."""
        combo = QComboBox(self)
        if default is not None and default in names:
            combo.addItem(self.tr("Default: %1").replace("%1", names[default]), "system")
        else:
            combo.addItem(self.tr("Follow the system"), "system")
        for value, name in names.items():
            combo.addItem(name, value)
        self._select(combo, default or "system")
        return combo

    def _alerts_box(self, preferences: Preferences) -> QGroupBox:
        self.alert_sound_check = QCheckBox(self.tr("Play a sound"), self)
        self.alert_sound_check.setChecked(preferences.alert_sound)
        self.alert_notification_check = QCheckBox(self.tr("Show a notification"), self)
        self.alert_notification_check.setChecked(preferences.alert_notification)
        box = QGroupBox(self.tr("When a visitor starts waiting while you are available"), self)
        layout = QVBoxLayout(box)
        layout.addWidget(self.alert_sound_check)
        layout.addWidget(self.alert_notification_check)
        return box

    def _network_box(self, preferences: Preferences) -> QGroupBox:
        config = self.config
        self.proxy_edit = QLineEdit(preferences.proxy, self)
        self.proxy_edit.setPlaceholderText(
            self.tr("Default: %1").replace("%1", config.proxy)
            if config.proxy
            else self.tr("None: connect directly")
        )
        self.ca_edit = QLineEdit(preferences.ca_file, self)
        self.ca_edit.setPlaceholderText(
            self.tr("Default: %1").replace("%1", str(config.ca_file))
            if config.ca_file
            else self.tr("None: the system's certificate authorities")
        )
        self.ca_button = QPushButton(self.tr("Choose\u2026"), self)
        self.ca_button.clicked.connect(self._choose_ca_file)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_edit, 1)
        ca_row.addWidget(self.ca_button)
        box = QGroupBox(self.tr("Network"), self)
        form = QFormLayout(box)
        form.addRow(self.tr("HTTP proxy"), self.proxy_edit)
        if self._locked("proxy", self.proxy_edit, form):
            self.proxy_edit.setText(config.proxy or "")
        form.addRow(self.tr("CA file"), ca_row)
        if self._locked("ca_file", self.ca_edit, form):
            self.ca_button.setEnabled(False)
            self.ca_edit.setText(str(config.ca_file or ""))
        note = QLabel(
            self.tr(
                "The proxy carries the app's connection to the server. The CA file is for a "
                "server whose certificate a private certificate authority signed. Both apply "
                "from the next log-in."
            ),
            self,
        )
        note.setWordWrap(True)
        form.addRow(note)
        self.network_status = QLabel(self)
        self.network_status.setWordWrap(True)
        set_tone(self.network_status, "danger")
        self.network_status.hide()
        form.addRow(self.network_status)
        return box

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
        self._choose(
            self.spool_edit, self.tr("Folder for recordings waiting for upload"), folder=True
        )

    def _choose_ca_file(self) -> None:
        self._choose(self.ca_edit, self.tr("CA file (PEM)"), folder=False)

    def _choose(self, edit: QLineEdit, title: str, *, folder: bool) -> None:
        chooser = QFileDialog(self, title)
        if folder:
            chooser.setFileMode(QFileDialog.FileMode.Directory)
            chooser.setOption(QFileDialog.Option.ShowDirsOnly, True)
        else:
            chooser.setFileMode(QFileDialog.FileMode.ExistingFile)
        start = edit.text().strip() or edit.placeholderText()
        if start and Path(start).exists():
            chooser.setDirectory(start if folder else str(Path(start).parent))
        chooser.fileSelected.connect(edit.setText)
        chooser.open()

    @staticmethod
    def _select(combo: QComboBox, value: str) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def _fill(self, combo: QComboBox, items: list[tuple[str, str]], choice: str) -> None:
        """Replace `combo`'s items by `items` (text, value) and select `choice`, listed as
        "not connected" when it is no item: the clerk's choice survives an unplugged device."""
        self._filling = True
        try:
            combo.clear()
            for text, value in items:
                combo.addItem(text, value)
            if choice and combo.findData(choice) < 0:
                combo.addItem(self.tr("%1 (not connected)").replace("%1", choice), choice)
            self._select(combo, choice)
        finally:
            self._filling = False

    def chosen(self) -> Preferences:
        locked = self.config.locked
        keep = self.preferences  # a locked setting keeps the clerk's own value for later
        return self.preferences.with_changes(
            camera=self._chosen["camera"],
            microphone=self._chosen["microphone"],
            speaker=self._speaker_choice,
            language=keep.language if "language" in locked else self.language_combo.currentData(),
            theme=keep.theme if "theme" in locked else self.theme_combo.currentData(),
            alert_sound=self.alert_sound_check.isChecked(),
            alert_notification=self.alert_notification_check.isChecked(),
            proxy=keep.proxy if "proxy" in locked else self.proxy_edit.text().strip(),
            ca_file=keep.ca_file if "ca_file" in locked else self.ca_edit.text().strip(),
            spool_folder=self.spool_edit.text().strip(),
            spool_limit_mb=self.spool_limit_spin.value(),
        )

    def network_problem(self, preferences: Preferences) -> str | None:
        """Why the proxy or CA file typed cannot be used; None when both can."""
        if preferences.proxy and proxy_problem(preferences.proxy):
            return self.tr(
                "\u201c%1\u201d is not a proxy address like http://proxy.example:3128."
            ).replace("%1", preferences.proxy)
        if not preferences.ca_file:
            return None
        path = Path(preferences.ca_file).expanduser()
        problem = ca_file_problem(path)
        if problem is None:
            return None
        texts: dict[str, Callable[[], str]] = {
            "ca_missing": lambda: self.tr("The CA file %1 does not exist."),
            "ca_unreadable": lambda: self.tr("The CA file %1 cannot be read: %2.").replace(
                "%2", problem[1]
            ),
            "ca_not_pem": lambda: self.tr(
                "The CA file %1 holds no certificate in PEM format (-----BEGIN CERTIFICATE-----)."
            ),
        }
        return texts[problem[0]]().replace("%1", str(path))

    # ---- camera and microphone -------------------------------------------------------------

    def fill_inputs(self) -> None:
        """List the cameras and microphones present now, keeping the clerk's choices."""
        cameras = self.devices.camera_sources()
        self._fill(
            self.camera_combo,
            [(self.tr("Test pattern (built in)"), TEST_SOURCE), *cameras],
            self._chosen["camera"],
        )
        self.camera_note.setText(
            ""
            if cameras
            else self.tr(
                "No camera found: visitors will see the test pattern. Connect a camera and it "
                "appears here."
            )
        )
        self.camera_note.setVisible(not cameras)
        fixed = [(self.tr("Test tone (built in)"), TEST_SOURCE)]
        if default_microphone_offered(self.devices.platform):
            fixed.append((self.tr("System default microphone"), DEFAULT_MICROPHONE))
        self._fill(
            self.microphone_combo,
            fixed + self.devices.microphone_sources(),
            self._chosen["microphone"],
        )
        if self.isVisible() and self._previewing != self._chosen["camera"]:
            self.restart_preview()

    def _picked(self, which: str) -> None:
        combo = self.camera_combo if which == "camera" else self.microphone_combo
        value = combo.currentData()
        if self._filling or not isinstance(value, str):
            return
        self._chosen[which] = value
        if which == "camera" and self.isVisible():
            self.restart_preview()

    # ---- speaker ---------------------------------------------------------------------------

    def fill_speakers(self) -> None:
        """List the audio outputs; with none, say so and keep the stored choice."""
        try:
            outputs: list[SpeakerDevice] = self.speakers.outputs()
        except Exception:
            log.warning("listing the audio outputs failed", exc_info=True)
            outputs = []
        if not outputs:
            self._fill(self.speaker_combo, [], "")
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
        items = [(d.description, d.id) for d in outputs]
        self._fill(
            self.speaker_combo,
            [(self.tr("System default output"), ""), *items],
            self._speaker_choice,
        )
        self.speaker_note.clear()
        self.speaker_note.hide()

    def _speaker_picked(self, index: int) -> None:
        data = self.speaker_combo.itemData(index)
        if not self._filling and isinstance(data, str):
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
        self._previewing = self._chosen["camera"]
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
        preferences = self.chosen()
        problem = self.network_problem(preferences)
        if problem is not None:
            self.network_status.setText(problem)
            self.network_status.show()
            return
        self.saved.emit(preferences)
        self.accept()

    def done(self, result: int) -> None:
        self.tasks.cancel()
        super().done(result)

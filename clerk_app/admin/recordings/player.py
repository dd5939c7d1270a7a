"""A window that plays one recording with Qt Multimedia, from memory.

The server's media route needs the session token as a Bearer header, which QMediaPlayer
cannot send, so the service downloads the recording and the player reads it from a
`QBuffer` (`setSourceDevice`). Memory rather than a temporary file: a decrypted recording
in a file would be in clear on disk, which the server is careful never to do; the FFmpeg
backend of Qt 6 plays WebM from a device. When the window closes, the player lets go of the
buffer and the bytes are dropped.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QUrl
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from clerk_app.admin.base import chain_focus
from clerk_app.admin.names import local_time
from clerk_app.admin.recordings.model import duration_text
from clerk_app.admin.recordings.service import Recording
from clerk_app.shell.theme import set_tone


class PlayerDialog(QDialog):
    """Picture, Play/Pause, a position slider and the time; starts playing at once."""

    def __init__(self, recording: Recording, data: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recording = recording
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWindowTitle(
            self.tr("Recording of %1").replace(
                "%1", local_time(recording.completed_at or recording.created_at)
            )
        )
        self.resize(680, 560)
        self.buffer = QBuffer(self)
        self.buffer.setData(QByteArray(data))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.video = QVideoWidget(self)
        self.video.setMinimumSize(320, 240)
        self.audio = QAudioOutput(self)
        self.player = QMediaPlayer(self)
        self.player.setAudioOutput(self.audio)
        self.player.setVideoOutput(self.video)
        self.play_button = QPushButton(self)
        self.play_button.setObjectName("playPause")
        self.position = QSlider(Qt.Orientation.Horizontal, self)
        self.position.setObjectName("playPosition")
        self.position_label = QLabel(self)
        self.position_label.setBuddy(self.position)
        self.time = QLabel(self)
        self.error = QLabel(self)
        self.error.setObjectName("playerError")
        self.error.setWordWrap(True)
        set_tone(self.error, "danger")
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)

        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.position_label)
        controls.addWidget(self.position, 1)
        controls.addWidget(self.time)
        layout = QVBoxLayout(self)
        layout.addWidget(self.video, 1)
        layout.addLayout(controls)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        chain_focus(self.play_button, self.position, self.close_button)

        self.play_button.clicked.connect(self.toggle)
        self.position.sliderMoved.connect(self.player.setPosition)
        self.player.durationChanged.connect(self._duration_changed)
        self.player.positionChanged.connect(self._position_changed)
        self.player.playbackStateChanged.connect(self._show_state)
        self.player.errorOccurred.connect(self._failed)
        self.finished.connect(self._release)
        self.retranslate()
        # The name tells the backend what the bytes are; nothing is fetched from it.
        self.player.setSourceDevice(self.buffer, QUrl(f"{recording.id}.webm"))
        self.player.play()
        self.play_button.setFocus()

    def retranslate(self) -> None:
        self.position_label.setText(self.tr("P&osition"))
        self.position.setAccessibleName(self.tr("Position in the recording"))
        self._show_state()
        self._position_changed(self.player.position())

    def toggle(self) -> None:
        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.player.pause()
        else:
            self.player.play()

    def _show_state(self, *_: object) -> None:
        playing = self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState
        self.play_button.setText(self.tr("&Pause") if playing else self.tr("&Play"))

    def _duration_changed(self, duration_ms: int) -> None:
        self.position.setRange(0, max(0, duration_ms))
        self._position_changed(self.player.position())

    def _position_changed(self, position_ms: int) -> None:
        if not self.position.isSliderDown():
            self.position.setValue(position_ms)
        total = self.player.duration() / 1000 or self.recording.duration_seconds
        self.time.setText(f"{duration_text(position_ms / 1000)} / {duration_text(total)}")

    def _failed(self, _error: QMediaPlayer.Error, message: str) -> None:
        self.error.setText(
            self.tr("The app cannot play this recording (%1). Save it to a file instead.").replace(
                "%1", message or self.player.errorString()
            )
        )
        self.error.show()

    def _release(self, _result: int) -> None:
        """Stop, let go of the bytes, and forget them."""
        self.player.stop()
        # An empty URL lets go of the device; setSourceDevice(None) deadlocks in Qt 6.11's
        # FFmpeg backend.
        self.player.setSource(QUrl())
        self.buffer.close()
        self.buffer.setData(QByteArray())

"""Tell an available clerk that a visitor has started waiting: a short chime and a system
notification, each as the clerk chose in the settings. The decision is `queue.alert`'s."""

from __future__ import annotations

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtMultimedia import QSoundEffect
from PySide6.QtWidgets import QApplication, QStyle, QSystemTrayIcon

from clerk_app.queue.alert import should_alert, takeable
from clerk_app.queue.model import DeskModel
from clerk_app.shell.packaged import resource_path

SOUND_FILE = resource_path("sounds", "visitor-waiting.wav")


class VisitorAlert(QObject):
    """Watches the desk's queue; `alerted` carries (sound, notification): what was given."""

    alerted = Signal(bool, bool)

    def __init__(self, desk: DeskModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.sound_on = True
        self.notification_on = True
        self._takeable = takeable(desk.waiting)
        self._sound: QSoundEffect | None = None
        self._tray: QSystemTrayIcon | None = None
        desk.queueChanged.connect(self._queue_changed)

    def _queue_changed(self) -> None:
        desk = self._desk
        before, self._takeable = self._takeable, takeable(desk.waiting)
        in_call = desk.call is not None
        if not should_alert(before, self._takeable, presence=desk.shown_presence, in_call=in_call):
            return
        sound = self.sound_on and self._play()
        notification = self.notification_on and self._notify()
        self.alerted.emit(sound, notification)

    def _play(self) -> bool:
        if self._sound is None:
            self._sound = QSoundEffect(self)
            self._sound.setSource(QUrl.fromLocalFile(str(SOUND_FILE)))
        self._sound.play()
        return True

    def _notify(self) -> bool:
        """A notification through the system tray; False where there is none (offscreen)."""
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return False
        if self._tray is None:
            style = QApplication.style()
            icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
            self._tray = QSystemTrayIcon(icon, self)
            self._tray.show()
        self._tray.showMessage(
            self.tr("A visitor is waiting"),
            self.tr("Take the call in videoclerk (Ctrl+N)."),
            QSystemTrayIcon.MessageIcon.Information,
            5000,
        )
        return True

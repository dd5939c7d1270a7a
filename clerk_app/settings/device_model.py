"""The cameras and microphones to offer, as Qt lists them and kept current, and what the
visitor will get from the clerk's choice (a camera, or the test pattern)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtMultimedia import QMediaDevices

from clerk_app.settings.devices import (
    CameraInfo,
    CameraState,
    MicrophoneInfo,
    MicrophoneState,
    camera_source,
    camera_state,
    list_video_devices,
    microphone_source,
    microphone_state,
)
from clerk_app.settings.preferences import Preferences


class MediaDevices(QObject):
    """Devices to offer, as (description, source) pairs; `changed` when one comes or goes.

    This base lists none (a machine without devices); QtMediaDevices asks Qt, tests set
    their own.
    """

    changed = Signal()

    def __init__(self, parent: QObject | None = None, *, platform: str = sys.platform) -> None:
        super().__init__(parent)
        self.platform = platform

    def cameras(self) -> list[CameraInfo]:
        return []

    def microphones(self) -> list[MicrophoneInfo]:
        return []

    def v4l2_names(self) -> dict[str, str]:
        return {}

    def camera_sources(self) -> list[tuple[str, str]]:
        names = self.v4l2_names()
        found = []
        for camera in self.cameras():
            source = camera_source(camera, self.platform, v4l2_names=names)
            if source is not None:
                found.append((camera.description, source))
        return found

    def microphone_sources(self) -> list[tuple[str, str]]:
        found = []
        for microphone in self.microphones():
            source = microphone_source(microphone, self.platform)
            if source is not None:
                found.append((microphone.description, source))
        return found


class QtMediaDevices(MediaDevices):
    """QMediaDevices' inputs; on Linux the video nodes from sysfs when Qt lists no camera
    (a Qt without its multimedia backend still lets the clerk pick a camera)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._qt = QMediaDevices(self)
        self._qt.videoInputsChanged.connect(self.changed)
        self._qt.audioInputsChanged.connect(self.changed)

    def cameras(self) -> list[CameraInfo]:
        found = [
            CameraInfo(bytes(d.id().data()).decode(errors="replace"), d.description(), n)
            for n, d in enumerate(QMediaDevices.videoInputs())
        ]
        if not found:
            found = [
                CameraInfo(d.id, d.label, n)
                for n, d in enumerate(list_video_devices(platform=self.platform))
            ]
        return found

    def microphones(self) -> list[MicrophoneInfo]:
        return [
            MicrophoneInfo(bytes(d.id().data()).decode(errors="replace"), d.description(), n)
            for n, d in enumerate(QMediaDevices.audioInputs())
        ]

    def v4l2_names(self) -> dict[str, str]:
        return {d.id: d.name for d in list_video_devices(platform=self.platform) if d.name}


class DeviceStatus(QObject):
    """What the visitor will get with the clerk's choice and the devices present now."""

    changed = Signal()

    def __init__(
        self, devices: MediaDevices, preferences: Preferences, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.devices = devices
        self.camera = preferences.camera
        self.microphone = preferences.microphone
        self.camera_state: CameraState = "camera"
        self.microphone_state: MicrophoneState = "microphone"
        devices.changed.connect(self.refresh)
        self.refresh()

    def set_preferences(self, preferences: Preferences) -> None:
        self.camera, self.microphone = preferences.camera, preferences.microphone
        self.refresh()

    def refresh(self) -> None:
        cameras = {source for _name, source in self.devices.camera_sources()}
        microphones = {source for _name, source in self.devices.microphone_sources()}
        self.camera_state = camera_state(self.camera, cameras)
        self.microphone_state = microphone_state(self.microphone, microphones)
        self.changed.emit()

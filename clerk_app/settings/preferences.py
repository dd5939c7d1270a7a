"""What the clerk chose in the app: devices, language, theme, the last server, where
recordings wait for upload (Qt-free)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from clerk_app.recording.rules import DEFAULT_SPOOL_LIMIT_BYTES
from clerk_app.settings.devices import TEST_SOURCE

if TYPE_CHECKING:  # the media core (aiortc) loads only when a call or preview needs it
    from clerk_app.media.sources import LocalTracks, MediaSourceChoice

MIB = 1024 * 1024


@dataclass(frozen=True)
class Preferences:
    server_url: str = ""
    last_email: str = ""
    language: Literal["system", "en", "nl"] = "system"
    theme: Literal["system", "light", "dark"] = "system"
    camera: str = TEST_SOURCE  # TEST_SOURCE or what open_device_tracks() takes (settings.devices)
    microphone: str = TEST_SOURCE  # TEST_SOURCE or a capture device name ("default")
    speaker: str = ""  # "" = the system's default output
    alert_sound: bool = True  # a chime when a visitor starts waiting
    alert_notification: bool = True  # a system notification then
    spool_folder: str = ""  # where recordings wait for upload; "" = in the app's data folder
    spool_limit_mb: int = DEFAULT_SPOOL_LIMIT_BYTES // MIB  # warn above this many MiB waiting
    ca_file: str = ""  # a private CA for the server's certificate; "" = the config's or none
    proxy: str = ""  # an HTTP proxy to the server; "" = the config's or none

    def media_choice(self) -> MediaSourceChoice:
        from clerk_app.media.sources import MediaSourceChoice

        if self.camera == TEST_SOURCE and self.microphone == TEST_SOURCE:
            return MediaSourceChoice(kind="test")
        return MediaSourceChoice(
            kind="device",
            video_device=None if self.camera == TEST_SOURCE else self.camera,
            audio_device=None if self.microphone == TEST_SOURCE else self.microphone,
        )

    @property
    def spool_limit_bytes(self) -> int:
        return self.spool_limit_mb * MIB

    def with_changes(self, **changes: object) -> Preferences:
        return replace(self, **changes)  # type: ignore[arg-type]


def open_tracks_for(preferences: Preferences) -> LocalTracks:
    """Open what the clerk picked, mixing a synthetic source with a device when asked
    (say a real camera with the test tone). Raises DeviceError when a device fails."""
    from clerk_app.media.sources import (
        LocalTracks,
        TestPatternVideoTrack,
        ToneAudioTrack,
        open_device_tracks,
    )

    camera = None if preferences.camera == TEST_SOURCE else preferences.camera
    microphone = None if preferences.microphone == TEST_SOURCE else preferences.microphone
    tracks = open_device_tracks(camera, microphone) if camera or microphone else LocalTracks()
    if tracks.video is None:
        tracks.video = TestPatternVideoTrack()
    if tracks.audio is None:
        tracks.audio = ToneAudioTrack()
    return tracks

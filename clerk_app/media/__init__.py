"""Qt-free media core of the clerk app: call sources and the WebRTC peer for one call."""

from clerk_app.media.peer import CallConnectionState, CallPeer, CallQuality, rtc_ice_servers
from clerk_app.media.sources import (
    DeviceError,
    LocalTracks,
    MediaSourceChoice,
    TestPatternVideoTrack,
    ToneAudioTrack,
    open_device_tracks,
    open_sources,
)
from clerk_app.media.tracks import SwitchableTrack

__all__ = [
    "CallConnectionState",
    "CallPeer",
    "CallQuality",
    "DeviceError",
    "LocalTracks",
    "MediaSourceChoice",
    "SwitchableTrack",
    "TestPatternVideoTrack",
    "ToneAudioTrack",
    "open_device_tracks",
    "open_sources",
    "rtc_ice_servers",
]

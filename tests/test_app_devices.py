"""Cameras and microphones as Qt lists them, mapped to what FFmpeg opens on Linux (v4l2),
Windows (dshow) and macOS (avfoundation); and what the visitor gets from the clerk's choice."""

from __future__ import annotations

import pytest

from clerk_app.media.sources import audio_input, video_input
from clerk_app.settings.devices import (
    CameraInfo,
    MicrophoneInfo,
    camera_source,
    camera_state,
    default_microphone_offered,
    microphone_source,
    microphone_state,
)

# No server, no database: `make test-postgres` leaves these out (tests/conftest.py).
pytestmark = pytest.mark.engine_independent


def test_linux_opens_the_v4l2_node_that_qt_names() -> None:
    ffmpeg_backend = CameraInfo("/dev/video2", "Integrated Camera: Integrated C", 0)
    assert camera_source(ffmpeg_backend, "linux") == "/dev/video2"
    assert video_input("/dev/video2", "linux") == (
        "/dev/video2",
        "v4l2",
        {"video_size": "640x480"},
    )
    gstreamer = CameraInfo("v4l2:/dev/video4", "USB Camera", 1)
    assert camera_source(gstreamer, "linux") == "/dev/video4"
    # A backend whose id is no path (PipeWire's node): the node sysfs gives that name.
    pipewire = CameraInfo("v4l2_input.pci-0000_00_14.0-usb-0_1_1.0", "HD Webcam C270", 0)
    names = {"/dev/video0": "HD Webcam C270", "/dev/video1": "HD Webcam C270 Metadata"}
    assert camera_source(pipewire, "linux", v4l2_names=names) == "/dev/video0"
    assert camera_source(pipewire, "linux") is None  # not offered: it could not be opened


def test_windows_opens_the_dshow_device_by_its_description() -> None:
    camera = CameraInfo(
        "\\\\?\\usb#vid_046d&pid_0825&mi_00#6&1b2c3d4e&0&0000#{e5323777}", "HD Webcam C270", 0
    )
    source = camera_source(camera, "win32")
    assert source == "HD Webcam C270"
    assert video_input(source, "win32") == (
        "video=HD Webcam C270",
        "dshow",
        {"video_size": "640x480"},
    )
    microphone = MicrophoneInfo("{0.0.1.00000000}.{a1b2}", "Microphone (Realtek(R) Audio)", 0)
    assert microphone_source(microphone, "win32") == "Microphone (Realtek(R) Audio)"
    assert audio_input("Microphone (Realtek(R) Audio)", "win32") == (
        "audio=Microphone (Realtek(R) Audio)",
        "dshow",
        {},
    )
    assert not default_microphone_offered("win32")  # dshow has no "default" device


def test_macos_opens_avfoundation_by_name_or_by_index_when_the_name_has_a_colon() -> None:
    camera = CameraInfo("0x8020000005ac8514", "FaceTime HD Camera", 0)
    source = camera_source(camera, "darwin")
    assert source == "FaceTime HD Camera"
    assert video_input(source, "darwin") == (
        "FaceTime HD Camera:none",
        "avfoundation",
        {"video_size": "640x480", "framerate": "30"},
    )
    colon = CameraInfo("EAB7A68F-EC2B-4487-AADF-D8A91C1CB782", "Studio: Cam Link 4K", 2)
    assert camera_source(colon, "darwin") == "2"
    assert video_input("2", "darwin")[0] == "2:none"
    microphone = MicrophoneInfo("BuiltInMicrophoneDevice", "MacBook Pro Microphone", 0)
    assert microphone_source(microphone, "darwin") == "MacBook Pro Microphone"
    assert audio_input("MacBook Pro Microphone", "darwin") == (
        "none:MacBook Pro Microphone",
        "avfoundation",
        {},
    )
    assert default_microphone_offered("darwin")


def test_linux_microphones_go_to_pulse_or_through_alsa() -> None:
    source = "alsa_input.pci-0000_00_1f.3.analog-stereo"
    microphone = MicrophoneInfo(source, "Built-in Audio Analog Stereo", 0)
    assert microphone_source(microphone, "linux") == source
    assert audio_input(source, "linux", pulse=True) == (source, "pulse", {})
    assert audio_input(source, "linux", pulse=False) == (f'pulse:DEVICE="{source}"', "alsa", {})
    for alsa_name in ("default", "hw:0,0", "plughw:CARD=PCH,DEV=0"):
        assert audio_input(alsa_name, "linux", pulse=False) == (alsa_name, "alsa", {})
    assert default_microphone_offered("linux")


def test_unknown_platforms_offer_no_device() -> None:
    assert camera_source(CameraInfo("x", "Camera", 0), "plan9") is None
    assert microphone_source(MicrophoneInfo("x", "Mic", 0), "plan9") is None


@pytest.mark.parametrize(
    ("choice", "present", "state"),
    [
        ("test", [], "no_camera"),
        ("test", ["/dev/video0"], "test_pattern"),
        ("/dev/video0", ["/dev/video0"], "camera"),
        ("/dev/video0", [], "missing"),
    ],
)
def test_what_the_visitor_will_see(choice: str, present: list[str], state: str) -> None:
    assert camera_state(choice, present) == state


def test_what_the_visitor_will_hear() -> None:
    assert microphone_state("test", ["a"]) == "test_tone"
    assert microphone_state("default", []) == "microphone"
    assert microphone_state("a", ["a"]) == "microphone"
    assert microphone_state("b", ["a"]) == "missing"

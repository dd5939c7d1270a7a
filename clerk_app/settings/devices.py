"""From the cameras and microphones Qt lists to what FFmpeg opens, per platform (pure).

Qt (QMediaDevices) lists the devices with their descriptions, on every platform; FFmpeg,
through aiortc's MediaPlayer, opens them. They name devices differently, so each device
Qt lists becomes a *source*: the text the settings keep and `open_device_tracks` takes.

- Linux: v4l2 opens a device node. Qt's FFmpeg backend uses the node (/dev/videoN) as
  the camera's id; other backends put it inside the id or name the camera as sysfs does.
  A microphone is its PulseAudio/PipeWire source name (Qt's id), or an ALSA name.
- Windows: dshow opens `video=<name>` / `audio=<name>` with DirectShow's friendly name,
  which is the description Qt shows. Two devices of the same name: the first is opened.
- macOS: avfoundation opens a device by name or by index. The name, unless it holds a
  colon (avfoundation splits "video:audio" there): then the device's place in Qt's list,
  which follows the same AVFoundation order.
"""

from __future__ import annotations

import glob
import os
import re
import sys
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Literal

TEST_SOURCE = "test"  # the synthetic camera (test pattern) and microphone (tone)
DEFAULT_MICROPHONE = "default"  # the system's default input, where FFmpeg can open it
_V4L2_NODE = re.compile(r"/dev/video\d+")
CameraState = Literal["camera", "no_camera", "test_pattern", "missing"]
MicrophoneState = Literal["microphone", "test_tone", "missing"]


@dataclass(frozen=True)
class CameraInfo:
    id: str  # QCameraDevice.id(), as text
    description: str  # what the clerk reads
    position: int  # its place in Qt's list


@dataclass(frozen=True)
class MicrophoneInfo:
    id: str  # QAudioDevice.id(), as text
    description: str
    position: int


def camera_source(
    camera: CameraInfo, platform: str, *, v4l2_names: Mapping[str, str] | None = None
) -> str | None:
    """What opens `camera` on `platform`; None when it cannot be told (then it is not offered).

    `v4l2_names` maps Linux device nodes to the names sysfs gives them, for backends whose
    camera ids are no device paths.
    """
    if platform.startswith("linux"):
        node = _V4L2_NODE.search(camera.id)
        if node is not None:
            return node.group(0)
        for path, name in sorted((v4l2_names or {}).items()):
            if name == camera.description:
                return path
        return None
    return _by_name(camera.description, camera.position, platform)


def microphone_source(microphone: MicrophoneInfo, platform: str) -> str | None:
    """What opens `microphone` on `platform` (see `sources.audio_input` for Linux)."""
    if platform.startswith("linux"):
        return microphone.id or None
    return _by_name(microphone.description, microphone.position, platform)


def _by_name(description: str, position: int, platform: str) -> str | None:
    if platform == "win32":
        return description or None
    if platform == "darwin":
        return description if description and ":" not in description else str(position)
    return None


def camera_state(choice: str, available: Collection[str]) -> CameraState:
    """What the visitor will see: the chosen camera, or the test pattern because there is
    no camera or none is chosen, or nothing (the call fails) because the chosen one is gone."""
    if choice == TEST_SOURCE:
        return "test_pattern" if available else "no_camera"
    return "camera" if choice in available else "missing"


def microphone_state(choice: str, available: Collection[str]) -> MicrophoneState:
    if choice == TEST_SOURCE:
        return "test_tone"
    return "microphone" if choice == DEFAULT_MICROPHONE or choice in available else "missing"


def default_microphone_offered(platform: str) -> bool:
    """FFmpeg's ALSA, PulseAudio and avfoundation inputs open "default"; dshow has none."""
    return platform != "win32"


# ---- Linux's device nodes -------------------------------------------------------------------


@dataclass(frozen=True)
class VideoDevice:
    id: str  # what open_device_tracks() takes
    label: str  # what the clerk reads
    name: str = ""  # the name sysfs gives the node ("" if none)


def list_video_devices(
    *,
    platform: str = sys.platform,
    dev_dir: str = "/dev",
    sysfs_dir: str = "/sys/class/video4linux",
) -> list[VideoDevice]:
    """Linux's video device nodes named from sysfs, without opening any of them.

    The settings list cameras with Qt (QMediaDevices); this names the nodes for Qt backends
    whose camera ids are no paths, and lists cameras when Qt's multimedia backend lists
    none. A camera often has a second node for metadata, so labels carry the node path.
    Other platforms return []. The directories are parameters for tests' fake trees.
    """
    if not platform.startswith("linux"):
        return []
    devices = []
    for path in sorted(glob.glob(os.path.join(dev_dir, "video*")), key=_natural_key):
        node = os.path.basename(path)
        try:
            with open(os.path.join(sysfs_dir, node, "name"), encoding="utf-8") as file:
                name = file.read().strip()
        except OSError:
            name = ""
        devices.append(VideoDevice(id=path, label=f"{name} ({path})" if name else path, name=name))
    return devices


def _natural_key(path: str) -> tuple[str, int]:
    match = re.search(r"(\d+)$", path)
    return (path[: match.start()], int(match.group(1))) if match else (path, -1)

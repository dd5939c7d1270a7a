"""Media sources for the clerk's side of a call: synthetic test sources and real devices.

The synthetic sources are a product feature, not test scaffolding: installers and CI use
them where no camera or microphone exists. Frames are built from precomputed byte planes
(numpy is not a dependency), so a 640x480 pattern costs a few slice copies per frame.
"""

from __future__ import annotations

import array
import asyncio
import fractions
import math
import re
import sys
import time
from dataclasses import dataclass
from typing import Literal

import av
from aiortc import AudioStreamTrack, MediaStreamTrack, VideoStreamTrack
from aiortc.contrib.media import MediaPlayer
from aiortc.mediastreams import MediaStreamError

VIDEO_CLOCK_RATE = 90_000
AUDIO_FRAME_MS = 20

# BT.601 limited-range levels.
_Y_BLACK = 16
_Y_WHITE = 235
_Y_GREY = 126
_Y_THRESHOLD = (_Y_BLACK + _Y_WHITE) // 2
_C_NEUTRAL = 128

# 75% colour bars, left to right: white, yellow, cyan, green, magenta, red, blue, black.
_BARS_RGB = (
    (0.75, 0.75, 0.75),
    (0.75, 0.75, 0.0),
    (0.0, 0.75, 0.75),
    (0.0, 0.75, 0.0),
    (0.75, 0.0, 0.75),
    (0.75, 0.0, 0.0),
    (0.0, 0.0, 0.75),
    (0.0, 0.0, 0.0),
)

COUNTER_BITS = 16


def _rgb_to_yuv(r: float, g: float, b: float) -> tuple[int, int, int]:
    y = 16 + 65.481 * r + 128.553 * g + 24.966 * b
    u = 128 - 37.797 * r - 74.203 * g + 112.0 * b
    v = 128 + 112.0 * r - 93.786 * g - 18.214 * b
    return round(y), round(u), round(v)


@dataclass(frozen=True)
class _PatternLayout:
    """Where the three bands of the test pattern lie (rows are even, for 4:2:0 chroma)."""

    width: int
    height: int
    bars_end: int  # rows [0, bars_end): colour bars
    motion_end: int  # rows [bars_end, motion_end): grey band with a moving white box
    cell_width: int  # rows [motion_end, height): frame counter, COUNTER_BITS cells

    @classmethod
    def for_size(cls, width: int, height: int) -> _PatternLayout:
        bars_end = (height * 2 // 3) & ~1
        motion_end = (bars_end + (height - bars_end) // 2) & ~1
        return cls(width, height, bars_end, motion_end, width // COUNTER_BITS)

    @property
    def box_size(self) -> int:
        return self.motion_end - self.bars_end


class TestPatternVideoTrack(VideoStreamTrack):
    """A synthetic camera: colour bars, a white box bouncing along a grey band, and a
    binary frame counter (white cell = 1, most significant bit left) along the bottom.

    The counter wraps after 2**16 frames. `read_counter` reads it back from a decoded
    frame, which lets a loopback self-check prove that frames arrive in order.
    """

    __test__ = False  # a product class whose name starts with "Test": not for pytest

    def __init__(self, width: int = 640, height: int = 480, fps: int = 15) -> None:
        if width < 4 * COUNTER_BITS or height < 48 or width % 2 or height % 2:
            raise ValueError(f"test pattern size must be even and at least 64x48: {width}x{height}")
        if fps <= 0:
            raise ValueError(f"fps must be positive: {fps}")
        super().__init__()
        self.width = width
        self.height = height
        self.fps = fps
        self._layout = _PatternLayout.for_size(width, height)
        self._index = 0
        self._started_at: float | None = None
        probe = av.VideoFrame(width, height, "yuv420p")
        self._y_stride = probe.planes[0].line_size
        self._c_stride = probe.planes[1].line_size
        self._base_y = self._build_y_plane()
        self._u_plane, self._v_plane = self._build_chroma_planes()
        self._box_travel = width - self._layout.box_size
        # The box crosses the frame in about two seconds whatever the frame rate.
        self._box_step = max(1, self._box_travel // (2 * fps))

    def _build_y_plane(self) -> bytes:
        layout = self._layout
        bar_row = bytearray(self._y_stride)
        bar_width = math.ceil(self.width / len(_BARS_RGB))
        for x in range(self.width):
            bar_row[x] = _rgb_to_yuv(*_BARS_RGB[x // bar_width])[0]
        grey_row = bytes([_Y_GREY]) * self._y_stride
        black_row = bytes([_Y_BLACK]) * self._y_stride
        return (
            bytes(bar_row) * layout.bars_end
            + grey_row * (layout.motion_end - layout.bars_end)
            + black_row * (self.height - layout.motion_end)
        )

    def _build_chroma_planes(self) -> tuple[bytes, bytes]:
        chroma_width = self.width // 2
        bar_width = math.ceil(self.width / len(_BARS_RGB))
        u_row = bytearray([_C_NEUTRAL]) * self._c_stride
        v_row = bytearray([_C_NEUTRAL]) * self._c_stride
        for cx in range(chroma_width):
            _, u, v = _rgb_to_yuv(*_BARS_RGB[(cx * 2) // bar_width])
            u_row[cx] = u
            v_row[cx] = v
        bar_rows = self._layout.bars_end // 2
        rest = self.height // 2 - bar_rows
        neutral = bytes([_C_NEUTRAL]) * self._c_stride * rest
        return bytes(u_row) * bar_rows + neutral, bytes(v_row) * bar_rows + neutral

    async def next_timestamp(self) -> tuple[int, fractions.Fraction]:
        """Pace frames at `fps`; pts are derived from the frame index, so they never drift."""
        if self.readyState != "live":
            raise MediaStreamError
        now = time.monotonic()
        if self._started_at is None:
            self._started_at = now
        else:
            self._index += 1
            due = self._started_at + self._index / self.fps
            if due > now:
                await asyncio.sleep(due - now)
        pts = self._index * VIDEO_CLOCK_RATE // self.fps
        return pts, fractions.Fraction(1, VIDEO_CLOCK_RATE)

    async def recv(self) -> av.VideoFrame:
        pts, time_base = await self.next_timestamp()
        frame = self.render(self._index)
        frame.pts = pts
        frame.time_base = time_base
        return frame

    def render(self, index: int) -> av.VideoFrame:
        """The pattern for frame number `index` (without timestamps)."""
        layout = self._layout
        y_plane = bytearray(self._base_y)
        stride = self._y_stride

        box = layout.box_size
        position = (index * self._box_step) % (2 * self._box_travel)
        x = position if position <= self._box_travel else 2 * self._box_travel - position
        white_box = bytes([_Y_WHITE]) * box
        for row in range(layout.bars_end, layout.motion_end):
            start = row * stride + x
            y_plane[start : start + box] = white_box

        counter = index % (1 << COUNTER_BITS)
        counter_row = bytearray()
        for bit in range(COUNTER_BITS - 1, -1, -1):
            level = _Y_WHITE if counter >> bit & 1 else _Y_BLACK
            counter_row += bytes([level]) * layout.cell_width
        for row in range(layout.motion_end, self.height):
            start = row * stride
            y_plane[start : start + len(counter_row)] = counter_row

        frame = av.VideoFrame(self.width, self.height, "yuv420p")
        frame.planes[0].update(bytes(y_plane))
        frame.planes[1].update(self._u_plane)
        frame.planes[2].update(self._v_plane)
        return frame

    @staticmethod
    def read_counter(frame: av.VideoFrame) -> int:
        """Read the frame counter back from a (possibly decoded and compressed) pattern frame.

        Samples the middle of each counter cell; meaningless for frames of other sources.
        """
        if frame.format.name != "yuv420p":
            frame = frame.reformat(format="yuv420p")
        layout = _PatternLayout.for_size(frame.width, frame.height)
        plane = frame.planes[0]
        luma = bytes(plane)
        row = (layout.motion_end + frame.height) // 2
        value = 0
        for cell in range(COUNTER_BITS):
            x = cell * layout.cell_width + layout.cell_width // 2
            value = value << 1 | (luma[row * plane.line_size + x] > _Y_THRESHOLD)
        return value


class ToneAudioTrack(AudioStreamTrack):
    """A synthetic microphone: a continuous sine tone, mono s16, in 20 ms frames."""

    def __init__(
        self, frequency: int = 440, sample_rate: int = 48_000, amplitude: float = 0.25
    ) -> None:
        if not 0 < frequency < sample_rate // 2:
            raise ValueError(f"frequency must lie between 0 and Nyquist: {frequency}")
        if not 0.0 <= amplitude <= 1.0:
            raise ValueError(f"amplitude must lie in [0, 1]: {amplitude}")
        super().__init__()
        self.frequency = frequency
        self.sample_rate = sample_rate
        self.amplitude = amplitude
        self.samples_per_frame = sample_rate * AUDIO_FRAME_MS // 1000
        # One exact repetition of the waveform: sample_rate / gcd samples hold a whole
        # number of periods, so slicing the repeated table never produces a phase jump.
        period = sample_rate // math.gcd(sample_rate, frequency)
        peak = amplitude * 32767
        table = array.array(
            "h",
            (
                round(peak * math.sin(2 * math.pi * frequency * n / sample_rate))
                for n in range(period)
            ),
        )
        if sys.byteorder != "little":
            table.byteswap()
        self._period = period
        self._ring = table.tobytes() * (2 + self.samples_per_frame // period)
        self._index = 0
        self._started_at: float | None = None

    async def recv(self) -> av.AudioFrame:
        if self.readyState != "live":
            raise MediaStreamError
        now = time.monotonic()
        if self._started_at is None:
            self._started_at = now
        else:
            self._index += 1
            due = self._started_at + self._index * AUDIO_FRAME_MS / 1000
            if due > now:
                await asyncio.sleep(due - now)
        spf = self.samples_per_frame
        offset = (self._index * spf) % self._period
        frame = av.AudioFrame(format="s16", layout="mono", samples=spf)
        frame.planes[0].update(self._ring[offset * 2 : (offset + spf) * 2])
        frame.pts = self._index * spf
        frame.sample_rate = self.sample_rate
        frame.time_base = fractions.Fraction(1, self.sample_rate)
        return frame


class DeviceError(Exception):
    """A camera or microphone could not be opened; the message is fit to show the clerk."""


@dataclass
class LocalTracks:
    """The tracks the clerk sends in one call.

    `camera_enabled` is the initial state of the camera switch. Stopping a device track
    releases its device; `close()` stops both tracks and is safe to call twice.
    """

    audio: MediaStreamTrack | None = None
    video: MediaStreamTrack | None = None
    camera_enabled: bool = True

    def close(self) -> None:
        for track in (self.audio, self.video):
            if track is not None:
                track.stop()


@dataclass(frozen=True)
class MediaSourceChoice:
    """What the clerk picked in the device settings."""

    kind: Literal["test", "device"]
    video_device: str | None = None
    audio_device: str | None = None
    camera_enabled: bool = True

    def __post_init__(self) -> None:
        if self.kind not in ("test", "device"):  # settings files are not type-checked
            raise ValueError(f"unknown media source kind: {self.kind!r}")


def open_sources(choice: MediaSourceChoice, *, platform: str = sys.platform) -> LocalTracks:
    """Open the tracks to send for `choice`; raises DeviceError when a device fails."""
    if choice.kind == "test":
        tracks = LocalTracks(audio=ToneAudioTrack(), video=TestPatternVideoTrack())
    else:
        tracks = open_device_tracks(choice.video_device, choice.audio_device, platform=platform)
    tracks.camera_enabled = choice.camera_enabled
    return tracks


# Ask for VGA: every webcam offers it, and it is what the call is encoded at anyway.
# avfoundation also needs an explicit rate: its default 29.97 is refused by most cameras.
_VGA = {"video_size": "640x480"}


def open_device_tracks(
    video_device: str | None, audio_device: str | None, *, platform: str = sys.platform
) -> LocalTracks:
    """Open a camera and/or microphone through FFmpeg's capture input for `platform`.

    Each device gets its own MediaPlayer, so an error names the device that failed.
    """
    video: MediaStreamTrack | None = None
    if video_device is not None:
        file, fmt, options = video_input(video_device, platform)
        video = _open_track("Camera", video_device, file, fmt, options, "video")
    audio: MediaStreamTrack | None = None
    if audio_device is not None:
        try:
            file, fmt, options = audio_input(audio_device, platform)
            audio = _open_track("Microphone", audio_device, file, fmt, options, "audio")
        except DeviceError:
            if video is not None:
                video.stop()
            raise
    return LocalTracks(audio=audio, video=video)


def video_input(device: str, platform: str) -> tuple[str, str, dict[str, str]]:
    """FFmpeg's (file, format, options) for a camera source (`settings.devices.camera_source`)."""
    if platform.startswith("linux"):
        return device, "v4l2", dict(_VGA)
    if platform == "darwin":
        return f"{device}:none", "avfoundation", {**_VGA, "framerate": "30"}
    if platform == "win32":
        return f"video={device}", "dshow", dict(_VGA)
    raise DeviceError(f"Cameras are not supported on this system ({platform}).")


# ALSA's own device names: "default", "hw:0,0", "plughw:CARD=PCH,DEV=0", "sysdefault:...".
_ALSA_NAME = re.compile(r"^(default|[A-Za-z_]+:.*)$")


def audio_input(
    device: str, platform: str, *, pulse: bool | None = None
) -> tuple[str, str, dict[str, str]]:
    """FFmpeg's (file, format, options) for a microphone source.

    On Linux a PulseAudio/PipeWire source name (what Qt lists) goes to FFmpeg's pulse input
    when it has one (`pulse`: whether it has; asked of FFmpeg if None). PyAV's wheels lack
    it, so otherwise the name goes through ALSA's pulse plugin, which PulseAudio and
    PipeWire installations provide. ALSA names go to ALSA as they are.
    """
    if platform.startswith("linux"):
        has_pulse = _has_input_format("pulse") if pulse is None else pulse
        if has_pulse:
            return device, "pulse", {}
        if _ALSA_NAME.match(device):
            return device, "alsa", {}
        return f'pulse:DEVICE="{device}"', "alsa", {}
    if platform == "darwin":
        return f"none:{device}", "avfoundation", {}
    if platform == "win32":
        return f"audio={device}", "dshow", {}
    raise DeviceError(f"Microphones are not supported on this system ({platform}).")


def _has_input_format(name: str) -> bool:
    # Entries look like "video4linux2,v4l2": one format, several names.
    return any(name in entry.split(",") for entry in av.formats_available)


def _open_track(
    what: str, device: str, file: str, fmt: str, options: dict[str, str], kind: str
) -> MediaStreamTrack:
    try:
        player = MediaPlayer(file, format=fmt, options=options)
    except (av.FFmpegError, OSError, ValueError) as exc:
        raise DeviceError(f"{what} {device} could not be opened: {exc}") from exc
    track = player.video if kind == "video" else player.audio
    if track is None:
        # Nothing was started, so dropping the player lets it close the input.
        raise DeviceError(f"{what} {device} gives no {kind}.")
    return track

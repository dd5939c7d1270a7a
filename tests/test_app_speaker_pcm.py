"""The Qt-free half of the clerk's speaker: decoded frames to PCM bytes, and the bounded
buffer that drops old sound instead of letting the delay grow."""

from __future__ import annotations

import array
import itertools
import math
import subprocess
import sys

import av
import pytest

from clerk_app.call.pcm import PcmBuffer, PcmConverter, PcmFormat

# No server, no database: `make test-postgres` leaves these out (tests/conftest.py).
pytestmark = pytest.mark.engine_independent

STEREO_S16 = PcmFormat(48_000, 2, "s16")


def tone_frame(
    frequency: float,
    *,
    rate: int = 48_000,
    layout: str = "stereo",
    samples: int = 960,
    start: int = 0,
    amplitude: int = 8000,
) -> av.AudioFrame:
    """A packed s16 frame of a sine tone, sample `start` onwards (as aiortc's decoder gives)."""
    channels = 2 if layout == "stereo" else 1
    values = array.array(
        "h",
        (
            round(amplitude * math.sin(2 * math.pi * frequency * (start + n) / rate))
            for n in range(samples)
            for _ in range(channels)
        ),
    )
    if sys.byteorder != "little":
        values.byteswap()
    frame = av.AudioFrame(format="s16", layout=layout, samples=samples)
    frame.sample_rate = rate
    frame.planes[0].update(values.tobytes() + bytes(frame.planes[0].buffer_size - 2 * len(values)))
    return frame


def s16_samples(data: bytes) -> array.array[int]:
    values = array.array("h", data)
    if sys.byteorder != "little":
        values.byteswap()
    return values


def frequency_of(data: bytes, channels: int, rate: int) -> float:
    """A pure tone's frequency from the zero crossings of the first channel."""
    signal = s16_samples(data)[::channels]
    crossings = sum(1 for x, y in itertools.pairwise(signal) if (x < 0) != (y < 0))
    return crossings / 2 / (len(signal) / rate)


def test_frames_already_in_the_outputs_format_pass_unchanged_without_padding() -> None:
    frame = tone_frame(440)
    data = PcmConverter(STEREO_S16).convert(frame)
    assert len(data) == 960 * STEREO_S16.bytes_per_frame == 3840
    samples = s16_samples(data)
    assert samples[0::2] == samples[1::2]  # both channels carry the tone
    assert max(samples) > 7000
    assert data == bytes(frame.planes[0])[:3840]


def test_frames_are_resampled_to_the_outputs_rate_channels_and_sample_format() -> None:
    target = PcmFormat(44_100, 1, "s16")
    converter = PcmConverter(target)
    data = b"".join(
        converter.convert(tone_frame(1000, start=i * 960))
        for i in range(50)  # one second
    )
    # The resampler keeps a few samples back: about a second of mono s16 at 44.1 kHz.
    assert 44_100 * 2 * 0.97 < len(data) <= 44_100 * 2
    assert len(data) % target.bytes_per_frame == 0
    assert frequency_of(data, 1, 44_100) == pytest.approx(1000, rel=0.02)

    floats = PcmConverter(PcmFormat(48_000, 2, "flt")).convert(tone_frame(440))
    assert len(floats) % 8 == 0 and len(floats) > 0
    values = array.array("f", floats)
    assert 0.2 < max(values) <= 0.25  # 8000 / 32768


def test_a_change_of_input_format_mid_call_sets_the_resampler_up_again() -> None:
    converter = PcmConverter(STEREO_S16)
    mono = converter.convert(tone_frame(500, layout="mono", rate=24_000, samples=480))
    after = b"".join(
        converter.convert(tone_frame(500, layout="mono", rate=16_000, samples=320, start=i * 320))
        for i in range(10)
    )
    assert len(mono) > 0 and len(after) > 0
    samples = s16_samples(after)
    assert samples[0::2] == samples[1::2]  # mono spread to both channels
    assert frequency_of(after, 2, 48_000) == pytest.approx(500, rel=0.05)


def test_the_buffer_drops_the_oldest_sound_in_whole_sample_frames() -> None:
    buffer = PcmBuffer(max_bytes=10, frame_bytes=4)
    assert buffer.max_bytes == 8
    buffer.push(b"AAAA")
    buffer.push(b"BBBB")
    assert len(buffer) == 8 and buffer.dropped_bytes == 0
    buffer.push(b"CCCC")
    assert buffer.peek(100) == b"BBBBCCCC"
    assert buffer.dropped_bytes == 4
    buffer.push(b"DDDDEEEEFFFF")  # more than fits at once: only the newest stays
    assert buffer.peek(100) == b"EEEEFFFF"
    assert buffer.dropped_bytes == 16
    assert buffer.pushed_bytes == 24


def test_the_buffer_hands_out_whole_sample_frames_and_keeps_what_was_not_taken() -> None:
    buffer = PcmBuffer(max_bytes=64, frame_bytes=4)
    buffer.push(b"0123456789ab")
    assert buffer.peek(7) == b"0123"  # never half a sample frame
    assert buffer.peek(3) == b""
    buffer.consume(4)
    assert buffer.peek(100) == b"456789ab"
    buffer.consume(2)  # a device that took part of a frame: the stream stays contiguous
    buffer.push(b"cdef")
    assert buffer.peek(100) == b"6789abcd"
    buffer.clear()
    assert len(buffer) == 0 and buffer.peek(100) == b""


def test_formats_describe_their_sizes_and_refuse_what_cannot_be_played() -> None:
    assert STEREO_S16.bytes_for(20) == 3840
    assert STEREO_S16.milliseconds(3840) == pytest.approx(20)
    assert PcmFormat(44_100, 1, "flt").bytes_per_frame == 4
    with pytest.raises(ValueError):
        PcmFormat(48_000, 2, "s16p")
    with pytest.raises(ValueError):
        PcmFormat(48_000, 0, "s16")
    with pytest.raises(ValueError):
        PcmBuffer(max_bytes=2, frame_bytes=4)


def test_the_pcm_module_loads_without_qt() -> None:
    script = (
        "import sys\nimport clerk_app.call.pcm\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", result.stdout

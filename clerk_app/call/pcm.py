"""The visitor's decoded sound as PCM bytes for an audio output, Qt-free.

aiortc's Opus decoder gives packed s16 frames at 48 kHz, stereo, 20 ms each. An output
device wants interleaved samples in its own format; `PcmConverter` turns each av.AudioFrame
into exactly those bytes (resampling with PyAV only when the formats differ), and
`PcmBuffer` holds what the device has not taken yet, up to a bound: when the device falls
behind, the oldest sound is dropped rather than letting the delay grow.
"""

from __future__ import annotations

from dataclasses import dataclass

import av

# PyAV's packed sample formats that an audio output takes, and their sizes in bytes.
SAMPLE_BYTES = {"u8": 1, "s16": 2, "s32": 4, "flt": 4}
LAYOUTS = {1: "mono", 2: "stereo", 3: "2.1", 4: "quad", 5: "5.0", 6: "5.1", 7: "6.1", 8: "7.1"}


@dataclass(frozen=True)
class PcmFormat:
    """Interleaved PCM as an output device takes it."""

    sample_rate: int = 48_000
    channels: int = 2
    sample_format: str = "s16"  # a key of SAMPLE_BYTES

    def __post_init__(self) -> None:
        if self.sample_format not in SAMPLE_BYTES:
            raise ValueError(f"unsupported sample format: {self.sample_format}")
        if self.channels not in LAYOUTS:
            raise ValueError(f"unsupported channel count: {self.channels}")
        if self.sample_rate <= 0:
            raise ValueError(f"sample rate must be positive: {self.sample_rate}")

    @property
    def bytes_per_frame(self) -> int:
        """Bytes of one sample for every channel (one sample frame)."""
        return SAMPLE_BYTES[self.sample_format] * self.channels

    @property
    def layout(self) -> str:
        return LAYOUTS[self.channels]

    def bytes_for(self, milliseconds: int) -> int:
        """Bytes of `milliseconds` of sound, a whole number of sample frames."""
        return self.sample_rate * milliseconds // 1000 * self.bytes_per_frame

    def milliseconds(self, size: int) -> float:
        return size / self.bytes_per_frame / self.sample_rate * 1000


def _packed_bytes(frame: av.AudioFrame, sample_format: str) -> bytes:
    """The frame's samples without the plane's padding (planes are padded for SIMD)."""
    size = frame.samples * len(frame.layout.channels) * SAMPLE_BYTES[sample_format]
    return bytes(frame.planes[0])[:size]


class PcmConverter:
    """av.AudioFrame -> interleaved bytes in `target` format."""

    def __init__(self, target: PcmFormat) -> None:
        self.target = target
        self._resampler: av.AudioResampler | None = None
        self._source: tuple[str, str, int] | None = None  # what the resampler was set up for

    def _matches(self, frame: av.AudioFrame) -> bool:
        return (
            frame.format.name == self.target.sample_format
            and frame.format.is_packed
            and len(frame.layout.channels) == self.target.channels
            and frame.sample_rate == self.target.sample_rate
        )

    def convert(self, frame: av.AudioFrame) -> bytes:
        if self._matches(frame):
            return _packed_bytes(frame, self.target.sample_format)
        source = (frame.format.name, frame.layout.name, frame.sample_rate)
        if self._resampler is None or source != self._source:
            # PyAV's resampler is set up by the first frame and refuses any other input.
            self._resampler = av.AudioResampler(
                format=self.target.sample_format,
                layout=self.target.layout,
                rate=self.target.sample_rate,
            )
            self._source = source
        return b"".join(
            _packed_bytes(out, self.target.sample_format)
            for out in self._resampler.resample(frame)
        )


class PcmBuffer:
    """A FIFO of PCM bytes that never holds more than `max_bytes`.

    Pushing past the bound drops the oldest bytes, whole sample frames at a time, so that
    what follows stays aligned to the samples. `dropped_bytes` counts what was dropped.
    """

    def __init__(self, max_bytes: int, frame_bytes: int) -> None:
        if frame_bytes <= 0 or max_bytes < frame_bytes:
            raise ValueError("the buffer must hold at least one sample frame")
        self.frame_bytes = frame_bytes
        self.max_bytes = max_bytes - max_bytes % frame_bytes
        self.dropped_bytes = 0
        self.pushed_bytes = 0
        self._data = bytearray()

    def __len__(self) -> int:
        return len(self._data)

    def push(self, data: bytes) -> None:
        self.pushed_bytes += len(data)
        self._data += data
        excess = len(self._data) - self.max_bytes
        if excess > 0:
            excess += -excess % self.frame_bytes  # round up to whole sample frames
            del self._data[:excess]
            self.dropped_bytes += excess

    def peek(self, limit: int) -> bytes:
        """Up to `limit` bytes from the front, whole sample frames, without taking them."""
        size = min(limit, len(self._data))
        size -= size % self.frame_bytes
        return bytes(self._data[:size]) if size > 0 else b""

    def consume(self, size: int) -> None:
        """Forget `size` bytes from the front (what the device took)."""
        del self._data[: max(0, size)]

    def clear(self) -> None:
        self._data.clear()

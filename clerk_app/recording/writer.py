"""Encodes a call's frames into one WebM file (VP8 video, Opus audio) in a thread (Qt-free).

aiortc's `MediaRecorder` cannot be used as it is: for any container but a few it encodes
video as H.264 and audio as AAC, which this project never writes. This writer follows the
same approach (PyAV streams fed with decoded frames) with royalty-free codecs, and moves the
encoding off the event loop: VP8 costs milliseconds per frame, which the Qt thread that runs
the loop cannot spare. Frames are handed over through a bounded queue; when the encoder
falls behind, video frames are dropped (never audio).

Every frame is stamped with the time it reached us, counted from the start of the
recording: remote frames carry RTP timestamps that start anywhere, and a recording that
starts mid-call (consent given later) must start at zero on every track.
"""

from __future__ import annotations

import fractions
import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import av

log = logging.getLogger(__name__)

VIDEO_TIME_BASE = fractions.Fraction(1, 1000)  # WebM counts milliseconds
AUDIO_RATE = 48_000
AUDIO_TIME_BASE = fractions.Fraction(1, AUDIO_RATE)
MAX_QUEUED_FRAMES = 200
# libvpx as FFmpeg opens it by default (slice threads on every core, the "good" deadline with
# look-ahead) cost about 60 % of a core for 640x480 at 15 frames/s, three times the whole
# call's cost: its threads wait for each other on a busy machine. One thread at the realtime
# deadline without look-ahead, as aiortc encodes the call itself, at libvpx's fastest speed
# costs about 3 ms per frame (bench/recording_cpu.py). The file is somewhat larger for the
# same quality (about 10 % beside speed 8, several times beside "good"), still well within
# 800 kbit/s.
VP8_OPTIONS = {"deadline": "realtime", "cpu-used": "16", "lag-in-frames": "0"}
VP8_THREADS = 1
# Audio that arrives this much later than its samples account for (a renegotiation, a
# network gap) starts again at the wall clock instead of closing the gap.
AUDIO_GAP_SECONDS = 0.2


@dataclass(frozen=True)
class TrackSpec:
    """One track of the file: `name` is how frames are handed in, `kind` audio or video."""

    name: str
    kind: str
    width: int = 640  # video only: the picture size of the file; frames are scaled to it
    height: int = 480


class WebmWriter:
    """One WebM file being written. `put` from the loop; `close` (blocking) finishes it."""

    def __init__(
        self,
        path: Path,
        tracks: Sequence[TrackSpec],
        *,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.path = path
        self._monotonic = monotonic
        self._started = monotonic()
        self._queue: queue.Queue[tuple[str, Any, float] | None] = queue.Queue(MAX_QUEUED_FRAMES)
        self._container = av.open(str(path), mode="w", format="webm")
        self._encoders = {spec.name: _encoder(self._container, spec) for spec in tracks}
        self.dropped = 0
        self.failed: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=f"webm-{path.stem}", daemon=True)
        self._thread.start()

    @property
    def duration_seconds(self) -> float:
        """The length of what has been written so far (the longest track)."""
        return max((encoder.end_seconds for encoder in self._encoders.values()), default=0.0)

    def put(self, track: str, frame: av.VideoFrame | av.AudioFrame) -> None:
        """Hand a frame over; never blocks (a full queue drops video frames)."""
        item = (track, frame, self._monotonic() - self._started)
        if self._encoders[track].kind == "audio":
            self._queue.put(item)  # 200 frames of audio are 4 s: the encoder is far behind
            return
        try:
            self._queue.put_nowait(item)
        except queue.Full:
            self.dropped += 1

    def close(self) -> None:
        """Flush the encoders and finish the file; blocks until the thread is done."""
        self._queue.put(None)
        self._thread.join()
        if self.failed is not None:
            raise self.failed

    def _run(self) -> None:
        try:
            while (item := self._queue.get()) is not None:
                name, frame, at = item
                for packet in self._encoders[name].encode(frame, at):
                    self._container.mux(packet)
            for encoder in self._encoders.values():
                for packet in encoder.flush():
                    self._container.mux(packet)
        except BaseException as exc:  # reported by close(); the loop keeps running
            log.exception("writing %s failed", self.path.name)
            self.failed = exc
            while self._queue.get() is not None:  # let put() and close() go on
                pass
        finally:
            self._container.close()


class _Encoder:
    kind = ""
    end_seconds = 0.0

    def encode(self, frame: Any, at: float) -> list[Any]:
        raise NotImplementedError

    def flush(self) -> list[Any]:
        raise NotImplementedError


class _VideoEncoder(_Encoder):
    kind = "video"

    def __init__(self, container: Any, spec: TrackSpec) -> None:
        self._stream = container.add_stream("libvpx", rate=30)
        self._stream.width, self._stream.height = spec.width, spec.height
        self._stream.pix_fmt = "yuv420p"
        self._stream.codec_context.time_base = VIDEO_TIME_BASE
        self._stream.codec_context.bit_rate = 800_000
        self._stream.codec_context.thread_count = VP8_THREADS
        self._stream.options = dict(VP8_OPTIONS)
        self._size = (spec.width, spec.height)
        self._last_pts = -1

    def encode(self, frame: Any, at: float) -> list[Any]:
        frame = _own_copy(frame, *self._size)
        pts = max(round(at / VIDEO_TIME_BASE), self._last_pts + 1)
        self._last_pts = pts
        frame.pts, frame.time_base = pts, VIDEO_TIME_BASE
        self.end_seconds = float(pts * VIDEO_TIME_BASE)
        return list(self._stream.encode(frame))

    def flush(self) -> list[Any]:
        return list(self._stream.encode(None))


class _AudioEncoder(_Encoder):
    """Opus, mono at 48 kHz: a voice needs no more, and each side has its own track."""

    kind = "audio"

    def __init__(self, container: Any, spec: TrackSpec) -> None:
        self._stream = container.add_stream("libopus", rate=AUDIO_RATE)
        self._stream.layout = "mono"
        self._resampler = av.AudioResampler(format="s16", layout="mono", rate=AUDIO_RATE)
        self._next_pts: int | None = None

    def encode(self, frame: Any, at: float) -> list[Any]:
        wall = round(at * AUDIO_RATE)
        if self._next_pts is None or wall - self._next_pts > AUDIO_GAP_SECONDS * AUDIO_RATE:
            self._next_pts = wall
        packets = []  # the resampler makes new frames: the shared one is left as it is
        for mono in self._resampler.resample(frame):
            mono.pts, mono.time_base = self._next_pts, AUDIO_TIME_BASE
            self._next_pts += mono.samples
            packets.extend(self._stream.encode(mono))
        self.end_seconds = self._next_pts / AUDIO_RATE
        return packets

    def flush(self) -> list[Any]:
        return list(self._stream.encode(None))


def _own_copy(frame: Any, width: int, height: int) -> Any:
    """`frame` at the file's size as a frame of our own: the caller's frame is shared (a
    clerk's frame is still on its way to the visitor), so its timestamps must not change."""
    if (frame.width, frame.height, frame.format.name) != (width, height, "yuv420p"):
        return frame.reformat(width=width, height=height, format="yuv420p")
    copy = av.VideoFrame(width, height, "yuv420p")
    for source, target in zip(frame.planes, copy.planes, strict=True):
        if source.line_size == target.line_size:
            target.update(bytes(source))
            continue
        data, row = memoryview(source), min(source.line_size, target.line_size)
        rows = bytearray(target.buffer_size)
        for y in range(target.buffer_size // target.line_size):
            start = y * target.line_size
            rows[start : start + row] = data[y * source.line_size : y * source.line_size + row]
        target.update(bytes(rows))
    return copy


def _encoder(container: Any, spec: TrackSpec) -> _Encoder:
    if spec.kind == "video":
        return _VideoEncoder(container, spec)
    if spec.kind == "audio":
        return _AudioEncoder(container, spec)
    raise ValueError(f"unknown track kind: {spec.kind!r}")

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
VP8_OPTIONS = {
    "deadline": "realtime",
    "cpu-used": "16",
    "lag-in-frames": "0",
    # As aiortc and WebRTC encode camera pictures: blocks that did not change are skipped
    # rather than coded again, which a still background makes most of a call's picture.
    # About a third of the cost per frame of a test pattern (bench/recording_cpu.py).
    "static-thresh": "1",
}
# A key frame every 4 s at 15 frames/s: a player seeks to one (FFmpeg's default is 12 frames,
# libvpx's 128; key frames cost several times a frame that builds on the last).
VP8_KEYFRAME_INTERVAL = 60
VP8_THREADS = 1
# Audio that arrives this much later than its samples account for (a renegotiation, a
# network gap) starts again at the wall clock instead of closing the gap; a voice this much
# ahead of the wall clock (the delayed frames of such a gap, arriving in a burst after its
# silence was written) drops frames until it is back in step with the call and its picture.
AUDIO_GAP_SECONDS = 0.2
# Speech, mono: 32 kbit/s is transparent for voices (Opus's guidance: 24-40 kbit/s for
# fullband speech), half of what FFmpeg picks. Complexity 5 of 10 costs a third of the
# default at this rate (0.3 % of a core against 0.9 %); the "voip" mode would double it.
OPUS_BIT_RATE = 32_000
OPUS_OPTIONS = {"compression_level": "5"}
# A voice silent this long (no frames at all) is taken as silence so far: see _VoiceMixer.
MIXER_LAG_SECONDS = 0.5


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
        self._encoders = _encoders(self._container, tracks)
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
                for packet in self._encoders[name].encode(name, frame, at):
                    self._container.mux(packet)
            for encoder in dict.fromkeys(self._encoders.values()):  # the mixer once
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

    def encode(self, name: str, frame: Any, at: float) -> list[Any]:
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
        self._stream.codec_context.gop_size = VP8_KEYFRAME_INTERVAL
        self._stream.options = dict(VP8_OPTIONS)
        self._size = (spec.width, spec.height)
        self._last_pts = -1

    def encode(self, name: str, frame: Any, at: float) -> list[Any]:
        frame = _own_copy(frame, *self._size)
        pts = max(round(at / VIDEO_TIME_BASE), self._last_pts + 1)
        self._last_pts = pts
        frame.pts, frame.time_base = pts, VIDEO_TIME_BASE
        self.end_seconds = float(pts * VIDEO_TIME_BASE)
        return list(self._stream.encode(frame))

    def flush(self) -> list[Any]:
        return list(self._stream.encode(None))


class _VoiceMixer(_Encoder):
    """Every voice of the call mixed into one Opus track, mono at 48 kHz.

    Players play one audio track (browsers, Qt Multimedia): with a track per voice the
    clerk's side went unheard, and each track cost an encoder of its own. FFmpeg's `amix`
    adds the voices sample by sample, taking each input as one gapless stream, so each voice
    is kept gapless on the file's clock here: silence fills the time before its first frame
    and any gap over AUDIO_GAP_SECONDS, and a voice that sends nothing for MIXER_LAG_SECONDS
    (no microphone, a stalled network) is filled with silence up to then, so that the
    others are not held back waiting for it.
    """

    kind = "audio"

    def __init__(self, container: Any, names: Sequence[str]) -> None:
        self._stream = container.add_stream("libopus", rate=AUDIO_RATE)
        self._stream.layout = "mono"
        self._stream.codec_context.bit_rate = OPUS_BIT_RATE
        self._stream.options = dict(OPUS_OPTIONS)
        self._graph = graph = av.filter.Graph()  # its nodes do not keep it alive
        self._inputs = {
            name: graph.add_abuffer(
                sample_rate=AUDIO_RATE, format="flt", layout="mono", time_base=AUDIO_TIME_BASE
            )
            for name in names
        }
        mix = graph.add(
            "amix",
            inputs=str(len(names)),
            duration="longest",
            normalize="0",
            dropout_transition="0",
        )
        for index, node in enumerate(self._inputs.values()):
            node.link_to(mix, 0, index)
        out = graph.add("aformat", sample_fmts="s16", channel_layouts="mono")
        mix.link_to(out)
        self._sink = graph.add("abuffersink")
        out.link_to(self._sink)
        graph.configure()
        self._resamplers = {
            name: av.AudioResampler(format="flt", layout="mono", rate=AUDIO_RATE) for name in names
        }
        self._next: dict[str, int] = dict.fromkeys(names, 0)  # each voice's end on the file
        self._started: set[str] = set()
        self._mixed = 0

    def encode(self, name: str, frame: Any, at: float) -> list[Any]:
        wall = round(at * AUDIO_RATE)
        gap = round(AUDIO_GAP_SECONDS * AUDIO_RATE)
        if name not in self._started or wall - self._next[name] > gap:
            self._started.add(name)
            self._silence(name, until=wall)
        elif self._next[name] - wall > gap:  # its time is written already: as silence
            return self._drain()
        for mono in self._resamplers[name].resample(frame):  # new frames: the shared one stays
            self._push(name, mono)
        for other in self._inputs:
            self._silence(other, until=wall - round(MIXER_LAG_SECONDS * AUDIO_RATE))
        return self._drain()

    def flush(self) -> list[Any]:
        for node in self._inputs.values():
            node.push(None)
        return self._drain() + list(self._stream.encode(None))

    def _silence(self, name: str, *, until: int) -> None:
        while (missing := until - self._next[name]) > 0:
            samples = min(missing, AUDIO_RATE)
            quiet = av.AudioFrame(format="flt", layout="mono", samples=samples)
            quiet.sample_rate = AUDIO_RATE
            quiet.planes[0].update(bytes(quiet.planes[0].buffer_size))
            self._push(name, quiet)

    def _push(self, name: str, frame: Any) -> None:
        frame.pts, frame.time_base = self._next[name], AUDIO_TIME_BASE
        self._next[name] += frame.samples
        self._inputs[name].push(frame)

    def _drain(self) -> list[Any]:
        packets: list[Any] = []
        while True:
            try:
                mixed: Any = self._sink.pull()  # audio, as the graph ends in abuffersink
            except (BlockingIOError, av.error.EOFError):
                return packets
            mixed.pts, mixed.time_base = self._mixed, AUDIO_TIME_BASE
            self._mixed += mixed.samples
            self.end_seconds = self._mixed / AUDIO_RATE
            packets.extend(self._stream.encode(mixed))


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


def _encoders(container: Any, tracks: Sequence[TrackSpec]) -> dict[str, _Encoder]:
    """The encoder of each track name: a video encoder per picture, one mixer for the voices."""
    voices = [spec.name for spec in tracks if spec.kind == "audio"]
    unknown = [spec.kind for spec in tracks if spec.kind not in ("audio", "video")]
    if unknown:
        raise ValueError(f"unknown track kind: {unknown[0]!r}")
    encoders: dict[str, _Encoder] = {
        spec.name: _VideoEncoder(container, spec) for spec in tracks if spec.kind == "video"
    }
    if voices:
        mixer = _VoiceMixer(container, voices)
        encoders.update(dict.fromkeys(voices, mixer))
    return encoders

"""The visitor's voice on the clerk's speaker: decoded frames to a QAudioSink in push mode.

Frames arrive on the UI thread (qasync) every 20 ms. Each is converted to the output's PCM
format (`clerk_app.call.pcm`), queued in a bounded buffer and written to the sink's
QIODevice as far as the sink has room (`bytesFree()`): a write never blocks, and when the
sink falls behind the oldest queued sound is dropped, so the delay cannot grow. A timer tops
the sink up between frames.

With no audio output (a server, CI, offscreen) the speaker reports `NO_DEVICE` and ignores
frames; a sink that cannot be opened or stops with an error reports `FAILED`. Nothing here
raises into the call.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import av
from PySide6.QtCore import QIODevice, QObject, QTimer, Signal
from PySide6.QtMultimedia import QAudioDevice, QAudioFormat, QAudioSink, QMediaDevices

from clerk_app.call.pcm import PcmBuffer, PcmConverter, PcmFormat

log = logging.getLogger(__name__)

MAX_QUEUED_MS = 150  # sound waiting for the sink beyond this is dropped, oldest first
SINK_BUFFER_MS = 80  # the sink's own buffer
DRAIN_INTERVAL_MS = 10
PREFERRED = PcmFormat(48_000, 2, "s16")  # what aiortc's Opus decoder gives: no resampling

_SAMPLE_FORMATS = {
    QAudioFormat.SampleFormat.UInt8: "u8",
    QAudioFormat.SampleFormat.Int16: "s16",
    QAudioFormat.SampleFormat.Int32: "s32",
    QAudioFormat.SampleFormat.Float: "flt",
}


class SpeakerState(enum.Enum):
    IDLE = "idle"  # not started yet
    PLAYING = "playing"
    NO_DEVICE = "no_device"  # this computer has no audio output
    FAILED = "failed"  # the output could not be opened, or stopped with an error
    STOPPED = "stopped"


class SpeakerError(Exception):
    """The audio output could not be opened."""


@dataclass(frozen=True)
class SpeakerDevice:
    id: str  # what the settings store ("" is never a device: it means the system default)
    description: str
    native: QAudioDevice | None = None


@dataclass
class OpenedOutput:
    """An opened output: the device to write PCM to and how much it takes right now."""

    device: QIODevice
    bytes_free: Callable[[], int]
    failed: Callable[[], bool]
    close: Callable[[], None]


class AudioBackend(Protocol):
    def outputs(self) -> list[SpeakerDevice]: ...

    def default_output(self) -> SpeakerDevice | None: ...

    def format_for(self, device: SpeakerDevice) -> PcmFormat: ...

    def open(self, device: SpeakerDevice, pcm: PcmFormat, buffer_bytes: int) -> OpenedOutput: ...


def device_id(device: QAudioDevice) -> str:
    return bytes(device.id().data()).decode("utf-8", "replace")


def qt_format(pcm: PcmFormat) -> QAudioFormat:
    qformat = QAudioFormat()
    qformat.setSampleRate(pcm.sample_rate)
    qformat.setChannelCount(pcm.channels)
    names = {name: sample for sample, name in _SAMPLE_FORMATS.items()}
    qformat.setSampleFormat(names[pcm.sample_format])
    return qformat


def pcm_format(qformat: QAudioFormat) -> PcmFormat | None:
    """The PcmFormat of a Qt format, or None when PyAV cannot produce it."""
    sample = _SAMPLE_FORMATS.get(qformat.sampleFormat())
    if sample is None or not qformat.isValid():
        return None
    try:
        return PcmFormat(qformat.sampleRate(), qformat.channelCount(), sample)
    except ValueError:
        return None


class QtAudioBackend:
    """The platform's audio outputs through Qt Multimedia."""

    def _wrap(self, device: QAudioDevice) -> SpeakerDevice:
        return SpeakerDevice(device_id(device), device.description(), device)

    def outputs(self) -> list[SpeakerDevice]:
        return [self._wrap(device) for device in QMediaDevices.audioOutputs()]

    def default_output(self) -> SpeakerDevice | None:
        device = QMediaDevices.defaultAudioOutput()
        return None if device.isNull() else self._wrap(device)

    def format_for(self, device: SpeakerDevice) -> PcmFormat:
        native = device.native
        if native is None or native.isFormatSupported(qt_format(PREFERRED)):
            return PREFERRED
        return pcm_format(native.preferredFormat()) or PREFERRED

    def open(self, device: SpeakerDevice, pcm: PcmFormat, buffer_bytes: int) -> OpenedOutput:
        native = device.native
        if native is None or native.isNull():
            raise SpeakerError("no such audio output")
        sink = QAudioSink(native, qt_format(pcm))
        sink.setBufferSize(buffer_bytes)
        io = sink.start()  # push mode: we write, the sink plays
        # Compared by name: PySide6 has had these enums under QAudio and under QtAudio.
        if io is None or sink.error().name != "NoError":
            error = sink.error().name
            sink.stop()
            raise SpeakerError(f"the audio output did not open ({error})")

        def failed() -> bool:
            return sink.state().name == "StoppedState" and sink.error().name not in (
                "NoError",
                "UnderrunError",
            )

        return OpenedOutput(io, sink.bytesFree, failed, sink.stop)


def choose_output(backend: AudioBackend, wanted: str) -> SpeakerDevice | None:
    """The device with id `wanted`; else the system default; else any; else None."""
    outputs = backend.outputs()
    for device in outputs:
        if wanted and device.id == wanted:
            return device
    return backend.default_output() or (outputs[0] if outputs else None)


class PcmPump:
    """Converts frames and writes them to `device` as far as `bytes_free()` allows.

    Without `bytes_free` the device takes everything (a QBuffer, a file).
    """

    def __init__(
        self,
        device: QIODevice,
        pcm: PcmFormat,
        *,
        bytes_free: Callable[[], int] | None = None,
        max_queued_ms: int = MAX_QUEUED_MS,
    ) -> None:
        self.device = device
        self.format = pcm
        self.converter = PcmConverter(pcm)
        self.queue = PcmBuffer(pcm.bytes_for(max_queued_ms), pcm.bytes_per_frame)
        self._bytes_free = bytes_free
        self.written_bytes = 0
        self.write_failed = False

    def push(self, frame: av.AudioFrame) -> None:
        self.queue.push(self.converter.convert(frame))
        self.drain()

    def drain(self) -> int:
        """Write what the device takes now; returns the bytes written."""
        room = self._bytes_free() if self._bytes_free is not None else len(self.queue)
        data = self.queue.peek(room)
        if not data:
            return 0
        written = self.device.write(data)
        if written < 0:
            self.write_failed = True
            self.queue.clear()
            return 0
        self.queue.consume(written)
        self.written_bytes += written
        return written


class Speaker(QObject):
    """Plays one call's remote sound on the chosen output (`device_id`, "" = the default)."""

    stateChanged = Signal(str)  # a SpeakerState value

    def __init__(
        self,
        device_id: str = "",
        *,
        backend: AudioBackend | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.wanted = device_id
        self.backend: AudioBackend = backend or QtAudioBackend()
        self.state = SpeakerState.IDLE
        self.device: SpeakerDevice | None = None
        self.pump: PcmPump | None = None
        self.frames_played = 0
        self._output: OpenedOutput | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(DRAIN_INTERVAL_MS)
        self._timer.timeout.connect(self._drain)

    @property
    def device_name(self) -> str:
        return self.device.description if self.device is not None else ""

    def _set_state(self, state: SpeakerState) -> None:
        if state is not self.state:
            self.state = state
            self.stateChanged.emit(state.value)

    def start(self) -> None:
        if self.state is not SpeakerState.IDLE:
            return
        try:
            device = choose_output(self.backend, self.wanted)
            if device is None:
                self._set_state(SpeakerState.NO_DEVICE)
                return
            self.device = device
            pcm = self.backend.format_for(device)
            output = self.backend.open(device, pcm, pcm.bytes_for(SINK_BUFFER_MS))
        except Exception:
            log.warning("the speaker could not be opened", exc_info=True)
            self._set_state(SpeakerState.FAILED)
            return
        self._output = output
        self.pump = PcmPump(output.device, pcm, bytes_free=output.bytes_free)
        self._timer.start()
        self._set_state(SpeakerState.PLAYING)

    def play(self, frame: object) -> None:
        """A decoded remote audio frame (connected to CallModel.remoteAudio)."""
        pump = self.pump
        if pump is None or not isinstance(frame, av.AudioFrame):
            return
        try:
            pump.push(frame)
        except Exception:  # a frame PyAV cannot convert must not break the call
            log.warning("a sound frame could not be played", exc_info=True)
            return
        self.frames_played += 1
        self._check()

    def _drain(self) -> None:
        if self.pump is not None:
            self.pump.drain()
            self._check()

    def _check(self) -> None:
        output, pump = self._output, self.pump
        if output is None or pump is None:
            return
        if pump.write_failed or output.failed():
            log.warning("the speaker stopped with an error")
            self._release()
            self._set_state(SpeakerState.FAILED)

    def _release(self) -> None:
        self._timer.stop()
        output, self._output, self.pump = self._output, None, None
        if output is not None:
            try:
                output.close()
            except Exception:
                log.warning("closing the speaker failed", exc_info=True)

    def stop(self) -> None:
        """Stop playing (the call ended); safe to call twice."""
        self._release()
        if self.state in (SpeakerState.IDLE, SpeakerState.PLAYING):
            self._set_state(SpeakerState.STOPPED)

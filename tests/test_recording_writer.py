"""The recording's WebM writer on its own: the voices are mixed into one track that keeps
time with the call, whichever voice falls silent. The clock is injected; files are read back
with PyAV."""

from __future__ import annotations

import array
import math
import sys
from pathlib import Path

import av
import pytest

from clerk_app.recording.writer import (
    AUDIO_GAP_SECONDS,
    MIXER_LAG_SECONDS,
    TrackSpec,
    WebmWriter,
    _VoiceMixer,
)
from tests.media_fixtures import mono_samples, tone_level

# No server, no database: `make test-postgres` leaves these out (tests/conftest.py).
pytestmark = pytest.mark.engine_independent

RATE = 48_000
FRAME = 960  # 20 ms, as aiortc hands audio over
VOICES = [TrackSpec("visitor", "audio"), TrackSpec("clerk", "audio")]


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def tone(hz: float, start: int) -> av.AudioFrame:
    """20 ms of a tone as aiortc gives it: s16, mono, 48 kHz."""
    samples = array.array(
        "h", (round(8000 * math.sin(2 * math.pi * hz * (start + i) / RATE)) for i in range(FRAME))
    )
    if sys.byteorder != "little":
        samples.byteswap()
    frame = av.AudioFrame(format="s16", layout="mono", samples=FRAME)
    frame.sample_rate = RATE
    frame.planes[0].update(samples.tobytes())
    return frame


def audio_of(path: Path) -> list[int]:
    with av.open(str(path)) as container:
        assert [stream.type for stream in container.streams] == ["audio"]
        return mono_samples(list(container.decode(audio=0)), middle=False)


def test_two_voices_become_one_track_with_both(tmp_path: Path) -> None:
    clock = Clock()
    writer = WebmWriter(tmp_path / "call.webm", VOICES, monotonic=clock)
    for n in range(100):  # two seconds of each
        writer.put("visitor", tone(880, n * FRAME))
        writer.put("clerk", tone(440, n * FRAME))
        clock.now += FRAME / RATE
    writer.close()
    samples = audio_of(tmp_path / "call.webm")
    assert abs(len(samples) / RATE - 2.0) < 0.1
    levels = {hz: tone_level(samples, hz) for hz in (440, 660, 880)}
    assert levels[440] > 20 * levels[660] and levels[880] > 20 * levels[660], levels


def test_a_voice_that_sends_nothing_does_not_hold_the_others_back(tmp_path: Path) -> None:
    """A visitor without a microphone: the clerk's voice is encoded as the call goes, not
    all at the end (which would keep the whole call in memory)."""
    with av.open(str(tmp_path / "call.webm"), mode="w", format="webm") as container:
        mixer = _VoiceMixer(container, ["visitor", "clerk"])
        for n in range(150):  # three seconds of the clerk alone
            for packet in mixer.encode("clerk", tone(440, n * FRAME), at=n * FRAME / RATE):
                container.mux(packet)
        assert mixer.end_seconds >= 3.0 - MIXER_LAG_SECONDS - 0.1
        for packet in mixer.flush():
            container.mux(packet)
    assert abs(len(audio_of(tmp_path / "call.webm")) / RATE - 3.0) < 0.1


def test_a_gap_in_a_voice_is_kept_as_silence_so_the_voices_stay_in_step(tmp_path: Path) -> None:
    clock = Clock()
    writer = WebmWriter(tmp_path / "call.webm", VOICES, monotonic=clock)
    for n in range(50):  # one second of both
        writer.put("visitor", tone(880, n * FRAME))
        writer.put("clerk", tone(440, n * FRAME))
        clock.now += FRAME / RATE
    clock.now += 2.0  # the network drops both for two seconds
    for n in range(50):
        writer.put("visitor", tone(880, n * FRAME))
        writer.put("clerk", tone(440, n * FRAME))
        clock.now += FRAME / RATE
    writer.close()
    samples = audio_of(tmp_path / "call.webm")
    assert abs(len(samples) / RATE - 4.0) < 0.1
    gap = samples[round(1.2 * RATE) : round(2.8 * RATE)]
    assert max(abs(sample) for sample in gap) < 100


def test_late_audio_after_a_gap_does_not_make_the_call_longer(tmp_path: Path) -> None:
    """A stall on a loaded machine: half a second without frames (written as silence), then
    that half second's frames in one burst. They do not push the voice past the call's wall
    clock (and its picture): the file stays the call's length, give or take AUDIO_GAP_SECONDS."""
    clock = Clock()
    writer = WebmWriter(tmp_path / "call.webm", VOICES, monotonic=clock)
    n = 0
    for _ in range(50):  # one second of both
        writer.put("visitor", tone(880, n * FRAME))
        writer.put("clerk", tone(440, n * FRAME))
        clock.now += FRAME / RATE
        n += 1
    clock.now += 0.5  # nothing for half a second; then the late frames at once
    for _ in range(25):
        writer.put("visitor", tone(880, n * FRAME))
        writer.put("clerk", tone(440, n * FRAME))
        n += 1
    for _ in range(25):  # half a second more, in step again
        writer.put("visitor", tone(880, n * FRAME))
        writer.put("clerk", tone(440, n * FRAME))
        clock.now += FRAME / RATE
        n += 1
    writer.close()
    seconds = len(audio_of(tmp_path / "call.webm")) / RATE
    assert 2.0 - 0.1 <= seconds <= 2.0 + AUDIO_GAP_SECONDS + 0.05, seconds

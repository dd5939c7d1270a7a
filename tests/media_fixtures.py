"""Fixtures and helpers for tests that run real aiortc calls inside one process on loopback.

Import the `*_fixture` functions you need into the test module: pytest finds fixtures
among a module's names, and each is registered under its name without `_fixture`.
The loopback traps handled here: aioice skips 127.0.0.1 when it lists host addresses,
and aiortc falls back to a public STUN server when it is given no ICE server list.
"""

from __future__ import annotations

import array
import asyncio
import itertools
import math
import sys
from collections import deque
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

import aioice.ice
import av
import pytest
from aiortc.rtcicetransport import RTCIceGatherer

from clerk_app.media import CallPeer, LocalTracks, TestPatternVideoTrack, ToneAudioTrack

FRAMES_KEPT = 200


@pytest.fixture(name="loopback_ice")
def loopback_ice_fixture(monkeypatch: pytest.MonkeyPatch) -> None:
    """Gather only 127.0.0.1, and fail loudly if aiortc's public STUN default is ever used."""
    monkeypatch.setattr(aioice.ice, "get_host_addresses", lambda use_ipv4, use_ipv6: ["127.0.0.1"])

    def public_stun_requested(cls: type) -> list[object]:
        raise AssertionError("aiortc's default public STUN server was requested")

    monkeypatch.setattr(RTCIceGatherer, "getDefaultIceServers", classmethod(public_stun_requested))


@dataclass
class CallSide:
    """One end of a test call: its peer, its synthetic sources and what it received."""

    peer: CallPeer
    video: TestPatternVideoTrack
    audio: ToneAudioTrack
    video_frames: deque[av.VideoFrame] = field(default_factory=lambda: deque(maxlen=FRAMES_KEPT))
    audio_frames: deque[av.AudioFrame] = field(default_factory=lambda: deque(maxlen=FRAMES_KEPT))

    @classmethod
    def create(cls, width: int, height: int, frequency: int, fps: int = 15) -> CallSide:
        video = TestPatternVideoTrack(width, height, fps)
        audio = ToneAudioTrack(frequency)
        side = cls(CallPeer(LocalTracks(audio=audio, video=video)), video, audio)
        side.peer.add_video_listener(side.video_frames.append)
        side.peer.add_audio_listener(side.audio_frames.append)
        return side


async def connect(offerer: CallPeer, answerer: CallPeer) -> None:
    """Offer/answer with complete SDPs, then wait until media flows both ways."""
    answer = await answerer.accept_offer(await offerer.create_offer())
    await offerer.accept_answer(answer)
    await eventually(
        lambda: all(
            peer.video_frames_received > 0 and peer.audio_frames_received > 0
            for peer in (offerer, answerer)
        ),
        "media flowing both ways",
    )


async def eventually(condition: Callable[[], bool], what: str, within: float = 15.0) -> None:
    """Poll `condition` until it holds. `within` only guards against a hang."""
    try:
        async with asyncio.timeout(within):
            while True:
                if condition():
                    return
                await asyncio.sleep(0.02)
    except TimeoutError:
        raise AssertionError(f"gave up waiting for: {what}") from None


@pytest.fixture(name="call_pair")
async def call_pair_fixture(loopback_ice: None) -> AsyncIterator[tuple[CallSide, CallSide]]:
    """Two connected peers with different picture sizes and tones, so that each check
    can tell whose media arrived where."""
    a = CallSide.create(320, 240, frequency=440)
    b = CallSide.create(256, 192, frequency=660)
    try:
        await connect(a.peer, b.peer)
        yield a, b
    finally:
        await a.peer.close()
        await b.peer.close()


def samples_s16(frame: av.AudioFrame) -> array.array[int]:
    """The interleaved samples of a packed s16 frame (what aiortc's Opus decoder gives)."""
    assert frame.format.name == "s16", frame.format.name
    count = frame.samples * len(frame.layout.channels)
    samples = array.array("h", bytes(frame.planes[0])[: count * 2])
    if sys.byteorder != "little":
        samples.byteswap()
    return samples


def rms(frame: av.AudioFrame) -> float:
    samples = samples_s16(frame)
    return math.sqrt(sum(s * s for s in samples) / len(samples))


def dominant_frequency(frames: list[av.AudioFrame]) -> float:
    """Estimate a pure tone's frequency from zero crossings of the first channel."""
    channels = len(frames[0].layout.channels)
    signal = [s for frame in frames for s in samples_s16(frame)[::channels]]
    crossings = sum(1 for x, y in itertools.pairwise(signal) if (x < 0) != (y < 0))
    return crossings / 2 / (len(signal) / frames[0].sample_rate)


def mono_samples(frames: list[av.AudioFrame], *, middle: bool = True) -> list[int]:
    """Decoded audio as 16-bit samples at 48 kHz: by default only the middle half, past the
    codec's start-up."""
    resampler = av.AudioResampler(format="s16", layout="mono", rate=48_000)
    samples: list[int] = []
    for frame in frames[len(frames) // 4 : 3 * len(frames) // 4] if middle else frames:
        for mono in resampler.resample(frame):
            samples.extend(array.array("h", bytes(mono.planes[0]))[: mono.samples])
    return samples


def tone_level(samples: list[int], hz: float) -> float:
    """The power of one frequency in `samples` (Goertzel), per sample."""
    coefficient = 2 * math.cos(2 * math.pi * hz / 48_000)
    before = earlier = 0.0
    for sample in samples:
        before, earlier = sample + coefficient * before - earlier, before
    return (before * before + earlier * earlier - coefficient * before * earlier) / len(samples)


def luma(frame: av.VideoFrame) -> bytes:
    """The visible luma rows of a frame, without the planes' row padding."""
    frame = frame if frame.format.name == "yuv420p" else frame.reformat(format="yuv420p")
    plane = frame.planes[0]
    data = bytes(plane)
    return b"".join(
        data[row * plane.line_size : row * plane.line_size + frame.width]
        for row in range(frame.height)
    )


def other_tasks() -> set[asyncio.Task[object]]:
    """Unfinished tasks other than the running test's."""
    current = asyncio.current_task()
    return {task for task in asyncio.all_tasks() if task is not current and not task.done()}

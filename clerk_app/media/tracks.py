"""Track wrappers that CallPeer puts between aiortc and the media sources."""

from __future__ import annotations

import asyncio
from typing import Any

import av
from aiortc import MediaStreamTrack
from aiortc.mediastreams import MediaStreamError

_Y_BLACK = 16
_C_NEUTRAL = 128


class SwitchableTrack(MediaStreamTrack):
    """Forwards a local source, or blanks it (silence, black picture) while switched off.

    Muting this way needs no renegotiation. The source is still read while off: that
    keeps the pacing and stops a device's queue from growing, but it also means a
    camera stays open (and its light on) while the clerk's picture is switched off.
    Stopping this track stops the source.
    """

    def __init__(self, source: MediaStreamTrack, enabled: bool = True) -> None:
        super().__init__()
        self.kind = source.kind
        self.enabled = enabled
        self._source = source
        self._black_planes: tuple[int, int, list[bytes]] | None = None

    async def recv(self) -> av.AudioFrame | av.VideoFrame:
        if self.readyState != "live":
            raise MediaStreamError
        frame = await self._source.recv()
        if isinstance(frame, av.AudioFrame):
            return frame if self.enabled else silence_like(frame)
        if isinstance(frame, av.VideoFrame):
            return frame if self.enabled else self._black_like(frame)
        raise TypeError(f"SwitchableTrack needs decoded frames, got {type(frame).__name__}")

    def stop(self) -> None:
        super().stop()
        self._source.stop()

    def _black_like(self, frame: av.VideoFrame) -> av.VideoFrame:
        black = av.VideoFrame(frame.width, frame.height, "yuv420p")
        cached = self._black_planes
        if cached is None or cached[:2] != (frame.width, frame.height):
            planes = [
                bytes([_Y_BLACK if index == 0 else _C_NEUTRAL]) * plane.buffer_size
                for index, plane in enumerate(black.planes)
            ]
            cached = self._black_planes = (frame.width, frame.height, planes)
        for plane, data in zip(black.planes, cached[2], strict=True):
            plane.update(data)
        black.pts = frame.pts
        black.time_base = frame.time_base
        return black


def silence_like(frame: av.AudioFrame) -> av.AudioFrame:
    """A silent frame with `frame`'s format, length and timestamps."""
    silent = av.AudioFrame(
        format=frame.format.name, layout=frame.layout.name, samples=frame.samples
    )
    for plane in silent.planes:
        plane.update(bytes(plane.buffer_size))
    silent.pts = frame.pts
    silent.sample_rate = frame.sample_rate
    silent.time_base = frame.time_base
    return silent


class EndableTrack(MediaStreamTrack):
    """Wraps a remote track so that it can be ended from our side.

    aiortc ends a remote track only when its decoder stops, which never happens if the
    call failed before media flowed. MediaRelay reads its source until the source ends,
    so without this wrapper its reader task would wait forever after such a call.
    """

    def __init__(self, source: MediaStreamTrack) -> None:
        super().__init__()
        self.kind = source.kind
        self._source = source
        self._ended: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    async def recv(self) -> av.AudioFrame | av.VideoFrame:
        if self.readyState != "live":
            raise MediaStreamError
        getter = asyncio.ensure_future(self._source.recv())
        waiting: set[asyncio.Future[Any]] = {getter, self._ended}
        try:
            await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
        except asyncio.CancelledError:
            getter.cancel()
            raise
        if not getter.done():
            getter.cancel()
            await asyncio.wait({getter})
            raise MediaStreamError
        frame = getter.result()  # raises MediaStreamError once the remote side ends
        if not isinstance(frame, av.AudioFrame | av.VideoFrame):
            raise TypeError(f"remote tracks give decoded frames, got {type(frame).__name__}")
        return frame

    def end(self) -> None:
        """End the track now; a pending recv() raises MediaStreamError."""
        if not self._ended.done():
            self._ended.set_result(None)
        self.stop()

"""A pass-through track that shows the clerk's own picture on screen (Qt-free).

It sits between the local source and the peer connection: every frame that is sent is also
handed to the listeners, so the preview shows exactly what the call sends (before the camera
switch blanks it). The recorder taps the clerk's sound the same way. Stopping it stops the
source.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Generic, TypeVar, cast

import av
from aiortc import MediaStreamTrack
from aiortc.mediastreams import MediaStreamError

log = logging.getLogger(__name__)
Frame = TypeVar("Frame", av.VideoFrame, av.AudioFrame)


class TapTrack(MediaStreamTrack, Generic[Frame]):
    def __init__(self, source: MediaStreamTrack, listeners: list[Callable[[Frame], None]]) -> None:
        super().__init__()
        self.kind = source.kind
        self._source = source
        self._listeners: list[Callable[[Frame], None]] = (
            listeners  # shared with the owner: listeners added later see frames
        )
        self._failed: set[int] = set()

    async def recv(self) -> Frame:
        if self.readyState != "live":
            raise MediaStreamError
        frame = await self._source.recv()
        if isinstance(frame, av.VideoFrame | av.AudioFrame):
            frame = cast(Frame, frame)
            for listener in list(self._listeners):
                try:
                    listener(frame)
                except Exception:  # a broken preview must not break the call
                    if id(listener) not in self._failed:
                        self._failed.add(id(listener))
                        log.exception("local media listener failed")
            return frame
        raise TypeError(f"TapTrack needs decoded frames, got {type(frame).__name__}")

    def stop(self) -> None:
        super().stop()
        self._source.stop()

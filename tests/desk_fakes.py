"""Stand-ins for driving the clerk's desk without a server: a connection that records what the
app sends and lets the test play the server's messages, and devices whose opening the test
can hold at the exact moment a race needs."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field

from aiortc import VideoStreamTrack
from pydantic import BaseModel

from clerk_app.media import LocalTracks, MediaSourceChoice, TestPatternVideoTrack, ToneAudioTrack
from clerk_app.queue.connection import ClerkConnection, LinkState
from clerk_app.server_address import ServerAddress
from videoclerk_protocol import messages as p


class FakeConnection(ClerkConnection):
    """A connected clerk socket with no network behind it."""

    def __init__(self) -> None:
        super().__init__(ServerAddress.parse("http://127.0.0.1:9"), "vcs_fake")
        self.sent: list[BaseModel] = []

    async def open(self) -> p.Welcome:
        self._set_state(LinkState.CONNECTED)
        return p.Welcome(grace_seconds=30)

    async def send(self, message: BaseModel) -> None:
        self.sent.append(message)

    async def close(self) -> None:
        self._set_state(LinkState.CLOSED)

    def feed(self, message: BaseModel) -> None:
        """The server sends `message`."""
        self._deliver(message)

    def set_link(self, state: LinkState) -> None:
        self._set_state(state)

    def sent_of(self, kind: type[BaseModel]) -> list[BaseModel]:
        return [m for m in self.sent if isinstance(m, kind)]


@dataclass
class HeldDevices:
    """Opens synthetic camera and microphone (in the desk's worker thread). `hold()` makes the
    next opening wait, inside the thread, until `release()`. The camera is the test pattern,
    or with `camera=True` a plain track that stands for a real camera."""

    camera: bool = False
    opened: list[LocalTracks] = field(default_factory=list)
    _gate: threading.Event | None = None
    _entered: threading.Event = field(default_factory=threading.Event)

    def open(self, _choice: MediaSourceChoice) -> LocalTracks:
        gate, self._gate = self._gate, None
        if gate is not None:
            self._entered.set()
            gate.wait(30)
        video = VideoStreamTrack() if self.camera else TestPatternVideoTrack(160, 120)
        tracks = LocalTracks(audio=ToneAudioTrack(), video=video)
        self.opened.append(tracks)
        return tracks

    def hold(self) -> threading.Event:
        self._entered.clear()
        self._gate = threading.Event()
        return self._gate

    async def wait_until_opening(self) -> None:
        """Until a held opening is under way in the worker thread."""
        assert await asyncio.to_thread(self._entered.wait, 30), "no device was being opened"

    @property
    def cameras_on(self) -> int:
        return sum(1 for t in self.opened if t.video is not None and t.video.readyState == "live")


def assigned(call_id: str = "call_1") -> p.Assigned:
    return p.Assigned(call_id=call_id, reference="K7M-4QX", queue_id="que_1", ice_servers=[])

"""Races in the clerk's desk and call session, each held at the racing moment with events:
two media restarts at once, a call that ends while the camera opens, an `assigned` that comes
after `take()` gave up. Real aiortc peers on loopback; the server is a scripted connection."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any, ClassVar

import pytest

from clerk_app.call import session as session_module
from clerk_app.media import CallConnectionState, CallPeer, LocalTracks
from clerk_app.queue.desk import ClerkDesk, TakeRefused
from tests.desk_fakes import FakeConnection, HeldDevices, assigned
from tests.media_fixtures import eventually, loopback_ice_fixture
from videoclerk_protocol import messages as p

# No server, no database: `make test-postgres` leaves these out (tests/conftest.py).
pytestmark = pytest.mark.engine_independent

__all__ = ["loopback_ice_fixture"]


class CountedPeer(CallPeer):
    """A real peer that the test can count, and make report a failed media path."""

    made: ClassVar[list[CountedPeer]] = []

    def __init__(
        self,
        local: LocalTracks,
        *,
        ice_servers: Sequence[Mapping[str, object]] = (),
        relay_only: bool = False,
    ) -> None:
        super().__init__(local, ice_servers=ice_servers, relay_only=relay_only)
        self.closed = False
        CountedPeer.made.append(self)

    async def close(self) -> None:
        self.closed = True
        await super().close()

    def fail(self) -> None:
        self._set_state(CallConnectionState.FAILED)


def open_peers() -> list[CountedPeer]:
    return [peer for peer in CountedPeer.made if not peer.closed]


@pytest.fixture
async def desk(
    loopback_ice: None, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[tuple[ClerkDesk, FakeConnection, HeldDevices]]:
    CountedPeer.made = []
    monkeypatch.setattr(session_module, "CallPeer", CountedPeer)
    connection, devices = FakeConnection(), HeldDevices()
    desk = ClerkDesk(connection, open_tracks=devices.open, take_timeout=0.05)
    await desk.start()
    try:
        yield desk, connection, devices
    finally:
        await desk.close()
        for peer in CountedPeer.made:
            await peer.close()
        for tracks in devices.opened:
            tracks.close()


async def assign(desk: ClerkDesk, connection: FakeConnection) -> asyncio.Task[Any]:
    """Take the next visitor; the server assigns call_1 once the take is sent."""
    take = asyncio.get_running_loop().create_task(desk.take())
    await eventually(lambda: bool(connection.sent_of(p.Take)), "take sent")
    connection.feed(assigned())
    return take


async def test_two_restarts_at_once_leave_one_peer_and_one_camera(
    desk: tuple[ClerkDesk, FakeConnection, HeldDevices],
) -> None:
    clerk, connection, devices = desk
    session = await (await assign(clerk, connection))
    first = session.peer
    assert isinstance(first, CountedPeer)

    # The media path fails: a restart begins and holds while it opens the camera...
    gate = devices.hold()
    first.fail()
    await devices.wait_until_opening()
    # ... and meanwhile the visitor's socket comes back: a second restart.
    connection.feed(p.PeerBack(call_id="call_1"))
    gate.set()

    await eventually(
        lambda: len(devices.opened) == 3 and len(connection.sent_of(p.ClerkOffer)) == 2,
        "the later restart's offer",
    )
    await eventually(lambda: open_peers() == [session.peer], "one peer left open")
    assert devices.cameras_on == 1
    last = connection.sent_of(p.ClerkOffer)[-1]
    assert isinstance(last, p.ClerkOffer) and last.restart


async def test_a_call_that_ends_while_the_camera_opens_closes_the_camera(
    desk: tuple[ClerkDesk, FakeConnection, HeldDevices],
) -> None:
    clerk, connection, devices = desk
    gate = devices.hold()
    take = await assign(clerk, connection)
    await devices.wait_until_opening()
    connection.feed(p.Ended(call_id="call_1", reference="K7M-4QX", reason="peer_left"))
    gate.set()  # the worker thread hands over a camera nobody wants any more

    session = await take
    await eventually(lambda: clerk.state.call is None, "the call closed")
    assert session.ended
    assert len(devices.opened) == 1 and devices.cameras_on == 0
    assert open_peers() == []
    assert connection.sent_of(p.ClerkOffer) == []


async def test_an_assignment_after_take_gave_up_still_opens_the_call(
    desk: tuple[ClerkDesk, FakeConnection, HeldDevices],
) -> None:
    clerk, connection, _ = desk
    with pytest.raises(TakeRefused) as refused:
        await clerk.take()  # the server is slow: take() stops waiting
    assert refused.value.code == "no_answer"

    connection.feed(assigned())  # the server did make this clerk the visitor's
    await eventually(lambda: bool(connection.sent_of(p.ClerkOffer)), "the offer")
    assert clerk.state.call is not None and clerk.state.call.call_id == "call_1"

    # Another assignment while in this call: the app says it cannot, instead of ignoring it.
    connection.feed(assigned("call_2"))
    await eventually(lambda: bool(connection.sent_of(p.ClerkHangup)), "call_2 hung up")
    hangup = connection.sent_of(p.ClerkHangup)[0]
    assert isinstance(hangup, p.ClerkHangup) and hangup.call_id == "call_2"
    assert clerk.state.call.call_id == "call_1"

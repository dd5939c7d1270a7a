"""The bus between server processes (server/bus, docs/scale-out.md).

Two server processes share one data folder and a NATS server (the machine's, or
$VIDEOCLERK_TEST_NATS_URL): what one process revokes holds on the other at once.
"""

from __future__ import annotations

import asyncio
import secrets
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from server.bus import Bus, frames
from server.bus.nats_link import DELIVERIES_PER_TURN, NatsLink
from tests.accounts_helpers import add_user, bearer, new_org, problem
from tests.live_server import (
    NATS_URL,
    LiveServer,
    bus_env,
    free_port,
    live_server,
    two_servers,
)
from tests.local_services import start_service, stop_service, until
from tests.ws_clients import ScriptedClerk
from videoclerk_protocol.messages import CLOSE_UNAUTHORISED


async def test_a_message_reaches_this_process_s_subscribers_later_on_the_loop() -> None:
    """Delivery never runs inside `publish` (which may sit in a transaction), arrives on the
    loop from any thread, and skips this process when the publisher acted here already."""
    bus = Bus()
    got: list[tuple[bytes, bool]] = []
    loop_thread = threading.get_ident()
    bus.subscribe("a", lambda payload: got.append((payload, threading.get_ident() == loop_thread)))
    await bus.start()
    bus.publish("a", b"1")
    assert got == []
    await asyncio.to_thread(bus.publish, "a", b"2")
    bus.publish("a", b"3", here=False)
    bus.publish("b", b"4")
    while len(got) < 2:
        await asyncio.sleep(0)
    await bus.close()
    assert got == [(b"1", True), (b"2", True)]


async def test_a_frame_nats_refuses_does_not_silence_the_ones_after_it() -> None:
    link = NatsLink("nats://127.0.0.1:1", "test")
    published: list[bytes] = []
    refused = asyncio.Event()

    class RefusesTheFirst:
        max_payload = 1024 * 1024

        async def publish(self, subject: str, payload: bytes) -> None:
            if not refused.is_set():
                refused.set()
                raise ConnectionError("the connection went away")
            published.append(payload)

    link._sender = asyncio.create_task(link._send_queued(RefusesTheFirst()))  # type: ignore[arg-type]
    link.send("a", b"1")
    await asyncio.wait_for(refused.wait(), timeout=30)
    link.send("a", b"2")
    link.send("a", b"3")
    await link._stop_sending()
    assert link._sender.done()
    assert [frames.unpack(frame) for frame in published] == [[b"2", b"3"]]


def test_a_frame_carries_payloads_in_order_within_the_size_nats_allows() -> None:
    payloads = [b"", b"x" * 10, "\u00e9".encode() * 3, b"y" * 40]
    packed = list(frames.pack(payloads, limit=32))
    assert all(len(frame) <= 32 for frame in packed[:-1])
    assert [p for frame in packed for p in frames.unpack(frame)] == payloads
    assert [len(frame) for frame in packed] == [29, 45]  # 40 bytes alone, over the limit
    assert list(frames.pack([], limit=32)) == []
    for broken in (b"", b"\x02", b"\x01\x00\x00", b"\x01\x00\x00\x00\x05abc"):
        with pytest.raises(frames.FrameError):
            frames.unpack(broken)


async def test_a_process_hears_only_the_subjects_it_subscribed_to() -> None:
    """A message to one front reaches that process alone: the others' NATS clients never get
    it (they would parse and drop every queue position of every other process)."""
    prefix = f"test-{secrets.token_hex(6)}"
    listener, speaker = NatsLink(NATS_URL, prefix), NatsLink(NATS_URL, prefix)
    delivered: list[str] = []
    await listener.start(lambda subject, _: delivered.append(subject), ["a.here", "b.*"])
    await speaker.start(lambda *_: None, [])
    try:
        for subject in ("a.elsewhere", "b.org_1", "a.here"):  # one connection keeps the order
            speaker.send(subject, b"")
        while len(delivered) < 2:
            await asyncio.sleep(0.01)
        assert delivered == ["b.org_1", "a.here"]
    finally:
        await speaker.close()
        await listener.close()


async def test_a_long_frame_is_delivered_in_turns_of_the_loop() -> None:
    """A burst (hundreds of joins to one home, each a commit) must not hold the loop: the
    sockets and the leases' renewals get their turns in between."""
    prefix = f"test-{secrets.token_hex(6)}"
    listener, speaker = NatsLink(NATS_URL, prefix), NatsLink(NATS_URL, prefix)
    turns = 0
    seen_at: list[int] = []  # the loop's turns when each message arrived
    count = 4 * DELIVERIES_PER_TURN
    await listener.start(lambda *_: seen_at.append(turns), ["home"])
    await speaker.start(lambda *_: None, [])
    try:
        for n in range(count):
            speaker.send("home", str(n).encode())  # queued in one go: one frame
        while len(seen_at) < count:
            turns += 1
            await asyncio.sleep(0)
        assert len(set(seen_at)) >= count // DELIVERIES_PER_TURN
    finally:
        await speaker.close()
        await listener.close()


async def test_the_bus_subscribes_its_link_to_the_subjects_known_at_start() -> None:
    class Link:
        connected = True

        def __init__(self) -> None:
            self.subjects: list[str] = []

        async def start(self, deliver: object, subjects: list[str]) -> None:
            self.subjects = subjects

        def send(self, subject: str, payload: bytes) -> None: ...

        async def close(self) -> None: ...

    link = Link()
    bus = Bus(link)
    bus.subscribe("a", lambda _: None)
    bus.subscribe("b.*", lambda _: None)
    await bus.start()
    assert link.subjects == ["a", "b.*"]
    with pytest.raises(RuntimeError, match="before the bus starts"):
        bus.subscribe("c", lambda _: None)  # the other processes' "c" would never come
    await bus.close()


def test_before_start_a_command_s_subscribers_get_it_directly() -> None:
    bus = Bus()
    got: list[bytes] = []
    bus.subscribe("a", got.append)
    bus.publish("a", b"1")
    assert got == [b"1"]


@pytest.fixture
def two_processes(tmp_path: Path) -> Iterator[tuple[LiveServer, LiveServer]]:
    """Two server processes on one data folder, on a NATS subject prefix of their own."""
    with two_servers(tmp_path, env=bus_env()) as pair:
        yield pair


async def test_a_log_out_on_one_process_holds_on_another_at_once(
    two_processes: tuple[LiveServer, LiveServer],
) -> None:
    """P17: a clerk logs out through one process; the socket the clerk holds on the other
    closes with 4401, and that process, which had the session cached, refuses it next."""
    first, second = two_processes
    with httpx.Client(base_url=first.url) as one, httpx.Client(base_url=second.url) as other:
        org = new_org(one)
        _, token = add_user(one, org, "clerk")
        clerk = ScriptedClerk(second.ws_url, token)
        assert (await clerk.connect()).type == "welcome"
        try:
            assert other.get("/api/v1/me", headers=bearer(token)).status_code == 200  # cached
            assert one.post("/api/v1/auth/logout", headers=bearer(token)).status_code == 204
            assert await asyncio.wait_for(clerk.close_code(), timeout=30) == CLOSE_UNAUTHORISED
            refused = other.get("/api/v1/me", headers=bearer(token))
            assert problem(refused, 401)["code"] == "session_expired"
        finally:
            await clerk.close()


def test_a_server_with_an_unreachable_bus_does_not_start(tmp_path: Path) -> None:
    """Revocations would not reach the other processes: the server says so and stops (the
    log masks the address, as it masks every IP address)."""
    nowhere = f"nats://127.0.0.1:{free_port()}"
    with (
        pytest.raises(RuntimeError, match=r"Cannot reach the event bus at .* \(no answer"),
        live_server(tmp_path, env={"VIDEOCLERK_BUS_URL": nowhere}),
    ):
        pass


def _start_nats(port: int) -> subprocess.Popen[bytes]:
    """Debian's nats-server on a loopback port of the test's own."""
    return start_service(["nats-server", "--addr", "127.0.0.1", "--port", str(port)], port)


def test_a_process_cut_off_from_the_bus_is_not_ready_until_it_reconnects(tmp_path: Path) -> None:
    """The balancer's readiness check: 204 while the process hears the others; 503
    `bus_unavailable` while NATS is gone, so that no new connections come here; 204 again
    once the client has reconnected by itself."""
    port = free_port()
    nats = _start_nats(port)
    env = {"VIDEOCLERK_BUS_URL": f"nats://127.0.0.1:{port}"}
    try:
        with live_server(tmp_path, env=env) as server:
            ready = f"{server.url}/ready"
            assert httpx.get(ready).status_code == 204
            stop_service(nats)
            until(lambda: httpx.get(ready).status_code == 503, "still ready without NATS")
            assert problem(httpx.get(ready), 503)["code"] == "bus_unavailable"
            nats = _start_nats(port)
            until(lambda: httpx.get(ready).status_code == 204, "never reconnected")
    finally:
        stop_service(nats)

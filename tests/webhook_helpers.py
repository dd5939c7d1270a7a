"""A real webhook receiver on a free loopback port, and helpers to point an organisation at it."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx

from tests.accounts_helpers import Org

PRIVATE_TARGETS = {"VIDEOCLERK_WEBHOOKS_ALLOW_PRIVATE_TARGETS": "1"}


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes
    status: int  # what the receiver answers (if the sender is still there to hear it)


@dataclass
class Receiver:
    """Records every POST; answers with the statuses in `answers` first, then 200.

    While `held` is cleared, each request after the first `free` ones is recorded and then
    kept waiting for it.
    """

    url: str
    answers: list[int] = field(default_factory=list)
    free: int = 0
    held: threading.Event = field(default_factory=threading.Event)
    requests: list[Received] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)

    def wait_for(self, count: int, timeout: float = 30.0) -> list[Received]:
        """At least `count` requests; the timeout only guards against one that never comes."""
        with self.changed:
            assert self.changed.wait_for(lambda: len(self.requests) >= count, timeout), (
                f"the receiver got {len(self.requests)} of {count} requests"
            )
            return list(self.requests)


@contextmanager
def receiver(
    answers: list[int] | None = None, *, hold: bool = False, free: int = 0
) -> Iterator[Receiver]:
    """With `hold`, requests after the first `free` wait until the test sets `held`."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    port = server.server_address[1]
    state = Receiver(f"http://127.0.0.1:{port}/hooks/videoclerk", list(answers or []), free)
    if not hold:
        state.held.set()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", "0")))
            with state.changed:
                status = state.answers.pop(0) if state.answers else 200
                headers = {k.lower(): v for k, v in self.headers.items()}
                state.requests.append(Received(headers, body, status))
                state.changed.notify_all()
                waits = len(state.requests) > state.free
            if waits:
                state.held.wait(timeout=60)
            reply = b"ok" if status < 300 else b"receiver is down for maintenance"
            with contextlib.suppress(OSError):  # a sender stopped meanwhile has hung up
                self.send_response(status)
                self.send_header("content-length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server.RequestHandlerClass = Handler
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.held.set()
        server.shutdown()
        server.server_close()
        thread.join()


def new_secret(client: httpx.Client, org: Org) -> str:
    response = client.post("/api/v1/webhooks/endpoint/secret", headers=org.admin)
    assert response.status_code == 201, response.text
    return str(response.json()["secret"])


def point_at(client: httpx.Client, org: Org, url: str) -> str:
    """Give the organisation a secret and an enabled endpoint at `url`; the secret."""
    secret = new_secret(client, org)
    response = client.put(
        "/api/v1/webhooks/endpoint",
        headers=org.admin,
        json={"url": url, "enabled": True, "events": ["offer.accepted"]},
    )
    assert response.status_code == 200, response.text
    return secret


def send_test(client: httpx.Client, org: Org) -> str:
    response = client.post("/api/v1/webhooks/test", headers=org.admin)
    assert response.status_code == 202, response.text
    return str(response.json()["id"])


def delivery(client: httpx.Client, org: Org, delivery_id: str) -> dict[str, Any]:
    response = client.get(f"/api/v1/webhooks/deliveries/{delivery_id}", headers=org.admin)
    response.raise_for_status()
    found: dict[str, Any] = response.json()
    return found


def wait_for_delivery(
    client: httpx.Client, org: Org, delivery_id: str, *, attempts: int, timeout: float = 30.0
) -> dict[str, Any]:
    """The delivery once `attempts` attempts are recorded and it is not being delivered.

    The server records an attempt after the receiver has answered, so a test polls the
    admin API; the timeout only guards against an attempt that never comes.
    """
    deadline = time.monotonic() + timeout
    while True:
        found = delivery(client, org, delivery_id)
        if found["attempts"] >= attempts and found["status"] != "delivering":
            return found
        assert time.monotonic() < deadline, found
        time.sleep(0.02)

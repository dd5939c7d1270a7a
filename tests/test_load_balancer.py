"""Three server processes behind Debian's haproxy with the checked-in config
(build/server/haproxy.cfg, docs/scale-out.md "Behind a load balancer").

The processes share one data folder and the machine's NATS (or $VIDEOCLERK_TEST_NATS_URL);
the third reaches NATS through a relay the test can cut. Which process answered a request
is told by the test-only route /test/process. The tests leave every process that still runs
in rotation, so their order does not matter.
"""

from __future__ import annotations

import os
import secrets
import ssl
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
import pytest

from tests.accounts_helpers import STRONG_PASSWORD, add_user, audit_events, new_org, problem
from tests.certificates import self_signed
from tests.haproxy import HAProxy, haproxy
from tests.live_server import LiveServer, free_port, live_server
from tests.tcp_relay import TcpRelay, tcp_relay
from tests.ws_clients import ScriptedClerk

NATS_URL = os.environ.get("VIDEOCLERK_TEST_NATS_URL", "nats://127.0.0.1:4222")
NAMES = ("videoclerk-1", "videoclerk-2", "videoclerk-3")
FORGED = "203.0.113.9"


@dataclass
class Balanced:
    processes: dict[str, LiveServer]
    """The processes still running, by their name in haproxy's backend."""
    balancer: HAProxy
    bus_line: TcpRelay
    """The third process's connection to NATS."""
    trust: ssl.SSLContext

    def client(self, source: str = "127.0.0.1") -> httpx.Client:
        """An HTTPS client of the balancer, connecting from `source`."""
        return httpx.Client(
            base_url=self.balancer.https_url,
            transport=httpx.HTTPTransport(local_address=source, verify=self.trust),
            timeout=30,
        )

    def answering(self, client: httpx.Client, requests: int) -> set[int]:
        """The ids of the processes that answered `requests` requests through the balancer."""
        pids = set()
        for _ in range(requests):
            response = client.get("/test/process")
            response.raise_for_status()
            pids.add(response.json()["pid"])
        return pids

    def pids(self, *names: str) -> set[int]:
        return {self.processes[name].process.pid for name in names}


@pytest.fixture(scope="module")
def balanced(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Balanced]:
    folder = tmp_path_factory.mktemp("balanced")
    cert, key = self_signed(folder)
    ports = [free_port() for _ in NAMES]
    with ExitStack() as stack:
        bus_line = stack.enter_context(tcp_relay(urlsplit(NATS_URL).port or 4222))
        balancer = stack.enter_context(
            haproxy(folder / "haproxy", upstream_ports=ports, cert=cert, key=key)
        )
        env = {
            "VIDEOCLERK_BUS_SUBJECT_PREFIX": f"test-{secrets.token_hex(6)}",
            "VIDEOCLERK_TRUSTED_PROXIES": '["127.0.0.1"]',
            "VIDEOCLERK_TRUSTED_HOSTS": '["127.0.0.1"]',
            "VIDEOCLERK_PUBLIC_URL": balancer.https_url,
        }
        bus_urls = [NATS_URL, NATS_URL, f"nats://127.0.0.1:{bus_line.port}"]
        processes = {
            name: stack.enter_context(
                live_server(
                    folder / "data",
                    env={**env, "VIDEOCLERK_BUS_URL": bus_url},
                    port=port,
                    log_name=f"{name}.log",
                )
            )
            for name, port, bus_url in zip(NAMES, ports, bus_urls, strict=True)
        }
        for name in NAMES:
            balancer.until_status(name, "UP")
        trust = ssl.create_default_context(cafile=cert)
        yield Balanced(processes, balancer, bus_line, trust)


def test_requests_through_the_balancer_reach_every_process(balanced: Balanced) -> None:
    """Round robin over the processes in rotation, over HTTPS with HSTS set by the balancer."""
    with balanced.client() as client:
        assert balanced.answering(client, 3 * len(balanced.processes)) == balanced.pids(
            *balanced.processes
        )
        health = client.get("/health")
    assert health.json()["status"] == "ok"
    assert health.headers.get_list("strict-transport-security") == [
        "max-age=63072000; includeSubDomains"
    ]
    plain = httpx.get(f"{balanced.balancer.http_url}/health")
    assert plain.status_code == 301
    assert plain.headers["location"].startswith("https://")


def test_the_server_sees_the_client_s_address_and_haproxy_logs_none(balanced: Balanced) -> None:
    """P9 through the balancer: the log-in is recorded with the client's address, not the
    balancer's nor one the client made up. P1: haproxy wrote no client address anywhere."""
    with balanced.client("127.0.0.2") as client:
        client.headers["X-Forwarded-For"] = FORGED
        org = new_org(client)
        client.post(
            "/api/v1/auth/login", json={"email": org.admin_email, "password": STRONG_PASSWORD}
        ).raise_for_status()
        logins = audit_events(client, org, event="login.succeeded")
    assert [event["ip"] for event in logins] == ["127.0.0.2", "127.0.0.2"]
    for path in balanced.balancer.output.parent.iterdir():
        if path.is_file() and path.suffix != ".pem":
            assert "127.0.0.2" not in path.read_text(errors="replace"), path


async def test_a_clerk_s_socket_works_through_the_balancer(balanced: Balanced) -> None:
    with balanced.client() as client:
        org = new_org(client)
        _, token = add_user(client, org, "clerk")
    wss = balanced.balancer.https_url.replace("https://", "wss://")
    clerk = ScriptedClerk(wss, token)
    try:
        assert (await clerk.connect(ssl=balanced.trust)).type == "welcome"
        await clerk.available()
    finally:
        await clerk.close()


def test_a_process_cut_off_from_the_bus_leaves_the_rotation_until_it_is_back(
    balanced: Balanced,
) -> None:
    """Its /ready says 503 `bus_unavailable`: the health check takes it out, and no request
    reaches it; once its bus connection is back, the check puts it back in."""
    third = balanced.processes["videoclerk-3"]
    others = [name for name in balanced.processes if name != "videoclerk-3"]
    balanced.bus_line.cut()
    try:
        balanced.balancer.until_status("videoclerk-3", "DOWN")
        assert problem(httpx.get(f"{third.url}/ready"), 503)["code"] == "bus_unavailable"
        with balanced.client() as client:
            assert balanced.answering(client, 3 * len(others)) == balanced.pids(*others)
    finally:
        balanced.bus_line.restore()
    balanced.balancer.until_status("videoclerk-3", "UP")


def test_a_killed_process_is_taken_out_and_requests_keep_succeeding(balanced: Balanced) -> None:
    balanced.processes.pop("videoclerk-1").kill()
    balanced.balancer.until_status("videoclerk-1", "DOWN")
    with balanced.client() as client:
        assert balanced.answering(client, 3 * len(balanced.processes)) == balanced.pids(
            *balanced.processes
        )

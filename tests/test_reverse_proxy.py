"""The server behind Debian's nginx with the checked-in config (build/server/nginx.conf):
HTTPS and HSTS at the proxy, the queue's WebSockets through it, and client addresses.

Clients connect from other loopback addresses (127.0.0.2, …) than nginx (127.0.0.1), so the
address the server records tells whether it took the forwarded one, and whose.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from server.config import Settings
from tests.accounts_helpers import Org, audit_events, new_org
from tests.certificates import self_signed
from tests.live_server import LiveServer, free_port, live_server
from tests.nginx import Nginx, nginx
from tests.queue_helpers import call_centre
from tests.ws_clients import ScriptedClerk, ScriptedVisitor, until_queue

FORGED = "203.0.113.9"
VISITOR_CONNECTIONS_PER_MINUTE = 3


@dataclass
class Proxied:
    server: LiveServer
    proxy: Nginx
    trust: ssl.SSLContext

    def client(self, source: str, *, direct: bool = False) -> httpx.Client:
        """An HTTP client connecting from `source`, through nginx or straight to the server."""
        verify: ssl.SSLContext | bool = True if direct else self.trust
        return httpx.Client(
            base_url=self.server.url if direct else self.proxy.https_url,
            transport=httpx.HTTPTransport(local_address=source, verify=verify),
            timeout=30,
        )


@pytest.fixture(scope="module")
def proxied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proxied]:
    folder = tmp_path_factory.mktemp("proxy")
    cert, key = self_signed(folder)
    upstream = free_port()
    with nginx(folder, upstream_port=upstream, cert=cert, key=key) as proxy:
        env = {
            "VIDEOCLERK_TRUSTED_PROXIES": '["127.0.0.1"]',
            "VIDEOCLERK_PUBLIC_URL": proxy.https_url,
            "VIDEOCLERK_VISITOR_CONNECTIONS_PER_MINUTE": str(VISITOR_CONNECTIONS_PER_MINUTE),
        }
        with live_server(folder / "data", env=env, port=upstream) as server:
            yield Proxied(server, proxy, ssl.create_default_context(cafile=cert))


def _logins(client: httpx.Client, org: Org) -> list[str | None]:
    return [e["ip"] for e in audit_events(client, org, event="login.succeeded")]


def test_https_and_hsts_at_the_proxy_and_plain_http_redirected(proxied: Proxied) -> None:
    with proxied.client("127.0.0.2") as client:
        health = client.get("/health")
    assert health.json()["status"] == "ok"
    # Once: from nginx (the server sets it only when it serves TLS itself).
    assert health.headers.get_list("strict-transport-security") == [
        "max-age=63072000; includeSubDomains"
    ]
    assert health.headers["x-content-type-options"] == "nosniff"  # the server's own headers
    plain = httpx.get(f"{proxied.proxy.http_url}/health?x=1")
    assert plain.status_code == 301
    assert plain.headers["location"] == "https://127.0.0.1/health?x=1"


def test_a_log_in_through_the_proxy_records_the_address_it_came_from(proxied: Proxied) -> None:
    """P9 through nginx: the audit trail has the client's address, never nginx's, and never
    one the client made up (nginx replaces X-Forwarded-For with the connecting address)."""
    with proxied.client("127.0.0.2") as client:
        client.headers["X-Forwarded-For"] = FORGED
        org = new_org(client)
        assert _logins(client, org) == ["127.0.0.2"]
        created = audit_events(client, org, event="organisation.created")
        assert [e["ip"] for e in created] == ["127.0.0.2"]
    # Straight to the server, from an address it does not trust as a proxy: ignored.
    with proxied.client("127.0.0.3", direct=True) as direct:
        response = direct.post(
            "/api/v1/auth/login",
            json={"email": org.admin_email, "password": "violet tractor hums seventeen lullabies"},
            headers={"X-Forwarded-For": FORGED},
        )
        response.raise_for_status()
        assert sorted(_logins(direct, org), key=str) == ["127.0.0.2", "127.0.0.3"]
    # P1: nginx logged no client's address (the site turns off the access log that the
    # surrounding nginx.conf keeps, as Debian's does).
    for path in proxied.proxy.prefix.rglob("*.log"):
        assert "127.0.0.2" not in path.read_text(errors="replace"), path


def test_without_trusted_proxies_a_forged_forwarded_for_is_ignored(server: LiveServer) -> None:
    """uvicorn believes X-Forwarded-For from 127.0.0.1 by default; this server must not."""
    with httpx.Client(base_url=server.url, timeout=30) as client:
        org = new_org(client)
        client.post(
            "/api/v1/auth/login",
            json={"email": org.admin_email, "password": "violet tractor hums seventeen lullabies"},
            headers={"X-Forwarded-For": FORGED},
        ).raise_for_status()
        assert _logins(client, org) == ["127.0.0.1", "127.0.0.1"]


async def test_queue_sockets_through_the_proxy_with_per_address_limits(proxied: Proxied) -> None:
    """A clerk and a visitor meet over wss through nginx; the per-IP socket limit counts each
    visitor's own address, not nginx's."""
    with proxied.client("127.0.0.4") as client:
        centre = call_centre(client, origins=[proxied.proxy.https_url])
    wss = proxied.proxy.https_url.replace("https://", "wss://")
    clerk = ScriptedClerk(wss, centre.clerk_tokens[0])
    assert (await clerk.connect(ssl=proxied.trust)).type == "welcome"
    await clerk.available()
    visitor = ScriptedVisitor(wss, centre.widget_key)
    welcome = await visitor.connect(
        ssl=proxied.trust, local_addr=("127.0.0.5", 0), origin=proxied.proxy.https_url
    )
    assert welcome.type == "welcome"
    queued = await visitor.join(centre.queue_ids[0])
    assert queued.type == "queued"
    snapshot = await until_queue(clerk, lambda s: len(s.waiting) == 1)
    assert snapshot.waiting[0].call_id == queued.call_id

    crowd = []
    for _ in range(VISITOR_CONNECTIONS_PER_MINUTE):
        crowd.append(ScriptedVisitor(wss, centre.widget_key))
        assert (await crowd[-1].connect(ssl=proxied.trust, local_addr=("127.0.0.6", 0))).type == (
            "welcome"
        )
    crowd.append(ScriptedVisitor(wss, centre.widget_key))
    refused = await crowd[-1].connect(ssl=proxied.trust, local_addr=("127.0.0.6", 0))
    assert (refused.type, refused.code) == ("error", "rate_limited")
    other = ScriptedVisitor(wss, centre.widget_key)
    assert (await other.connect(ssl=proxied.trust, local_addr=("127.0.0.7", 0))).type == "welcome"
    for socket in (clerk, visitor, *crowd, other):
        await socket.close()


@pytest.mark.parametrize("entry", ["*", "nginx.internal", "10.0.0.0/33", ""])
def test_trusted_proxies_are_addresses_or_networks(entry: str) -> None:
    """A typo would silently trust nobody, and '*' everybody (any client could forge its IP)."""
    with pytest.raises(ValueError, match="trusted_proxies"):
        Settings(trusted_proxies=[entry])
    assert Settings(trusted_proxies=["127.0.0.1", "::1", "10.0.0.0/8"]).trusted_proxies

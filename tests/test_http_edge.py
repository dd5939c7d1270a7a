"""The HTTP edge against the real server: request body limits, security headers, trusted
hosts, a public URL never taken from the request, and the API docs served offline
(docs/security.md)."""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import h11
import httpx
import pytest

from server.config import Settings
from tests.accounts_helpers import bearer, new_org, problem, signup_form
from tests.live_server import LiveServer, live_server
from tests.queue_helpers import create_queue, create_widget

MIB = 1024 * 1024
HUGE = 200 * MIB
CHUNK = bytes(MIB)


def port_of(server: LiveServer) -> int:
    port = urlsplit(server.url).port
    assert port is not None
    return port


def memory_kib(pid: int, field: str) -> int:
    """A figure from /proc/<pid>/status (VmRSS: resident now; VmHWM: the peak)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise AssertionError(f"no {field} for process {pid}")


# ---- request body limits ---------------------------------------------------------------------


def test_a_declared_oversized_body_is_refused_before_it_is_sent(server: LiveServer) -> None:
    """Only the headers go out: the answer comes without the server waiting for 200 MB."""
    client = h11.Connection(h11.CLIENT)
    head = h11.Request(
        method="POST",
        target="/api/v1/auth/login",
        headers=[
            ("Host", f"127.0.0.1:{port_of(server)}"),
            ("Content-Type", "application/json"),
            ("Content-Length", str(HUGE)),
        ],
    )
    with socket.create_connection(("127.0.0.1", port_of(server)), timeout=60) as sock:
        sock.sendall(client.send(head))
        status, content_type, body = 0, "", b""
        while True:
            event = client.next_event()
            if event is h11.NEED_DATA:
                client.receive_data(sock.recv(65536))
            elif isinstance(event, h11.Response):
                status = event.status_code
                content_type = dict(event.headers)[b"content-type"].decode()
            elif isinstance(event, h11.Data):
                body += event.data
            elif isinstance(event, h11.EndOfMessage):
                break
    assert (status, content_type) == (413, "application/problem+json")
    assert b'"code":"payload_too_large"' in body


def test_streamed_huge_bodies_are_refused_in_flat_memory_while_health_answers(
    fresh_server: LiveServer,
) -> None:
    """Four anonymous 200 MB chunked log-ins (no Content-Length) at once: each gets 413 after
    its first MiB, the server's peak memory hardly moves, and /health answers meanwhile."""
    pid = fresh_server.process.pid
    Path(f"/proc/{pid}/clear_refs").write_text("5")  # the peak (VmHWM) starts again from now
    before = memory_kib(pid, "VmRSS")
    first_chunk_out = threading.Semaphore(0)
    go_on = threading.Event()

    def body() -> Iterator[bytes]:
        yield CHUNK
        first_chunk_out.release()
        go_on.wait()
        for _ in range(HUGE // len(CHUNK) - 1):
            yield CHUNK

    def upload() -> httpx.Response:
        with httpx.Client(base_url=fresh_server.url, timeout=120) as http:
            return http.post(
                "/api/v1/auth/login", content=body(), headers={"Content-Type": "application/json"}
            )

    with ThreadPoolExecutor(4) as pool:
        try:
            uploads = [pool.submit(upload) for _ in range(4)]
            for _ in uploads:
                assert first_chunk_out.acquire(timeout=120)
            health = httpx.get(f"{fresh_server.url}/health", timeout=30)
            assert health.json()["status"] == "ok"
        finally:
            go_on.set()
        responses = [u.result() for u in uploads]
    for response in responses:
        assert problem(response, 413)["code"] == "payload_too_large"
    growth_mib = (memory_kib(pid, "VmHWM") - before) / 1024
    assert growth_mib < 30, f"the server's peak memory grew by {growth_mib:.0f} MiB"


@pytest.fixture(scope="module")
def configured_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """Small body limits, a larger one for sign-up, and a list of trusted hosts."""
    env = {
        "VIDEOCLERK_MAX_BODY_BYTES": "4096",
        "VIDEOCLERK_BODY_LIMITS": '{"/api/v1/signup": 65536}',
        "VIDEOCLERK_TRUSTED_HOSTS": '["127.0.0.1", "*.example.test"]',
    }
    with live_server(tmp_path_factory.mktemp("configured"), env=env) as running:
        yield running


def test_a_path_prefix_gets_its_own_body_limit(configured_server: LiveServer) -> None:
    padded = {"email": "a@example.com", "password": "p" * 5000}
    with httpx.Client(base_url=configured_server.url, timeout=30) as client:
        refused = problem(client.post("/api/v1/auth/login", json=padded), 413)
        assert "4096 bytes" in refused["detail"]
        assert client.post("/api/v1/signup", json=signup_form(name="n" * 5000)).status_code == 422


# ---- hosts and the public URL --------------------------------------------------------------


def test_a_host_not_trusted_is_refused(configured_server: LiveServer) -> None:
    with httpx.Client(base_url=configured_server.url, timeout=30) as client:
        for host in ("evil.example", "example.test.evil.example", "127.0.0.2"):
            refused = problem(client.get("/health", headers={"Host": host}), 400)
            assert refused["code"] == "untrusted_host"
        for host in ("shop.example.test", f"127.0.0.1:{port_of(configured_server)}"):
            assert client.get("/health", headers={"Host": host}).status_code == 200
    upgrade = (
        "GET /ws/visitor HTTP/1.1\r\nHost: evil.example\r\nUpgrade: websocket\r\n"
        "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        "Sec-WebSocket-Version: 13\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port_of(configured_server)), timeout=60) as sock:
        sock.sendall(upgrade.encode())
        assert sock.recv(65536).startswith(b"HTTP/1.1 400 "), "a socket to an untrusted host"


def test_a_forged_host_header_is_never_reflected(client: httpx.Client, server: LiveServer) -> None:
    """The snippet, the panel link and the panel's CSP name the server's own address."""
    org = new_org(client)
    widget = create_widget(client, org, [create_queue(client, org, "Sales")])
    forged = {"Host": "evil.example"}
    read = client.get(f"/api/v1/widgets/{widget['id']}", headers={**org.admin, **forged}).json()
    listed = client.get("/api/v1/widgets", headers={**org.admin, **forged}).json()["items"][0]
    for shown in (read, listed):
        assert shown["embed_snippet"].startswith(f'<script src="{server.url}/widget.js"')
        assert shown["panel_url"] == f"{server.url}/w/{widget['widget_key']}"
    csp = client.get(f"/w/{widget['widget_key']}", headers=forged).headers[
        "content-security-policy"
    ]
    assert f"connect-src 'self' ws://127.0.0.1:{port_of(server)};" in csp
    assert "evil" not in csp


@pytest.mark.parametrize(
    ("given", "base_url"),
    [
        ({}, "http://127.0.0.1:8080"),
        ({"host": "0.0.0.0", "port": 80}, "http://localhost"),  # noqa: S104
        ({"host": "::1", "port": 443, "tls_cert": "c.pem", "tls_key": "k.pem"}, "https://[::1]"),
        ({"public_url": "https://video.example.com/"}, "https://video.example.com"),
    ],
)
def test_the_public_url_comes_from_the_settings(given: dict[str, object], base_url: str) -> None:
    assert Settings(**given).base_url == base_url


def test_a_public_url_must_be_an_http_address() -> None:
    with pytest.raises(ValueError, match="public_url"):
        Settings(public_url="javascript:alert(1)")


# ---- headers ---------------------------------------------------------------------------------


def test_security_headers_on_plain_http(client: httpx.Client) -> None:
    """no-store on every /api/ answer (the log-in token among them), nosniff on all; no HSTS
    without TLS (HSTS under TLS: tests/test_tls.py)."""
    form = signup_form()
    client.post("/api/v1/signup", json=form).raise_for_status()
    login = client.post("/api/v1/auth/login", json={k: form[k] for k in ("email", "password")})
    token = login.json()["token"]
    api = [
        login,
        client.get("/api/v1/me", headers=bearer(token)),
        client.get("/api/v1/me"),
        client.get("/api/v1/no-such-thing"),
    ]
    for response in api:
        assert response.headers["cache-control"] == "no-store", response.url
    others = [client.get(p) for p in ("/health", "/docs", "/openapi.json", "/widget.js", "/w/x")]
    for response in api + others:
        assert response.headers["x-content-type-options"] == "nosniff", response.url
        assert "strict-transport-security" not in response.headers


# ---- API docs ----------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_api_docs_load_nothing_from_other_hosts(client: httpx.Client, page: str) -> None:
    html = client.get(page).text
    assert "://" not in html, html
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(a.endswith(".js") for a in assets), html
    for asset in assets:
        assert asset.startswith("/") and not asset.startswith("//"), asset
        response = client.get(asset)
        assert response.status_code == 200, asset
        assert response.content

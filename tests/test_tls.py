"""TLS end to end: the server serves HTTPS and WSS; clients verify its certificate (P17)."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from clerk_app.account.service import AccountService
from clerk_app.errors import CertificateProblem
from clerk_app.queue.connection import ClerkConnection
from clerk_app.server_address import ServerAddress
from tests.accounts_helpers import STRONG_PASSWORD, new_org
from tests.certificates import self_signed
from tests.live_server import LiveServer, live_server


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, Path]]:
    folder = tmp_path_factory.mktemp("tls")
    cert, key = self_signed(folder)
    with live_server(folder / "data", tls=(cert, key)) as server:
        yield server, cert


def test_https_answers_and_an_unknown_certificate_is_refused(
    tls_server: tuple[LiveServer, Path],
) -> None:
    server, cert = tls_server
    assert server.url.startswith("https://")
    assert (
        httpx.get(f"{server.url}/health", verify=ssl.create_default_context(cafile=cert)).json()[
            "status"
        ]
        == "ok"
    )
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{server.url}/health")  # the system CAs do not know this certificate


async def test_clerk_app_logs_in_and_opens_its_socket_over_tls(
    tls_server: tuple[LiveServer, Path],
) -> None:
    server, cert = tls_server
    with httpx.Client(base_url=server.url, verify=ssl.create_default_context(cafile=cert)) as http:
        org = new_org(http)
    trusted = AccountService(ServerAddress.parse(server.url, ca_file=cert))
    session = await trusted.log_in(org.admin_email, STRONG_PASSWORD)
    await trusted.close()
    connection = ClerkConnection(session.server, session.token)
    welcome = await connection.open()
    assert welcome.user is not None and welcome.user["id"] == session.user.id
    await connection.close()
    untrusted = AccountService(ServerAddress.parse(server.url))
    with pytest.raises(CertificateProblem) as problem:
        await untrusted.log_in(org.admin_email, STRONG_PASSWORD)
    assert "certificate" in problem.value.message
    await untrusted.close()


def test_strict_transport_security_under_tls(tls_server: tuple[LiveServer, Path]) -> None:
    """Plain HTTP has none: tests/test_http_edge.py."""
    server, cert = tls_server
    response = httpx.get(f"{server.url}/health", verify=ssl.create_default_context(cafile=cert))
    assert response.headers["strict-transport-security"] == "max-age=63072000; includeSubDomains"

"""Account security under attack (issue 9): log-in throttles, no account oracles, the mail
outbox and its limits, and sessions whose end closes their sockets (P8, P9, P17).

Each test that fails log-ins or asks for resets runs on a server of its own, with limits
set for it; "another address" is a second loopback address (127.0.0.2).
"""

from __future__ import annotations

import asyncio
import contextlib
import statistics
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.accounts_helpers import (
    OTHER_STRONG_PASSWORD,
    STRONG_PASSWORD,
    add_user,
    audit_events,
    bearer,
    mails_to,
    new_org,
    problem,
    user_log_in,
    wait_for_mails,
)
from tests.live_server import LiveServer, live_server
from tests.privacy_helpers import smtp_server
from tests.ws_clients import ScriptedClerk
from videoclerk_protocol.messages import CLOSE_UNAUTHORISED

LOGIN = "/api/v1/auth/login"
RESET = "/api/v1/auth/password-reset"
WRONG = "not the password at all 42"
ELSEWHERE = "127.0.0.2"


@contextlib.contextmanager
def _server(tmp_path: Path, **env: str) -> Iterator[tuple[LiveServer, httpx.Client]]:
    settings = {f"VIDEOCLERK_{name.upper()}": value for name, value in env.items()}
    with (
        live_server(tmp_path / "server", env=settings) as running,
        httpx.Client(base_url=running.url, timeout=30) as client,
    ):
        yield running, client


def _from(server: LiveServer, address: str) -> httpx.Client:
    """A client whose requests come from another loopback address."""
    transport = httpx.HTTPTransport(local_address=address)
    return httpx.Client(base_url=server.url, timeout=30, transport=transport)


def _log_in(client: httpx.Client, email: str, password: str = WRONG) -> httpx.Response:
    return client.post(LOGIN, json={"email": email, "password": password})


async def test_a_burst_of_concurrent_log_ins_checks_at_most_the_limit(tmp_path: Path) -> None:
    """P17: 30 concurrent wrong passwords from one address check at most `login_lock_after`
    of them; the rest are refused before any check (today all 30 were checked)."""
    env = {"login_lock_after": "5", "login_slow_seconds": "0", "login_ip_lock_after": "1000"}
    with _server(tmp_path, **env) as (server, client):
        org = new_org(client)
        limits = httpx.Limits(max_connections=30)
        async with httpx.AsyncClient(base_url=server.url, timeout=60, limits=limits) as burst:
            answers = await asyncio.gather(
                *(
                    burst.post(LOGIN, json={"email": org.admin_email, "password": WRONG})
                    for _ in range(30)
                )
            )
        statuses = [a.status_code for a in answers]
        assert set(statuses) <= {401, 429}, statuses
        assert statuses.count(401) <= 5, statuses
        # Every checked password is audited as a failed log-in: no more than the limit.
        assert len(audit_events(client, org, event="login.failed")) <= 5


def test_a_stranger_elsewhere_cannot_lock_a_clerk_out(tmp_path: Path) -> None:
    """P17: failures from one address lock that (account, address) pair; the account as a
    whole is only slowed, for at most `login_slow_max_seconds`, so the clerk gets in."""
    env = {
        "login_slow_after": "3",
        "login_slow_seconds": "1",
        "login_slow_max_seconds": "8",
        "login_lock_after": "5",
        "login_lockout_seconds": "900",
    }
    with _server(tmp_path, **env) as (server, client), _from(server, ELSEWHERE) as stranger:
        org = new_org(client)
        for _ in range(20):
            answer = _log_in(stranger, org.admin_email)
            if answer.status_code == 401:
                continue
            wait = problem(answer, 429)["retry_after_seconds"]
            if wait > 60:
                break  # the stranger's pair is locked
            server.advance_clock(wait)  # slowed: the stranger waits and goes on
        else:
            pytest.fail("the stranger's failures never locked their own address")
        assert problem(_log_in(stranger, org.admin_email, STRONG_PASSWORD), 429)

        clerk = _log_in(client, org.admin_email, STRONG_PASSWORD)
        if clerk.status_code == 429:
            wait = problem(clerk, 429)["retry_after_seconds"]
            assert wait <= 8, "the account was locked, not slowed"
            server.advance_clock(wait)
            clerk = _log_in(client, org.admin_email, STRONG_PASSWORD)
        assert clerk.status_code == 200, clerk.text
        # The clerk's success clears the account's counters, not the stranger's lock.
        assert problem(_log_in(stranger, org.admin_email, STRONG_PASSWORD), 429)


def test_an_admin_unlocks_a_user_and_it_is_audited(tmp_path: Path) -> None:
    """P9/P17: an admin lifts a user's lock at once; the unlock is in the audit trail."""
    with _server(tmp_path, login_lock_after="2", login_slow_seconds="0") as (_, client):
        org = new_org(client)
        email = "locked-clerk@example.com"
        clerk_id, _token = add_user(client, org, "clerk", email=email)
        problem(_log_in(client, email), 401)
        assert problem(_log_in(client, email), 429)["code"] == "login_locked"
        assert problem(_log_in(client, email, STRONG_PASSWORD), 429)

        unlocked = client.post(f"/api/v1/users/{clerk_id}/unlock", headers=org.admin)
        assert unlocked.status_code == 200, unlocked.text
        assert _log_in(client, email, STRONG_PASSWORD).status_code == 200
        [event] = audit_events(client, org, event="user.unlocked")
        assert (event["target"], event["actor_user_id"]) == (clerk_id, org.admin_id)
        assert event["ip"] == "127.0.0.1"


def test_unknown_addresses_are_throttled_like_known_ones(tmp_path: Path) -> None:
    """P17: no account oracle: the same answers, lock included, for an address nobody uses."""
    with _server(tmp_path, login_lock_after="3", login_slow_seconds="0") as (_, client):
        org = new_org(client)
        seen: dict[str, list[tuple[int, str, bool]]] = {}
        for address in (org.admin_email, f"nobody-{org.id}@example.com"):
            answers = [_log_in(client, address) for _ in range(4)]
            seen[address] = [
                (a.status_code, a.json()["code"], "retry-after" in a.headers) for a in answers
            ]
        known, unknown = seen.values()
        assert known == unknown
        assert [status for status, _, _ in known] == [401, 401, 429, 429]


def _medians(
    known: Callable[[], httpx.Response], unknown: Callable[[], httpx.Response], expected: int
) -> tuple[float, float]:
    """Median durations of 20 requests each, taken in turns so that load hits both alike."""
    durations: tuple[list[float], list[float]] = ([], [])
    for _ in range(20):
        for send, into in zip((known, unknown), durations, strict=True):
            started = time.perf_counter()
            assert send().status_code == expected
            into.append(time.perf_counter() - started)
    return statistics.median(durations[0]), statistics.median(durations[1])


def _alike(medians: tuple[float, float]) -> bool:
    """Two medians measured in the same run are within a factor of three."""
    return max(medians) <= 3 * min(medians)


def test_log_in_and_reset_take_alike_for_known_and_unknown_addresses(tmp_path: Path) -> None:
    """P17: neither a log-in nor a reset request tells by its time whether an account exists
    (the reset used to send its mail inside the request: 12.8 ms against 2.9 ms)."""
    env = {
        "login_slow_after": "1000",
        "login_lock_after": "1000",
        "login_ip_lock_after": "1000",
        "reset_requests_per_address": "1000",
        "reset_requests_per_ip": "1000",
    }
    with _server(tmp_path, **env) as (_, client):
        org = new_org(client)
        unknown = f"nobody-{org.id}@example.com"
        for _ in range(3):  # warm up both paths
            _log_in(client, unknown)
            client.post(RESET, json={"email": unknown})
        log_ins = _medians(
            lambda: _log_in(client, org.admin_email), lambda: _log_in(client, unknown), 401
        )
        assert _alike(log_ins), log_ins
        resets = _medians(
            lambda: client.post(RESET, json={"email": org.admin_email}),
            lambda: client.post(RESET, json={"email": unknown}),
            202,
        )
        assert _alike(resets), resets


def test_reset_mails_are_limited_per_address_and_per_ip(tmp_path: Path) -> None:
    """P17: ten reset requests for one person send three mails (the hourly limit), and one
    address cannot ask for more than its share; the answers stay the same."""
    with _server(tmp_path, reset_requests_per_ip="5") as (server, client):
        first, second, marker = new_org(client), new_org(client), new_org(client)
        answers = [client.post(RESET, json={"email": first.admin_email}) for _ in range(10)]
        assert len({(a.status_code, a.text) for a in answers}) == 1
        # Refused requests do not count: two are left for this IP, the third is dropped.
        for _ in range(3):
            assert client.post(RESET, json={"email": second.admin_email}).status_code == 202
        with _from(server, ELSEWHERE) as elsewhere:
            assert elsewhere.post(RESET, json={"email": marker.admin_email}).status_code == 202
        # Mail leaves in the order asked: once the marker's is out, every earlier one is.
        wait_for_mails(server.data_dir, marker.admin_email)
        assert len(mails_to(server.data_dir, first.admin_email)) == 3
        assert len(mails_to(server.data_dir, second.admin_email)) == 2
        server.advance_clock(3600)
        assert client.post(RESET, json={"email": first.admin_email}).status_code == 202
        wait_for_mails(server.data_dir, first.admin_email, count=4)


class _FlakySmtp:
    """An SMTP server that refuses the first message (451) and accepts the rest."""

    def __init__(self) -> None:
        self.refused = threading.Event()
        self.accepted = threading.Event()
        self.messages: list[bytes] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if not self.refused.is_set():
            self.refused.set()
            return "451 4.3.0 Try again later"
        self.messages.append(envelope.content)
        self.accepted.set()
        return "250 OK"


def test_a_failed_mail_is_retried_after_the_response(tmp_path: Path) -> None:
    """P17: the reset is answered at once though the SMTP server refuses the mail; the
    outbox tries again after its back-off and the code arrives."""
    smtp = _FlakySmtp()
    with (
        smtp_server(smtp) as env,
        live_server(
            tmp_path / "server", env={**env, "VIDEOCLERK_MAIL_RETRY_SECONDS": "30"}
        ) as server,
        httpx.Client(base_url=server.url, timeout=30) as client,
    ):
        org = new_org(client)
        assert client.post(RESET, json={"email": org.admin_email}).status_code == 202
        assert smtp.refused.wait(30), "the mail was never tried"
        assert not smtp.accepted.is_set()
        server.advance_clock(30)
        assert smtp.accepted.wait(30), "the mail was not retried"
        assert org.admin_email.encode() in smtp.messages[0]
        assert b"vcr_" in smtp.messages[0]
        assert not (server.data_dir / "outbox").exists()


def _end_by_log_out(client: httpx.Client, token: str, **_: Any) -> None:
    assert client.post("/api/v1/auth/logout", headers=bearer(token)).status_code == 204


def _end_by_leak_report(client: httpx.Client, token: str, **_: Any) -> None:
    assert client.post("/api/v1/me/report-leak", headers=bearer(token)).status_code == 200


def _end_by_password_change(client: httpx.Client, token: str, email: str, **_: Any) -> None:
    other_session = user_log_in(client, email)
    change = {"current_password": STRONG_PASSWORD, "new_password": OTHER_STRONG_PASSWORD}
    answer = client.post("/api/v1/me/password", headers=bearer(other_session), json=change)
    assert answer.status_code == 200, answer.text


def _end_by_deactivation(
    client: httpx.Client, admin: dict[str, str], user_id: str, **_: Any
) -> None:
    off = client.patch(f"/api/v1/users/{user_id}", headers=admin, json={"active": False})
    assert off.status_code == 200, off.text


def _end_by_role_change(
    client: httpx.Client, admin: dict[str, str], user_id: str, **_: Any
) -> None:
    role = client.patch(f"/api/v1/users/{user_id}", headers=admin, json={"role": "clerk"})
    assert role.status_code == 200, role.text


ENDINGS: dict[str, Callable[..., None]] = {
    "log-out": _end_by_log_out,
    "leak report": _end_by_leak_report,
    "password change": _end_by_password_change,
    "deactivation": _end_by_deactivation,
    "role change": _end_by_role_change,
}


@pytest.mark.parametrize("ending", sorted(ENDINGS))
async def test_ending_a_session_closes_its_socket(
    server: LiveServer, client: httpx.Client, ending: str
) -> None:
    """P17: a supervisor's socket stops receiving queue snapshots and figures the moment its
    session ends (or its role changes): the server closes it with 4401."""
    org = new_org(client)
    email = f"supervisor-{ending.replace(' ', '-')}-{org.id}@example.com".lower()
    user_id, token = add_user(client, org, "supervisor", email=email)
    supervisor = ScriptedClerk(server.ws_url, token)
    assert (await supervisor.connect()).type == "welcome"
    try:
        ENDINGS[ending](client, token=token, email=email, admin=org.admin, user_id=user_id)
        closed: Awaitable[int | None] = supervisor.close_code()
        assert await asyncio.wait_for(closed, timeout=30) == CLOSE_UNAUTHORISED
    finally:
        await supervisor.close()

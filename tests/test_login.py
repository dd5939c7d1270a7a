"""Log-in and log-out, lockout, password reset through the outbox, leak reports (P9, P17).

Tests that fail log-ins run on servers of their own, so the per-IP failure count of the
shared server (every test connects from 127.0.0.1) is not used up.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import httpx
import pytest

from tests.accounts_helpers import (
    OTHER_STRONG_PASSWORD,
    STRONG_PASSWORD,
    bearer,
    error_fields,
    log_in,
    mailed_code,
    mails_to,
    new_org,
    problem,
    wait_for_mails,
)
from tests.live_server import LiveServer, live_server

LOGIN = "/api/v1/auth/login"


@pytest.fixture(scope="module")
def login_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server of this module's own: its tests fail log-ins on purpose."""
    with live_server(tmp_path_factory.mktemp("login")) as running:
        yield running


@pytest.fixture
def http(login_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=login_server.url, timeout=30) as client:
        yield client


def _me(client: httpx.Client, token: str) -> httpx.Response:
    return client.get("/api/v1/me", headers=bearer(token))


def _wrong_login(client: httpx.Client, email: str) -> httpx.Response:
    return client.post(LOGIN, json={"email": email, "password": "not the password at all 42"})


@contextlib.contextmanager
def _locking_server(
    tmp_path_factory: pytest.TempPathFactory, name: str, **lock_after: str
) -> Iterator[tuple[LiveServer, httpx.Client]]:
    """A server of the test's own (locks as `lock_after` says, no slow-down), and a client."""
    env = {"VIDEOCLERK_LOGIN_SLOW_SECONDS": "0"}
    with (
        live_server(tmp_path_factory.mktemp(name), env={**lock_after, **env}) as running,
        httpx.Client(base_url=running.url, timeout=30) as client,
    ):
        yield running, client


def test_login_gives_a_new_opaque_session_token_each_time(http: httpx.Client) -> None:
    """P17: session tokens have at least 128 random bits and are new at every log-in."""
    org = new_org(http)
    first = http.post(LOGIN, json={"email": org.admin_email, "password": STRONG_PASSWORD})
    assert first.status_code == 200
    body = first.json()
    assert body["user"]["id"] == org.admin_id
    assert body["expires_at"]
    second = log_in(http, org.admin_email)
    tokens = {org.admin_token, body["token"], second}
    assert len(tokens) == 3
    for token in tokens:
        assert len(token.split("_", 1)[1]) >= 22  # 128 bits in base64url
        assert _me(http, token).json()["id"] == org.admin_id


def test_login_with_wrong_password_or_unknown_address_is_refused_alike(http: httpx.Client) -> None:
    """P17: a wrong password and an unknown account get the same answer."""
    org = new_org(http)
    wrong = problem(_wrong_login(http, org.admin_email), 401)
    unknown = problem(_wrong_login(http, f"nobody-{org.id}@example.com"), 401)
    assert wrong == unknown
    assert wrong["code"] == "invalid_credentials"


def test_logout_revokes_the_token_and_only_that_token(http: httpx.Client) -> None:
    """P17: log-out revokes the session token at once; the user's other sessions go on."""
    org = new_org(http)
    other = log_in(http, org.admin_email)
    response = http.post("/api/v1/auth/logout", headers=org.admin)
    assert response.status_code == 204
    body = problem(_me(http, org.admin_token), 401)
    assert body["code"] == "session_expired"
    assert problem(http.post("/api/v1/auth/logout", headers=org.admin), 401)
    assert _me(http, other).status_code == 200


def test_requests_without_or_with_bad_credentials_are_refused(http: httpx.Client) -> None:
    """P17: every account endpoint needs a session or key; unknown tokens are refused."""
    assert problem(http.get("/api/v1/me"), 401)["code"] == "not_authenticated"
    assert problem(http.get("/api/v1/me", headers=bearer("vcs_madeup")), 401)
    assert problem(http.get("/api/v1/organisation", headers=bearer("vck_live_madeup")), 401)


def test_account_lockout_after_repeated_failures_and_its_expiry(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """P17: repeated failures lock the account for a while with a clear error; then it opens."""
    with _locking_server(tmp_path_factory, "lockout", VIDEOCLERK_LOGIN_LOCK_AFTER="3") as (
        running,
        client,
    ):
        org = new_org(client)
        assert problem(_wrong_login(client, org.admin_email), 401)["code"] == "invalid_credentials"
        assert problem(_wrong_login(client, org.admin_email), 401)["code"] == "invalid_credentials"
        locking = _wrong_login(client, org.admin_email)
        locked = problem(locking, 429)
        assert locked["code"] == "login_locked"
        assert locked["retry_after_seconds"] >= 1
        assert locking.headers["retry-after"] == str(locked["retry_after_seconds"])
        assert "try again" in locked["detail"].lower()
        # The lock holds even for the right password, and does not touch other accounts.
        right = {"email": org.admin_email, "password": STRONG_PASSWORD}
        still = problem(client.post(LOGIN, json=right), 429)
        assert still["code"] == "login_locked"
        other = new_org(client)
        assert _me(client, other.admin_token).status_code == 200

        running.advance_clock(still["retry_after_seconds"])
        opened = client.post(LOGIN, json=right)
        assert opened.status_code == 200, opened.text
        # A successful log-in clears the count: the next failure is an ordinary one.
        assert problem(_wrong_login(client, org.admin_email), 401)["code"] == "invalid_credentials"


def test_ip_lockout_after_repeated_failures_and_its_expiry(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """P9/P17: many failures from one IP, whatever the account, lock log-ins from that IP."""
    with _locking_server(tmp_path_factory, "iplock", VIDEOCLERK_LOGIN_IP_LOCK_AFTER="3") as (
        running,
        client,
    ):
        org = new_org(client)
        for n in range(2):
            problem(_wrong_login(client, f"nobody-{n}-{org.id}@example.com"), 401)
        # The failure that brings on the lock is answered with it.
        problem(_wrong_login(client, f"nobody-2-{org.id}@example.com"), 429)
        right = {"email": org.admin_email, "password": STRONG_PASSWORD}
        locked = problem(client.post(LOGIN, json=right), 429)
        assert locked["code"] == "login_locked"
        # Sessions made before the lock keep working: only log-ins are locked.
        assert _me(client, org.admin_token).status_code == 200

        running.advance_clock(locked["retry_after_seconds"])
        assert client.post(LOGIN, json=right).status_code == 200


def test_password_reset_through_the_outbox(http: httpx.Client, login_server: LiveServer) -> None:
    """P17: "forgot password" mails a single-use code; using it ends every session."""
    org = new_org(http)
    second_session = log_in(http, org.admin_email)
    requested = http.post("/api/v1/auth/password-reset", json={"email": org.admin_email})
    assert requested.status_code == 202
    code = mailed_code(login_server.data_dir, org.admin_email)
    assert code not in requested.text
    # Requesting alone changes nothing.
    assert _me(http, org.admin_token).status_code == 200

    confirm = "/api/v1/auth/password-reset/confirm"
    weak = problem(http.post(confirm, json={"token": code, "new_password": "abcdefgh"}), 422)
    assert weak["code"] == "weak_password"
    assert error_fields(weak) == {"new_password"}
    # A refused password does not use up the code.
    done = http.post(confirm, json={"token": code, "new_password": OTHER_STRONG_PASSWORD})
    assert done.status_code == 200, done.text
    assert done.json()["email"] == org.admin_email  # whom to log in as

    for token in (org.admin_token, second_session):
        assert problem(_me(http, token), 401)["code"] == "session_expired"
    old = http.post(LOGIN, json={"email": org.admin_email, "password": STRONG_PASSWORD})
    assert problem(old, 401)["code"] == "invalid_credentials"
    assert log_in(http, org.admin_email, OTHER_STRONG_PASSWORD)

    again = http.post(
        confirm, json={"token": code, "new_password": "yet another fine long passphrase"}
    )
    assert problem(again, 400)["code"] == "invalid_reset_token"
    assert log_in(http, org.admin_email, OTHER_STRONG_PASSWORD)


def test_password_reset_answers_the_same_for_unknown_addresses(
    http: httpx.Client, login_server: LiveServer
) -> None:
    """P17: the reset request does not reveal whether an account exists, and mails nobody."""
    org = new_org(http)
    unknown = f"nobody-{org.id}@example.com".lower()
    known = http.post("/api/v1/auth/password-reset", json={"email": org.admin_email})
    missing = http.post("/api/v1/auth/password-reset", json={"email": unknown})
    assert (known.status_code, known.json()) == (missing.status_code, missing.json())
    # Mail leaves in order: once the known address's mail is out, any other would be too.
    assert len(wait_for_mails(login_server.data_dir, org.admin_email)) == 1
    assert mails_to(login_server.data_dir, unknown) == []


def test_made_up_reset_code_is_refused(http: httpx.Client) -> None:
    """P17: only a mailed code resets a password."""
    response = http.post(
        "/api/v1/auth/password-reset/confirm",
        json={"token": "vcr_" + "A" * 43, "new_password": OTHER_STRONG_PASSWORD},
    )
    assert problem(response, 400)["code"] == "invalid_reset_token"


def test_leak_report_revokes_every_session(http: httpx.Client) -> None:
    """P17: a user who suspects a leaked password or token can have every session revoked."""
    org = new_org(http)
    other = log_in(http, org.admin_email)
    report = http.post("/api/v1/me/report-leak", headers=org.admin)
    assert report.status_code == 200, report.text
    for token in (org.admin_token, other):
        assert problem(_me(http, token), 401)["code"] == "session_expired"
    assert _me(http, log_in(http, org.admin_email)).status_code == 200


def test_password_change_ends_the_other_sessions(http: httpx.Client) -> None:
    """P17: changing a password keeps this session and ends every other one."""
    org = new_org(http)
    other = log_in(http, org.admin_email)
    change = "/api/v1/me/password"
    wrong = http.post(
        change,
        headers=org.admin,
        json={"current_password": "not my password at all", "new_password": OTHER_STRONG_PASSWORD},
    )
    body = problem(wrong, 403)
    assert body["code"] == "wrong_password"
    assert error_fields(body) == {"current_password"}
    weak = http.post(
        change,
        headers=org.admin,
        json={"current_password": STRONG_PASSWORD, "new_password": "abcdefgh"},
    )
    assert error_fields(problem(weak, 422)) == {"new_password"}
    assert _me(http, other).status_code == 200

    done = http.post(
        change,
        headers=org.admin,
        json={"current_password": STRONG_PASSWORD, "new_password": OTHER_STRONG_PASSWORD},
    )
    assert done.status_code == 200, done.text
    assert _me(http, org.admin_token).status_code == 200
    assert problem(_me(http, other), 401)["code"] == "session_expired"
    old = http.post(LOGIN, json={"email": org.admin_email, "password": STRONG_PASSWORD})
    assert problem(old, 401)["code"] == "invalid_credentials"
    assert log_in(http, org.admin_email, OTHER_STRONG_PASSWORD)


def test_login_validation_errors_name_the_field(http: httpx.Client) -> None:
    """Validation errors are problem JSON naming the field."""
    body = problem(http.post(LOGIN, json={"email": "someone@example.com"}), 422)
    assert body["code"] == "invalid_input"
    assert error_fields(body) == {"password"}

"""Schemathesis over the live server's /openapi.json: no input produces a server error (P17).

Every operation the server describes is fuzzed with positive and negative data three times —
anonymously, with an admin's session token and with a full-access API key — on a server of
this module's own, so the log-in failures the fuzzer causes lock out no other test. Every
error must also be RFC 9457 problem JSON with a `code`.

The schema is loaded from the running server inside the test (schemathesis' lazy pytest
loader, `schemathesis.pytest.from_fixture`, does not run under pytest 9), and each operation
runs as a Hypothesis test of its own, reported as a subtest.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from tests.accounts_helpers import (
    PROBLEM_JSON,
    Org,
    add_user,
    bearer,
    new_email,
    new_org,
    user_log_in,
)
from tests.live_server import LiveServer, live_server

EXAMPLES_PER_MODE = 15  # positive and negative: about 30 cases per operation and credential
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES_PER_MODE,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
    print_blob=False,
)
ENDS_ITS_SESSION = ("/api/v1/auth/logout", "/api/v1/me/report-leak")


@dataclass
class Target:
    server: LiveServer
    org: Org
    clerk_id: str
    spare_key_id: str
    spare_admin_email: str


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    env = {
        # Fuzzed log-ins fail by the hundred; keep answering them rather than locking the IP.
        "VIDEOCLERK_LOGIN_IP_LOCK_AFTER": "1000000",
        "VIDEOCLERK_LOGIN_SLOW_SECONDS": "0",
    }
    with (
        live_server(tmp_path_factory.mktemp("fuzz"), env=env) as running,
        httpx.Client(base_url=running.url, timeout=30) as client,
    ):
        org = new_org(client)
        clerk_id, _ = add_user(client, org, "clerk")
        spare_admin = new_email("spare-admin")
        add_user(client, org, "admin", email=spare_admin)
        spare = client.post(
            "/api/v1/api-keys", headers=org.admin, json={"name": "spare", "scopes": ["read"]}
        )
        spare.raise_for_status()
        yield Target(running, org, clerk_id, spare.json()["key"]["id"], spare_admin)


@pytest.fixture(scope="module")
def api_schema(target: Target) -> Any:
    return schemathesis.openapi.from_url(f"{target.server.url}/openapi.json")


_turn = itertools.count()


def _aim_at_real_objects(case: Any, target: Target) -> None:
    """Every other case addresses a real user or key, so handlers get past the lookup."""
    if next(_turn) % 2:
        return
    if "user_id" in case.path_parameters:
        case.path_parameters["user_id"] = target.clerk_id
    if "key_id" in case.path_parameters:
        case.path_parameters["key_id"] = target.spare_key_id


def _fresh_session(target: Target) -> str:
    """A new session of a second admin: a leak report ends every session of its user."""
    with httpx.Client(base_url=target.server.url, timeout=30) as client:
        return user_log_in(client, target.spare_admin_email)


def _headers(credential: str, case: Any, target: Target) -> dict[str, str]:
    if credential == "anonymous":
        return {}
    _aim_at_real_objects(case, target)
    if credential == "api key":
        return bearer(target.org.live_key)
    if case.path in ENDS_ITS_SESSION:
        return bearer(_fresh_session(target))  # these end the session they are sent with
    return bearer(target.org.admin_token)


def _check_problem_json(case: Any, response: Any) -> None:
    """API errors are problem JSON. (Pages for visitors' browsers, outside /api/, may be HTML.)"""
    if response.status_code < 400 or not case.path.startswith("/api/"):
        return
    where = (case.method, case.formatted_path, response.status_code)
    content_type = (response.headers.get("content-type") or [""])[0]
    assert content_type.startswith(PROBLEM_JSON), (where, content_type)
    if case.method.upper() == "HEAD":
        return  # a HEAD answer carries the headers of the problem, never its body (RFC 9110)
    body = json.loads(response.content)
    assert isinstance(body.get("code"), str), (where, body)
    assert body["code"], (where, body)
    assert body["status"] == response.status_code, (where, body)
    assert body["detail"], (where, body)


def _fuzz(operation: Any, mode: GenerationMode, send: Callable[[Any], None]) -> None:
    @FUZZ_SETTINGS
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        send(case)

    try:
        run()
    except Unsatisfiable:
        # An operation without parameters or body has no invalid input to make.
        if mode is not GenerationMode.NEGATIVE:
            raise


# One credential fuzzes every operation (about 50) in one test: pytest-timeout's guard against
# a hang is raised for it, since on a busy machine the whole walk passes the default 300 s.
@pytest.mark.timeout(1200)
@pytest.mark.parametrize("credential", ["anonymous", "admin session", "api key"])
def test_no_input_produces_a_server_error(
    credential: str, target: Target, api_schema: Any, subtests: Any
) -> None:
    """P17: every operation, fuzzed with and without credentials, answers without a 5xx,
    and every error is problem JSON with a stable `code`."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 15, [op.label for op in operations]

    def send(case: Any) -> None:
        response = case.call(base_url=target.server.url, headers=_headers(credential, case, target))
        case.validate_response(response, checks=[not_a_server_error])
        _check_problem_json(case, response)

    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            with subtests.test(msg=f"{operation.label} {mode.value}"):
                _fuzz(operation, mode, send)
    # The admin's session survived the fuzzing, so authenticated cases really were authenticated.
    with httpx.Client(base_url=target.server.url) as client:
        assert client.get("/api/v1/me", headers=target.org.admin).status_code == 200

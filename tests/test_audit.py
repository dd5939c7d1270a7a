"""The audit trail: who did what, when and from which IP, per organisation (P9, P17)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.accounts_helpers import (
    OTHER_STRONG_PASSWORD,
    STRONG_PASSWORD,
    Org,
    add_user,
    audit_events,
    bearer,
    log_in,
    mailed_code,
    new_org,
    problem,
)
from tests.live_server import LiveServer, live_server

LOOPBACK = "127.0.0.1"  # every request of these tests comes from here


@pytest.fixture(scope="module")
def audit_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server of this module's own: a test here fails a log-in on purpose."""
    with live_server(tmp_path_factory.mktemp("audit")) as running:
        yield running


@pytest.fixture
def http(audit_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=audit_server.url, timeout=30) as client:
        yield client


def _only(events: list[dict[str, Any]], event: str) -> list[dict[str, Any]]:
    return [e for e in events if e["event"] == event]


def test_log_in_failure_log_out_and_password_changes_are_audited_with_ip(
    http: httpx.Client, audit_server: LiveServer
) -> None:
    """P9: the IP address is collected at log-in and kept with time and actor in the trail."""
    org = new_org(http)
    failed = http.post(
        "/api/v1/auth/login", json={"email": org.admin_email, "password": "nope nope nope"}
    )
    assert failed.status_code == 401
    session = log_in(http, org.admin_email)
    assert http.post("/api/v1/auth/logout", headers=bearer(session)).status_code == 204
    changed = http.post(
        "/api/v1/me/password",
        headers=org.admin,
        json={"current_password": STRONG_PASSWORD, "new_password": OTHER_STRONG_PASSWORD},
    )
    assert changed.status_code == 200
    http.post("/api/v1/auth/password-reset", json={"email": org.admin_email}).raise_for_status()
    code = mailed_code(audit_server.data_dir, org.admin_email)
    http.post(
        "/api/v1/auth/password-reset/confirm", json={"token": code, "new_password": STRONG_PASSWORD}
    ).raise_for_status()
    admin = Org(**{**org.__dict__, "admin_token": log_in(http, org.admin_email)})

    events = audit_events(http, admin)
    succeeded = _only(events, "login.succeeded")
    assert len(succeeded) == 3  # new_org, the session above and the one after the reset
    assert {e["actor_user_id"] for e in succeeded} == {org.admin_id}
    (failure,) = _only(events, "login.failed")
    assert failure["target"] == org.admin_id
    assert failure["actor_user_id"] is None
    (logout,) = _only(events, "logout")
    assert logout["actor_user_id"] == org.admin_id
    (change,) = _only(events, "password.changed")
    assert change["actor_user_id"] == change["target"] == org.admin_id
    assert len(_only(events, "password.reset_requested")) == 1
    (reset,) = _only(events, "password.reset")
    assert reset["target"] == org.admin_id
    for event in events:
        assert event["ip"] == LOOPBACK, event
        assert event["at"]
    # Newest first.
    assert [e["id"] for e in events] == sorted((e["id"] for e in events), reverse=True)
    assert [e["at"] for e in events] == sorted((e["at"] for e in events), reverse=True)


def test_key_use_is_audited_once_per_key_day_and_ip(http: httpx.Client) -> None:
    """P9: the IP of API requests is collected: the first use per key, day and IP is audited."""
    org = new_org(http)
    for _ in range(4):
        assert http.get("/api/v1/organisation", headers=bearer(org.live_key)).status_code == 200
    http.get("/api/v1/users", headers=bearer(org.test_key)).raise_for_status()
    used = audit_events(http, org, event="api_key.used")
    keys = {
        k["prefix"]: k["id"]
        for k in http.get("/api/v1/api-keys", headers=org.admin).json()["items"]
    }
    live_id = next(i for p, i in keys.items() if org.live_key.startswith(p))
    test_id = next(i for p, i in keys.items() if org.test_key.startswith(p))
    assert sorted(e["actor_key_id"] for e in used) == sorted([live_id, test_id])
    assert all(e["ip"] == LOOPBACK and e["actor_user_id"] is None for e in used)


def test_key_creation_rotation_and_revocation_are_audited(http: httpx.Client) -> None:
    """P8/P9: key life-cycle events carry actor and IP."""
    org = new_org(http)
    created = http.post(
        "/api/v1/api-keys", headers=org.admin, json={"name": "erp", "scopes": ["read"]}
    ).json()
    key_id = created["key"]["id"]
    rotated = http.post(
        f"/api/v1/api-keys/{key_id}/rotate", headers=org.admin, json={"grace_hours": 1}
    ).json()
    http.delete(
        f"/api/v1/api-keys/{rotated['new_key']['id']}", headers=org.admin
    ).raise_for_status()
    events = audit_events(http, org)
    created_events = _only(events, "api_key.created")
    # Two keys at sign-up, this one; rotation makes its new key without a separate "created".
    assert key_id in {e["target"] for e in created_events}
    (rotation,) = _only(events, "api_key.rotated")
    assert rotation["target"] == key_id
    assert rotation["details"]["new_key"] == rotated["new_key"]["id"]
    assert rotation["details"]["grace_hours"] == 1
    (revocation,) = _only(events, "api_key.revoked")
    assert revocation["target"] == rotated["new_key"]["id"]
    for event in (rotation, revocation, *created_events):
        assert event["actor_user_id"] == org.admin_id
        assert event["ip"] == LOOPBACK


def test_role_changes_and_deactivation_are_audited(http: httpx.Client) -> None:
    """P9: a role change records who changed whom, from what to what."""
    org = new_org(http)
    user_id, _ = add_user(http, org, "clerk")
    http.patch(
        f"/api/v1/users/{user_id}", headers=org.admin, json={"role": "supervisor"}
    ).raise_for_status()
    http.patch(
        f"/api/v1/users/{user_id}", headers=org.admin, json={"active": False}
    ).raise_for_status()
    (change,) = audit_events(http, org, event="user.role_changed")
    assert (change["target"], change["actor_user_id"], change["ip"]) == (
        user_id,
        org.admin_id,
        LOOPBACK,
    )
    assert change["details"] == {"from": "clerk", "to": "supervisor"}
    (deactivated,) = audit_events(http, org, event="user.deactivated")
    assert deactivated["target"] == user_id


def test_audit_filters(http: httpx.Client) -> None:
    """Admins filter their trail by event, actor, IP and time."""
    org = new_org(http)
    user_id, _ = add_user(http, org, "clerk")
    everything = audit_events(http, org)
    assert {e["event"] for e in everything} >= {
        "login.succeeded",
        "user.created",
        "api_key.created",
    }

    logins = audit_events(http, org, event="login.succeeded")
    assert logins == [e for e in everything if e["event"] == "login.succeeded"]
    assert {e["actor_user_id"] for e in logins} == {org.admin_id, user_id}

    by_clerk = audit_events(http, org, actor_user_id=user_id)
    assert by_clerk == [e for e in everything if e["actor_user_id"] == user_id]
    assert by_clerk

    assert audit_events(http, org, ip=LOOPBACK) == everything
    assert audit_events(http, org, ip="192.0.2.1") == []

    oldest_first = list(reversed(everything))
    middle = oldest_first[len(oldest_first) // 2]
    since = audit_events(http, org, since=middle["at"])
    assert since == [e for e in everything if e["at"] >= middle["at"]]
    until = audit_events(http, org, until=middle["at"])
    assert until == [e for e in everything if e["at"] < middle["at"]]
    assert since and until

    key_id = next(e for e in everything if e["event"] == "api_key.created")["target"]
    http.get("/api/v1/organisation", headers=bearer(org.live_key)).raise_for_status()
    assert {e["actor_key_id"] for e in audit_events(http, org, actor_key_id=key_id)} <= {key_id}


def test_audit_paging_with_a_cursor(http: httpx.Client) -> None:
    """Admins page through the trail, newest first, with no entry lost or repeated."""
    org = new_org(http)
    for _ in range(3):
        add_user(http, org, "clerk")
    everything = audit_events(http, org)
    assert len(everything) > 6
    pages: list[list[dict[str, Any]]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 3} if cursor is None else {"limit": 3, "cursor": cursor}
        body = http.get("/api/v1/audit", headers=org.admin, params=params).json()
        pages.append(body["items"])
        cursor = body["next_cursor"]
        if cursor is None:
            break
        assert len(pages) < 50
    assert all(len(page) <= 3 for page in pages)
    assert [e for page in pages for e in page] == everything
    # Filters and paging combine.
    first = http.get(
        "/api/v1/audit", headers=org.admin, params={"limit": 1, "event": "user.created"}
    ).json()
    second = http.get(
        "/api/v1/audit",
        headers=org.admin,
        params={"limit": 1, "event": "user.created", "cursor": first["next_cursor"]},
    ).json()
    assert first["items"][0]["id"] > second["items"][0]["id"]
    assert {first["items"][0]["event"], second["items"][0]["event"]} == {"user.created"}


@pytest.mark.parametrize(
    "params", [{"limit": 0}, {"limit": 501}, {"cursor": -1}, {"cursor": "abc"}, {"limit": "many"}]
)
def test_audit_query_validation_names_the_field(http: httpx.Client, params: dict[str, Any]) -> None:
    """Validation errors name the field."""
    org = new_org(http)
    body = problem(http.get("/api/v1/audit", headers=org.admin, params=params), 422)
    assert {e["field"] for e in body["errors"]} == set(params)

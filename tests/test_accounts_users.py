"""Users and roles in an organisation: who may manage whom (P17)."""

from __future__ import annotations

import httpx
import pytest

from tests.accounts_helpers import (
    OTHER_STRONG_PASSWORD,
    STRONG_PASSWORD,
    add_user,
    bearer,
    error_fields,
    mailed_code,
    new_email,
    new_org,
    problem,
    user_log_in,
)
from tests.live_server import LiveServer

ROLE_LESS_THAN_ADMIN = ["clerk", "supervisor"]


@pytest.mark.parametrize("role", ROLE_LESS_THAN_ADMIN)
def test_clerks_and_supervisors_cannot_manage_users_or_keys(
    client: httpx.Client, role: str
) -> None:
    """P17: only admins list or create users and API keys, change users, or read the audit trail."""
    org = new_org(client)
    user_id, token = add_user(client, org, role)
    me = bearer(token)
    new_user = {"name": "Eve", "email": new_email(), "role": "admin", "password": STRONG_PASSWORD}
    refused = [
        client.get("/api/v1/users", headers=me),
        client.get(f"/api/v1/users/{org.admin_id}", headers=me),
        client.post("/api/v1/users", headers=me, json=new_user),
        client.patch(f"/api/v1/users/{user_id}", headers=me, json={"role": "admin"}),
        client.patch(f"/api/v1/users/{org.admin_id}", headers=me, json={"active": False}),
        client.get("/api/v1/api-keys", headers=me),
        client.post("/api/v1/api-keys", headers=me, json={"name": "mine", "scopes": ["full"]}),
        client.get("/api/v1/audit", headers=me),
    ]
    for response in refused:
        assert problem(response, 403)["code"] == "forbidden"
    # Nothing changed: the role and the admin are as before, and no Eve exists.
    users = client.get("/api/v1/users", headers=org.admin).json()["items"]
    assert {u["id"]: u["role"] for u in users} == {org.admin_id: "admin", user_id: role}
    assert all(u["active"] for u in users)
    # What every user may do.
    assert client.get("/api/v1/me", headers=me).json()["role"] == role
    assert client.get("/api/v1/organisation", headers=me).json()["id"] == org.id


def test_admin_manages_users(client: httpx.Client) -> None:
    """An admin lists, creates, renames and changes the role of users."""
    org = new_org(client)
    email = new_email()
    created = client.post(
        "/api/v1/users",
        headers=org.admin,
        json={"name": "Sam Clerk", "email": email, "role": "clerk", "password": STRONG_PASSWORD},
    )
    assert created.status_code == 201, created.text
    user = created.json()
    assert (user["email"], user["role"], user["organisation_id"]) == (email, "clerk", org.id)
    assert STRONG_PASSWORD not in created.text
    listed = client.get("/api/v1/users", headers=org.admin).json()["items"]
    assert {u["id"] for u in listed} == {org.admin_id, user["id"]}
    changed = client.patch(
        f"/api/v1/users/{user['id']}", headers=org.admin, json={"role": "supervisor", "name": "Sam"}
    )
    assert changed.status_code == 200
    assert (changed.json()["role"], changed.json()["name"]) == ("supervisor", "Sam")
    fetched = client.get(f"/api/v1/users/{user['id']}", headers=org.admin).json()
    assert fetched == changed.json()
    # The new role counts at once, in sessions already open.
    token = user_log_in(client, email)
    assert client.get("/api/v1/me", headers=bearer(token)).json()["role"] == "supervisor"
    client.patch(f"/api/v1/users/{user['id']}", headers=org.admin, json={"role": "admin"})
    assert client.get("/api/v1/users", headers=bearer(token)).status_code == 200


def test_creating_a_user_refuses_weak_passwords_and_taken_addresses(client: httpx.Client) -> None:
    """P17: the same password rules as at sign-up; one account per e-mail address."""
    org = new_org(client)
    weak = client.post(
        "/api/v1/users",
        headers=org.admin,
        json={"name": "Weak", "email": new_email(), "role": "clerk", "password": "abcdefgh"},
    )
    body = problem(weak, 422)
    assert (body["code"], error_fields(body)) == ("weak_password", {"password"})
    taken = client.post(
        "/api/v1/users",
        headers=org.admin,
        json={"name": "Twin", "email": org.admin_email.upper(), "role": "clerk"},
    )
    body = problem(taken, 409)
    assert (body["code"], error_fields(body)) == ("email_taken", {"email"})
    bad_role = client.post(
        "/api/v1/users",
        headers=org.admin,
        json={"name": "Boss", "email": new_email(), "role": "owner"},
    )
    assert error_fields(problem(bad_role, 422)) == {"role"}


def test_deactivation_ends_sessions_at_once_and_reactivation_restores_log_in(
    client: httpx.Client,
) -> None:
    """P17: a deactivated user's sessions end at once; log-in is refused until reactivated."""
    org = new_org(client)
    email = new_email("clerk")
    user_id, token = add_user(client, org, "clerk", email=email)
    other = user_log_in(client, email)
    off = client.patch(f"/api/v1/users/{user_id}", headers=org.admin, json={"active": False})
    assert off.status_code == 200
    assert off.json()["active"] is False
    for session in (token, other):
        assert problem(client.get("/api/v1/me", headers=bearer(session)), 401)
    # The right password of a deactivated account is answered like a wrong one (no oracle).
    refused = client.post("/api/v1/auth/login", json={"email": email, "password": STRONG_PASSWORD})
    assert problem(refused, 401)["code"] == "invalid_credentials"

    on = client.patch(f"/api/v1/users/{user_id}", headers=org.admin, json={"active": True})
    assert on.json()["active"] is True
    # Old sessions stay ended; a new log-in works.
    assert problem(client.get("/api/v1/me", headers=bearer(token)), 401)
    fresh = user_log_in(client, email)
    assert client.get("/api/v1/me", headers=bearer(fresh)).json()["id"] == user_id


def test_last_admin_cannot_demote_or_deactivate_themselves(client: httpx.Client) -> None:
    """An organisation always keeps an active admin."""
    org = new_org(client)
    me = f"/api/v1/users/{org.admin_id}"
    for change in ({"role": "clerk"}, {"role": "supervisor"}, {"active": False}):
        assert (
            problem(client.patch(me, headers=org.admin, json=change), 409)["code"] == "last_admin"
        )
    assert client.get("/api/v1/me", headers=org.admin).json()["role"] == "admin"
    # An API key cannot touch users at all (P8).
    by_key = client.patch(me, headers=bearer(org.live_key), json={"active": False})
    assert problem(by_key, 403)["code"] == "user_session_required"
    # With a second admin, the first may step down.
    second_id, second_token = add_user(client, org, "admin")
    assert client.patch(me, headers=org.admin, json={"role": "clerk"}).json()["role"] == "clerk"
    # ... and now the second is the last one.
    own = client.patch(
        f"/api/v1/users/{second_id}", headers=bearer(second_token), json={"active": False}
    )
    assert problem(own, 409)["code"] == "last_admin"


def test_user_created_without_password_gets_an_invitation(
    client: httpx.Client, server: LiveServer
) -> None:
    """P17: a user created without a password chooses one with a mailed single-use code."""
    org = new_org(client)
    email = new_email("invited")
    created = client.post(
        "/api/v1/users",
        headers=org.admin,
        json={"name": "Ivy Invited", "email": email, "role": "clerk"},
    )
    assert created.status_code == 201, created.text
    code = mailed_code(server.data_dir, email)
    assert code not in created.text
    chosen = client.post(
        "/api/v1/auth/password-reset/confirm",
        json={"token": code, "new_password": OTHER_STRONG_PASSWORD},
    )
    assert chosen.status_code == 200, chosen.text
    token = user_log_in(client, email, OTHER_STRONG_PASSWORD)
    assert client.get("/api/v1/me", headers=bearer(token)).json()["id"] == created.json()["id"]
    again = client.post(
        "/api/v1/auth/password-reset/confirm", json={"token": code, "new_password": STRONG_PASSWORD}
    )
    assert problem(again, 400)["code"] == "invalid_reset_token"


def test_first_log_in_of_a_created_user_asks_for_the_privacy_policy(client: httpx.Client) -> None:
    """P15: a user accepts the current privacy-policy version at first log-in."""
    org = new_org(client)
    email = new_email()
    client.post(
        "/api/v1/users",
        headers=org.admin,
        json={"name": "Pat", "email": email, "role": "clerk", "password": STRONG_PASSWORD},
    ).raise_for_status()
    plain = client.post("/api/v1/auth/login", json={"email": email, "password": STRONG_PASSWORD})
    body = problem(plain, 403)
    assert body["code"] == "policy_not_accepted"
    accepted = client.post(
        "/api/v1/auth/login",
        json={
            "email": email,
            "password": STRONG_PASSWORD,
            "accepted_policy_version": body["policy_version"],
        },
    )
    assert accepted.status_code == 200
    # Accepted once is enough.
    assert (
        client.post(
            "/api/v1/auth/login", json={"email": email, "password": STRONG_PASSWORD}
        ).status_code
        == 200
    )

"""API keys: generated or the customer's own, shown once, scoped, revocable, rotatable (P8, P9)."""

from __future__ import annotations

import secrets

import httpx
import pytest

from tests.accounts_helpers import (
    STRONG_PASSWORD,
    Org,
    bearer,
    error_fields,
    new_email,
    new_org,
    problem,
)

KEYS = "/api/v1/api-keys"


def _create(client: httpx.Client, org: Org, **form: object) -> httpx.Response:
    return client.post(
        KEYS, headers=org.admin, json={"name": "backend", "scopes": ["read"], **form}
    )


def _works(client: httpx.Client, secret: str) -> bool:
    response = client.get("/api/v1/organisation", headers=bearer(secret))
    assert response.status_code in (200, 401), response.text
    return response.status_code == 200


def test_a_created_key_is_shown_once_and_never_listed(client: httpx.Client) -> None:
    """P8: the secret appears only in the creation answer; listings show its prefix."""
    org = new_org(client)
    created = _create(client, org, name="shop backend", scopes=["read", "catalogue"])
    assert created.status_code == 201, created.text
    body = created.json()
    secret, key = body["secret"], body["key"]
    assert secret.startswith(key["prefix"])
    assert len(key["prefix"]) < len(secret) // 2
    assert (key["name"], key["status"], key["supplied_by_customer"]) == (
        "shop backend",
        "active",
        False,
    )
    assert sorted(key["scopes"]) == ["catalogue", "read"]
    listing = client.get(KEYS, headers=org.admin)
    assert listing.status_code == 200
    assert secret not in listing.text
    for known in (org.live_key, org.test_key):
        assert known not in listing.text
    ids = [k["id"] for k in listing.json()["items"]]
    assert key["id"] in ids
    assert len(ids) == 3  # the live and test keys made at sign-up, and this one
    one = client.get(f"{KEYS}/{key['id']}", headers=org.admin)
    assert one.status_code == 200
    assert secret not in one.text
    assert one.json()["prefix"] == key["prefix"]


def test_signup_keys_are_live_and_test_with_full_access(client: httpx.Client) -> None:
    """P8: every account gets API keys generated automatically."""
    org = new_org(client)
    items = client.get(KEYS, headers=org.admin).json()["items"]
    assert sorted((k["environment"], tuple(k["scopes"])) for k in items) == [
        ("live", ("full",)),
        ("test", ("full",)),
    ]
    assert _works(client, org.live_key)
    assert _works(client, org.test_key)


def test_a_key_authenticates_as_bearer_for_its_own_organisation(client: httpx.Client) -> None:
    """P8: a key acts as username and password for server-to-server calls."""
    org = new_org(client)
    secret = _create(client, org).json()["secret"]
    response = client.get("/api/v1/organisation", headers=bearer(secret))
    assert response.status_code == 200
    assert response.json()["id"] == org.id
    # A key is not a user: user-only endpoints refuse it.
    me = client.get("/api/v1/me", headers=bearer(secret))
    assert problem(me, 403)["code"] == "user_session_required"


def test_scopes_are_enforced(client: httpx.Client) -> None:
    """P8: a read-only key reads; keys of any scope never create or change users or keys."""
    org = new_org(client)
    read = _create(client, org, scopes=["read"]).json()["secret"]
    catalogue = _create(client, org, scopes=["catalogue"]).json()["secret"]
    full = _create(client, org, scopes=["full"]).json()["secret"]
    for secret in (read, catalogue, full):
        assert client.get("/api/v1/users", headers=bearer(secret)).status_code == 200
        assert client.get("/api/v1/audit", headers=bearer(secret)).status_code == 200
    assert len(client.get(KEYS, headers=org.admin).json()["items"]) == 5


def test_no_key_manages_people_or_keys(client: httpx.Client) -> None:
    """P8: keys are credentials for the API's data, not for managing people: whatever its
    scope, a key cannot create, change, unlock or deactivate users, nor see or make keys."""
    org = new_org(client)
    read = _create(client, org, scopes=["read"]).json()["secret"]
    full = _create(client, org, scopes=["full"]).json()["secret"]
    users = "/api/v1/users"
    admin = {"name": "Eve", "email": new_email(), "role": "admin", "password": STRONG_PASSWORD}
    some_key = client.get(KEYS, headers=org.admin).json()["items"][0]["id"]
    for secret in (read, full, org.live_key):
        key = bearer(secret)
        attempts = [
            client.post(users, headers=key, json=admin),
            client.patch(f"{users}/{org.admin_id}", headers=key, json={"role": "clerk"}),
            client.patch(f"{users}/{org.admin_id}", headers=key, json={"active": False}),
            client.post(f"{users}/{org.admin_id}/unlock", headers=key),
            client.get(KEYS, headers=key),
            client.post(KEYS, headers=key, json={"name": "minted", "scopes": ["full"]}),
            client.get(f"{KEYS}/{some_key}", headers=key),
            client.post(f"{KEYS}/{some_key}/rotate", headers=key, json={}),
            client.delete(f"{KEYS}/{some_key}", headers=key),
        ]
        for response in attempts:
            body = problem(response, 403)
            assert body["code"] == "user_session_required", response.request.url
    listed = client.get(users, headers=org.admin).json()["items"]
    assert [(u["id"], u["role"], u["active"]) for u in listed] == [(org.admin_id, "admin", True)]
    assert len(client.get(KEYS, headers=org.admin).json()["items"]) == 4
    assert client.get(f"{KEYS}/{some_key}", headers=org.admin).json()["revoked_at"] is None


def test_a_revoked_key_stops_working_at_once(client: httpx.Client) -> None:
    """P8: keys are revocable."""
    org = new_org(client)
    created = _create(client, org).json()
    assert _works(client, created["secret"])
    revoked = client.delete(f"{KEYS}/{created['key']['id']}", headers=org.admin)
    assert revoked.status_code == 200
    assert revoked.json()["status"] == "revoked"
    assert revoked.json()["revoked_at"]
    body = problem(client.get("/api/v1/organisation", headers=bearer(created["secret"])), 401)
    assert body["code"] == "invalid_api_key"
    # Revoking again changes nothing; rotating a revoked key is refused.
    assert (
        client.delete(f"{KEYS}/{created['key']['id']}", headers=org.admin).json() == revoked.json()
    )
    rotate = client.post(f"{KEYS}/{created['key']['id']}/rotate", headers=org.admin, json={})
    assert problem(rotate, 409)["code"] == "api_key_inactive"
    # Other keys are untouched.
    assert _works(client, org.live_key)


def test_rotation_keeps_the_old_key_for_the_grace_period(client: httpx.Client) -> None:
    """P8: rotation gives a new key; the old one works until the grace period the admin picked."""
    org = new_org(client)
    created = _create(client, org, name="erp", scopes=["read", "catalogue"]).json()
    rotated = client.post(
        f"{KEYS}/{created['key']['id']}/rotate", headers=org.admin, json={"grace_hours": 2}
    )
    assert rotated.status_code == 200, rotated.text
    body = rotated.json()
    new_secret = body["secret"]
    assert new_secret != created["secret"]
    assert body["old_key"]["status"] == "expiring"
    assert body["old_key"]["expires_at"]
    assert body["old_key"]["replaced_by"] == body["new_key"]["id"]
    assert (body["new_key"]["name"], sorted(body["new_key"]["scopes"])) == (
        "erp",
        ["catalogue", "read"],
    )
    assert _works(client, created["secret"])
    assert _works(client, new_secret)
    assert created["secret"] not in client.get(KEYS, headers=org.admin).text
    assert new_secret not in client.get(KEYS, headers=org.admin).text

    # Rotating the expiring key again never lengthens its life.
    longer = client.post(
        f"{KEYS}/{created['key']['id']}/rotate", headers=org.admin, json={"grace_hours": 700}
    ).json()
    assert longer["old_key"]["expires_at"] <= body["old_key"]["expires_at"]


def test_rotation_without_grace_ends_the_old_key_at_once(client: httpx.Client) -> None:
    """P8: with grace_hours 0 the old key stops working immediately."""
    org = new_org(client)
    created = _create(client, org).json()
    rotated = client.post(
        f"{KEYS}/{created['key']['id']}/rotate", headers=org.admin, json={"grace_hours": 0}
    ).json()
    assert rotated["old_key"]["status"] == "expired"
    assert not _works(client, created["secret"])
    assert _works(client, rotated["secret"])


@pytest.mark.parametrize("grace", [-1, 100_000, "soon"])
def test_rotation_grace_period_is_validated(client: httpx.Client, grace: object) -> None:
    """Validation errors name the field."""
    org = new_org(client)
    key_id = client.get(KEYS, headers=org.admin).json()["items"][0]["id"]
    response = client.post(
        f"{KEYS}/{key_id}/rotate", headers=org.admin, json={"grace_hours": grace}
    )
    assert error_fields(problem(response, 422)) == {"grace_hours"}


@pytest.mark.parametrize(
    "weak",
    [
        "short-key",
        "a" * 40,
        "password" * 5,
        "0123456789" * 4,
        "has spaces " + secrets.token_hex(16),
        "é" + secrets.token_urlsafe(32),
        "vcs_" + secrets.token_urlsafe(32),
        "x" * 201,
    ],
    ids=["short", "one-letter", "word", "digits", "spaces", "non-ascii", "our-prefix", "long"],
)
def test_an_own_key_that_is_weak_or_unusable_is_refused_with_the_reason(
    client: httpx.Client, weak: str
) -> None:
    """P8: a customer-supplied key is checked for length and strength; refusals say why."""
    org = new_org(client)
    body = problem(_create(client, org, secret=weak), 422)
    assert body["code"] == "weak_api_key"
    assert error_fields(body) == {"secret"}
    assert len(client.get(KEYS, headers=org.admin).json()["items"]) == 2


def test_an_own_strong_key_is_accepted_and_works(client: httpx.Client) -> None:
    """P8: a customer may supply its own key instead of a generated one."""
    org = new_org(client)
    own = "Own-" + secrets.token_urlsafe(48) + "~!"
    created = _create(client, org, secret=own, scopes=["full"])
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["secret"] == own
    assert body["key"]["supplied_by_customer"] is True
    assert own.startswith(body["key"]["prefix"])
    assert own not in client.get(KEYS, headers=org.admin).text
    response = client.get("/api/v1/organisation", headers=bearer(own))
    assert response.json()["id"] == org.id
    # The same secret cannot be registered twice (it is the key's identity).
    again = _create(client, org, secret=own)
    assert problem(again, 409)["code"] == "api_key_in_use"
    other = new_org(client)
    assert problem(_create(client, other, secret=own), 409)["code"] == "api_key_in_use"


def test_listing_shows_last_use_and_ip(client: httpx.Client) -> None:
    """P9: the IP address of API requests is collected; a key's listing shows its last use."""
    org = new_org(client)
    created = _create(client, org).json()
    before = client.get(f"{KEYS}/{created['key']['id']}", headers=org.admin).json()
    assert (before["last_used_at"], before["last_used_ip"]) == (None, None)
    assert _works(client, created["secret"])
    items = {k["id"]: k for k in client.get(KEYS, headers=org.admin).json()["items"]}
    used = items[created["key"]["id"]]
    assert used["last_used_at"] >= used["created_at"]
    assert used["last_used_ip"] == "127.0.0.1"  # this test connects over loopback
    # Keys that were not used show no use.
    unused = [k for k in items.values() if k["id"] != created["key"]["id"]]
    assert all(k["last_used_at"] is None for k in unused)


@pytest.mark.parametrize(
    ("form", "field"),
    [
        ({"name": "", "scopes": ["read"]}, "name"),
        ({"name": "x", "scopes": []}, "scopes"),
        ({"name": "x", "scopes": ["admin"]}, "scopes.0"),
        ({"name": "x", "scopes": ["read"], "environment": "prod"}, "environment"),
        ({"name": "x", "scopes": ["read"], "colour": "red"}, "colour"),
    ],
)
def test_key_creation_validation_errors_name_the_field(
    client: httpx.Client, form: dict[str, object], field: str
) -> None:
    """Validation errors name the field."""
    org = new_org(client)
    body = problem(client.post(KEYS, headers=org.admin, json=form), 422)
    assert body["code"] == "invalid_input"
    assert field in error_fields(body)

"""Tenant isolation (P17): another organisation's object answers exactly like a missing one.

Every resource type — users, API keys, the audit trail and the organisation itself — is
tried from a second organisation, with an admin's session and, where keys are admitted, with
a full-access API key.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

import httpx
import pytest

from tests.accounts_helpers import STRONG_PASSWORD, Org, add_user, bearer, new_email, new_org

Request = Callable[[httpx.Client, dict[str, str], str], httpx.Response]


@pytest.fixture
def two_orgs(client: httpx.Client) -> tuple[Org, Org]:
    return new_org(client), new_org(client)


def _missing_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_urlsafe(16)}"


def _same_as_missing(response: httpx.Response, missing: httpx.Response) -> None:
    assert missing.status_code == 404, missing.text
    assert response.status_code == 404, response.text
    assert response.headers["content-type"] == missing.headers["content-type"]
    assert response.json() == missing.json()


USER_REQUESTS: dict[str, Request] = {
    "read": lambda c, h, i: c.get(f"/api/v1/users/{i}", headers=h),
    "rename": lambda c, h, i: c.patch(f"/api/v1/users/{i}", headers=h, json={"name": "Mallory"}),
    "promote": lambda c, h, i: c.patch(f"/api/v1/users/{i}", headers=h, json={"role": "admin"}),
    "deactivate": lambda c, h, i: c.patch(f"/api/v1/users/{i}", headers=h, json={"active": False}),
}

KEY_REQUESTS: dict[str, Request] = {
    "read": lambda c, h, i: c.get(f"/api/v1/api-keys/{i}", headers=h),
    "rotate": lambda c, h, i: c.post(
        f"/api/v1/api-keys/{i}/rotate", headers=h, json={"grace_hours": 0}
    ),
    "revoke": lambda c, h, i: c.delete(f"/api/v1/api-keys/{i}", headers=h),
}


# Keys only read users (P8: they never change them; tests/test_api_keys.py).
@pytest.mark.parametrize(
    ("credential", "action"),
    [("session", action) for action in sorted(USER_REQUESTS)] + [("full key", "read")],
)
def test_another_organisations_user_is_like_a_missing_one(
    client: httpx.Client, two_orgs: tuple[Org, Org], action: str, credential: str
) -> None:
    """P17: users of one organisation cannot be read or changed from another."""
    mine, theirs = two_orgs
    victim_id, victim_token = add_user(client, theirs, "clerk")
    headers = mine.admin if credential == "session" else bearer(mine.live_key)
    request = USER_REQUESTS[action]
    _same_as_missing(
        request(client, headers, victim_id), request(client, headers, _missing_id("usr"))
    )
    _same_as_missing(
        request(client, headers, theirs.admin_id), request(client, headers, _missing_id("usr"))
    )
    # The victim is untouched and still logged in.
    victim = client.get(f"/api/v1/users/{victim_id}", headers=theirs.admin).json()
    assert (victim["name"], victim["role"], victim["active"]) == ("Test clerk", "clerk", True)
    assert client.get("/api/v1/me", headers=bearer(victim_token)).status_code == 200


@pytest.mark.parametrize("action", sorted(KEY_REQUESTS))
def test_another_organisations_api_key_is_like_a_missing_one(
    client: httpx.Client, two_orgs: tuple[Org, Org], action: str
) -> None:
    """P8: API keys of one organisation cannot be read, rotated or revoked from another."""
    mine, theirs = two_orgs
    their_keys = client.get("/api/v1/api-keys", headers=theirs.admin).json()["items"]
    request = KEY_REQUESTS[action]
    for key in their_keys:
        _same_as_missing(
            request(client, mine.admin, key["id"]), request(client, mine.admin, _missing_id("key"))
        )
    after = client.get("/api/v1/api-keys", headers=theirs.admin).json()["items"]
    assert after == their_keys
    assert client.get("/api/v1/organisation", headers=bearer(theirs.live_key)).status_code == 200


def test_listings_never_show_another_organisations_rows(
    client: httpx.Client, two_orgs: tuple[Org, Org]
) -> None:
    """P17: users, keys and the audit trail list only the caller's own organisation."""
    mine, theirs = two_orgs
    their_user, _ = add_user(client, theirs, "supervisor")
    client.post(
        "/api/v1/api-keys", headers=theirs.admin, json={"name": "theirs", "scopes": ["read"]}
    )
    client.get("/api/v1/organisation", headers=bearer(theirs.live_key)).raise_for_status()

    their_user_ids = {
        u["id"] for u in client.get("/api/v1/users", headers=theirs.admin).json()["items"]
    }
    their_key_ids = {
        k["id"] for k in client.get("/api/v1/api-keys", headers=theirs.admin).json()["items"]
    }
    their_audit = client.get("/api/v1/audit", headers=theirs.admin, params={"limit": 500}).json()[
        "items"
    ]
    assert their_user in their_user_ids
    assert their_audit

    for headers in (mine.admin, bearer(mine.live_key)):
        users = client.get("/api/v1/users", headers=headers).json()["items"]
        assert {u["organisation_id"] for u in users} == {mine.id}
        assert not their_user_ids & {u["id"] for u in users}
        audit = client.get("/api/v1/audit", headers=headers, params={"limit": 500}).json()["items"]
        assert audit
        assert not {e["id"] for e in their_audit} & {e["id"] for e in audit}
        for event in audit:
            assert event["actor_user_id"] not in their_user_ids
            assert event["actor_key_id"] not in their_key_ids
            assert event["target"] not in their_user_ids | their_key_ids | {theirs.id}
    keys = client.get("/api/v1/api-keys", headers=mine.admin).json()["items"]
    assert not their_key_ids & {k["id"] for k in keys}


def test_audit_filters_cannot_reach_another_organisation(
    client: httpx.Client, two_orgs: tuple[Org, Org]
) -> None:
    """P9: the trail of another organisation stays out of reach, whatever the filter."""
    mine, theirs = two_orgs
    their_key = client.get("/api/v1/api-keys", headers=theirs.admin).json()["items"][0]["id"]
    client.get("/api/v1/organisation", headers=bearer(theirs.live_key)).raise_for_status()
    client.get("/api/v1/organisation", headers=bearer(theirs.test_key)).raise_for_status()
    for params in (
        {"actor_user_id": theirs.admin_id},
        {"actor_key_id": their_key},
        {"event": "organisation.created", "limit": 500},
    ):
        theirs_seen = client.get("/api/v1/audit", headers=theirs.admin, params=params).json()[
            "items"
        ]
        mine_seen = client.get("/api/v1/audit", headers=mine.admin, params=params).json()["items"]
        assert theirs_seen, params
        assert not {e["id"] for e in theirs_seen} & {e["id"] for e in mine_seen}
    # Their entries do not shift my pages either: my cursor ends within my own trail.
    everything = client.get("/api/v1/audit", headers=mine.admin, params={"limit": 500}).json()
    assert everything["next_cursor"] is None


def test_the_organisation_is_always_the_callers_own(
    client: httpx.Client, two_orgs: tuple[Org, Org]
) -> None:
    """P17: the organisation resource has no id to aim at; each caller sees only its own."""
    mine, theirs = two_orgs
    clerk_id, clerk_token = add_user(client, mine, "clerk")
    for headers, org in (
        (mine.admin, mine),
        (bearer(clerk_token), mine),
        (bearer(mine.test_key), mine),
        (theirs.admin, theirs),
        (bearer(theirs.live_key), theirs),
    ):
        assert client.get("/api/v1/organisation", headers=headers).json()["id"] == org.id
    # Guessing an address with another organisation's id finds nothing, exactly like a made-up one.
    for path in (f"/api/v1/organisation/{theirs.id}", f"/api/v1/organisations/{theirs.id}"):
        _same_as_missing(
            client.get(path, headers=mine.admin),
            client.get(path.replace(theirs.id, _missing_id("org")), headers=mine.admin),
        )
    # Writes are scoped too: a user created by my admin lands in my organisation.
    made = client.post(
        "/api/v1/users",
        headers=mine.admin,
        json={"name": "Nat", "email": new_email(), "role": "clerk", "password": STRONG_PASSWORD},
    ).json()
    assert made["organisation_id"] == mine.id
    assert made["id"] not in {
        u["id"] for u in client.get("/api/v1/users", headers=theirs.admin).json()["items"]
    }
    assert clerk_id not in {
        u["id"] for u in client.get("/api/v1/users", headers=theirs.admin).json()["items"]
    }

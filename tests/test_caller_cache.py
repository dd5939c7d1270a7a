"""The cache of authenticated callers (server/callers.py) never outlives what it caches.

A read right after a change made in this server sees the change; a change another process
makes in the database is seen once the cache's second has passed on the server's clock.
"""

from __future__ import annotations

import httpx
import pytest

from server import security
from server.accounts import store as accounts_store
from server.callers import TTL_SECONDS
from tests.accounts_helpers import bearer, new_org
from tests.live_server import LiveServer


def _status(client: httpx.Client, path: str, secret: str) -> int:
    return client.get(path, headers=bearer(secret)).status_code


def test_a_revoked_key_is_refused_on_the_very_next_request(client: httpx.Client) -> None:
    """P8: a key that was just used (and so cached) stops working with its revocation."""
    org = new_org(client)
    made = client.post(
        "/api/v1/api-keys", headers=org.admin, json={"name": "shop", "scopes": ["read"]}
    ).json()
    assert _status(client, "/api/v1/organisation", made["secret"]) == 200
    revoked = client.delete(f"/api/v1/api-keys/{made['key']['id']}", headers=org.admin)
    assert revoked.status_code == 200, revoked.text
    assert _status(client, "/api/v1/organisation", made["secret"]) == 401


def test_a_logged_out_session_is_refused_on_the_very_next_request(client: httpx.Client) -> None:
    org = new_org(client)
    assert _status(client, "/api/v1/me", org.admin_token) == 200
    assert client.post("/api/v1/auth/logout", headers=org.admin).status_code == 204
    assert _status(client, "/api/v1/me", org.admin_token) == 401


@pytest.mark.parametrize("table", ["sessions", "api_keys"])
def test_a_change_by_another_process_is_seen_within_the_caches_second(
    fresh_server: LiveServer, table: str
) -> None:
    """Another process's change cannot empty this process's cache, so it must age out.

    This bounds staleness; it does not show that a cache exists (it passes without one, as
    it should). It fails when an entry outlives TTL_SECONDS (checked: entries kept 10^6 s).
    """
    with httpx.Client(base_url=fresh_server.url, timeout=30) as client:
        org = new_org(client)
        secret = org.admin_token if table == "sessions" else org.live_key
        path = "/api/v1/me" if table == "sessions" else "/api/v1/organisation"
        assert _status(client, path, secret) == 200
        with fresh_server.database() as other:  # another process's write
            if table == "sessions":
                other.execute("DELETE FROM sessions")
            else:
                other.execute("UPDATE api_keys SET revoked_at = '2000-01-01T00:00:00+00:00'")
        fresh_server.advance_clock(TTL_SECONDS)
        assert _status(client, path, secret) == 401


def test_a_cached_session_caller_holds_no_password_hash(fresh_server: LiveServer) -> None:
    """P17: the caller a session is cached as (for the session's life) carries the user's
    profile, never their password hash."""
    with httpx.Client(base_url=fresh_server.url, timeout=30) as client:
        org = new_org(client)
    with fresh_server.database() as db:
        session = accounts_store.session_with_user(db, security.token_hash(org.admin_token))
    assert session is not None and session.user.id == org.admin_id
    assert not hasattr(session.user, "password_hash")

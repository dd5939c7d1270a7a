"""Closing an account (P12): an admin asks, with their password; from then on nobody logs in,
no session, key, socket or widget works, and the closure is audited."""

from __future__ import annotations

import httpx

from tests.accounts_helpers import (
    OTHER_STRONG_PASSWORD,
    STRONG_PASSWORD,
    add_user,
    bearer,
    mails_to,
    new_org,
    problem,
)
from tests.live_server import LiveServer
from tests.offers_helpers import in_call
from tests.queue_helpers import call_centre
from tests.retention_helpers import close, database
from tests.ws_clients import ScriptedClerk, ScriptedVisitor
from videoclerk_protocol import messages as p


def test_only_an_admin_with_the_right_password_closes_the_account(client: httpx.Client) -> None:
    """P12: a clerk, an API key and a wrong password are refused, and the account stays open."""
    org = new_org(client)
    _, clerk = add_user(client, org, "clerk")
    assert problem(close(client, org, OTHER_STRONG_PASSWORD), 403)["code"] == "wrong_password"
    by_clerk = client.post(
        "/api/v1/organisation/close", headers=bearer(clerk), json={"password": STRONG_PASSWORD}
    )
    assert problem(by_clerk, 403)["code"] == "forbidden"
    by_key = client.post(
        "/api/v1/organisation/close",
        headers=bearer(org.live_key),
        json={"password": STRONG_PASSWORD},
    )
    assert problem(by_key, 403)["code"] == "user_session_required"
    assert client.get("/api/v1/organisation", headers=org.admin).status_code == 200
    assert client.get("/api/v1/users", headers=bearer(org.live_key)).status_code == 200


def test_a_closed_account_lets_nobody_in(server: LiveServer, client: httpx.Client) -> None:
    """P12: closing ends every session and key at once; log-in with the right password says
    `organisation_closed` (a wrong one says what it always says); no reset mail goes out; the
    closure is in the audit trail; the answer says when each kind of data goes (P10)."""
    org = new_org(client)
    clerk_id, clerk = add_user(client, org, "clerk")
    clerk_email = client.get(f"/api/v1/users/{clerk_id}", headers=org.admin).json()["email"]
    closed = close(client, org)
    assert closed.status_code == 200, closed.text
    body = closed.json()
    assert body["organisation_id"] == org.id
    assert body["closed_at"] < body["account_data_erased_after"] < body["support_erased_after"]
    assert body["support_erased_after"] < body["profile_erased_after"]
    assert body["profile_erased_after"] < body["billing_erased_after"]
    for token in (org.admin_token, clerk):
        assert problem(client.get("/api/v1/me", headers=bearer(token)), 401)["code"] == (
            "session_expired"
        )
    for secret in (org.live_key, org.test_key):
        refused = client.get("/api/v1/organisation", headers=bearer(secret))
        assert problem(refused, 401)["code"] == "invalid_api_key"
    for email in (org.admin_email, clerk_email):
        right = client.post(
            "/api/v1/auth/login", json={"email": email, "password": STRONG_PASSWORD}
        )
        assert problem(right, 403)["code"] == "organisation_closed"
        wrong = client.post(
            "/api/v1/auth/login", json={"email": email, "password": OTHER_STRONG_PASSWORD}
        )
        assert problem(wrong, 401)["code"] == "invalid_credentials"
    client.post("/api/v1/auth/password-reset", json={"email": clerk_email}).raise_for_status()
    assert mails_to(server.data_dir, clerk_email) == []
    with database(server) as db:
        events = db.execute(
            "SELECT event, actor_user_id, details FROM audit_events "
            "WHERE organisation_id = ? ORDER BY id",
            [org.id],
        ).fetchall()
        revoked = db.execute(
            "SELECT count(*) FROM api_keys WHERE organisation_id = ? AND revoked_at IS NULL",
            [org.id],
        ).fetchone()[0]
        contacts = db.execute(
            "SELECT email, role FROM organisation_contacts WHERE organisation_id = ?", [org.id]
        ).fetchall()
    closing = [e for e in events if e[0] == "organisation.closed"]
    assert len(closing) == 1 and closing[0][1] == org.admin_id
    assert '"api_keys_revoked": 2' in closing[0][2]
    assert [e[0] for e in events].count("login.refused") == 2
    assert revoked == 0
    assert contacts == [(org.admin_email, "admin")]
    again = client.post("/api/v1/auth/login", json={"email": org.admin_email, "password": "x"})
    assert problem(again, 401)["code"] == "invalid_credentials"


async def test_closing_ends_calls_and_sockets_and_the_widget_refuses_visitors(
    server: LiveServer, client: httpx.Client
) -> None:
    """P12: at closure the call in progress ends, the waiting visitor and the visitor in the
    call are told `organisation_closed` and let go (4410), the clerks' and supervisor's
    sockets close (4401, `organisation_closed`); afterwards the widget's page, configuration
    and socket refuse visitors with that state, and the call records say why they ended."""
    centre = call_centre(client, clerks=2)
    call = await in_call(server, client, centre=centre)
    waiting = ScriptedVisitor(server.ws_url, centre.widget_key)
    await waiting.connect()
    await waiting.join(centre.queue_ids[0])
    supervisor = ScriptedClerk(server.ws_url, centre.supervisor_token)
    await supervisor.connect()
    other_clerk = ScriptedClerk(server.ws_url, centre.clerk_tokens[1])
    await other_clerk.connect()
    assert close(client, centre.org).status_code == 200
    for visitor in (call.visitor, waiting):
        told = await visitor.expect("error")
        assert told.code == "organisation_closed"
        assert await visitor.close_code() == p.CLOSE_GONE
    for clerk in (call.clerk, supervisor, other_clerk):
        assert await clerk.close_code() == p.CLOSE_UNAUTHORISED
        assert clerk.ws is not None and clerk.ws.close_reason == "organisation_closed"
    with database(server) as db:
        ended = db.execute(
            "SELECT end_reason, ended_at IS NOT NULL FROM calls WHERE organisation_id = ?",
            [centre.org.id],
        ).fetchall()
        live = db.execute(
            "SELECT (SELECT count(*) FROM live_calls WHERE organisation_id = ?1) + "
            "(SELECT count(*) FROM live_visitors WHERE organisation_id = ?1) + "
            "(SELECT count(*) FROM live_clerks WHERE organisation_id = ?1)",
            [centre.org.id],
        ).fetchone()[0]
    assert sorted(ended) == [("organisation_closed", 1)] * 2
    assert live == 0
    page = client.get(f"/w/{centre.widget_key}")
    assert page.status_code == 410
    assert "no longer available" in page.text
    config = client.get(f"/w/{centre.widget_key}/config")
    assert problem(config, 410)["code"] == "organisation_closed"
    late = ScriptedVisitor(server.ws_url, centre.widget_key)
    refused = await late.connect()
    assert refused.type == "error" and refused.code == "organisation_closed"
    assert await late.close_code() == p.CLOSE_GONE
    back = ScriptedClerk(server.ws_url, centre.clerk_tokens[0])
    refused = await back.connect()
    assert refused.type == "error" and refused.code == "session_expired"
    assert await back.close_code() == p.CLOSE_UNAUTHORISED
    for socket in (call.visitor, waiting, call.clerk, supervisor, other_clerk, late, back):
        await socket.close()

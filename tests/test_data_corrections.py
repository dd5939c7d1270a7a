"""Correction and restriction (P7, P11) over the real server: users correct their own
account, admins the organisation's profile and their users' addresses; organisations and
users restrict processing, and other parts ask `is_restricted`."""

from __future__ import annotations

import httpx
import pytest

from server.datarequests.restrictions import is_restricted
from tests.accounts_helpers import (
    OTHER_STRONG_PASSWORD,
    STRONG_PASSWORD,
    add_user,
    audit_events,
    bearer,
    error_fields,
    log_in,
    new_email,
    new_org,
    problem,
    wait_for_mails,
)
from tests.catalogue_helpers import key
from tests.live_server import LiveServer

ME = "/api/v1/me"
ORGANISATION = "/api/v1/organisation"


def test_a_user_corrects_their_name_and_address(server: LiveServer, client: httpx.Client) -> None:
    """P11: a user corrects their own name at once; a new address needs their password,
    must be free, is told to the old address, and is the log-in from then on."""
    org = new_org(client)
    old_address = new_email("clerk")
    _, token = add_user(client, org, "clerk", email=old_address)
    me = bearer(token)
    renamed = client.patch(ME, headers=me, json={"name": "Dana de Vries"})
    assert renamed.status_code == 200, renamed.text
    assert renamed.json()["name"] == "Dana de Vries"
    assert client.get(ME, headers=me).json()["name"] == "Dana de Vries"
    new_address = new_email("dana").upper()

    unproven = client.patch(ME, headers=me, json={"email": new_address})
    wrong = client.patch(
        ME, headers=me, json={"email": new_address, "current_password": OTHER_STRONG_PASSWORD}
    )
    taken = client.patch(
        ME, headers=me, json={"email": org.admin_email, "current_password": STRONG_PASSWORD}
    )
    invalid = client.patch(ME, headers=me, json={"email": "not an address", "role": "admin"})
    moved = client.patch(
        ME, headers=me, json={"email": new_address, "current_password": STRONG_PASSWORD}
    )

    body = problem(unproven, 422)
    assert (body["code"], error_fields(body)) == ("password_required", {"current_password"})
    assert problem(wrong, 403)["code"] == "wrong_password"
    assert problem(taken, 409)["code"] == "email_taken"
    assert error_fields(problem(invalid, 422)) == {"email", "role"}
    assert moved.status_code == 200, moved.text
    assert moved.json()["email"] == new_address.lower()
    [notice] = wait_for_mails(server.data_dir, old_address)
    assert new_address.lower() in notice.get_content()
    assert log_in(client, new_address.lower())
    refused = client.post(
        "/api/v1/auth/login", json={"email": old_address, "password": STRONG_PASSWORD}
    )
    assert problem(refused, 401)["code"] == "invalid_credentials"
    corrected = audit_events(client, org, event="user.corrected")
    assert [e["details"]["fields"] for e in corrected] == [["email"], ["name"]]
    assert all(old_address not in str(e) for e in corrected)


def test_an_admin_corrects_the_organisation_and_a_users_address(client: httpx.Client) -> None:
    """P7, P11: an admin corrects what sign-up stored (each field on its own, checked as at
    sign-up) and a user's address; the next request sees it. Clerks and keys cannot."""
    org = new_org(client)
    clerk_id, clerk_token = add_user(client, org, "clerk")
    correction = {
        "name": "Shop Holding B.V.",
        "vat_number": "NL000099998B99",
        "billing_address": {"street": "Herengracht 2", "postal_code": "1015 BZ", "city": "A'dam"},
    }

    corrected = client.patch(ORGANISATION, headers=org.admin, json=correction)

    assert corrected.status_code == 200, corrected.text
    shown = client.get(ORGANISATION, headers=bearer(clerk_token)).json()
    assert {k: shown[k] for k in correction} == correction
    assert shown["organisation_number"] == "87654321"  # left out: unchanged
    assert shown["country"] == "NL"
    lower = client.patch(ORGANISATION, headers=org.admin, json={"country": "be"})
    assert lower.json()["country"] == "BE"
    bad = client.patch(ORGANISATION, headers=org.admin, json={"vat_number": "N", "id": "org_x"})
    assert error_fields(problem(bad, 422)) == {"vat_number", "id"}
    clerk = client.patch(ORGANISATION, headers=bearer(clerk_token), json={"name": "Mine"})
    assert problem(clerk, 403)["code"] == "forbidden"
    keyed = client.patch(ORGANISATION, headers=key(client, org, "full"), json={"name": "Mine"})
    assert problem(keyed, 403)["code"] == "user_session_required"
    [event] = audit_events(client, org, event="organisation.corrected")[1:]
    assert event["details"]["fields"] == [
        "billing_city",
        "billing_postal_code",
        "billing_street",
        "name",
        "vat_number",
    ]
    address = new_email("corrected")
    moved = client.patch(f"/api/v1/users/{clerk_id}", headers=org.admin, json={"email": address})
    assert moved.json()["email"] == address
    taken = client.patch(
        f"/api/v1/users/{clerk_id}", headers=org.admin, json={"email": org.admin_email}
    )
    assert problem(taken, 409)["code"] == "email_taken"
    assert log_in(client, address)
    other = new_org(client)
    theirs = client.patch(f"/api/v1/users/{clerk_id}", headers=other.admin, json={"email": address})
    assert problem(theirs, 404)["code"] == "not_found"


@pytest.mark.parametrize("purpose", ["marketing", "automated_decisions", "service_improvement"])
def test_restrictions_are_kept_and_answer_is_restricted(
    server: LiveServer, client: httpx.Client, purpose: str
) -> None:
    """P11: an organisation (its admins) and each user restrict processing for a purpose;
    `is_restricted` answers for the organisation, and for a user also their own choice;
    another organisation's choices never count. Changes are audited."""
    org = new_org(client)
    clerk_id, clerk_token = add_user(client, org, "clerk")
    other_id, _ = add_user(client, org, "clerk")
    other_org = new_org(client)
    clerk = bearer(clerk_token)
    one = {purpose: True}

    mine = client.put("/api/v1/me/restrictions", headers=clerk, json=one)

    assert mine.status_code == 200, mine.text
    assert mine.json()["own"][purpose] is True
    assert mine.json()["organisation"][purpose] is False
    with server.database() as database:
        assert is_restricted(database, organisation_id=org.id, user_id=clerk_id, purpose=purpose)
        assert not is_restricted(
            database, organisation_id=org.id, user_id=other_id, purpose=purpose
        )
        assert not is_restricted(database, organisation_id=org.id, purpose=purpose)
        organisation = client.put("/api/v1/organisation/restrictions", headers=org.admin, json=one)
        assert organisation.json()[purpose] is True
        assert is_restricted(database, organisation_id=org.id, user_id=other_id, purpose=purpose)
        assert is_restricted(database, organisation_id=org.id, purpose=purpose)
        assert not is_restricted(database, organisation_id=other_org.id, purpose=purpose)
        with pytest.raises(ValueError, match="unknown purpose"):
            is_restricted(database, organisation_id=org.id, purpose="profiling")  # type: ignore[arg-type]
        client.put("/api/v1/organisation/restrictions", headers=org.admin, json={})
        client.put("/api/v1/me/restrictions", headers=clerk, json={})
        assert not is_restricted(
            database, organisation_id=org.id, user_id=clerk_id, purpose=purpose
        )
    read = client.get("/api/v1/organisation/restrictions", headers=key(client, org, "read"))
    assert read.json() == {
        "marketing": False,
        "automated_decisions": False,
        "service_improvement": False,
    }
    refused = client.put("/api/v1/organisation/restrictions", headers=clerk, json=one)
    assert problem(refused, 403)["code"] == "forbidden"
    unknown = client.put("/api/v1/me/restrictions", headers=clerk, json={"profiling": True})
    assert error_fields(problem(unknown, 422)) == {"profiling"}
    changes = audit_events(client, org, event="restrictions.changed")
    assert [(e["target"], e["details"]["restricted"]) for e in reversed(changes)] == [
        (clerk_id, [purpose]),
        (org.id, [purpose]),
        (org.id, []),
        (clerk_id, []),
    ]

"""Erasure on request (P4, P5, P11) over the real server: a visitor's call found by its
reference, a recording, a user; at once where possible and within 30 days by the retention
job on the server's clock; a legal hold postpones it; another organisation's items are 404."""

from __future__ import annotations

import asyncio
import os
import secrets
from datetime import datetime, timedelta

import httpx

from tests.accounts_helpers import (
    STRONG_PASSWORD,
    add_user,
    audit_events,
    bearer,
    log_in,
    new_email,
    new_org,
    problem,
    user_log_in,
)
from tests.data_requests_helpers import (
    ERASURES,
    RECORDINGS,
    ended_recorded_call,
    erasure,
    hang_up,
    raw_bytes,
)
from tests.live_server import LiveServer
from tests.offers_helpers import new_offer
from tests.queue_helpers import call_centre
from tests.recordings_helpers import recorded, upload
from tests.retention_helpers import command

DAY = 86400
HOUR = 3600


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text)


async def test_a_visitors_call_is_erased_at_once_by_the_reference_the_widget_showed(
    server: LiveServer, client: httpx.Client
) -> None:
    """P4, P5: the admin finds the call by the visitor's reference and erases its recording,
    consent trail and wrap-up note at once; the call record stays (it names nobody) and says
    so, like the audit trail; the organisation's other calls keep theirs."""
    centre = call_centre(client, clerks=2)
    org = centre.org
    note = f"Visitor said her name is Wilhelmina {secrets.token_hex(3)}"
    call, recording_id, reference = await ended_recorded_call(
        server, client, os.urandom(30_000), note=note, centre=centre
    )
    assert (
        client.get(f"/api/v1/calls/{call.call_id}", headers=org.admin).json()["wrap_up_note"]
        == note
    )
    kept_call, kept_recording, _ = await ended_recorded_call(
        server, client, os.urandom(30_000), centre=centre, clerk_index=1
    )
    folder = server.data_dir / "recordings" / recording_id
    assert folder.is_dir()

    answer = client.post(
        f"/api/v1/calls/by-reference/{reference.lower()}/erasure", headers=org.admin
    )

    assert answer.status_code == 201, answer.text
    done = answer.json()
    assert (done["kind"], done["target"], done["status"]) == ("call", call.call_id, "done")
    assert done["requested_by"] == org.admin_id
    requested = _at(done["requested_at"])
    assert _at(done["due_at"]) == requested + timedelta(days=30)
    assert _at(done["done_at"]) >= requested
    assert {(k["what"], k["why"]) for k in done["kept"]} == {
        ("call_record", "not_personal"),
        ("audit_trail", "audit"),
    }
    assert not folder.exists()
    assert note.encode() not in raw_bytes(server)
    found = client.get(f"/api/v1/calls/by-reference/{reference}", headers=org.admin).json()
    assert found["consent_events"] == []
    assert found["wrap_up_note"] is None
    listed = client.get(RECORDINGS, headers=org.admin).json()["items"]
    assert [r["id"] for r in listed] == [kept_recording]
    other = client.get(f"/api/v1/calls/{kept_call.call_id}", headers=org.admin).json()
    assert len(other["consent_events"]) == 1
    again = client.post(f"/api/v1/calls/by-reference/{reference}/erasure", headers=org.admin)
    assert again.status_code == 201  # the first request is done: a new one, nothing left
    deleted = audit_events(client, org, event="recording.deleted")
    assert [(e["target"], e["details"]["reason"]) for e in deleted] == [
        (recording_id, "erasure_request")
    ]
    events = {e["event"] for e in audit_events(client, org)}
    assert {"erasure.requested", "erasure.done"} <= events
    missing = client.post("/api/v1/calls/by-reference/ZZZ-ZZZZ/erasure", headers=org.admin)
    assert problem(missing, 404)["code"] == "not_found"
    supervisor = bearer(centre.supervisor_token)
    refused = client.post(f"/api/v1/calls/by-reference/{reference}/erasure", headers=supervisor)
    assert problem(refused, 403)["code"] == "forbidden"


async def test_a_call_in_progress_is_erased_by_the_job_once_it_has_ended(
    fresh_server: LiveServer,
) -> None:
    """P5: what cannot be erased at once (the call is still going on) is pending with its due
    date, 30 days on; once the call has ended, the next run of the retention job erases it,
    well before the due date. The request and its dates stay listed."""
    server = fresh_server
    with httpx.Client(base_url=server.url, timeout=30) as client:
        call = await recorded(server, client)
        org = call.centre.org
        recording_id = upload(client, call, os.urandom(30_000))

        pending = erasure(client, org.admin, "call", call.call_id)

        assert pending.status_code == 201, pending.text
        request = pending.json()
        assert (request["status"], request["done_at"], request["kept"]) == ("pending", None, [])
        assert "by " + request["due_at"] in request["detail"]
        assert (server.data_dir / "recordings" / recording_id).is_dir()
        same = erasure(client, org.admin, "call", call.call_id)
        assert same.status_code == 200
        assert same.json()["id"] == request["id"]
        await hang_up(call)
        still = client.get(f"{ERASURES}/{request['id']}", headers=org.admin).json()
        assert still["status"] == "pending"  # the job has not run yet

        server.advance_clock(HOUR + 60)  # the retention job runs every hour

        admin = bearer(log_in(client, org.admin_email))
        done = client.get(f"{ERASURES}/{request['id']}", headers=admin).json()
        assert done["status"] == "done"
        assert _at(done["done_at"]) < _at(done["due_at"])
        assert not (server.data_dir / "recordings" / recording_id).exists()
        detail = client.get(f"/api/v1/calls/{call.call_id}", headers=admin).json()
        assert detail["consent_events"] == []
        listing = client.get(ERASURES, headers=admin).json()["items"]
        assert [r["id"] for r in listing] == [request["id"]]
        assert client.get(ERASURES, headers=admin, params={"open": True}).json()["items"] == []


async def test_a_held_recording_waits_past_the_due_date_and_goes_once_the_hold_is_lifted(
    fresh_server: LiveServer,
) -> None:
    """P5 (and P10's legal matters): a legal hold postpones an erasure, past its 30 days if
    need be; the request says it is waiting on the hold and why. Once the hold is lifted,
    the next run of the retention job erases the recording."""
    server = fresh_server
    with httpx.Client(base_url=server.url, timeout=30) as client:
        call, recording_id, _ = await ended_recorded_call(server, client, os.urandom(30_000))
        org = call.centre.org
        path = f"{RECORDINGS}/{recording_id}"
        assert client.post(f"{path}/hold", headers=org.admin, json={"reason": "case 7"}).is_success

        waiting = erasure(client, org.admin, "recording", recording_id)

        assert waiting.status_code == 201, waiting.text
        request = waiting.json()
        assert (request["status"], request["hold_reason"]) == ("waiting_on_hold", "case 7")
        assert "legal hold" in request["detail"]
        server.advance_clock(31 * DAY)
        admin = bearer(log_in(client, org.admin_email))
        late = client.get(f"{ERASURES}/{request['id']}", headers=admin).json()
        assert late["status"] == "waiting_on_hold"
        assert _at(late["due_at"]) < server.now()
        assert (server.data_dir / "recordings" / recording_id).is_dir()
        lifted = client.request("DELETE", f"{path}/hold", headers=admin, json={"reason": "closed"})
        assert lifted.is_success

        server.advance_clock(HOUR + 60)

        admin = bearer(log_in(client, org.admin_email))
        done = client.get(f"{ERASURES}/{request['id']}", headers=admin).json()
        assert done["status"] == "done"
        assert not (server.data_dir / "recordings" / recording_id).exists()
        assert client.get(RECORDINGS, headers=admin).json()["items"] == []


async def test_a_user_is_erased_and_what_billing_and_audit_need_stays(
    server: LiveServer, client: httpx.Client
) -> None:
    """P11: a user's name, address and password are erased at once and every session of
    theirs ends; the offers they made stay for billing and tax, the audit trail for audit,
    and the answer says so. No byte of the name or address is left in the database file or
    its WAL. Nobody erases themselves, and only admins' sessions erase."""
    call = await recorded(server, client)
    org = call.centre.org
    marker = f"Quentin Zarathustra {secrets.token_hex(4)}"
    address = new_email("zara")
    made = client.post(
        "/api/v1/users",
        headers=org.admin,
        json={"name": marker, "email": address, "role": "clerk", "password": STRONG_PASSWORD},
    )
    assert made.status_code == 201, made.text
    user_id = made.json()["id"]
    token = user_log_in(client, address)
    offer_maker = client.get("/api/v1/me", headers=call.clerk_auth).json()["id"]
    new_offer(client, call)
    upload(client, call, os.urandom(10_000))
    await hang_up(call)

    answer = erasure(client, org.admin, "user", user_id)
    maker = erasure(client, org.admin, "user", offer_maker)

    assert answer.status_code == 201, answer.text
    assert answer.json()["status"] == "done"
    assert {k["what"] for k in answer.json()["kept"]} == {"audit_trail"}
    assert {(k["what"], k["why"]) for k in maker.json()["kept"]} >= {
        ("offers", "billing_and_tax"),
        ("audit_trail", "audit"),
        ("recordings", "own_retention"),
    }
    erased = client.get(f"/api/v1/users/{user_id}", headers=org.admin).json()
    assert erased["name"] == "Erased user"
    assert erased["email"].endswith("@erased.invalid")
    assert erased["active"] is False
    assert problem(client.get("/api/v1/me", headers=bearer(token)), 401)
    relog = client.post("/api/v1/auth/login", json={"email": address, "password": STRONG_PASSWORD})
    assert problem(relog, 401)["code"] == "invalid_credentials"
    assert any(e["target"] == user_id for e in audit_events(client, org, event="user.created"))
    stored = raw_bytes(server)
    assert marker.encode() not in stored
    assert address.encode() not in stored
    myself = erasure(client, org.admin, "user", org.admin_id)
    assert problem(myself, 409)["code"] == "cannot_erase_self"
    supervisor_id, supervisor_token = add_user(client, org, "supervisor")
    not_admin = erasure(client, bearer(supervisor_token), "user", supervisor_id)
    assert problem(not_admin, 403)["code"] == "forbidden"


async def test_another_organisations_items_and_requests_are_like_missing_ones(
    server: LiveServer, client: httpx.Client
) -> None:
    """P4, P5 (tenant isolation): another organisation's user, recording, call, call
    reference and erasure request answer exactly like missing ones, and stay untouched."""
    call, recording_id, reference = await ended_recorded_call(server, client, os.urandom(10_000))
    theirs = call.centre.org
    clerk_id = client.get("/api/v1/me", headers=call.clerk_auth).json()["id"]
    held = client.post(
        f"{RECORDINGS}/{recording_id}/hold", headers=theirs.admin, json={"reason": "x" * 3}
    )
    assert held.is_success
    request = erasure(client, theirs.admin, "recording", recording_id).json()
    mine = new_org(client)

    for kind, target in (("user", clerk_id), ("recording", recording_id), ("call", call.call_id)):
        answer = erasure(client, mine.admin, kind, target)
        missing = erasure(client, mine.admin, kind, f"{target[:4]}_missing")
        assert problem(answer, 404) == problem(missing, 404)
    by_reference = client.post(
        f"/api/v1/calls/by-reference/{reference}/erasure", headers=mine.admin
    )
    assert problem(by_reference, 404)["code"] == "not_found"
    read = client.get(f"{ERASURES}/{request['id']}", headers=mine.admin)
    assert problem(read, 404) == problem(
        client.get(f"{ERASURES}/era_missing", headers=mine.admin), 404
    )
    assert client.get(ERASURES, headers=mine.admin).json()["items"] == []
    assert [r["id"] for r in client.get(ERASURES, headers=theirs.admin).json()["items"]] == [
        request["id"]
    ]
    assert (server.data_dir / "recordings" / recording_id).is_dir()
    assert client.get(f"/api/v1/users/{clerk_id}", headers=theirs.admin).json()["active"]


async def test_an_operators_hold_on_the_call_postpones_its_erasure(
    fresh_server: LiveServer,
) -> None:
    """P5, P10: the operator's legal hold on a call (`videoclerk-server hold set --call`)
    keeps the call's recording from an erasure request until the hold is lifted."""
    server = fresh_server
    with httpx.Client(base_url=server.url, timeout=30) as client:
        call, recording_id, _ = await ended_recorded_call(server, client, os.urandom(30_000))
        org = call.centre.org
        held = await asyncio.to_thread(
            command, server, "hold", "set", "--call", call.call_id, "--reason", "case 9"
        )
        assert held.returncode == 0, held.stderr

        waiting = erasure(client, org.admin, "recording", recording_id)

        assert waiting.status_code == 201, waiting.text
        assert waiting.json()["status"] == "waiting_on_hold"
        assert (server.data_dir / "recordings" / recording_id).is_dir()

"""Offers over the real REST API and sockets: approval, expiry, conflicts, currencies, scopes,
tenant isolation, PDF, CSV, and the visitor's free text that is never stored (P1)."""

from __future__ import annotations

import io
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import httpx
from pypdf import PdfReader

from tests.accounts_helpers import bearer, new_org, problem
from tests.catalogue_helpers import key
from tests.live_server import LiveServer
from tests.offers_helpers import in_call, new_offer, product, save, saved
from tests.ws_clients import ScriptedClerk


def soonest_midnight(now: datetime) -> tuple[str, str, float]:
    """A time zone whose day ends in 2 to 62 minutes after `now`: (zone, its today, seconds)."""
    for offset in range(-14, 13):
        zone = f"Etc/GMT{offset:+d}"
        local = now.astimezone(ZoneInfo(zone))
        midnight = datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=local.tzinfo)
        seconds = (midnight - local).total_seconds()
        if 120 <= seconds <= 3720:
            return zone, local.date().isoformat(), seconds
    raise AssertionError("some zone's day ends within the hour")


async def test_a_discount_beyond_the_limit_waits_for_a_supervisor(
    server: LiveServer, client: httpx.Client
) -> None:
    call = await in_call(server, client)
    supervisor = ScriptedClerk(server.ws_url, call.centre.supervisor_token)
    await supervisor.connect()
    call.sockets.append(supervisor)
    assert (await supervisor.expect("approvals")).pending == []
    lamp = product(client, call, price_minor=10000)
    offer = new_offer(client, call)
    oid = offer["offer_id"]
    line = {"product_id": lamp, "quantity": 1, "discount": {"kind": "percent", "value": "20"}}
    waiting = saved(client, call, oid, 0, [line])
    assert waiting["status"] == "awaiting_approval"
    assert waiting["discount_percent"] == "20.00"
    shown = await call.visitor.expect("offer_view")
    assert shown.offer.status == "awaiting_approval"
    pending = (await supervisor.expect("approvals")).pending
    assert [(p.offer_id, p.revision, p.limit_percent) for p in pending] == [(oid, 1, "10.00")]
    # The visitor cannot accept what is being checked.
    await call.visitor.send(
        {"type": "offer_reply", "offer_id": oid, "revision": 1, "answer": "accept"}
    )
    assert (await call.visitor.expect("error")).code == "offer_not_open"
    # Clerks do not decide; a supervisor does.
    url = f"/api/v1/offers/{oid}/approval"
    decision = {"revision": 1, "decision": "approve", "note": "fine"}
    problem(client.post(url, headers=call.clerk_auth, json=decision), 403)
    sup = bearer(call.centre.supervisor_token)
    assert (
        client.get("/api/v1/offers/approvals", headers=sup).json()["pending"][0]["offer_id"] == oid
    )
    approved = client.post(url, headers=sup, json=decision)
    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "open"
    assert (await call.clerk.expect("offer_view")).offer.status == "open"
    assert (await call.visitor.expect("offer_view")).offer.status == "open"
    assert (await supervisor.expect("approvals")).pending == []
    assert (
        problem(client.post(url, headers=sup, json=decision), 409)["code"] == "approval_not_pending"
    )
    # A note changed at the same discount needs no approval again.
    assert saved(client, call, oid, 1, [line], note="Delivery included.")["status"] == "open"
    # Beyond the approved percentage it does; a refusal is told to the clerk.
    line["discount"] = {"kind": "percent", "value": "30"}
    assert saved(client, call, oid, 2, [line])["status"] == "awaiting_approval"
    refused = client.post(url, headers=sup, json={"revision": 3, "decision": "refuse"})
    assert refused.json()["status"] == "refused"
    assert (await call.clerk.expect("offer_view")).offer.status == "refused"
    await call.close()


async def test_expiry_conflicts_and_currencies(server: LiveServer, client: httpx.Client) -> None:
    call = await in_call(server, client)
    euro = product(client, call, price_minor=1000)
    krone = product(client, call, price_minor=1000, currency="NOK")
    oid = new_offer(client, call)["offer_id"]
    mixed = save(
        client,
        call,
        oid,
        0,
        [{"product_id": euro, "quantity": 1}, {"product_id": krone, "quantity": 1}],
    )
    assert problem(mixed, 422)["code"] == "mixed_currencies"
    # The shared server's clock may have been moved by earlier tests: dates count from its time.
    server_now = server.now()
    too_late = (server_now.date() + timedelta(days=120)).isoformat()
    assert (
        problem(
            save(client, call, oid, 0, [{"product_id": euro, "quantity": 1}], valid_until=too_late),
            422,
        )["code"]
        == "invalid_input"
    )
    saved(client, call, oid, 0, [{"product_id": euro, "quantity": 1}])
    stale = save(client, call, oid, 0, [{"product_id": euro, "quantity": 2}])
    assert problem(stale, 409)["code"] == "revision_conflict"
    # The offer holds to the end of its last day in the organisation's time zone: one where
    # that day ends within the hour (sessions last 12 hours, so the clerk stays logged in).
    zone, last_day, seconds = soonest_midnight(server_now)
    settings = {"time_zone": zone}
    assert (
        client.put(
            "/api/v1/offers/settings", headers=call.centre.org.admin, json=settings
        ).status_code
        == 200
    )
    view = saved(client, call, oid, 1, [{"product_id": euro, "quantity": 2}], valid_until=last_day)
    assert view["valid_until"] == last_day
    assert (await call.visitor.expect("offer_view")).offer.revision == 1
    assert (await call.visitor.expect("offer_view")).offer.revision == 2
    server.advance_clock(seconds - 30)
    assert client.get(f"/api/v1/offers/{oid}", headers=call.clerk_auth).json()["status"] == "open"
    server.advance_clock(31)
    assert (await call.visitor.expect("offer_view")).offer.status == "expired"
    assert (await call.clerk.expect("offer_view")).offer.status == "expired"
    await call.visitor.send(
        {"type": "offer_reply", "offer_id": oid, "revision": 2, "answer": "accept"}
    )
    assert (await call.visitor.expect("error")).code == "offer_expired"
    closed = save(client, call, oid, 2, [{"product_id": euro, "quantity": 1}])
    assert problem(closed, 409)["code"] == "offer_closed"
    assert view["valid_until_at"] > view["created_at"]
    await call.close()


async def test_scopes_tenancy_pdf_and_csv(server: LiveServer, client: httpx.Client) -> None:
    call = await in_call(server, client, language="nl")
    org = call.centre.org
    lamp = product(client, call, price_minor=123456, name={"en": "Desk lamp", "nl": "Bureaulamp"})
    oid = new_offer(client, call)["offer_id"]
    saved(client, call, oid, 0, [{"product_id": lamp, "quantity": 2}], note="Bezorging inbegrepen.")
    shown = await call.visitor.expect("offer_view")
    assert shown.pdf_url.endswith("?language=nl")

    # The visitor's PDF, in Dutch: the lines and the total.
    visitor_pdf = client.get(shown.pdf_url.removeprefix(server.url))
    assert visitor_pdf.headers["content-type"] == "application/pdf"
    text = "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(visitor_pdf.content)).pages
    )
    assert "Bureaulamp" in text
    assert "€ 2.469,12" in text.replace("\xa0", " ")
    assert "Bezorging inbegrepen." in text
    wrong = shown.pdf_url.removeprefix(server.url).replace("/o/" + oid + "/", "/o/" + oid + "/x")
    problem(client.get(wrong), 404)

    reader = key(client, org, "read")
    assert client.get(f"/api/v1/offers/{oid}", headers=reader).status_code == 200
    english = client.get(f"/api/v1/offers/{oid}/pdf", headers=reader, params={"language": "en"})
    assert "€2,469.12" in PdfReader(io.BytesIO(english.content)).pages[0].extract_text()
    # Keys read, list and export; they never make, change or decide on offers.
    full = key(client, org, "full")
    for headers in (reader, full):
        made = client.post("/api/v1/offers", headers=headers, json={"call_id": call.call_id})
        assert problem(made, 403)["code"] == "user_session_required"
        decided = client.post(
            f"/api/v1/offers/{oid}/approval",
            headers=headers,
            json={"revision": 1, "decision": "approve"},
        )
        assert problem(decided, 403)["code"] == "user_session_required"
    problem(
        client.put(
            f"/api/v1/offers/{oid}/draft",
            headers=reader,
            json={"base_revision": 1, "lines": [{"product_id": lamp, "quantity": 1}]},
        ),
        403,
    )
    problem(client.put("/api/v1/offers/settings", headers=reader, json={}), 403)

    listed = client.get("/api/v1/offers", headers=reader, params={"currency": "EUR"}).json()
    assert [i["offer_id"] for i in listed["items"]] == [oid]
    assert listed["items"][0]["line_count"] == 1
    assert (
        client.get("/api/v1/offers", headers=reader, params={"status": "accepted"}).json()["items"]
        == []
    )
    exported = client.get("/api/v1/offers/export.csv", headers=reader)
    assert exported.headers["content-type"].startswith("text/csv")
    rows = exported.text.splitlines()
    assert rows[0].startswith("reference,offer id,call id,clerk,status")
    assert oid in rows[1] and "2469.12" in rows[1] and "2 × " in rows[1]

    # Another organisation's offer is 404 everywhere.
    other = new_org(client)
    for url in (
        f"/api/v1/offers/{oid}",
        f"/api/v1/offers/{oid}/revisions/1",
        f"/api/v1/offers/{oid}/pdf",
    ):
        assert problem(client.get(url, headers=other.admin), 404)["code"] == "not_found"
    problem(
        client.post(
            f"/api/v1/offers/{oid}/approval",
            headers=other.admin,
            json={"revision": 1, "decision": "approve"},
        ),
        404,
    )
    problem(client.post("/api/v1/offers", headers=other.admin, json={"call_id": call.call_id}), 404)
    assert client.get("/api/v1/offers", headers=other.admin).json()["items"] == []
    await call.close()


async def test_a_change_request_reaches_the_clerk_and_is_never_stored(
    server: LiveServer, client: httpx.Client
) -> None:
    """P1: a visitor's free text (here contact data) reaches the clerk, and no file keeps it."""
    call = await in_call(server, client)
    lamp = product(client, call)
    oid = new_offer(client, call)["offer_id"]
    saved(client, call, oid, 0, [{"product_id": lamp, "quantity": 1}])
    await call.visitor.expect("offer_view")
    secret = "mail me at zebra.quokka@example.org or +31 6 1234 5678"
    await call.visitor.send(
        {
            "type": "offer_reply",
            "offer_id": oid,
            "revision": 1,
            "answer": "change",
            "message": secret,
        }
    )
    forwarded = await call.clerk.expect("offer_reply")
    assert forwarded.message == secret
    assert forwarded.contact_warning is True
    await call.visitor.send(
        {
            "type": "offer_reply",
            "offer_id": oid,
            "revision": 1,
            "answer": "decline",
            "reason": "need_time",
            "message": "Two weeks, please",
        }
    )
    assert (await call.clerk.expect("offer_view")).offer.status == "declined"
    declined = await call.clerk.expect("offer_reply")
    assert (declined.reason, declined.contact_warning) == ("need_time", False)
    await call.close()
    server.advance_clock(1)  # the server's writes are done once it answers again
    for path in server.data_dir.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"zebra.quokka" not in data, path
            assert b"Two weeks, please" not in data, path

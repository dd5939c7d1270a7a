"""An offer through a live call: the visitor sees each revision, accepts it over the socket,
and it never changes again. Promises P1 (no visitor data) and P6."""

from __future__ import annotations

import hashlib
import json
import re

import httpx

from tests.accounts_helpers import problem
from tests.live_server import LiveServer
from tests.offers_helpers import in_call, new_offer, product, save, saved
from tests.ws_clients import ScriptedVisitor


async def test_visitor_sees_revisions_and_accepts_over_the_socket(
    server: LiveServer, client: httpx.Client
) -> None:
    call = await in_call(server, client)
    settings = {"checkout_url_template": "https://shop.example/checkout?offer={reference}"}
    put = client.put("/api/v1/offers/settings", headers=call.centre.org.admin, json=settings)
    assert put.status_code == 200, put.text
    lamp = product(client, call, price_minor=5000)
    offer = new_offer(client, call)
    assert offer["revision"] == 0
    again = client.post("/api/v1/offers", headers=call.clerk_auth, json={"call_id": call.call_id})
    assert again.status_code == 200
    assert again.json()["offer_id"] == offer["offer_id"]

    first = saved(client, call, offer["offer_id"], 0, [{"product_id": lamp, "quantity": 2}])
    shown = await call.visitor.expect("offer_view")
    assert shown.offer.revision == 1
    assert shown.offer.gross_minor == 10000
    assert shown.pdf_url.startswith(f"{server.url}/o/{offer['offer_id']}/")
    assert shown.checkout_url is None
    assert first["status"] == "open"

    # A reply naming an old revision changes nothing.
    second = saved(client, call, offer["offer_id"], 1, [{"product_id": lamp, "quantity": 3}])
    assert (await call.visitor.expect("offer_view")).offer.revision == 2
    await call.visitor.send(
        {"type": "offer_reply", "offer_id": offer["offer_id"], "revision": 1, "answer": "accept"}
    )
    error = await call.visitor.expect("error")
    assert (error.code, error.in_reply_to) == ("offer_changed", "offer_reply")
    # A bad frame gets an error and the socket keeps serving.
    await call.visitor.send({"type": "offer_reply", "offer_id": "x", "revision": 0})
    assert (await call.visitor.expect("error")).code == "invalid_message"
    await call.visitor.send(
        {"type": "offer_reply", "offer_id": "ofr_nope", "revision": 1, "answer": "accept"}
    )
    assert (await call.visitor.expect("error")).code == "unknown_offer"

    await call.visitor.send(
        {"type": "offer_reply", "offer_id": offer["offer_id"], "revision": 2, "answer": "accept"}
    )
    accepted = (await call.visitor.expect("offer_view")).offer
    assert accepted.status == "accepted"
    assert re.fullmatch(r"OF-[0-9A-HJKMNP-TV-Z]{8}", accepted.reference)
    to_clerk = await call.clerk.expect("offer_view")
    assert to_clerk.offer.reference == accepted.reference

    # A visitor back on a new socket (a reload) gets the latest offer again, with checkout.
    await call.visitor.drop()
    back = ScriptedVisitor(
        server.ws_url, call.centre.widget_key, session_id=call.visitor.session_id
    )
    call.sockets.append(back)
    assert (await back.connect()).resumed is True
    again_shown = await back.expect("offer_view")
    assert again_shown.offer.reference == accepted.reference
    assert again_shown.checkout_url == f"https://shop.example/checkout?offer={accepted.reference}"

    # The content hash is the sha256 of the revision's canonical JSON content.
    content = {
        k: v
        for k, v in second.items()
        if k
        not in (
            "status",
            "reference",
            "accepted_at",
            "content_hash",
            "organisation_name",
            "clerk_name",
        )
    }
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert accepted.content_hash == hashlib.sha256(canonical.encode()).hexdigest()

    # Accepted is final: no draft saves, no second acceptance.
    closed = save(client, call, offer["offer_id"], 2, [{"product_id": lamp, "quantity": 1}])
    assert problem(closed, 409)["code"] == "offer_closed"
    await back.send(
        {"type": "offer_reply", "offer_id": offer["offer_id"], "revision": 2, "answer": "accept"}
    )
    assert (await back.expect("error")).code == "offer_not_open"
    read = client.get(f"/api/v1/offers/{offer['offer_id']}", headers=call.clerk_auth).json()
    assert read["reference"] == accepted.reference
    assert read["content_hash"] == accepted.content_hash
    await call.close()

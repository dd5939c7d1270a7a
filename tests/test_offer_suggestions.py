"""Offer suggestions to clerks (P16): off unless an admin asks, never for a restricted
organisation, computed from the organisation's own answered offers only, and suggestions to
the clerk, never decisions about a visitor. Offers are answered by scripted visitors over
real calls."""

from __future__ import annotations

from typing import Any

import httpx

from tests.accounts_helpers import audit_events, bearer, new_org, problem
from tests.catalogue_helpers import create
from tests.live_server import LiveServer
from tests.offers_helpers import in_call, new_offer, saved
from tests.privacy_helpers import restrict
from tests.queue_helpers import CallCentre, call_centre

SUGGESTIONS = "/api/v1/offer-suggestions"
SETTINGS = f"{SUGGESTIONS}/settings"


async def answered(
    server: LiveServer,
    client: httpx.Client,
    centre: CallCentre,
    clerk: int,
    lines: list[dict[str, Any]],
    answer: str,
) -> None:
    """One call on clerk number `clerk`: the offer of `lines`, answered by the visitor."""
    call = await in_call(server, client, centre=centre, clerk_index=clerk)
    offer_id = new_offer(client, call)["offer_id"]
    saved(client, call, offer_id, 0, lines)
    await call.visitor.expect("offer_view")
    reply: dict[str, Any] = {"type": "offer_reply", "offer_id": offer_id, "revision": 1}
    reply |= (
        {"answer": "accept"} if answer == "accept" else {"answer": "decline", "reason": "other"}
    )
    await call.visitor.send(reply)
    status = "accepted" if answer == "accept" else "declined"
    assert (await call.clerk.expect("offer_view")).offer.status == status
    await call.close()


def _percent(value: str) -> dict[str, str]:
    return {"kind": "percent", "value": value}


async def test_suggestions_are_off_by_default_then_come_from_answered_offers(
    server: LiveServer, client: httpx.Client
) -> None:
    """P16: off by default (404 `suggestions_off`); an admin (not a clerk) switches them on,
    audited; then a clerk's draft with the lamp gets the shade, accepted with it in 3 of 3
    offers, and the median discount of those accepted offers. The stand, in one answered
    offer only, is never suggested: no figure rests on fewer than three offers. Nothing in
    the answer is about a call or a visitor."""
    centre = call_centre(client, clerks=4)
    org = centre.org
    admin = org.admin
    lamp = _product(client, admin, "Lamp")
    shade = _product(client, admin, "Shade")
    stand = _product(client, admin, "Stand")
    for clerk, discount, answer in ((0, "10", "accept"), (1, "5", "accept"), (2, "10", "accept")):
        lines = [
            {"product_id": lamp, "quantity": 1, "discount": _percent(discount)},
            {"product_id": shade, "quantity": 1},
        ]
        await answered(server, client, centre, clerk, lines, answer)
    await answered(
        server,
        client,
        centre,
        3,
        [{"product_id": lamp, "quantity": 1}, {"product_id": stand, "quantity": 1}],
        "decline",
    )
    clerk = bearer(centre.clerk_tokens[0])
    draft = {"product_id": [lamp]}

    off = problem(client.get(SUGGESTIONS, headers=clerk, params=draft), 404)
    assert off["code"] == "suggestions_off"
    assert client.get(SETTINGS, headers=clerk).json() == {"enabled": False, "restricted": False}
    assert problem(client.put(SETTINGS, headers=clerk, json={"enabled": True}), 403)
    switched = client.put(SETTINGS, headers=admin, json={"enabled": True})
    assert switched.json() == {"enabled": True, "restricted": False}
    assert len(audit_events(client, org, event="offer_suggestions.enabled")) == 1

    found = client.get(SUGGESTIONS, headers=clerk, params=draft)
    assert found.status_code == 200, found.text
    body = found.json()
    assert set(body) == {"items", "discount", "based_on"}
    assert body["based_on"] == 4
    assert [(i["id"], i["accepted"], i["answered"]) for i in body["items"]] == [(shade, 3, 3)]
    assert body["items"][0]["name"] == {"en": "Shade", "nl": "Shade (nl)"}
    # 10 %, 5 % and 10 % off the lamp are 5 %, 2.5 % and 5 % off these offers' list totals.
    assert body["discount"] == {"percent": "5", "accepted": 3}
    for item in body["items"]:
        assert set(item) == {"kind", "id", "sku", "name", "accepted", "answered"}

    # An empty draft: the items most often accepted; the lamp was declined once.
    empty = client.get(SUGGESTIONS, headers=clerk).json()
    assert [i["id"] for i in empty["items"]] == [shade, lamp]

    # Switched off again: nothing.
    client.put(SETTINGS, headers=admin, json={"enabled": False})
    assert problem(client.get(SUGGESTIONS, headers=clerk, params=draft), 404)["code"] == (
        "suggestions_off"
    )


def _product(client: httpx.Client, admin: dict[str, str], name: str) -> str:
    made = create(client, admin, price_minor=10000, name={"en": name, "nl": f"{name} (nl)"})
    return str(made["id"])


def test_a_restricted_organisation_gets_no_suggestions(
    server: LiveServer, client: httpx.Client
) -> None:
    """P16, P11: an organisation that restricted automated decisions gets none, even switched
    on; another organisation's suggestions draw on its own offers only."""
    org, other = new_org(client), new_org(client)
    for each in (org, other):
        assert client.put(SETTINGS, headers=each.admin, json={"enabled": True}).status_code == 200
    restrict(server, org.id, "automated_decisions")
    assert client.get(SETTINGS, headers=org.admin).json() == {"enabled": True, "restricted": True}
    refused = problem(client.get(SUGGESTIONS, headers=org.admin), 404)
    assert refused["code"] == "suggestions_restricted"
    own = client.get(SUGGESTIONS, headers=other.admin).json()
    assert own == {"items": [], "discount": None, "based_on": 0}
    too_many = client.get(SUGGESTIONS, headers=other.admin, params={"product_id": ["p"] * 51})
    assert problem(too_many, 422)["code"]

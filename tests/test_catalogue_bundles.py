"""Bundles over the real REST API: products with quantities at one price, one currency,
tenant isolation (P17), and bundles as offer lines."""

from __future__ import annotations

import httpx

from tests.accounts_helpers import bearer, new_org, problem
from tests.catalogue_helpers import create, key
from tests.live_server import LiveServer
from tests.offers_helpers import in_call, new_offer, product, save, saved


def test_bundle_crud_and_its_products(client: httpx.Client) -> None:
    org = new_org(client)
    lamp = create(client, org.admin, price_minor=4999)
    bulb = create(client, org.admin, price_minor=499, name={"en": "Bulb", "nl": "Lamp"})
    form = {
        "sku": "SET-1",
        "name": {"en": "Lamp with bulbs", "nl": "Lamp met peren"},
        "price_minor": 5499,
        "vat_rate": "21",
        "items": [{"product_id": lamp["id"]}, {"product_id": bulb["id"], "quantity": 2}],
    }
    made = client.post("/api/v1/bundles", headers=org.admin, json=form)
    assert made.status_code == 201, made.text
    bundle = made.json()
    assert bundle["currency"] == "EUR"
    assert bundle["list_price_minor"] == 4999 + 2 * 499
    assert [(i["sku"], i["quantity"]) for i in bundle["items"]] == [
        (lamp["sku"], 1),
        (bulb["sku"], 2),
    ]
    url = f"/api/v1/bundles/{bundle['id']}"
    reader = key(client, org, "read")
    assert client.get(url, headers=reader).json() == bundle
    assert [b["id"] for b in client.get("/api/v1/bundles", headers=reader).json()["items"]] == [
        bundle["id"]
    ]
    problem(client.patch(url, headers=reader, json={"price_minor": 1}), 403)
    # A product in a bundle can be neither deleted nor moved to another currency.
    in_use = client.delete(f"/api/v1/products/{bulb['id']}", headers=org.admin)
    assert problem(in_use, 409)["code"] == "product_in_bundle"
    moved = client.patch(
        f"/api/v1/products/{bulb['id']}", headers=org.admin, json={"currency": "NOK"}
    )
    assert problem(moved, 409)["code"] == "product_in_bundle"

    nok = create(client, org.admin, currency="NOK")
    mixed = client.patch(
        url,
        headers=org.admin,
        json={"items": [{"product_id": lamp["id"]}, {"product_id": nok["id"]}]},
    )
    assert problem(mixed, 422)["code"] == "mixed_currencies"
    changed = client.patch(
        url, headers=org.admin, json={"items": [{"product_id": lamp["id"], "quantity": 3}]}
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["list_price_minor"] == 3 * 4999
    assert client.delete(url, headers=org.admin).status_code == 204
    problem(client.get(url, headers=org.admin), 404)
    assert client.delete(f"/api/v1/products/{bulb['id']}", headers=org.admin).status_code == 204


def test_bundles_are_per_organisation(client: httpx.Client) -> None:
    """P17: another organisation's products cannot go into a bundle, and its bundles are
    like missing ones."""
    mine, theirs = new_org(client), new_org(client)
    their_product = create(client, theirs.admin)
    form = {
        "sku": "SET-X",
        "name": {"en": "Set", "nl": "Set"},
        "price_minor": 100,
        "vat_rate": "9",
        "items": [{"product_id": their_product["id"]}],
    }
    refused = client.post("/api/v1/bundles", headers=mine.admin, json=form)
    assert problem(refused, 422)["code"] == "unknown_product"
    their_bundle = client.post("/api/v1/bundles", headers=theirs.admin, json=form).json()
    for headers in (mine.admin, bearer(mine.live_key)):
        url = f"/api/v1/bundles/{their_bundle['id']}"
        for response in (
            client.get(url, headers=headers),
            client.patch(url, headers=headers, json={"price_minor": 1}),
            client.delete(url, headers=headers),
        ):
            assert problem(response, 404)["code"] == "not_found"


async def test_an_active_bundle_is_offered_at_its_own_price(
    server: LiveServer, client: httpx.Client
) -> None:
    call = await in_call(server, client)
    lamp = product(client, call, price_minor=4999, currency="NOK")
    form = {
        "sku": "SET-O",
        "name": {"en": "Lamp set", "nl": "Lampset"},
        "price_minor": 5499,
        "vat_rate": "9",
        "items": [{"product_id": lamp}],
    }
    made = client.post("/api/v1/bundles", headers=call.centre.org.admin, json=form)
    assert made.status_code == 201, made.text
    bundle = made.json()
    oid = new_offer(client, call)["offer_id"]
    view = saved(client, call, oid, 0, [{"bundle_id": bundle["id"], "quantity": 2}])
    line = view["lines"][0]
    assert (line["sku"], line["name"], line["unit_minor"], line["vat_rate"]) == (
        "SET-O",
        {"en": "Lamp set", "nl": "Lampset"},
        5499,
        "9",
    )
    assert (view["currency"], view["gross_minor"]) == ("NOK", 2 * 5499)
    url = f"/api/v1/bundles/{bundle['id']}"
    client.patch(url, headers=call.centre.org.admin, json={"active": False}).raise_for_status()
    stopped = save(client, call, oid, 1, [{"bundle_id": bundle["id"], "quantity": 1}])
    assert problem(stopped, 422)["code"] == "unknown_product"
    await call.close()

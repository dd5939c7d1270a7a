"""The product catalogue over the real REST API: CRUD, scopes, tenant isolation, bulk upsert
and search. Promises: P17 (tenant isolation, every error is problem JSON), P1 (no visitor data)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from server.sql import table_columns
from tests.accounts_helpers import (
    Org,
    add_user,
    audit_events,
    bearer,
    error_fields,
    new_org,
    problem,
)
from tests.catalogue_helpers import COLOURS, create, key, product_form
from tests.live_server import LiveServer


@pytest.fixture
def org(client: httpx.Client) -> Org:
    return new_org(client)


def test_product_crud(client: httpx.Client, org: Org) -> None:
    """P9: changes are audited with the IP."""
    made = create(client, org.admin, sku="LMP-1", options=[COLOURS])
    assert made["sku"] == "LMP-1"
    assert made["name"] == {"en": "Desk lamp", "nl": "Bureaulamp"}
    assert made["vat_rate"] == "21"
    assert made["active"] is True
    assert made["options"][0]["choices"][1]["price_delta_minor"] == 1500
    assert made["image_url"] is None
    # The default reading: prices include VAT (49.99 gross, of which 8.68 VAT).
    assert made["unit_price"]["gross_minor"] == 4999
    assert made["unit_price"]["vat_minor"] == 868
    assert made["unit_price"]["display"] == {"en": "€49.99", "nl": "€\xa049,99"}

    url = f"/api/v1/products/{made['id']}"
    assert client.get(url, headers=org.admin).json() == made

    changed = client.patch(url, headers=org.admin, json={"price_minor": 5999, "active": False})
    assert changed.status_code == 200, changed.text
    assert changed.json()["price_minor"] == 5999
    assert changed.json()["active"] is False
    assert changed.json()["name"] == made["name"]

    assert client.delete(url, headers=org.admin).status_code == 204
    problem(client.get(url, headers=org.admin), 404)
    # P9: every change is audited with the actor and the IP it came from.
    trail = audit_events(client, org)
    changes = [e for e in trail if e["target"] == made["id"]]
    assert [e["event"] for e in changes] == [
        "product.deleted",
        "product.updated",
        "product.created",
    ]
    assert all(e["ip"] == "127.0.0.1" and e["actor_user_id"] == org.admin_id for e in changes)


def test_sku_is_unique_per_organisation(client: httpx.Client, org: Org) -> None:
    create(client, org.admin, sku="DUP-1")
    taken = client.post("/api/v1/products", headers=org.admin, json=product_form("DUP-1"))
    assert problem(taken, 409)["code"] == "sku_taken"
    other = create(client, org.admin, sku="DUP-2")
    renamed = client.patch(
        f"/api/v1/products/{other['id']}", headers=org.admin, json={"sku": "DUP-1"}
    )
    assert problem(renamed, 409)["code"] == "sku_taken"
    # Another organisation may use the same SKU.
    create(client, new_org(client).admin, sku="DUP-1")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"sku": ""}, "sku"),
        ({"sku": "has space"}, "sku"),
        ({"price_minor": -1}, "price_minor"),
        ({"currency": "XXY"}, "currency"),
        ({"vat_rate": "101"}, "vat_rate"),
        ({"vat_rate": "21.123"}, "vat_rate"),
        ({"name": {"en": "Lamp"}}, "name.nl"),
        ({"name": {"en": "x" * 201, "nl": "Lamp"}}, "name.en"),
        ({"colour": "red"}, "colour"),
        ({"options": [COLOURS, COLOURS]}, "options"),
    ],
)
def test_invalid_products_are_refused_naming_the_field(
    client: httpx.Client, org: Org, change: dict[str, Any], field: str
) -> None:
    """P17: every refusal is problem JSON that names the field."""
    response = client.post("/api/v1/products", headers=org.admin, json=product_form(**change))
    body = problem(response, 422)
    assert body["code"] == "invalid_input"
    assert any(f == field or f.startswith(f"{field}.") for f in error_fields(body)), body


def test_options_may_not_make_the_price_negative(client: httpx.Client, org: Org) -> None:
    cheaper = {**COLOURS, "choices": [{**COLOURS["choices"][0], "price_delta_minor": -500}]}
    refused = client.post(
        "/api/v1/products", headers=org.admin, json=product_form(price_minor=400, options=[cheaper])
    )
    assert problem(refused, 422)["code"] == "invalid_input"
    made = create(client, org.admin, price_minor=500, options=[cheaper])
    lowered = client.patch(
        f"/api/v1/products/{made['id']}", headers=org.admin, json={"price_minor": 499}
    )
    assert "options" in error_fields(problem(lowered, 422))


def test_vat_exclusive_organisation(client: httpx.Client, org: Org) -> None:
    assert client.get("/api/v1/catalogue/settings", headers=org.admin).json() == {
        "prices_include_vat": True
    }
    put = client.put(
        "/api/v1/catalogue/settings", headers=org.admin, json={"prices_include_vat": False}
    )
    assert put.status_code == 200, put.text
    made = create(client, org.admin, price_minor=1000, currency="NOK", vat_rate="25")
    assert made["unit_price"]["net_minor"] == 1000
    assert made["unit_price"]["vat_minor"] == 250
    assert made["unit_price"]["display"] == {"en": "NOK12.50", "nl": "NOK\xa012,50"}


def test_scopes(client: httpx.Client, org: Org) -> None:
    """A read key (or one with another scope) reads but cannot write; a catalogue key writes;
    clerks read; only admins change the catalogue."""
    made = create(client, org.admin)
    url = f"/api/v1/products/{made['id']}"
    _, clerk = add_user(client, org, "clerk")
    readers = [key(client, org, "read"), key(client, org, "recordings"), bearer(clerk)]
    for headers in readers:
        assert client.get("/api/v1/products", headers=headers).status_code == 200
        assert client.get(url, headers=headers).status_code == 200
        assert client.get("/api/v1/products/search?q=desk", headers=headers).status_code == 200
        writes = [
            client.post("/api/v1/products", headers=headers, json=product_form()),
            client.patch(url, headers=headers, json={"active": False}),
            client.delete(url, headers=headers),
            client.post(
                "/api/v1/products/bulk", headers=headers, json={"products": [product_form()]}
            ),
            client.put(f"{url}/image", headers=headers, content=b"x"),
            client.put(
                "/api/v1/catalogue/settings", headers=headers, json={"prices_include_vat": False}
            ),
        ]
        for response in writes:
            assert problem(response, 403)["code"] == "forbidden"
    writer = key(client, org, "catalogue")
    create(client, writer)
    assert client.patch(url, headers=writer, json={"active": False}).status_code == 200
    assert client.delete(url, headers=bearer(org.live_key)).status_code == 204
    problem(client.get("/api/v1/products"), 401)


def test_another_organisations_product_is_like_a_missing_one(
    client: httpx.Client, org: Org
) -> None:
    """P17: another organisation's product answers exactly like a missing one."""
    theirs = create(client, new_org(client).admin)
    mine = create(client, org.admin)
    for headers in (org.admin, bearer(org.live_key)):
        for product_id in (theirs["id"], "prd_missing"):
            url = f"/api/v1/products/{product_id}"
            answers = [
                client.get(url, headers=headers),
                client.patch(url, headers=headers, json={"name": {"en": "Mine", "nl": "Mijn"}}),
                client.delete(url, headers=headers),
                client.put(f"{url}/image", headers=headers, content=b"not even an image"),
            ]
            for response in answers:
                assert problem(response, 404)["code"] == "not_found"
                assert response.json()["detail"] == (
                    "No product with that id exists in your organisation."
                )
    listed = client.get("/api/v1/products", headers=org.admin, params={"limit": 500}).json()
    assert [p["id"] for p in listed["items"]] == [mine["id"]]
    searched = client.get("/api/v1/products/search", headers=org.admin, params={"q": "desk"})
    assert [p["id"] for p in searched.json()["items"]] == [mine["id"]]


def test_listing_filters_and_pages(client: httpx.Client, org: Org) -> None:
    for n in range(5):
        create(client, org.admin, sku=f"A-{n}", currency="EUR" if n % 2 else "NOK")
    create(
        client,
        org.admin,
        sku="B-1",
        active=False,
        currency="NOK",
        name={"en": "Floor rug", "nl": "Kleed"},
    )
    seen: list[str] = []
    after = None
    while True:
        params: dict[str, Any] = {"limit": 2, **({"after": after} if after else {})}
        page = client.get("/api/v1/products", headers=org.admin, params=params).json()
        seen += [p["sku"] for p in page["items"]]
        after = page["next_cursor"]
        if after is None:
            break
    assert seen == ["A-0", "A-1", "A-2", "A-3", "A-4", "B-1"]

    def skus(**params: Any) -> list[str]:
        response = client.get("/api/v1/products", headers=org.admin, params=params)
        assert response.status_code == 200, response.text
        return [p["sku"] for p in response.json()["items"]]

    assert skus(active=False) == ["B-1"]
    assert skus(currency="EUR") == ["A-1", "A-3"]
    assert skus(q="rug") == ["B-1"]
    assert skus(q="desk", currency="NOK") == ["A-0", "A-2", "A-4"]


def test_bulk_upsert_reports_each_row(client: httpx.Client, org: Org) -> None:
    kept = create(client, org.admin, sku="KEEP-1")
    changed = create(client, org.admin, sku="CHANGE-1")
    rows = [
        product_form("NEW-1"),
        product_form("KEEP-1"),
        product_form("CHANGE-1", price_minor=1234),
        product_form("BAD-1", price_minor=-5, currency="EURO"),
        {"sku": "BAD-2"},
        product_form("NEW-1"),
        "not an object",
    ]
    refused = client.post("/api/v1/products/bulk", headers=org.admin, json={"products": rows})
    assert "products.6" in error_fields(problem(refused, 422))

    response = client.post("/api/v1/products/bulk", headers=org.admin, json={"products": rows[:6]})
    assert response.status_code == 200, response.text
    result = response.json()
    assert (result["created"], result["updated"], result["unchanged"], result["failed"]) == (
        1,
        1,
        1,
        3,
    )
    by_row = {r["row"]: r for r in result["rows"]}
    assert [by_row[i]["status"] for i in range(6)] == [
        "created",
        "unchanged",
        "updated",
        "error",
        "error",
        "error",
    ]
    assert by_row[1]["id"] == kept["id"]
    assert by_row[2]["id"] == changed["id"]
    assert {e["field"] for e in by_row[3]["errors"]} == {"price_minor", "currency"}
    assert {e["field"] for e in by_row[4]["errors"]} >= {"name", "price_minor", "currency"}
    assert by_row[5]["code"] == "duplicate_sku"
    new = client.get(f"/api/v1/products/{by_row[0]['id']}", headers=org.admin).json()
    assert new["sku"] == "NEW-1"
    updated = client.get(f"/api/v1/products/{changed['id']}", headers=org.admin).json()
    assert updated["price_minor"] == 1234
    assert (
        client.get("/api/v1/products", headers=org.admin, params={"q": "BAD"}).json()["items"] == []
    )


def test_an_upsert_compares_options_as_stored(client: httpx.Client, org: Org) -> None:
    """The same options (names in any letters) leave a product unchanged; others update it."""
    colours = {**COLOURS, "name": {"en": "Colour", "nl": "Kleur – één"}}
    create(client, org.admin, sku="OPT-1", options=[colours])
    finishes = {**colours, "code": "finish"}

    def upsert(options: list[dict[str, Any]]) -> str:
        form = product_form("OPT-1", options=options)
        response = client.post(
            "/api/v1/products/bulk", headers=org.admin, json={"products": [form]}
        )
        assert response.status_code == 200, response.text
        return str(response.json()["rows"][0]["status"])

    assert [upsert(o) for o in ([colours], [finishes], [finishes], [])] == [
        "unchanged",
        "updated",
        "unchanged",
        "updated",
    ]


def test_bulk_upsert_takes_five_thousand_rows_and_no_more(client: httpx.Client, org: Org) -> None:
    rows = [product_form(f"MANY-{n:05}") for n in range(5000)]
    writer = key(client, org, "catalogue")
    response = client.post("/api/v1/products/bulk", headers=writer, json={"products": rows})
    assert response.status_code == 200, response.text
    assert response.json()["created"] == 5000
    again = client.post("/api/v1/products/bulk", headers=writer, json={"products": rows})
    assert again.json()["unchanged"] == 5000
    too_many = client.post(
        "/api/v1/products/bulk", headers=writer, json={"products": [*rows, product_form()]}
    )
    assert "products" in error_fields(problem(too_many, 422))
    huge = client.post(
        "/api/v1/products/bulk",
        headers={**writer, "content-type": "application/json"},
        content=b'{"products": [' + b" " * (32 * 1024 * 1024) + b"]}",
    )
    assert problem(huge, 413)["code"] == "payload_too_large"


def test_search_by_prefix_name_sku_and_option(client: httpx.Client, org: Org) -> None:
    lamp = create(client, org.admin, sku="LMP-100", options=[COLOURS])
    chair = create(client, org.admin, sku="CHR-7", name={"en": "Office chair", "nl": "Bureaustoel"})
    create(client, org.admin, sku="RUG-1", name={"en": "Rug", "nl": "Vloerkleed"}, active=False)

    def found(q: str, **params: Any) -> list[str]:
        response = client.get(
            "/api/v1/products/search", headers=org.admin, params={"q": q, **params}
        )
        assert response.status_code == 200, response.text
        return [p["id"] for p in response.json()["items"]]

    assert found("l") == [lamp["id"]]
    assert found("lam") == [lamp["id"]]
    assert set(found("Bureau")) == {lamp["id"], chair["id"]}
    assert found("lmp-1") == [lamp["id"]]
    assert found("chr") == [chair["id"]]
    assert found("messing") == [lamp["id"]]
    assert found("brass lam") == [lamp["id"]]
    assert found("bureaustoel") == [chair["id"]]
    assert len(found("vloer")) == 1
    assert found("vloer", active=True) == []
    # FTS5 syntax in the input is only text.
    for q in ['"', "lam*", "NEAR(lamp chair)", "name_en:lamp", "lamp OR chair", "*", "(", "^"]:
        response = client.get("/api/v1/products/search", headers=org.admin, params={"q": q})
        assert response.status_code == 200, (q, response.text)
    assert found("lamp OR chair") == []
    assert found("name_en:lamp") == []
    problem(client.get("/api/v1/products/search", headers=org.admin, params={"q": "x" * 101}), 422)
    problem(
        client.get("/api/v1/products/search", headers=org.admin, params={"q": "l", "limit": 51}),
        422,
    )


def test_search_ignores_accents_on_either_side(client: httpx.Client, org: Org) -> None:
    table = create(
        client, org.admin, sku="CAF-1", name={"en": "Café table", "nl": "Crèmekleurige tafel"}
    )
    plain = create(client, org.admin, sku="CAF-2", name={"en": "Cafe chair", "nl": "Naïeve stoel"})

    def found(q: str) -> set[str]:
        response = client.get("/api/v1/products/search", headers=org.admin, params={"q": q})
        assert response.status_code == 200, response.text
        return {p["id"] for p in response.json()["items"]}

    assert found("cafe") == found("café") == found("CAFÉ") == {table["id"], plain["id"]}
    assert found("creme") == found("crème") == {table["id"]}
    assert found("naie") == found("naïe") == {plain["id"]}


def test_catalogue_tables_hold_no_visitor_data(server: LiveServer) -> None:
    """P1: the catalogue has no column for anything about a visitor."""
    allowed = {
        "catalogue_settings": {"organisation_id", "prices_include_vat", "updated_at"},
        "product_images": {"name", "media_type", "width", "height", "data", "created_at"},
        "products": {
            "n", "id", "organisation_id", "sku", "name_en", "name_nl", "description_en",
            "description_nl", "price_minor", "currency", "vat_rate", "active", "options",
            "option_text", "image", "created_at", "updated_at",
        },
        "bundles": {
            "id", "organisation_id", "sku", "name_en", "name_nl", "description_en",
            "description_nl", "price_minor", "currency", "vat_rate", "active", "created_at",
            "updated_at",
        },
        "bundle_items": {"bundle_id", "product_id", "quantity", "position"},
    }  # fmt: skip
    with server.database() as db:
        for table, columns in allowed.items():
            assert set(table_columns(db, table)) == columns, table

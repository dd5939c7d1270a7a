"""Queues and widget configurations over the real REST API; the public widget endpoints;
business hours as pure rules (tables and properties). Promises: P1, P2."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from server.widgets import rules
from server.widgets.models import LIMITS, MAX_INTERVALS_PER_DAY
from server.widgets.service import QueueDefinition, queue_names, widget_context
from tests.accounts_helpers import Org, add_user, new_org
from tests.live_server import LiveServer, live_server

EVERY_DAY = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ALWAYS = {"time_zone": "Europe/Amsterdam", "weekly": {d: [["00:00", "24:00"]] for d in EVERY_DAY}}
OFFICE = {
    "time_zone": "Europe/Amsterdam",
    "weekly": {d: [["09:00", "17:00"]] for d in EVERY_DAY[:5]},
}
PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 32).decode()


def queue(
    client: httpx.Client, org: Org, en: str = "Sales", nl: str = "Verkoop", **more: Any
) -> Any:
    response = client.post(
        "/api/v1/queues", headers=org.admin, json={"name": {"en": en, "nl": nl}, **more}
    )
    assert response.status_code == 201, response.text
    return response.json()


def widget_form(queue_ids: list[str], **overrides: Any) -> dict[str, Any]:
    return {
        "name": "Web shop",
        "queue_ids": queue_ids,
        "allowed_origins": ["https://shop.example"],
        "business_hours": ALWAYS,
        "privacy_notice_url": "https://shop.example/privacy",
        **overrides,
    }


def widget(client: httpx.Client, org: Org, queue_ids: list[str], **overrides: Any) -> Any:
    response = client.post(
        "/api/v1/widgets", headers=org.admin, json=widget_form(queue_ids, **overrides)
    )
    assert response.status_code == 201, response.text
    return response.json()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def read_key(client: httpx.Client, org: Org) -> str:
    response = client.post(
        "/api/v1/api-keys", headers=org.admin, json={"name": "reader", "scopes": ["read"]}
    )
    response.raise_for_status()
    return str(response.json()["secret"])


def fields_of(response: httpx.Response) -> set[str]:
    assert response.status_code == 422, response.text
    return {e["field"] for e in response.json()["errors"]}


def audit_events(client: httpx.Client, org: Org, target: str) -> list[str]:
    items = client.get("/api/v1/audit", headers=org.admin).json()["items"]
    return sorted(e["event"] for e in items if e["target"] == target)


@pytest.fixture
def org(client: httpx.Client) -> Org:
    return new_org(client)


@pytest.fixture(scope="module")
def shared(server: LiveServer) -> Iterator[tuple[httpx.Client, Org, str]]:
    """One organisation with one queue for the many validation cases (sign-up is slow)."""
    with httpx.Client(base_url=server.url, timeout=30) as client:
        org = new_org(client)
        yield client, org, queue(client, org)["id"]


# ---- queues ------------------------------------------------------------------------------------


def test_queue_crud_with_defaults_and_audit(client: httpx.Client, org: Org) -> None:
    created = queue(client, org, max_length=5)
    assert created["name"] == {"en": "Sales", "nl": "Verkoop"}
    assert (created["max_length"], created["target_seconds"], created["target_share"]) == (
        5,
        20,
        0.8,
    )
    qid = created["id"]
    listed = client.get("/api/v1/queues", headers=org.admin).json()["items"]
    assert [q["id"] for q in listed] == [qid]
    changed = client.patch(
        f"/api/v1/queues/{qid}",
        headers=org.admin,
        json={"target_seconds": 30, "name": {"en": "Shop", "nl": "Winkel"}},
    )
    assert changed.status_code == 200
    assert changed.json()["target_seconds"] == 30
    assert client.get(f"/api/v1/queues/{qid}", headers=org.admin).json()["name"]["nl"] == "Winkel"
    assert client.delete(f"/api/v1/queues/{qid}", headers=org.admin).status_code == 204
    assert client.get(f"/api/v1/queues/{qid}", headers=org.admin).status_code == 404
    assert audit_events(client, org, qid) == ["queue.created", "queue.deleted", "queue.updated"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": {"en": "Sales", "nl": "Verkoop"}, "max_length": 0}, "max_length"),
        ({"name": {"en": "Sales", "nl": "Verkoop"}, "max_length": 1001}, "max_length"),
        ({"name": {"en": "Sales", "nl": "Verkoop"}, "target_share": 1.5}, "target_share"),
        ({"name": {"en": "Sales", "nl": "Verkoop"}, "target_seconds": 0}, "target_seconds"),
        ({"name": {}}, "name"),  # one name at least
        ({"name": {"en": " ", "nl": None}}, "name"),  # a blank name is no name
        ({"name": {"en": "x" * 101}}, "name.en"),
    ],
)
def test_queue_validation_names_the_field(
    shared: tuple[httpx.Client, Org, str], body: dict[str, Any], field: str
) -> None:
    client, org, _ = shared
    assert field in fields_of(client.post("/api/v1/queues", headers=org.admin, json=body))


@pytest.mark.parametrize(
    ("given", "stored", "shown_en", "shown_nl"),
    [
        ({"en": "Sales"}, {"en": "Sales", "nl": None}, "Sales", "Sales"),
        ({"nl": "Verkoop", "en": ""}, {"en": None, "nl": "Verkoop"}, "Verkoop", "Verkoop"),
        ({"en": "Sales", "nl": "Verkoop"}, {"en": "Sales", "nl": "Verkoop"}, "Sales", "Verkoop"),
    ],
)
def test_a_queue_needs_one_name_and_the_other_language_falls_back_to_it(
    client: httpx.Client,
    server: LiveServer,
    org: Org,
    given: dict[str, str],
    stored: dict[str, str | None],
    shown_en: str,
    shown_nl: str,
) -> None:
    created = client.post("/api/v1/queues", headers=org.admin, json={"name": given})
    assert created.status_code == 201, created.text
    qid = created.json()["id"]
    assert created.json()["name"] == stored  # the admin sees which name is missing
    assert client.get(f"/api/v1/queues/{qid}", headers=org.admin).json()["name"] == stored
    key = widget(client, org, [qid])["widget_key"]
    for language, shown in (("en", shown_en), ("nl", shown_nl)):
        config = client.get(f"/w/{key}/config", params={"lang": language}).json()
        assert config["queues"] == [{"id": qid, "name": shown}]  # the visitor's panel
    with server.database() as db:  # what the clerk's queue and the supervisor are given
        names = queue_names(db, organisation_id=org.id)[qid]
    assert names == {"en": shown_en, "nl": shown_nl}


def test_changing_a_queues_names_may_leave_one_out(client: httpx.Client, org: Org) -> None:
    qid = queue(client, org)["id"]
    changed = client.patch(
        f"/api/v1/queues/{qid}", headers=org.admin, json={"name": {"nl": "Winkel"}}
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["name"] == {"en": None, "nl": "Winkel"}
    key = widget(client, org, [qid])["widget_key"]
    assert client.get(f"/w/{key}/config").json()["queues"][0]["name"] == "Winkel"
    refused = client.patch(f"/api/v1/queues/{qid}", headers=org.admin, json={"name": {"en": " "}})
    assert "name" in fields_of(refused)


@pytest.mark.parametrize(
    ("en", "nl", "language", "shown"),
    [
        ("Sales", "Verkoop", "en", "Sales"),
        ("Sales", "Verkoop", "nl", "Verkoop"),
        ("Sales", "", "nl", "Sales"),
        ("", "Verkoop", "en", "Verkoop"),
        ("Sales", "", "de", "Sales"),  # any other language asks for English
    ],
)
def test_local_name_falls_back_to_the_other_language(
    en: str, nl: str, language: str, shown: str
) -> None:
    assert rules.local_name(en, nl, language) == shown


def test_queue_roles(client: httpx.Client, org: Org) -> None:
    qid = queue(client, org)["id"]
    _, clerk = add_user(client, org, "clerk")
    _, supervisor = add_user(client, org, "supervisor")
    key = read_key(client, org)
    for token in (clerk, supervisor, key):
        assert client.get("/api/v1/queues", headers=bearer(token)).status_code == 200
        assert client.get(f"/api/v1/queues/{qid}", headers=bearer(token)).status_code == 200
        post = client.post(
            "/api/v1/queues", headers=bearer(token), json={"name": {"en": "x", "nl": "x"}}
        )
        assert post.status_code == 403
        assert (
            client.patch(f"/api/v1/queues/{qid}", headers=bearer(token), json={}).status_code == 403
        )
        assert client.delete(f"/api/v1/queues/{qid}", headers=bearer(token)).status_code == 403
    assert client.get("/api/v1/queues").status_code == 401


def test_another_organisations_queue_is_not_found(client: httpx.Client, org: Org) -> None:
    qid = queue(client, org)["id"]
    other = new_org(client)
    assert client.get("/api/v1/queues", headers=other.admin).json()["items"] == []
    for method, body in (("GET", None), ("PATCH", {"max_length": 3}), ("DELETE", None)):
        response = client.request(method, f"/api/v1/queues/{qid}", headers=other.admin, json=body)
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    assert client.get(f"/api/v1/queues/{qid}", headers=org.admin).json()["max_length"] == 50


def test_a_queue_a_widget_offers_cannot_be_deleted(client: httpx.Client, org: Org) -> None:
    sales, service = queue(client, org)["id"], queue(client, org, "Service", "Service")["id"]
    wid = widget(client, org, [sales, service])["id"]
    refused = client.delete(f"/api/v1/queues/{sales}", headers=org.admin)
    assert refused.status_code == 409
    assert refused.json()["code"] == "queue_in_use"
    assert "Web shop" in refused.json()["detail"]
    client.patch(
        f"/api/v1/widgets/{wid}", headers=org.admin, json={"queue_ids": [service]}
    ).raise_for_status()
    assert client.delete(f"/api/v1/queues/{sales}", headers=org.admin).status_code == 204


# ---- widgets -----------------------------------------------------------------------------------


def test_widget_crud_key_and_embed_snippet(
    client: httpx.Client, server: LiveServer, org: Org
) -> None:
    qids = [queue(client, org)["id"], queue(client, org, "Service", "Service")["id"]]
    created = widget(client, org, qids)
    key = created["widget_key"]
    assert re.fullmatch(r"wk_[A-Za-z0-9_-]{32}", key)
    assert (
        created["embed_snippet"]
        == f'<script src="{server.url}/widget.js" data-widget="{key}" async></script>'
    )
    assert created["panel_url"] == f"{server.url}/w/{key}"
    assert created["queue_ids"] == qids
    assert created["consent_text_version"] == 1
    assert created["greeting"]["nl"]
    assert created["consent"]["recording"]["en"]
    wid = created["id"]
    assert client.get(f"/api/v1/widgets/{wid}", headers=org.admin).json() == created
    assert [w["id"] for w in client.get("/api/v1/widgets", headers=org.admin).json()["items"]] == [
        wid
    ]
    changed = client.patch(
        f"/api/v1/widgets/{wid}",
        headers=org.admin,
        json={"name": "Shop", "queue_ids": qids[::-1], "brand_colour": "#AABBCC"},
    ).json()
    assert (changed["name"], changed["queue_ids"], changed["brand_colour"]) == (
        "Shop",
        qids[::-1],
        "#aabbcc",
    )
    assert changed["widget_key"] == key
    assert client.delete(f"/api/v1/widgets/{wid}", headers=org.admin).status_code == 204
    assert client.get(f"/api/v1/widgets/{wid}", headers=org.admin).status_code == 404
    assert client.get(f"/w/{key}/config").status_code == 404
    assert audit_events(client, org, wid) == ["widget.created", "widget.deleted", "widget.updated"]


def test_origins_are_normalised(client: httpx.Client, org: Org) -> None:
    qid = queue(client, org)["id"]
    origins = [
        "HTTPS://Shop.Example:443/",
        "https://shop.example",
        "http://127.0.0.1:8080",
        "http://[::1]:80",
    ]
    created = widget(client, org, [qid], allowed_origins=origins)
    assert created["allowed_origins"] == [
        "https://shop.example",
        "http://127.0.0.1:8080",
        "http://[::1]",
    ]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"allowed_origins": ["https://shop.example/page"]}, "allowed_origins.0"),
        ({"allowed_origins": ["ftp://shop.example"]}, "allowed_origins.0"),
        ({"allowed_origins": ["https://a.example; script-src *"]}, "allowed_origins.0"),
        ({"allowed_origins": ["https://user@shop.example"]}, "allowed_origins.0"),
        ({"allowed_origins": ["https://*.shop.example"]}, "allowed_origins.0"),
        ({"allowed_origins": []}, "allowed_origins"),
        ({"queue_ids": []}, "queue_ids"),
        (
            {"business_hours": {**ALWAYS, "time_zone": "Mars/Olympus_Mons"}},
            "business_hours.time_zone",
        ),
        (
            {"business_hours": {**ALWAYS, "time_zone": "../../etc/passwd"}},
            "business_hours.time_zone",
        ),
        (
            {"business_hours": {**ALWAYS, "weekly": {"mon": [["17:00", "09:00"]]}}},
            "business_hours.weekly",
        ),
        (
            {
                "business_hours": {
                    **ALWAYS,
                    "weekly": {"mon": [["09:00", "13:00"], ["12:00", "17:00"]]},
                }
            },
            "business_hours.weekly",
        ),
        (
            {"business_hours": {**ALWAYS, "weekly": {"mon": [["25:00", "26:00"]]}}},
            "business_hours.weekly.mon.0.0",
        ),
        (
            {"business_hours": {**ALWAYS, "weekly": {"funday": [["09:00", "17:00"]]}}},
            "business_hours.weekly.funday.[key]",
        ),
        ({"business_hours": {**ALWAYS, "holidays": ["2024-13-01"]}}, "business_hours.holidays.0"),
        ({"brand_colour": "red"}, "brand_colour"),
        ({"logo": "https://shop.example/logo.png"}, "logo"),
        ({"logo": f"data:image/jpeg;base64,{PNG}"}, "logo"),
        (
            {
                "logo": "data:image/png;base64,"
                + base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 102_400).decode()
            },
            "logo",
        ),
        ({"privacy_notice_url": "javascript:alert(1)"}, "privacy_notice_url"),
        ({"greeting": {"en": "Hello"}}, "greeting.nl"),
        ({"consent": {"recording": {"en": "Record?", "nl": "Opnemen?"}}}, "consent.transcription"),
        ({"visitor_email": True}, "visitor_email"),
    ],
)
def test_widget_validation_names_the_field(
    shared: tuple[httpx.Client, Org, str], overrides: dict[str, Any], field: str
) -> None:
    client, org, qid = shared
    response = client.post(
        "/api/v1/widgets", headers=org.admin, json={**widget_form([qid]), **overrides}
    )
    assert field in fields_of(response)
    assert response.json()["code"] == "invalid_input"


# Every visitor's /w/<key>/config walks each day's intervals for a year of days: hundreds of
# intervals a day made it sixty times slower, so a configuration's size is capped.
TWO_MINUTE_SLOTS = [[f"{h:02d}:{m:02d}", f"{h:02d}:{m + 1:02d}"] for h in range(24) for m in (0, 2)]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"business_hours": {**ALWAYS, "weekly": {"mon": TWO_MINUTE_SLOTS}}}, "weekly.mon"),
        (
            {
                "business_hours": {
                    **ALWAYS,
                    "holidays": [str(date(2030, 1, 1) + timedelta(d)) for d in range(401)],
                }
            },
            "holidays",
        ),
        ({"allowed_origins": [f"https://s{i}.example" for i in range(21)]}, "allowed_origins"),
        ({"privacy_notice_url": "https://shop.example/" + "p" * 2000}, "privacy_notice_url"),
        ({"greeting": {"en": "Hello" * 101, "nl": "Hallo"}}, "greeting.en"),
        ({"name": "n" * 101}, "name"),
    ],
)
def test_an_oversized_configuration_is_refused(
    shared: tuple[httpx.Client, Org, str], overrides: dict[str, Any], field: str
) -> None:
    client, org, qid = shared
    response = client.post(
        "/api/v1/widgets", headers=org.admin, json={**widget_form([qid]), **overrides}
    )
    assert any(f.endswith(field) for f in fields_of(response)), response.text
    assert response.json()["code"] == "invalid_input"


def test_the_busiest_allowed_day_is_accepted_and_the_limits_are_documented(
    shared: tuple[httpx.Client, Org, str],
) -> None:
    client, org, qid = shared
    busiest = {"mon": TWO_MINUTE_SLOTS[:MAX_INTERVALS_PER_DAY]}
    created = widget(client, org, [qid], business_hours={**ALWAYS, "weekly": busiest})
    assert created["business_hours"]["weekly"]["mon"] == busiest["mon"]
    documented = (Path(__file__).parents[1] / "docs" / "widget.md").read_text()
    for what, number in LIMITS.items():
        assert f"| {what} | {number:,} |" in documented, what


def test_widget_queues_must_belong_to_the_organisation(client: httpx.Client, org: Org) -> None:
    own = queue(client, org)["id"]
    foreign = queue(client, new_org(client))["id"]
    for queue_ids in ([own, foreign], ["que_does_not_exist"]):
        response = client.post("/api/v1/widgets", headers=org.admin, json=widget_form(queue_ids))
        assert response.status_code == 422
        assert response.json()["code"] == "unknown_queue"
        assert [e["field"] for e in response.json()["errors"]] == ["queue_ids"]
    wid = widget(client, org, [own])["id"]
    patch = client.patch(f"/api/v1/widgets/{wid}", headers=org.admin, json={"queue_ids": [foreign]})
    assert patch.status_code == 422
    assert client.get(f"/api/v1/widgets/{wid}", headers=org.admin).json()["queue_ids"] == [own]


def test_widget_roles(client: httpx.Client, org: Org) -> None:
    wid = widget(client, org, [queue(client, org)["id"]])["id"]
    key = read_key(client, org)
    assert client.get("/api/v1/widgets", headers=bearer(key)).status_code == 200
    assert client.get(f"/api/v1/widgets/{wid}", headers=bearer(key)).status_code == 200
    assert client.post(f"/api/v1/widgets/{wid}/rotate-key", headers=bearer(key)).status_code == 403
    assert client.post("/api/v1/widgets", headers=bearer(org.live_key), json={}).status_code == 403
    for role in ("clerk", "supervisor"):
        _, token = add_user(client, org, role)
        assert client.get("/api/v1/widgets", headers=bearer(token)).status_code == 403
        assert (
            client.patch(f"/api/v1/widgets/{wid}", headers=bearer(token), json={}).status_code
            == 403
        )
        assert client.delete(f"/api/v1/widgets/{wid}", headers=bearer(token)).status_code == 403
    assert client.get("/api/v1/widgets").status_code == 401


def test_another_organisations_widget_is_not_found(client: httpx.Client, org: Org) -> None:
    wid = widget(client, org, [queue(client, org)["id"]])["id"]
    other = new_org(client)
    assert client.get("/api/v1/widgets", headers=other.admin).json()["items"] == []
    for method, path, body in (
        ("GET", f"/api/v1/widgets/{wid}", None),
        ("PATCH", f"/api/v1/widgets/{wid}", {"name": "Taken over"}),
        ("DELETE", f"/api/v1/widgets/{wid}", None),
        ("POST", f"/api/v1/widgets/{wid}/rotate-key", None),
    ):
        response = client.request(method, path, headers=other.admin, json=body)
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    assert client.get(f"/api/v1/widgets/{wid}", headers=org.admin).json()["name"] == "Web shop"


def test_rotating_the_key_retires_the_old_one(client: httpx.Client, org: Org) -> None:
    created = widget(client, org, [queue(client, org)["id"]])
    old = created["widget_key"]
    rotated = client.post(f"/api/v1/widgets/{created['id']}/rotate-key", headers=org.admin)
    assert rotated.status_code == 200
    new = rotated.json()["widget_key"]
    assert new != old
    assert new.startswith("wk_")
    assert new in rotated.json()["embed_snippet"]
    assert client.get(f"/w/{old}").status_code == 404
    assert client.get(f"/w/{old}/config").status_code == 404
    assert client.get(f"/w/{new}/config").status_code == 200
    assert "widget.key_rotated" in audit_events(client, org, created["id"])


def test_changed_consent_text_gets_a_new_version(client: httpx.Client, org: Org) -> None:
    created = widget(client, org, [queue(client, org)["id"]])
    path = f"/api/v1/widgets/{created['id']}"
    same = client.patch(path, headers=org.admin, json={"consent": created["consent"]}).json()
    assert same["consent_text_version"] == 1
    greeting = client.patch(
        path, headers=org.admin, json={"greeting": {"en": "Hi", "nl": "Hoi"}}
    ).json()
    assert greeting["consent_text_version"] == 1
    consent = {
        **created["consent"],
        "recording": {"en": "Record this call?", "nl": "Dit gesprek opnemen?"},
    }
    changed = client.patch(path, headers=org.admin, json={"consent": consent}).json()
    assert changed["consent_text_version"] == 2
    assert changed["consent"]["recording"]["nl"] == "Dit gesprek opnemen?"
    config = client.get(f"/w/{created['widget_key']}/config?lang=nl").json()
    assert config["consent"]["recording"] == "Dit gesprek opnemen?"
    assert config["consent_text_version"] == "2"


def test_logo_as_data_url_and_removing_it(client: httpx.Client, org: Org) -> None:
    svg = base64.b64encode(b'<svg xmlns="http://www.w3.org/2000/svg"/>').decode()
    created = widget(
        client, org, [queue(client, org)["id"]], logo=f"data:image/svg+xml;base64,{svg}"
    )
    path = f"/api/v1/widgets/{created['id']}"
    png = client.patch(
        path, headers=org.admin, json={"logo": f"data:image/png;base64,{PNG}"}
    ).json()
    assert png["logo"] == f"data:image/png;base64,{PNG}"
    kept = client.patch(
        path, headers=org.admin, json={"name": "Renamed", "brand_colour": None}
    ).json()
    assert kept["logo"] == png["logo"]
    assert kept["brand_colour"] == created["brand_colour"]
    assert client.patch(path, headers=org.admin, json={"logo": None}).json()["logo"] is None


# ---- the public side ---------------------------------------------------------------------------


def test_panel_page_csp_frames_only_allowed_origins(
    client: httpx.Client, server: LiveServer, org: Org
) -> None:
    origins = ["https://shop.example", "http://127.0.0.1:9999"]
    key = widget(client, org, [queue(client, org)["id"]], allowed_origins=origins)["widget_key"]
    response = client.get(f"/w/{key}", params={"embed": "1"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    directives = {
        d.strip().split(" ", 1)[0]: d.strip().split(" ", 1)[1]
        for d in response.headers["content-security-policy"].split(";")
    }
    assert directives["frame-ancestors"] == "'self' https://shop.example http://127.0.0.1:9999"
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["connect-src"] == f"'self' {server.url.replace('http://', 'ws://')}"
    assert directives["object-src"] == "'none'"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "x-frame-options" not in response.headers


def test_no_public_response_sets_a_cookie(client: httpx.Client, org: Org) -> None:
    """P1, P2: the widget works without sign-up and leaves nothing in the visitor's browser."""
    key = widget(client, org, [queue(client, org)["id"]])["widget_key"]
    for path in (
        "/widget.js",
        f"/w/{key}",
        f"/w/{key}?embed=1",
        f"/w/{key}/config?lang=nl",
        "/widget/static/panel.js",
        "/widget/static/panel.css",
        "/w/wk_unknown",
        "/w/wk_unknown/config",
    ):
        response = client.get(path, headers={"Origin": "https://shop.example"})
        assert response.status_code in (200, 404), path
        assert "set-cookie" not in response.headers, path
    assert not client.cookies


def test_unknown_widget_key(client: httpx.Client) -> None:
    page = client.get("/w/wk_nobody_has_this_key")
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    config = client.get("/w/wk_nobody_has_this_key/config")
    assert config.status_code == 404
    assert config.headers["content-type"] == "application/problem+json"
    assert config.json()["code"] == "not_found"


def test_loader_script_and_assets_are_served(client: httpx.Client) -> None:
    loader = client.get("/widget.js")
    assert loader.status_code == 200
    assert loader.headers["content-type"].startswith("text/javascript")
    assert "data-widget" in loader.text or "dataset.widget" in loader.text
    for asset in ("panel.js", "i18n.js", "call.js", "media.js", "socket.js", "panel.css"):
        assert client.get(f"/widget/static/{asset}").status_code == 200, asset
    assert client.get("/widget/static/../../server/config.py").status_code == 404


def test_config_in_both_languages_with_cors_for_allowed_origins(
    client: httpx.Client, org: Org
) -> None:
    sales = queue(client, org)["id"]
    key = widget(client, org, [sales], brand_colour="#123456")["widget_key"]
    nl = client.get(
        f"/w/{key}/config", params={"lang": "nl"}, headers={"Origin": "https://shop.example"}
    )
    assert nl.json()["queues"] == [{"id": sales, "name": "Verkoop"}]
    assert (nl.json()["language"], nl.json()["brand_colour"]) == ("nl", "#123456")
    assert (nl.json()["is_open"], nl.json()["opens_at"]) == (True, None)
    assert nl.headers["access-control-allow-origin"] == "https://shop.example"
    en = client.get(f"/w/{key}/config")  # the panel's own request carries no Origin
    assert en.json()["queues"][0]["name"] == "Sales"
    assert "access-control-allow-origin" not in en.headers
    own = f"{client.base_url.scheme}://{client.base_url.netloc.decode()}"
    assert client.get(f"/w/{key}/config", headers={"Origin": own}).status_code == 200
    # Another site may read only the refusal, which names the setting and holds no config.
    elsewhere = client.get(f"/w/{key}/config", headers={"Origin": "https://elsewhere.example"})
    assert elsewhere.status_code == 403
    assert elsewhere.headers["access-control-allow-origin"] == "https://elsewhere.example"
    assert elsewhere.headers["content-type"] == "application/problem+json"
    refusal = elsewhere.json()
    assert refusal["code"] == "origin_not_allowed"
    assert "https://elsewhere.example" in refusal["detail"]
    assert "allowed_origins" in refusal["detail"]
    assert set(refusal) == {"type", "title", "status", "detail", "code"}
    assert client.get(f"/w/{key}/config", params={"lang": "de"}).status_code == 422


def test_config_outside_business_hours_says_when_it_opens(client: httpx.Client, org: Org) -> None:
    today = datetime.now(UTC).date()
    holidays = [str(today + timedelta(days=n)) for n in (-1, 0, 1)]
    hours = {"time_zone": "UTC", "weekly": ALWAYS["weekly"], "holidays": holidays}
    closed = widget(client, org, [queue(client, org)["id"]], business_hours=hours)["widget_key"]
    config = client.get(f"/w/{closed}/config").json()
    assert config["is_open"] is False
    assert config["opens_at"] == f"{today + timedelta(days=2)}T00:00:00+00:00"
    never = widget(
        client, org, [queue(client, org)["id"]], business_hours={"time_zone": "UTC", "weekly": {}}
    )
    assert client.get(f"/w/{never['widget_key']}/config").json()["opens_at"] is None


def test_public_endpoints_log_and_store_no_visitor_ip(
    client: httpx.Client, server: LiveServer, org: Org
) -> None:
    """P1: serving the widget writes nothing about the visitor, not even to the log."""
    key = widget(client, org, [queue(client, org)["id"]])["widget_key"]
    events = len(client.get("/api/v1/audit", headers=org.admin).json()["items"])
    log_before = len(server.log())
    for path in ("/widget.js", f"/w/{key}", f"/w/{key}/config", "/widget/static/panel.js", "/w/x"):
        client.get(path)
    assert "127.0.0.1" not in server.log()[log_before:]
    assert len(client.get("/api/v1/audit", headers=org.admin).json()["items"]) == events


@pytest.fixture
def public_server(tmp_path: Path) -> Iterator[LiveServer]:
    with live_server(
        tmp_path / "server", env={"VIDEOCLERK_PUBLIC_URL": "https://video.example.com/"}
    ) as running:
        yield running


def test_snippet_and_csp_use_the_public_url(public_server: LiveServer) -> None:
    with httpx.Client(base_url=public_server.url, timeout=30) as client:
        org = new_org(client)
        created = widget(client, org, [queue(client, org)["id"]])
        key = created["widget_key"]
        assert created["embed_snippet"] == (
            f'<script src="https://video.example.com/widget.js" data-widget="{key}" async></script>'
        )
        csp = client.get(f"/w/{key}").headers["content-security-policy"]
        assert "connect-src 'self' wss://video.example.com;" in csp


# ---- the interface the queue runtime uses ------------------------------------------------------


def test_widget_context_and_queue_names(client: httpx.Client, server: LiveServer, org: Org) -> None:
    sales = queue(client, org, max_length=7, target_seconds=30, target_share=0.9)["id"]
    service = queue(client, org, "Service", "Klantenservice")["id"]
    hours = {**OFFICE, "holidays": ["2024-06-03"]}
    created = widget(
        client, org, [service, sales], business_hours=hours, allowed_origins=["https://a.example"]
    )
    with server.database() as db:
        saturday = datetime(2024, 6, 1, 12, tzinfo=UTC)
        context = widget_context(db, widget_key=created["widget_key"], language="nl", at=saturday)
        assert context is not None
        assert (context.organisation_id, context.widget_id) == (org.id, created["id"])
        assert context.allowed_origins == ("https://a.example",)
        assert [q.name for q in context.queues] == ["Klantenservice", "Verkoop"]
        assert context.queues[1] == QueueDefinition(sales, org.id, "Verkoop", 7, 30, 0.9)
        assert context.is_open is False
        assert context.opens_at == "2024-06-04T09:00:00+02:00"  # Monday the 3rd is a holiday
        assert context.consent_text_version == "1"
        tuesday = datetime(2024, 6, 4, 10, tzinfo=ZoneInfo("Europe/Amsterdam"))
        open_now = widget_context(db, widget_key=created["widget_key"], language="en", at=tuesday)
        assert open_now is not None
        assert (open_now.is_open, open_now.opens_at) == (True, None)
        assert open_now.queues[0].name == "Service"
        assert widget_context(db, widget_key="wk_unknown", language="en") is None
        assert queue_names(db, organisation_id=org.id) == {
            sales: {"en": "Sales", "nl": "Verkoop"},
            service: {"en": "Service", "nl": "Klantenservice"},
        }
        assert queue_names(db, organisation_id=new_org(client).id) == {}


# ---- business hours: pure rules ---------------------------------------------------------------

AMS = ZoneInfo("Europe/Amsterdam")


def ams(year: int, month: int, day: int, hour: int, minute: int, second: int = 0) -> datetime:
    """A time on the clocks in Amsterdam."""
    return datetime(year, month, day, hour, minute, second, tzinfo=AMS)


def utc(year: int, month: int, day: int, hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def hours_of(
    weekly: dict[str, list[tuple[str, str]]],
    *,
    zone: str = "Europe/Amsterdam",
    holidays: tuple[date, ...] = (),
) -> rules.Hours:
    return rules.Hours.of(zone, weekly, holidays)


OFFICE_RULES = hours_of({d: [("09:00", "17:00")] for d in EVERY_DAY[:5]})
CHRISTMAS = hours_of(
    {d: [("09:00", "17:00")] for d in EVERY_DAY[:5]},
    holidays=(date(2024, 12, 25), date(2024, 12, 26)),
)
SPRING_SUNDAY = hours_of({"sun": [("02:30", "04:00")]})  # 2024-03-31: 02:00 CET -> 03:00 CEST
AUTUMN_SUNDAY = hours_of({"sun": [("02:00", "02:30")]})  # 2024-10-27: 03:00 CEST -> 02:00 CET
AUTUMN_EARLY = hours_of({"sun": [("01:00", "02:30")]})
NEW_YORK = hours_of({"mon": [("09:00", "17:00")]}, zone="America/New_York")
ROUND_THE_CLOCK = hours_of({"mon": [("00:00", "24:00")], "tue": [("00:00", "24:00")]})


@pytest.mark.parametrize(
    ("hours", "at", "is_open", "opens"),
    [
        (OFFICE_RULES, ams(2024, 6, 5, 9, 0), True, ams(2024, 6, 5, 9, 0)),
        (OFFICE_RULES, ams(2024, 6, 5, 16, 59, 59), True, ams(2024, 6, 5, 16, 59, 59)),
        (OFFICE_RULES, ams(2024, 6, 5, 17, 0), False, ams(2024, 6, 6, 9, 0)),
        (OFFICE_RULES, ams(2024, 6, 5, 8, 59, 59), False, ams(2024, 6, 5, 9, 0)),
        (OFFICE_RULES, utc(2024, 6, 1, 12, 0), False, ams(2024, 6, 3, 9, 0)),
        (OFFICE_RULES, ams(2024, 6, 7, 17, 30), False, ams(2024, 6, 10, 9, 0)),
        (CHRISTMAS, ams(2024, 12, 24, 17, 30), False, ams(2024, 12, 27, 9, 0)),
        (CHRISTMAS, ams(2024, 12, 25, 10, 0), False, ams(2024, 12, 27, 9, 0)),
        # Spring forward: 02:30 never happens; the widget opens when the clocks jump to 03:00.
        (SPRING_SUNDAY, utc(2024, 3, 31, 0, 30), False, utc(2024, 3, 31, 1, 0)),
        (SPRING_SUNDAY, utc(2024, 3, 31, 1, 30), True, utc(2024, 3, 31, 1, 30)),
        # Autumn: 02:00-02:30 happens twice; after the first, the second is the next opening.
        (AUTUMN_SUNDAY, utc(2024, 10, 27, 0, 45), False, utc(2024, 10, 27, 1, 0)),
        (AUTUMN_SUNDAY, utc(2024, 10, 27, 0, 15), True, utc(2024, 10, 27, 0, 15)),
        # ...and clocks going back from 03:00 to 02:00 re-enter 01:00-02:30 with no interval start.
        (AUTUMN_EARLY, utc(2024, 10, 27, 0, 59), False, utc(2024, 10, 27, 1, 0)),
        (NEW_YORK, utc(2024, 6, 3, 2, 0), False, utc(2024, 6, 3, 13, 0)),
        (NEW_YORK, utc(2024, 12, 2, 2, 0), False, utc(2024, 12, 2, 14, 0)),
        (ROUND_THE_CLOCK, ams(2024, 6, 3, 23, 59, 59), True, ams(2024, 6, 3, 23, 59, 59)),
        (ROUND_THE_CLOCK, ams(2024, 6, 5, 0, 0), False, ams(2024, 6, 10, 0, 0)),
    ],
)
def test_business_hours_table(
    hours: rules.Hours, at: datetime, is_open: bool, opens: datetime
) -> None:
    assert rules.is_open(hours, at) is is_open
    assert rules.next_opening(hours, at) == opens


def test_never_open_has_no_next_opening() -> None:
    assert rules.next_opening(hours_of({}), datetime(2024, 1, 1, tzinfo=UTC)) is None
    every_day_a_holiday = hours_of(
        {"mon": [("09:00", "17:00")]},
        holidays=tuple(date(2024, 1, 1) + timedelta(days=n) for n in range(rules.SEARCH_DAYS + 1)),
    )
    assert rules.next_opening(every_day_a_holiday, datetime(2024, 1, 1, tzinfo=UTC)) is None


ZONES = [
    "Europe/Amsterdam",
    "America/New_York",
    "America/Santiago",  # clocks change at midnight
    "Australia/Lord_Howe",  # a half-hour daylight-saving shift
    "Asia/Kolkata",
    "Pacific/Chatham",
    "America/St_Johns",
    "UTC",
]


@st.composite
def business_hours(draw: st.DrawFn) -> rules.Hours:
    weekly = {}
    for day in EVERY_DAY:
        marks = sorted(draw(st.sets(st.integers(0, 96), max_size=4)))
        spans = [(m // 4 * 60 + m % 4 * 15) for m in marks]
        pairs = list(zip(spans[::2], spans[1::2], strict=False))
        weekly[day] = [(f"{s // 60:02}:{s % 60:02}", f"{e // 60:02}:{e % 60:02}") for s, e in pairs]
    start = date(2021, 1, 1)
    holidays = draw(st.sets(st.integers(0, 365 * 3), max_size=40))
    return hours_of(
        weekly,
        zone=draw(st.sampled_from(ZONES)),
        holidays=tuple(start + timedelta(days=d) for d in holidays),
    )


INSTANTS = st.datetimes(
    min_value=datetime(2021, 1, 1), max_value=datetime(2023, 12, 31), timezones=st.just(UTC)
)


@settings(max_examples=300, deadline=None)
@given(hours=business_hours(), at=INSTANTS, fraction=st.floats(0, 1, exclude_max=True))
def test_next_opening_is_the_first_open_instant(
    hours: rules.Hours, at: datetime, fraction: float
) -> None:
    opening = rules.next_opening(hours, at)
    if opening is None:
        assert not rules.is_open(hours, at + timedelta(days=rules.SEARCH_DAYS) * fraction)
        return
    assert opening >= at
    assert rules.is_open(hours, opening)
    if opening > at:
        between = min(at + (opening - at) * fraction, opening - timedelta(microseconds=1))
        assert not rules.is_open(hours, between)
        assert not rules.is_open(hours, max(at, opening - timedelta(minutes=1)))


@settings(max_examples=60, deadline=None)
@given(hours=business_hours(), at=INSTANTS)
def test_next_opening_agrees_with_a_minute_by_minute_scan(hours: rules.Hours, at: datetime) -> None:
    """Within two days, the first open whole minute (or `at` itself) is the answer."""
    scan = [at] + [
        at.replace(second=0, microsecond=0) + timedelta(minutes=m) for m in range(1, 2 * 24 * 60)
    ]
    first = next((moment for moment in scan if rules.is_open(hours, moment)), None)
    opening = rules.next_opening(hours, at)
    if first is not None:
        assert opening == first
    else:
        assert opening is None or opening > scan[-1]


@pytest.mark.parametrize(
    "origin",
    [
        "https://shop.example",
        "http://127.0.0.1:8080",
        "http://[::1]:3000",
        "https://xn--bcher-kva.example",
    ],
)
def test_origins_round_trip(origin: str) -> None:
    assert rules.normalise_origin(origin) == origin
    assert rules.is_allowed_origin(origin, [origin])
    assert not rules.is_allowed_origin(origin + "0", [origin])
    assert not rules.is_allowed_origin(None, [origin])

"""Exports (P11: access and portability) over the real server: what an admin and a user get,
that the plan covers every table of the schema, tenant isolation, secrets, limits."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from datetime import UTC, datetime

import httpx
import psycopg
import pytest

from server.config import Settings
from server.database import open_snapshot
from server.datarequests import export as exports
from server.datarequests import plan, rules
from server.problems import ProblemError
from server.sql import Database, is_postgres, table_columns
from tests.accounts_helpers import (
    STRONG_PASSWORD,
    add_user,
    audit_events,
    bearer,
    new_org,
    problem,
)
from tests.catalogue_helpers import create, image_bytes, key
from tests.data_requests_helpers import (
    ended_recorded_call,
    export,
    hang_up,
    records,
)
from tests.live_server import LiveServer
from tests.offers_helpers import new_offer
from tests.recordings_helpers import recorded, upload

ORGANISATION_EXPORT = "/api/v1/organisation/export"
MY_EXPORT = "/api/v1/me/export"
SQLITE_OWN = {
    "sqlite_sequence",
    *(f"products_fts_{shadow}" for shadow in ("config", "data", "docsize", "idx")),
}
"""Tables only SQLite has (its counters, FTS5's shadow tables), left out by the plan."""


def _schema(database: Database) -> dict[str, list[str]]:
    return {name: table_columns(database, name) for name in database.table_names()}


def _foreign_keys(database: Database) -> set[tuple[str, str]]:
    """(table, the table it points at) for every foreign key of the schema."""
    if is_postgres(database):
        found = database.execute(
            "SELECT CAST(CAST(conrelid AS regclass) AS text), "
            "CAST(CAST(confrelid AS regclass) AS text) FROM pg_constraint WHERE contype = 'f'"
        )
        return {(str(table), str(target)) for table, target in found.fetchall()}
    return {
        (table, str(fk[2]))
        for table in database.table_names()
        for fk in database.execute(f"PRAGMA foreign_key_list({table})").fetchall()
    }


def _organisation_tables(database: Database, schema: dict[str, list[str]]) -> set[str]:
    """Tables that hold an organisation's data: those with an `organisation_id`, and those
    joined to them by a foreign key, either way, until nothing more joins."""
    links = _foreign_keys(database)
    found = {t for t, cols in schema.items() if "organisation_id" in cols} | {"organisations"}
    while True:
        joined = {a for a, b in links if b in found} | {b for a, b in links if a in found}
        if joined <= found:
            return found
        found |= joined


def test_the_export_covers_every_table_of_the_schema(server: LiveServer) -> None:
    """P11 (export complete by construction): every table of the live schema is exported or
    left out with a reason; every table that holds an organisation's data (an
    `organisation_id`, or a foreign key to such a table) is among them; every column that
    looks like a secret is left out by name, with its reason, or declared harmless."""
    with server.database() as database:
        schema = _schema(database)
        holding = _organisation_tables(database, schema)
        own = SQLITE_OWN if is_postgres(database) else set()
    exported = {part.table for part in plan.ORGANISATION}
    assert not exported & set(plan.LEFT_OUT), "a table is both exported and left out"
    unplaced = set(schema) - exported - set(plan.LEFT_OUT)
    assert not unplaced, f"tables neither exported nor left out with a reason: {unplaced}"
    assert holding - exported - set(plan.LEFT_OUT) == set()
    assert {"users", "calls", "consent_events", "recordings", "offers"} <= holding & exported
    assert not set(plan.LEFT_OUT) - set(schema) - own, "left out, but not in the schema any more"
    assert all(len(reason) > 20 for reason in plan.LEFT_OUT.values())
    for part in (*plan.ORGANISATION, *plan.USER):
        columns = schema[part.table]
        assert set(part.omit) <= set(columns), (part.file, set(part.omit) - set(columns))
        assert set(part.json_columns) <= set(columns), part.file
        secret_looking = {c for c in columns if rules.looks_secret(c)}
        declared = set(part.omit) | {c for c in columns if f"{part.table}.{c}" in plan.NOT_SECRETS}
        assert secret_looking <= declared, (part.file, secret_looking - declared)
    assert len({part.file for part in plan.ORGANISATION}) == len(plan.ORGANISATION)


async def test_an_admin_exports_everything_the_server_holds_about_the_organisation(
    server: LiveServer, client: httpx.Client
) -> None:
    """P11: every file holds exactly the organisation's rows (counted in the database), the
    README explains each file and what was left out, no secret is in it, nothing of another
    organisation is, and the export is audited."""
    call = await recorded(server, client)
    org = call.centre.org
    recording_id = upload(client, call, os.urandom(20_000))
    offer = new_offer(client, call)
    await hang_up(call)
    reference = client.get(f"/api/v1/calls/{call.call_id}", headers=org.admin).json()["reference"]
    lamp = create(client, org.admin, price_minor=4999)
    image = client.put(
        f"/api/v1/products/{lamp['id']}/image",
        headers={**org.admin, "content-type": "application/octet-stream"},
        content=image_bytes(),
    )
    assert image.status_code == 200, image.text
    bundle = {
        "sku": "SET-1",
        "name": {"en": "Lamp set", "nl": "Lampset"},
        "price_minor": 5499,
        "vat_rate": "21",
        "items": [{"product_id": lamp["id"], "quantity": 2}],
    }
    assert client.post("/api/v1/bundles", headers=org.admin, json=bundle).status_code == 201
    assert client.get("/api/v1/organisation", headers=bearer(org.live_key)).status_code == 200
    restricted = {"marketing": True, "automated_decisions": False, "service_improvement": True}
    assert client.put(
        "/api/v1/organisation/restrictions", headers=org.admin, json=restricted
    ).is_success
    other_call, other_recording, other_reference = await ended_recorded_call(
        server, client, os.urandom(20_000)
    )
    other = other_call.centre.org

    entries = export(client, org.admin, ORGANISATION_EXPORT)

    readme = entries.pop("README.md").decode()
    files = {part.file for part in plan.ORGANISATION}
    assert files <= set(entries)
    for part in plan.ORGANISATION:
        assert f"`{part.file}`: {part.about}" in readme
        for column, why in part.omit.items():
            assert f"`{column}`, {why}" in readme
    for table, why in plan.LEFT_OUT.items():
        assert f"`{table}`: {why}" in readme
    with server.database() as database:
        for part in plan.ORGANISATION:
            count = database.execute(
                f"SELECT count(*) FROM {part.table} WHERE {part.where}",  # noqa: S608
                {"organisation": org.id, "user": None},
            ).fetchone()[0]
            assert len(records(entries, part.file)) == count, part.file
        secrets = [
            str(row[0])
            for sql in (
                "SELECT secret_hash FROM api_keys",
                "SELECT password_hash FROM users WHERE password_hash IS NOT NULL",
            )
            for row in database.execute(sql).fetchall()
        ]
        wrapped = [
            bytes(row[0])
            for row in database.execute("SELECT wrapped_keyset FROM recordings").fetchall()
        ]
    holding = {
        "profile.json",
        "users.json",
        "api-keys.json",
        "api-key-use.json",
        "audit-trail.json",
        "queues.json",
        "widgets.json",
        "widget-queues.json",
        "calls.json",
        "consent-events.json",
        "products.json",
        "product-images.json",
        "bundles.json",
        "bundle-items.json",
        "offers.json",
        "offer-revisions.json",
        "recordings.json",
        "restrictions.json",
    }
    assert {name for name in files if records(entries, name)} >= holding

    [profile] = records(entries, "profile.json")
    assert profile["id"] == org.id
    users = records(entries, "users.json")
    assert org.admin_email in {u["email"] for u in users}
    assert all("password_hash" not in u for u in users)
    assert all("secret_hash" not in k for k in records(entries, "api-keys.json"))
    [call_record] = records(entries, "calls.json")
    assert call_record["reference"] == reference
    assert [e["recording"] for e in records(entries, "consent-events.json")] == [1]
    [recording] = records(entries, "recordings.json")
    assert recording["id"] == recording_id
    assert "wrapped_keyset" not in recording
    assert records(entries, "offers.json")[0]["id"] == offer["offer_id"]
    assert isinstance(records(entries, "offer-revisions.json")[0]["content"], dict)
    [picture] = records(entries, "product-images.json")
    served = client.get(image.json()["image_url"])
    assert entries[picture["data"]] == served.content
    assert {r["purpose"] for r in records(entries, "restrictions.json")} == {
        "marketing",
        "service_improvement",
    }

    everything = b"\n".join(entries.values())
    for secret in (org.live_key, org.test_key, org.admin_token, STRONG_PASSWORD, *secrets):
        assert secret.encode() not in everything
    assert not any(blob in everything for blob in wrapped)
    for theirs in (other.id, other.admin_email, other_recording, other_reference):
        assert theirs.encode() not in everything
    their_entries = export(client, other.admin, ORGANISATION_EXPORT)
    theirs_all = b"\n".join(their_entries.values())
    for mine in (org.id, org.admin_email, recording_id, reference, lamp["id"]):
        assert mine.encode() not in theirs_all

    [audited] = audit_events(client, org, event="data.exported")
    assert audited["details"] == {"scope": "organisation"}
    assert audited["actor_user_id"] == org.admin_id


def test_a_user_exports_their_own_profile_and_audit_entries(client: httpx.Client) -> None:
    """P11: any user gets their own account and the audit entries about them, nothing of
    the other users; the organisation's export is for admins' sessions only."""
    org = new_org(client)
    clerk_id, clerk_token = add_user(client, org, "clerk")
    _, other_token = add_user(client, org, "clerk")
    clerk = bearer(clerk_token)
    assert client.put("/api/v1/me/restrictions", headers=clerk, json={"marketing": True}).is_success

    entries = export(client, clerk, MY_EXPORT)

    assert set(entries) == {"README.md", *(part.file for part in plan.USER)}
    assert "your own account" in entries["README.md"].decode()
    [me] = records(entries, "me.json")
    assert me["id"] == clerk_id
    assert "password_hash" not in me
    trail = records(entries, "my-audit-trail.json")
    assert {e["event"] for e in trail} >= {"user.created", "login.succeeded"}
    assert all(clerk_id in (e["actor_user_id"], e["target"]) for e in trail)
    assert [r["purpose"] for r in records(entries, "my-restrictions.json")] == ["marketing"]
    everything = b"\n".join(entries.values())
    assert org.admin_email.encode() not in everything
    assert clerk_token.encode() not in everything
    assert other_token.encode() not in everything
    refused = client.get(ORGANISATION_EXPORT, headers=clerk)
    assert problem(refused, 403)["code"] == "forbidden"
    keyed = client.get(ORGANISATION_EXPORT, headers=key(client, org, "full"))
    assert problem(keyed, 403)["code"] == "user_session_required"
    [audited] = audit_events(client, org, event="data.exported")
    assert audited["details"] == {"scope": "user"}
    assert audited["target"] == clerk_id


def test_an_export_reads_one_moment_of_the_database_while_the_server_writes(
    server: LiveServer, client: httpx.Client
) -> None:
    """P11 (the files agree with each other): the export's connection sees the database as
    it was when the export began, while the server writes on beside it, and it cannot
    write; on either engine."""
    settings = Settings(data_dir=server.data_dir, database_url=server.database_url)
    count = "SELECT count(*) FROM organisations"
    with closing(open_snapshot(settings)) as snapshot:
        before = snapshot.execute(count).fetchone()[0]
        new_org(client)
        with server.database() as live:
            assert live.execute(count).fetchone()[0] > before
        assert snapshot.execute(count).fetchone()[0] == before
        with pytest.raises((sqlite3.OperationalError, psycopg.errors.ReadOnlySqlTransaction)):
            snapshot.execute("DELETE FROM organisations")


def test_exports_run_one_per_organisation_and_a_few_at_once() -> None:
    """P11 (limits): a second export of the same data waits for the first (409), and past
    the server's limit any export waits (429, Retry-After); a slot is free once released,
    also when its stream is dropped before it began."""
    slots = exports.ExportSlots(limit=2)
    first = slots.take("organisation:org_a")
    with pytest.raises(ProblemError) as same:
        slots.take("organisation:org_a")
    assert (same.value.status, same.value.code) == (409, "export_running")
    second = slots.take("user:usr_b")
    with pytest.raises(ProblemError) as full:
        slots.take("organisation:org_c")
    assert (full.value.status, full.value.code) == (429, "exports_busy")
    assert full.value.headers["Retry-After"] == "60"
    first.release()
    first.release()  # twice is harmless
    third = slots.take("organisation:org_c")
    job = exports.Export("user", "org_b", "B", "usr_b", datetime.now(UTC))
    unstarted = exports.stream(lambda: pytest.fail("opened"), job, second)
    del unstarted  # dropped before its first chunk: the slot comes free all the same
    assert slots.busy == {"organisation:org_c"}
    third.release()
    assert slots.busy == set()

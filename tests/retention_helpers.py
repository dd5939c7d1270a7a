"""A closed account's data over the real server: an organisation furnished with unique marker
strings everywhere, the raw bytes to search them in, the operator's commands and reads of
the database beside the running server."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any

import httpx

from server.sql import Database
from tests.accounts_helpers import STRONG_PASSWORD, Org, add_user, new_org, user_log_in
from tests.catalogue_helpers import create as create_product
from tests.catalogue_helpers import key
from tests.live_server import TEST_ENV, LiveServer
from tests.offers_helpers import InCall, in_call, new_offer, saved
from tests.queue_helpers import ALWAYS_OPEN, CallCentre
from tests.recordings_helpers import create, patch

DAY = 86400.0
HOUR = 3600.0
YEAR_DAYS = 365


def marker(kind: str) -> str:
    """A string found nowhere else: the test searches the raw files for it."""
    return f"Mk{kind}{secrets.token_hex(6)}"


def database(server: LiveServer) -> AbstractContextManager[Database]:
    """A connection beside the server's, closed at once after use (an open reader would keep
    the server's WAL checkpoint from truncating the log)."""
    return server.database()


def count(server: LiveServer, table: str, where: str = "1", *params: Any) -> int:
    with database(server) as db:
        found = db.execute(f"SELECT count(*) FROM {table} WHERE {where}", params)  # noqa: S608
        return int(found.fetchone()[0])


def raw_bytes(server: LiveServer) -> bytes:
    """The database (on SQLite its file and WAL, as on disk) and every file in the
    recordings folder."""
    paths = sorted((server.data_dir / "recordings").rglob("*"))
    return server.stored_bytes() + b"".join(path.read_bytes() for path in paths if path.is_file())


def found_markers(server: LiveServer, markers: dict[str, str]) -> set[str]:
    """The kinds of marker whose text is still in the raw files (in any letter case: the
    product search index keeps its words in lower case)."""
    data = raw_bytes(server).lower()
    return {kind for kind, text in markers.items() if text.lower().encode() in data}


@dataclass
class Furnished:
    """An organisation with data of every kind, each holding a marker of its own kind."""

    org: Org
    centre: CallCentre
    call: InCall
    recording_id: str
    markers: dict[str, str]
    clerk_email: str
    groups: dict[str, set[str]] = field(default_factory=dict)
    """Marker kinds by the rule that erases them."""


PROFILE = {"company", "street", "admin_name", "admin_email"}
SUPPORT = {"support"}
BILLING = {"invoice"}


async def furnished(server: LiveServer, client: httpx.Client) -> Furnished:
    """Sign up with markers in the profile and contacts, then make one of everything: users,
    a key, queue, widget, product, a recorded call with its upload, offer, wrap-up note and
    audit entries, an invoice and a support message (these two written as an invoicing or
    help-desk integration would, straight into their tables)."""
    marks = {
        kind: marker(kind)
        for kind in (
            "company", "street", "admin_name", "admin_email", "clerk", "key", "queue",
            "greeting", "product", "offer_note", "wrap_up", "hold_reason", "support", "invoice",
        )
    }  # fmt: skip
    org = new_org(
        client,
        name=marks["admin_name"],
        email=f"{marks['admin_email'].lower()}@example.com",
        company_name=marks["company"],
        billing_address={"street": marks["street"], "postal_code": "1015 CJ", "city": "Delft"},
    )
    clerk_email = f"clerk-{secrets.token_hex(4)}@example.com"
    queue = client.post(
        "/api/v1/queues",
        headers=org.admin,
        json={"name": {"en": marks["queue"], "nl": marks["queue"]}},
    )
    queue.raise_for_status()
    widget = client.post(
        "/api/v1/widgets",
        headers=org.admin,
        json={
            "name": "Website",
            "queue_ids": [queue.json()["id"]],
            "allowed_origins": ["https://shop.example"],
            "business_hours": ALWAYS_OPEN,
            "privacy_notice_url": "https://shop.example/privacy",
            "greeting": {"en": marks["greeting"], "nl": marks["greeting"]},
        },
    )
    widget.raise_for_status()
    response = client.post(
        "/api/v1/users",
        headers=org.admin,
        json={
            "name": marks["clerk"],
            "email": clerk_email,
            "role": "clerk",
            "password": STRONG_PASSWORD,
        },
    )
    response.raise_for_status()
    centre = CallCentre(
        org=org,
        queue_ids=[queue.json()["id"]],
        widget_key=widget.json()["widget_key"],
        widget_id=widget.json()["id"],
        clerk_tokens=[user_log_in(client, clerk_email)],
        supervisor_token=add_user(client, org, "supervisor")[1],
    )
    client.post(
        "/api/v1/api-keys", headers=org.admin, json={"name": marks["key"], "scopes": ["read"]}
    ).raise_for_status()
    key(client, org, "read")
    product_id = create_product(
        client, org.admin, name={"en": marks["product"], "nl": marks["product"]}
    )["id"]
    call = await in_call(server, client, centre=centre, recording=True)
    data = os.urandom(20_000)
    created = create(client, call.clerk_auth, call.call_id, data)
    assert created.status_code == 201, created.text
    location = created.headers["Location"]
    assert patch(client, call.clerk_auth, location, 0, data).status_code == 204
    recording_id = location.rsplit("/", 1)[1]
    held = client.post(
        f"/api/v1/recordings/{recording_id}/hold",
        headers=org.admin,
        json={"reason": marks["hold_reason"]},
    )
    held.raise_for_status()
    client.request(
        "DELETE",
        f"/api/v1/recordings/{recording_id}/hold",
        headers=org.admin,
        json={"reason": "released"},
    ).raise_for_status()
    offer = new_offer(client, call)
    saved(
        client,
        call,
        offer["offer_id"],
        0,
        [{"product_id": product_id, "quantity": 1}],
        note=marks["offer_note"],
    )
    await call.clerk.send({"type": "hangup", "call_id": call.call_id})
    await call.clerk.expect("ended")
    await call.clerk.send(
        {"type": "wrap_up", "call_id": call.call_id, "outcome": "sold", "note": marks["wrap_up"]}
    )
    await call.clerk.expect("presence")
    _write_billing_and_support(server, org.id, marks)
    found = Furnished(org, centre, call, recording_id, marks, clerk_email)
    found.groups = {
        "profile": PROFILE,
        "support": SUPPORT,
        "billing": BILLING,
        "account_data": set(marks) - PROFILE - SUPPORT - BILLING,
    }
    return found


def _write_billing_and_support(
    server: LiveServer, organisation_id: str, marks: dict[str, str]
) -> None:
    with database(server) as db, db.atomic():
        db.execute(
            "INSERT INTO invoices (id, organisation_id, number, issued_at, period_start, "
            "period_end, customer, lines, currency, net_minor, vat_minor, gross_minor) "
            "VALUES (?, ?, ?, '2026-01-31T00:00:00+00:00', '2026-01-01', '2026-01-31', ?, ?, "
            "'EUR', 10000, 2100, 12100)",
            [
                f"inv_{secrets.token_hex(8)}",
                organisation_id,
                f"2026-{secrets.token_hex(3)}",
                json.dumps({"name": marks["invoice"]}),
                json.dumps([{"text": "videoclerk, January", "net_minor": 10000}]),
            ],
        )
        db.execute(
            "INSERT INTO support_messages (organisation_id, at, direction, correspondent, "
            "subject, body) VALUES (?, '2026-01-15T09:00:00+00:00', 'from_customer', ?, "
            "'Question', ?)",
            [organisation_id, "Dana <dana@example.com>", marks["support"]],
        )


def close(client: httpx.Client, org: Org, password: str = STRONG_PASSWORD) -> httpx.Response:
    return client.post("/api/v1/organisation/close", headers=org.admin, json={"password": password})


def command(server: LiveServer, *args: str) -> subprocess.CompletedProcess[str]:
    """`videoclerk-server …` on the server's data folder, at the server's (moved) time."""
    env = {
        **server.command_env,
        **TEST_ENV,
        "VIDEOCLERK_TEST_CLOCK_START": server.now().isoformat(),
    }
    return subprocess.run(
        [sys.executable, "-m", "server.cli", *args, "--data-dir", str(server.data_dir)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )

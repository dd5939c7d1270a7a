"""Set up an organisation with queues and a widget over the real REST API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from tests.accounts_helpers import Org, add_user, new_org

ALWAYS_OPEN = {
    "time_zone": "Europe/Amsterdam",
    "weekly": {
        day: [["00:00", "24:00"]] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    },
}
NEVER_OPEN: dict[str, Any] = {"time_zone": "Europe/Amsterdam", "weekly": {}}


@dataclass
class CallCentre:
    org: Org
    queue_ids: list[str]
    widget_key: str
    widget_id: str
    clerk_tokens: list[str]
    supervisor_token: str


def create_queue(client: httpx.Client, org: Org, name: str, **fields: Any) -> str:
    response = client.post(
        "/api/v1/queues", headers=org.admin, json={"name": {"en": name, "nl": name}, **fields}
    )
    response.raise_for_status()
    return str(response.json()["id"])


def create_widget(
    client: httpx.Client,
    org: Org,
    queue_ids: list[str],
    *,
    origins: list[str] | None = None,
    hours: dict[str, Any] | None = None,
) -> dict[str, Any]:
    response = client.post(
        "/api/v1/widgets",
        headers=org.admin,
        json={
            "name": "Website",
            "queue_ids": queue_ids,
            "allowed_origins": origins or ["https://shop.example"],
            "business_hours": hours or ALWAYS_OPEN,
            "privacy_notice_url": "https://shop.example/privacy",
        },
    )
    response.raise_for_status()
    body: dict[str, Any] = response.json()
    return body


def call_centre(
    client: httpx.Client,
    *,
    clerks: int = 1,
    queues: tuple[str, ...] = ("Sales",),
    hours: dict[str, Any] | None = None,
    origins: list[str] | None = None,
    max_length: int = 50,
) -> CallCentre:
    org = new_org(client)
    queue_ids = [create_queue(client, org, name, max_length=max_length) for name in queues]
    widget = create_widget(client, org, queue_ids, hours=hours, origins=origins)
    clerk_tokens = [add_user(client, org, "clerk")[1] for _ in range(clerks)]
    return CallCentre(
        org=org,
        queue_ids=queue_ids,
        widget_key=widget["widget_key"],
        widget_id=widget["id"],
        clerk_tokens=clerk_tokens,
        supervisor_token=add_user(client, org, "supervisor")[1],
    )

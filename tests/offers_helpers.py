"""A live call with a clerk and a scripted visitor, and offers drafted over the real REST API."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.accounts_helpers import bearer
from tests.catalogue_helpers import create
from tests.live_server import LiveServer
from tests.queue_helpers import CallCentre, call_centre
from tests.ws_clients import ScriptedClerk, ScriptedVisitor


@dataclass
class InCall:
    centre: CallCentre
    visitor: ScriptedVisitor
    clerk: ScriptedClerk
    call_id: str
    sockets: list[Any] = field(default_factory=list)
    clerk_index: int = 0  # which of the centre's clerks holds the call

    @property
    def clerk_auth(self) -> dict[str, str]:
        return bearer(self.centre.clerk_tokens[self.clerk_index])

    async def close(self) -> None:
        for socket in (self.visitor, self.clerk, *self.sockets):
            await socket.close()


async def in_call(
    server: LiveServer,
    client: httpx.Client,
    *,
    language: str = "en",
    centre: CallCentre | None = None,
    clerk_index: int = 0,
    recording: bool = False,
) -> InCall:
    """An organisation whose clerk has taken a visitor: the call is live. With `centre`,
    another call there, held by its clerk number `clerk_index`."""
    centre = centre or call_centre(client)
    visitor = ScriptedVisitor(server.ws_url, centre.widget_key)
    await visitor.connect(language=language)
    await visitor.join(centre.queue_ids[0], recording=recording)
    clerk = ScriptedClerk(server.ws_url, centre.clerk_tokens[clerk_index])
    await clerk.connect()
    await clerk.available()
    await clerk.send({"type": "take"})
    assigned = await clerk.expect("assigned")
    await visitor.expect("assigned")
    # The visitor's browser answers the clerk's media offer: the call is live, with no answer
    # deadline left to end it when a test moves the clock by days.
    await visitor.send({"type": "answer", "sdp": "v=0"})
    await clerk.expect("answer")
    return InCall(centre, visitor, clerk, assigned.call_id, clerk_index=clerk_index)


def new_offer(client: httpx.Client, call: InCall) -> dict[str, Any]:
    response = client.post(
        "/api/v1/offers", headers=call.clerk_auth, json={"call_id": call.call_id}
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def save(
    client: httpx.Client,
    call: InCall,
    offer_id: str,
    base: int,
    lines: list[dict[str, Any]],
    **extra: Any,
) -> httpx.Response:
    return client.put(
        f"/api/v1/offers/{offer_id}/draft",
        headers=call.clerk_auth,
        json={"base_revision": base, "lines": lines, **extra},
    )


def saved(
    client: httpx.Client,
    call: InCall,
    offer_id: str,
    base: int,
    lines: list[dict[str, Any]],
    **extra: Any,
) -> dict[str, Any]:
    response = save(client, call, offer_id, base, lines, **extra)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def product(client: httpx.Client, call: InCall, **form: Any) -> str:
    return str(create(client, call.centre.org.admin, **form)["id"])

"""A call as the visitor's panel has it at its end, ready to be rated (tests of ratings)."""

from __future__ import annotations

from dataclasses import dataclass

from tests.live_server import LiveServer
from tests.queue_helpers import CallCentre
from tests.ws_clients import ScriptedClerk, ScriptedVisitor


@dataclass
class EndedCall:
    call_id: str
    reference: str
    session_id: str


async def ended_call(server: LiveServer, centre: CallCentre) -> EndedCall:
    """A call a clerk answered and the visitor hung up, as the panel has it at its end."""
    url = server.url.replace("http://", "ws://")
    clerk = ScriptedClerk(url, centre.clerk_tokens[0])
    await clerk.connect()
    await clerk.available()
    visitor = ScriptedVisitor(url, centre.widget_key)
    await visitor.connect()
    queued = await visitor.join(centre.queue_ids[0])
    await clerk.send({"type": "take"})
    await clerk.expect("assigned")
    await visitor.expect("assigned")
    await visitor.send({"type": "hangup"})
    ended = await visitor.expect("ended")
    await clerk.expect("ended")
    await visitor.close()
    await clerk.close()
    return EndedCall(queued.call_id, ended.reference, visitor.session_id)

"""What the front (the process holding a party's socket) and the home (the process running
the organisation's queue, homes.py) tell each other over the bus, and the home's outbox.

The front sends a party's arrival, each of its validated messages and its socket's end to
`queue.home.<organisation id>`; the home answers on `queue.front.<process id>`, with the
texts to write to the socket and when to close it. Nothing here holds an IP address (P1):
the visitors' rate limits get an opaque key that only the front can make.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, TypeAdapter

from server.bus import Bus
from server.leases import THIS_PROCESS


def home_subject(organisation_id: str) -> str:
    return f"queue.home.{organisation_id}"


def front_subject(process: str) -> str:
    return f"queue.front.{process}"


class VisitorArrived(BaseModel):
    kind: Literal["visitor"] = "visitor"
    organisation_id: str
    party: str
    front: str
    session_hash: str
    widget_key: str
    language: str
    rate_key: str


class StaffArrived(BaseModel):
    """A clerk, supervisor or admin, authenticated by the front."""

    kind: Literal["staff"] = "staff"
    organisation_id: str
    party: str
    front: str
    user_id: str
    name: str
    role: str


class PartyMessage(BaseModel):
    """One message of the party, validated by the front, as JSON text."""

    kind: Literal["message"] = "message"
    organisation_id: str
    party: str
    text: str


class PartyClosed(BaseModel):
    kind: Literal["closed"] = "closed"
    organisation_id: str
    party: str
    code: int


ToHome = Annotated[
    VisitorArrived | StaffArrived | PartyMessage | PartyClosed, Field(discriminator="kind")
]
to_home: TypeAdapter[ToHome] = TypeAdapter(ToHome)


class ToFront(BaseModel):
    """A text for the party's socket, or (`close` set) the end of it."""

    party: str
    text: str | None = None
    close: int | None = None
    reason: str = ""


class RemoteOutbox:
    """An `Outbox` (outbox.py) for a party whose socket is on another process, its front."""

    __slots__ = ("_bus", "_here", "_party", "_subject", "closed")

    def __init__(self, bus: Bus, front: str, party: str) -> None:
        self._bus = bus
        self._subject = front_subject(front)
        self._here = front == THIS_PROCESS
        self._party = party
        self.closed = False

    def send(self, message: BaseModel | str) -> None:
        if self.closed:
            return
        text = message if isinstance(message, str) else message.model_dump_json()
        self._publish(ToFront(party=self._party, text=text))

    def close_soon(self, code: int, reason: str = "") -> None:
        if not self.closed:
            self._publish(ToFront(party=self._party, close=code, reason=reason))
        self.closed = True

    def _publish(self, message: ToFront) -> None:
        self._bus.publish(self._subject, message.model_dump_json().encode(), here=self._here)

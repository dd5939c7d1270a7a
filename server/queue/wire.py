"""What the front (the process holding a party's socket) and the home (the process running
the organisation's queue, homes.py) tell each other over the bus, and the home's outbox.

The front sends a party's arrival, each of its validated messages and its socket's end to
`queue.home.<organisation id>`; the home answers on `queue.front.<process id>`, with the
texts to write to the socket, when to close it, and what it has handled. A process that
becomes an organisation's home says so on `queue.moved.<organisation id>`.

Nothing here holds an IP address (P1): the visitors' rate limits get an opaque key that only
the front can make.
"""

from __future__ import annotations

import sys
from typing import Annotated, Literal

from pydantic import BaseModel, Field, TypeAdapter

from server.bus import Bus
from server.leases import THIS_PROCESS


def home_subject(organisation_id: str) -> str:
    return f"queue.home.{organisation_id}"


def front_subject(process: str) -> str:
    return f"queue.front.{process}"


class FromFront(BaseModel):
    organisation_id: str
    party: str
    front: str
    seq: int = 0
    """The party's messages in order, its arrival 0: the home acknowledges the last it handled,
    and the front sends again what is not acknowledged (the home may have died meanwhile)."""


class VisitorArrived(FromFront):
    kind: Literal["visitor"] = "visitor"
    session_hash: str
    widget_key: str
    language: str


class StaffArrived(FromFront):
    """A clerk, supervisor or admin, authenticated by the front."""

    kind: Literal["staff"] = "staff"
    user_id: str
    name: str
    role: str


class PartyMessage(FromFront):
    """One message of the party, validated by the front, as JSON text."""

    kind: Literal["message"] = "message"
    text: str


class PartyClosed(FromFront):
    kind: Literal["closed"] = "closed"
    code: int


ToHome = Annotated[
    VisitorArrived | StaffArrived | PartyMessage | PartyClosed, Field(discriminator="kind")
]
to_home: TypeAdapter[ToHome] = TypeAdapter(ToHome)


def moved_subject(organisation_id: str) -> str:
    """Where a new home says it took over: fronts announce their parties to it again."""
    return f"queue.moved.{organisation_id}"


class ToFront(BaseModel):
    """A text for the party's socket, the end of it (`close`), or an acknowledgement of the
    party's messages up to `ack`."""

    party: str
    text: str | None = None
    close: int | None = None
    reason: str = ""
    ack: int | None = None


def to_front(bus: Bus, front: str, message: ToFront) -> None:
    subject = front_subject(front)
    bus.publish(subject, message.model_dump_json().encode(), here=front == THIS_PROCESS)


class RemoteOutbox:
    """An `Outbox` (outbox.py) for a party whose socket is on another process, its front."""

    __slots__ = ("_bus", "_front", "_party", "closed")

    def __init__(self, bus: Bus, front: str, party: str) -> None:
        self._bus = bus
        self._front = sys.intern(front)  # a few processes: one string each, not one per party
        self._party = party
        self.closed = False

    def send(self, message: BaseModel | str) -> None:
        if self.closed:
            return
        text = message if isinstance(message, str) else message.model_dump_json()
        to_front(self._bus, self._front, ToFront(party=self._party, text=text))

    def close_soon(self, code: int, reason: str = "") -> None:
        if not self.closed:
            to_front(self._bus, self._front, ToFront(party=self._party, close=code, reason=reason))
        self.closed = True

"""At the front: this process's sockets whose organisation's queue has its home elsewhere.

The socket handler greets the party here as always (sockets.py), then hands its arrival,
its validated messages and its end to the home over the bus (wire.py); what the home sends
back is written to the socket by the socket's own `Outbox`.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from pydantic import BaseModel

from server.bus import Bus
from server.leases import THIS_PROCESS
from server.queue.outbox import Outbox
from server.queue.wire import (
    PartyClosed,
    PartyMessage,
    StaffArrived,
    ToFront,
    VisitorArrived,
    front_subject,
    home_subject,
)
from server.security import new_id


class ForwardedParty:
    """One socket's party, as the home knows it: by a key of its own."""

    __slots__ = ("_fronts", "key", "organisation_id")

    def __init__(self, fronts: Fronts, organisation_id: str, key: str) -> None:
        self._fronts = fronts
        self.organisation_id = organisation_id
        self.key = key

    def forward(self, message: BaseModel) -> None:
        self._fronts.to_home(
            PartyMessage(
                organisation_id=self.organisation_id, party=self.key, text=message.model_dump_json()
            )
        )

    def closed(self, code: int) -> None:
        self._fronts.forget(self.key)
        self._fronts.to_home(
            PartyClosed(organisation_id=self.organisation_id, party=self.key, code=code)
        )


class Fronts:
    def __init__(self, bus: Bus) -> None:
        self._bus = bus
        self._outboxes: dict[str, Outbox] = {}
        self._salt = secrets.token_bytes(32)
        bus.subscribe(front_subject(THIS_PROCESS), self._received)

    def rate_key(self, ip: str | None) -> str:
        """An opaque stand-in for a visitor's IP address, for the home's join limit: the
        address itself never leaves this process (P1), and the key means nothing elsewhere."""
        return hmac.new(self._salt, (ip or "").encode(), hashlib.sha256).hexdigest()

    def new_key(self) -> str:
        return new_id("party")

    def arrive(self, outbox: Outbox, arrival: VisitorArrived | StaffArrived) -> ForwardedParty:
        """Announce a greeted party to its home; from now on the home speaks to `outbox`."""
        self._outboxes[arrival.party] = outbox
        self.to_home(arrival)
        return ForwardedParty(self, arrival.organisation_id, arrival.party)

    def forget(self, key: str) -> None:
        self._outboxes.pop(key, None)

    def to_home(self, message: VisitorArrived | StaffArrived | PartyMessage | PartyClosed) -> None:
        subject = home_subject(message.organisation_id)
        self._bus.publish(subject, message.model_dump_json().encode())

    def _received(self, payload: bytes) -> None:
        message = ToFront.model_validate_json(payload)
        outbox = self._outboxes.get(message.party)
        if outbox is None:
            return
        if message.close is not None:
            outbox.close_soon(message.close, message.reason)
        elif message.text is not None:
            outbox.send(message.text)

"""At the front: this process's sockets whose organisation's queue has its home elsewhere.

The socket handler greets the party here as always (sockets.py), then hands its arrival,
its validated messages and its end to the home over the bus (wire.py); what the home sends
back is written to the socket by the socket's own `Outbox`.

Nothing forwarded is lost while an organisation has no home (its home died and its lease has
not run out): the home acknowledges what it handled, and the front sends the rest again
every RETRY_SECONDS on the server's clock, until a process takes the lease. That new home
says so (`queue.moved.<organisation id>`), and the fronts announce their parties to it again,
so that they keep their place or their call.
"""

from __future__ import annotations

from pydantic import BaseModel

from server import clock
from server.bus import Bus
from server.leases import THIS_PROCESS
from server.queue.outbox import Outbox
from server.queue.wire import (
    FromFront,
    PartyClosed,
    PartyMessage,
    StaffArrived,
    ToFront,
    VisitorArrived,
    front_subject,
    home_subject,
    moved_subject,
)
from server.security import new_id

RETRY_SECONDS = 2.0


class ForwardedParty:
    """One socket's party, as the home knows it: by a key of its own.

    What was sent and not acknowledged is kept encoded (each waiting visitor's arrival,
    until the home acknowledges it, and again when a home moves): thousands wait, and a
    parsed message is several times the size of its text.
    """

    __slots__ = (
        "_fronts",
        "_seq",
        "arrival",
        "ended",
        "key",
        "organisation_id",
        "outbox",
        "pending",
        "sent_at",
    )

    def __init__(self, fronts: Fronts, outbox: Outbox, arrival: VisitorArrived | StaffArrived):
        self._fronts = fronts
        self.outbox = outbox
        self.key = arrival.party
        self.organisation_id = arrival.organisation_id
        self.arrival = _encoded(arrival)
        self.pending: list[tuple[int, bytes]] = []
        """Sent to the home and not acknowledged yet, in order: (seq, message)."""
        self.sent_at = 0.0
        self._seq = 0
        self.ended = False

    def forward(self, message: BaseModel) -> None:
        self._seq += 1
        self._fronts.send(
            self,
            PartyMessage(
                organisation_id=self.organisation_id,
                party=self.key,
                front=THIS_PROCESS,
                seq=self._seq,
                text=message.model_dump_json(),
            ),
        )

    def closed(self, code: int) -> None:
        self._seq += 1
        self.ended = True
        self._fronts.send(
            self,
            PartyClosed(
                organisation_id=self.organisation_id,
                party=self.key,
                front=THIS_PROCESS,
                seq=self._seq,
                code=code,
            ),
        )


def _encoded(message: FromFront) -> bytes:
    return message.model_dump_json().encode()


class Fronts:
    def __init__(self, bus: Bus) -> None:
        self._bus = bus
        self._parties: dict[str, ForwardedParty] = {}
        self._unacknowledged: set[str] = set()
        self._retry: clock.Deadline | None = None
        bus.subscribe(front_subject(THIS_PROCESS), self._received)
        bus.subscribe(moved_subject("*"), self._moved)

    def new_key(self) -> str:
        return new_id("party")

    def arrive(self, outbox: Outbox, arrival: VisitorArrived | StaffArrived) -> ForwardedParty:
        """Announce a greeted party to its home; from now on the home speaks to `outbox`."""
        party = ForwardedParty(self, outbox, arrival)
        self._parties[party.key] = party
        self._send_encoded(party, arrival.seq, party.arrival)
        return party

    def send(self, party: ForwardedParty, message: FromFront) -> None:
        self._send_encoded(party, message.seq, _encoded(message))

    def _send_encoded(self, party: ForwardedParty, seq: int, message: bytes) -> None:
        if not party.pending:
            party.sent_at = clock.monotonic()
        party.pending.append((seq, message))
        self._unacknowledged.add(party.key)
        self._to_home(party.organisation_id, message)
        self._retry_soon()

    def _retry_soon(self) -> None:
        if self._retry is None:
            self._retry = clock.after(RETRY_SECONDS, self._send_overdue)

    def _to_home(self, organisation_id: str, message: bytes) -> None:
        self._bus.publish(home_subject(organisation_id), message)

    def _send_again(self, party: ForwardedParty) -> None:
        party.sent_at = clock.monotonic()
        for _, message in party.pending:
            self._to_home(party.organisation_id, message)

    def _send_overdue(self) -> None:
        """What no home acknowledged within RETRY_SECONDS goes again: a dead home's lease
        runs out, and the first process that hears a message then takes it."""
        self._retry = None
        overdue = clock.monotonic() - RETRY_SECONDS
        for key in self._unacknowledged:
            party = self._parties[key]
            if party.sent_at <= overdue:
                self._send_again(party)
        if self._unacknowledged:
            self._retry_soon()

    def _received(self, payload: bytes) -> None:
        message = ToFront.model_validate_json(payload)
        party = self._parties.get(message.party)
        if party is None:
            return
        if message.ack is not None:
            party.pending = [(seq, m) for seq, m in party.pending if seq > message.ack]
            if not party.pending:
                self._unacknowledged.discard(party.key)
                if party.ended:
                    del self._parties[party.key]
        elif message.close is not None:
            party.outbox.close_soon(message.close, message.reason)
        elif message.text is not None:
            party.outbox.send(message.text)

    def _moved(self, payload: bytes) -> None:
        """An organisation has a new home: announce its parties here to it again, each with
        what the old home did not acknowledge."""
        organisation_id = payload.decode()
        for party in self._parties.values():
            if party.organisation_id == organisation_id:
                rest = [(seq, m) for seq, m in party.pending if m is not party.arrival]
                party.pending = [(0, party.arrival), *rest]
                self._unacknowledged.add(party.key)
                self._send_again(party)
                self._retry_soon()

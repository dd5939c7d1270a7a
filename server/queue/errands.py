"""Work for an organisation's home that arises on another process.

An HTTP request may land on any process: an offer saved there must still reach the visitor
and the clerk, whose outboxes the organisation's home (homes.py) holds. A capability
registers a named handler; `run` calls it here when this process is the home, and at the
home otherwise, over the bus (`queue.errand.<organisation id>`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from server.bus import Bus
from server.queue.homes import Homes

Handler = Callable[[str, dict[str, Any]], None]
"""Called at the home with the organisation's id and the errand's data."""


class Errand(BaseModel):
    organisation_id: str
    name: str
    data: dict[str, Any]


class HomeErrands:
    def __init__(self, homes: Homes, bus: Bus) -> None:
        self._homes = homes
        self._bus = bus
        self._handlers: dict[str, Handler] = {}
        bus.subscribe("queue.errand.*", self._received)

    def register(self, name: str, handler: Handler) -> None:
        self._handlers[name] = handler

    def run(self, organisation_id: str, name: str, data: dict[str, Any]) -> None:
        """At once when this process is the home; else at the home, a moment later."""
        if self._homes.holds(organisation_id):
            self._handlers[name](organisation_id, data)
            return
        errand = Errand(organisation_id=organisation_id, name=name, data=data)
        subject = f"queue.errand.{organisation_id}"
        self._bus.publish(subject, errand.model_dump_json().encode(), here=False)

    def _received(self, payload: bytes) -> None:
        errand = Errand.model_validate_json(payload)
        if self._homes.holds(errand.organisation_id):
            self._handlers[errand.name](errand.organisation_id, errand.data)

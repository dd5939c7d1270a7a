"""Legal holds as stored."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LegalHold:
    """An operator's hold on an organisation (`call_id` None) or on one call of it."""

    id: str
    organisation_id: str
    call_id: str | None
    reason: str
    set_at: str
    lifted_at: str | None
    lift_reason: str | None

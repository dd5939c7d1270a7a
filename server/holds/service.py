"""Legal holds (P10, P5): set and lifted by the operator, each with a reason.

A hold names an organisation (everything of it) or one call (the call record, its consent
events, its offer, its recordings with their keys, the users they name and the audit entries
about them). While it is active, no deletion it covers happens: not the retention of a closed
account, not recording retention, not an erasure. An admin's hold on one recording
(server/recordings) is the same kind of thing at the smallest scale: `hold list` shows those
of closed accounts, whose admins can no longer lift them, and `hold lift --recording` lifts one.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

from server import clock, security
from server.accounts import store as accounts_store
from server.holds import store
from server.holds.models import LegalHold
from server.queue import store as queue_store
from server.recordings import store as recordings_store
from server.sql import Database

MIN_REASON, MAX_REASON = 3, 500


class HoldError(ValueError):
    """A hold that cannot be set or lifted; the message says why."""


@dataclass(frozen=True)
class Holds:
    """The active holds, read once: what a run of deletions must spare."""

    organisations: frozenset[str]
    calls: frozenset[tuple[str, str]]

    def covers(self, organisation_id: str, call_id: str | None = None) -> bool:
        """Whether a hold covers the organisation (all of it), or this call of it."""
        return organisation_id in self.organisations or (
            call_id is not None and (organisation_id, call_id) in self.calls
        )

    def calls_of(self, organisation_id: str) -> set[str]:
        return {call for organisation, call in self.calls if organisation == organisation_id}


def active(db: Database) -> Holds:
    found = store.active(db)
    return Holds(
        organisations=frozenset(h.organisation_id for h in found if h.call_id is None),
        calls=frozenset((h.organisation_id, h.call_id) for h in found if h.call_id is not None),
    )


def covers(db: Database, organisation_id: str, call_id: str | None = None) -> bool:
    """Whether an active hold covers this organisation, or this call of it (for erasures)."""
    return active(db).covers(organisation_id, call_id)


@dataclass(frozen=True)
class HoldLine:
    """One line of `hold list`: an operator's hold, or a closed account's recording hold."""

    id: str
    kind: str  # "organisation", "call" or "recording"
    organisation_id: str
    call_id: str | None
    reason: str
    set_at: str | None
    lifted_at: str | None = None
    lift_reason: str | None = None


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not MIN_REASON <= len(reason) <= MAX_REASON:
        raise HoldError(f"Give a reason of {MIN_REASON} to {MAX_REASON} characters.")
    return reason


def set_hold(
    db: Database, *, organisation_id: str | None, call_id: str | None, reason: str
) -> HoldLine:
    """Hold an organisation, or one call (its organisation is found from the call)."""
    reason = _reason(reason)
    if (organisation_id is None) == (call_id is None):
        raise HoldError("Name either an organisation or a call.")
    if call_id is not None:
        organisation_id = queue_store.call_organisation(db, call_id)
        if organisation_id is None:
            raise HoldError(f"No call {call_id} exists (any more).")
    assert organisation_id is not None
    if accounts_store.get_organisation(db, organisation_id) is None:
        raise HoldError(f"No organisation {organisation_id} exists (any more).")
    hold = LegalHold(
        id=security.new_id("hold"),
        organisation_id=organisation_id,
        call_id=call_id,
        reason=reason,
        set_at=clock.now_iso(),
        lifted_at=None,
        lift_reason=None,
    )
    store.insert(db, asdict(hold))
    return _line(hold)


def lift(db: Database, *, hold_id: str, reason: str) -> HoldLine:
    reason = _reason(reason)
    if not store.lift(db, hold_id, at=clock.now_iso(), reason=reason):
        raise HoldError(f"No active hold {hold_id}.")
    hold = store.get(db, hold_id)
    assert hold is not None
    return _line(hold)


def lift_recording_hold(db: Database, *, recording_id: str, reason: str) -> HoldLine:
    """Lift an admin's hold on a recording of a closed account (nobody else can)."""
    reason = _reason(reason)
    row = next((r for r in _closed_recording_holds(db) if r.id == recording_id), None)
    if row is None:
        raise HoldError(f"No recording {recording_id} of a closed account is on hold.")
    recordings_store.set_hold(db, row.organisation_id, recording_id, hold=False, reason=reason)
    return replace(row, lifted_at=clock.now_iso(), lift_reason=reason)


def listing(db: Database, *, include_lifted: bool = False) -> list[HoldLine]:
    """The operator's holds (lifted ones too, if asked), then recordings on hold of closed
    accounts."""
    lines = [_line(hold) for hold in store.listing(db, include_lifted=include_lifted)]
    return lines + _closed_recording_holds(db)


def _closed_recording_holds(db: Database) -> list[HoldLine]:
    closed = set(accounts_store.closed_organisation_ids(db))
    return [
        HoldLine(
            r.id, "recording", r.organisation_id, r.call_id, r.hold_reason or "legal hold", None
        )
        for r in recordings_store.on_hold(db)
        if r.organisation_id in closed
    ]


def _line(hold: LegalHold) -> HoldLine:
    return HoldLine(
        id=hold.id,
        kind="organisation" if hold.call_id is None else "call",
        organisation_id=hold.organisation_id,
        call_id=hold.call_id,
        reason=hold.reason,
        set_at=hold.set_at,
        lifted_at=hold.lifted_at,
        lift_reason=hold.lift_reason,
    )

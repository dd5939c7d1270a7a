"""Legal holds as erasure sees them: a hold postpones an erasure until it is lifted (P5, P10).

Recordings carry their own hold (server/recordings); a call's data is held while any of its
recordings is, because its consent trail is the recording's lawful basis. Holds on a whole
organisation or a single call (operator's holds, the account-closure work) belong here too:
`hold_on` is the one question erasure asks.
"""

from __future__ import annotations

from server.datarequests.rules import Kind
from server.holds import service as operator_holds
from server.recordings import service as recordings
from server.recordings import store as recordings_store
from server.sql import Database

OPERATORS_HOLD = "the operator's legal hold"


def hold_on(db: Database, *, organisation_id: str, kind: Kind, target: str) -> str | None:
    """Why a legal hold keeps this item from being erased now, or None. The operator's
    holds (server/holds) cover a whole organisation, or one call with its recordings."""
    if operator_holds.covers(db, organisation_id, _call_of(db, organisation_id, kind, target)):
        return OPERATORS_HOLD
    if kind == "recording":
        return recordings.hold_of(db, organisation_id=organisation_id, recording_id=target)
    if kind == "call":
        reasons = recordings.holds_of_call(db, organisation_id=organisation_id, call_id=target)
        return "; ".join(reasons) or None
    return None


def _call_of(db: Database, organisation_id: str, kind: Kind, target: str) -> str | None:
    if kind == "call":
        return target
    if kind == "recording":
        recording = recordings_store.get(db, organisation_id, target)
        return None if recording is None else recording.call_id
    return None

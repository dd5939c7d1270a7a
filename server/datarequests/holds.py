"""Legal holds as erasure sees them: a hold postpones an erasure until it is lifted (P5, P10).

Recordings carry their own hold (server/recordings); a call's data is held while any of its
recordings is, because its consent trail is the recording's lawful basis. Holds on a whole
organisation or a single call (operator's holds, the account-closure work) belong here too:
`hold_on` is the one question erasure asks.
"""

from __future__ import annotations

from sqlite_utils import Database

from server.datarequests.rules import Kind
from server.recordings import service as recordings


def hold_on(db: Database, *, organisation_id: str, kind: Kind, target: str) -> str | None:
    """Why a legal hold keeps this item from being erased now, or None."""
    if kind == "recording":
        return recordings.hold_of(db, organisation_id=organisation_id, recording_id=target)
    if kind == "call":
        reasons = recordings.holds_of_call(db, organisation_id=organisation_id, call_id=target)
        return "; ".join(reasons) or None
    return None

"""Erasure on request (P4, P5, P11): one item (a user, a recording, a call's data) is erased
at once where possible, and always within 30 days; the request and its due date are kept
until it is done.

An erasure that cannot be done at once waits for the retention job, which calls
`process_due_erasures`: a call still in progress is erased once it has ended, and an item
under a legal hold once the hold is lifted (the hold, not the 30 days, then decides).
Deletion is honoured unless the data is needed for billing, tax or audit (P11): each done
request lists what stayed and why.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime

from server import clock, security
from server.access import Caller
from server.accounts import service as accounts
from server.audit import service as audit
from server.datarequests import holds, restrictions, rules, store
from server.datarequests.models import (
    ErasureRequest,
    ErasureRequestOut,
    ErasureRequestPage,
    KeptOut,
)
from server.offers import service as offers
from server.problems import not_found
from server.queue import store as calls
from server.ratings import service as ratings
from server.recordings import service as recordings
from server.recordings.uploads import Uploads
from server.sql import Database

REASON = "erasure_request"


@dataclass(frozen=True)
class Attempt:
    done: bool
    hold_reason: str | None = None
    kept: list[rules.Kept] = field(default_factory=list)


@dataclass(frozen=True)
class Settled:
    """What became of one open request in a run of the job."""

    request_id: str
    organisation_id: str
    kind: str
    target: str
    status: rules.Status
    hold_reason: str | None
    overdue: bool


def _check_target(db: Database, caller: Caller, kind: rules.Kind, target: str) -> None:
    """The item is the caller's organisation's (another's is 404, like a missing one)."""
    organisation_id = caller.organisation_id
    if kind == "user":
        accounts.check_erasable(db, caller=caller, user_id=target)
    elif kind == "recording":
        if not recordings.exists(db, organisation_id=organisation_id, recording_id=target):
            raise not_found("recording")
    elif calls.get_call(db, organisation_id, target) is None:
        raise not_found("call")


def request_erasure(
    db: Database, *, uploads: Uploads, caller: Caller, kind: rules.Kind, target: str
) -> tuple[ErasureRequestOut, bool]:
    """Record the request and erase at once where possible; the request, and whether it is
    new (an open request for the same item is answered instead of a second one)."""
    _check_target(db, caller, kind, target)
    existing = store.open_request_for(db, caller.organisation_id, kind, target)
    if existing is not None:
        return _out(db, existing), False
    now = clock.now()
    request = ErasureRequest(
        id=security.new_id("era"),
        organisation_id=caller.organisation_id,
        kind=kind,
        target=target,
        requested_at=clock.iso(now),
        due_at=clock.iso(rules.due_at(now)),
        done_at=None,
        requested_by=caller.user_id,
        kept=None,
    )
    with db.atomic():
        store.insert_request(db, asdict(request))
        audit.record(
            db,
            event="erasure.requested",
            organisation_id=caller.organisation_id,
            ip=caller.ip,
            target=request.id,
            details={"kind": kind, "target": target, "due_at": request.due_at},
            **caller.actor,
        )
    _settle(db, uploads, request, now)
    return get_request(db, caller=caller, request_id=request.id), True


def erase_call_by_reference(
    db: Database, *, uploads: Uploads, caller: Caller, reference: str
) -> tuple[ErasureRequestOut, bool]:
    """P4: a visitor quotes the reference the widget showed; the call's data is erased."""
    call = calls.find_by_reference(db, caller.organisation_id, reference.strip())
    if call is None:
        raise not_found("call")
    return request_erasure(db, uploads=uploads, caller=caller, kind="call", target=call.id)


def get_request(db: Database, *, caller: Caller, request_id: str) -> ErasureRequestOut:
    request = store.get_request(db, caller.organisation_id, request_id)
    if request is None:
        raise not_found("erasure request")
    return _out(db, request)


def list_requests(
    db: Database, *, caller: Caller, open_only: bool, before: str | None, limit: int
) -> ErasureRequestPage:
    found = store.list_requests(
        db, caller.organisation_id, open_only=open_only, limit=limit + 1, before=before
    )
    return ErasureRequestPage(
        items=[_out(db, request) for request in found[:limit]],
        next_cursor=found[limit - 1].requested_at if len(found) > limit else None,
    )


def process_due_erasures(
    db: Database, now: datetime, *, uploads: Uploads, dry_run: bool = False
) -> list[Settled]:
    """Try every open request again (the retention job calls this): those whose call has
    ended or whose hold was lifted are erased now; the rest stay open, and say why. With
    `dry_run`, nothing is erased: the answer says what is open."""
    settled = []
    for request in store.open_requests(db):
        if dry_run:
            hold = holds.hold_on(
                db,
                organisation_id=request.organisation_id,
                kind=request.kind,
                target=request.target,
            )
            attempt = Attempt(done=False, hold_reason=hold)
        else:
            attempt = _settle(db, uploads, request, now)
        settled.append(
            Settled(
                request_id=request.id,
                organisation_id=request.organisation_id,
                kind=request.kind,
                target=request.target,
                status=rules.status(done=attempt.done, hold_reason=attempt.hold_reason),
                hold_reason=attempt.hold_reason,
                overdue=not attempt.done and clock.parse(request.due_at) <= now,
            )
        )
    return settled


def _settle(db: Database, uploads: Uploads, request: ErasureRequest, now: datetime) -> Attempt:
    """Erase the request's item if nothing stands in the way, and mark the request done."""
    organisation_id, kind, target = request.organisation_id, request.kind, request.target
    hold = holds.hold_on(db, organisation_id=organisation_id, kind=kind, target=target)
    if hold is not None:
        return Attempt(done=False, hold_reason=hold)
    with db.atomic():
        attempt = _erase(db, uploads, organisation_id, kind, target)
        if attempt.done:
            kept = [k.as_row() for k in attempt.kept]
            store.mark_done(db, request.id, at=clock.iso(now), kept=kept)
            audit.record(
                db,
                event="erasure.done",
                organisation_id=organisation_id,
                ip=None,
                target=request.id,
                details={"kind": kind, "target": target, "kept": [k["what"] for k in kept]},
            )
    if attempt.done:
        store.checkpoint(db)
    return attempt


def _erase(db: Database, uploads: Uploads, organisation_id: str, kind: str, target: str) -> Attempt:
    if kind == "recording":
        recordings.erase_now(
            db,
            uploads=uploads,
            organisation_id=organisation_id,
            recording_id=target,
            reason=REASON,
        )
        return Attempt(done=True, kept=rules.kept_after_recording())
    if kind == "call":
        return _erase_call(db, uploads, organisation_id, target)
    kept = rules.kept_after_user(
        has_offers=offers.made_or_decided_by(db, organisation_id=organisation_id, user_id=target),
        has_recordings=recordings.made_by(db, organisation_id=organisation_id, clerk_id=target),
    )
    accounts.erase_user(db, organisation_id=organisation_id, user_id=target)
    restrictions.forget_user(db, organisation_id=organisation_id, user_id=target)
    return Attempt(done=True, kept=kept)


def _erase_call(db: Database, uploads: Uploads, organisation_id: str, call_id: str) -> Attempt:
    """The call's recordings, consent trail, the clerk's wrap-up note (which may quote the
    visitor) and the visitor's rating comment; a call still in progress waits until it has
    ended."""
    call = calls.get_call(db, organisation_id, call_id)
    if call is not None and call.ended_at is None:
        return Attempt(done=False)
    if call is not None:
        recordings.delete_recordings_of_call(
            db, uploads=uploads, organisation_id=organisation_id, call_id=call_id, reason=REASON
        )
        calls.delete_consent_events(db, organisation_id, call_id)
        calls.update_call(db, organisation_id, call_id, {"wrap_up_note": None})
        ratings.forget_comment(db, organisation_id=organisation_id, call_id=call_id)
    offer = offers.offer_of_call(db, organisation_id=organisation_id, call_id=call_id)
    return Attempt(done=True, kept=rules.kept_after_call(has_offers=offer is not None))


def _out(db: Database, request: ErasureRequest) -> ErasureRequestOut:
    done = request.done_at is not None
    hold = None
    if not done:
        hold = holds.hold_on(
            db, organisation_id=request.organisation_id, kind=request.kind, target=request.target
        )
    status = rules.status(done=done, hold_reason=hold)
    return ErasureRequestOut(
        id=request.id,
        kind=request.kind,
        target=request.target,
        requested_at=request.requested_at,
        due_at=request.due_at,
        done_at=request.done_at,
        requested_by=request.requested_by,
        status=status,
        hold_reason=hold,
        kept=[KeptOut.model_validate(k) for k in request.kept or ()],
        detail=rules.describe(status, done_at=request.done_at, due_at=request.due_at, hold=hold),
    )

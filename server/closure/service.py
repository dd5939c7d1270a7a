"""Closing an organisation's account (P12): disabled at once, its data erased on schedule.

An admin closes it, confirming with their password; the operator purges one that belongs to
a minor (P14). Either way, in one transaction: the organisation is marked closed (log-in now
answers `organisation_closed`), every API key is revoked, every session and reset code ends,
webhooks stop, the admins are kept as contacts, and the closure is audited. After the commit
the open sockets are closed (clerks 4401, visitors 4410) and the widgets refuse visitors.
What is kept, and until when, is server/retention's.
"""

from __future__ import annotations

import asyncio

from server import clock, security
from server.access import Caller
from server.accounts import events
from server.accounts import store as accounts_store
from server.accounts.service import CLOSED, organisation_closed
from server.apikeys import store as keys_store
from server.audit import service as audit
from server.closure import store
from server.closure.models import ClosureOut
from server.config import Settings
from server.problems import ProblemError, not_found
from server.queue.errands import HomeErrands
from server.recordings.uploads import Uploads
from server.retention import rules
from server.retention import service as retention
from server.retention.rules import Reason
from server.sql import Database
from server.webhooks import store as webhooks_store


def close_account(
    db: Database,
    *,
    organisation_id: str,
    closed_by: str | None,
    reason: Reason,
    ip: str | None,
) -> list[str]:
    """Close now, in one transaction; the token hashes of the sessions it ended (their sockets
    are to be closed after the commit)."""
    now = clock.now_iso()
    with db.atomic():
        if not accounts_store.mark_closed(db, organisation_id, now):
            raise organisation_closed()
        store.insert_closure(
            db,
            {
                "organisation_id": organisation_id,
                "closed_at": now,
                "closed_by": closed_by,
                "reason": reason.value,
            },
        )
        store.insert_contacts(
            db,
            organisation_id,
            [
                {"name": user.name, "email": user.email, "role": user.role}
                for user in accounts_store.list_users(db, organisation_id)
                if user.role == "admin"
            ],
        )
        revoked = keys_store.revoke_all(db, organisation_id, now)
        ended = accounts_store.delete_sessions_of_organisation(db, organisation_id)
        webhooks_store.disable(db, organisation_id, now)
        audit.record(
            db,
            event="organisation.closed",
            organisation_id=organisation_id,
            ip=ip,
            actor_user_id=closed_by,
            target=organisation_id,
            details={
                "reason": reason.value,
                "api_keys_revoked": revoked,
                "sessions_ended": len(ended),
            },
        )
    return ended


def closure_out(db: Database, settings: Settings, organisation_id: str) -> ClosureOut:
    closure = store.closure(db, organisation_id)
    assert closure is not None
    plan = rules.schedule(
        clock.parse(closure.closed_at),
        Reason(closure.reason),
        erasure_days=settings.closed_account_erasure_days,
        billing_years=settings.billing_retention_years,
    )

    return ClosureOut(
        organisation_id=organisation_id,
        closed_at=closure.closed_at,
        account_data_erased_after=clock.iso(plan.account_data),
        support_erased_after=clock.iso(plan.support),
        profile_erased_after=clock.iso(plan.profile),
        billing_erased_after=clock.iso(plan.billing),
    )


async def close(
    db: Database, settings: Settings, *, caller: Caller, password: str, errands: HomeErrands
) -> ClosureOut:
    """An admin closes their organisation's account, confirming with their own password."""
    assert caller.user_id is not None
    user = accounts_store.get_user(db, caller.organisation_id, caller.user_id)
    if user is None:
        raise not_found("user")
    good = await asyncio.to_thread(security.verify_password, user.password_hash, password)
    if not good:
        raise ProblemError(
            403,
            "wrong_password",
            "The password is wrong; the account stays open.",
            errors=[{"field": "password", "message": "wrong password"}],
        )
    ended = close_account(
        db,
        organisation_id=caller.organisation_id,
        closed_by=caller.user_id,
        reason=Reason.REQUESTED,
        ip=caller.ip,
    )
    events.publish(ended, reason=CLOSED)
    # The queue's home (any process) ends its calls and lets its visitors go.
    errands.run(caller.organisation_id, CLOSE_QUEUE, {})
    return closure_out(db, settings, caller.organisation_id)


CLOSE_QUEUE = "close_organisation"
"""The errand (server/queue/errands.py) that closes an organisation's live queue."""


class PurgeError(ValueError):
    """The organisation cannot be purged; the message says why."""


def purge(
    db: Database, settings: Settings, *, uploads: Uploads, organisation_id: str, reason: Reason
) -> retention.Report:
    """The operator's purge (P14): close the account if it is open, then erase everything but
    its billing data now, outside the schedule. A legal hold still keeps what it covers."""
    organisation = accounts_store.get_organisation(db, organisation_id)
    if organisation is None:
        raise PurgeError(f"No organisation {organisation_id} exists (any more).")
    if organisation.closed_at is None:
        close_account(db, organisation_id=organisation_id, closed_by=None, reason=reason, ip=None)
    else:
        with db.atomic():
            store.set_reason(db, organisation_id, reason.value)
    return retention.run(db, uploads=uploads, settings=settings, organisation_id=organisation_id)

"""Restriction of processing (P11): an organisation, or one of its users, says 'not for
this purpose'. Other parts ask `is_restricted` before they process for a purpose."""

from __future__ import annotations

from server import clock
from server.access import Caller
from server.audit import service as audit
from server.datarequests import store
from server.datarequests.models import MyRestrictions, Restrictions
from server.datarequests.rules import PURPOSES, Purpose
from server.sql import Database


def is_restricted(
    db: Database, *, organisation_id: str, user_id: str | None = None, purpose: Purpose
) -> bool:
    """Whether processing for `purpose` is restricted: by the organisation, or (when
    `user_id` is given) by that user. Marketing mail asks it per user, automated decisions
    per organisation (and per user where a user is the subject), any use of recordings to
    improve the service per organisation."""
    if purpose not in PURPOSES:
        raise ValueError(f"unknown purpose {purpose!r}; one of {', '.join(PURPOSES)}")
    return store.restricted(db, organisation_id, user_id, purpose)


def _flags(purposes: set[str]) -> Restrictions:
    return Restrictions.model_validate({purpose: purpose in purposes for purpose in PURPOSES})


def _purposes(form: Restrictions) -> set[str]:
    return {purpose for purpose in PURPOSES if getattr(form, purpose)}


def of_organisation(db: Database, *, organisation_id: str) -> Restrictions:
    return _flags(store.restricted_purposes(db, organisation_id, None))


def of_user(db: Database, *, caller: Caller) -> MyRestrictions:
    return MyRestrictions(
        own=_flags(store.restricted_purposes(db, caller.organisation_id, caller.user_id)),
        organisation=of_organisation(db, organisation_id=caller.organisation_id),
    )


def _save(db: Database, *, caller: Caller, user_id: str | None, form: Restrictions) -> None:
    purposes = _purposes(form)
    with db.atomic():
        before = store.restricted_purposes(db, caller.organisation_id, user_id)
        store.set_restrictions(
            db, caller.organisation_id, user_id, purposes, at=clock.now_iso(), by=caller.user_id
        )
        if before != purposes:
            audit.record(
                db,
                event="restrictions.changed",
                organisation_id=caller.organisation_id,
                ip=caller.ip,
                target=user_id or caller.organisation_id,
                details={"restricted": sorted(purposes)},
                **caller.actor,
            )


def set_for_organisation(db: Database, *, caller: Caller, form: Restrictions) -> Restrictions:
    _save(db, caller=caller, user_id=None, form=form)
    return of_organisation(db, organisation_id=caller.organisation_id)


def set_for_user(db: Database, *, caller: Caller, form: Restrictions) -> MyRestrictions:
    assert caller.user_id is not None
    _save(db, caller=caller, user_id=caller.user_id, form=form)
    return of_user(db, caller=caller)


def forget_user(db: Database, *, organisation_id: str, user_id: str) -> None:
    """An erased user's choices go with the user."""
    store.set_restrictions(db, organisation_id, user_id, (), at=clock.now_iso(), by=None)

"""Thin HTTP routes for managing API keys (admins only: a key cannot mint keys)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, status

from server.access import ADMIN, Caller, get_db, require
from server.apikeys import service
from server.apikeys.models import (
    CreateKeyRequest,
    KeyCreated,
    KeyOut,
    KeyPage,
    RotatedKey,
    RotateKeyRequest,
)
from server.audit import service as audit
from server.problems import PROBLEM_RESPONSES
from server.sql import Database

router = APIRouter(prefix="/api/v1/api-keys", tags=["api keys"], responses=PROBLEM_RESPONSES)
DB = Depends(get_db)
ADMIN_USER = Depends(require(roles=ADMIN))


def _audit(db: Database, caller: Caller, event: str, key_id: str, **details: object) -> None:
    audit.record(
        db,
        event=event,
        organisation_id=caller.organisation_id,
        ip=caller.ip,
        target=key_id,
        details=details or None,
        **caller.actor,
    )


@router.get("")
async def list_api_keys(caller: Caller = ADMIN_USER, db: Database = DB) -> KeyPage:
    """Every key with its prefix, scopes, status, last use and the IP it came from."""
    return KeyPage(
        items=[
            service.key_out(r)
            for r in service.list_keys(db, organisation_id=caller.organisation_id)
        ]
    )


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_api_key(
    form: CreateKeyRequest, caller: Caller = ADMIN_USER, db: Database = DB
) -> KeyCreated:
    """Generate a key, or register your own with `secret`. The secret is shown only now."""
    with db.atomic():
        new = service.create_key(
            db,
            organisation_id=caller.organisation_id,
            name=form.name,
            scopes=list(form.scopes),
            environment=form.environment,
            created_by=caller.user_id,
            secret=form.secret,
        )
        _audit(db, caller, "api_key.created", new.key.id, own=form.secret is not None)
    return service.key_secret(new)


@router.get("/{key_id}")
async def get_api_key(key_id: str, caller: Caller = ADMIN_USER, db: Database = DB) -> KeyOut:
    return service.key_out(
        service.get_key(db, organisation_id=caller.organisation_id, key_id=key_id)
    )


@router.post("/{key_id}/rotate")
async def rotate_api_key(
    key_id: str, form: RotateKeyRequest, caller: Caller = ADMIN_USER, db: Database = DB
) -> RotatedKey:
    """A new key replaces this one; the old key keeps working for `grace_hours`."""
    old, new = service.rotate_key(
        db,
        organisation_id=caller.organisation_id,
        key_id=key_id,
        grace_hours=form.grace_hours,
        actor=caller.user_id,
    )
    _audit(db, caller, "api_key.rotated", key_id, new_key=new.key.id, grace_hours=form.grace_hours)
    return RotatedKey(
        old_key=service.key_out(old), new_key=service.key_out(new.key), secret=new.secret
    )


@router.delete("/{key_id}")
async def revoke_api_key(key_id: str, caller: Caller = ADMIN_USER, db: Database = DB) -> KeyOut:
    """Revoke at once: the key stops working on the next request."""
    key = service.revoke_key(db, organisation_id=caller.organisation_id, key_id=key_id)
    _audit(db, caller, "api_key.revoked", key_id)
    return service.key_out(key)

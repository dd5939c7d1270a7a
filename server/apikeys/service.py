"""API-key operations: create, supply, rotate, revoke, and recognise a key on a request."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, time, timedelta

from server import clock, security
from server.apikeys import rules, store
from server.apikeys.models import ApiKey, KeyCreated, KeyOut
from server.audit import service as audit
from server.audit import store as audit_store
from server.problems import ProblemError, not_found
from server.sql import Database


@dataclass(frozen=True)
class NewKey:
    key: ApiKey
    secret: str


def create_key(
    db: Database,
    *,
    organisation_id: str,
    name: str,
    scopes: list[str],
    environment: str,
    created_by: str | None,
    secret: str | None = None,
) -> NewKey:
    """Generate a key, or take the customer's own after checking it is strong (P8)."""
    if secret is not None:
        problem = rules.own_key_problem(secret)
        if problem:
            raise ProblemError(
                422, "weak_api_key", problem, errors=[{"field": "secret", "message": problem}]
            )
        if store.secret_in_use(db, security.token_hash(secret)):
            raise ProblemError(409, "api_key_in_use", "That key cannot be used. Choose another.")
    value = secret or security.new_token(f"vck_{environment}")
    row: dict[str, object] = {
        "id": security.new_id("key"),
        "organisation_id": organisation_id,
        "name": name,
        "prefix": rules.visible_prefix(value),
        "secret_hash": security.token_hash(value),
        "scopes": json.dumps(sorted(set(scopes))),
        "environment": environment,
        "supplied_by_customer": int(secret is not None),
        "created_at": clock.now_iso(),
        "created_by": created_by,
    }
    store.insert_key(db, row)
    return NewKey(
        key=get_key(db, organisation_id=organisation_id, key_id=str(row["id"])), secret=value
    )


def initial_keys(db: Database, *, organisation_id: str, created_by: str) -> list[NewKey]:
    """Every new organisation gets a live and a test key with full access (P8)."""
    return [
        create_key(
            db,
            organisation_id=organisation_id,
            name=f"Default {env} key",
            scopes=["full"],
            environment=env,
            created_by=created_by,
        )
        for env in ("live", "test")
    ]


def list_keys(db: Database, *, organisation_id: str) -> list[ApiKey]:
    return store.list_keys(db, organisation_id)


def get_key(db: Database, *, organisation_id: str, key_id: str) -> ApiKey:
    key = store.get_key(db, organisation_id, key_id)
    if key is None:
        raise not_found("API key")
    return key


def rotate_key(
    db: Database, *, organisation_id: str, key_id: str, grace_hours: int, actor: str | None
) -> tuple[ApiKey, NewKey]:
    """A new key with the same name and scopes; the old one works until the grace period ends."""
    old = get_key(db, organisation_id=organisation_id, key_id=key_id)
    if status(old) in ("revoked", "expired"):
        raise ProblemError(
            409, "api_key_inactive", "This key is revoked or expired; create a new one."
        )
    with db.atomic():
        new = create_key(
            db,
            organisation_id=organisation_id,
            name=old.name,
            scopes=list(old.scopes),
            environment=old.environment,
            created_by=actor,
        )
        expires_at = clock.later(grace_hours * 3600)
        if old.expires_at is not None:
            # Rotating a key that is already expiring never extends its life.
            expires_at = min(expires_at, old.expires_at)
        store.update_key(
            db, organisation_id, key_id, {"expires_at": expires_at, "replaced_by": new.key.id}
        )
    return get_key(db, organisation_id=organisation_id, key_id=key_id), new


def revoke_key(db: Database, *, organisation_id: str, key_id: str) -> ApiKey:
    key = get_key(db, organisation_id=organisation_id, key_id=key_id)
    if key.revoked_at is None:
        store.update_key(db, organisation_id, key_id, {"revoked_at": clock.now_iso()})
    return get_key(db, organisation_id=organisation_id, key_id=key_id)


def status(key: ApiKey) -> str:
    if key.revoked_at is not None:
        return "revoked"
    if key.expires_at is None:
        return "active"
    return "expiring" if key.expires_at > clock.now_iso() else "expired"


def key_out(key: ApiKey) -> KeyOut:
    return KeyOut.model_validate({**asdict(key), "scopes": list(key.scopes), "status": status(key)})


def key_secret(new: NewKey) -> KeyCreated:
    return KeyCreated(key=key_out(new.key), secret=new.secret)


def recognise_digest(db: Database, digest: str) -> ApiKey | None:
    """The key whose secret has this SHA-256, if it is usable now; None otherwise."""
    key = store.key_by_secret_hash(db, digest)
    if key is None or not security.same_secret(key.secret_hash, digest):
        return None
    if status(key) in ("revoked", "expired"):
        return None
    return key


@dataclass
class KeyUseTracker:
    """Remembers key use without a database write on every request.

    The key's last use is written at most once a minute per key (or when its IP changes);
    the audit trail gets the first use per key, day and IP (P9).
    """

    interval_seconds: float = 60.0
    _written: dict[str, tuple[float, str | None]] = field(default_factory=dict)
    _day: str = ""
    _day_ends: float = 0.0
    _seen_days: set[tuple[str, str]] = field(default_factory=set)

    def note(self, db: Database, *, key_id: str, organisation_id: str, ip: str | None) -> None:
        stamp = clock.timestamp()
        last = self._written.get(key_id)
        if last is None or last[1] != ip or stamp - last[0] >= self.interval_seconds:
            store.note_use(db, key_id, clock.now_iso(), ip)
            self._written[key_id] = (stamp, ip)
        if stamp >= self._day_ends:  # only today's uses matter: keep the set from growing
            moment = clock.now()
            self._day, self._seen_days = moment.date().isoformat(), set()
            tomorrow = datetime.combine(moment.date() + timedelta(days=1), time(), tzinfo=UTC)
            self._day_ends = tomorrow.timestamp()
        day = self._day
        seen = (key_id, ip or "")
        if seen in self._seen_days:
            return
        self._seen_days.add(seen)
        if audit_store.first_key_use_today(db, key_id, day, ip or ""):
            audit.record(
                db,
                event="api_key.used",
                organisation_id=organisation_id,
                ip=ip,
                actor_key_id=key_id,
                target=key_id,
            )

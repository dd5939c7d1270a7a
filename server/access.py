"""Who is calling: a user's session or an API key, resolved once per request.

Routes declare what they need with `require(...)`; everything after that works with a
`Caller`, whose `organisation_id` scopes every query (tenant isolation).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict

from fastapi import Request
from fastapi.openapi.models import HTTPBearer as HTTPBearerModel
from fastapi.security.base import SecurityBase
from fastapi.security.utils import get_authorization_scheme_param

from server import callers, clock, security
from server.accounts import store as accounts_store
from server.accounts.models import Organisation, UserProfile
from server.apikeys import rules as key_rules
from server.apikeys import service as keys
from server.config import Settings
from server.problems import ProblemError
from server.sql import Database

SESSION_PREFIX = security.SESSION_PREFIX


class Actor(TypedDict):
    """Who acted, as the audit trail records it: a user, or an API key."""

    actor_user_id: str | None
    actor_key_id: str | None


@dataclass(frozen=True)
class Caller:
    organisation_id: str
    ip: str | None
    user_id: str | None = None
    role: str | None = None
    session_hash: str | None = None
    key_id: str | None = None
    scopes: frozenset[str] = frozenset()
    user: UserProfile | None = field(default=None, compare=False, repr=False)
    """A session's user as read with the session, in the same query (None for API keys)."""
    organisation: Organisation | None = field(default=None, compare=False, repr=False)
    """The caller's organisation as read when the caller was recognised (a correction of it
    calls `callers.changed()`, so the next request reads it anew)."""

    @property
    def actor(self) -> Actor:
        """The audit trail's view of this caller."""
        return {"actor_user_id": self.user_id, "actor_key_id": self.key_id}


def database_of(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


# The two dependencies below are `async` on purpose: FastAPI runs a plain `def` dependency in
# a worker thread, and that hop cost more than the rest of an authenticated read together.


async def get_db(request: Request) -> Database:
    """Dependency: the process's database connection."""
    return database_of(request)


async def get_settings(request: Request) -> Settings:
    """Dependency: the server's settings."""
    settings: Settings = request.app.state.settings
    return settings


def client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None


_NOT_AUTHENTICATED = ProblemError(
    401,
    "not_authenticated",
    "Log in, or send an API key, as 'Authorization: Bearer …'.",
    headers={"WWW-Authenticate": "Bearer"},
)


_USER_ONLY = ProblemError(
    403,
    "user_session_required",
    "API keys cannot do this (P8: keys never manage users or keys). Log in as an administrator.",
)


def caller_from_session(db: Database, token: str, *, ip: str | None) -> Caller:
    """The user behind a session token; a problem when it is unknown, expired or deactivated."""
    key = (security.token_hash(token), ip)
    known: Caller | None = callers.get(key)
    return _session_caller(db, key) if known is None else known


def _session_caller(db: Database, key: callers.Key) -> Caller:
    digest, ip = key
    session = accounts_store.session_with_user(db, digest)
    if session is None or session.expires_at <= clock.now_iso() or not session.user.active:
        raise ProblemError(
            401,
            "session_expired",
            "Your session has ended. Log in again.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    user = session.user
    caller = Caller(
        organisation_id=user.organisation_id,
        ip=ip,
        user_id=user.id,
        role=user.role,
        session_hash=digest,
        user=user,
        organisation=accounts_store.get_organisation(db, user.organisation_id),
    )
    callers.put(key, caller, expires_at=clock.parse(session.expires_at).timestamp())
    return caller


def _key_caller(request: Request, db: Database, secret: str, ip: str | None) -> Caller:
    key = (security.token_hash(secret), ip)
    known: Caller | None = callers.get(key)
    if known is None:
        known = _recognised_key(db, key)
    tracker: keys.KeyUseTracker = request.app.state.key_use
    tracker.note(db, key_id=str(known.key_id), organisation_id=known.organisation_id, ip=ip)
    return known


def _recognised_key(db: Database, key: callers.Key) -> Caller:
    digest, ip = key
    row = keys.recognise_digest(db, digest)
    if row is None:
        raise ProblemError(
            401,
            "invalid_api_key",
            "This API key is unknown, revoked or expired.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    caller = Caller(
        organisation_id=row.organisation_id,
        ip=ip,
        key_id=row.id,
        scopes=frozenset(row.scopes),
        organisation=accounts_store.get_organisation(db, row.organisation_id),
    )
    expires_at = row.expires_at
    callers.put(
        key,
        caller,
        expires_at=None if expires_at is None else clock.parse(expires_at).timestamp(),
    )
    return caller


def bearer_secret(request: Request) -> str | None:
    """The secret of an `Authorization: Bearer …` header, if there is one."""
    scheme, secret = get_authorization_scheme_param(request.headers.get("authorization"))
    return secret if scheme.lower() == "bearer" and secret else None


def authenticate(request: Request, token: str | None) -> Caller:
    if not token:
        raise _NOT_AUTHENTICATED
    db = database_of(request)
    ip = client_ip(request)
    if token.startswith(f"{SESSION_PREFIX}_"):
        return caller_from_session(db, token, ip=ip)
    return _key_caller(request, db, token, ip)


class Require(SecurityBase):
    """A dependency admitting users with one of `roles`, and API keys granting `scope`.

    It is its own OpenAPI security scheme (HTTP bearer), so FastAPI documents it without
    solving a separate `HTTPBearer` sub-dependency on every request.
    """

    def __init__(self, *, roles: tuple[str, ...], scope: str | None) -> None:
        self.model = HTTPBearerModel(description="A session token or an API key.")
        self.scheme_name = "HTTPBearer"
        self.roles = roles
        self.scope = scope

    async def __call__(self, request: Request) -> Caller:
        caller = authenticate(request, bearer_secret(request))
        if caller.user_id is not None and caller.role in self.roles:
            return caller
        if (
            caller.key_id is not None
            and self.scope is not None
            and key_rules.allows(caller.scopes, self.scope)
        ):
            return caller
        if caller.key_id is not None and self.scope is None:
            raise _USER_ONLY
        raise ProblemError(
            403,
            "forbidden",
            "Your role or key does not allow this. Ask an administrator.",
        )


def require(*, roles: tuple[str, ...] = (), scope: str | None = None) -> Require:
    """A dependency admitting users with one of `roles`, and API keys granting `scope`.

    With no roles, no user is admitted; with no scope, no API key is.
    """
    return Require(roles=roles, scope=scope)


ANY_USER = ("admin", "supervisor", "clerk")
ADMIN = ("admin",)

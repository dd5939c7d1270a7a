"""Who is calling: a user's session or an API key, resolved once per request.

Routes declare what they need with `require(...)`; everything after that works with a
`Caller`, whose `organisation_id` scopes every query (tenant isolation).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlite_utils import Database

from server import clock, security
from server.accounts import store as accounts_store
from server.apikeys import rules as key_rules
from server.apikeys import service as keys
from server.config import Settings
from server.problems import ProblemError

SESSION_PREFIX = security.SESSION_PREFIX
_bearer = HTTPBearer(auto_error=False, description="A session token or an API key.")


@dataclass(frozen=True)
class Caller:
    organisation_id: str
    ip: str | None
    user_id: str | None = None
    role: str | None = None
    session_hash: str | None = None
    key_id: str | None = None
    scopes: frozenset[str] = frozenset()

    @property
    def actor(self) -> dict[str, str | None]:
        """The audit trail's view of this caller."""
        return {"actor_user_id": self.user_id, "actor_key_id": self.key_id}


def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def get_settings(request: Request) -> Settings:
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


def caller_from_session(db: Database, token: str, *, ip: str | None) -> Caller:
    """The user behind a session token; a problem when it is unknown, expired or deactivated."""
    digest = security.token_hash(token)
    row = accounts_store.session_with_user(db, digest)
    if row is None or row["expires_at"] <= clock.now_iso() or not row["active"]:
        raise ProblemError(
            401,
            "session_expired",
            "Your session has ended. Log in again.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return Caller(
        organisation_id=row["organisation_id"],
        ip=ip,
        user_id=row["user_id"],
        role=row["role"],
        session_hash=digest,
    )


def _key_caller(request: Request, db: Database, secret: str, ip: str | None) -> Caller:
    row = keys.recognise(db, secret)
    if row is None:
        raise ProblemError(
            401,
            "invalid_api_key",
            "This API key is unknown, revoked or expired.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    tracker: keys.KeyUseTracker = request.app.state.key_use
    tracker.note(db, key_id=str(row["id"]), organisation_id=str(row["organisation_id"]), ip=ip)
    return Caller(
        organisation_id=str(row["organisation_id"]),
        ip=ip,
        key_id=str(row["id"]),
        scopes=frozenset(json.loads(str(row["scopes"]))),
    )


def authenticate(request: Request, credentials: HTTPAuthorizationCredentials | None) -> Caller:
    if credentials is None or not credentials.credentials:
        raise _NOT_AUTHENTICATED
    token = credentials.credentials
    db = get_db(request)
    ip = client_ip(request)
    if token.startswith(f"{SESSION_PREFIX}_"):
        return caller_from_session(db, token, ip=ip)
    return _key_caller(request, db, token, ip)


CallerDependency = Callable[..., Coroutine[Any, Any, Caller]]


def require(
    *, roles: tuple[str, ...] = (), scope: str | None = None
) -> CallerDependency:
    """A dependency admitting users with one of `roles`, and API keys granting `scope`.

    With no roles, no user is admitted; with no scope, no API key is.
    """

    async def dependency(
        request: Request,
        credentials: HTTPAuthorizationCredentials | None = Depends(_bearer),  # noqa: B008
    ) -> Caller:
        caller = authenticate(request, credentials)
        if caller.user_id is not None and caller.role in roles:
            return caller
        if caller.key_id is not None and scope is not None and key_rules.allows(caller.scopes, scope):
            return caller
        raise ProblemError(
            403,
            "forbidden",
            "Your role or key does not allow this. Ask an administrator.",
        )

    return dependency


ANY_USER = ("admin", "supervisor", "clerk")
ADMIN = ("admin",)

"""Versioned schema migrations (sqlite-utils `Migrations`), applied in order on start.

Append new migrations at the end; never edit one that has shipped.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("videoclerk")


def _run(db: Database, script: str) -> None:
    # executescript() would commit the migration's transaction, so run statements one by one.
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


@migrations()
def m001_accounts(db: Database) -> None:
    _run(
        db,
        """
CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    organisation_number TEXT NOT NULL,
    vat_number TEXT NOT NULL,
    billing_street TEXT NOT NULL,
    billing_postal_code TEXT NOT NULL,
    billing_city TEXT NOT NULL,
    country TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE users (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'supervisor', 'clerk')),
    password_hash TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    policy_version TEXT,
    policy_accepted_at TEXT,
    age_confirmed_at TEXT,
    password_changed_at TEXT,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    first_failure_at TEXT,
    locked_until TEXT
);
CREATE INDEX users_organisation ON users(organisation_id);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    ip TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE password_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('reset', 'invite')),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX password_tokens_user ON password_tokens(user_id);
CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    prefix TEXT NOT NULL,
    secret_hash TEXT NOT NULL UNIQUE,
    scopes TEXT NOT NULL,
    environment TEXT NOT NULL,
    supplied_by_customer INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    created_by TEXT,
    expires_at TEXT,
    revoked_at TEXT,
    replaced_by TEXT,
    last_used_at TEXT,
    last_used_ip TEXT
);
CREATE INDEX api_keys_organisation ON api_keys(organisation_id);
CREATE TABLE api_key_use_days (
    key_id TEXT NOT NULL REFERENCES api_keys(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    ip TEXT NOT NULL,
    PRIMARY KEY (key_id, day, ip)
);
CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organisation_id TEXT REFERENCES organisations(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    event TEXT NOT NULL,
    actor_user_id TEXT,
    actor_key_id TEXT,
    ip TEXT,
    target TEXT,
    details TEXT
);
CREATE INDEX audit_events_organisation ON audit_events(organisation_id, id)
""",
    )

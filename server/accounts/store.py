"""All SQL of the accounts capability. Every read of tenant data takes the organisation id."""

from __future__ import annotations

import json

from server import callers
from server.accounts.models import Organisation, PasswordToken, Session, User, UserProfile
from server.sql import (
    Database,
    Row,
    as_record,
    columns,
    json_values,
    one,
    one_record,
    records,
    update_in_organisation,
)


def insert_organisation(db: Database, row: Row) -> None:
    db.table("organisations").insert(row)


def update_organisation(db: Database, organisation_id: str, changes: Row) -> None:
    """Recognised callers carry their organisation (server/callers.py): forget them."""
    columns = ", ".join(f"{name} = ?" for name in changes)
    db.execute(
        f"UPDATE organisations SET {columns} WHERE id = ?",  # noqa: S608 - names from code
        [*changes.values(), organisation_id],
    )
    callers.changed()


def get_organisation(db: Database, organisation_id: str) -> Organisation | None:
    return one_record(db, Organisation, "FROM organisations WHERE id = ?", [organisation_id])


def is_closed(db: Database, organisation_id: str) -> bool:
    """Closed, or erased altogether."""
    row = one(db, "SELECT closed_at FROM organisations WHERE id = ?", [organisation_id])
    return row is None or row["closed_at"] is not None


def closed_organisation_ids(db: Database) -> list[str]:
    found = db.execute("SELECT id FROM organisations WHERE closed_at IS NOT NULL")
    return [str(r[0]) for r in found]


def open_organisation_ids(db: Database, organisation_ids: list[str]) -> set[str]:
    """Those of `organisation_ids` that exist and are not closed."""
    found = db.execute(
        f"SELECT id FROM organisations WHERE closed_at IS NULL AND id IN ({json_values(db)})",  # noqa: S608
        [json.dumps(organisation_ids)],
    )
    return {str(r[0]) for r in found}


def mark_closed(db: Database, organisation_id: str, at: str) -> bool:
    """Close an open organisation (once and for all); False when it was closed already."""
    cursor = db.execute(
        "UPDATE organisations SET closed_at = ? WHERE id = ? AND closed_at IS NULL",
        [at, organisation_id],
    )
    callers.changed()
    return bool(cursor.rowcount)


def delete_sessions_of_organisation(db: Database, organisation_id: str) -> list[str]:
    """End every session of the organisation; the token hashes of those ended."""
    cursor = db.execute(
        "DELETE FROM sessions WHERE organisation_id = ? RETURNING token_hash", [organisation_id]
    )
    ended = [str(row[0]) for row in cursor.fetchall()]
    db.execute(
        "DELETE FROM password_tokens WHERE user_id IN "
        "(SELECT id FROM users WHERE organisation_id = ?)",
        [organisation_id],
    )
    callers.changed()
    return ended


def count_organisations(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM organisations").fetchone()[0])


def insert_user(db: Database, row: Row) -> None:
    db.table("users").insert(row)


def email_taken(db: Database, email: str) -> bool:
    return one(db, "SELECT 1 AS x FROM users WHERE email = ?", [email.lower()]) is not None


def user_by_email(db: Database, email: str) -> User | None:
    return one_record(db, User, "FROM users WHERE email = ?", [email.lower()])


def user_by_id(db: Database, user_id: str) -> User | None:
    """Unscoped: only for a user acting on their own account (session, reset token)."""
    return one_record(db, User, "FROM users WHERE id = ?", [user_id])


def get_user(db: Database, organisation_id: str, user_id: str) -> User | None:
    return one_record(
        db, User, "FROM users WHERE id = ? AND organisation_id = ?", [user_id, organisation_id]
    )


def list_users(db: Database, organisation_id: str) -> list[User]:
    return records(
        db,
        User,
        "FROM users WHERE organisation_id = ? ORDER BY created_at, id",
        [organisation_id],
    )


def count_active_admins(db: Database, organisation_id: str) -> int:
    row = db.execute(
        "SELECT count(*) FROM users WHERE organisation_id = ? AND role = 'admin' AND active = 1",
        [organisation_id],
    ).fetchone()
    return int(row[0])


def update_user(db: Database, organisation_id: str, user_id: str, changes: Row) -> None:
    update_in_organisation(db, "users", organisation_id, user_id, changes)
    callers.changed()


def insert_session(db: Database, row: Row) -> None:
    db.table("sessions").insert(row)


def session_with_user(db: Database, token_hash: str) -> Session | None:
    row = one(
        db,
        f"SELECT s.expires_at AS session_expires_at, {columns(UserProfile, table='u')} "  # noqa: S608
        "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?",
        [token_hash],
    )
    if row is None:
        return None
    return Session(expires_at=row["session_expires_at"], user=as_record(UserProfile, row))


def delete_session(db: Database, token_hash: str) -> None:
    db.execute("DELETE FROM sessions WHERE token_hash = ?", [token_hash])
    callers.changed()


def delete_sessions_of_user(db: Database, user_id: str, *, keep: str | None = None) -> list[str]:
    """End the user's sessions (but `keep`); the token hashes of those ended."""
    cursor = db.execute(
        "DELETE FROM sessions WHERE user_id = ? AND token_hash <> coalesce(?, '') "
        "RETURNING token_hash",
        [user_id, keep],
    )
    callers.changed()
    return [str(row[0]) for row in cursor.fetchall()]


def session_hashes_of_user(db: Database, user_id: str) -> list[str]:
    return [
        str(row[0])
        for row in db.execute(
            "SELECT token_hash FROM sessions WHERE user_id = ?", [user_id]
        ).fetchall()
    ]


def delete_expired_sessions(db: Database, now: str) -> None:
    db.execute("DELETE FROM sessions WHERE expires_at <= ?", [now])
    callers.changed()


def insert_password_token(db: Database, row: Row) -> None:
    db.table("password_tokens").insert(row)


def _password_token(db: Database, token_hash: str) -> PasswordToken | None:
    return one_record(db, PasswordToken, "FROM password_tokens WHERE token_hash = ?", [token_hash])


def peek_password_token(db: Database, token_hash: str, now: str) -> PasswordToken | None:
    """A valid token, left in place (the caller takes it once the new password is fine)."""
    token = _password_token(db, token_hash)
    return token if token is not None and token.expires_at > now else None


def take_password_token(db: Database, token_hash: str, now: str) -> PasswordToken | None:
    """Single use: the token row is deleted whether or not it is still valid."""
    token = _password_token(db, token_hash)
    if token is None:
        return None
    db.execute("DELETE FROM password_tokens WHERE token_hash = ?", [token_hash])
    return token if token.expires_at > now else None


def delete_password_tokens_of_user(db: Database, user_id: str) -> None:
    db.execute("DELETE FROM password_tokens WHERE user_id = ?", [user_id])


def active_users(db: Database) -> list[User]:
    """Every active user of every organisation (the operator's mailings), oldest first."""
    return records(db, User, "FROM users WHERE active = 1 ORDER BY created_at, id")

"""All SQL of the throttles: one upsert counts an attempt, so no read-modify-write can race."""

from __future__ import annotations

from collections.abc import Sequence

from server.sql import Database, rows


def count_attempt(
    db: Database, *, key: str, subject: str | None, now: float, window_ends: float
) -> int | None:
    """Count one attempt and return the count in the window; None while the counter holds.

    A window that has ended starts over at one. A held counter (`not_before` in the future)
    is left as it is: refused attempts do not count.
    """
    cursor = db.execute(
        "INSERT INTO throttles (key, subject, attempts, window_ends, not_before) "
        "VALUES (:key, :subject, 1, :window_ends, 0) "
        "ON CONFLICT (key) DO UPDATE SET "
        "attempts = CASE WHEN throttles.window_ends <= :now THEN 1 "
        "ELSE throttles.attempts + 1 END, "
        "window_ends = CASE WHEN throttles.window_ends <= :now THEN :window_ends "
        "ELSE throttles.window_ends END "
        "WHERE throttles.not_before <= :now "
        "RETURNING attempts",
        {"key": key, "subject": subject, "now": now, "window_ends": window_ends},
    )
    found = cursor.fetchall()  # stepped to the end, so the write is done before we go on
    return int(found[0][0]) if found else None


def hold(db: Database, key: str, until: float) -> None:
    db.execute("UPDATE throttles SET not_before = ? WHERE key = ?", [until, key])


def held_until(db: Database, key: str) -> float:
    found = rows(db, "SELECT not_before FROM throttles WHERE key = ?", [key])
    return float(found[0]["not_before"]) if found else 0.0


def refund(db: Database, key: str, *, free: int) -> None:
    """Take one attempt back; a hold that the count no longer reaches is lifted."""
    db.execute(
        "UPDATE throttles SET attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END, "
        "not_before = CASE WHEN attempts - 1 < ? THEN 0 ELSE not_before END WHERE key = ?",
        [free, key],
    )


def forget(db: Database, keys: Sequence[str]) -> None:
    for key in keys:
        db.execute("DELETE FROM throttles WHERE key = ?", [key])


def forget_subject(db: Database, subject: str) -> int:
    return int(db.execute("DELETE FROM throttles WHERE subject = ?", [subject]).rowcount)


def prune(db: Database, now: float) -> None:
    """Drop counters whose window and hold are both over (keeps the table small)."""
    db.execute("DELETE FROM throttles WHERE window_ends <= ? AND not_before <= ?", [now, now])

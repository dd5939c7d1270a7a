"""All SQL of the mail outbox."""

from __future__ import annotations

from sqlite_utils import Database

from server.sql import Row, rows


def insert(db: Database, row: Row) -> None:
    db.table("mail_outbox").insert(row)


def due(db: Database, now: str, limit: int) -> list[Row]:
    """Mails whose next try has come, oldest first (so mail goes out in the order queued)."""
    return rows(
        db,
        "SELECT * FROM mail_outbox WHERE next_attempt_at <= ? ORDER BY id LIMIT ?",
        [now, limit],
    )


def delete(db: Database, mail_id: int) -> None:
    db.execute("DELETE FROM mail_outbox WHERE id = ?", [mail_id])


def retry_later(db: Database, mail_id: int, *, attempts: int, at: str, error: str) -> None:
    db.execute(
        "UPDATE mail_outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
        [attempts, at, error, mail_id],
    )

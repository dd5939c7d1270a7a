"""All SQL of the mail outbox."""

from __future__ import annotations

from server.mail.models import QueuedMail
from server.sql import Database, Row, as_record, columns, rows


def insert(db: Database, row: Row) -> None:
    db.table("mail_outbox").insert(row)


def claim_next(db: Database, *, holder: str, now: str, until: str) -> QueuedMail | None:
    """The oldest mail whose next try has come and that no other process holds, now held by
    `holder` until at least `until`; None when there is none. One statement, so that two
    processes never claim the same mail."""
    with db.atomic():
        claimed = rows(
            db,
            f"""
UPDATE mail_outbox
SET held_by = ?, held_until = CASE WHEN held_until > ? THEN held_until ELSE ? END
WHERE id = (
    SELECT id FROM mail_outbox
    WHERE next_attempt_at <= ? AND (held_until IS NULL OR held_until <= ? OR held_by = ?)
    ORDER BY id LIMIT 1
)
RETURNING {columns(QueuedMail)}
""",  # noqa: S608 - the columns come from code
            [holder, until, until, now, now, holder],
        )
    return as_record(QueuedMail, claimed[0]) if claimed else None


def delete(db: Database, mail_id: int) -> None:
    db.execute("DELETE FROM mail_outbox WHERE id = ?", [mail_id])


def retry_later(db: Database, mail_id: int, *, attempts: int, at: str, error: str) -> None:
    db.execute(
        "UPDATE mail_outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
        [attempts, at, error, mail_id],
    )

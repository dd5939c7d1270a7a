"""Mail in the outbox, as stored."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class QueuedMail:
    """A mail waiting to be sent. A code it carries is not here but in the memory of the
    process that holds it (`secret_ref`, server/mail/outbox.py)."""

    id: int
    to_address: str
    subject: str
    body: str
    secret_ref: str | None
    kind: str
    user_id: str | None
    created_at: str
    attempts: int
    next_attempt_at: str
    last_error: str | None
    held_by: str | None
    held_until: str | None

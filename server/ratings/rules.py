"""What a visitor's rating must be to be kept: pure decisions, no SQL, no clock of their own."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from server.contact_text import looks_like_contact

MIN_SCORE, MAX_SCORE = 1, 5
COMMENT_MAX_LENGTH = 500
BODY_MAX_BYTES = 4096
WINDOW = timedelta(hours=1)
"""How long after its end a call may be rated: the panel asks at once; a tab left open for
longer has moved on, and the session hash that admits it is not kept beyond this."""
COMMENT_RETENTION = timedelta(days=90)
"""How long a comment is kept; the score stays for the averages (P5: kept only while needed)."""
MAX_DAYS = 31


class Refusal(Exception):
    """Why a rating is not accepted: a problem's status, stable code and detail."""

    def __init__(self, status: int, code: str, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail


def unknown_call() -> Refusal:
    return Refusal(404, "call_not_found", "No call of yours has this id.")


def comment_of(text: str | None) -> str | None:
    """The comment as kept: trimmed, None when empty; refused when it holds contact details."""
    comment = (text or "").strip()
    if not comment:
        return None
    if looks_like_contact(comment):
        raise Refusal(
            422,
            "comment_has_contact_details",
            "The comment seems to contain an e-mail address or a phone number. Remove them: "
            "your rating is kept without anything that identifies you.",
        )
    return comment


def check_call(
    *,
    session_hash: str,
    widget_id: str,
    rating_session_hash: str | None,
    call_widget_id: str | None,
    answered_at: str | None,
    ended_at: str | None,
    now: datetime,
) -> None:
    """Only the tab that had the call, through the same widget, rates it, once it has ended
    after a clerk answered, and within `WINDOW` of its end. A call of another tab or widget
    is as unknown as a call that does not exist; so is one whose hash the retention job has
    cleared after the window."""
    if rating_session_hash is None or rating_session_hash != session_hash:
        raise unknown_call()
    if call_widget_id != widget_id:
        raise unknown_call()
    if answered_at is None:
        raise Refusal(409, "call_not_answered", "Only a call a clerk answered can be rated.")
    if ended_at is None:
        raise Refusal(409, "call_not_ended", "The call is still going on.")
    if now - datetime.fromisoformat(ended_at) > WINDOW:
        raise Refusal(409, "rating_closed", "This call can no longer be rated.")


def days_back(today: date, count: int) -> list[str]:
    """The ISO dates of `count` days up to `today`, oldest first."""
    return [(today - timedelta(days=back)).isoformat() for back in range(count - 1, -1, -1)]

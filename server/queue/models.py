"""REST bodies of call records."""

from __future__ import annotations

from pydantic import BaseModel


class ConsentEvent(BaseModel):
    recording: bool
    transcription: bool
    text_version: str
    at: str


class CallRecord(BaseModel):
    """A call, and nothing that identifies the visitor (P1)."""

    id: str
    reference: str
    queue_id: str
    joined_at: str
    answered_at: str | None
    ended_at: str | None
    wait_seconds: float | None
    clerk_user_id: str | None
    outcome: str | None
    end_reason: str | None
    wrap_up_outcome: str | None
    wrap_up_note: str | None


class CallDetail(CallRecord):
    consent_events: list[ConsentEvent]


class CallPage(BaseModel):
    items: list[CallRecord]

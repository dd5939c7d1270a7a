"""REST bodies of call records."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ConsentEvent(BaseModel):
    """One choice or change of the visitor's, as it was made. Nothing about who made it (P1)."""

    at: str
    questions: list[str] = Field(
        description="Keys of the questions answered in this event: at joining those the panel "
        "asked (no `recording` when the widget does not record), later those changed."
    )
    recording: bool
    transcription: bool
    recording_mode: str = Field(description="The widget's `recording_mode` for this call.")
    text_version: str


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

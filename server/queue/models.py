"""Calls and consent events as stored, and the REST bodies of call records."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, Field


@dataclass(frozen=True, slots=True)
class Call:
    """A call as the store keeps it, from joining the queue to the clerk's wrap-up."""

    id: str
    reference: str
    organisation_id: str
    queue_id: str
    widget_id: str | None
    joined_at: str
    answered_at: str | None
    ended_at: str | None
    wait_seconds: float | None
    target_seconds: int
    clerk_user_id: str | None
    outcome: str | None
    end_reason: str | None
    wrap_up_outcome: str | None
    wrap_up_note: str | None
    rejoined_from: str | None


@dataclass(frozen=True, slots=True)
class Consent:
    """One consent event of a call: the visitor's answers as given (or changed) at `at`;
    `questions` holds the keys of the questions answered, separated by spaces."""

    id: int
    organisation_id: str
    call_id: str
    recording: bool
    transcription: bool
    text_version: str
    at: str
    questions: str
    recording_mode: str


@dataclass(frozen=True, slots=True)
class QueueDayFigures:
    """One queue's calls since the start of a day (server/queue/figures.py)."""

    queue_id: str
    answered: int
    abandoned: int
    within_target: int
    handle_seconds: float | None


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

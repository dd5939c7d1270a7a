"""Recordings as stored, and what the recordings API answers and accepts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field

RecordingStatus = Literal["uploading", "complete"]


@dataclass(frozen=True, slots=True)
class Recording:
    """A recording as the store keeps it: its tus upload (`length` the Upload-Length,
    `received` the offset) and its streaming-AEAD keyset, wrapped by the organisation's key."""

    id: str
    organisation_id: str
    call_id: str
    clerk_id: str
    client_recording_id: str
    length: int
    received: int
    sha256: str
    content_type: str
    duration_seconds: float | None
    wrapped_keyset: bytes
    status: RecordingStatus
    created_at: str
    expires_at: str
    completed_at: str | None
    legal_hold: bool
    hold_reason: str | None


@dataclass(frozen=True, slots=True)
class HeldRecording:
    """A recording on an admin's legal hold, of any organisation."""

    id: str
    organisation_id: str
    call_id: str
    hold_reason: str | None


@dataclass(frozen=True, slots=True)
class CompletedRecording:
    """A complete recording not on hold, with its organisation's retention (None: the
    default)."""

    id: str
    organisation_id: str
    call_id: str
    completed_at: str
    retention_days: int | None


class RecordingOut(BaseModel):
    id: str
    call_id: str
    clerk_id: str
    status: RecordingStatus
    size: int = Field(description="Bytes of the whole recording (its tus Upload-Length).")
    received: int = Field(description="Bytes stored so far (its tus offset).")
    content_type: str
    duration_seconds: float | None
    created_at: str
    completed_at: str | None
    delete_after: str = Field(
        description="When retention deletes it (an unfinished upload: when it expires); "
        "not while on legal hold."
    )
    legal_hold: bool
    hold_reason: str | None


class RecordingPage(BaseModel):
    items: list[RecordingOut]
    next_cursor: str | None


class HoldIn(BaseModel):
    reason: str = Field(min_length=3, max_length=500)


class RecordingSettings(BaseModel):
    retention_days: int = Field(ge=1, le=36500, description="Days a recording is kept.")
    clerk_video: bool = Field(
        False,
        description="Record the clerk's picture too (the visitor's picture and both voices are "
        "always recorded, with the visitor's consent).",
    )


class RecordingSettingsOut(RecordingSettings):
    max_retention_days: int = Field(
        description="The operator's maximum (recording_retention_max_days): what PUT accepts."
    )

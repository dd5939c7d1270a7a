"""Recordings: creating uploads, listing, downloading, deleting, holds and retention."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import timedelta

from server import clock
from server.access import Caller
from server.audit import service as audit
from server.config import Settings
from server.holds import service as holds
from server.holds.service import Holds
from server.problems import ProblemError, not_found
from server.queue import store as queue_store
from server.recordings import rules, segments, store
from server.recordings.keys import NOT_CONFIGURED
from server.recordings.models import (
    Recording,
    RecordingOut,
    RecordingPage,
    RecordingSettings,
    RecordingSettingsOut,
)
from server.recordings.uploads import Uploads
from server.sql import Database, Row


def create_upload(
    db: Database,
    *,
    uploads: Uploads,
    settings: Settings,
    caller: Caller,
    length: int,
    metadata: rules.UploadMetadata,
) -> Recording:
    """A new upload for the caller's own call with recording consent, or the existing one
    with the same client `recording_id` (a restarted app resumes)."""
    if not uploads.keys.configured:
        raise NOT_CONFIGURED
    organisation_id = caller.organisation_id
    call = queue_store.get_call(db, organisation_id, metadata.call_id)
    if call is None:
        raise not_found("call")
    if call.clerk_user_id != caller.user_id:
        raise ProblemError(403, "not_your_call", "Only the clerk who took a call uploads it.")
    events = queue_store.consent_events(db, organisation_id, metadata.call_id)
    if not events or not events[-1].recording:
        raise ProblemError(
            409, "no_recording_consent", "The visitor has not consented to a recording."
        )
    existing = store.by_client_id(db, organisation_id, metadata.recording_id)
    if existing is not None:
        if existing.call_id != metadata.call_id or existing.clerk_id != caller.user_id:
            raise ProblemError(409, "recording_id_taken", "That recording_id is used already.")
        return existing
    recording_id = str(uuid.uuid4())
    row: Row = {
        "id": recording_id,
        "organisation_id": organisation_id,
        "call_id": metadata.call_id,
        "clerk_id": caller.user_id,
        "client_recording_id": metadata.recording_id,
        "length": length,
        "received": 0,
        "sha256": metadata.sha256,
        "content_type": metadata.content_type,
        "duration_seconds": metadata.duration_seconds,
        "wrapped_keyset": uploads.keys.new_recording_keyset(organisation_id, recording_id),
        "status": "uploading",
        "created_at": clock.now_iso(),
        "expires_at": clock.later(settings.recording_upload_expiry_hours * 3600),
        "legal_hold": 0,
    }
    store.insert(db, row)
    created = store.get(db, organisation_id, recording_id)
    assert created is not None
    return created


def own_upload(db: Database, *, caller: Caller, upload_id: str) -> Recording:
    """An upload of the caller's (another clerk's or organisation's is a 404)."""
    recording = store.get(db, caller.organisation_id, upload_id)
    if recording is None or recording.clerk_id != caller.user_id:
        raise not_found("upload")
    if recording.status == "uploading" and recording.expires_at <= clock.now_iso():
        raise not_found("upload")  # expired: the retention job deletes it
    return recording


def _out(recording: Recording, days: int) -> RecordingOut:
    completed = recording.completed_at
    return RecordingOut(
        id=recording.id,
        call_id=recording.call_id,
        clerk_id=recording.clerk_id,
        status=recording.status,
        size=recording.length,
        received=recording.received,
        content_type=recording.content_type,
        duration_seconds=recording.duration_seconds,
        created_at=recording.created_at,
        completed_at=completed,
        delete_after=clock.iso(rules.delete_after(clock.parse(completed), days))
        if completed
        else recording.expires_at,
        legal_hold=recording.legal_hold,
        hold_reason=recording.hold_reason,
    )


def listing(
    db: Database, *, settings: Settings, organisation_id: str, after: str | None, limit: int
) -> RecordingPage:
    days = retention_of(db, settings=settings, organisation_id=organisation_id)
    found = store.listing(db, organisation_id, limit=limit + 1, after=after)
    items = [_out(recording, days) for recording in found[:limit]]
    return RecordingPage(
        items=items, next_cursor=found[limit - 1].created_at if len(found) > limit else None
    )


@dataclass(frozen=True)
class Media:
    size: int
    content_type: str
    first: int
    last: int
    chunks: Iterator[bytes]


def media(
    db: Database, *, uploads: Uploads, caller: Caller, recording_id: str, range_header: str | None
) -> Media:
    """The decrypted bytes asked for, as an iterator a worker thread runs; audited."""
    recording = store.get(db, caller.organisation_id, recording_id)
    if recording is None or recording.status != "complete":
        raise not_found("recording")
    size = recording.length
    wanted = rules.parse_range(range_header, size)
    first, last = wanted if wanted is not None else (0, size - 1)
    primitive = uploads.primitive(recording)
    pieces = store.segments(db, recording_id)
    audit.record(
        db,
        event="recording.downloaded",
        organisation_id=caller.organisation_id,
        ip=caller.ip,
        target=recording_id,
        details={"range": [first, last] if wanted else None},
        **caller.actor,
    )
    chunks = segments.read_range(
        primitive, uploads.folder(recording_id), recording_id, pieces, first, last
    )
    return Media(size, recording.content_type, first, last, chunks)


async def delete(db: Database, *, uploads: Uploads, caller: Caller, recording_id: str) -> None:
    """An admin's deletion; a recording on legal hold (its own, or the operator's on its call
    or organisation) is kept until the hold is lifted."""
    recording = store.get(db, caller.organisation_id, recording_id)
    if recording is None:
        raise not_found("recording")
    if recording.legal_hold or holds.covers(db, caller.organisation_id, recording.call_id):
        raise ProblemError(
            409, "recording_on_hold", "This recording is on legal hold; lift the hold first."
        )
    if not await uploads.delete(caller.organisation_id, recording_id):
        raise not_found("recording")
    audit.record(
        db,
        event="recording.deleted",
        organisation_id=caller.organisation_id,
        ip=caller.ip,
        target=recording_id,
        **caller.actor,
    )


def erase_now(
    db: Database,
    *,
    uploads: Uploads,
    organisation_id: str,
    recording_id: str,
    reason: str,
    details: dict[str, str] | None = None,
) -> bool:
    """Delete a recording (row, key, files) at once, audited with the `reason`: retention,
    a withdrawn consent, an erasure request. False if it was not there."""
    if not uploads.delete_now(organisation_id, recording_id):
        return False
    audit.record(
        db,
        event="recording.deleted",
        organisation_id=organisation_id,
        ip=None,
        target=recording_id,
        details={"reason": reason, **(details or {})},
    )
    return True


def delete_recordings_of_call(
    db: Database,
    *,
    uploads: Uploads,
    organisation_id: str,
    call_id: str,
    reason: str = "consent_withdrawn",
) -> list[str]:
    """Every recording and open upload of a call, at once: the visitor withdrew consent, or
    the call's data is erased on request. A legal hold on the call or its organisation keeps
    them (P10: a legal matter suspends deletion)."""
    if holds.covers(db, organisation_id, call_id):
        return []
    return [
        recording_id
        for recording_id in store.of_call(db, organisation_id, call_id)
        if erase_now(
            db,
            uploads=uploads,
            organisation_id=organisation_id,
            recording_id=recording_id,
            reason=reason,
            details={"call_id": call_id},
        )
    ]


def hold_of(db: Database, *, organisation_id: str, recording_id: str) -> str | None:
    """The reason of the legal hold on a recording, or None when it is not held."""
    recording = store.get(db, organisation_id, recording_id)
    if recording is None or not recording.legal_hold:
        return None
    return recording.hold_reason or "legal hold"


def holds_of_call(db: Database, *, organisation_id: str, call_id: str) -> list[str]:
    """The reasons of the legal holds on a call's recordings."""
    held = store.held_of_call(db, organisation_id, call_id)
    return [recording.hold_reason or "legal hold" for recording in held]


def exists(db: Database, *, organisation_id: str, recording_id: str) -> bool:
    return store.get(db, organisation_id, recording_id) is not None


def made_by(db: Database, *, organisation_id: str, clerk_id: str) -> bool:
    """Whether any recording of the organisation was made by this clerk."""
    return store.count_of_clerk(db, organisation_id, clerk_id) > 0


def set_hold(
    db: Database, *, caller: Caller, recording_id: str, hold: bool, reason: str
) -> RecordingOut:
    if store.get(db, caller.organisation_id, recording_id) is None:
        raise not_found("recording")
    store.set_hold(db, caller.organisation_id, recording_id, hold=hold, reason=reason)
    audit.record(
        db,
        event="recording.hold_set" if hold else "recording.hold_lifted",
        organisation_id=caller.organisation_id,
        ip=caller.ip,
        target=recording_id,
        details={"reason": reason},
        **caller.actor,
    )
    recording = store.get(db, caller.organisation_id, recording_id)
    assert recording is not None
    return _out(recording, retention_of(db, settings=None, organisation_id=caller.organisation_id))


def retention_of(db: Database, *, settings: Settings | None, organisation_id: str) -> int:
    maximum = settings.recording_retention_max_days if settings else 10**6
    return rules.retention_days(store.retention_days(db, organisation_id), maximum)


def recording_settings(
    db: Database, *, settings: Settings, organisation_id: str
) -> RecordingSettingsOut:
    return RecordingSettingsOut(
        retention_days=retention_of(db, settings=settings, organisation_id=organisation_id),
        clerk_video=store.clerk_video(db, organisation_id),
        max_retention_days=settings.recording_retention_max_days,
    )


def records_clerk_video(db: Database, *, organisation_id: str) -> bool:
    """Whether the organisation's clerk apps record the clerk's picture too (told at each
    assignment)."""
    return store.clerk_video(db, organisation_id)


def save_recording_settings(
    db: Database, *, settings: Settings, caller: Caller, form: RecordingSettings
) -> RecordingSettingsOut:
    if form.retention_days > settings.recording_retention_max_days:
        raise ProblemError(
            422,
            "retention_too_long",
            f"Recordings may be kept at most {settings.recording_retention_max_days} days here.",
        )
    store.save_settings(
        db,
        caller.organisation_id,
        days=form.retention_days,
        clerk_video=form.clerk_video,
        at=clock.now_iso(),
    )
    audit.record(
        db,
        event="recording.settings_changed",
        organisation_id=caller.organisation_id,
        ip=caller.ip,
        details={"retention_days": form.retention_days, "clerk_video": form.clerk_video},
        **caller.actor,
    )
    return recording_settings(db, settings=settings, organisation_id=caller.organisation_id)


@dataclass(frozen=True)
class Due:
    recording_id: str
    organisation_id: str
    why: str


def due(db: Database, *, settings: Settings, held: Holds) -> list[Due]:
    """What retention deletes now: recordings past their organisation's retention, and
    unfinished uploads past their `Upload-Expires`; none that a legal hold covers."""
    now = clock.now()
    found = [
        Due(upload.id, upload.organisation_id, "upload_expired")
        for upload in store.expired_uploads(db, clock.iso(now))
        if not held.covers(upload.organisation_id, upload.call_id)
    ]
    for recording in store.completed_with_retention(db):
        days = rules.retention_days(recording.retention_days, settings.recording_retention_max_days)
        due_at = clock.parse(recording.completed_at) + timedelta(days=days)
        if due_at <= now and not held.covers(recording.organisation_id, recording.call_id):
            found.append(Due(recording.id, recording.organisation_id, "retention"))
    return found


def run_retention(
    db: Database,
    *,
    uploads: Uploads,
    settings: Settings,
    held: Holds,
    dry_run: bool = False,
    skip: Collection[str] = (),
) -> list[Due]:
    """Delete what is due (in a dry run, only list it), but recordings of the organisations
    in `skip` (whose whole account data the same run erases)."""
    found = [
        item for item in due(db, settings=settings, held=held) if item.organisation_id not in skip
    ]
    if dry_run:
        return found
    for item in found:
        erase_now(
            db,
            uploads=uploads,
            organisation_id=item.organisation_id,
            recording_id=item.recording_id,
            reason=item.why,
        )
    return found

"""All SQL of recordings, their segments, keys and settings. Every query is per organisation."""

from __future__ import annotations

from server.recordings.models import CompletedRecording, HeldRecording, Recording
from server.sql import Database, Row, as_record, one, one_record, records, rows


def organisation_key(db: Database, organisation_id: str) -> bytes | None:
    row = one(
        db,
        "SELECT wrapped_keyset FROM recording_keys WHERE organisation_id = ?",
        [organisation_id],
    )
    return None if row is None else bytes(row["wrapped_keyset"])


def save_organisation_key(db: Database, organisation_id: str, wrapped: bytes, at: str) -> bytes:
    """Stores `wrapped` unless a key is there already; returns the stored one."""
    with db.atomic():
        db.execute(
            "INSERT INTO recording_keys (organisation_id, wrapped_keyset, created_at) "
            "VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [organisation_id, wrapped, at],
        )
    stored = organisation_key(db, organisation_id)
    assert stored is not None
    return stored


def insert(db: Database, row: Row) -> None:
    with db.atomic():
        db.table("recordings").insert(row)


def get(db: Database, organisation_id: str, recording_id: str) -> Recording | None:
    return one_record(
        db,
        Recording,
        "FROM recordings WHERE id = ? AND organisation_id = ?",
        [recording_id, organisation_id],
    )


def by_client_id(db: Database, organisation_id: str, client_recording_id: str) -> Recording | None:
    return one_record(
        db,
        Recording,
        "FROM recordings WHERE organisation_id = ? AND client_recording_id = ?",
        [organisation_id, client_recording_id],
    )


def of_call(db: Database, organisation_id: str, call_id: str) -> list[str]:
    """The ids of a call's recordings (and open uploads)."""
    cursor = db.execute(
        "SELECT id FROM recordings WHERE organisation_id = ? AND call_id = ?",
        [organisation_id, call_id],
    )
    return [str(row[0]) for row in cursor.fetchall()]


def held_of_call(db: Database, organisation_id: str, call_id: str) -> list[HeldRecording]:
    return records(
        db,
        HeldRecording,
        "FROM recordings WHERE organisation_id = ? AND call_id = ? AND legal_hold = 1",
        [organisation_id, call_id],
    )


def count_of_clerk(db: Database, organisation_id: str, clerk_id: str) -> int:
    cursor = db.execute(
        "SELECT count(*) FROM recordings WHERE organisation_id = ? AND clerk_id = ?",
        [organisation_id, clerk_id],
    )
    return int(cursor.fetchone()[0])


def segments(db: Database, recording_id: str) -> list[tuple[int, int]]:
    cursor = db.execute(
        "SELECT start, length FROM recording_segments WHERE recording_id = ? ORDER BY start",
        [recording_id],
    )
    return [(int(start), int(length)) for start, length in cursor.fetchall()]


def acknowledge(
    db: Database, recording_id: str, *, previous: int, pieces: list[tuple[int, int]]
) -> bool:
    """List the new segments and move the offset, if nobody moved or deleted it meanwhile."""
    received = previous + sum(length for _, length in pieces)
    with db.atomic():
        cursor = db.execute(
            "UPDATE recordings SET received = ? WHERE id = ? AND received = ?",
            [received, recording_id, previous],
        )
        if cursor.rowcount != 1:
            return False
        for start, length in pieces:
            db.execute(
                "INSERT INTO recording_segments (recording_id, start, length) VALUES (?, ?, ?)",
                [recording_id, start, length],
            )
    return True


def complete(db: Database, recording_id: str, at: str) -> None:
    with db.atomic():
        db.execute(
            "UPDATE recordings SET status = 'complete', completed_at = ? WHERE id = ?",
            [at, recording_id],
        )


def delete(db: Database, organisation_id: str, recording_id: str) -> bool:
    """Deletes the row with its wrapped keyset (and, by cascade, its segment list)."""
    with db.atomic():
        cursor = db.execute(
            "DELETE FROM recordings WHERE id = ? AND organisation_id = ?",
            [recording_id, organisation_id],
        )
    return bool(cursor.rowcount)


def listing(
    db: Database, organisation_id: str, *, limit: int, after: str | None
) -> list[Recording]:
    clauses, params = ["organisation_id = ?"], [organisation_id]
    if after:
        clauses.append("created_at < ?")
        params.append(after)
    return records(
        db,
        Recording,
        f"FROM recordings WHERE {' AND '.join(clauses)} ORDER BY created_at DESC, id LIMIT ?",
        [*params, limit],
    )


def set_hold(
    db: Database, organisation_id: str, recording_id: str, *, hold: bool, reason: str
) -> None:
    with db.atomic():
        db.execute(
            "UPDATE recordings SET legal_hold = ?, hold_reason = ? "
            "WHERE id = ? AND organisation_id = ?",
            [int(hold), reason if hold else None, recording_id, organisation_id],
        )


def retention_days(db: Database, organisation_id: str) -> int | None:
    row = one(
        db,
        "SELECT retention_days FROM recording_settings WHERE organisation_id = ?",
        [organisation_id],
    )
    return None if row is None else int(row["retention_days"])


def clerk_video(db: Database, organisation_id: str) -> bool:
    row = one(
        db,
        "SELECT clerk_video FROM recording_settings WHERE organisation_id = ?",
        [organisation_id],
    )
    return row is not None and bool(row["clerk_video"])


def save_settings(
    db: Database, organisation_id: str, *, days: int, clerk_video: bool, at: str
) -> None:
    with db.atomic():
        db.execute(
            "INSERT INTO recording_settings (organisation_id, retention_days, clerk_video, "
            "updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (organisation_id) DO UPDATE SET "
            "retention_days = excluded.retention_days, clerk_video = excluded.clerk_video, "
            "updated_at = excluded.updated_at",
            [organisation_id, days, int(clerk_video), at],
        )


def expired_uploads(db: Database, now: str) -> list[Recording]:
    return records(
        db, Recording, "FROM recordings WHERE status = 'uploading' AND expires_at <= ?", [now]
    )


def completed_with_retention(db: Database) -> list[CompletedRecording]:
    """Complete recordings not on hold, with their organisation's retention (NULL: default)."""
    found = rows(
        db,
        "SELECT r.id, r.organisation_id, r.call_id, r.completed_at, s.retention_days "
        "FROM recordings r "
        "LEFT JOIN recording_settings s ON s.organisation_id = r.organisation_id "
        "WHERE r.status = 'complete' AND r.legal_hold = 0",
    )
    return [as_record(CompletedRecording, row) for row in found]


def on_hold(db: Database) -> list[HeldRecording]:
    """Every recording an admin put on legal hold, of any organisation (the operator's list)."""
    return records(
        db,
        HeldRecording,
        "FROM recordings WHERE legal_hold = 1 ORDER BY organisation_id, created_at",
    )


def all_ids(db: Database) -> set[str]:
    """Every recording's id, of any organisation: a folder named otherwise is a leftover."""
    return {str(r[0]) for r in db.execute("SELECT id FROM recordings").fetchall()}

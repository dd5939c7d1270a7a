"""All SQL of calls and consent events. Nothing here identifies a visitor (P1)."""

from __future__ import annotations

from server import clock
from server.queue.models import Call, Consent, QueueDayFigures
from server.queue.state import ClerkRecord, LiveCall, VisitorRecord
from server.sql import (
    Database,
    Row,
    as_record,
    columns,
    one,
    one_record,
    records,
    rows,
    seconds_between,
    update_in_organisation,
    upsert,
)


def insert_call(db: Database, row: Row) -> None:
    db.table("calls").insert(row)


def update_call(db: Database, organisation_id: str, call_id: str, changes: Row) -> None:
    update_in_organisation(db, "calls", organisation_id, call_id, changes)


def get_call(db: Database, organisation_id: str, call_id: str) -> Call | None:
    return one_record(
        db, Call, "FROM calls WHERE id = ? AND organisation_id = ?", [call_id, organisation_id]
    )


def call_organisation(db: Database, call_id: str) -> str | None:
    """The organisation of a call, unscoped: for the operator's legal holds only."""
    row = one(db, "SELECT organisation_id FROM calls WHERE id = ?", [call_id])
    return None if row is None else str(row["organisation_id"])


def find_by_reference(db: Database, organisation_id: str, reference: str) -> Call | None:
    return one_record(
        db,
        Call,
        "FROM calls WHERE reference = ? AND organisation_id = ?",
        [reference.upper(), organisation_id],
    )


def list_calls(
    db: Database, organisation_id: str, *, since: str | None, before: str | None, limit: int
) -> list[Call]:
    clauses, params = ["organisation_id = ?"], [organisation_id]
    if since:
        clauses.append("joined_at >= ?")
        params.append(since)
    if before:
        clauses.append("joined_at < ?")
        params.append(before)
    return records(
        db,
        Call,
        f"FROM calls WHERE {' AND '.join(clauses)} ORDER BY joined_at DESC, id LIMIT ?",
        [*params, limit],
    )


def insert_consent(db: Database, row: Row) -> None:
    db.table("consent_events").insert(row)


def consent_events(db: Database, organisation_id: str, call_id: str) -> list[Consent]:
    return records(
        db,
        Consent,
        "FROM consent_events WHERE organisation_id = ? AND call_id = ? ORDER BY id",
        [organisation_id, call_id],
    )


def delete_consent_events(db: Database, organisation_id: str, call_id: str) -> int:
    """Erase a call's consent trail (P4, P5: at the visitor's request); how many events."""
    cursor = db.execute(
        "DELETE FROM consent_events WHERE organisation_id = ? AND call_id = ?",
        [organisation_id, call_id],
    )
    return int(cursor.rowcount)


def day_figures(db: Database, organisation_id: str, day_start: str) -> list[QueueDayFigures]:
    """Per queue since `day_start`: answered, abandoned, answered within target, handle time."""
    found = rows(
        db,
        "SELECT queue_id, "  # noqa: S608
        "sum(CASE WHEN answered_at IS NOT NULL THEN 1 ELSE 0 END) AS answered, "
        "sum(CASE WHEN outcome = 'abandoned' THEN 1 ELSE 0 END) AS abandoned, "
        "sum(CASE WHEN answered_at IS NOT NULL AND wait_seconds <= target_seconds "
        "THEN 1 ELSE 0 END) AS within_target, "
        "avg(CASE WHEN answered_at IS NOT NULL AND ended_at IS NOT NULL THEN "
        f"{seconds_between(db, 'answered_at', 'ended_at')} END) AS handle_seconds "
        "FROM calls WHERE organisation_id = ? AND joined_at >= ? GROUP BY queue_id",
        [organisation_id, day_start],
    )
    return [as_record(QueueDayFigures, row) for row in found]


# ---- the live queue, written through (server/queue/state.py) ---------------------------------


def save_live_visitor(db: Database, row: Row) -> None:
    upsert(db, "live_visitors", row, ["session_hash"])


def delete_live_visitor(db: Database, session_hash: str) -> None:
    db.execute("DELETE FROM live_visitors WHERE session_hash = ?", [session_hash])


def save_live_clerk(db: Database, row: Row) -> None:
    upsert(db, "live_clerks", row, ["user_id"])


def live_call_of_clerk(db: Database, organisation_id: str, user_id: str) -> str | None:
    row = one(
        db,
        "SELECT call_id FROM live_clerks WHERE user_id = ? AND organisation_id = ?",
        [user_id, organisation_id],
    )
    return None if row is None else row["call_id"]


def delete_live_clerk(db: Database, user_id: str) -> None:
    db.execute("DELETE FROM live_clerks WHERE user_id = ?", [user_id])


def save_live_call(db: Database, row: Row) -> None:
    upsert(db, "live_calls", row, ["id"])


def claim_live_call(db: Database, call_id: str, clerk_id: str) -> bool:
    """The one conditional write that hands a waiting call to exactly one clerk."""
    cursor = db.execute(
        "UPDATE live_calls SET clerk_id = ? WHERE id = ? AND clerk_id IS NULL", [clerk_id, call_id]
    )
    return bool(cursor.rowcount == 1)


def delete_live_call(db: Database, call_id: str) -> None:
    db.execute("DELETE FROM live_calls WHERE id = ?", [call_id])


def _of(organisation_id: str | None) -> tuple[str, list[str]]:
    """A WHERE clause for one organisation's live rows, or for all of them (None)."""
    if organisation_id is None:
        return "", []
    return " WHERE organisation_id = ?", [organisation_id]


def live_records(
    db: Database, organisation_id: str | None = None
) -> tuple[list[VisitorRecord], list[ClerkRecord], list[LiveCall]]:
    """Visitors, clerks and calls as a restarted server (or a new home, for one organisation)
    finds them; calls in line order."""
    where, params = _of(organisation_id)
    visitors = records(db, VisitorRecord, f"FROM live_visitors{where}", params)
    clerks = rows(db, f"SELECT {columns(ClerkRecord)} FROM live_clerks{where}", params)  # noqa: S608
    calls = rows(
        db,
        f"SELECT {columns(LiveCall)} FROM live_calls{where} ORDER BY rank",  # noqa: S608
        params,
    )
    return visitors, [_clerk(row) for row in clerks], [_live_call(row) for row in calls]


def _clerk(row: Row) -> ClerkRecord:
    """The live records keep times as datetimes; the columns hold them as ISO 8601 text."""
    return ClerkRecord(
        **{**row, "since": clock.parse(row["since"]), "connected": bool(row["connected"])}
    )


def _live_call(row: Row) -> LiveCall:
    return LiveCall(
        **{
            **row,
            "joined_at": clock.parse(row["joined_at"]),
            "recording": bool(row["recording"]),
            "transcription": bool(row["transcription"]),
            "camera": bool(row["camera"]),
        }
    )


def mark_all_disconnected(db: Database, organisation_id: str | None = None) -> None:
    """After a restart (or a move of one organisation's home) nobody's socket is open yet."""
    where, params = _of(organisation_id)
    db.execute(f"UPDATE live_visitors SET connected = 0{where}", params)  # noqa: S608
    db.execute(f"UPDATE live_clerks SET connected = 0{where}", params)  # noqa: S608


def open_calls_without_live_state(db: Database, organisation_id: str | None = None) -> list[Call]:
    """Call records left open by a crash before their live state was written (or after)."""
    scoped = "" if organisation_id is None else " AND organisation_id = ?"
    return records(
        db,
        Call,
        "FROM calls WHERE ended_at IS NULL "  # noqa: S608
        f"AND id NOT IN (SELECT id FROM live_calls){scoped}",
        _of(organisation_id)[1],
    )

"""All SQL of ratings. A rating holds the call, its queue, the score, the comment and the day:
nothing about the visitor (P1)."""

from __future__ import annotations

from server.ratings.models import DayTally, RatedCall
from server.sql import Database, Row, one_record, rows


def rated_call(db: Database, organisation_id: str, call_id: str) -> RatedCall | None:
    return one_record(
        db, RatedCall, "FROM calls WHERE id = ? AND organisation_id = ?", [call_id, organisation_id]
    )


def insert_once(db: Database, row: Row) -> bool:
    """Keep the rating; False when the call has one already."""
    cursor = db.execute(
        "INSERT INTO call_ratings (call_id, organisation_id, queue_id, score, comment, day, "
        "rated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (call_id) DO NOTHING",
        [
            row["call_id"],
            row["organisation_id"],
            row["queue_id"],
            row["score"],
            row["comment"],
            row["day"],
            row["rated_at"],
        ],
    )
    return cursor.rowcount == 1


def day_averages(db: Database, organisation_id: str, first_day: str) -> list[DayTally]:
    """Per day from `first_day`: the number of ratings and their mean score."""
    found = rows(
        db,
        "SELECT day, count(*) AS ratings, avg(score) AS average FROM call_ratings "
        "WHERE organisation_id = ? AND day >= ? GROUP BY day ORDER BY day",
        [organisation_id, first_day],
    )
    # avg() is a NUMERIC (Decimal) on PostgreSQL, a REAL on SQLite
    return [DayTally(str(r["day"]), int(r["ratings"]), float(r["average"])) for r in found]


def forget_comment(db: Database, organisation_id: str, call_id: str) -> int:
    """The comment of one call's rating goes (an erasure of the call, P5)."""
    cursor = db.execute(
        "UPDATE call_ratings SET comment = NULL "
        "WHERE organisation_id = ? AND call_id = ? AND comment IS NOT NULL",
        [organisation_id, call_id],
    )
    return cursor.rowcount


def comments_rated_before(db: Database, rated_before: str) -> list[tuple[str, str]]:
    """(organisation, call) of the ratings rated before `rated_before` that keep a comment."""
    found = rows(
        db,
        "SELECT organisation_id, call_id FROM call_ratings "
        "WHERE comment IS NOT NULL AND rated_at < ? ORDER BY organisation_id, call_id",
        [rated_before],
    )
    return [(str(row["organisation_id"]), str(row["call_id"])) for row in found]


def drop_comments(db: Database, call_ids: list[str]) -> None:
    for call_id in call_ids:
        db.execute("UPDATE call_ratings SET comment = NULL WHERE call_id = ?", [call_id])


def expire_session_hashes(db: Database, ended_before: str) -> None:
    """Calls that can no longer be rated forget which tab had them."""
    db.execute(
        "UPDATE calls SET rating_session_hash = NULL "
        "WHERE rating_session_hash IS NOT NULL AND ended_at < ?",
        [ended_before],
    )

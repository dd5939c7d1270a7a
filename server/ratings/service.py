"""Ratings: the visitor's rating of the call it just had, the supervisors' daily averages, and
the retention of comments."""

from __future__ import annotations

from collections import Counter

from server import clock, security
from server.holds.service import Holds
from server.ratings import rules, store
from server.ratings.models import DayAverage, RatingAccepted, RatingDays, RatingIn
from server.ratings.rules import Refusal
from server.sql import Database
from server.widgets import store as widgets


def rate(db: Database, *, widget_key: str, rating: RatingIn) -> RatingAccepted:
    """Keep the rating, or raise a `Refusal`. The widget key names the organisation, so a
    call of another organisation is unknown here (tenant isolation)."""
    comment = rules.comment_of(rating.comment)
    widget = widgets.widget_by_key(db, widget_key)
    if widget is None:
        raise Refusal(404, "not_found", "No widget has this key. It may have been replaced.")
    now = clock.now()
    with db.atomic():
        call = store.rated_call(db, widget.organisation_id, rating.call_id)
        if call is None:
            raise rules.unknown_call()
        rules.check_call(
            session_hash=security.token_hash(rating.session_id),
            widget_id=widget.id,
            rating_session_hash=call.rating_session_hash,
            call_widget_id=call.widget_id,
            answered_at=call.answered_at,
            ended_at=call.ended_at,
            now=now,
        )
        stored = store.insert_once(
            db,
            {
                "call_id": call.id,
                "organisation_id": call.organisation_id,
                "queue_id": call.queue_id,
                "score": rating.score,
                "comment": comment,
                "day": now.date().isoformat(),
                "rated_at": clock.iso(now),
            },
        )
    if not stored:
        raise Refusal(409, "already_rated", "This call has been rated already.")
    return RatingAccepted(reference=call.reference, score=rating.score)


def daily(db: Database, *, organisation_id: str, days: int) -> RatingDays:
    """The mean score of each of the last `days` days (UTC, today last)."""
    wanted = rules.days_back(clock.now().date(), days)
    found = {tally.day: tally for tally in store.day_averages(db, organisation_id, wanted[0])}
    return RatingDays(
        days=[
            DayAverage(
                day=day,
                ratings=found[day].ratings if day in found else 0,
                average=round(found[day].average, 2) if day in found else None,
            )
            for day in wanted
        ]
    )


def forget_comment(db: Database, *, organisation_id: str, call_id: str) -> None:
    """An erased call keeps its score, not the visitor's words (P5)."""
    store.forget_comment(db, organisation_id, call_id)


def run_retention(db: Database, held: Holds) -> Counter[str]:
    """Comments past their retention go, but those a legal hold keeps; calls past the rating
    window forget the tab that had them. Returns the comments removed per organisation."""
    now = clock.now()
    store.expire_session_hashes(db, clock.iso(now - rules.WINDOW))
    due = [
        (organisation_id, call_id)
        for organisation_id, call_id in store.comments_rated_before(
            db, clock.iso(now - rules.COMMENT_RETENTION)
        )
        if not held.covers(organisation_id, call_id)
    ]
    store.drop_comments(db, [call_id for _, call_id in due])
    return Counter(organisation_id for organisation_id, _ in due)

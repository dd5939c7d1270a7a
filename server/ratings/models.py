"""Request and response bodies of ratings, and the call a rating is for as the store reads it."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from server.ratings.rules import COMMENT_MAX_LENGTH, MAX_SCORE, MIN_SCORE


class RatingIn(BaseModel):
    """What the visitor's panel sends after a call: the call it just had, the tab's session
    id that joined it (the proof that this tab had the call), a score and maybe a comment."""

    model_config = ConfigDict(extra="forbid")

    call_id: str = Field(min_length=1, max_length=100)
    session_id: str = Field(min_length=16, max_length=100)
    score: int = Field(ge=MIN_SCORE, le=MAX_SCORE)
    comment: str | None = Field(None, max_length=COMMENT_MAX_LENGTH)


class RatingAccepted(BaseModel):
    reference: str
    score: int


class DayAverage(BaseModel):
    day: str = Field(description="The day (UTC), YYYY-MM-DD")
    ratings: int
    average: float | None = Field(description="The mean score, None on a day without ratings")


class RatingDays(BaseModel):
    """The last days' averages, oldest first, today last."""

    days: list[DayAverage]


@dataclass(frozen=True, slots=True)
class RatedCall:
    """What deciding on a rating needs of its call."""

    id: str
    reference: str
    organisation_id: str
    queue_id: str
    widget_id: str | None
    answered_at: str | None
    ended_at: str | None
    rating_session_hash: str | None


@dataclass(frozen=True, slots=True)
class DayTally:
    """One day's ratings of an organisation: how many, and their mean score."""

    day: str
    ratings: int
    average: float

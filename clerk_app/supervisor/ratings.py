"""The visitors' ratings as supervisors see them: each day's mean score, Qt-free.

Read from `GET /api/v1/ratings/daily` when the panel opens and every few minutes after: the
server counts them per day (UTC); nothing here stores a rating.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from clerk_app.account.service import AccountService

DAYS = 7


@dataclass(frozen=True)
class DayRating:
    day: str  # YYYY-MM-DD (UTC)
    ratings: int
    average: float | None  # None on a day without ratings


class RatingsBackend(Protocol):
    """What the ratings figure needs from the server (tests may fake this)."""

    async def daily(self, *, days: int = DAYS) -> list[DayRating]: ...


class RatingService:
    """Ratings for one signed-in supervisor or admin, over the app's shared HTTP client."""

    def __init__(self, accounts: AccountService, token: str) -> None:
        self._accounts = accounts
        self._token = token

    async def daily(self, *, days: int = DAYS) -> list[DayRating]:
        """The last `days` days, oldest first, today last."""
        data: dict[str, Any] = await self._accounts.request(
            "GET", "/api/v1/ratings/daily", token=self._token, params={"days": days}
        )
        return [
            DayRating(
                day=str(item["day"]),
                ratings=int(item["ratings"]),
                average=None if item["average"] is None else float(item["average"]),
            )
            for item in data["days"]
        ]


def over_days(days: Sequence[DayRating]) -> DayRating | None:
    """All the given days together: the mean of every rating in them (each day's mean weighed
    by its number of ratings); None without days."""
    if not days:
        return None
    count = sum(d.ratings for d in days)
    total = sum((d.average or 0.0) * d.ratings for d in days)
    return DayRating(day=days[-1].day, ratings=count, average=total / count if count else None)

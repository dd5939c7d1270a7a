"""Time in one format everywhere: timezone-aware UTC, stored as ISO 8601 text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """ISO text that sorts the same way as the times it stands for."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def now_iso() -> str:
    return iso(now())


def parse(text: str) -> datetime:
    return datetime.fromisoformat(text)


def later(seconds: float) -> str:
    return iso(now() + timedelta(seconds=seconds))

"""Opening hours and logos as a widget keeps them, read from what an admin types. Qt-free."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clerk_app.errors import ServiceError

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MAX_LOGO_BYTES = 100 * 1024
Interval = tuple[str, str]  # ("09:00", "17:00"); "24:00" ends a day


@dataclass(frozen=True)
class BusinessHours:
    time_zone: str
    weekly: tuple[tuple[str, tuple[Interval, ...]], ...]  # (weekday, intervals), open days only
    holidays: tuple[str, ...] = ()  # ISO dates

    @classmethod
    def of(
        cls,
        time_zone: str,
        weekly: Mapping[str, Iterable[Sequence[str]]],
        holidays: Iterable[str] = (),
    ) -> BusinessHours:
        days = []
        for day in WEEKDAYS:
            spans = tuple((str(s[0]), str(s[1])) for s in weekly.get(day, ()))
            if spans:
                days.append((day, spans))
        return cls(time_zone, tuple(days), tuple(holidays))

    def intervals(self, day: str) -> tuple[Interval, ...]:
        return next((spans for d, spans in self.weekly if d == day), ())

    def to_json(self) -> dict[str, Any]:
        return {
            "time_zone": self.time_zone,
            "weekly": {day: [list(s) for s in spans] for day, spans in self.weekly},
            "holidays": list(self.holidays),
        }


def parse_intervals(text: str) -> tuple[Interval, ...]:
    """'09:00-12:00, 13:00-17:30' as intervals; empty text is a closed day.

    Raises ServiceError(bad_hours) naming the part it cannot read; overlaps and order are
    the server's to judge.
    """
    spans: list[Interval] = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        start, sep, end = (s.strip() for s in part.partition("-"))
        if not sep or not _is_clock(start) or not _is_clock(end):
            raise ServiceError("bad_hours", part)
        spans.append((_clock(start), _clock(end)))
    return tuple(spans)


def format_intervals(spans: Iterable[Interval]) -> str:
    return ", ".join(f"{start}-{end}" for start, end in spans)


def _is_clock(text: str) -> bool:
    hours, sep, minutes = text.partition(":")
    if not sep or not hours.isdigit() or not minutes.isdigit() or len(minutes) != 2:
        return False
    h, m = int(hours), int(minutes)
    return (0 <= h <= 23 and 0 <= m <= 59) or (h == 24 and m == 0)


def _clock(text: str) -> str:
    hours, _, minutes = text.partition(":")
    return f"{int(hours):02d}:{minutes}"


async def logo_data_url(path: Path) -> str:
    """A PNG, JPEG or SVG file as the data: URL a widget keeps (read off the UI thread)."""
    try:
        content = await asyncio.to_thread(path.read_bytes)
    except OSError as exc:
        raise ServiceError("logo_unreadable", f"Cannot read {path.name}: {exc.strerror}") from exc
    return logo_bytes_to_data_url(content, path.name)


def logo_bytes_to_data_url(content: bytes, name: str = "logo") -> str:
    if len(content) > MAX_LOGO_BYTES:
        raise ServiceError("logo_too_large", f"{name} is larger than {MAX_LOGO_BYTES // 1024} kB.")
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        media_type = "image/png"
    elif content.startswith(b"\xff\xd8\xff"):
        media_type = "image/jpeg"
    elif b"<svg" in content[:4096]:
        media_type = "image/svg+xml"
    else:
        raise ServiceError("logo_type", f"{name} is not a PNG, JPEG or SVG image.")
    return f"data:{media_type};base64,{base64.b64encode(content).decode('ascii')}"


def logo_bytes(data_url: str) -> bytes:
    """The image inside a data: URL (empty when it is not one)."""
    head, _, payload = data_url.partition(",")
    if not head.startswith("data:") or not head.endswith(";base64"):
        return b""
    try:
        return base64.b64decode(payload, validate=True)
    except ValueError:
        return b""

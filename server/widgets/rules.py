"""Pure decisions about widgets: origins, logos, colours, business hours and the panel's CSP.

No I/O here. Business hours are local wall-clock intervals in an IANA time zone; the
functions below turn them into instants, daylight-saving changes and holidays included.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import re
import secrets
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from itertools import pairwise
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, available_timezones

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MINUTES_PER_DAY = 24 * 60
MAX_LOGO_BYTES = 100 * 1024
WIDGET_KEY_PREFIX = "wk"
# How far ahead the next opening is looked for: a year of holidays plus a week.
SEARCH_DAYS = 366 + 7

_LABEL = r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?"
_HOSTNAME = re.compile(rf"^(?=.{{1,253}}$){_LABEL}(\.{_LABEL})*$")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_LOGO = re.compile(r"^data:(image/png|image/jpeg|image/svg\+xml);base64,([A-Za-z0-9+/=]+)$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_TIME = re.compile(r"^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$")


def local_name(name_en: str, name_nl: str, language: str) -> str:
    """A name in `language` ("nl", else English), or the other language's where it has none
    in this one: a queue may be named in one language only. Every place that shows a queue's
    name in one language (the panel, the clerk's queue, the supervisor) asks here."""
    wanted, other = (name_nl, name_en) if language == "nl" else (name_en, name_nl)
    return wanted or other


def new_widget_key() -> str:
    """Public but unguessable: 192 random bits."""
    return f"{WIDGET_KEY_PREFIX}_{secrets.token_urlsafe(24)}"


# ---- origins -------------------------------------------------------------------------------


def normalise_origin(text: str) -> str:
    """`scheme://host[:port]`, lower-case, default port dropped; ValueError when it is not one.

    Only such strict origins are accepted, so an origin can go into a CSP header as it is.
    """
    candidate = text.strip()
    if candidate.endswith("/"):
        candidate = candidate[:-1]
    try:
        parts = urlsplit(candidate)
        port = parts.port
    except ValueError as exc:
        raise ValueError(f"{text!r} is not an origin like https://shop.example.com") from exc
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise ValueError(f"{text!r}: an origin starts with https:// or http://")
    if parts.path or parts.query or parts.fragment or "@" in parts.netloc or not parts.hostname:
        raise ValueError(f"{text!r}: give only scheme://host[:port], no path, user or query")
    host = _host(parts.hostname)
    if port is None or port == _DEFAULT_PORTS[scheme]:
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


def _host(hostname: str) -> str:
    host = hostname.lower()
    if _HOSTNAME.match(host):
        return host
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        raise ValueError(f"{hostname!r} is not a host name") from None
    return f"[{address}]" if address.version == 6 else str(address)


def origin_of(url: str) -> str:
    """The origin of an absolute http(s) URL."""
    parts = urlsplit(url)
    return normalise_origin(f"{parts.scheme}://{parts.netloc}")


def is_allowed_origin(origin: str | None, allowed: Sequence[str]) -> bool:
    if not origin:
        return False
    try:
        return normalise_origin(origin) in allowed
    except ValueError:
        return False


# ---- look ------------------------------------------------------------------------------------


def normalise_colour(text: str) -> str:
    if not _COLOUR.match(text):
        raise ValueError("a colour is written #rrggbb, for example #0a7d5a")
    return text.lower()


def check_logo(text: str) -> str:
    """A base64 data: URL of a PNG, JPEG or SVG image of at most 100 kB."""
    found = _LOGO.match(text)
    if not found:
        raise ValueError("the logo is a data:image/png, image/jpeg or image/svg+xml URL in base64")
    try:
        content = base64.b64decode(found.group(2), validate=True)
    except binascii.Error as exc:
        raise ValueError("the logo's base64 data is damaged") from exc
    if len(content) > MAX_LOGO_BYTES:
        raise ValueError(f"the logo may be at most {MAX_LOGO_BYTES // 1024} kB")
    if not _looks_like(found.group(1), content):
        raise ValueError("the logo's content does not match its media type")
    return text


def _looks_like(media_type: str, content: bytes) -> bool:
    if media_type == "image/png":
        return content.startswith(b"\x89PNG\r\n\x1a\n")
    if media_type == "image/jpeg":
        return content.startswith(b"\xff\xd8\xff")
    return b"<svg" in content[:4096]


# ---- business hours --------------------------------------------------------------------------


@cache
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def check_time_zone(name: str) -> str:
    if name not in _zone_names():
        raise ValueError(f"{name!r} is not an IANA time zone such as Europe/Amsterdam")
    return name


def minutes(text: str) -> int:
    """'HH:MM' (00:00 to 24:00) as minutes after midnight."""
    if not _TIME.match(text):
        raise ValueError(f"{text!r} is not a time HH:MM between 00:00 and 24:00")
    hours, mins = text.split(":")
    return int(hours) * 60 + int(mins)


def check_day_intervals(day: str, intervals: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """A day's opening intervals, sorted; each must start before it ends and none may overlap."""
    spans = sorted((minutes(start), minutes(end)) for start, end in intervals)
    for start, end in spans:
        if start >= end:
            raise ValueError(f"{day}: an interval must start before it ends")
    for (_, end), (start, _) in pairwise(spans):
        if start < end:
            raise ValueError(f"{day}: opening intervals overlap")
    return sorted((start, end) for start, end in intervals)


@dataclass(frozen=True)
class Hours:
    """Business hours: local opening intervals per weekday (minutes), holidays, time zone."""

    time_zone: str
    weekly: Mapping[int, tuple[tuple[int, int], ...]]  # weekday (Monday = 0) -> intervals
    holidays: frozenset[date]

    @classmethod
    def of(
        cls, time_zone: str, weekly: Mapping[str, Sequence[Sequence[str]]], holidays: Iterable[date]
    ) -> Hours:
        return cls(
            time_zone=time_zone,
            weekly={
                WEEKDAYS.index(day): tuple((minutes(s), minutes(e)) for s, e in spans)
                for day, spans in weekly.items()
            },
            holidays=frozenset(holidays),
        )

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)


def is_open(hours: Hours, at: datetime) -> bool:
    """Open at instant `at` (timezone-aware): its local time is in one of its day's intervals."""
    local = at.astimezone(hours.zone)
    if local.date() in hours.holidays:
        return False
    second = local.hour * 3600 + local.minute * 60 + local.second
    return any(
        start * 60 <= second < end * 60 for start, end in hours.weekly.get(local.weekday(), ())
    )


def next_opening(hours: Hours, at: datetime) -> datetime | None:
    """The earliest instant at or after `at` when the widget is open; `at` itself when open now.

    Returned in UTC: an aware local time in a repeated hour compares unequal across zones.

    None when it opens on none of the next SEARCH_DAYS days. Candidates are the moments a
    closed widget can become open: an interval's start (both readings of an hour that occurs
    twice when clocks go back) and a daylight-saving change (clocks jumping into an interval).
    """
    if is_open(hours, at):
        return at
    zone = hours.zone
    first_day = at.astimezone(zone).date()
    for offset in range(SEARCH_DAYS):
        day = first_day + timedelta(days=offset)
        if day in hours.holidays:
            continue
        found = [c for c in _candidates(hours, zone, day) if c >= at and is_open(hours, c)]
        if found:
            return min(found)
    return None


def _candidates(hours: Hours, zone: ZoneInfo, day: date) -> Iterator[datetime]:
    for start, _ in hours.weekly.get(day.weekday(), ()):
        if start == MINUTES_PER_DAY:
            continue
        wall = datetime.combine(day, time(start // 60, start % 60), tzinfo=zone)
        yield wall.replace(fold=0).astimezone(UTC)
        yield wall.replace(fold=1).astimezone(UTC)
    change = _offset_change(zone, day)
    if change is not None:
        yield change


def _offset_change(zone: ZoneInfo, day: date) -> datetime | None:
    """The instant during local `day` when the zone's UTC offset changes, to the minute."""
    low = datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)
    high = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
    before, after = low.astimezone(zone).utcoffset(), high.astimezone(zone).utcoffset()
    if before == after:
        return None
    lo, hi = 0, int((high - low).total_seconds() // 60)
    while lo < hi:  # the first minute that already has the later offset
        mid = (lo + hi) // 2
        if (low + timedelta(minutes=mid)).astimezone(zone).utcoffset() == after:
            hi = mid
        else:
            lo = mid + 1
    return low + timedelta(minutes=lo)


# ---- the panel page's security headers -------------------------------------------------------


def panel_csp(*, allowed_origins: Sequence[str], server_origin: str) -> str:
    """Content-Security-Policy of the panel: only our own resources, framed only where allowed."""
    socket_origin = server_origin.replace("https://", "wss://", 1).replace("http://", "ws://", 1)
    ancestors = " ".join(["'self'", *allowed_origins])
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "media-src 'self' blob: mediastream:",
            f"connect-src 'self' {socket_origin}",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            f"frame-ancestors {ancestors}",
        ]
    )

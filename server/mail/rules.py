"""Pure decisions about sending mail."""

from __future__ import annotations

from babel.units import format_unit


def retry_delay(attempts: int, first: float) -> float:
    """Wait after the `attempts`-th failed try: `first`, then doubling (30 s, 1 min, 2 min, …)."""
    return first * float(2 ** min(attempts - 1, 20))


def lifetime_text(seconds: int, locale: str = "en") -> str:
    """How long a code lasts, as people say it: "3 days", "36 hours", "30 minutes".

    The largest unit that states `seconds` exactly, so a lifetime is never rounded up into a
    promise ("2 days" for 36 hours); babel gives the plural and the language ("3 dagen").
    """
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds % size == 0:
            return format_unit(seconds // size, f"duration-{unit}", length="long", locale=locale)
    return format_unit(seconds, "duration-second", length="long", locale=locale)

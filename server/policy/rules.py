"""Which policy version is in force, and whether a user must accept it before logging in.

Pure: the versions and the time come in, a decision comes out. Versions are ordered by
their effective time (then name), so a version that takes effect later is newer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

VERSION_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")

Acceptance = Literal["first", "changed"]
"""`first`: the user never accepted a version (a new user: nothing "changed" for them);
`changed`: a material change took effect after the version the user accepted."""


@dataclass(frozen=True)
class Version:
    version: str
    effective_at: datetime
    material: bool

    @property
    def order(self) -> tuple[datetime, str]:
        return (self.effective_at, self.version)


def in_force(versions: Sequence[Version], now: datetime) -> Version | None:
    """The newest version whose effective time has come; None before the first one."""
    return max((v for v in versions if v.effective_at <= now), key=_order, default=None)


def upcoming(versions: Sequence[Version], now: datetime) -> list[Version]:
    """Versions announced but not in force yet, soonest first."""
    return sorted((v for v in versions if v.effective_at > now), key=_order)


def acceptance_needed(
    accepted: str | None, versions: Sequence[Version], now: datetime
) -> Acceptance | None:
    """Whether a user who accepted `accepted` (None: never) must accept the version in force.

    Only a material change asks again: a version that fixes a typo is in force for new
    users but does not stop anyone at log-in. A version the server no longer knows counts as
    older than every version it knows.
    """
    current = in_force(versions, now)
    if current is None:
        return None
    if accepted is None:
        return "first"
    if accepted == current.version:
        return None
    mine = next((v for v in versions if v.version == accepted), None)
    material = max(
        (v for v in versions if v.material and v.effective_at <= now), key=_order, default=None
    )
    if material is None or (mine is not None and mine.order >= material.order):
        return None
    return "changed"


def addition_problem(new: Version, versions: Sequence[Version]) -> str | None:
    """Why `new` cannot be added after `versions`, or None. History is only appended to:
    names are unique and a new version takes effect after every existing one."""
    if not VERSION_NAME.match(new.version):
        return "a version is 1-40 letters, digits, '.', '_' or '-', starting with a letter or digit"
    if any(v.version == new.version for v in versions):
        return f"version {new.version} exists already"
    latest = max(versions, key=_order, default=None)
    if latest is not None and new.effective_at <= latest.effective_at:
        return (
            f"it must take effect after version {latest.version} ({latest.effective_at:%Y-%m-%d})"
        )
    return None


def _order(version: Version) -> tuple[datetime, str]:
    return version.order

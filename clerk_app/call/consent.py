"""What the visitor consented to during one call, choice by choice (Qt-free).

The server sends the whole consent (both choices, one time, one text version) at assignment
and on every change. The clerk wants to see, per choice, its value and when and under which
text version it was made; a choice that did not change keeps its original time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from clerk_app.queue.desk import ConsentView

CHOICES = ("recording", "transcription")


@dataclass(frozen=True)
class ConsentChoice:
    name: str  # "recording" or "transcription"
    granted: bool
    at: str  # ISO time on the server's clock
    text_version: str
    changed_during_call: bool = False

    def local_time(self) -> datetime | None:
        """`at` in the machine's local time zone, or None when it cannot be read."""
        try:
            moment = datetime.fromisoformat(self.at)
        except ValueError:
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone()


class ConsentTracker:
    def __init__(self) -> None:
        self.choices: dict[str, ConsentChoice] = {}

    def reset(self) -> None:
        self.choices = {}

    def update(self, view: ConsentView) -> list[str]:
        """Take the newest consent; returns the names of the choices whose value changed
        (both on the first update)."""
        changed: list[str] = []
        for name in CHOICES:
            granted = bool(getattr(view, name))
            before = self.choices.get(name)
            if before is not None and before.granted == granted:
                continue
            self.choices[name] = ConsentChoice(
                name=name,
                granted=granted,
                at=view.at,
                text_version=view.text_version,
                changed_during_call=before is not None,
            )
            changed.append(name)
        return changed

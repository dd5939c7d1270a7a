"""Pure decisions of the queue: references, waiting estimates, rate limits, service level."""

from __future__ import annotations

import math
import secrets
from collections import deque
from dataclasses import dataclass, field
from typing import Literal

# No 0/O, 1/I/L: a reference is read aloud over the phone.
_REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
DEFAULT_HANDLE_SECONDS = 120


def new_reference() -> str:
    """A short reference a visitor can quote later, like `K7M-4QX` (about 35 bits)."""
    chars = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(7))
    return f"{chars[:3]}-{chars[3:]}"


Duty = Literal["free", "working"]


def duty(state: str) -> Duty | None:
    """What a clerk's state means for the line: free to take the next visitor, working on a
    call (or its wrap-up) and free after it, or neither (away, offline)."""
    if state == "available":
        return "free"
    return "working" if state in ("in_call", "wrap_up") else None


@dataclass(frozen=True)
class Staffing:
    """A line's clerks at one moment: `free` are available (a free clerk takes the next
    visitor), `working` are in a call or its wrap-up (each comes free when it ends)."""

    free: int
    working: int


def estimated_wait_seconds(
    *, position: int, average_handle_seconds: float | None, staffing: Staffing
) -> int:
    """Seconds until the visitor at `position` (1 = next) is taken; 0 means any moment now.

    The first `free` visitors are taken by the free clerks straight away: 0. Everyone behind
    them waits until a clerk comes free. Once the free clerks have taken theirs, all
    `free + working` clerks are busy, and with calls lasting the recent average `h` each clerk
    frees up about once per `h`: the clerks clear the visitors beyond the free ones in rounds
    of `free + working`, so the visitor `k = position - free` places beyond them is taken
    within `ceil(k / (free + working))` rounds of `h`.

    Never less than the data support: `h` is the average handle time (the default when
    nothing was handled yet), not a minimum; a round counts whole (a call in progress is
    assumed to have all of `h` left, as nothing tells how far it is); seconds round up. So the
    estimate never falls below the throughput bound `k * h / (free + working)`, the time the
    clerks need for `k` average calls working side by side. With nobody on duty (no clerk
    free or working) it assumes one clerk, as before.
    """
    beyond_free = position - staffing.free
    if beyond_free <= 0:
        return 0
    handle = average_handle_seconds or DEFAULT_HANDLE_SECONDS
    rounds = math.ceil(beyond_free / max(1, staffing.free + staffing.working))
    return math.ceil(rounds * handle)


def within_target(*, waited_seconds: float, target_seconds: int) -> bool:
    return waited_seconds <= target_seconds


CloseKind = Literal["clean", "restart", "abnormal"]
# 1000/1001: the party closed on purpose; 4401: its session ended (log-out, deactivation).
CLEAN_CLOSE_CODES = frozenset({1000, 1001, 4401})
RESTART_CLOSE_CODE = 1012


def close_kind(code: int) -> CloseKind:
    """How a socket ended. A close frame with 1000/1001 means the party left on purpose (the
    page closing); 1012 is this server going down; anything else (no close frame, a missed
    heartbeat, a failed loop) is a drop that keeps the party's place for the grace period."""
    if code in CLEAN_CLOSE_CODES:
        return "clean"
    return "restart" if code == RESTART_CLOSE_CODE else "abnormal"


def call_outcome(*, ended_by: str, reason: str) -> str:
    """The record's outcome: a call the clerk lost, or one never answered, has failed."""
    if reason == "unanswered" or (reason == "peer_lost" and ended_by == "clerk"):
        return "failed"
    return "answered"


def told_other_side(reason: str) -> str:
    """What the other party hears: a hang-up or a leave both mean the peer left."""
    return "peer_left" if reason in ("hangup", "peer_left") else reason


def end_reason(*, ended_by: str, reason: str) -> str:
    """Which side ended the call and how, e.g. `clerk_hung_up`, `visitor_lost`."""
    how = {"hangup": "hung_up", "peer_lost": "lost", "peer_left": "left"}.get(reason, reason)
    return f"{ended_by}_{how}"


CONSENT_QUESTIONS = ("recording", "transcription")


def recording_refusal(mode: str, recording: bool) -> tuple[str, str] | None:
    """The error (code, message) for a recording choice the widget's mode forbids, else None.

    `off`: nobody may say yes; `required`: nobody may join (or stay) saying no.
    """
    if mode == "off" and recording:
        return "recording_off", "This widget does not record calls."
    if mode == "required" and not recording:
        return "recording_required", "Calls through this widget are recorded; declining ends it."
    return None


def questions_asked(mode: str) -> str:
    """The keys (space-separated) of the questions a visitor answers by joining: with
    recording `off` the panel does not ask about recording."""
    return " ".join(CONSENT_QUESTIONS[1:] if mode == "off" else CONSENT_QUESTIONS)


def questions_changed(before: tuple[bool, ...], after: tuple[bool, ...]) -> str:
    """The keys (space-separated) of the questions whose answer a change altered."""
    changed = zip(CONSENT_QUESTIONS, before, after, strict=True)
    return " ".join(question for question, old, new in changed if old != new)


@dataclass
class SlidingWindow:
    """At most `limit` events per `window_seconds`, counted per key (an IP held in memory).

    Idle keys are forgotten as time passes, at most once per window, so the table stays
    as small as the set of keys seen in the last window.
    """

    limit: int
    window_seconds: float
    _events: dict[str, deque[float]] = field(default_factory=dict)
    _pruned_at: float = 0.0

    def allow(self, key: str, now: float) -> bool:
        if now - self._pruned_at >= self.window_seconds:
            self.forget_idle(now)
            self._pruned_at = now
        events = self._events.setdefault(key, deque())
        while events and now - events[0] >= self.window_seconds:
            events.popleft()
        if len(events) >= self.limit:
            return False
        events.append(now)
        return True

    def forget_idle(self, now: float) -> None:
        """Drop keys with no recent events, so the table does not grow without bound."""
        for key in [
            k for k, v in self._events.items() if not v or now - v[-1] >= self.window_seconds
        ]:
            del self._events[key]

"""Pure decisions of data requests: due dates, what an erasure keeps and why, restriction
purposes, and which columns look like secrets."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Literal

ERASURE_DAYS = 30
"""P5: erasure on instruction is done within 30 days."""

Kind = Literal["user", "recording", "call"]
KINDS: tuple[Kind, ...] = ("user", "recording", "call")

Purpose = Literal["marketing", "automated_decisions", "service_improvement"]
PURPOSES: tuple[Purpose, ...] = ("marketing", "automated_decisions", "service_improvement")

Why = Literal["billing_and_tax", "audit", "not_personal", "own_retention"]


def due_at(requested_at: datetime) -> datetime:
    return requested_at + timedelta(days=ERASURE_DAYS)


@dataclass(frozen=True)
class Kept:
    """Something an erasure leaves in place, and why (P11: billing, tax or audit)."""

    what: str
    why: Why
    detail: str

    def as_row(self) -> dict[str, str]:
        return asdict(self)


AUDIT = Kept(
    "audit_trail",
    "audit",
    "Audit-trail entries stay for audit: they name the item by its id only.",
)


def kept_after_user(*, has_offers: bool, has_recordings: bool) -> list[Kept]:
    """A user's name, address and password go; what names them by id stays."""
    kept = [AUDIT]
    if has_offers:
        kept.append(
            Kept(
                "offers",
                "billing_and_tax",
                "Offers this user made or decided stay for billing and tax; they name the "
                "user by id only, and the id no longer leads to a name.",
            )
        )
    if has_recordings:
        kept.append(
            Kept(
                "recordings",
                "own_retention",
                "Recordings of calls this user took belong to those calls: they are deleted on "
                "the organisation's recording schedule, or by erasing the call.",
            )
        )
    return kept


def kept_after_call(*, has_offers: bool) -> list[Kept]:
    """A call's recordings, consent answers and wrap-up note go; its record stays."""
    kept = [
        Kept(
            "call_record",
            "not_personal",
            "The call record stays for the organisation's figures: times, queue, clerk and "
            "outcome, nothing about the visitor.",
        ),
        AUDIT,
    ]
    if has_offers:
        kept.append(
            Kept(
                "offers",
                "billing_and_tax",
                "The call's offer stays for billing and tax; it holds products and prices, "
                "nothing about the visitor.",
            )
        )
    return kept


def kept_after_recording() -> list[Kept]:
    return [AUDIT]


Status = Literal["done", "pending", "waiting_on_hold"]


def status(*, done: bool, hold_reason: str | None) -> Status:
    if done:
        return "done"
    return "waiting_on_hold" if hold_reason is not None else "pending"


def describe(status: Status, *, done_at: str | None, due_at: str, hold: str | None) -> str:
    """The state of an erasure request in a sentence, for the API's answer."""
    if status == "done":
        return f"Erased on {done_at}."
    if status == "waiting_on_hold":
        return (
            f"A legal hold keeps this item ({hold}). It is erased once the hold is lifted; "
            "until then the hold, not the due date, decides."
        )
    return f"Erased as soon as nothing stands in the way (a call in progress), by {due_at}."


_SECRET_NAME = re.compile(r"(hash|secret|sealed|wrapped|token|password|keyset)", re.IGNORECASE)


def looks_secret(column: str) -> bool:
    """A column whose name says it holds a secret: an export must leave it out by name."""
    return bool(_SECRET_NAME.search(column))

"""Erasure requests as stored, and what the data-request routes accept and answer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from server.datarequests.rules import Kind, Status, Why

ItemId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]


@dataclass(frozen=True, slots=True)
class ErasureRequest:
    """An erasure request as the store keeps it; `kept` (what stayed and why, each a
    `rules.Kept` as a dict) is set when it is done."""

    id: str
    organisation_id: str
    kind: Kind
    target: str
    requested_at: str
    due_at: str
    done_at: str | None
    requested_by: str | None
    kept: tuple[dict[str, str], ...] | None


class ErasureRequestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Kind = Field(description="What to erase: a user, a recording, or a call's data.")
    target: ItemId = Field(description="The id of the user, recording or call.")


class KeptOut(BaseModel):
    what: str = Field(description="audit_trail, offers, call_record or recordings")
    why: Why = Field(
        description="billing_and_tax or audit (P11); not_personal: it names nobody; "
        "own_retention: it is deleted on its own schedule"
    )
    detail: str


class ErasureRequestOut(BaseModel):
    id: str
    kind: Kind
    target: str
    requested_at: str
    due_at: str = Field(description="30 days after the request: it is done by then (P5).")
    done_at: str | None
    requested_by: str | None
    status: Status = Field(
        description="done; pending (done by the next run of the retention job, e.g. once a "
        "call in progress has ended); waiting_on_hold (a legal hold postpones it)"
    )
    hold_reason: str | None = Field(description="The legal hold that postpones it, if any.")
    kept: list[KeptOut] = Field(
        description="Once done: what stays, and why (billing, tax or audit)."
    )
    detail: str = Field(description="The state of the request in a sentence.")


class ErasureRequestPage(BaseModel):
    items: list[ErasureRequestOut]
    next_cursor: str | None


class Restrictions(BaseModel):
    """Purposes whose processing is restricted (P11): True means 'do not'."""

    model_config = ConfigDict(extra="forbid")

    marketing: bool = Field(False, description="No marketing (e-mail or otherwise).")
    automated_decisions: bool = Field(
        False, description="No automated decisions (such as offer suggestions)."
    )
    service_improvement: bool = Field(
        False, description="No use of recordings to improve the service."
    )


class MyRestrictions(BaseModel):
    own: Restrictions = Field(description="What you restricted for your own account.")
    organisation: Restrictions = Field(
        description="What your organisation restricted: it holds for you too."
    )

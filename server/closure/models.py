"""Closures as stored, and what closing an account takes and answers."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, Field

from server.accounts.models import Password, Strict


@dataclass(frozen=True, slots=True)
class Closure:
    """A closed organisation: why, when, and when each retention step erased its data."""

    organisation_id: str
    closed_at: str
    closed_by: str | None
    reason: str
    account_data_erased_at: str | None
    support_erased_at: str | None
    profile_erased_at: str | None
    billing_erased_at: str | None


class CloseRequest(Strict):
    password: Password = Field(description="The admin's own password, to confirm.")


class ClosureOut(BaseModel):
    """The closed account and what happens to its data when (P10)."""

    organisation_id: str
    closed_at: str
    account_data_erased_after: str = Field(
        description="Users, keys, catalogue, offers, calls, recordings, audit trail, widgets: "
        "erased from then on (within 60 days of closure)."
    )
    support_erased_after: str
    profile_erased_after: str = Field(
        description="The organisation's profile and contacts (customer-relationship data)."
    )
    billing_erased_after: str = Field(description="Invoices (the bookkeeping period).")

"""What closing an account takes and answers."""

from __future__ import annotations

from pydantic import BaseModel, Field

from server.accounts.models import Password, Strict


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

"""Response bodies of the policy API."""

from __future__ import annotations

from pydantic import BaseModel, Field


class PolicyVersionOut(BaseModel):
    version: str
    effective_at: str
    material: bool = Field(description="Users who accepted an earlier version accept it anew.")
    summary: str
    language: str
    url: str = Field(description="Where the text is published on this server.")


class PolicyState(BaseModel):
    current: PolicyVersionOut | None = Field(description="The version in force now.")
    upcoming: list[PolicyVersionOut] = Field(
        description="Announced versions that take effect later, soonest first."
    )

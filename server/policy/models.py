"""Policy versions as stored, and the response bodies of the policy API."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, Field


@dataclass(frozen=True, slots=True)
class PolicyVersion:
    """A version as listed: without its text."""

    version: str
    effective_at: str
    material: bool
    summary: str
    language: str
    created_at: str


@dataclass(frozen=True, slots=True)
class PolicyText(PolicyVersion):
    """A version with its text."""

    text: str


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

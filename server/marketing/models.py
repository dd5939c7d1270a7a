"""Bodies of the marketing-preference API."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class MailPreferences(BaseModel):
    marketing_mail: bool = Field(
        description="News and offers by e-mail (off unless the user switches it on). Service "
        "notices (maintenance, security, policy changes) are always sent."
    )
    changed_at: str | None = Field(None, description="When the choice was last changed.")


class MailPreferencesChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    marketing_mail: bool

"""Bodies of the privacy API."""

from __future__ import annotations

from pydantic import BaseModel, Field

from server.config import SubprocessorSetting


class Processing(BaseModel):
    """Where data is stored and who processes it for the operator (P6, P19)."""

    data_location: str | None = Field(description="None: the operator has not stated it.")
    subprocessors: list[SubprocessorSetting]

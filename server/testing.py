"""Tests only: a route that moves the server's clock, mounted when `test_clock` is set.

Deadlines (grace periods, lockouts, answer timeouts) are tested by moving this clock, never
by sleeping. A production server never sets `test_clock`; the route is then absent.
"""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from server import clock

router = APIRouter(include_in_schema=False)


class ClockAdvance(BaseModel):
    seconds: float = Field(gt=0, le=10 * 366 * 86400)


class ClockReading(BaseModel):
    now: str


@router.post("/test/clock")
async def advance_clock(body: ClockAdvance) -> ClockReading:
    clock.advance(body.seconds)
    return ClockReading(now=clock.now_iso())


@router.get("/test/clock")
async def read_clock() -> ClockReading:
    """The server's time as its clock has been moved: tests compute deadlines from it."""
    return ClockReading(now=clock.now_iso())

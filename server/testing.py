"""Tests only: routes mounted when `test_clock` is set; a production server never sets it, so
they are then absent.

Deadlines (grace periods, lockouts, answer timeouts) are tested by moving the server's clock,
never by sleeping. Tests behind a load balancer tell the processes apart by their process id.
"""

from __future__ import annotations

import os

from fastapi import APIRouter
from pydantic import BaseModel, Field

from server import clock

router = APIRouter(include_in_schema=False)


class ClockAdvance(BaseModel):
    seconds: float = Field(gt=0, le=10 * 366 * 86400)


class ClockReading(BaseModel):
    now: str


class ProcessReading(BaseModel):
    pid: int


@router.post("/test/clock")
async def advance_clock(body: ClockAdvance) -> ClockReading:
    clock.advance(body.seconds)
    return ClockReading(now=clock.now_iso())


@router.get("/test/clock")
async def read_clock() -> ClockReading:
    """The server's time as its clock has been moved: tests compute deadlines from it."""
    return ClockReading(now=clock.now_iso())


@router.get("/test/process")
async def read_process() -> ProcessReading:
    """Which server process answered."""
    return ProcessReading(pid=os.getpid())

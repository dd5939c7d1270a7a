"""Run service coroutines from Qt slots on the one asyncio loop (qasync), and keep track.

Slots never block: they start a task here and return. Each owner (a window, a dialog)
has its own `Tasks`, cancels them when it closes, and gets failures reported to a callback
instead of lost in a log.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")
ErrorHandler = Callable[[BaseException], None]


class Tasks:
    def __init__(self, on_error: ErrorHandler | None = None) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self._on_error = on_error

    def run(
        self,
        work: Coroutine[Any, Any, T],
        *,
        on_error: ErrorHandler | None = None,
        name: str | None = None,
    ) -> asyncio.Task[T]:
        task = asyncio.get_event_loop().create_task(work, name=name)
        self._tasks.add(task)
        task.add_done_callback(lambda done: self._finished(done, on_error or self._on_error))
        return task

    def _finished(self, task: asyncio.Task[Any], on_error: ErrorHandler | None) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        error = task.exception()
        if error is None:
            return
        if on_error is not None:
            try:
                on_error(error)
                return
            except Exception:
                log.exception("error handler failed")
        log.error("background task failed", exc_info=error)

    @property
    def busy(self) -> bool:
        return any(not task.done() for task in self._tasks)

    def cancel(self) -> None:
        for task in list(self._tasks):
            task.cancel()

    async def wait_idle(self) -> None:
        """Until every task, and every task their results started, has finished."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
            await asyncio.sleep(0)

    async def cancel_and_wait(self) -> None:
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

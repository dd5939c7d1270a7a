"""Ended sessions, announced to the open sockets that ride on them, in every server process.

The accounts service publishes the token hashes of the sessions it ended, after the commit;
a clerk or supervisor socket subscribes with its own session's hash while it is open and
closes itself (4401) when that session ends. The announcement travels on the bus
(server/bus), so a socket held by another server process closes too. HTTP requests need
none of this: each one checks its session anew.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Coroutine, Iterable
from typing import Any

from server.bus import Bus

OnEnded = Callable[[str], Coroutine[Any, Any, None]]
"""Called with the reason the session ended: the socket's close reason."""
SESSION_ENDED = "session ended"
SUBJECT = "sessions.ended"

_listeners: dict[str, set[OnEnded]] = {}
_running: set[asyncio.Task[None]] = set()
_bus: Bus | None = None


def attach(bus: Bus) -> None:
    """Announce ended sessions on `bus`, and close this process's sockets on its news."""
    global _bus
    _bus = bus
    bus.subscribe(SUBJECT, _on_message)


def subscribe(session_hash: str, on_ended: OnEnded) -> Callable[[], None]:
    """Call `on_ended` (as a task) when the session ends; returns the unsubscribe function."""
    _listeners.setdefault(session_hash, set()).add(on_ended)

    def unsubscribe() -> None:
        listeners = _listeners.get(session_hash)
        if listeners is not None:
            listeners.discard(on_ended)
            if not listeners:
                del _listeners[session_hash]

    return unsubscribe


def publish(session_hashes: Iterable[str], *, reason: str = SESSION_ENDED) -> None:
    """The sessions ended (call after the commit that ended them), for `reason` (an error
    code the app can explain, such as `organisation_closed`)."""
    hashes = list(session_hashes)
    if not hashes:
        return
    if _bus is None:  # a command-line process: it holds no sockets
        _end(hashes, reason)
        return
    _bus.publish(SUBJECT, json.dumps({"sessions": hashes, "reason": reason}).encode())


def _on_message(payload: bytes) -> None:
    message = json.loads(payload)
    _end(message["sessions"], message["reason"])


def _end(session_hashes: list[str], reason: str) -> None:
    for session_hash in session_hashes:
        for on_ended in _listeners.pop(session_hash, set()):
            task = asyncio.get_running_loop().create_task(on_ended(reason))
            _running.add(task)
            task.add_done_callback(_running.discard)

"""What the presence line shows, and which presence to restore after a reconnect (Qt-free, pure).

The server holds the clerk's presence; the app remembers what the clerk last chose
(available or away). A server that restarted, or a socket that was away longer than the
server kept its state, may report another state: the clerk's choice wins again, except that
a call or a wrap-up in progress is never overridden from here.
"""

from __future__ import annotations

from clerk_app.queue.connection import LinkState

CHOOSABLE = ("available", "away")
RECONNECTING = "reconnecting"  # shown, never sent: the socket is down and coming back


def presence_shown(presence: str, link: LinkState) -> str:
    """The state for the presence line: the server's, unless the socket is down."""
    if link is LinkState.RECONNECTING:
        return RECONNECTING
    if link is LinkState.CLOSED:
        return "offline"
    return presence


def presence_to_restore(chosen: str | None, reported: str, *, in_call: bool) -> str | None:
    """The presence to send after a reconnect, or None when the reported one is right."""
    if chosen not in CHOOSABLE or in_call or reported == chosen:
        return None
    if reported not in (*CHOOSABLE, "offline"):
        return None  # in a call or wrapping up, as the server knows: leave it
    return chosen

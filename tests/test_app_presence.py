"""The presence line while the clerk's socket is down, and the clerk's chosen presence restored
after a reconnect (a restarted server may report another state): the pure rules, then the desk
driven by a scripted connection, then the line itself in Dutch."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import AsyncIterator

import pytest
from PySide6.QtWidgets import QApplication

from clerk_app.queue.connection import LinkState
from clerk_app.queue.desk import ClerkDesk
from clerk_app.queue.presence import presence_shown, presence_to_restore
from clerk_app.queue.view import PresenceSwitch
from clerk_app.shell.i18n import install_translators
from tests.desk_fakes import FakeConnection, HeldDevices, assigned
from tests.media_fixtures import eventually, loopback_ice_fixture
from videoclerk_protocol import messages as p

# No server, no database: `make test-postgres` leaves these out (tests/conftest.py).
pytestmark = pytest.mark.engine_independent

__all__ = ["loopback_ice_fixture"]


def test_the_line_says_reconnecting_while_the_socket_is_down() -> None:
    assert presence_shown("available", LinkState.CONNECTED) == "available"
    assert presence_shown("available", LinkState.RECONNECTING) == "reconnecting"
    assert presence_shown("in_call", LinkState.RECONNECTING) == "reconnecting"
    assert presence_shown("available", LinkState.CLOSED) == "offline"


def test_the_chosen_presence_is_restored_but_never_over_a_call() -> None:
    assert presence_to_restore("available", "away", in_call=False) == "available"
    assert presence_to_restore("available", "offline", in_call=False) == "available"
    assert presence_to_restore("away", "available", in_call=False) == "away"
    assert presence_to_restore("available", "available", in_call=False) is None
    assert presence_to_restore(None, "offline", in_call=False) is None  # never chose
    assert presence_to_restore("available", "away", in_call=True) is None
    assert presence_to_restore("available", "in_call", in_call=False) is None
    assert presence_to_restore("available", "wrap_up", in_call=False) is None


@pytest.fixture
async def desk() -> AsyncIterator[tuple[ClerkDesk, FakeConnection]]:
    connection = FakeConnection()
    desk = ClerkDesk(connection, open_tracks=HeldDevices().open)
    await desk.start()
    try:
        yield desk, connection
    finally:
        await desk.close()


def presences_sent(connection: FakeConnection) -> list[str]:
    return [m.state for m in connection.sent if isinstance(m, p.SetPresence)]


async def test_a_server_that_forgot_the_choice_is_told_again(
    desk: tuple[ClerkDesk, FakeConnection],
) -> None:
    clerk, connection = desk
    await clerk.set_presence("available")
    connection.feed(p.PresenceChanged(state="available"))
    connection.set_link(LinkState.RECONNECTING)
    assert clerk.state.shown_presence == "reconnecting"
    connection.set_link(LinkState.CONNECTED)
    connection.feed(p.PresenceChanged(state="away"))  # restarted, and restored it wrongly
    await eventually(lambda: presences_sent(connection) == ["available", "available"], "resent")
    # Later changes by the server (say a supervisor's) are not fought.
    connection.feed(p.PresenceChanged(state="away"))
    connection.feed(p.PresenceChanged(state="available"))
    assert presences_sent(connection) == ["available", "available"]


async def test_no_presence_is_sent_over_a_call_in_progress(
    desk: tuple[ClerkDesk, FakeConnection], loopback_ice: None
) -> None:
    clerk, connection = desk
    await clerk.set_presence("available")
    connection.feed(assigned())
    await eventually(lambda: clerk.state.call is not None, "in a call")
    connection.set_link(LinkState.RECONNECTING)
    connection.set_link(LinkState.CONNECTED)
    connection.feed(p.PresenceChanged(state="offline"))
    assert presences_sent(connection) == ["available"]


def test_the_presence_line_in_dutch(qapp: QApplication) -> None:
    install_translators(qapp, "nl")
    try:
        switch = PresenceSwitch()
        switch.show_state("reconnecting")
        assert switch.state_label.text() == "\u25cf offline \u2013 opnieuw verbinden"
        assert switch.away_button.isEnabled()  # a choice now fails plainly, with a reason
    finally:
        install_translators(qapp, "en")
    english = PresenceSwitch()
    english.show_state("reconnecting")
    assert english.state_label.text() == "\u25cf offline \u2013 reconnecting"

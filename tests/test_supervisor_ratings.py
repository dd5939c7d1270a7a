"""The visitors' daily rating in the supervisor panel, against the real server (offscreen Qt):
the figure the server computes from the ratings of the organisation's calls alone."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import httpx
import qasync
from pytestqt.qtbot import QtBot

from clerk_app.account.service import AccountService
from clerk_app.queue.connection import ClerkConnection
from clerk_app.queue.desk import ClerkDesk
from clerk_app.server_address import ServerAddress
from clerk_app.supervisor.ratings import DayRating, RatingService, over_days
from clerk_app.supervisor.view import SupervisorPanel
from tests.live_server import LiveServer
from tests.media_fixtures import eventually
from tests.qt_fixtures import qt_loop_fixture, run
from tests.queue_helpers import CallCentre, call_centre
from tests.rating_helpers import ended_call

__all__ = ["qt_loop_fixture"]


async def rated_call(server: LiveServer, centre: CallCentre, score: int) -> None:
    """A call a clerk answers and the visitor hangs up, then rates from its tab."""
    call = await ended_call(server, centre)
    async with httpx.AsyncClient(base_url=server.url) as http:
        body = {"call_id": call.call_id, "session_id": call.session_id, "score": score}
        (await http.post(f"/w/{centre.widget_key}/rating", json=body)).raise_for_status()


def test_the_panel_shows_today_s_and_the_week_s_average_of_the_organisation_s_ratings(
    qtbot: QtBot, qt_loop: qasync.QEventLoop, server: LiveServer, client: httpx.Client
) -> None:
    centre, other = call_centre(client), call_centre(client)
    for scores, where in (((3, 4), centre), ((1,), other)):
        for score in scores:
            run(qt_loop, rated_call(server, where, score))

    accounts = AccountService(ServerAddress.parse(server.url))
    desk = ClerkDesk(ClerkConnection(ServerAddress.parse(server.url), centre.supervisor_token))
    run(qt_loop, desk.start())
    panel = SupervisorPanel(desk, None, RatingService(accounts, centre.supervisor_token))
    qtbot.addWidget(panel)
    panel.show()
    assert panel.ratings is not None
    run(qt_loop, eventually(lambda: bool(panel.ratings and panel.ratings.model.days), "ratings"))
    assert [d.ratings for d in panel.ratings.model.days] == [0] * 6 + [2]
    assert panel.ratings.text() == (
        "Visitors' rating today: 3.5 of 5 (ratings: 2) · last 7 days: 3.5 of 5 (ratings: 2)"
    )
    panel.stop()
    run(qt_loop, desk.close())
    run(qt_loop, accounts.close())


def test_the_week_weighs_each_day_by_its_ratings() -> None:
    days = [DayRating("2026-01-01", 1, 1.0), DayRating("2026-01-02", 0, None)]
    days.append(DayRating("2026-01-03", 3, 5.0))
    assert over_days(days) == DayRating("2026-01-03", 4, 4.0)
    assert over_days([DayRating("2026-01-03", 0, None)]) == DayRating("2026-01-03", 0, None)
    assert over_days([]) is None

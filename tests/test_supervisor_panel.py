"""The supervisor panel against the real server: figures match the calls that happened.

Scripted visitors and a scripted clerk make answered and abandoned calls while a ClerkDesk
with the supervisor's token feeds a SupervisorPanel; the panel's models are compared with
the script and with the server's own call records.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import qasync
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clerk_app.queue.connection import ClerkConnection
from clerk_app.queue.desk import ClerkDesk
from clerk_app.server_address import ServerAddress
from clerk_app.supervisor.models import ClerksModel, QueueFiguresModel, SupervisorModel
from clerk_app.supervisor.view import SupervisorPanel
from tests.accounts_helpers import add_user, new_org
from tests.live_server import LiveServer
from tests.media_fixtures import eventually
from tests.qt_fixtures import qt_loop_fixture, run
from tests.queue_helpers import create_queue, create_widget
from tests.ws_clients import ScriptedClerk, ScriptedVisitor
from videoclerk_protocol.messages import ClerkState, QueueStats, SupervisorSnapshot

__all__ = ["qt_loop_fixture"]


# ---- the model on its own, with a clock the test moves ------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.mono = 100.0
        self.wall = datetime(2025, 3, 4, 12, 0, tzinfo=UTC)

    def advance(self, seconds: float) -> None:
        self.mono += seconds
        self.wall += timedelta(seconds=seconds)


def test_model_ticks_only_the_clocks_and_records_a_sample_each_second(qapp: QApplication) -> None:
    clock = FakeClock()
    model = SupervisorModel(monotonic=lambda: clock.mono, wall_clock=lambda: clock.wall)
    changed_columns: list[tuple[int, int]] = []
    model.queues.dataChanged.connect(
        lambda first, last, *_: changed_columns.append((first.column(), last.column()))
    )
    model.tick()
    assert model.history_length == 0
    model.apply(
        SupervisorSnapshot(
            queues=[
                QueueStats(
                    queue_id="que_1",
                    name={"en": "Sales", "nl": "Verkoop"},
                    waiting=2,
                    longest_wait_seconds=12,
                    answered=6,
                    abandoned=0,
                    answered_within_target=5,
                    target_seconds=20,
                )
            ],
            clerks=[
                ClerkState(
                    user_id="usr_1",
                    name="Anna",
                    state="away",
                    since=(clock.wall - timedelta(seconds=61)).isoformat(),
                )
            ],
        )
    )
    queues, clerks = model.queues, model.clerks
    assert queues.rowCount() == 1 and clerks.rowCount() == 1
    row = queues.index(0, QueueFiguresModel.COLUMN_LEVEL)
    assert queues.data(row) == "83% within 20 s"
    assert queues.data(row, QueueFiguresModel.ServiceLevelRole) == pytest.approx(5 / 6)
    longest = queues.index(0, QueueFiguresModel.COLUMN_LONGEST)
    assert queues.data(longest) == "0:12"
    in_state = clerks.index(0, ClerksModel.COLUMN_TIME)
    assert clerks.data(in_state) == "1:01"
    assert clerks.data(clerks.index(0, ClerksModel.COLUMN_STATE)) == "Away"

    changed_columns.clear()
    clock.advance(50)
    model.tick()
    assert queues.data(longest, QueueFiguresModel.LongestWaitRole) == 62
    assert queues.data(longest) == "1:02"
    assert clerks.data(in_state, ClerksModel.SecondsInStateRole) == 111
    assert changed_columns == [(QueueFiguresModel.COLUMN_LONGEST, QueueFiguresModel.COLUMN_LONGEST)]
    assert model.history_length == 2
    names = {bytes(v.data()).decode() for v in queues.roleNames().values()}
    assert {"waiting", "answered", "abandoned", "serviceLevel", "longestWaitSeconds"} <= names


# ---- against the real server --------------------------------------------------------------------


def ws_url(server: LiveServer) -> str:
    return server.url.replace("http://", "ws://", 1)


def column(model: QueueFiguresModel, queue_id: str, role: int) -> Any:
    row = model.row_of(queue_id)
    assert row >= 0, f"no row for {queue_id}"
    return model.data(model.index(row, 0), role)


def clerk_state(model: ClerksModel, user_id: str) -> str | None:
    row = model.row_of(user_id)
    return None if row < 0 else model.data(model.index(row, 0), ClerksModel.StateRole)


def test_supervisor_panel_figures_match_the_calls_that_happened(
    qtbot: QtBot, qt_loop: qasync.QEventLoop, server: LiveServer, client: httpx.Client
) -> None:
    org = new_org(client)
    sales = create_queue(client, org, "Sales")  # target 20 s
    support = create_queue(client, org, "Support", target_seconds=1)
    widget_key = create_widget(client, org, [sales, support])["widget_key"]
    clerk_id, clerk_token = add_user(client, org, "clerk")
    _, supervisor_token = add_user(client, org, "supervisor")

    desk = ClerkDesk(ClerkConnection(ServerAddress.parse(server.url), supervisor_token))
    run(qt_loop, desk.start())
    run(qt_loop, eventually(lambda: desk.state.supervisor is not None, "first snapshot"))
    panel = SupervisorPanel(desk)  # made after the first snapshot: it shows it at once
    qtbot.addWidget(panel)
    panel.resize(900, 700)
    panel.show()
    model = panel.model
    queues, clerks = model.queues, model.clerks
    assert {queues.figures(r).queue_id for r in range(queues.rowCount())} == {sales, support}
    assert clerk_state(clerks, clerk_id) == "offline"
    assert panel.status.text() == "Live"
    samples_at_start = model.history_length
    ws = ws_url(server)
    sockets: list[ScriptedClerk | ScriptedVisitor] = []

    async def visitor_in(queue_id: str) -> tuple[ScriptedVisitor, str]:
        visitor = ScriptedVisitor(ws, widget_key)
        sockets.append(visitor)
        await visitor.connect()
        queued = await visitor.join(queue_id)
        assert queued.type == "queued", queued
        return visitor, queued.call_id

    async def answer(clerk: ScriptedClerk, call_id: str) -> None:
        await clerk.available()
        await clerk.send({"type": "take", "call_id": call_id})
        assigned = await clerk.expect("assigned")
        await eventually(lambda: clerk_state(clerks, clerk_id) == "in_call", "clerk in call")
        await clerk.send({"type": "hangup", "call_id": assigned.call_id})
        await clerk.expect("ended")
        await eventually(lambda: clerk_state(clerks, clerk_id) == "wrap_up", "clerk wraps up")
        await clerk.send({"type": "wrap_up", "call_id": assigned.call_id, "note": ""})

    async def script() -> None:
        clerk = ScriptedClerk(ws, clerk_token)
        sockets.append(clerk)
        await clerk.connect()
        await clerk.available()
        await eventually(lambda: clerk_state(clerks, clerk_id) == "available", "clerk shown")

        # Sales: two visitors answered at once (well within 20 s).
        for _ in range(2):
            _, call_id = await visitor_in(sales)
            await eventually(
                lambda: column(queues, sales, QueueFiguresModel.WaitingRole) == 1, "one waiting"
            )
            await answer(clerk, call_id)
        # Support (target 1 s): one answered only after more than a second, one abandoned.
        _, slow_call = await visitor_in(support)
        server.advance_clock(2)  # the visitor waits longer than the 1-s target
        await answer(clerk, slow_call)
        leaver, _ = await visitor_in(support)
        await eventually(
            lambda: column(queues, support, QueueFiguresModel.WaitingRole) == 1, "leaver waits"
        )
        await leaver.send({"type": "leave"})
        # And one visitor still waiting in each queue.
        await visitor_in(sales)
        await visitor_in(support)
        await clerk.available()

    try:
        run(qt_loop, script(), timeout=60)
        expected = {  # queue: (waiting, answered, abandoned, within target)
            sales: (1, 2, 0, 2),
            support: (1, 1, 1, 0),
        }

        def shown(queue_id: str) -> tuple[int, int, int, int]:
            return (
                column(queues, queue_id, QueueFiguresModel.WaitingRole),
                column(queues, queue_id, QueueFiguresModel.AnsweredRole),
                column(queues, queue_id, QueueFiguresModel.AbandonedRole),
                column(queues, queue_id, QueueFiguresModel.WithinTargetRole),
            )

        run(
            qt_loop,
            eventually(
                lambda: all(shown(q) == figures for q, figures in expected.items()),
                f"figures {expected}, shown {[shown(q) for q in expected]}",
            ),
        )
        # The same figures as the server's own call records of today (read while the last
        # visitors still wait: closing their pages abandons them).
        records = client.get("/api/v1/calls", headers=org.admin, params={"limit": 500}).json()[
            "items"
        ]
        targets = {sales: 20, support: 1}
        for queue_id in (sales, support):
            mine = [r for r in records if r["queue_id"] == queue_id]
            answered = [r for r in mine if r["answered_at"] is not None]
            assert column(queues, queue_id, QueueFiguresModel.AnsweredRole) == len(answered)
            assert column(queues, queue_id, QueueFiguresModel.AbandonedRole) == len(
                [r for r in mine if r["outcome"] == "abandoned"]
            )
            assert column(queues, queue_id, QueueFiguresModel.WithinTargetRole) == len(
                [r for r in answered if r["wait_seconds"] <= targets[queue_id]]
            )
        # Service level: answered within target over answered + abandoned. Read while the
        # last two visitors still wait: once their sockets close they count as abandoned.
        assert column(queues, sales, QueueFiguresModel.ServiceLevelRole) == 1.0
        assert column(queues, support, QueueFiguresModel.ServiceLevelRole) == 0.0
        level = QueueFiguresModel.COLUMN_LEVEL
        assert queues.data(queues.index(queues.row_of(sales), level)) == "100% within 20 s"
        assert queues.data(queues.index(queues.row_of(support), level)) == "0% within 1 s"
        assert column(queues, sales, QueueFiguresModel.LongestWaitRole) >= 0
        assert "Waiting now: 2" in panel.summary.text()
        latest = model.board.history.latest()
        assert latest is not None and latest.waiting == 2
        # Clerk states: the clerk is available again, with a time in state (until its socket
        # closes below).
        run(
            qt_loop,
            eventually(lambda: clerk_state(clerks, clerk_id) == "available", "available"),
        )
        row = clerks.row_of(clerk_id)
        assert clerks.data(clerks.index(row, ClerksModel.COLUMN_STATE)) == "Available"
        assert clerks.data(clerks.index(row, 0), ClerksModel.SecondsInStateRole) >= 0
    finally:
        run(qt_loop, close_all(sockets))

    # The chart: a sample per snapshot (and per second), drawn as a line.
    assert model.history_length > samples_at_start
    before_tick = model.history_length
    qtbot.waitUntil(lambda: model.history_length > before_tick, timeout=5000)  # the 1 s timer
    assert samples_in_image(panel) > 0

    panel.stop()
    run(qt_loop, desk.close())


async def close_all(sockets: list[ScriptedClerk | ScriptedVisitor]) -> None:
    await asyncio.gather(*(s.close() for s in sockets), return_exceptions=True)


def samples_in_image(panel: SupervisorPanel) -> int:
    """Pixels of the chart's line colour in a rendering of the chart."""
    image = panel.chart.grab().toImage()
    line = panel.chart.palette().color(QPalette.ColorRole.Highlight)
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            if _close(image.pixelColor(x, y), line):
                count += 1
    return count


def _close(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 30


def test_panel_ignores_desk_news_after_it_is_gone(
    qtbot: QtBot, qt_loop: qasync.QEventLoop, server: LiveServer, client: httpx.Client
) -> None:
    """The desk outlives panels (log-out, tab closed): a deleted panel must not break it."""
    org = new_org(client)
    _, supervisor_token = add_user(client, org, "supervisor")
    desk = ClerkDesk(ClerkConnection(ServerAddress.parse(server.url), supervisor_token))
    run(qt_loop, desk.start())
    panel = SupervisorPanel(desk)
    run(qt_loop, eventually(lambda: panel.model.board.snapshots >= 1, "first snapshot"))
    listener = panel._listener  # what the desk keeps calling
    panel.deleteLater()
    qtbot.wait(10)
    listener("supervisor")  # neither raises nor touches the deleted widgets
    listener("link")
    seen: list[str] = []
    desk.add_listener(seen.append)
    run(qt_loop, desk.set_presence("away"))
    run(qt_loop, eventually(lambda: "supervisor" in seen, "a later snapshot"))
    run(qt_loop, desk.close())

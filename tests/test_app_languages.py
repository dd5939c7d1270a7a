"""Dutch throughout: data named per language in the app's language, and a change of language
that never half-translates the open window.

Against the real server with its demo data (queues "Sales"/"Verkoop" and
"Service"/"Klantenservice"), the real app offscreen, and a scripted visitor.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator

import httpx
import pytest
import qasync
from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QTabWidget

from clerk_app.shell.i18n import install_translators
from clerk_app.shell.main_window import MainWindow
from clerk_app.supervisor.view import SupervisorPanel
from server.demo import DEMO_PASSWORD
from tests.live_server import LiveServer, live_server
from tests.media_fixtures import eventually
from tests.qt_fixtures import (
    AppHarness,
    harness_fixture,
    log_in,
    qt_loop_fixture,
    run,
)
from tests.ws_clients import ScriptedVisitor

__all__ = ["harness_fixture", "qt_loop_fixture"]

SUPERVISOR = "supervisor@demo.example"
ADMIN = "admin@demo.example"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with live_server(tmp_path_factory.mktemp("demo"), demo=True) as running:
        yield running


@pytest.fixture(scope="module")
def demo_widget(demo: LiveServer) -> tuple[str, dict[str, str]]:
    """The demo widget's key, and the demo queues' ids by English name."""
    with httpx.Client(base_url=demo.url, timeout=30) as http:
        login = http.post("/api/v1/auth/login", json={"email": ADMIN, "password": DEMO_PASSWORD})
        login.raise_for_status()
        headers = {"Authorization": f"Bearer {login.json()['token']}"}
        widgets = http.get("/api/v1/widgets", headers=headers).json()
        queues = http.get("/api/v1/queues", headers=headers).json()
    items = lambda found: found["items"] if isinstance(found, dict) else found  # noqa: E731
    return items(widgets)[0]["widget_key"], {q["name"]["en"]: q["id"] for q in items(queues)}


def texts(model: QAbstractItemModel, column: int) -> list[str]:
    return [str(model.index(row, column).data()) for row in range(model.rowCount())]


def tab_texts(tabs: QTabWidget) -> list[str]:
    return [tabs.tabText(i).replace("&", "") for i in range(tabs.count())]


def menu_texts(window: MainWindow) -> list[str]:
    """Each menu's title and its entries' (separators left out)."""
    found = []
    for title in window.menuBar().actions():
        entries = title.menu().actions() if title.menu() is not None else []
        found += [a.text().replace("&", "") for a in [title, *entries] if a.text()]
    return found


@pytest.mark.parametrize(
    ("language", "visitor_language", "sales", "service"),
    [("nl", "en", "Verkoop", "Klantenservice"), ("en", "nl", "Sales", "Service")],
)
def test_queue_names_are_shown_in_the_apps_language_whatever_the_visitors(
    demo: LiveServer,
    demo_widget: tuple[str, dict[str, str]],
    harness: AppHarness,
    qt_loop: qasync.QEventLoop,
    language: str,
    visitor_language: str,
    sales: str,
    service: str,
) -> None:
    """The server names each queue in both languages; the clerk's queue and the supervisor
    view show the app's, not the first waiting visitor's nor always English."""
    widget_key, queue_ids = demo_widget
    app = harness.make(demo.url, language=language)
    visitor = ScriptedVisitor(demo.ws_url, widget_key)

    async def scenario() -> None:
        await log_in(app, SUPERVISOR, DEMO_PASSWORD)
        window = app.main_window
        assert window is not None
        await visitor.connect(language=visitor_language)
        queued = await visitor.join(queue_ids["Sales"])
        assert queued.type == "queued", queued
        queue = window.calls_page.queue_panel.model
        await eventually(lambda: queue.rowCount() == 1, "the visitor in the clerk's queue")
        assert texts(queue, 1) == [sales]
        panel = window.supervisor_panel
        assert isinstance(panel, SupervisorPanel)
        figures = panel.model.queues
        await eventually(lambda: figures.rowCount() == 2, "the demo queues in the supervisor view")
        assert sorted(texts(figures, figures.COLUMN_NAME)) == sorted([sales, service])
        await visitor.close()

    try:
        run(qt_loop, scenario())
    finally:
        install_translators(app.qapp, "en")  # the next tests read English

"""Dutch throughout: data named per language in the app's language, and a change of language
that never half-translates the open window.

Against the real server with its demo data (queues "Sales"/"Verkoop" and
"Service"/"Klantenservice"), the real app offscreen, and a scripted visitor.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import qasync
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QTabWidget

from clerk_app.settings.view import SettingsDialog
from clerk_app.shell.app import ClerkApp
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
    login_window,
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


def _save_language(app: ClerkApp, language: str) -> SettingsDialog:
    app.open_settings()
    dialog = app.settings_dialog
    assert isinstance(dialog, SettingsDialog)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData(language))
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    buttons.button(QDialogButtonBox.StandardButton.Save).click()
    return dialog


def in_language(window: MainWindow, expected: dict[str, Any], other: dict[str, Any]) -> bool:
    """Every part of the window speaks `expected`'s language: its texts as there, and of the
    menus' entries (others may be added) all of `expected`'s and none of `other`'s."""
    shown = _window_texts(window)
    menus = set(shown.pop("menus"))
    known = {key: value for key, value in expected.items() if key != "menus"}
    english_left = menus & (set(other["menus"]) - set(expected["menus"]))
    return shown == known and set(expected["menus"]) <= menus and not english_left


def _window_texts(window: MainWindow) -> dict[str, Any]:
    """Texts of every part of the window: tabs, menus, status bar, the clerk's queue and call
    views, the supervisor view and the admin screens."""
    panel = window.supervisor_panel
    assert isinstance(panel, SupervisorPanel)
    admin = window.admin_panel
    assert admin is not None
    admin_tabs = admin.findChild(QTabWidget)
    assert admin_tabs is not None
    queue = window.calls_page.queue_panel
    return {
        "tabs": tab_texts(window.tabs),
        "menus": menu_texts(window),
        "status": window.link_label.text(),
        "queue": queue.model.headerData(1, Qt.Orientation.Horizontal),
        "call": window.calls_page.call_view.hang_up_button.text(),
        "supervisor": panel.model.queues.headerData(1, Qt.Orientation.Horizontal),
        "admin": tab_texts(admin_tabs)[0],
    }


ENGLISH = {
    "tabs": ["Calls", "Supervisor", "Admin"],
    "menus": [
        "videoclerk",
        "Settings\u2026",
        "My data and privacy\u2026",
        "Export my data\u2026",
        "Log out",
        "Quit",
        "Help",
        "About videoclerk",
    ],
    "status": "\u25cf Connected",
    "queue": "Queue",
    "call": "Hang up",
    "supervisor": "Waiting",
    "admin": "Users",
}
DUTCH = {
    "tabs": ["Gesprekken", "Supervisor", "Beheer"],
    "menus": [
        "videoclerk",
        "Instellingen\u2026",
        "Mijn gegevens en privacy\u2026",
        "Mijn gegevens exporteren\u2026",
        "Uitloggen",
        "Afsluiten",
        "Help",
        "Over videoclerk",
    ],
    "status": "\u25cf Verbonden",
    "queue": "Wachtrij",
    "call": "Ophangen",
    "supervisor": "Wachtend",
    "admin": "Gebruikers",
}


def test_a_new_language_switches_no_part_of_the_open_window_alone(
    demo: LiveServer, harness: AppHarness, qt_loop: qasync.QEventLoop, tmp_path: Path
) -> None:
    """Saved with the window open, Dutch changes nothing in it (the admin and supervisor
    panels, which could follow at once, stay English with the rest), and the dialog says
    when it applies; after logging out and in, every part is Dutch."""
    app = harness.make(demo.url, language="en")

    async def scenario() -> None:
        await log_in(app, ADMIN, DEMO_PASSWORD)
        window = app.main_window
        assert window is not None
        await eventually(lambda: window.link_label.property("linkState") == "connected", "link")
        assert in_language(window, ENGLISH, DUTCH), _window_texts(window)
        dialog = _save_language(app, "nl")
        notes = [label.text() for label in dialog.findChildren(QLabel)]
        assert (
            "A new language applies when you next log in or out, or start videoclerk again."
            in notes
        )
        await eventually(lambda: app.settings_dialog is None, "the dialog closed")
        assert app.language == "nl"
        # One language throughout: still English, the admin and supervisor panels too.
        assert in_language(window, ENGLISH, DUTCH), _window_texts(window)
        window.log_out_requested.emit()
        login = await login_window(app)
        assert login.login_button.text() == "Inloggen"
        assert login.banner.text == "Je bent uitgelogd."
        await log_in(app, ADMIN, DEMO_PASSWORD)
        dutch = app.main_window
        assert dutch is not None
        await eventually(lambda: dutch.link_label.property("linkState") == "connected", "link")
        assert in_language(dutch, DUTCH, ENGLISH), _window_texts(dutch)

    try:
        run(qt_loop, scenario())
    finally:
        install_translators(app.qapp, "en")  # the next tests read English

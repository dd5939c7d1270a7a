"""The admin's queue form (one name is enough) and time zone picker (a list, not free text),
against the real server, driven through the panel's buttons and dialogs."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator

import httpx
import pytest
import qasync
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from clerk_app.admin.widgets.dialogs import QueueDialog
from clerk_app.admin.widgets.editor import WidgetEditor
from clerk_app.admin.widgets.model import QueuesModel
from tests.accounts_helpers import new_org
from tests.live_server import LiveServer
from tests.qt_fixtures import qt_loop_fixture, run
from tests.queue_helpers import create_queue, create_widget
from tests.test_admin_panel import Rig, make_panel

__all__ = ["qt_loop_fixture"]


@pytest.fixture
def rig(
    qtbot: QtBot, qt_loop: qasync.QEventLoop, server: LiveServer, client: httpx.Client
) -> Iterator[Rig]:
    """A panel on an organisation that has a queue and a widget (Europe/Amsterdam's hours)."""
    org = new_org(client)
    queue_id = create_queue(client, org, "Sales")
    create_widget(client, org, [queue_id])
    made = make_panel(qtbot, qt_loop, server, org, org.admin_token)
    yield made
    made.panel.shutdown()
    run(qt_loop, made.accounts.close())


def open_the_widget(rig: Rig) -> WidgetEditor:
    tab = rig.widgets
    tab.select(tab.model.record(0).id)
    tab.edit_button.click()
    editor = tab.dialog
    assert isinstance(editor, WidgetEditor)
    return editor


def test_the_time_zone_is_picked_from_the_list_with_the_current_one_selected(
    rig: Rig, client: httpx.Client
) -> None:
    editor = open_the_widget(rig)
    picker = editor.time_zone
    assert isinstance(picker, QComboBox)
    zones = [picker.itemText(i) for i in range(picker.count())]
    assert zones == sorted(zones) and len(zones) > 300
    assert "Europe/Amsterdam" in zones and "Asia/Tokyo" in zones
    assert picker.currentText() == "Europe/Amsterdam"  # the widget's, selected
    assert picker.currentIndex() == zones.index("Europe/Amsterdam")

    picker.setCurrentIndex(zones.index("Asia/Tokyo"))
    editor.ok_button.click()
    rig.settle()
    assert not editor.isVisible(), editor.error.text()
    widget_id = rig.widgets.model.record(0).id
    stored = client.get(f"/api/v1/widgets/{widget_id}", headers=rig.org.admin).json()
    assert stored["business_hours"]["time_zone"] == "Asia/Tokyo"


def test_typing_the_start_of_a_zone_picks_it_from_the_list(
    rig: Rig, qtbot: QtBot, client: httpx.Client
) -> None:
    editor = open_the_widget(rig)
    picker = editor.time_zone
    assert not picker.isEditable()  # nothing but a zone from the list can be sent
    picker.setFocus()
    qtbot.keyClicks(picker, "Europe/Lis")
    assert picker.currentText() == "Europe/Lisbon"
    editor.ok_button.click()
    rig.settle()
    assert not editor.isVisible(), editor.error.text()
    widget_id = rig.widgets.model.record(0).id
    stored = client.get(f"/api/v1/widgets/{widget_id}", headers=rig.org.admin).json()
    assert stored["business_hours"]["time_zone"] == "Europe/Lisbon"


def test_a_queue_needs_one_name_and_shows_it_for_the_other_language(
    rig: Rig, client: httpx.Client
) -> None:
    tab = rig.widgets
    tab.new_queue_button.click()
    dialog = tab.dialog
    assert isinstance(dialog, QueueDialog)
    dialog.ok_button.click()  # no name at all
    rig.settle()
    assert dialog.isVisible()
    assert dialog.error.text() == "Give the queue a name in English, in Dutch or in both."

    dialog.name_nl.setText("Klantenservice")  # Dutch only
    dialog.ok_button.click()
    rig.settle()
    assert not dialog.isVisible(), dialog.error.text()
    rows = range(tab.queues_model.rowCount())
    row = next(r for r in rows if tab.queues_model.record(r).name.nl == "Klantenservice")
    queue = tab.queues_model.record(row)
    stored = client.get(f"/api/v1/queues/{queue.id}", headers=rig.org.admin).json()
    assert stored["name"] == {"en": None, "nl": "Klantenservice"}
    # the English app shows the Dutch name where it needs one; the English column stays empty
    assert tab.queues_model.data(tab.queues_model.index(row, 0)) == ""
    assert tab.queues_model.data(tab.queues_model.index(row, 1)) == "Klantenservice"
    assert tab.queues_model.data(tab.queues_model.index(row, 0), QueuesModel.NameRole) == (
        "Klantenservice"
    )
    assert tab.queues_model.name_of(queue.id) == "Klantenservice"


def test_the_queue_target_is_rounded_half_up(rig: Rig, client: httpx.Client) -> None:
    queue_id = create_queue(client, rig.org, "Support", target_share=0.625)
    rig.widgets.load()
    rig.settle()
    model = rig.widgets.queues_model
    row = model.row_of(queue_id)
    assert model.data(model.index(row, 2)) == "63% within 20 s"  # round() said 62

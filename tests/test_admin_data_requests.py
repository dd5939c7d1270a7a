"""The admin's Data requests tab against the real server (P4, P5, P7, P11): the organisation's data
exported to a file, its details corrected, its restrictions saved, a visitor's call erased by
the reference the widget showed, and a user erased."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import qasync
from pytestqt.qtbot import QtBot

from clerk_app.admin.datarequests.dialogs import (
    EraseCallDialog,
    EraseUserDialog,
    OrganisationDialog,
)
from clerk_app.admin.datarequests.model import ErasureRequestsModel
from clerk_app.admin.datarequests.tab import DataRequestsTab
from tests.accounts_helpers import add_user
from tests.data_requests_helpers import RECORDINGS, ended_recorded_call
from tests.live_server import LiveServer
from tests.qt_fixtures import qt_loop_fixture, run
from tests.test_admin_panel import Rig, make_panel

__all__ = ["qt_loop_fixture"]


@pytest.fixture
def requests_rig(
    qtbot: QtBot, qt_loop: qasync.QEventLoop, server: LiveServer, client: httpx.Client
) -> Iterator[tuple[Rig, str, str]]:
    """An organisation with a visitor's recorded call, ended; its admin's panel on the
    Data requests tab. Also the call's reference and its recording's id."""
    call, recording_id, reference = run(
        qt_loop, ended_recorded_call(server, client, os.urandom(20_000))
    )
    org = call.centre.org
    rig = make_panel(qtbot, qt_loop, server, org, org.admin_token)
    rig.panel.tabs.setCurrentWidget(rig.panel.area(DataRequestsTab))
    yield rig, reference, recording_id
    rig.panel.shutdown()
    run(qt_loop, rig.accounts.close())


def test_the_admin_exports_the_organisations_data_to_a_file(
    requests_rig: tuple[Rig, str, str], tmp_path: Path
) -> None:
    """P11: Export data… saves a whole ZIP, with its README, where the admin chose."""
    rig, reference, _ = requests_rig
    tab = rig.panel.area(DataRequestsTab)
    target = tmp_path / "organisation.zip"
    tab.export_button.click()
    chooser = tab.export_dialog
    assert chooser is not None and chooser.isVisible()
    chooser.selectFile(str(target))
    chooser.accept()
    assert not tab.export_button.isEnabled()  # one export at a time
    rig.settle()
    assert tab.export_button.isEnabled() and tab.progress.isHidden()
    assert tab.last_export is not None and tab.last_export.path == target
    assert str(target) in rig.panel.notice.text()
    with zipfile.ZipFile(target) as archive:
        assert "README.md" in archive.namelist()
        [call] = json.loads(archive.read("calls.json"))
    assert call["reference"] == reference
    assert list(tmp_path.iterdir()) == [target]


def test_the_admin_corrects_details_and_restricts_processing(
    requests_rig: tuple[Rig, str, str], client: httpx.Client
) -> None:
    """P7, P11: the organisation's details are corrected in a form that stays open until the
    server accepts it; restrictions are saved for the whole organisation."""
    rig, _, _ = requests_rig
    tab = rig.panel.area(DataRequestsTab)
    assert "87654321" in tab.details.text()
    tab.correct_button.click()
    dialog = tab.dialog
    assert isinstance(dialog, OrganisationDialog) and dialog.isVisible()
    dialog.vat.setText("")
    dialog.ok_button.click()  # refused here: no request
    assert dialog.isVisible() and "VAT" in dialog.error.text()
    dialog.vat.setText("NL000011112B22")
    dialog.city.setText("Utrecht")
    dialog.ok_button.click()
    rig.settle()
    assert not dialog.isVisible()
    assert "NL000011112B22" in tab.details.text() and "Utrecht" in tab.details.text()
    shown = client.get("/api/v1/organisation", headers=rig.org.admin).json()
    assert (shown["vat_number"], shown["billing_address"]["city"]) == ("NL000011112B22", "Utrecht")

    tab.marketing.setChecked(True)
    tab.improvement.setChecked(True)
    tab.save_restrictions_button.click()
    rig.settle()
    assert "restrictions are saved" in rig.panel.notice.text()
    saved = client.get("/api/v1/organisation/restrictions", headers=rig.org.admin).json()
    assert saved == {"marketing": True, "automated_decisions": False, "service_improvement": True}


def test_the_admin_erases_a_visitors_call_by_its_reference_and_a_user(
    requests_rig: tuple[Rig, str, str], server: LiveServer, client: httpx.Client
) -> None:
    """P4, P5, P11: a wrong reference is explained in the form; the right one erases the
    call's recording and consent trail at once, and the tab lists the request with what was
    kept and why. A user is erased from the list of users."""
    rig, reference, recording_id = requests_rig
    tab = rig.panel.area(DataRequestsTab)
    tab.erase_call_button.click()
    dialog = tab.dialog
    assert isinstance(dialog, EraseCallDialog) and dialog.isVisible()
    dialog.reference.setText("ZZZ-ZZZZ")
    dialog.ok_button.click()
    rig.settle()
    assert dialog.isVisible()
    assert "No call of your organisation has this reference" in dialog.error.text()
    dialog.reference.setText(reference.lower())
    dialog.ok_button.click()
    rig.settle()
    assert not dialog.isVisible()
    model = tab.model
    assert model.rowCount() == 1
    assert model.data(model.index(0, 0), ErasureRequestsModel.StatusRole) == "done"
    assert model.data(model.index(0, 1)) == "Call's data"
    assert model.data(model.index(0, 5)) == "call record (names nobody), audit trail (audit)"
    assert rig.panel.notice.text().startswith("Erased. Kept: call record")
    assert not (server.data_dir / "recordings" / recording_id).exists()
    assert client.get(RECORDINGS, headers=rig.org.admin).json()["items"] == []

    clerk_id, _ = add_user(client, rig.org, "clerk")
    rig.users.refresh()
    rig.settle()
    tab.erase_user_button.click()
    erase = tab.dialog
    assert isinstance(erase, EraseUserDialog)
    erase.user.setCurrentIndex(erase.user.findData(clerk_id))
    erase.ok_button.click()
    rig.settle()
    assert not erase.isVisible()
    assert model.rowCount() == 2
    assert model.data(model.index(0, 1)) == "User"
    erased = client.get(f"/api/v1/users/{clerk_id}", headers=rig.org.admin).json()
    assert (erased["name"], erased["active"]) == ("Erased user", False)
    rig.users.refresh()
    rig.settle()
    tab.erase_user_button.click()
    again = tab.dialog
    assert isinstance(again, EraseUserDialog)
    assert again.user.findData(clerk_id) == -1  # erased users are not offered again

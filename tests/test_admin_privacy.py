"""The admin panel's privacy tab against the real server: where data is stored and the
sub-processors, as the operator configured them (P6, P19), and the organisation's switch
for offer suggestions (P16)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import httpx
import qasync
from pytestqt.qtbot import QtBot

from clerk_app.admin.privacy.tab import PrivacyTab
from tests.accounts_helpers import audit_events, new_org
from tests.live_server import live_server
from tests.privacy_helpers import restrict
from tests.qt_fixtures import qt_loop_fixture, run
from tests.test_admin_panel import Rig, cells, make_panel, rig
from tests.test_privacy_record import SETTINGS

__all__ = ["qt_loop_fixture", "rig"]


def test_the_privacy_tab_shows_the_operators_statement_and_switches_suggestions(
    qtbot: QtBot, qt_loop: qasync.QEventLoop, tmp_path: Path
) -> None:
    """P6, P19: the admin sees where data is stored and each sub-processor with its purpose,
    location and, outside the EEA, its safeguards. P16: suggestions are off until the admin
    ticks the box (audited); a restricted organisation cannot switch them on."""
    config = tmp_path / "settings.toml"
    config.write_text(SETTINGS, encoding="utf-8")
    with (
        live_server(tmp_path / "server", env={"VIDEOCLERK_CONFIG_FILE": str(config)}) as server,
        httpx.Client(base_url=server.url, timeout=30) as client,
    ):
        org = new_org(client)
        rig = make_panel(qtbot, qt_loop, server, org, org.admin_token)
        try:
            tab = rig.panel.area(PrivacyTab)
            assert tab.location_label.text() == "Amsterdam, the Netherlands (EEA)"
            shown = cells(tab.model)
            assert shown[:4] == [
                "Mailjet",
                "sending service notices",
                "France (EEA)",
                "Within the EEA",
            ]
            assert shown[4:] == [
                "Acme Transcribe",
                "transcription",
                "United States",
                "Outside the EEA: EU standard contractual clauses",
            ]
            check = tab.suggestions_check
            assert check.isEnabled() and not check.isChecked()
            check.click()
            rig.settle()
            assert check.isChecked()
            assert rig.panel.notice.text() == "Offer suggestions are on."
            assert client.get("/api/v1/offer-suggestions/settings", headers=org.admin).json() == {
                "enabled": True,
                "restricted": False,
            }
            assert len(audit_events(client, org, event="offer_suggestions.enabled")) == 1

            restrict(server, org.id, "automated_decisions")
            tab.refresh()
            rig.settle()
            assert not check.isEnabled() and not check.isChecked()
            assert "restricted automated decisions" in tab.suggestions_note.text()
        finally:
            rig.panel.shutdown()
            run(qt_loop, rig.accounts.close())


def test_without_sub_processors_the_tab_says_so(rig: Rig) -> None:
    """P19: a server whose operator stated nothing says so, rather than showing an empty list."""
    tab = rig.panel.area(PrivacyTab)
    assert "has not stated" in tab.location_label.text()
    assert not tab.none_label.isHidden()
    assert tab.view.isHidden()

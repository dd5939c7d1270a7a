"""The Dutch translation of the admin and supervisor panels loads: compiled from
resources/translations/panels_nl.ts (pyside6-lrelease), the panels actually speak Dutch.
That the file is complete and current is tests/test_translations.py's check, for every file.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from clerk_app.account.service import AccountService
from clerk_app.admin.api import AdminApi
from clerk_app.admin.audit.details import describe_details
from clerk_app.admin.audit.tab import AuditTab
from clerk_app.admin.catalogue.tab import CatalogueTab
from clerk_app.admin.closure.tab import AccountTab
from clerk_app.admin.datarequests.tab import DataRequestsTab
from clerk_app.admin.keys.tab import ApiKeysTab
from clerk_app.admin.offers.tab import OffersTab
from clerk_app.admin.panel import AdminPanel
from clerk_app.admin.recordings.tab import RecordingsTab
from clerk_app.admin.users.tab import UsersTab
from clerk_app.admin.webhooks.tab import WebhooksTab
from clerk_app.queue.connection import ClerkConnection
from clerk_app.queue.desk import ClerkDesk
from clerk_app.server_address import ServerAddress
from clerk_app.supervisor.view import SupervisorPanel

# No server, no database: `make test-postgres` leaves these out (tests/conftest.py).
pytestmark = pytest.mark.engine_independent

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "panels_nl.ts"
BIN = Path(sys.executable).parent


@pytest.fixture
def dutch(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    qm = tmp_path / "panels_nl.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(qm)], capture_output=True, check=True
    )
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        yield
    finally:
        QCoreApplication.removeTranslator(translator)


def test_panels_speak_dutch_with_the_compiled_translation(qapp: QApplication, dutch: None) -> None:
    accounts = AccountService(ServerAddress.parse("http://127.0.0.1:9"))  # never used: not shown
    admin = AdminPanel(AdminApi(accounts, "unused"))
    tabs = [admin.tabs.tabText(i).replace("&", "") for i in range(admin.tabs.count())]
    assert tabs == [
        "Gebruikers",
        "API-sleutels",
        "Widgets",
        "Catalogus",
        "Offertes",
        "Opnamen",
        "Webhooks",
        "Gegevensverzoeken",
        "Privacy",
        "Audit",
        "Account",
    ]
    privacy = admin.area(DataRequestsTab)
    assert privacy.export_button.text() == "Gegevens e&xporteren…"
    assert privacy.model.headerData(3, Qt.Orientation.Horizontal) == "Uiterlijk"
    offers = admin.area(OffersTab)
    assert offers.export_button.text() == "CSV e&xporteren…"
    assert offers.model.headerData(6, Qt.Orientation.Horizontal) == "Totaal"
    assert offers.status_choice.itemText(offers.status_choice.findData("accepted")) == (
        "Geaccepteerd"
    )
    recordings = admin.area(RecordingsTab)
    assert recordings.hold_button.text() == "&Juridische blokkade…"
    assert recordings.model.headerData(5, Qt.Orientation.Horizontal) == "Verwijderd na"
    hooks = admin.area(WebhooksTab)
    assert hooks.redeliver_button.text() == "O&pnieuw afleveren"
    assert hooks.attempts.headerData(2, Qt.Orientation.Horizontal) == "Antwoord of fout"
    assert admin.area(UsersTab).model.headerData(2, Qt.Orientation.Horizontal) == "Rol"
    assert admin.area(ApiKeysTab).new_button.text() == "&Nieuwe sleutel…"
    assert admin.area(AuditTab).more_button.text() == "&Meer laden"
    assert admin.area(AccountTab).close_button.text() == "Account slu&iten…"
    catalogue = admin.area(CatalogueTab)
    assert catalogue.model.headerData(2, Qt.Orientation.Horizontal) == "Prijs"
    assert describe_details((("own", False),), str) == "De server heeft het geheim gemaakt."
    desk = ClerkDesk(ClerkConnection(ServerAddress.parse("http://127.0.0.1:9"), "unused"))
    supervisor = SupervisorPanel(desk)
    try:
        header = supervisor.model.queues.headerData(1, Qt.Orientation.Horizontal)
        assert header == "Wachtend"
        assert supervisor.status.text() == "Wachten op de eerste cijfers van de server…"
        assert supervisor.model.clerks.state_text("in_call") == "In gesprek"
    finally:
        supervisor.stop()
        supervisor.deleteLater()
        admin.deleteLater()

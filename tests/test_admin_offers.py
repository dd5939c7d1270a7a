"""The admin's Offers tab against the real server: settings, the filtered list, one offer's
details and revisions, and the CSV export; offers made over the REST API by clerks in live
calls (tests/offers_helpers.py)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import csv
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import qasync
from pytestqt.qtbot import QtBot

from clerk_app.admin.offers.dialogs import OfferDialog, OfferSettingsDialog
from clerk_app.admin.offers.model import OffersModel
from clerk_app.admin.offers.tab import OffersTab
from tests.live_server import LiveServer
from tests.offers_helpers import InCall, in_call, new_offer, product, saved
from tests.qt_fixtures import qt_loop_fixture, run
from tests.queue_helpers import call_centre
from tests.test_admin_panel import Rig, make_panel, rig

__all__ = ["qt_loop_fixture", "rig"]


@pytest.fixture
def shop(
    qtbot: QtBot, qt_loop: qasync.QEventLoop, server: LiveServer, client: httpx.Client
) -> Iterator[tuple[Rig, list[InCall], list[str]]]:
    """Two clerks each holding a call with an offer: 1 and 3 lamps of €1,234.56; the panel
    on the organisation's admin. Yields the rig, the calls and the offer ids."""
    centre = call_centre(client, clerks=2)
    calls = [run(qt_loop, in_call(server, client, centre=centre, clerk_index=i)) for i in range(2)]
    lamp = product(
        client, calls[0], price_minor=123456, name={"en": "Desk lamp", "nl": "Bureaulamp"}
    )
    offer_ids = []
    for call, quantity in zip(calls, (1, 3), strict=True):
        offer_id = new_offer(client, call)["offer_id"]
        saved(client, call, offer_id, 0, [{"product_id": lamp, "quantity": quantity}])
        offer_ids.append(offer_id)
    rig = make_panel(qtbot, qt_loop, server, centre.org, centre.org.admin_token)
    yield rig, calls, offer_ids
    rig.panel.shutdown()
    for call in calls:
        run(qt_loop, call.close())
    run(qt_loop, rig.accounts.close())


def shown(tab: OffersTab) -> list[tuple[str, str, str]]:
    """(clerk id, status, total as shown) of each row."""
    model = tab.model
    return [
        (
            model.data(model.index(r, 0), OffersModel.ClerkIdRole),
            model.data(model.index(r, 0), OffersModel.StatusRole),
            model.data(model.index(r, 6)),
        )
        for r in range(model.rowCount())
    ]


def apply(rig: Rig, tab: OffersTab, **fields: object) -> list[tuple[str, str, str]]:
    tab.set_filter(**fields)  # type: ignore[arg-type]
    tab.apply_button.click()
    rig.settle()
    return shown(tab)


def test_settings_round_trip_with_a_time_zone_from_the_list(rig: Rig, client: httpx.Client) -> None:
    tab = rig.panel.area(OffersTab)
    tab.settings_button.click()
    rig.settle()
    dialog = tab.dialog
    assert isinstance(dialog, OfferSettingsDialog) and dialog.isVisible()
    assert dialog.time_zone.currentText() == "Europe/Amsterdam"
    assert not dialog.time_zone.isEditable()  # chosen from the list, not typed
    assert dialog.time_zone.findText("America/New_York") >= 0

    # A checkout link without https is refused under its own field; the dialog stays open.
    dialog.checkout_url.setText("http://shop.example/pay")
    dialog.ok_button.click()
    rig.settle()
    complaint = dialog.field_errors["checkout_url_template"]
    assert dialog.isVisible() and complaint.isVisible() and "https://" in complaint.text()
    assert not dialog.field_errors["time_zone"].isVisible()

    dialog.limits["clerk"].setValue(12.5)
    dialog.limits["supervisor"].setValue(30)
    dialog.validity_days.setValue(30)
    dialog.time_zone.setCurrentIndex(dialog.time_zone.findText("America/New_York"))
    dialog.checkout_url.setText("https://shop.example/pay/{reference}")
    dialog.ok_button.click()
    rig.settle()
    assert not dialog.isVisible() and not complaint.isVisible()
    assert "offer settings are saved" in rig.panel.notice.text()
    stored = client.get("/api/v1/offers/settings", headers=rig.org.admin).json()
    assert stored["time_zone"] == "America/New_York"
    assert stored["validity_days"] == 30
    assert stored["checkout_url_template"] == "https://shop.example/pay/{reference}"
    limits = {role: float(value) for role, value in stored["discount_limits_percent"].items()}
    assert limits == {"clerk": 12.5, "supervisor": 30.0, "admin": 100.0}

    tab.settings_button.click()  # shown again as saved
    rig.settle()
    again = tab.dialog
    assert isinstance(again, OfferSettingsDialog) and again is not dialog
    assert again.time_zone.currentText() == "America/New_York"
    assert again.limits["clerk"].value() == 12.5
    assert again.validity_days.value() == 30
    again.reject()


def test_offers_filtered_detailed_and_exported_as_csv(
    shop: tuple[Rig, list[InCall], list[str]], client: httpx.Client, tmp_path: Path
) -> None:
    rig, calls, offer_ids = shop
    tab = rig.panel.area(OffersTab)
    rig.panel.tabs.setCurrentWidget(tab)
    all_rows = shown(tab)
    assert sorted(total for _, _, total in all_rows) == ["€1,234.56", "€3,703.68"]
    first_clerk = next(c for c, _, total in all_rows if total == "€1,234.56")
    second_clerk = next(c for c, _, total in all_rows if total == "€3,703.68")

    assert [t for _, _, t in apply(rig, tab, clerk_id=second_clerk)] == ["€3,703.68"]
    assert tab.clerk_choice.currentData() == second_clerk  # picked from the users' names
    assert [t for _, _, t in apply(rig, tab, min_total="2000")] == ["€3,703.68"]
    assert [t for _, _, t in apply(rig, tab, max_total="2,000.00")] == ["€1,234.56"]
    assert apply(rig, tab, status="accepted") == []
    assert len(apply(rig, tab, status="open", currency="EUR")) == 2
    assert apply(rig, tab, currency="USD") == []
    assert apply(rig, tab, min_total="lots") == []  # not applied: said so, list unchanged
    assert "is not an amount" in rig.panel.banner_text
    assert len(apply(rig, tab)) == 2

    # Paged: one a page, the second behind "Load more".
    tab.page_size = 1
    tab.refresh()
    rig.settle()
    assert tab.model.rowCount() == 1 and tab.more_button.isEnabled()
    tab.more_button.click()
    rig.settle()
    assert tab.model.rowCount() == 2 and not tab.more_button.isEnabled()

    # Details: the lines and totals, and an earlier revision chosen from the list.
    lamp_line = client.get(f"/api/v1/offers/{offer_ids[0]}", headers=rig.org.admin).json()
    product_id = lamp_line["lines"][0]["product_id"]
    saved(client, calls[0], offer_ids[0], 1, [{"product_id": product_id, "quantity": 2}])
    tab.page_size = 100
    tab.refresh()
    rig.settle()
    tab.select(offer_ids[0])
    tab.details_button.click()
    rig.settle()
    dialog = tab.dialog
    assert isinstance(dialog, OfferDialog) and dialog.isVisible()
    assert [dialog.revision.itemData(i) for i in range(dialog.revision.count())] == [2, 1]
    assert dialog.lines.rowCount() == 1
    assert dialog.lines.data(dialog.lines.index(0, 2)) == "2"
    assert dialog.lines.data(dialog.lines.index(0, 1)) == "Desk lamp"
    assert "Total: €2,469.12" in dialog.totals.text()
    dialog.revision.setCurrentIndex(1)
    rig.settle()
    assert dialog.lines.data(dialog.lines.index(0, 2)) == "1"
    assert "Total: €1,234.56" in dialog.totals.text()
    assert "revision 1" in dialog.windowTitle()
    dialog.reject()

    # The CSV of the filtered list, saved where the file dialog says.
    tab.set_filter(clerk_id=first_clerk)
    tab.export_button.click()
    chooser = tab.export_dialog
    assert chooser is not None and chooser.isVisible()
    target = tmp_path / "lamps.csv"
    chooser.selectFile(str(target))
    chooser.accept()
    assert tab.progress.isVisible() and not tab.export_button.isEnabled()
    rig.settle()
    assert not tab.progress.isVisible() and tab.export_button.isEnabled()
    with target.open(newline="", encoding="utf-8") as written:
        rows = list(csv.DictReader(written))
    assert [(r["offer id"], r["gross"], r["lines"]) for r in rows] == [
        (offer_ids[0], "2469.12", f"2 × {lamp_line['lines'][0]['sku']}")
    ]
    assert tab.last_export is not None and tab.last_export.offers == 1
    assert str(target) in rig.panel.notice.text()
    assert not list(tmp_path.glob("*.part"))


def test_a_failed_export_leaves_no_file_and_says_why(rig: Rig, tmp_path: Path) -> None:
    tab = rig.panel.area(OffersTab)
    target = tmp_path / "gone" / "offers.csv"  # its folder does not exist
    tab.export_to(str(target))
    rig.settle()
    assert not target.exists() and tab.export_button.isEnabled()
    assert rig.panel.banner_text.startswith("The export failed:")

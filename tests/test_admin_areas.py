"""What users found in the admin screens, fixed, and the catalogue tab; against the real
server through the panel's buttons and dialogs (fixtures of test_admin_panel)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import csv
import io
import json
from pathlib import Path

import httpx

from clerk_app.admin.api import LocalText
from clerk_app.admin.audit.model import AuditModel
from clerk_app.admin.catalogue.dialogs import ProductDialog
from clerk_app.admin.catalogue.model import ImportReportModel
from clerk_app.admin.keys.dialogs import NewKeyDialog, RotateKeyDialog
from clerk_app.admin.users.dialogs import RoleDialog
from clerk_app.admin.widgets.dialogs import NewWidgetKeyDialog
from clerk_app.admin.widgets.hours import BusinessHours
from clerk_app.admin.widgets.service import WidgetDraft, WidgetsService
from tests.accounts_helpers import add_user
from tests.qt_fixtures import qt_loop_fixture, run
from tests.test_admin_panel import Rig, click_confirm, rig

__all__ = ["qt_loop_fixture", "rig"]


def audit_rows(rig: Rig) -> list[tuple[str, str]]:
    model = rig.audit.model
    return [
        (str(model.data(model.index(r, 0), AuditModel.EventRole)), model.data(model.index(r, 5)))
        for r in range(model.rowCount())
    ]


def test_tables_keep_their_last_column_stretched_after_a_save(
    rig: Rig, client: httpx.Client
) -> None:
    add_user(client, rig.org, "clerk")
    users = rig.users
    users.refresh()
    rig.settle()
    view = users.view
    header = view.horizontalHeader()
    last = header.count() - 1

    def right_edge() -> int:
        return header.sectionViewportPosition(last) + header.sectionSize(last)

    assert right_edge() >= view.viewport().width()
    users.view.selectRow(1)
    users.role_button.click()
    dialog = users.dialog
    assert isinstance(dialog, RoleDialog)
    dialog.role.setCurrentIndex(dialog.role.findData("supervisor"))
    dialog.ok_button.click()
    rig.settle()
    assert users.model.record(1).role == "supervisor"
    assert right_edge() >= view.viewport().width()  # no gap at the right after the save


def test_audit_tab_reloads_when_shown_and_after_actions_in_readable_words(
    rig: Rig, client: httpx.Client
) -> None:
    panel, keys = rig.panel, rig.keys
    panel.tabs.setCurrentWidget(keys)
    keys.new_button.click()
    dialog = keys.dialog
    assert isinstance(dialog, NewKeyDialog)
    dialog.name.setText("shop backend")
    dialog.ok_button.click()
    rig.settle()
    assert keys.secret_dialog is not None
    keys.secret_dialog.reject()
    assert [e for e, _ in audit_rows(rig)].count("api_key.created") == 2  # the sign-up's

    panel.tabs.setCurrentWidget(rig.audit)  # shown: reloads, no "Apply filters" needed
    rig.settle()
    created = [d for e, d in audit_rows(rig) if e == "api_key.created"]
    assert len(created) == 3
    assert created[0] == "The server made the secret."  # not "own: false"

    # While the audit tab shows, an action elsewhere in the panel reloads it.
    key = next(k for k in keys.model.records if k.name == "shop backend")
    keys.select(key.id)
    keys.rotate_button.click()
    rotate = keys.dialog
    assert isinstance(rotate, RotateKeyDialog)
    rotate.grace_hours.setValue(2)
    rotate.ok_button.click()
    rig.settle()
    assert keys.secret_dialog is not None
    keys.secret_dialog.reject()
    rig.settle()
    rotated = [d for e, d in audit_rows(rig) if e == "api_key.rotated"]
    assert len(rotated) == 1
    new_key = next(
        k
        for k in keys.model.records
        if k.replaced_by is None and k.name == key.name and k.id != key.id
    )
    assert new_key.id not in rotated[0]
    assert "Replaced by API key “shop backend”." in rotated[0]
    assert "The old key keeps working for 2 hour(s)." in rotated[0]


def test_widget_key_rotated_then_widget_and_queue_deleted_after_confirming(
    rig: Rig, client: httpx.Client
) -> None:
    service = WidgetsService(rig.api)
    queue = run(rig.loop, service.create_queue(name=LocalText("Sales", "Verkoop")))
    draft = WidgetDraft(
        name="Web shop",
        queue_ids=(queue.id,),
        allowed_origins=("https://shop.example",),
        business_hours=BusinessHours.of("Europe/Amsterdam", {"mon": [["09:00", "17:00"]]}),
        privacy_notice_url="https://shop.example/privacy",
    )
    widget = run(rig.loop, service.create_widget(draft))
    tab = rig.widgets
    tab.refresh()
    rig.settle()

    tab.select(widget.id)
    tab.rotate_button.click()
    assert tab.confirm_box is not None and "stops working" in tab.confirm_box.text()
    click_confirm(tab.confirm_box, "Replace key")
    rig.settle()
    stored = client.get(f"/api/v1/widgets/{widget.id}", headers=rig.org.admin).json()
    assert stored["widget_key"] != widget.widget_key
    shown = tab.dialog
    assert isinstance(shown, NewWidgetKeyDialog) and shown.isVisible()
    assert shown.snippet.snippet.toPlainText() == stored["embed_snippet"]
    assert tab.selected() is not None and tab.selected().widget_key == stored["widget_key"]

    # The queue is still offered: the server refuses, and says so plainly.
    tab.queue_view.selectRow(tab.queues_model.row_of(queue.id))
    tab.delete_queue_button.click()
    click_confirm(tab.confirm_box, "Delete")
    rig.settle()
    assert rig.panel.banner_text == (
        "Widgets still offer this queue. Take it out of those widgets first."
    )

    tab.select(widget.id)
    tab.delete_button.click()
    assert tab.confirm_box is not None and "cannot be undone" in tab.confirm_box.text()
    click_confirm(tab.confirm_box, "Delete")
    rig.settle()
    assert client.get(f"/api/v1/widgets/{widget.id}", headers=rig.org.admin).status_code == 404
    assert tab.model.row_of(widget.id) == -1

    tab.queue_view.selectRow(tab.queues_model.row_of(queue.id))
    tab.delete_queue_button.click()
    click_confirm(tab.confirm_box, "Delete")
    rig.settle()
    assert client.get(f"/api/v1/queues/{queue.id}", headers=rig.org.admin).status_code == 404
    assert tab.queues_model.rowCount() == 0 and not tab.new_button.isEnabled()


# ---- the catalogue -------------------------------------------------------------------------


def test_product_made_in_the_dialog_found_as_one_types_changed_and_deleted(
    rig: Rig, client: httpx.Client
) -> None:
    tab = rig.catalogue
    tab.new_button.click()
    dialog = tab.dialog
    assert isinstance(dialog, ProductDialog)
    dialog.sku.setText("LAMP-1")
    dialog.name.set_texts("Desk lamp", "Bureaulamp")
    dialog.price.setText("1,234.50")
    dialog.vat_rate.setText("21")
    dialog.options.setPlainText(
        json.dumps(
            [
                {
                    "code": "colour",
                    "name": {"en": "Colour", "nl": "Kleur"},
                    "choices": [
                        {"code": "red", "name": {"en": "Red", "nl": "Rood"}},
                        {
                            "code": "gold",
                            "name": {"en": "Gold", "nl": "Goud"},
                            "price_delta_minor": 500,
                        },
                    ],
                }
            ]
        )
    )
    dialog.ok_button.click()
    rig.settle()
    assert not dialog.isVisible(), dialog.error.text()
    stored = client.get("/api/v1/products", headers=rig.org.admin).json()["items"]
    assert [(p["sku"], p["price_minor"]) for p in stored] == [("LAMP-1", 123450)]
    assert stored[0]["options"][0]["choices"][1]["price_delta_minor"] == 500
    row = tab.model.row_of(stored[0]["id"])
    assert tab.model.data(tab.model.index(row, 2)) == "€1,234.50"  # babel, in English

    tab.search.setText("bureaul")  # search as one types: a prefix of the Dutch name
    rig.settle()
    assert [p.sku for p in tab.model.records] == ["LAMP-1"]
    tab.search.setText("nothing-like-it")
    rig.settle()
    assert tab.model.rowCount() == 0
    tab.search.clear()
    rig.settle()

    tab.select(stored[0]["id"])
    tab.edit_button.click()
    edit = tab.dialog
    assert isinstance(edit, ProductDialog) and edit.price.text() == "1234.50"
    edit.active.setChecked(False)
    edit.ok_button.click()
    rig.settle()
    got = client.get(f"/api/v1/products/{stored[0]['id']}", headers=rig.org.admin).json()
    assert got["active"] is False

    tab.select(stored[0]["id"])
    tab.delete_button.click()
    click_confirm(tab.confirm_box, "Delete")
    rig.settle()
    assert (
        client.get(f"/api/v1/products/{stored[0]['id']}", headers=rig.org.admin).status_code == 404
    )
    assert tab.model.rowCount() == 0


def write_csv(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def test_csv_import_in_chunks_reports_every_line_and_export_gives_the_same_shape(
    rig: Rig, client: httpx.Client, tmp_path: Path
) -> None:
    header = [
        "sku",
        "name_en",
        "name_nl",
        "description_en",
        "description_nl",
        "price_minor",
        "currency",
        "vat_rate",
        "active",
        "options",
    ]
    size = json.dumps(
        [
            {
                "code": "size",
                "name": {"en": "Size", "nl": "Maat"},
                "choices": [
                    {"code": "l", "name": {"en": "Large", "nl": "Groot"}, "price_delta_minor": 200}
                ],
            }
        ]
    )
    rows = [
        header,
        ["A-1", "Apple", "Appel", "", "", "100", "EUR", "9", "true", ""],
        ["B-2", "Bag", "Tas", "Big", "Groot", "2500", "EUR", "21", "true", size],
        ["C-3", "Cup", "Kop", "", "", "twelve", "EUR", "21", "true", ""],
        ["D-4", "Dish", "Schaal", "", "", "300", "QQQ", "21", "false", ""],
        ["E-5", "Egg", "Ei", "", "", "50", "EUR", "9", "", "{not json"],
    ]
    source = tmp_path / "products.csv"
    write_csv(source, rows)
    tab = rig.catalogue
    shown = tab.import_file(source, chunk=1)  # one row a request: progress after each
    rig.settle()
    assert shown.progress.value() == shown.progress.maximum()
    report = {
        shown.model.data(shown.model.index(r, 0), ImportReportModel.RowRole): (
            shown.model.data(shown.model.index(r, 0), ImportReportModel.StatusRole),
            shown.model.data(shown.model.index(r, 3)),
        )
        for r in range(shown.model.rowCount())
    }
    assert report[2][0] == "created" and report[3][0] == "created"
    assert report[4] == ("error", "price_minor must be a whole number of cents, not “twelve”")
    assert report[5][0] == "error" and "currency" in report[5][1]
    assert report[6][0] == "error" and report[6][1].startswith("options is not valid JSON")
    assert shown.summary.text() == "2 created, 0 updated, 0 unchanged, 3 with errors."
    rig.settle()
    assert sorted(p.sku for p in tab.model.records) == ["A-1", "B-2"]

    # Again: nothing changes; a changed price updates.
    rows[1][5] = "120"
    write_csv(source, rows[:3])
    again = tab.import_file(source)
    rig.settle()
    statuses = [
        again.model.data(again.model.index(r, 0), ImportReportModel.StatusRole)
        for r in range(again.model.rowCount())
    ]
    assert statuses == ["updated", "unchanged"]

    exported = tmp_path / "export.csv"
    tab.export_file(exported)
    rig.settle()
    lines = list(csv.reader(io.StringIO(exported.read_text(encoding="utf-8"))))
    assert lines[0] == header
    assert lines[1][:9] == ["A-1", "Apple", "Appel", "", "", "120", "EUR", "9", "true"]
    assert json.loads(lines[2][9]) == json.loads(size)
    # The export imports back unchanged.
    back = tab.import_file(exported)
    rig.settle()
    assert back.summary.text() == "0 created, 0 updated, 2 unchanged, 0 with errors."

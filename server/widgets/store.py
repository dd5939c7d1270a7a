"""All SQL of queues and widgets. Every read of tenant data takes the organisation id,
except the lookup by public widget key, which is how a visitor's browser names a widget."""

from __future__ import annotations

from collections.abc import Sequence

from server.sql import Database, Row, one_record, records, rows, update_in_organisation
from server.widgets.models import Queue, Widget

# ---- queues ------------------------------------------------------------------------------------


def insert_queue(db: Database, row: Row) -> None:
    db.table("queues").insert(row)


def get_queue(db: Database, organisation_id: str, queue_id: str) -> Queue | None:
    return one_record(
        db, Queue, "FROM queues WHERE id = ? AND organisation_id = ?", [queue_id, organisation_id]
    )


def list_queues(db: Database, organisation_id: str) -> list[Queue]:
    return records(
        db,
        Queue,
        "FROM queues WHERE organisation_id = ? ORDER BY created_at, id",
        [organisation_id],
    )


def known_queue_ids(db: Database, organisation_id: str, queue_ids: Sequence[str]) -> set[str]:
    marks = ", ".join("?" for _ in queue_ids)
    found = rows(
        db,
        f"SELECT id FROM queues WHERE organisation_id = ? AND id IN ({marks})",  # noqa: S608
        [organisation_id, *queue_ids],
    )
    return {str(r["id"]) for r in found}


def update_queue(db: Database, organisation_id: str, queue_id: str, changes: Row) -> None:
    update_in_organisation(db, "queues", organisation_id, queue_id, changes)


def delete_queue(db: Database, organisation_id: str, queue_id: str) -> None:
    db.execute(
        "DELETE FROM queues WHERE id = ? AND organisation_id = ?", [queue_id, organisation_id]
    )


def widgets_offering(db: Database, organisation_id: str, queue_id: str) -> list[str]:
    """Names of the organisation's widgets that offer a queue."""
    found = rows(
        db,
        "SELECT w.name FROM widget_queues wq JOIN widgets w ON w.id = wq.widget_id "
        "WHERE wq.queue_id = ? AND w.organisation_id = ? ORDER BY w.name",
        [queue_id, organisation_id],
    )
    return [str(r["name"]) for r in found]


# ---- widgets -----------------------------------------------------------------------------------


def insert_widget(db: Database, row: Row) -> None:
    db.table("widgets").insert(row)


def get_widget(db: Database, organisation_id: str, widget_id: str) -> Widget | None:
    return one_record(
        db,
        Widget,
        "FROM widgets WHERE id = ? AND organisation_id = ?",
        [widget_id, organisation_id],
    )


def widget_by_key(db: Database, widget_key: str) -> Widget | None:
    return one_record(db, Widget, "FROM widgets WHERE widget_key = ?", [widget_key])


def list_widgets(db: Database, organisation_id: str) -> list[Widget]:
    return records(
        db,
        Widget,
        "FROM widgets WHERE organisation_id = ? ORDER BY created_at, id",
        [organisation_id],
    )


def update_widget(db: Database, organisation_id: str, widget_id: str, changes: Row) -> None:
    update_in_organisation(db, "widgets", organisation_id, widget_id, changes)


def delete_widget(db: Database, organisation_id: str, widget_id: str) -> None:
    db.execute(
        "DELETE FROM widgets WHERE id = ? AND organisation_id = ?", [widget_id, organisation_id]
    )


def set_widget_queues(db: Database, widget_id: str, queue_ids: Sequence[str]) -> None:
    db.execute("DELETE FROM widget_queues WHERE widget_id = ?", [widget_id])
    db.table("widget_queues").insert_all(
        {"widget_id": widget_id, "queue_id": queue_id, "position": position}
        for position, queue_id in enumerate(queue_ids)
    )


def widget_queues(db: Database, organisation_id: str, widget_id: str) -> list[Queue]:
    """The queues a widget offers, in its order."""
    return records(
        db,
        Queue,
        "FROM widget_queues wq JOIN queues q ON q.id = wq.queue_id "
        "WHERE wq.widget_id = ? AND q.organisation_id = ? ORDER BY wq.position",
        [widget_id, organisation_id],
        table="q",
    )

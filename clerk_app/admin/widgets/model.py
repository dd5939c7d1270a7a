"""Queues and widgets as Qt table models with named roles."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QObject

from clerk_app.admin.base import FIRST_ROLE, AdminTableModel
from clerk_app.admin.names import app_language, local_time
from clerk_app.admin.widgets.service import Queue, Widget
from clerk_app.percent import rounded_percent


class QueuesModel(AdminTableModel[Queue]):
    NameRole = FIRST_ROLE  # the name in the app's language
    TargetSecondsRole = FIRST_ROLE + 1
    TargetShareRole = FIRST_ROLE + 2
    MaxLengthRole = FIRST_ROLE + 3
    role_names: ClassVar[dict[int, bytes]] = {
        NameRole: b"name",
        TargetSecondsRole: b"targetSeconds",
        TargetShareRole: b"targetShare",
        MaxLengthRole: b"maxLength",
    }

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Name (English)"),
            self.tr("Name (Dutch)"),
            self.tr("Target"),
            self.tr("Most waiting"),
        )

    def cell(self, record: Queue, column: int) -> str:
        if column == 0:
            return record.name.en
        if column == 1:
            return record.name.nl
        if column == 2:
            return self.tr("{percent}% within {seconds} s").format(
                percent=rounded_percent(record.target_share), seconds=record.target_seconds
            )
        return str(record.max_length)

    def value(self, record: Queue, role: int) -> Any:
        return {
            self.NameRole: record.name.get(app_language()),
            self.TargetSecondsRole: record.target_seconds,
            self.TargetShareRole: record.target_share,
            self.MaxLengthRole: record.max_length,
        }.get(role)

    def name_of(self, queue_id: str) -> str:
        row = self.row_of(queue_id)
        return self.record(row).name.get(app_language()) if row >= 0 else queue_id


class WidgetsModel(AdminTableModel[Widget]):
    NameRole = FIRST_ROLE
    WidgetKeyRole = FIRST_ROLE + 1
    EmbedSnippetRole = FIRST_ROLE + 2
    OriginsRole = FIRST_ROLE + 3
    QueueIdsRole = FIRST_ROLE + 4
    role_names: ClassVar[dict[int, bytes]] = {
        NameRole: b"name",
        WidgetKeyRole: b"widgetKey",
        EmbedSnippetRole: b"embedSnippet",
        OriginsRole: b"allowedOrigins",
        QueueIdsRole: b"queueIds",
    }

    def __init__(
        self, queue_name: Callable[[str], str] = str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._queue_name = queue_name

    def headers(self) -> Sequence[str]:
        return (self.tr("Name"), self.tr("Queues"), self.tr("Allowed sites"), self.tr("Changed"))

    def cell(self, record: Widget, column: int) -> str:
        if column == 0:
            return record.name
        if column == 1:
            return ", ".join(self._queue_name(q) for q in record.queue_ids)
        if column == 2:
            return ", ".join(record.allowed_origins)
        return local_time(record.updated_at)

    def value(self, record: Widget, role: int) -> Any:
        return {
            self.NameRole: record.name,
            self.WidgetKeyRole: record.widget_key,
            self.EmbedSnippetRole: record.embed_snippet,
            self.OriginsRole: record.allowed_origins,
            self.QueueIdsRole: record.queue_ids,
        }.get(role)

"""The Widgets tab: the widgets on the organisation's sites, and the queues they offer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from clerk_app.admin.base import RecordTab, chain_focus, copy_text, record_table, selected_row
from clerk_app.admin.names import app_language
from clerk_app.admin.widgets.dialogs import NewWidgetKeyDialog, QueueDialog
from clerk_app.admin.widgets.editor import WidgetEditor
from clerk_app.admin.widgets.model import QueuesModel, WidgetsModel
from clerk_app.admin.widgets.service import Queue, Widget, WidgetsService

if TYPE_CHECKING:
    from clerk_app.admin.panel import AdminPanel


class WidgetsTab(RecordTab[Widget]):
    def __init__(self, panel: AdminPanel) -> None:
        self.service = WidgetsService(panel.api)
        queues = QueuesModel(panel)
        widgets = WidgetsModel(queues.name_of, panel)
        super().__init__(panel, widgets, "widgetsTable", self.service.list_widgets)
        self.queues_model = queues
        self.queue_view = record_table(self, queues, "queuesTable")
        self.new_button = self.add_button(self.open_new_widget)
        self.edit_button = self.add_button(self.open_edit_widget)
        self.copy_button = self.add_button(self.copy_snippet)
        self.rotate_button = self.add_button(self.ask_rotate_key, "rotateWidgetKey")
        self.delete_button = self.add_button(self.ask_delete_widget, "deleteWidget")
        self.new_queue_button = self.add_button(self.open_new_queue)
        self.edit_queue_button = self.add_button(self.open_edit_queue)
        self.delete_queue_button = self.add_button(self.ask_delete_queue, "deleteQueue")
        self.widgets_title = QLabel(self)
        self.queues_title = QLabel(self)
        self._lay_out()
        self.view.doubleClicked.connect(lambda _index: self.open_edit_widget())
        self.queue_view.doubleClicked.connect(lambda _index: self.open_edit_queue())
        self.follow_selection(self.view)
        self.follow_selection(self.queue_view)
        queues.modelReset.connect(widgets.retranslate)
        self.retranslate()
        self.update_buttons()

    def _lay_out(self) -> None:
        for title in (self.widgets_title, self.queues_title):
            font = title.font()
            font.setBold(True)
            title.setFont(font)
        widget_buttons = (
            self.new_button,
            self.edit_button,
            self.copy_button,
            self.rotate_button,
            self.delete_button,
        )
        queue_buttons = (self.new_queue_button, self.edit_queue_button, self.delete_queue_button)
        queue_bar = QHBoxLayout()
        for button in queue_buttons:
            queue_bar.addWidget(button)
        queue_bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.widgets_title)
        layout.addLayout(self.button_bar(*widget_buttons))
        layout.addWidget(self.view, 2)
        layout.addWidget(self.queues_title)
        layout.addLayout(queue_bar)
        layout.addWidget(self.queue_view, 1)
        chain_focus(
            *widget_buttons, self.refresh_button, self.view, *queue_buttons, self.queue_view
        )

    def title(self) -> str:
        return self.tr("&Widgets")

    def retranslate(self) -> None:
        super().retranslate()
        self.widgets_title.setText(self.tr("Widgets"))
        self.queues_title.setText(self.tr("Queues"))
        self.new_button.setText(self.tr("&New widget…"))
        self.edit_button.setText(self.tr("&Edit widget…"))
        self.copy_button.setText(self.tr("&Copy embed snippet"))
        self.rotate_button.setText(self.tr("Replace &key…"))
        self.delete_button.setText(self.tr("&Delete widget…"))
        self.new_queue_button.setText(self.tr("New &queue…"))
        self.edit_queue_button.setText(self.tr("Edit q&ueue…"))
        self.delete_queue_button.setText(self.tr("Delete queue…"))
        self.view.setAccessibleName(self.tr("Widgets"))
        self.queue_view.setAccessibleName(self.tr("Queues"))

    def named_models(self) -> Sequence[QAbstractItemModel]:
        return (self.model, self.queues_model)

    def describe(self, some_id: str) -> str | None:
        if (row := self.model.row_of(some_id)) >= 0:
            return self.tr("Widget “{name}”").format(name=self.model.record(row).name)
        if (row := self.queues_model.row_of(some_id)) >= 0:
            name = self.queues_model.record(row).name.get(app_language())
            return self.tr("Queue “{name}”").format(name=name)
        return None

    def selected_queue(self) -> Queue | None:
        row = selected_row(self.queue_view)
        return self.queues_model.record(row) if row >= 0 else None

    def update_buttons(self, *_: object) -> None:
        widget = self.selected()
        for button in (self.edit_button, self.copy_button, self.rotate_button, self.delete_button):
            button.setEnabled(widget is not None)
        queue = self.selected_queue()
        self.edit_queue_button.setEnabled(queue is not None)
        self.delete_queue_button.setEnabled(queue is not None)
        self.new_button.setEnabled(self.queues_model.rowCount() > 0)
        self.new_button.setToolTip(
            "" if self.queues_model.rowCount() else self.tr("Create a queue first.")
        )

    def load(self) -> None:
        self.panel.run(self.service.list_queues(), self.queues_model.set_records)
        super().load()

    # ---- widgets -----------------------------------------------------------------------------

    def open_new_widget(self) -> None:
        self._open_editor(None)

    def open_edit_widget(self) -> None:
        widget = self.selected()
        if widget is not None:
            self._open_editor(widget)

    def _open_editor(self, widget: Widget | None) -> None:
        queues = self.queues_model.records
        editor = WidgetEditor(self.service, self.panel, queues, widget, self)
        self.open_dialog(editor, self._saved)

    def _saved(self, widget: Widget) -> None:
        self.model.replace_record(widget)
        self.select(widget.id)
        self.panel.notify(
            self.tr("Widget “{name}” is saved. Its embed snippet is ready to copy.").format(
                name=widget.name
            )
        )

    def copy_snippet(self) -> None:
        widget = self.selected()
        if widget is not None:
            copy_text(widget.embed_snippet)
            self.panel.notify(self.tr("The embed snippet is on the clipboard."))

    def ask_rotate_key(self) -> None:
        widget = self.selected()
        if widget is None:
            return
        self.ask(
            self.tr("Replace widget key"),
            self.tr(
                "Give “{name}” a new key? The old key stops working at once: pages with the "
                "old snippet show no widget until you paste in the new one."
            ).format(name=widget.name),
            self.tr("Replace key"),
            lambda: self.panel.run(self.service.rotate_widget_key(widget.id), self._rotated),
        )

    def _rotated(self, widget: Widget) -> None:
        self.model.replace_record(widget)
        self.select(widget.id)
        self.open_dialog(NewWidgetKeyDialog(widget, self), None)
        self.panel.notify(
            self.tr("“{name}” has a new key; put its new snippet on your pages.").format(
                name=widget.name
            )
        )

    def ask_delete_widget(self) -> None:
        widget = self.selected()
        if widget is None:
            return
        self.ask(
            self.tr("Delete widget"),
            self.tr(
                "Delete “{name}”? Pages with its snippet show no widget any more. "
                "This cannot be undone."
            ).format(name=widget.name),
            self.tr("Delete"),
            lambda: self.panel.run(self.service.delete_widget(widget.id), self._widget_deleted),
        )

    def _widget_deleted(self, widget_id: str) -> None:
        row = self.model.row_of(widget_id)
        name = self.model.record(row).name if row >= 0 else widget_id
        self.model.remove_record(widget_id)
        self.panel.notify(self.tr("Widget “{name}” is deleted.").format(name=name))

    # ---- queues ------------------------------------------------------------------------------

    def open_new_queue(self) -> None:
        self._open_queue(None)

    def open_edit_queue(self) -> None:
        queue = self.selected_queue()
        if queue is not None:
            self._open_queue(queue)

    def _open_queue(self, queue: Queue | None) -> None:
        dialog = QueueDialog(self.service, self.panel, queue, self)
        self.open_dialog(dialog, self._queue_saved)

    def _queue_saved(self, queue: Queue) -> None:
        self.queues_model.replace_record(queue)
        self.model.retranslate()
        self.update_buttons()
        name = queue.name.get(app_language())
        self.panel.notify(self.tr("Queue “{name}” is saved.").format(name=name))

    def ask_delete_queue(self) -> None:
        queue = self.selected_queue()
        if queue is None:
            return
        name = queue.name.get(app_language())
        self.ask(
            self.tr("Delete queue"),
            self.tr(
                "Delete the queue “{name}”? Only a queue no widget offers can be deleted. "
                "This cannot be undone."
            ).format(name=name),
            self.tr("Delete"),
            lambda: self.panel.run(self.service.delete_queue(queue.id), self._queue_deleted),
        )

    def _queue_deleted(self, queue_id: str) -> None:
        row = self.queues_model.row_of(queue_id)
        name = self.queues_model.record(row).name.get(app_language()) if row >= 0 else queue_id
        self.queues_model.remove_record(queue_id)
        self.update_buttons()
        self.panel.notify(self.tr("Queue “{name}” is deleted.").format(name=name))

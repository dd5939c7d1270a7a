"""Forms of the Widgets tab: a queue, and the snippet of a widget whose key was replaced.
The widget editor itself is in editor.py."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clerk_app.admin.api import LocalText
from clerk_app.admin.base import FormDialog, copy_text, monospace_font
from clerk_app.admin.widgets.service import Queue, Widget, WidgetsService
from clerk_app.errors import ServiceError
from clerk_app.percent import rounded_percent

if TYPE_CHECKING:
    from clerk_app.admin.panel import AdminPanel


class QueueDialog(FormDialog):
    def __init__(
        self,
        widgets: WidgetsService,
        panel: AdminPanel,
        queue: Queue | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(panel, parent)
        self.widgets = widgets
        self.queue = queue
        self.setWindowTitle(self.tr("Edit queue") if queue else self.tr("New queue"))
        self.name_en = QLineEdit(queue.name.en if queue else "", self)
        self.name_nl = QLineEdit(queue.name.nl if queue else "", self)
        self.target_seconds = _spin(self, 1, 3600, queue.target_seconds if queue else 20)
        self.target_seconds.setSuffix(self.tr(" s"))
        share = int(rounded_percent(queue.target_share if queue else 0.8))
        self.target_share = _spin(self, 1, 100, share)
        self.target_share.setSuffix(" %")
        self.max_length = _spin(self, 1, 1000, queue.max_length if queue else 50)
        self.add_row(self.tr("Name (&English)"), self.name_en)
        self.add_row(self.tr("Name (&Dutch)"), self.name_nl)
        names_note = QLabel(
            self.tr("One name is enough: where the other language's is missing, it is shown."),
            self,
        )
        names_note.setWordWrap(True)
        self.form.addRow(names_note)
        self.add_row(self.tr("&Answer within"), self.target_seconds)
        self.add_row(self.tr("…for at &least"), self.target_share)
        self.add_row(self.tr("&Most visitors waiting"), self.max_length)

    def request(self) -> Coroutine[Any, Any, Queue]:
        name = LocalText(en=self.name_en.text().strip(), nl=self.name_nl.text().strip())
        if not (name.en or name.nl):
            raise ServiceError(
                "required", self.tr("Give the queue a name in English, in Dutch or in both.")
            )
        length, seconds = self.max_length.value(), self.target_seconds.value()
        share = self.target_share.value() / 100
        if self.queue is None:
            return self.widgets.create_queue(
                name=name, max_length=length, target_seconds=seconds, target_share=share
            )
        return self.widgets.update_queue(
            self.queue.id, name=name, max_length=length, target_seconds=seconds, target_share=share
        )


def _spin(parent: QWidget, low: int, high: int, value: int) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(low, high)
    spin.setValue(value)
    return spin


class SnippetBox(QWidget):
    """A widget's embed snippet, read-only, with a button to copy it."""

    def __init__(self, snippet: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel(self.tr("Paste this into every page that shows the widget:"), self)
        self.snippet = QPlainTextEdit(snippet, self)
        self.snippet.setObjectName("embedSnippet")
        self.snippet.setReadOnly(True)
        self.snippet.setFont(monospace_font())
        self.snippet.setFixedHeight(self.snippet.fontMetrics().lineSpacing() * 3 + 12)
        self.snippet.setTabChangesFocus(True)
        self.copy_button = QPushButton(self.tr("Cop&y snippet"), self)
        self.copy_button.setObjectName("copySnippet")
        self.copy_button.clicked.connect(self.copy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.snippet)
        layout.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignLeft)

    def set_snippet(self, snippet: str) -> None:
        self.snippet.setPlainText(snippet)

    def copy(self) -> None:
        copy_text(self.snippet.toPlainText())
        self.copy_button.setText(self.tr("Copied"))


class NewWidgetKeyDialog(QDialog):
    """After a key rotation: the new snippet, to put on the pages at once."""

    def __init__(self, widget: Widget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWindowTitle(self.tr("New widget key"))
        self.warning = QLabel(
            self.tr(
                "“{name}” has a new key: {key}. The old key stopped working, so pages with "
                "the old snippet show no widget until you replace it with this one."
            ).format(name=widget.name, key=widget.widget_key),
            self,
        )
        self.warning.setWordWrap(True)
        self.snippet = SnippetBox(widget.embed_snippet, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addWidget(self.snippet)
        layout.addWidget(buttons)

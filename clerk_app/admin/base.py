"""Building blocks of the admin tabs: the area base class, forms that stay open until the
server accepts them, tables, confirmation questions.

Widgets never talk to the network: they hand coroutines of their area's service to the
panel's `run`, which runs them on the shell's `Tasks` and brings back the result or a plain
sentence (`clerk_app.shell.errors.describe`). Dialogs open window-modal with `open()`, never
`exec()`, so no nested event loop runs under asyncio.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Coroutine, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.admin.api import LocalText
from clerk_app.errors import ServiceError
from clerk_app.qt_models import USER_ROLE, RecordTableModel, read_only_table
from clerk_app.shell.errors import describe
from clerk_app.shell.theme import set_banner, set_tone

if TYPE_CHECKING:
    from clerk_app.admin.panel import AdminPanel

T = TypeVar("T")
RecordRole = USER_ROLE + 1  # the dataclass of the row, in every admin model
IdRole = USER_ROLE + 2  # its id, in every admin model
FIRST_ROLE = USER_ROLE + 10  # where each model's own named roles begin


class AdminTableModel(RecordTableModel[T]):
    """The admin models' rows are the service's dataclasses, each with its `id`."""

    RecordRole: ClassVar[int | None] = RecordRole
    IdRole: ClassVar[int | None] = IdRole

    def record_id(self, record: T) -> str:
        return str(getattr(record, "id"))  # noqa: B009 - every admin record has one

    def remove_record(self, record_id: str) -> None:
        row = self.row_of(record_id)
        if row >= 0:
            self.beginRemoveRows(self.index(row, 0).parent(), row, row)
            del self._rows[row]
            self.endRemoveRows()


class PageLoader(Generic[T]):
    """The "Load more" paging of a list tab, newest first (Qt-free apart from its button).

    `reload` replaces the model's records with the first page, `load_more` (the button)
    appends the next. An answer that arrives after a newer reload (the filters changed) is
    dropped. `fetch(cursor)` asks the service for a page (`None`: the first); every page has
    a `next_cursor`, and `records(page)` picks its records. `counted()` runs after each page,
    for the tab's count line (`more` says whether older records exist).
    """

    def __init__(
        self,
        panel: AdminPanel,
        model: AdminTableModel[T],
        button: QPushButton,
        *,
        fetch: Callable[[Any], Coroutine[Any, Any, Any]],
        records: Callable[[Any], Sequence[T]],
        counted: Callable[[], None],
    ) -> None:
        self._panel, self._model, self._button = panel, model, button
        self._fetch, self._records, self._counted = fetch, records, counted
        self._cursor: Any = None
        self._generation = 0
        button.setEnabled(False)
        button.clicked.connect(self.load_more)

    @property
    def more(self) -> bool:
        return self._cursor is not None

    def reload(self) -> None:
        self._cursor = None
        self._generation += 1
        self._load(None, self._model.set_records)

    def load_more(self) -> None:
        if self._cursor is None:
            return
        self._panel.begin_action()
        self._load(self._cursor, self._model.append_records)

    def _load(self, cursor: Any, put: Callable[[Sequence[T]], None]) -> None:
        generation = self._generation
        self._button.setEnabled(False)

        def done(page: Any) -> None:
            if generation == self._generation:
                put(self._records(page))
                self._cursor = page.next_cursor
                self._button.setEnabled(self.more)
                self._counted()

        self._panel.run(self._fetch(cursor), done)


# ---- the tabs ------------------------------------------------------------------------------------


class AdminArea(QWidget):
    """One tab of the admin panel. Subclasses give `title`, `load` and `retranslate`; they may
    name the ids they know (`describe`) and list the models whose names those are
    (`named_models`), so the audit trail shows names rather than ids."""

    def __init__(self, panel: AdminPanel) -> None:
        super().__init__(panel)
        self.panel = panel

    def title(self) -> str:
        raise NotImplementedError

    def load(self) -> None:
        """Fetch what the tab shows from the server."""

    def refresh(self) -> None:
        self.panel.begin_action()
        self.load()

    def retranslate(self) -> None:
        """Set every text again (after a language change)."""

    def describe(self, some_id: str) -> str | None:
        return None

    def named_models(self) -> Sequence[QAbstractItemModel]:
        return ()


class RecordTab(AdminArea, Generic[T]):
    """A tab over one table of records: buttons above it with Refresh at the right end, and
    the form or question it has open.

    A subclass makes its buttons with `add_button` and then calls `set_up` with them (or lays
    itself out with `button_bar` and `follow_selection`); `update_buttons` says which buttons
    fit what is selected.
    """

    def __init__(
        self,
        panel: AdminPanel,
        model: AdminTableModel[T],
        table_name: str,
        list_records: Callable[[], Coroutine[Any, Any, Sequence[T]]],
    ) -> None:
        super().__init__(panel)
        self.model = model
        self.view = record_table(self, model, table_name)
        self._list_records = list_records
        self.refresh_button = self.add_button(self.refresh)
        self.dialog: QDialog | None = None
        self.confirm_box: QMessageBox | None = None

    def add_button(self, action: Callable[[], None], name: str = "") -> QPushButton:
        button = QPushButton(self)
        if name:
            button.setObjectName(name)
        button.clicked.connect(action)
        return button

    def button_bar(self, *buttons: QPushButton) -> QHBoxLayout:
        bar = QHBoxLayout()
        for button in buttons:
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.refresh_button)
        return bar

    def follow_selection(self, view: QTableView) -> None:
        """Update the buttons whenever what is selected in `view`, or its rows, change."""
        view.selectionModel().selectionChanged.connect(self.update_buttons)
        view.model().modelReset.connect(self.update_buttons)
        view.model().dataChanged.connect(self.update_buttons)
        view.model().rowsRemoved.connect(self.update_buttons)

    def set_up(self, *buttons: QPushButton) -> None:
        """`buttons` and Refresh above the table (in this tab order); texts and states shown."""
        layout = QVBoxLayout(self)
        layout.addLayout(self.button_bar(*buttons))
        layout.addWidget(self.view)
        chain_focus(*buttons, self.refresh_button, self.view)
        self.follow_selection(self.view)
        self.retranslate()
        self.update_buttons()

    def retranslate(self) -> None:
        self.refresh_button.setText(self.tr("&Refresh"))

    def update_buttons(self, *_: object) -> None:
        """Enable the buttons that fit what is selected."""

    def selected(self) -> T | None:
        row = selected_row(self.view)
        return self.model.record(row) if row >= 0 else None

    def select(self, record_id: str) -> None:
        row = self.model.row_of(record_id)
        if row >= 0:
            self.view.selectRow(row)

    def load(self) -> None:
        self.panel.run(self._list_records(), self.model.set_records)

    def named_models(self) -> Sequence[QAbstractItemModel]:
        return (self.model,)

    def open_dialog(self, dialog: QDialog, on_success: Callable[[Any], None] | None) -> None:
        """Open a form (or a notice) as a new action; `on_success` gets what the server
        answered."""
        self.panel.begin_action()
        if on_success is not None and isinstance(dialog, FormDialog):
            dialog.succeeded.connect(on_success)
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.open()

    def ask(self, title: str, text: str, action: str, on_yes: Callable[[], None]) -> None:
        """Ask, as a new action, before doing something that cannot be undone."""
        self.panel.begin_action()
        self.confirm_box = confirm(self, title, text, action, on_yes)


# ---- dialogs -------------------------------------------------------------------------------------


class FormDialog(QDialog):
    """A form that stays open until the server accepts it; its error shows inside it."""

    succeeded = Signal(object)

    def __init__(self, panel: AdminPanel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.panel = panel
        self.form = QFormLayout()
        self.error = QLabel(self)
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        set_tone(self.error, "danger")
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addLayout(self.form)
        self.body.addWidget(self.error)
        self.body.addWidget(self.buttons)
        self.result_value: Any = None
        self.field_errors: dict[str, QLabel] = {}

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def add_row(self, label: str, field: QWidget | Any, name: str = "") -> None:
        """A labelled row; the label's &-mnemonic moves the focus to the field. With the
        `name` the server gives the field, its complaints show under it."""
        caption = QLabel(label, self)
        if isinstance(field, QWidget):
            caption.setBuddy(field)
        if not name:
            self.form.addRow(caption, field)
            return
        cell = QWidget(self)
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        if isinstance(field, QWidget):
            column.addWidget(field)
            cell.setFocusProxy(field)
        else:
            column.addLayout(field)
        error = QLabel(cell)
        error.setObjectName(f"fieldError_{name}")
        error.setWordWrap(True)
        set_tone(error, "danger")
        error.hide()
        column.addWidget(error)
        self.field_errors[name] = error
        self.form.addRow(caption, cell)

    def show_field_errors(self, error: BaseException) -> bool:
        """Each field's complaint under it ("url", or "a.b" under the field named "a");
        whether every complaint found its field."""
        complaints = error.field_errors if isinstance(error, ServiceError) else {}
        for name, label in self.field_errors.items():
            said = [text for field, text in complaints.items() if field.split(".")[0] == name]
            if said and isinstance(error, ServiceError) and error.code != "invalid_input":
                said = [describe(error)]  # a refusal of its own has a translated sentence
            label.setText(" ".join(said))
            label.setVisible(bool(said))
        placed = {field for field in complaints if field.split(".")[0] in self.field_errors}
        return bool(complaints) and placed == set(complaints)

    def request(self) -> Coroutine[Any, Any, Any]:
        """The service call this form makes; raise ServiceError for what is wrong locally."""
        raise NotImplementedError

    def submit(self) -> None:
        try:
            work = self.request()
        except ServiceError as exc:
            self.show_error(describe(exc))
            return
        self.error.hide()
        self.show_field_errors(ServiceError("", ""))
        self.ok_button.setEnabled(False)
        self.panel.run(work, self._succeeded, self._failed)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _succeeded(self, result: Any) -> None:
        self.result_value = result
        self.ok_button.setEnabled(True)
        self.accept()
        self.succeeded.emit(result)

    def _failed(self, error: BaseException) -> None:
        self.ok_button.setEnabled(True)
        if not self.show_field_errors(error):
            self.show_error(describe(error))


class SecretDialog(QDialog):
    """Shows a new secret once (`about` what it is for, and a `warning` that it will not
    be shown again), with a copy button; forgets it when closed."""

    def __init__(
        self, title: str, about: str, warning: str, secret: str, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWindowTitle(title)
        self.warning = QLabel(warning, self)
        self.warning.setObjectName("secretWarning")
        self.warning.setWordWrap(True)
        font = self.warning.font()
        font.setBold(True)
        self.warning.setFont(font)
        self.secret = QLineEdit(secret, self)
        self.secret.setObjectName("secretField")
        self.secret.setReadOnly(True)
        self.secret.setFont(monospace_font())
        self.secret.setMinimumWidth(self.secret.fontMetrics().horizontalAdvance(secret) + 24)
        self.copy_button = QPushButton(self.tr("&Copy"), self)
        self.copy_button.setObjectName("copySecret")
        self.copy_button.clicked.connect(self.copy)
        self.copied = QLabel(self)
        self.about = QLabel(about, self)
        self.about.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.secret, 1)
        row.addWidget(self.copy_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addWidget(self.warning)
        layout.addLayout(row)
        layout.addWidget(self.copied)
        layout.addWidget(buttons)
        self.finished.connect(self._forget)

    def copy(self) -> None:
        copy_text(self.secret.text())
        self.copied.setText(self.tr("Copied to the clipboard."))

    def _forget(self, _result: int) -> None:
        self.secret.clear()


class ErrorBanner(QFrame):
    """A plain error sentence across the top of the panel, with a button to dismiss it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adminError")
        set_banner(self, "error")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dismiss = QToolButton(self)
        self.dismiss.setText("×")
        self.dismiss.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.dismiss.setToolTip(self.tr("Dismiss"))
        self.dismiss.setAccessibleName(self.tr("Dismiss the error"))

    def show_error(self, text: str) -> None:
        self.label.setText(text)
        self.show()

    def clear(self) -> None:
        self.label.clear()
        self.hide()

    @property
    def text(self) -> str:
        return self.label.text() if not self.isHidden() else ""


class LocalTextEdit(QWidget):
    """An English and a Dutch text side by side."""

    def __init__(self, text: LocalText | None, multiline: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.en: QLineEdit | QPlainTextEdit
        self.nl: QLineEdit | QPlainTextEdit
        if multiline:
            self.en = QPlainTextEdit(text.en if text else "", self)
            self.nl = QPlainTextEdit(text.nl if text else "", self)
            for edit in (self.en, self.nl):
                edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 12)
                edit.setTabChangesFocus(True)
        else:
            self.en = QLineEdit(text.en if text else "", self)
            self.nl = QLineEdit(text.nl if text else "", self)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("English"), self), 0, 0)
        layout.addWidget(self.en, 0, 1)
        layout.addWidget(QLabel(self.tr("Dutch"), self), 1, 0)
        layout.addWidget(self.nl, 1, 1)
        self.setFocusProxy(self.en)

    @staticmethod
    def _text(edit: QLineEdit | QPlainTextEdit) -> str:
        return (edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()).strip()

    def set_texts(self, en: str, nl: str) -> None:
        for edit, text in ((self.en, en), (self.nl, nl)):
            if isinstance(edit, QLineEdit):
                edit.setText(text)
            else:
                edit.setPlainText(text)

    def value(self, what: str) -> LocalText | None:
        """Both texts, or None when both are empty (the server's standard text)."""
        en, nl = self._text(self.en), self._text(self.nl)
        if not en and not nl:
            return None
        if not en or not nl:
            raise ServiceError(
                "required",
                self.tr("Write {what} in both English and Dutch.").format(what=what),
            )
        return LocalText(en=en, nl=nl)


# ---- small helpers -----------------------------------------------------------------------------


def required_text(text: str, what: str) -> str:
    value = text.strip()
    if not value:
        text = QCoreApplication.translate("AdminForms", "Fill in {what}.")
        raise ServiceError("required", text.format(what=what))
    return value


def monospace_font() -> QFont:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


def copy_text(text: str) -> None:
    QGuiApplication.clipboard().setText(text)


def chain_focus(*widgets: QWidget) -> None:
    """Tab moves through `widgets` in this order."""
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)


def record_table(parent: QWidget, model: RecordTableModel[Any], name: str) -> QTableView:
    """A read-only table whose columns fit their contents, the last one filling the rest.

    Only the columns before the last are fitted: fitting the last one too would take its
    stretch away, leaving a gap at the right after every change of a row.
    """
    view = read_only_table(parent, model)
    view.setObjectName(name)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setMaximumSectionSize(420)
    header.setStretchLastSection(True)

    def fit(*_: object) -> None:
        for column in range(model.columnCount() - 1):
            view.resizeColumnToContents(column)

    model.modelReset.connect(fit)
    model.rowsInserted.connect(fit)
    model.dataChanged.connect(fit)
    model.headerDataChanged.connect(fit)
    return view


def selected_row(view: QTableView) -> int:
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    return rows[0].row() if rows else -1


def confirm(
    parent: QWidget, title: str, text: str, action: str, on_yes: Callable[[], None]
) -> QMessageBox:
    """Ask before doing something that cannot be undone; non-blocking (`open`), Cancel the
    default so Enter does no harm."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    yes = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setWindowModality(Qt.WindowModality.WindowModal)

    def clicked(button: object) -> None:
        if button is yes:
            on_yes()

    box.buttonClicked.connect(clicked)
    box.finished.connect(box.deleteLater)
    box.open()
    return box

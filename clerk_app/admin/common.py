"""Building blocks of the admin panel: running service calls, showing errors, forms, tabs.

Widgets never talk to the network: they hand coroutines of `AdminService` to a `TaskRunner`,
which runs them on the asyncio loop (qasync) and brings back either the result or a plain
sentence for the user. Dialogs open window-modal with `open()`, never `exec()`, so no nested
event loop runs under asyncio.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.errors import ServiceError
from clerk_app.qt_models import RecordTableModel, read_only_table

if TYPE_CHECKING:
    from clerk_app.admin.view import AdminPanel

log = logging.getLogger(__name__)
R = TypeVar("R")
T = TypeVar("T")


def error_text(error: BaseException) -> str:
    """A plain sentence for the user, in the app's language; never a traceback."""
    translate = QCoreApplication.translate
    if not isinstance(error, ServiceError):
        return translate(
            "AdminErrors", "Something went wrong in the app ({kind}). Try again."
        ).format(kind=type(error).__name__)
    session_ended = translate("AdminErrors", "Your session has ended. Log in again.")
    known = {
        "forbidden": translate(
            "AdminErrors",
            "You are not allowed to do this. Only an admin of the organisation can manage "
            "users, keys, widgets and the audit trail.",
        ),
        "not_authenticated": session_ended,
        "session_expired": session_ended,
        "unreachable": translate(
            "AdminErrors", "Cannot reach the server. Check the network and try again."
        ),
        "timeout": translate("AdminErrors", "The server did not answer in time. Try again."),
        "last_admin": translate(
            "AdminErrors",
            "An organisation needs at least one active admin. Make someone else admin first.",
        ),
        "email_taken": translate(
            "AdminErrors", "A user with this e-mail address already exists."
        ),
        "weak_password": translate("AdminErrors", "The password is too weak: {reason}").format(
            reason=error.message
        ),
        "api_key_inactive": translate(
            "AdminErrors", "This key is revoked or expired; create a new one instead."
        ),
        "not_found": translate("AdminErrors", "It no longer exists. Refresh the list."),
        "logo_too_large": translate("AdminErrors", "The logo may be at most 100 kB."),
        "logo_type": translate("AdminErrors", "The logo must be a PNG, JPEG or SVG image."),
        "logo_unreadable": translate("AdminErrors", "The logo file cannot be read."),
        "bad_hours": translate(
            "AdminErrors",
            "Cannot read the opening hours “{part}”. Write them like 09:00-12:00, 13:00-17:30.",
        ).format(part=error.message),
        "rate_limited": translate(
            "AdminErrors", "Too many requests. Wait a moment and try again."
        ),
        "required": error.message,  # already a translated sentence from the form
    }
    if error.code in known:
        return known[error.code]
    if error.code == "invalid_input":
        return translate(
            "AdminErrors", "Some fields are not valid. The server said: {message}"
        ).format(message=error.message)
    return translate("AdminErrors", "The server refused: {message}").format(
        message=error.message
    )


class TaskRunner:
    """Runs the panel's coroutines on the current asyncio loop and reports how they end.

    A plain Python object (not a QObject), so it can still cancel its tasks after the Qt
    side of the panel is gone.
    """

    def __init__(self, report_error: Callable[[BaseException], None]) -> None:
        self._report_error = report_error
        self._tasks: set[asyncio.Future[Any]] = set()
        self._closed = False

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def run(
        self,
        work: Coroutine[Any, Any, R],
        on_done: Callable[[R], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> asyncio.Future[R] | None:
        if self._closed:
            work.close()
            return None
        task: asyncio.Future[R] = asyncio.ensure_future(work)
        self._tasks.add(task)

        def finished(done: asyncio.Future[R]) -> None:
            self._tasks.discard(done)
            if self._closed or done.cancelled():
                return
            error = done.exception()
            try:
                if error is None:
                    if on_done is not None:
                        on_done(done.result())
                    return
                if not isinstance(error, ServiceError):
                    log.error("admin task failed", exc_info=error)
                (on_error or self._report_error)(error)
            except RuntimeError:  # the widget it reports to was deleted meanwhile
                log.debug("admin task finished after its widget was gone", exc_info=True)

        task.add_done_callback(finished)
        return task

    async def wait_idle(self) -> None:
        """Until every task, and every task their results started, has finished."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
            await asyncio.sleep(0)

    def close(self) -> None:
        self._closed = True
        for task in list(self._tasks):
            task.cancel()
        self._tasks.clear()


class ErrorBanner(QFrame):
    """A plain error sentence across the top of the panel, with a button to dismiss it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adminError")
        self.setStyleSheet(
            "#adminError { background: #fdecea; border: 1px solid #e8a5a0; border-radius: 4px; }"
            "#adminError QLabel { color: #611a15; }"
        )
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


class FormDialog(QDialog):
    """A form that stays open until the server accepts it; its error shows inside it."""

    succeeded = Signal(object)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.runner = runner
        self.form = QFormLayout()
        self.error = QLabel(self)
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
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

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def request(self) -> Coroutine[Any, Any, Any]:
        """The service call this form makes; raise ServiceError for what is wrong locally."""
        raise NotImplementedError

    def submit(self) -> None:
        try:
            work = self.request()
        except ServiceError as exc:
            self.show_error(error_text(exc))
            return
        self.error.hide()
        self.ok_button.setEnabled(False)
        self.runner.run(work, self._succeeded, self._failed)

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
        self.show_error(error_text(error))


def required_text(text: str, what: str) -> str:
    value = text.strip()
    if not value:
        text = QCoreApplication.translate("AdminErrors", "Fill in {what}.")
        raise ServiceError("required", text.format(what=what))
    return value


def monospace_font() -> QFont:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


def copy_text(text: str) -> None:
    QGuiApplication.clipboard().setText(text)


def record_table(parent: QWidget, model: RecordTableModel[Any], name: str) -> QTableView:
    view = read_only_table(parent, model)
    view.setObjectName(name)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setMaximumSectionSize(420)
    header.setStretchLastSection(True)

    def fit(*_: object) -> None:
        view.resizeColumnsToContents()

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
    """Ask before doing something that cannot be undone; non-blocking (`open`)."""
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


class RecordTab(QWidget, Generic[T]):
    """A tab of the admin panel over one table of records: buttons above it with Refresh at
    the right end, and the form or question it has open.

    A subclass makes its buttons with `add_button` and then calls `set_up` with them (or lays
    itself out with `button_bar` and `follow_selection`); `update_buttons` says which buttons
    fit what is selected.
    """

    def __init__(
        self,
        panel: AdminPanel,
        model: RecordTableModel[T],
        table_name: str,
        list_records: Callable[[], Coroutine[Any, Any, Sequence[T]]],
    ) -> None:
        super().__init__(panel)
        self.panel = panel
        self.model = model
        self.view = record_table(self, model, table_name)
        self._list_records = list_records
        self.refresh_button = self.add_button(self.refresh)
        self.dialog: FormDialog | None = None
        self.confirm_box: QMessageBox | None = None

    # ---- building the tab ----------------------------------------------------------------------

    def add_button(self, action: Callable[[], None]) -> QPushButton:
        button = QPushButton(self)
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

    def set_up(self, *buttons: QPushButton) -> None:
        """`buttons` and Refresh above the table; texts and button states shown."""
        layout = QVBoxLayout(self)
        layout.addLayout(self.button_bar(*buttons))
        layout.addWidget(self.view)
        self.follow_selection(self.view)
        self.retranslate()
        self.update_buttons()

    def retranslate(self) -> None:
        self.refresh_button.setText(self.tr("Refresh"))

    def update_buttons(self, *_: object) -> None:
        """Enable the buttons that fit what is selected."""

    # ---- the records ---------------------------------------------------------------------------

    def selected(self) -> T | None:
        row = selected_row(self.view)
        return self.model.record(row) if row >= 0 else None

    def select(self, record_id: str) -> None:
        row = self.model.row_of(record_id)
        if row >= 0:
            self.view.selectRow(row)

    def refresh(self) -> None:
        self.panel.begin_action()
        self.load()

    def load(self) -> None:
        self.panel.runner.run(self._list_records(), self.model.set_records)

    # ---- actions -------------------------------------------------------------------------------

    def open_dialog(self, dialog: FormDialog, on_success: Callable[[Any], None]) -> None:
        """Open a form as a new action; `on_success` gets what the server answered."""
        self.panel.begin_action()
        dialog.succeeded.connect(on_success)
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.open()

    def ask(self, title: str, text: str, action: str, on_yes: Callable[[], None]) -> None:
        """Ask, as a new action, before doing something that cannot be undone."""
        self.panel.begin_action()
        self.confirm_box = confirm(self, title, text, action, on_yes)

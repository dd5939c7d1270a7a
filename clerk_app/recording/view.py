"""The pending-uploads panel: a row per recording with its progress and state, and a warning
when the spool grows past its limit; and the status bar's button that opens it and shows the
count and the warning. Bound to `UploadsModel`; it never calls the network."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QModelIndex
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.recording.model import UploadRole, UploadsModel
from clerk_app.shell.theme import set_tone


class UploadsPanel(QWidget):
    def __init__(self, model: UploadsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.title = QLabel(self.tr("Recordings waiting for upload"), self)
        self.empty = QLabel(self.tr("No recordings are waiting."), self)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setObjectName("spoolWarning")
        self.rows: list[tuple[QProgressBar, QLabel]] = []
        self._grid = QGridLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.warning)
        layout.addWidget(self.empty)
        layout.addLayout(self._grid)
        layout.addStretch(1)
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self._rebuild)
        model.dataChanged.connect(self._refresh)
        model.spoolChanged.connect(self._spool)
        self._rebuild()
        self._spool(model.over_limit)

    def _rebuild(self) -> None:
        for bar, label in self.rows:
            bar.deleteLater()
            label.deleteLater()
        self.rows = []
        for row in range(self.model.rowCount()):
            bar, label = QProgressBar(self), QLabel(self)
            bar.setRange(0, 100)
            label.setWordWrap(True)
            self._grid.addWidget(bar, row, 0)
            self._grid.addWidget(label, row, 1)
            self.rows.append((bar, label))
        self.empty.setVisible(not self.rows)
        self._refresh()

    def _refresh(self, *_changed: object) -> None:
        for row, (bar, label) in enumerate(self.rows):
            index = self.model.index(row)
            bar.setValue(int(index.data(UploadRole.PERCENT) or 0))
            label.setText(self.describe(index))

    def describe(self, index: QModelIndex) -> str:
        state = index.data(UploadRole.STATE)
        if state == "uploading":
            return self.tr("Uploading")
        if state == "retrying":
            seconds = index.data(UploadRole.RETRY_SECONDS) or 0
            if index.data(UploadRole.PROBLEM) == "network":
                return self.tr("The server cannot be reached; retrying in %n s", "", seconds)
            return self.tr("The server did not take it; retrying in %n s", "", seconds)
        if state == "failed":
            return self._failure(index.data(UploadRole.PROBLEM) or "")
        return self.tr("Waiting")

    def _failure(self, problem: str) -> str:
        if problem == "unconfirmed":
            return self.tr(
                "Failed: the server has the recording but did not confirm it. It stays on "
                "this computer; tell your administrator."
            )
        if problem in ("http_413", "too_large", "upload_too_large"):
            return self.tr(
                "Failed: the recording is larger than the server accepts. Ask your "
                "administrator to raise the limit."
            )
        return self.tr(
            "Failed: the server refuses this recording ({code}). It stays on this computer; "
            "tell your administrator."
        ).format(code=problem)

    def _spool(self, over: bool) -> None:
        self.warning.setVisible(over)
        if over:
            locale = QLocale()
            self.warning.setText(
                self.tr(
                    "Recordings waiting for upload take {size} on this computer, more than "
                    "{limit}. Check the connection to the server."
                ).format(
                    size=locale.formattedDataSize(self.model.spool_bytes),
                    limit=locale.formattedDataSize(self.model.limit_bytes),
                )
            )


class UploadsButton(QPushButton):
    """In the status bar: how many recordings wait, red while the spool is over its limit;
    a click opens the panel in a window of its own."""

    def __init__(self, model: UploadsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("uploadsButton")
        self.setFlat(True)
        self.model = model
        self.dialog: QDialog | None = None
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self._show)
        model.spoolChanged.connect(self._show)
        self.clicked.connect(self.open_panel)
        self._show()

    def _show(self, *_changed: object) -> None:
        count = self.model.rowCount()
        if self.model.over_limit:
            self.setText(
                "\u26a0 " + self.tr("Recordings waiting: %n (more than the limit)", "", count)
            )
            set_tone(self, "danger", bold=True)
        else:
            self.setText(self.tr("Recordings waiting: %n", "", count))
            set_tone(self, "")
        self.setToolTip(self.tr("Show the recordings waiting for upload"))

    def open_panel(self) -> None:
        if self.dialog is None:
            dialog = QDialog(self.window())
            dialog.setWindowTitle(self.tr("Recordings waiting for upload"))
            dialog.resize(520, 320)
            buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
            buttons.rejected.connect(dialog.close)
            layout = QVBoxLayout(dialog)
            layout.addWidget(UploadsPanel(self.model, dialog))
            layout.addWidget(buttons)
            self.dialog = dialog
        self.dialog.show()
        self.dialog.raise_()

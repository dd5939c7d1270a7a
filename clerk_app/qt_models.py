"""A Qt table model over a list of plain records, and the read-only table view showing one.

Shared by the admin screens and the supervisor view. A subclass names the columns, says what
each cell shows and what its named roles hold; the rows stay plain Python values. No texts
to translate here: the subclasses own theirs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

Index = QModelIndex | QPersistentModelIndex
NO_INDEX = QModelIndex()
USER_ROLE = int(Qt.ItemDataRole.UserRole)
R = TypeVar("R")


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """One record a row.

    Subclasses give `headers`, `cell` (the text shown) and `record_id`; for their named
    roles (from UserRole on) `role_names` and `value`; and for other roles of a cell, such
    as alignment or tool tip, `cell_value`. Where a subclass sets `RecordRole` or `IdRole`,
    that role gives the record itself or its id.
    """

    RecordRole: ClassVar[int | None] = None
    IdRole: ClassVar[int | None] = None
    role_names: ClassVar[dict[int, bytes]] = {}

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []

    # ---- subclasses ----------------------------------------------------------------------------

    def headers(self) -> Sequence[str]:
        raise NotImplementedError

    def cell(self, record: R, column: int) -> str:
        raise NotImplementedError

    def record_id(self, record: R) -> str:
        raise NotImplementedError

    def value(self, record: R, role: int) -> Any:
        """The value of a named role."""
        return None

    def cell_value(self, record: R, column: int, role: int) -> Any:
        """A Qt role below UserRole other than DisplayRole (alignment, tool tip, …)."""
        return None

    # ---- Qt ------------------------------------------------------------------------------------

    def roleNames(self) -> dict[int, QByteArray]:
        own = ((self.RecordRole, b"record"), (self.IdRole, b"id"))
        names = {**{role: name for role, name in own if role is not None}, **self.role_names}
        return {**super().roleNames(), **{k: QByteArray(v) for k, v in names.items()}}

    def rowCount(self, parent: Index = NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self.headers())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = self.headers()
        return headers[section] if 0 <= section < len(headers) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(record, index.column())
        if role == self.RecordRole:
            return record
        if role == self.IdRole:
            return self.record_id(record)
        if role >= USER_ROLE:
            return self.value(record, role)
        return self.cell_value(record, index.column(), role)

    # ---- plain Python access -------------------------------------------------------------------

    @property
    def records(self) -> list[R]:
        return list(self._rows)

    def record(self, row: int) -> R:
        return self._rows[row]

    def row_of(self, record_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if self.record_id(r) == record_id), -1)

    def set_records(self, records: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(records)
        self.endResetModel()

    def update_records(self, records: Sequence[R]) -> None:
        """New values for the same records keep the rows (every cell changes); other records
        reset the model."""
        rows = list(records)
        if [self.record_id(r) for r in rows] != [self.record_id(r) for r in self._rows]:
            self.set_records(rows)
            return
        self._rows = rows
        self._every_cell_changed()

    def append_records(self, records: Sequence[R]) -> None:
        if not records:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(records) - 1)
        self._rows.extend(records)
        self.endInsertRows()

    def replace_record(self, record: R) -> None:
        """Put a changed record in place of the one with its id (or append a new one)."""
        row = self.row_of(self.record_id(record))
        if row < 0:
            self.append_records([record])
            return
        self._rows[row] = record
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def column_changed(self, column: int) -> None:
        """Every row's cell in `column` shows something new (a clock ticked)."""
        if self._rows:
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, self.columnCount() - 1))
        self._every_cell_changed()

    def _every_cell_changed(self) -> None:
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1)
            )


def read_only_table(parent: QWidget, model: QAbstractItemModel) -> QTableView:
    """A table view of whole rows that cannot be edited, one line a row, no row numbers."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    return view

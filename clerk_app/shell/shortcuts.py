"""The keyboard shortcuts list (Help → Keyboard shortcuts, F1).

Read from the window's own QActions and QShortcuts when it opens, so that it cannot drift
from what the keys do: a QShortcut carries its description as its whatsThis (`described`).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class Shortcut:
    keys: tuple[str, ...]  # as the platform writes them ("Ctrl+N")
    what: str


def described(shortcut: QShortcut, what: str) -> QShortcut:
    """A QShortcut with the text the shortcut list shows for it."""
    shortcut.setWhatsThis(what)
    return shortcut


def _native(sequences: list[QKeySequence]) -> tuple[str, ...]:
    return tuple(
        s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences if not s.isEmpty()
    )


def window_shortcuts(window: QWidget) -> list[Shortcut]:
    """Every key of the window's actions and shortcuts, one row per thing it does."""
    found: dict[str, tuple[str, ...]] = {}
    for action in window.findChildren(QAction):
        keys = _native(action.shortcuts())
        if keys:
            what = action.text().replace("&", "").removesuffix("\u2026")  # no mnemonics
            found[what] = tuple(dict.fromkeys(found.get(what, ()) + keys))
    for shortcut in window.findChildren(QShortcut):
        keys = _native(shortcut.keys())
        if keys:
            what = shortcut.whatsThis()
            found[what] = tuple(dict.fromkeys(found.get(what, ()) + keys))
    return [Shortcut(keys, what) for what, keys in found.items()]


class ShortcutsDialog(QDialog):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.shortcuts = window_shortcuts(window)
        self.table = QTableWidget(len(self.shortcuts), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a list to read, not to pick from
        for row, shortcut in enumerate(self.shortcuts):
            keys = QTableWidgetItem(", ".join(shortcut.keys))
            keys.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 0, keys)
            self.table.setItem(row, 1, QTableWidgetItem(shortcut.what))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(close)
        self.resize(460, 360)

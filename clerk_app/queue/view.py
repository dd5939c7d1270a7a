"""The clerk's queue panel: presence switch, the live queue, "Take next" and "Take selected"."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QKeySequence, QPainter, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clerk_app.queue.model import QueueColumn, QueueRole, QueueTableModel
from clerk_app.shell.icons import action_icon
from clerk_app.shell.shortcuts import described
from clerk_app.shell.theme import CLERK_STATE_TONES, current_theme, set_tone

TAKE_NEXT_SHORTCUT = QKeySequence("Ctrl+N")


class ConsentBadgeDelegate(QStyledItemDelegate):
    """Paints the consent column as two badges: green when given, grey and struck when not."""

    def _labels(self) -> tuple[str, str]:
        return (self.tr("Recording"), self.tr("Transcription"))

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        style = option.widget.style() if option.widget is not None else None
        if style is not None:  # background and selection as usual, without the text
            plain = QStyleOptionViewItem(option)
            self.initStyleOption(plain, index)
            plain.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, plain, painter, option.widget)
        values = (
            bool(index.data(QueueRole.RECORDING)),
            bool(index.data(QueueRole.TRANSCRIPTION)),
        )
        metrics = QFontMetrics(option.font)
        rect: QRect = option.rect
        x = rect.x() + 6
        height = metrics.height() + 4
        y = rect.y() + (rect.height() - height) // 2
        theme = current_theme()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        refused = (
            option.palette.color(QPalette.ColorRole.HighlightedText)
            if selected
            else QColor(theme.tones["muted"])
        )
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for text, granted in zip(self._labels(), values, strict=True):
            width = metrics.horizontalAdvance(text) + 14
            pill = QRect(x, y, width, height)
            font = painter.font()
            font.setStrikeOut(not granted)
            painter.setFont(font)
            if granted:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(theme.fills["ok"]))
                painter.drawRoundedRect(pill, height / 2, height / 2)
                painter.setPen(QColor(theme.fill_text))
            else:
                painter.setPen(refused)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(pill.adjusted(0, 0, -1, -1), height / 2, height / 2)
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
            x += width + 6
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        metrics = QFontMetrics(option.font)
        width = sum(metrics.horizontalAdvance(t) + 20 for t in self._labels()) + 12
        return QSize(width, metrics.height() + 12)


class PresenceSwitch(QWidget):
    """Available / away, as the clerk chooses; shows the server's state when it is another
    (in a call, wrapping up, offline) and then cannot be switched. While the socket is down
    it says so ("reconnecting"): the server's last word no longer holds."""

    requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.available_button = QPushButton(self.tr("Available"), self)
        self.away_button = QPushButton(self.tr("Away"), self)
        self.group = QButtonGroup(self)
        for button, state in ((self.available_button, "available"), (self.away_button, "away")):
            button.setIcon(action_icon(state))
            button.setCheckable(True)
            button.setProperty("presence", state)
            self.group.addButton(button)
        self.group.buttonClicked.connect(lambda b: self.requested.emit(str(b.property("presence"))))
        self.state_label = QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Status:"), self))
        layout.addWidget(self.available_button)
        layout.addWidget(self.away_button)
        layout.addWidget(self.state_label)
        self.state = "offline"
        self.show_state("offline")

    def show_state(self, state: str) -> None:
        self.state = state
        names = {
            "available": self.tr("available \u2013 you get calls"),
            "away": self.tr("away \u2013 no calls"),
            "in_call": self.tr("in a call"),
            "wrap_up": self.tr("wrapping up the last call"),
            "offline": self.tr("offline"),
            "reconnecting": self.tr("offline \u2013 reconnecting"),
        }
        self.state_label.setText(f"\u25cf {names.get(state, state)}")
        set_tone(self.state_label, CLERK_STATE_TONES.get(state, "muted"), bold=True)
        switchable = state in ("available", "away", "offline", "reconnecting")
        self.group.setExclusive(False)
        self.available_button.setChecked(state == "available")
        self.away_button.setChecked(state == "away")
        self.group.setExclusive(True)
        self.available_button.setEnabled(switchable)
        self.away_button.setEnabled(switchable)


class QueuePanel(QWidget):
    take_next = Signal()
    take_selected = Signal(str)  # call id

    def __init__(self, model: QueueTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.table = QTableView(self)
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setItemDelegateForColumn(QueueColumn.CONSENT, ConsentBadgeDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(QueueColumn.QUEUE, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self._take_selected())

        self.empty = QLabel(self.tr("Nobody is waiting. New visitors appear here at once."), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)

        shortcut = TAKE_NEXT_SHORTCUT.toString(QKeySequence.SequenceFormat.NativeText)
        self.take_next_button = QPushButton(self.tr("Take next (%1)").replace("%1", shortcut), self)
        self.take_next_button.setToolTip(
            self.tr("Answer the visitor who has waited longest (%1)").replace("%1", shortcut)
        )
        self.take_selected_button = QPushButton(self.tr("Take selected"), self)
        self.take_selected_button.setToolTip(
            self.tr("Answer the visitor selected in the list (or double-click a row)")
        )
        self.take_next_button.setIcon(action_icon("take_next"))
        self.take_selected_button.setIcon(action_icon("take_selected"))
        self.take_next_button.clicked.connect(self.take_next.emit)
        self.take_selected_button.clicked.connect(self._take_selected)
        self.shortcut = described(
            QShortcut(TAKE_NEXT_SHORTCUT, self), self.tr("Take the next visitor")
        )
        self.shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.shortcut.activated.connect(self._shortcut)
        self.count_label = QLabel(self)

        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.take_selected_button)
        buttons.addWidget(self.take_next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self._keep_selection: str | None = None
        model.modelAboutToBeReset.connect(self._remember_selection)
        model.modelReset.connect(self._restore_selection)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._refresh())
        self.can_take = True
        self._refresh()

    def _remember_selection(self) -> None:
        self._keep_selection = self.selected_call_id()

    def _restore_selection(self) -> None:
        wanted, self._keep_selection = self._keep_selection, None
        if wanted is not None:
            for row in range(self.model.rowCount()):
                if self.model.index(row, 0).data(QueueRole.CALL_ID) == wanted:
                    self.table.selectRow(row)
                    break
        self._refresh()

    def set_can_take(self, can_take: bool) -> None:
        self.can_take = can_take
        self._refresh()

    def _refresh(self) -> None:
        rows = self.model.rowCount()
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        if rows == 1:
            self.count_label.setText(self.tr("1 visitor waiting"))
        else:
            self.count_label.setText(self.tr("%1 visitors waiting").replace("%1", str(rows)))
        self.take_next_button.setEnabled(self.can_take and rows > 0)
        self.take_selected_button.setEnabled(self.can_take and self.selected_call_id() is not None)

    def selected_call_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        value = rows[0].data(QueueRole.CALL_ID)
        return str(value) if value else None

    def _shortcut(self) -> None:
        if self.isVisible() and self.take_next_button.isEnabled():
            self.take_next.emit()

    def _take_selected(self) -> None:
        call_id = self.selected_call_id()
        if call_id is not None and self.can_take:
            self.take_selected.emit(call_id)

"""A message strip above a window's content: what happened and what to do next."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from clerk_app.shell.theme import BANNER_KINDS, set_banner


class Banner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.kind = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        self.action = QPushButton(self)
        self.action.hide()
        layout.addWidget(self.action)
        self.close_button = QToolButton(self)
        self.close_button.setText("\u2715")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Dismiss"))
        self.close_button.clicked.connect(self.dismiss)
        layout.addWidget(self.close_button)
        self._callback: Callable[[], None] | None = None
        self.action.clicked.connect(self._act)
        self.hide()

    @property
    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()

    def show_message(
        self,
        kind: str,
        text: str,
        *,
        action: str | None = None,
        on_action: Callable[[], None] | None = None,
        closable: bool = True,
    ) -> None:
        self.kind = kind
        set_banner(self, kind if kind in BANNER_KINDS else "info")  # the theme colours it
        self.label.setText(text)
        self._callback = on_action
        self.action.setVisible(bool(action and on_action))
        if action:
            self.action.setText(action)
        self.close_button.setVisible(closable)
        self.show()

    def dismiss(self) -> None:
        self.kind = ""
        self.hide()

    def _act(self) -> None:
        if self._callback is not None:
            self._callback()

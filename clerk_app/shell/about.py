"""About videoclerk: the version, where the logs are, which config files apply and what
they lock. What a clerk reads out to support."""

from __future__ import annotations

import platform
from dataclasses import dataclass
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.shell.locks import setting_names


@dataclass(frozen=True)
class AboutInfo:
    version: str
    log_folder: Path | None  # None: no log file could be made (stderr only)
    config_files: tuple[Path, ...]  # read at start, system-wide first
    system_config: Path  # where the system-wide file is looked for
    locked: frozenset[str]


class AboutDialog(QDialog):
    def __init__(self, info: AboutInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        self.setWindowTitle(self.tr("About videoclerk"))
        self.setMinimumWidth(520)
        title = QLabel(
            self.tr("videoclerk %1 \u2013 video calls with your website's visitors.").replace(
                "%1", info.version
            ),
            self,
        )
        title.setWordWrap(True)
        font = title.font()
        font.setBold(True)
        title.setFont(font)

        self.log_label = self._selectable(
            str(info.log_folder)
            if info.log_folder is not None
            else self.tr("No log file: the log folder could not be made.")
        )
        self.open_logs_button = QPushButton(self.tr("Open the log folder"), self)
        self.open_logs_button.setEnabled(info.log_folder is not None)
        self.open_logs_button.clicked.connect(self.open_log_folder)
        if info.config_files:
            config_text = "\n".join(str(path) for path in info.config_files)
        else:
            config_text = self.tr("None (the system-wide file would be %1)").replace(
                "%1", str(info.system_config)
            )
        self.config_label = self._selectable(config_text)
        names = setting_names()
        self.locked_label = self._selectable(
            ", ".join(names[key] for key in sorted(info.locked))
            if info.locked
            else self.tr("Nothing")
        )
        form = QFormLayout()
        form.addRow(self.tr("Version"), self._selectable(info.version))
        form.addRow(
            self.tr("Built with"),
            self._selectable(f"Qt {pyside_version}, Python {platform.python_version()}"),
        )
        form.addRow(self.tr("Logs"), self.log_label)
        form.addRow("", self.open_logs_button)
        form.addRow(self.tr("Config files"), self.config_label)
        form.addRow(self.tr("Locked by your administrator"), self.locked_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _selectable(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def open_log_folder(self) -> None:
        if self.info.log_folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.info.log_folder)))

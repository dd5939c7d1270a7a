"""How a setting that a config file locks looks: disabled, with a note saying who set it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from clerk_app.shell.theme import set_tone

translate = QCoreApplication.translate
LOCK = "\U0001f512"


def setting_names() -> dict[str, str]:
    """The settings a config file can lock, as the clerk calls them."""
    return {
        "server": translate("Locks", "server address"),
        "ca_file": translate("Locks", "CA file"),
        "proxy": translate("Locks", "proxy"),
        "language": translate("Locks", "language"),
        "theme": translate("Locks", "theme"),
    }


def lock(widget: QWidget, file: Path, parent: QWidget | None = None) -> QLabel:
    """Disable `widget` (a setting `file` locks); returns the note to show beside it."""
    tip = translate(
        "Locks",
        "Your administrator set this in %1; it cannot be changed in the app.",
    ).replace("%1", str(file))
    widget.setEnabled(False)
    widget.setToolTip(tip)
    widget.setProperty("locked", True)
    text = translate("Locks", "Locked by your administrator")
    note = QLabel(f"{LOCK} {text}", parent)
    note.setToolTip(tip)
    set_tone(note, "muted")
    return note

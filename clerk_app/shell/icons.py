"""Icons for the desk's main actions: the desktop theme's icon when it has one (Linux
themes follow the freedesktop.org icon names), else a standard icon of Qt's style, which
every platform has, so that no action is left without one."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

SP = QStyle.StandardPixmap

# What the action is: (freedesktop.org name, the style's fallback).
ICONS: dict[str, tuple[str, QStyle.StandardPixmap]] = {
    "available": ("user-available", SP.SP_DialogYesButton),
    "away": ("user-away", SP.SP_MediaPause),
    "take_next": ("call-start", SP.SP_MediaSeekForward),
    "take_selected": ("call-start", SP.SP_ArrowRight),
    "hang_up": ("call-stop", SP.SP_DialogCancelButton),
    "mute": ("microphone-sensitivity-muted", SP.SP_MediaVolumeMuted),
    "camera": ("camera-web", SP.SP_DesktopIcon),
    "wrap_up": ("dialog-ok", SP.SP_DialogApplyButton),
    "settings": ("preferences-system", SP.SP_FileDialogDetailedView),
    "log_out": ("system-log-out", SP.SP_DialogCloseButton),
    "quit": ("application-exit", SP.SP_TitleBarCloseButton),
    "shortcuts": ("help-keyboard-shortcuts", SP.SP_DialogHelpButton),
    "about": ("help-about", SP.SP_MessageBoxInformation),
}


def action_icon(name: str) -> QIcon:
    """The icon of one of the ICONS actions."""
    themed, fallback = ICONS[name]
    icon = QIcon.fromTheme(themed)
    if icon.isNull():
        style = QApplication.style()
        icon = style.standardIcon(fallback)
    return icon

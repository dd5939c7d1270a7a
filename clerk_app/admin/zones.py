"""The admin's time zone picker: an IANA zone from the list this machine knows, not free text."""

from __future__ import annotations

from zoneinfo import available_timezones

from PySide6.QtWidgets import QComboBox, QWidget


def time_zones() -> list[str]:
    """The IANA time zones this machine knows, sorted: what an admin picks from."""
    return sorted(available_timezones())


def time_zone_box(current: str, parent: QWidget | None = None) -> QComboBox:
    """The zones in a list with `current` selected. Not editable, so nothing but a zone can
    be chosen; typing the start of one ("Europe/Am") jumps to it."""
    box = QComboBox(parent)
    zones = time_zones()
    if current not in zones:  # the server knows one this machine does not
        zones.insert(0, current)
    box.addItems(zones)
    box.setCurrentIndex(zones.index(current))
    box.setMaxVisibleItems(20)
    return box

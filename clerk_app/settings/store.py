"""Preferences kept in QSettings (the platform's usual place, or an INI file for tests)."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from PySide6.QtCore import QSettings

from clerk_app.settings.preferences import Preferences

ORGANISATION = "videoclerk"
APPLICATION = "videoclerk"
_CHOICES = {
    "language": ("system", "en", "nl"),
    "theme": ("system", "light", "dark"),
}


class PreferenceStore:
    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings or QSettings(ORGANISATION, APPLICATION)

    @classmethod
    def at(cls, path: Path) -> PreferenceStore:
        """An INI file of its own (tests, screenshots: never the clerk's real settings)."""
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def load(self) -> Preferences:
        defaults = Preferences()
        values: dict[str, str | bool | int] = {}
        for field in fields(Preferences):
            default = getattr(defaults, field.name)
            raw = self.settings.value(field.name, default)
            if isinstance(default, bool):  # an INI file gives back "true" / "false"
                values[field.name] = raw is True or str(raw).lower() in ("true", "1")
                continue
            if isinstance(default, int):  # and numbers as text
                number = str(raw).strip()
                values[field.name] = int(number) if number.isdigit() else default
                continue
            text = str(raw) if raw is not None else ""
            allowed = _CHOICES.get(field.name)
            if allowed is not None and text not in allowed:
                text = str(getattr(defaults, field.name))
            values[field.name] = text
        return Preferences(**values)  # type: ignore[arg-type]

    def save(self, preferences: Preferences) -> None:
        for field in fields(Preferences):
            self.settings.setValue(field.name, getattr(preferences, field.name))
        self.settings.sync()

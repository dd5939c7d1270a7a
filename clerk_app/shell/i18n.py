"""Load the translation for the chosen language (English, Dutch; the system's by default)."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from clerk_app.admin.names import app_language
from clerk_app.offers.service import text
from clerk_app.shell.packaged import resource_path

log = logging.getLogger(__name__)
LANGUAGES = ("en", "nl")  # English is the source language: it needs no .qm file
_installed: list[QTranslator] = []


def translations_dir() -> Path:
    """Compiled .qm files: $VIDEOCLERK_TRANSLATIONS, else the installed package's (in a
    checkout resources/translations, where `make translations` compiles them)."""
    override = os.environ.get("VIDEOCLERK_TRANSLATIONS")
    if override:
        return Path(override)
    return resource_path("translations")


def resolve_language(choice: str, system: QLocale | None = None) -> str:
    """ "system" follows the desktop's language when the app speaks it, else English."""
    if choice in LANGUAGES:
        return choice
    locale = system or QLocale.system()
    for name in [locale.name(), *locale.uiLanguages()]:
        code = name.replace("-", "_").split("_")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


def local_text(texts: Mapping[str, str]) -> str:
    """Data named per language by the server ({"en": "Sales", "nl": "Verkoop"}) in the
    language the app speaks now, else English."""
    return text(dict(texts), app_language())


def install_translators(app: QCoreApplication, language: str) -> bool:
    """Replace the installed translations by those for `language`.

    Returns False when the app's .qm for it is missing (run `make translations`); the app then
    shows English rather than failing.
    """
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        return True
    QLocale.setDefault(QLocale(language))
    folder = translations_dir()
    # videoclerk_<lang>.qm holds the shell and the clerk's flow; other parts of the app may
    # ship their own <part>_<lang>.qm beside it.
    files = [folder / f"videoclerk_{language}.qm"]
    files += sorted(p for p in folder.glob(f"*_{language}.qm") if p not in files)
    loaded = False
    for path in files:
        translator = QTranslator(app)
        if path.is_file() and translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
            loaded = loaded or path == files[0]
    if not loaded:
        log.warning("no %s translation in %s; run `make translations`", language, folder)
        return False
    qt = QTranslator(app)  # Qt's own texts: standard buttons, context menus
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return True

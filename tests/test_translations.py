"""Translation coverage: no English text left in the Dutch app.

Counted from the .ts files in resources/translations/: every entry translated (not unfinished,
not empty, not the English source again unless every word of it is the same in Dutch), with the
same placeholders; and every text the code marks for translation present in its file, found
by running pyside6-lupdate on a copy (a text someone forgot to add fails here, until
`make translations-update` adds it and it is translated). Data named per language (the demo
data's queues) is counted in tests/test_app_languages.py, against the real server.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

# No server, no database: `make test-postgres` leaves these out (tests/conftest.py).
pytestmark = pytest.mark.engine_independent

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "resources" / "translations"
APP = ROOT / "clerk_app"
BIN = Path(sys.executable).parent
PANELS = [APP / "admin", APP / "supervisor"]


def _shell_sources() -> list[Path]:
    return sorted(p for p in APP.rglob("*.py") if not any(p.is_relative_to(d) for d in PANELS))


# Which code each file translates, as `make translations-update` collects it (Makefile: TR_SOURCES
# and PANELS); together, all of the app.
PARTS = {"videoclerk_nl.ts": _shell_sources, "panels_nl.ts": lambda: PANELS}

# Words that Dutch writes as English does. An entry whose translation is its source passes
# only when each of its words is here.
SAME_IN_DUTCH = {
    # the same word in Dutch software
    *("account", "audit", "camera", "code", "details", "e-mail", "endpoint", "help", "live"),
    *("logo", "media", "offline", "open", "privacy", "product", "proxy", "status"),
    *("supervisor", "test", "webhooks", "widget", "widgets"),
    # names, units and keys
    *("videoclerk", "http", "url", "ctrl", "return", "min", "s", "ms", "kbit"),
}
PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%n|%\d")
URL = re.compile(r"https?://\S+")
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# Literal translations that read oddly, and what Dutch software says instead.
GLOSSARY = {"keyring": "beveiligde wachtwoordopslag"}
AVOID = {"sleutelbos": "keyring"}


def ts_files() -> list[Path]:
    return sorted(FOLDER.glob("*.ts"))


def messages(path: Path) -> Iterator[tuple[str, ET.Element]]:
    for context in ET.parse(path).getroot().iter("context"):  # noqa: S314 - our own file
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            yield name, message


def source(message: ET.Element) -> str:
    return message.findtext("source") or ""


def translations(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    if translation is None:
        return []
    forms = translation.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [translation.text or ""]


def unfinished(message: ET.Element) -> bool:
    translation = message.find("translation")
    return translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete")


def same_in_dutch(text: str) -> bool:
    """Whether `text` may stand in Dutch as it is: each of its words is in SAME_IN_DUTCH."""
    words = WORD.findall(URL.sub(" ", PLACEHOLDER.sub(" ", text.replace("&", ""))))
    return all(word.lower() in SAME_IN_DUTCH for word in words)


def untranslated(path: Path) -> list[tuple[str, str, str]]:
    """(context, source, why) of each entry of `path` that leaves the Dutch app in English."""
    found = []
    for context, message in messages(path):
        text = source(message)
        dutch = translations(message)
        if unfinished(message):
            found.append((context, text, "unfinished"))
        elif not all(t.strip() for t in dutch):
            found.append((context, text, "empty"))
        elif text in dutch and not same_in_dutch(text):
            found.append((context, text, "the English source again"))
    return found


@pytest.mark.parametrize("path", ts_files(), ids=lambda p: p.name)
def test_every_entry_is_translated_with_its_placeholders(path: Path) -> None:
    assert len(list(messages(path))) > 100
    assert untranslated(path) == []
    for context, message in messages(path):
        text = source(message)
        for dutch in translations(message):
            assert sorted(PLACEHOLDER.findall(dutch)) == sorted(PLACEHOLDER.findall(text)), (
                context,
                text,
                dutch,
            )


def test_every_translation_file_is_collected_from_a_part_of_the_app() -> None:
    assert sorted(PARTS) == [p.name for p in ts_files()]
    covered = {file for part in PARTS.values() for root in part() for file in _python(root)}
    assert covered == set(APP.rglob("*.py"))


def _python(root: Path) -> list[Path]:
    return sorted(root.rglob("*.py")) if root.is_dir() else [root]


@pytest.mark.parametrize("name", sorted(PARTS))
def test_every_text_in_the_code_is_in_its_translation_file(name: str, tmp_path: Path) -> None:
    """lupdate on a copy: no text of the code missing from the file (new) nor a text of the
    file gone from the code (vanished), and everything still translated."""
    copy = tmp_path / name
    shutil.copy(FOLDER / name, copy)
    done = subprocess.run(
        [
            str(BIN / "pyside6-lupdate"),
            *("-extensions", "py"),
            *map(str, PARTS[name]()),
            *("-ts", str(copy)),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert re.search(r"\(0 new and \d+ already existing\)", done.stdout), done.stdout
    assert untranslated(copy) == []


def test_the_dutch_words_are_those_of_dutch_software() -> None:
    for path in ts_files():
        for context, message in messages(path):
            text = source(message)
            for dutch in translations(message):
                for english, plain in GLOSSARY.items():
                    if english in text.lower():
                        assert plain in dutch, (context, text, dutch)
                for odd, english in AVOID.items():
                    assert odd not in dutch.lower(), (context, text, f"{odd} for {english}")

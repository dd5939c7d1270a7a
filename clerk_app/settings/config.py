"""Configuration for installers: a system-wide TOML file and `--config FILE`, Qt-free.

Both files take the same keys (docs/install-clerk-app.md):

```toml
server = "https://video.example.com"
ca_file = "/etc/videoclerk/ca.pem"     # a private CA for the server's certificate
proxy = "http://proxy.example:3128"    # HTTP proxy for the server's HTTPS and WebSocket
language = "nl"                        # "system", "en" or "nl"
theme = "dark"                         # "system", "light" or "dark"
locked = ["server", "proxy"]           # the clerk cannot change these
```

The system-wide file is read first, then the `--config` file over it. A value in a file is
a default that the clerk's own settings override, unless a file locks the key: then the
file's value holds (see `settings.effective` for the order). The `--config` file cannot
change what the system-wide file locks, so a shortcut cannot undo an installer's lock.

Every problem is a ConfigError naming the file, the key and what is wrong, in words an
installer understands; its English text is also the template the app translates.
"""

from __future__ import annotations

import os
import ssl
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath
from typing import Literal, get_args
from urllib.parse import urlsplit

from clerk_app.server_address import ServerAddress

Language = Literal["system", "en", "nl"]
Theme = Literal["system", "light", "dark"]
Key = Literal["server", "ca_file", "proxy", "language", "theme"]
KEYS: tuple[Key, ...] = get_args(Key)
LOCKED = "locked"
FILE_NAME = "config.toml"
# Points the app at another system-wide file (tests; an installer trying a file out).
SYSTEM_CONFIG_ENV = "VIDEOCLERK_SYSTEM_CONFIG"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks a text for translation without loading Qt; the app translates it when shown."""
    return text


# %1 is the file, %2 the key; %3 and %4 what the problem needs. Texts a clerk may see in a
# dialog, so they say what to do as well as what is wrong.
MESSAGES: dict[str, str] = {
    "missing": QT_TRANSLATE_NOOP("ConfigError", "The config file %1 does not exist."),
    "unreadable": QT_TRANSLATE_NOOP("ConfigError", "The config file %1 cannot be read: %3."),
    "not_toml": QT_TRANSLATE_NOOP(
        "ConfigError", "The config file %1 is not valid TOML: %3. Check the quotes and the = signs."
    ),
    "unknown_key": QT_TRANSLATE_NOOP(
        "ConfigError",
        "The config file %1 has an unknown key \u201c%2\u201d. "
        "Known keys: server, ca_file, proxy, language, theme and locked.",
    ),
    "not_text": QT_TRANSLATE_NOOP(
        "ConfigError",
        "In the config file %1, \u201c%2\u201d must be text in double quotes, not %3.",
    ),
    "not_a_list": QT_TRANSLATE_NOOP(
        "ConfigError",
        "In the config file %1, \u201clocked\u201d must be a list of setting names, "
        'like locked = ["server", "proxy"].',
    ),
    "unknown_lock": QT_TRANSLATE_NOOP(
        "ConfigError",
        "In the config file %1, \u201clocked\u201d names \u201c%3\u201d, which is no setting. "
        "Settings that can be locked: server, ca_file, proxy, language and theme.",
    ),
    "bad_choice": QT_TRANSLATE_NOOP(
        "ConfigError",
        "In the config file %1, \u201c%2\u201d must be one of %3, not \u201c%4\u201d.",
    ),
    "bad_server": QT_TRANSLATE_NOOP(
        "ConfigError",
        "In the config file %1, \u201c%2\u201d is not a server address like "
        "https://video.example.com: \u201c%3\u201d.",
    ),
    "bad_proxy": QT_TRANSLATE_NOOP(
        "ConfigError",
        "In the config file %1, \u201c%2\u201d is not a proxy address like "
        "http://proxy.example:3128: \u201c%3\u201d.",
    ),
    "ca_missing": QT_TRANSLATE_NOOP(
        "ConfigError", "In the config file %1, the CA file \u201c%3\u201d (%2) does not exist."
    ),
    "ca_unreadable": QT_TRANSLATE_NOOP(
        "ConfigError", "In the config file %1, the CA file \u201c%3\u201d (%2) cannot be read: %4."
    ),
    "ca_not_pem": QT_TRANSLATE_NOOP(
        "ConfigError",
        "In the config file %1, the CA file \u201c%3\u201d (%2) holds no certificate in PEM "
        "format (-----BEGIN CERTIFICATE-----).",
    ),
    "lock_conflict": QT_TRANSLATE_NOOP(
        "ConfigError",
        "The config file %1 sets \u201c%2\u201d, but the system-wide config file %3 locks it. "
        "Remove \u201c%2\u201d from %1.",
    ),
    "locked_without_server": QT_TRANSLATE_NOOP(
        "ConfigError",
        "The config file %1 locks the server address but sets none. "
        'Add a line like server = "https://video.example.com".',
    ),
    "server_locked": QT_TRANSLATE_NOOP(
        "ConfigError",
        "--server %3 is not allowed: the config file %1 locks the server address to %4. "
        "Start videoclerk without --server.",
    ),
}
Problem = str  # a key of MESSAGES


def fill(template: str, values: tuple[str, ...]) -> str:
    """Qt's %1, %2, ... placeholders, filled highest first (so %1 never eats %10)."""
    for number in range(len(values), 0, -1):
        template = template.replace(f"%{number}", values[number - 1])
    return template


class ConfigError(Exception):
    """A config file cannot be used: which file, which key, what is wrong."""

    def __init__(self, problem: Problem, file: PurePath | str, key: str = "", *more: str) -> None:
        self.problem = problem
        self.file = str(file)
        self.key = key
        self.values = (self.file, key, *more)
        super().__init__(fill(MESSAGES[problem], self.values))


@dataclass(frozen=True)
class AppConfig:
    """What the config files set; None where they set nothing."""

    server: str | None = None
    ca_file: Path | None = None
    proxy: str | None = None
    language: Language | None = None
    theme: Theme | None = None
    locked_by: Mapping[str, Path] = field(default_factory=dict)  # locked key -> its file
    files: tuple[Path, ...] = ()  # the files read, system-wide first

    @property
    def locked(self) -> frozenset[str]:
        return frozenset(self.locked_by)

    def value(self, key: Key) -> str | Path | None:
        value: str | Path | None = getattr(self, key)
        return value


# ---- where the system-wide file is ----------------------------------------------------------


def system_config_candidates(
    platform: str = sys.platform, environ: Mapping[str, str] = os.environ
) -> list[PurePath]:
    """Where the system-wide file may be, most important first.

    Linux and other Unixes: each of $XDG_CONFIG_DIRS (default /etc/xdg) + videoclerk/config.toml.
    Windows: %PROGRAMDATA%\\videoclerk\\config.toml. macOS: /Library/Application Support/....
    """
    override = environ.get(SYSTEM_CONFIG_ENV)
    if override:
        return [Path(override)]
    if platform == "win32":
        data = environ.get("PROGRAMDATA") or r"C:\ProgramData"
        return [PureWindowsPath(data, "videoclerk", FILE_NAME)]
    if platform == "darwin":
        return [PurePosixPath("/Library/Application Support/videoclerk", FILE_NAME)]
    dirs = [d for d in environ.get("XDG_CONFIG_DIRS", "").split(":") if d.startswith("/")]
    return [PurePosixPath(d, "videoclerk", FILE_NAME) for d in dirs or ["/etc/xdg"]]


def system_config_path(
    platform: str = sys.platform, environ: Mapping[str, str] = os.environ
) -> PurePath:
    """The system-wide file in effect: the first candidate that exists, else the first one
    (where an installer would put it)."""
    candidates = system_config_candidates(platform, environ)
    for candidate in candidates:
        if Path(candidate).exists():
            return candidate
    return candidates[0]


# ---- checking values -------------------------------------------------------------------------


def server_problem(text: str) -> str | None:
    """None when `text` is a server address the app can use."""
    try:
        ServerAddress.parse(text)
    except ValueError:
        return "bad_server"
    return None


def proxy_problem(text: str) -> str | None:
    """None for an HTTP(S) proxy address with a host (and no path)."""
    try:
        parts = urlsplit(text.strip())
        parts.port  # noqa: B018 - raises ValueError for a port that is no number
    except ValueError:
        return "bad_proxy"
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
        return "bad_proxy"
    return None


def ca_file_problem(path: Path) -> tuple[str, str] | None:
    """None when `path` holds at least one PEM certificate; else (problem, detail)."""
    if not path.exists():
        return "ca_missing", ""
    try:
        ssl.create_default_context(cafile=str(path))
    except ssl.SSLError:
        return "ca_not_pem", ""
    except OSError as exc:  # a folder, no permission
        return "ca_unreadable", exc.strerror or str(exc)
    return None


# ---- reading files ---------------------------------------------------------------------------

_CHOICES: dict[str, tuple[str, ...]] = {"language": get_args(Language), "theme": get_args(Theme)}
_TYPE_NAMES = {bool: "true or false", int: "a number", float: "a number", list: "a list"}


def _type_name(value: object) -> str:
    for kind, name in _TYPE_NAMES.items():
        if isinstance(value, kind):
            return name
    return "a table" if isinstance(value, dict) else type(value).__name__


@dataclass(frozen=True)
class FileConfig:
    """One file's checked values and locks."""

    path: Path
    values: dict[str, str | Path]
    locked: frozenset[str]


def read_config_file(path: Path) -> FileConfig:
    """Read and check one file; raises ConfigError. A relative ca_file is relative to the
    file's folder."""
    try:
        with path.open("rb") as file:
            raw = tomllib.load(file)
    except FileNotFoundError as exc:
        raise ConfigError("missing", path) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("not_toml", path, "", str(exc)) from exc
    except (OSError, UnicodeDecodeError) as exc:
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ConfigError("unreadable", path, "", detail) from exc
    values: dict[str, str | Path] = {}
    locked: frozenset[str] = frozenset()
    for key, value in raw.items():
        if key == LOCKED:
            locked = _locks(path, value)
        elif key not in KEYS:
            raise ConfigError("unknown_key", path, key)
        elif not isinstance(value, str):
            raise ConfigError("not_text", path, key, _type_name(value))
        else:
            values[key] = _checked(path, key, value.strip())
    return FileConfig(path, values, locked)


def _locks(path: Path, value: object) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
        raise ConfigError("not_a_list", path, LOCKED)
    for name in value:
        if name not in KEYS:
            raise ConfigError("unknown_lock", path, LOCKED, name)
    return frozenset(value)


def _checked(path: Path, key: str, value: str) -> str | Path:
    choices = _CHOICES.get(key)
    if choices is not None and value not in choices:
        raise ConfigError("bad_choice", path, key, ", ".join(choices), value)
    if key == "server" and server_problem(value):
        raise ConfigError("bad_server", path, key, value)
    if key == "proxy" and proxy_problem(value):
        raise ConfigError("bad_proxy", path, key, value)
    if key == "ca_file":
        ca_file = path.parent / Path(value).expanduser()
        problem = ca_file_problem(ca_file)
        if problem is not None:
            raise ConfigError(problem[0], path, key, str(ca_file), problem[1])
        return ca_file
    return value


def merge(files: list[FileConfig]) -> AppConfig:
    """Later files over earlier ones, except that a later file may not change a key an
    earlier one locks (a ConfigError naming both)."""
    values: dict[str, str | Path] = {}
    locked_by: dict[str, Path] = {}
    for config in files:
        for key, value in config.values.items():
            owner = locked_by.get(key)
            if owner is not None and values.get(key) != value:
                raise ConfigError("lock_conflict", config.path, key, str(owner))
            values[key] = value
        for key in config.locked:
            locked_by.setdefault(key, config.path)
    if "server" in locked_by and "server" not in values:
        raise ConfigError("locked_without_server", locked_by["server"], "server")
    return AppConfig(
        server=_text(values.get("server")),
        ca_file=Path(values["ca_file"]) if "ca_file" in values else None,
        proxy=_text(values.get("proxy")),
        language=_text(values.get("language")),  # type: ignore[arg-type]
        theme=_text(values.get("theme")),  # type: ignore[arg-type]
        locked_by=locked_by,
        files=tuple(config.path for config in files),
    )


def _text(value: str | Path | None) -> str | None:
    return None if value is None else str(value)


def load_config(extra: Path | None = None, *, system: PurePath | None = None) -> AppConfig:
    """The system-wide file (if there is one) and `extra` (--config; must exist) merged.

    `system` defaults to the platform's place (`system_config_path`).
    """
    files: list[FileConfig] = []
    system_path = Path(system if system is not None else system_config_path())
    if system_path.exists():
        files.append(read_config_file(system_path))
    if extra is not None:
        files.append(read_config_file(extra))
    return merge(files)

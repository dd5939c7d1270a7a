"""Which value holds for each setting an installer can set: the precedence rules, pure.

From weakest to strongest:

1. the built-in default (no server, the system's CAs, no proxy, the system's language and theme);
2. the config files: the system-wide one, then `--config` over it;
3. what the clerk chose in the app (the last server logged in to, Settings);
4. the command line: `--server`.

A key that a config file locks takes the file's value whatever 3 and 4 say; locked without a
value it keeps the built-in default (say, no proxy). `--server` naming another server than a
locked one is refused with a ConfigError rather than ignored: a shortcut or script that
passes it should fail loudly, not log in somewhere else than it says.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from clerk_app.server_address import ServerAddress
from clerk_app.settings.config import KEYS, AppConfig, ConfigError, Key
from clerk_app.settings.preferences import Preferences

Value = str | Path | None
NO_CHOICE = "system"  # the clerk's "follow the system": no choice of their own


@dataclass(frozen=True)
class Effective:
    server: str  # "" = none known: the log-in window asks
    ca_file: Path | None
    proxy: str | None
    language: str  # "system", "en" or "nl"
    theme: str  # "system", "light" or "dark"
    locked: frozenset[str]


def choose(
    key: Key, config: AppConfig, user: Mapping[Key, Value], flags: Mapping[Key, Value]
) -> Value:
    """One key: a lock's value, else the first of command line, clerk, config files."""
    if key in config.locked:
        return config.value(key)
    for value in (flags.get(key), user.get(key), config.value(key)):
        if value is not None:
            return value
    return None


def user_values(preferences: Preferences) -> dict[Key, Value]:
    """The clerk's choices; None where they made none."""
    return {
        "server": preferences.server_url or None,
        "ca_file": Path(preferences.ca_file).expanduser() if preferences.ca_file else None,
        "proxy": preferences.proxy or None,
        "language": None if preferences.language == NO_CHOICE else preferences.language,
        "theme": None if preferences.theme == NO_CHOICE else preferences.theme,
    }


def effective(
    config: AppConfig, preferences: Preferences, *, server_flag: str | None = None
) -> Effective:
    user = user_values(preferences)
    flags: dict[Key, Value] = {"server": server_flag or None}
    chosen = {key: choose(key, config, user, flags) for key in KEYS}
    return Effective(
        server=str(chosen["server"] or ""),
        ca_file=Path(chosen["ca_file"]) if chosen["ca_file"] else None,
        proxy=str(chosen["proxy"]) if chosen["proxy"] else None,
        language=str(chosen["language"] or NO_CHOICE),
        theme=str(chosen["theme"] or NO_CHOICE),
        locked=config.locked,
    )


def check_server_flag(config: AppConfig, server_flag: str | None) -> None:
    """Raises ConfigError when `--server` names another server than a locked one."""
    locked = config.server if "server" in config.locked else None
    if not server_flag or locked is None:
        return
    if _same_server(server_flag, locked):
        return
    raise ConfigError("server_locked", config.locked_by["server"], "server", server_flag, locked)


def _same_server(a: str, b: str) -> bool:
    try:
        return ServerAddress.parse(a).base_url == ServerAddress.parse(b).base_url
    except ValueError:
        return False

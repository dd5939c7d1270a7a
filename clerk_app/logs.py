"""The app's log: a rotating file in the platform's place for logs, never holding secrets.

Where (`log_folder`): Linux $XDG_STATE_HOME/videoclerk/logs (~/.local/state/...), Windows
%LOCALAPPDATA%\\videoclerk\\logs, macOS ~/Library/Logs/videoclerk; $VIDEOCLERK_LOG_DIR
instead when set. The file rotates at MAX_BYTES, keeping BACKUPS old ones.

What never gets in (`redact`, applied to every line and traceback on every handler):
bearer tokens and session tokens (`vcs_…`), API keys (`vck_…`), webhook secrets, any
value named password, token, secret, credential, key or username (TURN credentials
among them), the user part of a URL, e-mail addresses, and IP addresses (a visitor's
comes with every WebRTC candidate; promise P1). Qt-free: it starts before the first window.
"""

from __future__ import annotations

import ipaddress
import logging
import logging.handlers
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

LOG_DIR_ENV = "VIDEOCLERK_LOG_DIR"
LOG_FILE = "videoclerk.log"
MAX_BYTES = 2 * 1024 * 1024
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
REDACTED = "[redacted]"

_handlers: list[logging.Handler] = []  # what setup_logging installed, replaced on a second call


def log_folder(
    platform: str = sys.platform,
    environ: Mapping[str, str] = os.environ,
    home: PurePath | None = None,
) -> PurePath:
    override = environ.get(LOG_DIR_ENV)
    if override:
        return Path(override)
    if platform == "win32":
        local = environ.get("LOCALAPPDATA")
        windows = PureWindowsPath(local or PureWindowsPath(home or Path.home(), "AppData", "Local"))
        return windows / "videoclerk" / "logs"
    user_home = PurePosixPath(home or Path.home())
    if platform == "darwin":
        return user_home / "Library" / "Logs" / "videoclerk"
    state = environ.get("XDG_STATE_HOME", "")
    states = PurePosixPath(state) if state.startswith("/") else user_home / ".local" / "state"
    return states / "videoclerk" / "logs"


# ---- redaction -------------------------------------------------------------------------------

_SENSITIVE_NAMES = (
    r"password|passwd|passphrase|secret|token|access_token|refresh_token|credential|"
    r"api[_-]?key|x-api-key|username"
)
_RULES: list[tuple[re.Pattern[str], str]] = [
    # Authorization header values, whatever the quoting around them.
    (re.compile(r"\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}", re.IGNORECASE), rf"\1 {REDACTED}"),
    # The server's own secrets by their prefixes: sessions, API keys, webhook secrets.
    (re.compile(r"\b(vcs|vck|whsec)_[A-Za-z0-9_+/=-]{8,}"), rf"\1_{REDACTED}"),
    # name=value, name: value, "name": "value", name='value' (reprs of TURN servers, JSON).
    (
        re.compile(
            rf"""(["']?\b(?:{_SENSITIVE_NAMES})\b["']?\s*[:=]\s*)"""
            r"""("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s,;&)}\]]+)""",
            re.IGNORECASE,
        ),
        rf"\1{REDACTED}",
    ),
    # https://user:password@host
    (re.compile(r"\b([a-z][a-z0-9+.-]*://)[^/\s@]+@", re.IGNORECASE), rf"\1{REDACTED}@"),
    (re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"), "[e-mail]"),
]
_IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.]*\w)")
_IPV6 = re.compile(
    r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{0,4}|(?:\d{1,3}\.){3}\d{1,3})(?![\w:])"
)


def _address(match: re.Match[str]) -> str:
    """An IP address becomes [address]; loopback and 0.0.0.0 stay (no one's address)."""
    text = match.group(0)
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return text  # a time like 12:30:45, a version like 1.2.3.4.5
    return text if address.is_loopback or address.is_unspecified else "[address]"


def redact(text: str) -> str:
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    text = _IPV6.sub(_address, text)
    return _IPV4.sub(_address, text)


class Redactor(logging.Filter):
    """Rewrites each record's message, traceback and stack with `redact` before any handler
    formats it, so no handler can write a secret."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message)
        if clean != message or record.args:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


# ---- set-up ----------------------------------------------------------------------------------


def setup_logging(
    folder: Path | None = None,
    *,
    max_bytes: int = MAX_BYTES,
    backups: int = BACKUPS,
    stderr: bool = True,
) -> Path | None:
    """Log the app's own messages from INFO, everyone else's from WARNING, to a rotating
    file in `folder` (the platform's place if None) and warnings to stderr.

    Returns the log file, or None when the folder cannot be made (then stderr only).
    Calling it again replaces what the last call installed.
    """
    close_logging()
    root = logging.getLogger()
    redactor = Redactor()
    formatter = logging.Formatter(FORMAT)
    if stderr:
        console = logging.StreamHandler()
        console.setLevel(logging.WARNING)
        console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        _handlers.append(console)
    where = Path(folder if folder is not None else log_folder())
    path: Path | None = where / LOG_FILE
    try:
        where.mkdir(parents=True, exist_ok=True)
        file_handler = logging.handlers.RotatingFileHandler(
            where / LOG_FILE, maxBytes=max_bytes, backupCount=backups, encoding="utf-8"
        )
    except OSError as exc:
        path = None
        problem = f"no log file in {where}: {exc.strerror or exc}"
    else:
        file_handler.setLevel(logging.INFO)
        file_handler.setFormatter(formatter)
        _handlers.append(file_handler)
        problem = ""
    for handler in _handlers:
        handler.addFilter(redactor)
        root.addHandler(handler)
    root.setLevel(logging.WARNING)
    logging.getLogger("clerk_app").setLevel(logging.INFO)
    if problem:
        logging.getLogger(__name__).warning(problem)
    return path


def close_logging() -> None:
    """Remove and close what setup_logging installed (the file is flushed)."""
    root = logging.getLogger()
    for handler in _handlers:
        root.removeHandler(handler)
        handler.close()
    _handlers.clear()

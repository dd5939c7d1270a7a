"""`videoclerk`: the clerk desktop app's entry point.

videoclerk [--server URL] [--config FILE] [--logged-out] [--smoke] [--version]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import platform
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from clerk_app import __version__

if TYPE_CHECKING:
    from clerk_app.settings.config import AppConfig, ConfigError

log = logging.getLogger("clerk_app.main")  # also when run as `python -m clerk_app.main`


def version_text() -> str:
    """What `--version` prints: the version, where the logs are, which system file applies."""
    from clerk_app.logs import log_folder
    from clerk_app.settings.config import system_config_path

    system = Path(system_config_path())
    state = "read at start" if system.exists() else "none there"
    return (
        f"videoclerk {__version__}\n"
        f"Logs: {log_folder()}\n"
        f"System-wide config file: {system} ({state})"
    )


class _VersionAction(argparse.Action):
    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kwargs: object) -> None:
        print(version_text())
        parser.exit()


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="videoclerk", description="Take video calls from your website's visitors."
    )
    parser.add_argument(
        "--server",
        help="server address; wins over the config files and the remembered one, "
        "but is refused when a config file locks another server",
    )
    parser.add_argument(
        "--config",
        type=Path,
        help="TOML config file read over the system-wide one "
        "(server, ca_file, proxy, language, theme, locked)",
    )
    parser.add_argument(
        "--logged-out",
        action="store_true",
        help="start at the log-in window even when a session is remembered",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="check Qt, the codecs and the server's /health offscreen, print one line, exit",
    )
    parser.add_argument(
        "--version",
        action=_VersionAction,
        nargs=0,
        help="show the version, where the logs are and the system-wide config file, and exit",
    )
    parser.add_argument("--exit-when-shown", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from clerk_app.logs import close_logging, setup_logging

    log_file = setup_logging()
    log.info(
        "videoclerk %s starting (Python %s, %s), log file %s",
        __version__,
        platform.python_version(),
        platform.platform(),
        log_file,
    )
    try:
        return _start(args, log_file)
    finally:
        close_logging()


def _start(args: argparse.Namespace, log_file: Path | None) -> int:
    from clerk_app.settings.config import ConfigError, load_config
    from clerk_app.settings.effective import check_server_flag

    try:
        config = load_config(args.config)
        check_server_flag(config, args.server)
    except ConfigError as exc:
        log.info("not started: %s", exc)
        if args.smoke:
            print(f"videoclerk: {exc}", file=sys.stderr)
            return 2
        return show_config_error(exc)
    if config.files:
        log.info(
            "config files %s; locked: %s",
            ", ".join(map(str, config.files)),
            ", ".join(sorted(config.locked)) or "nothing",
        )
    if args.smoke:
        return smoke(args, config)
    return run_app(args, config, log_file)


def smoke(args: argparse.Namespace, config: AppConfig) -> int:
    from clerk_app.settings.effective import effective
    from clerk_app.settings.preferences import Preferences

    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from clerk_app.shell.i18n import resolve_language
    from clerk_app.shell.smoke import run_smoke

    # An installer's check: the config files and the command line, not a clerk's own settings.
    chosen = effective(config, Preferences(), server_flag=args.server)
    status, line = run_smoke(
        chosen.server or None,
        chosen.ca_file,
        proxy=chosen.proxy,
        language=resolve_language(chosen.language),
    )
    print(line)
    return status


def show_config_error(error: ConfigError) -> int:
    """A dialog in the system's language saying what is wrong; then the app ends (status 2)."""
    from PySide6.QtWidgets import QApplication

    from clerk_app.shell.errors import config_error_box
    from clerk_app.shell.i18n import install_translators, resolve_language

    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qapp, QApplication)
    install_translators(qapp, resolve_language("system"))
    config_error_box(error).exec()
    return 2


def run_app(args: argparse.Namespace, config: AppConfig, log_file: Path | None) -> int:
    import qasync
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from clerk_app.account.token_store import default_token_store
    from clerk_app.settings.store import APPLICATION, ORGANISATION, PreferenceStore
    from clerk_app.shell.app import ClerkApp
    from clerk_app.shell.garbage import GuiThreadCollector

    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qapp, QApplication)
    qapp.setOrganizationName(ORGANISATION)
    qapp.setApplicationName(APPLICATION)
    qapp.setApplicationDisplayName("videoclerk")
    qapp.setApplicationVersion(__version__)
    qapp.setQuitOnLastWindowClosed(False)  # the controller decides when the app ends
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    clerk = ClerkApp(
        qapp,
        preferences=PreferenceStore(),
        tokens=default_token_store(),
        config=config,
        server=args.server,
        resume=not args.logged_out,
        exit_when_shown=args.exit_when_shown,
        log_file=log_file,
    )

    # Ctrl+C in the terminal (or a service manager's SIGTERM) ends the app the orderly way:
    # hang up, close the socket. Python runs signal handlers only between bytecodes, so a
    # timer wakes it up now and then while Qt waits for events.
    def on_signal(number: int, _frame: object) -> None:
        clerk.quit(128 + number)

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    wake = QTimer()
    wake.timeout.connect(lambda: None)
    wake.start(300)
    collector = GuiThreadCollector()  # media threads must never destroy Qt objects
    collector.start()
    with loop:
        status: int = loop.run_until_complete(clerk.run())
    collector.stop()
    wake.stop()
    return status


if __name__ == "__main__":
    sys.exit(main())

"""`videoclerk`: the clerk desktop app's entry point.

    videoclerk [--server URL] [--config FILE] [--logged-out] [--smoke]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
from pathlib import Path

from clerk_app import __version__


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="videoclerk", description="Take video calls from your website's visitors."
    )
    parser.add_argument(
        "--server", help="server address; wins over the config file and the remembered one"
    )
    parser.add_argument(
        "--config", type=Path, help="TOML config file (server, ca_file, language, theme)"
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
    parser.add_argument("--version", action="version", version=f"videoclerk {__version__}")
    parser.add_argument("--exit-when-shown", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    from clerk_app.settings.config import ConfigError, load_config

    try:
        config = load_config(args.config)
    except ConfigError as exc:
        print(f"videoclerk: {exc}", file=sys.stderr)
        return 2
    if args.smoke:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from clerk_app.shell.smoke import run_smoke

        status, line = run_smoke(args.server or config.server, config.ca_file)
        print(line)
        return status
    return run_app(args, config)


def run_app(args: argparse.Namespace, config: object) -> int:
    import qasync
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from clerk_app.account.token_store import default_token_store
    from clerk_app.settings.config import AppConfig
    from clerk_app.settings.store import APPLICATION, ORGANISATION, PreferenceStore
    from clerk_app.shell.app import ClerkApp

    assert isinstance(config, AppConfig)
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
    with loop:
        status: int = loop.run_until_complete(clerk.run())
    wake.stop()
    return status


if __name__ == "__main__":
    sys.exit(main())

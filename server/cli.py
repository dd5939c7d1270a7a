"""`videoclerk-server`: run the server, upgrade its database, and the operator's commands."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from server import __version__
from server.config import Settings
from server.database import DatabaseTooNewError, connect, migrate


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="videoclerk-server",
        description="The videoclerk companion server. Settings come from these flags, then "
        "VIDEOCLERK_* environment variables, then the TOML file given with --config.",
    )
    parser.add_argument("--version", action="version", version=f"videoclerk-server {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--data-dir", type=Path, help="folder of the database and mail outbox")
        sub.add_argument("--config", type=Path, dest="config_file", help="TOML settings file")

    serve = commands.add_parser(
        "serve",
        help="run the HTTP and WebSocket server (applies pending migrations first)",
        description="Run the server. Pending database migrations are applied on start.",
    )
    common(serve)
    serve.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default 8080)")
    serve.add_argument("--tls-cert", type=Path, help="PEM certificate: serve HTTPS and WSS")
    serve.add_argument("--tls-key", type=Path, help="PEM private key for --tls-cert")
    serve.add_argument(
        "--demo",
        action="store_true",
        help="when the database is new, create a demo organisation and print its log-ins",
    )
    migrate_cmd = commands.add_parser(
        "migrate",
        help="apply pending database migrations and exit",
        description="Apply pending database migrations and exit; refuses a newer database.",
    )
    common(migrate_cmd)
    recordings = commands.add_parser("recordings", help="recordings' keys")
    recordings_commands = recordings.add_subparsers(dest="action", required=True, metavar="ACTION")
    recordings_commands.add_parser(
        "make-master-key", help="print a new master key for recordings and how to configure it"
    )
    retention = commands.add_parser("retention", help="delete recordings that are due")
    retention_commands = retention.add_subparsers(dest="action", required=True, metavar="ACTION")
    run = retention_commands.add_parser(
        "run", help="delete recordings past retention and expired uploads, now"
    )
    common(run)
    run.add_argument("--dry-run", action="store_true", help="list what is due; delete nothing")

    policy = commands.add_parser("policy", help="privacy-policy versions (P15)")
    policy_commands = policy.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = policy_commands.add_parser("list", help="list the versions and which is in force")
    common(listing)
    add = policy_commands.add_parser(
        "add",
        help="add a version that takes effect at a date",
        description="Add a privacy-policy version. A material one is accepted anew by every "
        "user at their first log-in after it takes effect; users who never logged in simply "
        "accept the version in force.",
    )
    common(add)
    add.add_argument("version", help="its name, e.g. 2026-01-01")
    add.add_argument(
        "--effective",
        required=True,
        type=_moment,
        help="when it takes effect: a date (midnight UTC) or an ISO time with offset",
    )
    add.add_argument("--text-file", type=Path, required=True, help="the policy's text (UTF-8)")
    add.add_argument("--language", default="en", help="the text's language (default en)")
    add.add_argument("--summary", default="", help="what changed, in a sentence")
    add.add_argument(
        "--material", action="store_true", help="users who accepted an earlier version accept anew"
    )
    add.add_argument(
        "--announce",
        action="store_true",
        help="mail a service notice to every user who accepted a version before",
    )

    mail = commands.add_parser("mail", help="mail every user (P13)")
    mail_commands = mail.add_subparsers(dest="action", required=True, metavar="ACTION")
    send = mail_commands.add_parser(
        "send",
        help="queue a service notice or a marketing mail to all users",
        description="A service notice goes to every active user; a marketing mail only to "
        "users who opted in and did not restrict marketing. The running server sends them.",
    )
    common(send)
    send.add_argument("--kind", choices=("service", "marketing"), required=True)
    send.add_argument("--subject", required=True)
    send.add_argument("--body-file", type=Path, required=True, help="the text (UTF-8)")
    send.add_argument("--dry-run", action="store_true", help="count the recipients; send nothing")

    privacy = commands.add_parser("privacy", help="what the server says about its processing")
    privacy_commands = privacy.add_subparsers(dest="action", required=True, metavar="ACTION")
    record = privacy_commands.add_parser(
        "record", help="print the record of processing activities (GDPR Art. 30) as JSON"
    )
    common(record)
    return parser


def _moment(text: str) -> datetime:
    """A date (midnight UTC) or an ISO 8601 time with an offset."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date or ISO time: {text}") from exc
    if moment.tzinfo is None:
        if len(text) > 10:
            raise argparse.ArgumentTypeError("give the time's offset, e.g. +00:00")
        moment = moment.replace(tzinfo=UTC)
    return moment


def _settings(args: argparse.Namespace) -> Settings:
    given: dict[str, Any] = {
        name: value
        for name in ("data_dir", "config_file", "host", "port", "tls_cert", "tls_key")
        if (value := getattr(args, name, None)) is not None
    }
    return Settings(**given)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = _settings(args)
    try:
        if args.command == "recordings":
            return _make_master_key()
        if args.command == "retention":
            return _retention(settings, dry_run=args.dry_run)
        if args.command == "policy":
            return _policy(settings, args)
        if args.command == "mail":
            return _mail(settings, args)
        if args.command == "privacy":
            return _privacy_record(settings)
        if args.command == "migrate":
            applied = migrate(connect(settings.database_path))
            print(f"Applied {len(applied)} migration(s) to {settings.database_path}.")
            return 0
        return _serve(settings, demo=args.demo)
    except DatabaseTooNewError as exc:
        print(f"videoclerk-server: {exc}", file=sys.stderr)
        return 2


def _make_master_key() -> int:
    from server.recordings.keys import make_master_key

    key = make_master_key()
    print(key)
    print(
        "\nKeep this key secret and apart from backups of the data folder: without it no "
        "recording can be read. Either save the line above to a file only the server can read "
        '(chmod 600) and set `recordings_master_key_file = "/path/to/file"` in the TOML '
        "settings, or set the environment variable VIDEOCLERK_RECORDINGS_MASTER_KEY to it. "
        "Then restart the server.",
        file=sys.stderr,
    )
    return 0


def _retention(settings: Settings, *, dry_run: bool) -> int:
    from server.database import open_database
    from server.recordings import service
    from server.recordings.keys import KeyRing
    from server.recordings.uploads import Uploads

    db = open_database(settings.database_path)
    uploads = Uploads(db, settings, KeyRing(db, settings))
    found = service.run_retention(db, uploads=uploads, settings=settings, dry_run=dry_run)
    verb = "Due" if dry_run else "Deleted"
    for item in found:
        print(f"{verb}: recording {item.recording_id} ({item.why})")
    print(f"{verb} {len(found)} recording(s).")
    return 0


def _policy(settings: Settings, args: argparse.Namespace) -> int:
    from server.database import open_database
    from server.policy import service

    db = open_database(settings.database_path)
    if args.action == "add":
        try:
            service.add_version(
                db,
                version=args.version,
                effective_at=args.effective,
                material=args.material,
                summary=args.summary,
                language=args.language,
                text=args.text_file.read_text(encoding="utf-8"),
            )
        except ValueError as exc:
            print(f"videoclerk-server: version not added: {exc}", file=sys.stderr)
            return 2
        print(f"Added privacy-policy version {args.version}, in force from {args.effective}.")
        if args.announce:
            _announce(db, settings, args)
    state = service.state(db, settings)
    for version in ([state.current] if state.current else []) + state.upcoming:
        when = "in force" if version is state.current else "announced"
        material = ", material" if version.material else ""
        print(f"{version.version}\t{version.effective_at}\t{when}{material}\t{version.url}")
    return 0


def _announce(db: Any, settings: Settings, args: argparse.Namespace) -> None:
    from server.marketing import service as mailings
    from server.policy import service

    day = args.effective.strftime("%d %B %Y")
    summary = f"\n\n{args.summary}" if args.summary else ""
    body = (
        f"Our privacy policy changes on {day} (version {args.version}).{summary}\n\n"
        f"Read the new text: {service.text_url(settings, args.version)}\n"
        + (
            "You will be asked to accept it at your next log-in after that day.\n"
            if args.material
            else ""
        )
    )
    count = mailings.send_mailing(
        db,
        kind="service",
        subject="Our privacy policy changes",
        body=body,
        audience="accepted_a_policy",
    )
    print(f"Queued a service notice to {count} user(s).")


def _mail(settings: Settings, args: argparse.Namespace) -> int:
    from server.database import open_database
    from server.marketing import service as mailings

    db = open_database(settings.database_path)
    count = mailings.send_mailing(
        db,
        kind=args.kind,
        subject=args.subject,
        body=args.body_file.read_text(encoding="utf-8"),
        dry_run=args.dry_run,
    )
    verb = "Would queue" if args.dry_run else "Queued"
    print(f"{verb} {count} {args.kind} mail(s); the running server sends them.")
    return 0


def _privacy_record(settings: Settings) -> int:
    import json

    from server.database import open_database
    from server.privacy import record

    print(json.dumps(record.record(open_database(settings.database_path), settings), indent=2))
    return 0


def _serve(settings: Settings, *, demo: bool) -> int:
    import uvicorn

    from server.app import asgi_app, create_app
    from server.gc_policy import tune_for_many_sockets
    from server.logs import log_config

    if (settings.tls_cert is None) != (settings.tls_key is None):
        print("videoclerk-server: give both --tls-cert and --tls-key, or neither.", file=sys.stderr)
        return 2
    app = create_app(settings)
    if demo:
        from server.demo import seed_if_empty

        logins = seed_if_empty(app.state.db, settings)
        if logins:
            print("Demo organisation created. Log-ins (e-mail / password):")
            for login in logins:
                print(f"  {login.role:<10} {login.email:<24} {login.password}")
    tune_for_many_sockets()
    scheme = "https" if settings.tls_cert else "http"
    print(
        f"videoclerk-server {__version__} on {scheme}://{settings.host}:{settings.port}", flush=True
    )
    uvicorn.run(
        asgi_app(app),
        host=settings.host,
        port=settings.port,
        ssl_certfile=str(settings.tls_cert) if settings.tls_cert else None,
        ssl_keyfile=str(settings.tls_key) if settings.tls_key else None,
        # uvicorn's access log would write client IPs; visitors' IPs must never be logged (P1).
        access_log=False,
        # Every socket is pinged; one silent past the timeout is dropped (docs/protocol.md).
        ws_ping_interval=settings.heartbeat_seconds,
        ws_ping_timeout=settings.heartbeat_timeout_seconds,
        # Browsers ask for permessage-deflate, and its compressor and decompressor cost each
        # socket about 41 KiB: a waiting visitor 66 KiB instead of 25 (1,000 sockets on a
        # bare uvicorn). Visitors' messages are a few hundred bytes, so it saves them little;
        # clerks' queue snapshots (up to ~100 KB) go uncompressed.
        ws_per_message_deflate=False,
        log_config=log_config(),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`videoclerk-server`: run the server; upgrade, back up and restore its database; make
organisations and recordings' keys; the operator's commands (retention, legal holds, purging
an account, policy versions, mail, the record of processing). See docs/operators.md,
docs/retention.md and docs/privacy.md."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from server import __version__, clock
from server.config import Settings
from server.database import (
    DatabaseTooNewError,
    DataFolderInUseError,
    connect_configured,
    lock_data_folder,
    migrate,
)
from server.retention.rules import RATING_COMMENTS, Reason

if TYPE_CHECKING:
    from server.holds.service import HoldLine
    from server.recordings.uploads import Uploads
    from server.retention.service import Report
    from server.sql import Database


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
    retention = commands.add_parser(
        "retention", help="erase what retention rules say is due and complete erasure requests"
    )
    retention_commands = retention.add_subparsers(dest="action", required=True, metavar="ACTION")
    run = retention_commands.add_parser(
        "run",
        help="erase now what is due: recordings past retention, expired uploads, and closed "
        "accounts' data past their rules, and complete open erasure requests",
    )
    common(run)
    run.add_argument("--dry-run", action="store_true", help="report what is due; erase nothing")
    _operator_commands(commands, common)
    _hold_commands(commands, common)

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


def _operator_commands(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
    common: Callable[[argparse.ArgumentParser], None],
) -> None:
    """Backups, restores and organisations: what operators run (docs/operators.md)."""
    backup = commands.add_parser(
        "backup",
        help="copy the database while the server runs (SQLite online backup)",
        description="Copy the database, consistent as of one moment, while the server runs "
        "and writes. Only the database: back up secrets-keyset.json, the recordings' master "
        "key and the recordings folder apart (docs/operators.md).",
    )
    common(backup)
    backup.add_argument("dest", type=Path, metavar="DEST", help="file, or folder for a dated file")
    restore = commands.add_parser(
        "restore",
        help="put a backup in place as the database (the server must be stopped)",
        description="Check a backup (integrity, schema version) and make it the data folder's "
        "database. Refused while a server runs on the data folder; an older backup is upgraded "
        "when the server starts.",
    )
    common(restore)
    restore.add_argument("source", type=Path, metavar="SRC", help="a file made by `backup`")
    restore.add_argument(
        "--replace", action="store_true", help="overwrite the data folder's existing database"
    )
    to_postgres = commands.add_parser(
        "migrate-to-postgres",
        help="copy the data folder's SQLite database into an empty PostgreSQL database "
        "(the server must be stopped)",
        description="Copy every row of the data folder's SQLite database, in one transaction, "
        "into an empty PostgreSQL database, then check the counts. The SQLite file is only "
        "read. Refused while a server runs on the data folder (docs/scale-out.md).",
    )
    common(to_postgres)
    to_postgres.add_argument(
        "--to",
        required=True,
        type=_postgres_url,
        metavar="URL",
        help="the PostgreSQL database, postgresql://user@host:5432/name",
    )
    org = commands.add_parser("org", help="organisations, for operators")
    org_commands = org.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = org_commands.add_parser(
        "create",
        help="create an organisation and invite its first administrator",
        description="Create an organisation and its first administrator, who gets an "
        "invitation mail with a code to choose a password (or, with --print-code, you hand "
        "the code over). Works with public sign-up switched off.",
    )
    common(create)
    for flag, what in (
        ("--name", "the organisation's (company's) name"),
        ("--organisation-number", "its company registration number"),
        ("--vat-number", "its VAT number"),
        ("--street", "billing address: street and number"),
        ("--postal-code", "billing address: postal code"),
        ("--city", "billing address: city"),
        ("--country", "ISO 3166 code of its country, e.g. NL"),
        ("--admin-name", "the first administrator's name"),
        ("--admin-email", "the first administrator's e-mail address"),
        ("--admin-age", "the first administrator's age in years (checked, not stored)"),
    ):
        create.add_argument(flag, required=True, help=what)
    create.add_argument(
        "--print-code",
        action="store_true",
        help="print the invitation code instead of mailing it",
    )
    purge = org_commands.add_parser(
        "purge",
        help="close an account and erase its data now (P14: it belongs to a minor); billing "
        "data and whatever a legal hold covers are kept",
    )
    common(purge)
    purge.add_argument("organisation_id", metavar="ID")
    purge.add_argument("--reason", required=True, choices=[Reason.MINOR.value])


def _hold_commands(commands: Any, common: Any) -> None:
    hold = commands.add_parser(
        "hold", help="legal holds: suspend the deletion of an organisation's or a call's data"
    )
    hold_commands = hold.add_subparsers(dest="action", required=True, metavar="ACTION")
    hold_set = hold_commands.add_parser("set", help="hold an organisation, or one call")
    common(hold_set)
    target = hold_set.add_mutually_exclusive_group(required=True)
    target.add_argument("--organisation", metavar="ID", help="everything of the organisation")
    target.add_argument("--call", metavar="ID", help="one call and what belongs to it")
    hold_set.add_argument("--reason", required=True, help="the legal matter (3-500 characters)")
    lift = hold_commands.add_parser("lift", help="lift a hold; deletion resumes at the next run")
    common(lift)
    which = lift.add_mutually_exclusive_group(required=True)
    which.add_argument("--hold", metavar="ID", help="an operator's hold (see `hold list`)")
    which.add_argument(
        "--recording", metavar="ID", help="an admin's hold on a recording of a closed account"
    )
    lift.add_argument("--reason", required=True, help="why it ends (3-500 characters)")
    listing = hold_commands.add_parser("list", help="the active holds")
    common(listing)
    listing.add_argument("--all", action="store_true", help="lifted holds too")


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


def _postgres_url(text: str) -> str:
    if not text.startswith(("postgresql://", "postgres://")):
        raise argparse.ArgumentTypeError("give a postgresql:// URL")
    return text


def _settings(args: argparse.Namespace) -> Settings:
    given: dict[str, Any] = {
        name: value
        for name in ("data_dir", "config_file", "host", "port", "tls_cert", "tls_key")
        if (value := getattr(args, name, None)) is not None
    }
    return Settings(**given)


def _start_test_clock(settings: Settings) -> None:
    """Tests only: start this process's clock where a test moved the server's."""
    if settings.test_clock and settings.test_clock_start is not None:
        clock.advance(max(0.0, (settings.test_clock_start - clock.now()).total_seconds()))


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = _settings(args)
    _start_test_clock(settings)
    try:
        if args.command == "recordings":
            return _make_master_key()
        if args.command in ("backup", "restore") and settings.postgres_url:
            print(
                f"videoclerk-server: {args.command} copies the SQLite file; on PostgreSQL use "
                "pg_dump and pg_restore (docs/scale-out.md).",
                file=sys.stderr,
            )
            return 2
        if args.command == "backup":  # reads only, one consistent moment
            return _backup(settings, args.dest)
        if args.command == "restore":  # locks the data folder exclusively itself
            return _restore(settings, args.source, replace=args.replace)
        if args.command == "migrate-to-postgres":  # as does this
            return _to_postgres(settings, args.to)
        # Whatever writes the data folder shares its lock, so that no restore runs meanwhile.
        with lock_data_folder(settings.data_dir, exclusive=False):
            if args.command == "retention":
                return _retention(settings, dry_run=args.dry_run)
            if args.command == "hold":
                return _hold(settings, args)
            if args.command == "org" and args.action == "purge":
                return _purge(settings, args.organisation_id, Reason(args.reason))
            if args.command == "org":
                return _create_organisation(settings, args)
            if args.command == "policy":
                return _policy(settings, args)
            if args.command == "mail":
                return _mail(settings, args)
            if args.command == "privacy":
                return _privacy_record(settings)
            if args.command == "migrate":
                applied = migrate(connect_configured(settings))
                print(f"Applied {len(applied)} migration(s) to {settings.database_label}.")
                return 0
            return _serve(settings, demo=args.demo)
    except DatabaseTooNewError as exc:
        print(f"videoclerk-server: {exc}", file=sys.stderr)
        return 2
    except DataFolderInUseError:
        print(
            f"videoclerk-server: a restore into {settings.data_dir} is under way; "
            "try again once it has finished.",
            file=sys.stderr,
        )
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


def _backup(settings: Settings, dest: Path) -> int:
    from server.backups.service import BackupError, back_up

    try:
        copy = back_up(settings.database_path, dest)
    except BackupError as exc:
        print(f"videoclerk-server: backup failed: {exc}", file=sys.stderr)
        return 1
    print(
        f"Backed up {settings.database_path} to {copy.path} ({copy.size:,} bytes, schema "
        f"version {copy.schema_version}, integrity checked)."
    )
    print(
        "Not in it: secrets-keyset.json and the recordings' master key (back them up apart), "
        "and the recordings folder (rsync). See docs/operators.md.",
        file=sys.stderr,
    )
    return 0


def _restore(settings: Settings, source: Path, *, replace: bool) -> int:
    from server.backups.service import BackupError, restore

    try:
        copy = restore(source, settings.data_dir, replace=replace)
    except BackupError as exc:
        print(f"videoclerk-server: not restored: {exc}", file=sys.stderr)
        return 2
    except DataFolderInUseError:
        print(
            f"videoclerk-server: not restored: a server is running on {settings.data_dir}. "
            "Stop it first (systemctl stop videoclerk-server); its live queue and caches would "
            "not match the restored data.",
            file=sys.stderr,
        )
        return 2
    print(f"Restored {source} to {copy.path} (schema version {copy.schema_version}).")
    if copy.schema_version < copy.known:
        print(f"The server upgrades it to version {copy.known} when it starts.")
    if not settings.secrets_keyset_path.exists():
        print(
            f"{settings.secrets_keyset_path} is missing: if organisations use webhooks, put "
            "the one from your key backup there before starting the server, or their signing "
            "secrets cannot be read.",
            file=sys.stderr,
        )
    return 0


def _to_postgres(settings: Settings, url: str) -> int:
    import psycopg

    from server.backups.to_postgres import Copied, MoveFailedError, MoveRefusedError, move

    target = settings.model_copy(update={"database_url": url}).database_label

    def progress(copied: Copied) -> None:
        print(f"  {copied.table:<28} {copied.rows:>9,} row(s)", flush=True)

    print(f"Copying {settings.database_path} to {target}:", flush=True)
    try:
        copied = move(settings.database_path, settings.data_dir, url, progress=progress)
    except MoveRefusedError as exc:
        print(f"videoclerk-server: not copied: {exc}", file=sys.stderr)
        return 2
    except DataFolderInUseError:
        print(
            f"videoclerk-server: not copied: a server is running on {settings.data_dir}. Stop "
            "it first (systemctl stop videoclerk-server): what it writes meanwhile would be lost.",
            file=sys.stderr,
        )
        return 2
    except (psycopg.Error, MoveFailedError) as exc:
        print(f"videoclerk-server: not copied, {target} is unchanged: {exc}", file=sys.stderr)
        return 1
    total = sum(entry.rows for entry in copied)
    print(f"Copied {total:,} row(s) of {len(copied)} tables to {target}; the counts match.")
    print(
        "Next: set database_url to that database in the server's TOML settings (or "
        "VIDEOCLERK_DATABASE_URL) and start the server with the same data folder, "
        f"{settings.data_dir}: the keysets, the recordings and the mail outbox stay there, "
        "and the recordings' master key is needed as before. "
        f"{settings.database_path} is left as it was; keep it as a fallback, but start no "
        "server on it again: what it would write does not reach PostgreSQL."
    )
    return 0


def _create_organisation(settings: Settings, args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from server.accounts import service
    from server.accounts.models import OrganisationByOperator
    from server.database import open_configured
    from server.mail import delivery
    from server.mail.outbox import CODE_SLOT
    from server.problems import ProblemError

    try:
        form = OrganisationByOperator.model_validate(
            {
                "company_name": args.name,
                "organisation_number": args.organisation_number,
                "vat_number": args.vat_number,
                "billing_address": {
                    "street": args.street,
                    "postal_code": args.postal_code,
                    "city": args.city,
                },
                "country": args.country,
                "admin_name": args.admin_name,
                "admin_email": args.admin_email,
                "admin_age": args.admin_age,
            }
        )
    except ValidationError as exc:
        for error in exc.errors():
            field = ".".join(str(part) for part in error["loc"])
            print(f"videoclerk-server: {field}: {error['msg']}", file=sys.stderr)
        return 2
    try:
        created = service.create_organisation(open_configured(settings), settings, form=form)
    except ProblemError as exc:
        print(f"videoclerk-server: {exc.detail}", file=sys.stderr)
        return 2
    user = created.user
    print(f"Created organisation {created.organisation.id} ({form.company_name}).")
    print(f"Its administrator {user.email} ({user.id}) chooses a password with a code.")
    if args.print_code:
        print(f"Invitation code (give it to {user.email} privately):\n    {created.code}")
        return 0
    body = created.mail.body.replace(CODE_SLOT, created.code)
    try:
        delivery.deliver(settings, to=user.email, subject=created.mail.subject, body=body)
    except OSError as exc:  # smtplib's errors are OSErrors
        print(
            f"videoclerk-server: the invitation could not be sent ({exc}). Once mail works, "
            'the administrator gets a code with "Forgot password" in the app.',
            file=sys.stderr,
        )
        return 1
    where = settings.smtp_host or settings.outbox_dir
    print(f"The invitation went to {user.email} (via {where}).")
    return 0


def _uploads(settings: Settings) -> tuple[Database, Uploads]:
    from server.database import open_configured
    from server.recordings.keys import KeyRing
    from server.recordings.uploads import Uploads

    db = open_configured(settings)
    return db, Uploads(db, settings, KeyRing(db, settings))


def _retention(settings: Settings, *, dry_run: bool) -> int:
    from server import clock
    from server.datarequests import erasure
    from server.retention import service

    db, uploads = _uploads(settings)
    _print_report(service.run(db, uploads=uploads, settings=settings, dry_run=dry_run))
    settled = erasure.process_due_erasures(db, clock.now(), uploads=uploads, dry_run=dry_run)
    for request in settled:
        state = request.status.replace("_", " ") + (", overdue" if request.overdue else "")
        hold = f": {request.hold_reason}" if request.hold_reason else ""
        print(f"Erasure {request.request_id} of {request.kind} {request.target}: {state}{hold}")
    done = sum(1 for request in settled if request.status == "done")
    print(f"Completed {done} of {len(settled)} open erasure request(s).")
    return 0


def _print_report(report: Report) -> None:
    """Per rule and organisation: rows per table, or what a hold spared; then the totals."""
    verb = "Would delete" if report.dry_run else "Deleted"
    for erasure in report.erasures:
        tables = ", ".join(f"{table} {count}" for table, count in erasure.rows.items())
        line = f"{erasure.rule} of {erasure.organisation_id}: {erasure.total} row(s)"
        if erasure.rows or not erasure.held:
            print(f"{verb}: {line}" + (f" ({tables})" if tables else ""))
        if erasure.held:
            print(f"Held: {erasure.rule} of {erasure.organisation_id}: {erasure.held}")
    totals = report.totals()
    comments = totals.pop(RATING_COMMENTS, 0)
    recordings = sum(count for rule, count in totals.items() if rule.startswith("recording_"))
    closed = sum(count for rule, count in totals.items() if not rule.startswith("recording_"))
    if comments:
        print(f"{verb} {comments} rating comment(s) past retention.")
    print(
        f"{verb} {recordings} recording(s) past retention and {closed} row(s) of closed accounts."
    )
    if report.leftover_folders:
        print(f"Removed {report.leftover_folders} recording folder(s) no recording names.")
    if report.checkpointed is False:
        print("The WAL could not be emptied now (a reader held it); the next run does it.")


def _hold(settings: Settings, args: argparse.Namespace) -> int:
    from server.database import open_configured
    from server.holds import service as holds

    db = open_configured(settings)
    try:
        if args.action == "set":
            line = holds.set_hold(
                db, organisation_id=args.organisation, call_id=args.call, reason=args.reason
            )
            print(f"Set {line.kind} hold {line.id} on {line.call_id or line.organisation_id}.")
        elif args.action == "lift":
            if args.hold:
                line = holds.lift(db, hold_id=args.hold, reason=args.reason)
            else:
                line = holds.lift_recording_hold(
                    db, recording_id=args.recording, reason=args.reason
                )
            print(f"Lifted {line.kind} hold {line.id}; deletion resumes at the next run.")
        else:
            _print_holds(holds.listing(db, include_lifted=args.all))
    except holds.HoldError as exc:
        print(f"videoclerk-server: {exc}", file=sys.stderr)
        return 1
    return 0


def _print_holds(lines: list[HoldLine]) -> None:
    for line in lines:
        where = f"organisation {line.organisation_id}" + (
            f" call {line.call_id}" if line.call_id else ""
        )
        state = f"lifted {line.lifted_at}: {line.lift_reason}" if line.lifted_at else "active"
        since = f" since {line.set_at}" if line.set_at else ""
        print(f"{line.id}\t{line.kind}\t{where}{since}\t{state}\t{line.reason}")
    print(f"{len(lines)} hold(s).")


def _purge(settings: Settings, organisation_id: str, reason: Reason) -> int:
    from server.closure.service import PurgeError, purge

    db, uploads = _uploads(settings)
    try:
        report = purge(
            db, settings, uploads=uploads, organisation_id=organisation_id, reason=reason
        )
    except PurgeError as exc:
        print(f"videoclerk-server: {exc}", file=sys.stderr)
        return 1
    print(f"Organisation {organisation_id} is closed ({reason.value}).")
    _print_report(report)
    return 0


def _policy(settings: Settings, args: argparse.Namespace) -> int:
    from server.database import open_configured
    from server.policy import service

    db = open_configured(settings)
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
    from server.database import open_configured
    from server.marketing import service as mailings

    db = open_configured(settings)
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

    from server.database import open_configured
    from server.privacy import record

    print(json.dumps(record.record(open_configured(settings), settings), indent=2))
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
        # uvicorn believes X-Forwarded-For from 127.0.0.1 unless told otherwise, so a local
        # client could forge its IP. Only the operator's proxies are believed (docs/operators.md).
        proxy_headers=bool(settings.trusted_proxies),
        forwarded_allow_ips=settings.trusted_proxies or None,
        log_config=log_config(),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

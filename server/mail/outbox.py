"""The mail outbox: `queue` writes a row in the caller's transaction; `sender` sends it.

No request waits for SMTP and no transaction spans network I/O: a mail is a row until the
background sender (started in the app's lifespan) hands it over in a worker thread, after
the transaction that queued it has committed. A failed try is retried with a doubling
wait on the server clock; after `mail_max_attempts` tries the mail is given up and logged.

A secret in a mail (a reset code) never reaches the database, not even the WAL: the row
holds `CODE_SLOT` and a reference, and the secret waits in memory. A mail whose secret was
lost in a restart is dropped; the person asks for a new code.

Each mail has a kind (P13): `account` (codes, invitations), `service` (notices that always go
out) or `marketing`. Just before a mail is handed over, the `prepare` hook the app installs
may finish it (an unsubscribe link and its headers) or drop it (the person opted out
meanwhile). Other processes (the operator's commands) queue rows too; the sender looks for
them every `mail_poll_seconds`.

Several server processes on one database each run a sender. A sender claims one mail at a
time for `CLAIM_SECONDS` (longer than any SMTP exchange), so each mail goes out once; a mail
holding a code is held by the process that queued it for `CODE_HOLD_SECONDS`, as only that
process knows the code. A claim that runs out (its process died) lets another process take
the mail, and drop it if it needed a code.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import smtplib
from collections.abc import AsyncIterator, Callable
from typing import Literal

from server import clock, security
from server.config import Settings
from server.leases import THIS_PROCESS
from server.mail import delivery, rules, store
from server.mail.models import QueuedMail
from server.sql import Database

log = logging.getLogger("videoclerk.mail")
BATCH = 20
CLAIM_SECONDS = 600
CODE_HOLD_SECONDS = 24 * 3600

# Set when a mail is queued or a retry comes due. `queue` runs inside a transaction with no
# await before its commit, so the sender (a task on the same loop) wakes only after commit.
_wake = asyncio.Event()
CODE_SLOT = "{code}"
_secrets: dict[str, str] = {}

Kind = Literal["account", "service", "marketing"]
Prepared = tuple[str, dict[str, str]]
Prepare = Callable[[Database, Settings, QueuedMail, str], Prepared | None]
"""(database, settings, the mail's row, its body) -> (body, extra headers), or None to drop."""


def _unchanged(db: Database, settings: Settings, mail: QueuedMail, body: str) -> Prepared | None:
    return body, {}


def queue(
    db: Database,
    *,
    to: str,
    subject: str,
    body: str,
    secret: str | None = None,
    kind: Kind = "account",
    user_id: str | None = None,
) -> None:
    """Queue a mail in the current transaction; it goes out once that commits.

    `secret`, if given, replaces `CODE_SLOT` in `body` only when the mail is sent. `user_id`
    names the recipient's account (marketing mail needs it for its unsubscribe link).
    """
    ref = held_until = None
    if secret is not None:
        ref = security.new_id("sec")
        _secrets[ref] = secret
        held_until = clock.later(CODE_HOLD_SECONDS)
    store.insert(
        db,
        {
            "to_address": to,
            "subject": subject,
            "body": body,
            "secret_ref": ref,
            "kind": kind,
            "user_id": user_id,
            "created_at": clock.now_iso(),
            "next_attempt_at": clock.now_iso(),
            "held_by": None if held_until is None else THIS_PROCESS,
            "held_until": held_until,
        },
    )
    _wake.set()


@contextlib.asynccontextmanager
async def sender(
    db: Database, settings: Settings, prepare: Prepare = _unchanged
) -> AsyncIterator[None]:
    """Send queued mail (also mail left from before a restart) while the app runs."""
    task = asyncio.get_running_loop().create_task(_send_forever(db, settings, prepare))
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def _send_forever(db: Database, settings: Settings, prepare: Prepare) -> None:
    while True:
        _wake.clear()
        if await _send_batch(db, settings, prepare) == BATCH:
            continue  # there may be more: look again at once
        poll = clock.after(settings.mail_poll_seconds, _wake.set)
        await _wake.wait()
        poll.cancel()


async def _send_batch(db: Database, settings: Settings, prepare: Prepare) -> int:
    """Send up to `BATCH` due mails; how many were claimed (fewer: none is left, or a bug
    stopped the batch and the mail stays for the next wake)."""
    for count in range(BATCH):
        mail = store.claim_next(
            db, holder=THIS_PROCESS, now=clock.now_iso(), until=clock.later(CLAIM_SECONDS)
        )
        if mail is None:
            return count
        try:
            await _send(db, settings, mail, prepare)
        except Exception:  # a bug must not stop all mail
            log.exception("mail %s: sending failed", mail.id)
            return count
    return BATCH


async def _send(db: Database, settings: Settings, mail: QueuedMail, prepare: Prepare) -> None:
    mail_id = mail.id
    body = mail.body
    if mail.secret_ref is not None:
        secret = _secrets.get(mail.secret_ref)
        if secret is None:
            log.warning("mail %s dropped: its code was lost in a restart", mail_id)
            store.delete(db, mail_id)
            return
        body = body.replace(CODE_SLOT, secret)
    prepared = prepare(db, settings, mail, body)
    if prepared is None:
        log.info("mail %s (%s) dropped: no longer wanted", mail_id, mail.kind)
        _forget(db, mail)
        return
    body, headers = prepared
    try:
        await asyncio.to_thread(
            delivery.deliver,
            settings,
            to=mail.to_address,
            subject=mail.subject,
            body=body,
            headers=headers,
        )
    except (OSError, smtplib.SMTPException) as exc:
        attempts = mail.attempts + 1
        if attempts >= settings.mail_max_attempts:
            log.error("mail %s given up after %s tries: %s", mail_id, attempts, exc)
            _forget(db, mail)
            return
        wait = rules.retry_delay(attempts, settings.mail_retry_seconds)
        log.warning("mail %s not sent (%s); trying again in %.0f s", mail_id, exc, wait)
        store.retry_later(
            db, mail_id, attempts=attempts, at=clock.later(wait), error=str(exc)[:500]
        )
        clock.after(wait, _wake.set)
        return
    _forget(db, mail)


def _forget(db: Database, mail: QueuedMail) -> None:
    store.delete(db, mail.id)
    if mail.secret_ref is not None:
        _secrets.pop(mail.secret_ref, None)

"""The operator's commands, a real SMTP server, and restrictions, for the privacy tests."""

from __future__ import annotations

import email
import email.policy
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

from tests.live_server import LiveServer, free_port


def run_cli(server: LiveServer, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """`videoclerk-server ARGS --data-dir <the server's>`, as an operator runs it beside the
    running server (with its address, so links in mail point at it)."""
    env = {**server.command_env, "VIDEOCLERK_PUBLIC_URL": server.url}
    done = subprocess.run(
        [sys.executable, "-m", "server.cli", *args, "--data-dir", str(server.data_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    if check:
        assert done.returncode == 0, (done.stdout, done.stderr)
    return done


def restrict(
    server: LiveServer, organisation_id: str, purpose: str, user_id: str | None = None
) -> None:
    """Restrict processing for `purpose` (P11).

    Writes the row as `server/datarequests/restrictions.py` keeps it, without the admin's or
    the user's session its API needs (that API has its own tests).
    """
    with server.database() as db:
        db.execute(
            "INSERT INTO processing_restrictions "
            "(organisation_id, user_id, purpose, restricted_at) VALUES (?, ?, ?, ?)",
            [organisation_id, user_id, purpose, datetime.now(UTC).isoformat()],
        )


class SmtpSink:
    """A real SMTP server (aiosmtpd) that keeps every message it is given."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self._changed = threading.Condition()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        with self._changed:
            self.messages.append(message)
            self._changed.notify_all()
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        with self._changed:
            return [m for m in self.messages if str(m["To"]).lower() == address.lower()]

    def wait_for(
        self, what: Callable[[EmailMessage], bool], count: int = 1, timeout: float = 30
    ) -> list[EmailMessage]:
        """At least `count` messages for which `what` holds; the timeout only guards against
        mail that never comes."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(found := [m for m in self.messages if what(m)]) < count:
                left = deadline - time.monotonic()
                assert left > 0, f"{count} message(s) never came; got {len(found)}"
                self._changed.wait(left)
            return found


@contextmanager
def smtp_server(handler: Any) -> Iterator[dict[str, str]]:
    """A real SMTP server (aiosmtpd) with `handler` on a free loopback port, and the server
    settings (VIDEOCLERK_*) that send mail to it."""
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield {
            "VIDEOCLERK_SMTP_HOST": "127.0.0.1",
            "VIDEOCLERK_SMTP_PORT": str(port),
            "VIDEOCLERK_SMTP_STARTTLS": "false",
        }
    finally:
        controller.stop()


@contextmanager
def smtp_sink() -> Iterator[tuple[SmtpSink, dict[str, str]]]:
    """A sink on a free loopback port, and the server settings that send mail to it."""
    sink = SmtpSink()
    with smtp_server(sink) as env:
        yield sink, env


def add_policy_version(
    server: LiveServer, folder: Path, version: str, after: timedelta, *options: str
) -> subprocess.CompletedProcess[str]:
    """`videoclerk-server policy add VERSION`, in force `after` from the server's now, with a
    text naming the version."""
    text = folder / f"policy-{version}.txt"
    text.write_text(f"Privacy policy {version}.\n\nWe changed this paragraph.\n", encoding="utf-8")
    effective = (server.now() + after).isoformat()
    return run_cli(
        server,
        "policy",
        "add",
        version,
        "--effective",
        effective,
        "--text-file",
        str(text),
        *options,
    )


def body_text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())

"""Several server processes on one database send each queued mail once (server/mail/outbox.py)."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import httpx

from tests.accounts_helpers import add_user, new_email, new_org
from tests.live_server import two_servers
from tests.privacy_helpers import SmtpSink, smtp_server


class HoldingSink(SmtpSink):
    """An SMTP server that keeps the first message to `held` waiting until `release` is set,
    as a slow server holds a sender in the middle of a mail."""

    def __init__(self, held: str) -> None:
        super().__init__()
        self.held = held
        self.release = threading.Event()
        self._holding = False

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        answer = await super().handle_DATA(server, session, envelope)
        if self.held in envelope.rcpt_tos and not self._holding:
            self._holding = True
            await asyncio.to_thread(self.release.wait, 120)
        return answer


def _change_address(client: httpx.Client, admin: dict[str, str], user_id: str) -> None:
    """An admin corrects a user's address: a mail tells the old one."""
    changed = client.patch(f"/api/v1/users/{user_id}", headers=admin, json={"email": new_email()})
    assert changed.status_code == 200, changed.text


def test_a_mail_another_process_is_sending_is_not_sent_again(tmp_path: Path) -> None:
    """While one process is in the middle of sending a mail, the other process's sender,
    woken by a mail of its own, skips it: the old address hears of the change once (before
    claims, both processes sent it)."""
    first_address, second_address = new_email("first"), new_email("second")
    sink = HoldingSink(held=first_address)
    with (
        smtp_server(sink) as env,
        two_servers(tmp_path, env=env) as (first, second),
        httpx.Client(base_url=first.url, timeout=30) as one,
        httpx.Client(base_url=second.url, timeout=30) as other,
    ):
        try:
            org = new_org(one)
            first_user, _ = add_user(one, org, "clerk", email=first_address)
            second_user, _ = add_user(one, org, "clerk", email=second_address)
            _change_address(one, org.admin, first_user)
            sink.wait_for(lambda m: m["To"] == first_address)  # the first process is sending
            _change_address(other, org.admin, second_user)  # wakes the second's sender
            sink.wait_for(lambda m: m["To"] == second_address)
        finally:
            sink.release.set()
        assert len(sink.to(first_address)) == 1

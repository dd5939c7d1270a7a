"""Handing one message over: to the configured SMTP server, or into the data folder's outbox.

A local install without SMTP still works: each message lands as an .eml file in
`<data-dir>/outbox/`, where an operator (or a test) can read it. Blocking I/O: the sender
runs this in a worker thread.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

from server import security
from server.config import Settings


def deliver(
    settings: Settings, *, to: str, subject: str, body: str, headers: dict[str, str] | None = None
) -> None:
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = to
    message["Subject"] = subject
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    if settings.smtp_host is None:
        settings.outbox_dir.mkdir(parents=True, exist_ok=True)
        path = settings.outbox_dir / f"{security.new_id('mail')}.eml"
        partial = path.with_suffix(".part")
        partial.write_bytes(bytes(message))
        partial.rename(path)  # a reader never sees half a message
        return
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30) as smtp:
        if settings.smtp_starttls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.smtp_username and settings.smtp_password:
            smtp.login(settings.smtp_username, settings.smtp_password)
        smtp.send_message(message)

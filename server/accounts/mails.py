"""The texts of the accounts' mails: an invitation, and a password reset. Pure; no I/O.

Each body holds `CODE_SLOT` where the code goes, on a line of its own indented by four
spaces; the outbox puts the code in only when it sends the mail (server/mail/outbox.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from server.mail.outbox import CODE_SLOT
from server.mail.rules import lifetime_text

_AS_ROLE = {"admin": "an administrator", "supervisor": "a supervisor", "clerk": "a clerk"}


@dataclass(frozen=True)
class Mail:
    subject: str
    body: str


def invitation(
    *,
    name: str,
    email: str,
    role: str,
    organisation: str,
    invited_by: Literal["admin", "operator"],
    server_url: str,
    app_url: str | None,
    lifetime_seconds: int,
) -> Mail:
    """What a new user needs: where the app is, the server's address, and the code with which
    they choose their password (nobody else ever knows it)."""
    if invited_by == "operator":
        intro = (
            f"The operator of this videoclerk server created the organisation {organisation}, "
            "with you as its administrator."
        )
        who_knows = "the operator of the server"
    else:
        intro = (
            f"An administrator of {organisation} created a videoclerk account for you, "
            f"as {_AS_ROLE.get(role, role)}."
        )
        who_knows = "your administrator"
    get_app = (
        f"Install the videoclerk app from {app_url}"
        if app_url
        else f"Ask {who_knows} where to get the videoclerk app, and install it"
    )
    body = (
        f"Hello {name},\n\n{intro}\n\n"
        "To start:\n\n"
        f"1. {get_app}.\n"
        f"2. Open it and enter the server address {server_url}\n"
        "3. Choose \u201cForgot password\u2026\u201d, then \u201cI have a code already\u201d, "
        "paste this code\n"
        "   and choose your password:\n\n"
        f"    {CODE_SLOT}\n\n"
        f"Your e-mail address, {email}, is your log-in name. The code works once, within "
        f"{lifetime_text(lifetime_seconds)}; after that, ask for a new one with "
        "\u201cForgot password\u2026\u201d.\n\n"
        "If you did not expect this mail, ignore it: nobody can use the account without "
        "the code.\n"
    )
    return Mail(subject="Your videoclerk account is ready", body=body)


def password_reset(*, name: str, server_url: str, lifetime_seconds: int) -> Mail:
    body = (
        f"Hello {name},\n\n"
        "Someone asked to reset the password of your videoclerk account.\n"
        f"Choose a new password with this code within {lifetime_text(lifetime_seconds)}:\n\n"
        f"    {CODE_SLOT}\n\n"
        "In the clerk app choose \u201cForgot password\u2026\u201d, then \u201cI have a code "
        "already\u201d, and paste the code; or send it to\n"
        f"{server_url}/api/v1/auth/password-reset/confirm.\n\n"
        "If you did not ask for this, ignore this message; your password stays as it is.\n"
    )
    return Mail(subject="Reset your videoclerk password", body=body)

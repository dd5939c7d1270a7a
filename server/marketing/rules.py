"""Pure decisions about mailings: who gets one, and what an unsubscribe token looks like."""

from __future__ import annotations

import base64
import binascii
from typing import Literal

Audience = Literal["everyone", "accepted_a_policy"]
"""`accepted_a_policy`: users who accepted some policy version (sign-up or a log-in); a
policy-change notice goes to them only, since nothing changed for a user who never logged in."""

MAX_TOKEN = 200


def wants_marketing(*, opted_in: bool, restricted: bool) -> bool:
    """Marketing goes only to a user who opted in and whose processing for it is not
    restricted (by the user or the organisation)."""
    return opted_in and not restricted


def token_data(user_id: str) -> bytes:
    """What an unsubscribe token signs: its purpose and the user (so it does nothing else)."""
    return b"unsubscribe\0" + user_id.encode()


def make_token(user_id: str, tag: bytes) -> str:
    return f"{user_id}.{base64.urlsafe_b64encode(tag).decode().rstrip('=')}"


def split_token(token: str) -> tuple[str, bytes] | None:
    """(user id, tag) of a token as `make_token` wrote it; None for anything else."""
    if len(token) > MAX_TOKEN or token.count(".") != 1:
        return None
    user_id, encoded = token.split(".")
    if not user_id or not encoded:
        return None
    try:
        tag = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    except (binascii.Error, ValueError):
        return None
    if make_token(user_id, tag) != token:  # one spelling per token (base64 has spare bits)
        return None
    return user_id, tag


def footer(kind: str, unsubscribe_url: str | None) -> str:
    """The lines every mailing ends with: why it came, and for marketing how to stop it."""
    if kind == "marketing" and unsubscribe_url:
        return (
            "\n\n--\nYou get this because you chose to receive news from videoclerk.\n"
            f"Stop these mails with one click: {unsubscribe_url}\n"
            "or switch off 'News and offers by e-mail' in the app's settings.\n"
        )
    return (
        "\n\n--\nThis is a service notice about your videoclerk account (maintenance, security "
        "or policy changes). Service notices are sent to every user.\n"
    )

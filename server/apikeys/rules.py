"""Pure decisions about API keys."""

from __future__ import annotations

from typing import Literal

from zxcvbn import zxcvbn

from server.accounts.rules import ZXCVBN_MAX_LENGTH
from server.security import SESSION_PREFIX

Scope = Literal["read", "catalogue", "recordings", "full"]
SCOPES: tuple[Scope, ...] = ("read", "catalogue", "recordings", "full")
MIN_OWN_KEY_LENGTH = 32
MAX_OWN_KEY_LENGTH = 200
PREFIX_LENGTH = 12
MAX_GRACE_HOURS = 24 * 30


def allows(granted: frozenset[str], needed: str) -> bool:
    """`full` covers everything; every scope covers reading; otherwise the scope itself."""
    return "full" in granted or needed in granted or (needed == "read" and bool(granted))


def own_key_problem(secret: str) -> str | None:
    """Why a customer-supplied key is refused; None when it is strong enough to be a password."""
    if len(secret) < MIN_OWN_KEY_LENGTH:
        return f"A key you supply must have at least {MIN_OWN_KEY_LENGTH} characters."
    if len(secret) > MAX_OWN_KEY_LENGTH:
        return f"A key you supply may have at most {MAX_OWN_KEY_LENGTH} characters."
    if not all("!" <= c <= "~" for c in secret):
        # HTTP headers carry only ASCII reliably: any other character would make the key unusable.
        return (
            "A key you supply may contain only visible ASCII characters: "
            "no spaces, control characters or accented letters."
        )
    if secret.startswith(f"{SESSION_PREFIX}_"):
        return f"A key you supply may not start with '{SESSION_PREFIX}_': log-in sessions use it."
    if len(set(secret)) < 10 or zxcvbn(secret[:ZXCVBN_MAX_LENGTH])["score"] < 4:
        return (
            "This key is too easy to guess. Use a long random string, e.g. from a password manager."
        )
    return None


def visible_prefix(secret: str) -> str:
    """The part of a key shown in listings so people can tell keys apart."""
    return secret[:PREFIX_LENGTH]

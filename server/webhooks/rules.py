"""Pure decisions about webhooks: which URLs and addresses may be called, and when to retry."""

from __future__ import annotations

import ipaddress
from typing import Final, Literal
from urllib.parse import urlsplit

# Events an organisation may subscribe to. `webhook.test` is sent on an admin's request only,
# whatever the subscription.
EventType = Literal["offer.accepted"]
EVENT_TYPES: Final[tuple[EventType, ...]] = ("offer.accepted",)
TEST_EVENT: Final = "webhook.test"

MAX_URL_LENGTH: Final = 1000
MAX_PAYLOAD_BYTES: Final = 64 * 1024
EXCERPT_CHARS: Final = 200

# Waits after the 1st, 2nd, … failed attempt; after the last one the delivery has failed.
RETRY_SCHEDULE: Final[tuple[float, ...]] = (5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600)
JITTER: Final = 0.10

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def retry_delay(failed_attempts: int, spread: float) -> float | None:
    """Seconds to wait after `failed_attempts` failures; None when the delivery has failed.

    `spread` in [-1, 1] picks the jitter (±10 %), so receivers that failed together do not
    all come back at the same second; callers draw it at random, tests choose it.
    """
    if not -1.0 <= spread <= 1.0:
        raise ValueError("spread is between -1 and 1")
    if failed_attempts < 1 or failed_attempts > len(RETRY_SCHEDULE):
        return None
    return RETRY_SCHEDULE[failed_attempts - 1] * (1 + JITTER * spread)


def url_problem(url: str, *, allow_private: bool) -> str | None:
    """Why an endpoint URL is refused before its host is resolved; None when it may be tried.

    https only; http as well when private targets are allowed (its addresses are then checked
    to be private: see `addresses_problem`). No credentials in the URL, no fragment.
    """
    if len(url) > MAX_URL_LENGTH:
        return f"The URL may have at most {MAX_URL_LENGTH} characters."
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return "This is not a valid URL."
    allowed = ("https", "http") if allow_private else ("https",)
    if parts.scheme not in allowed:
        return "The URL must start with https://."
    if not parts.hostname:
        return "The URL must name a host."
    if parts.username is not None or parts.password is not None:
        return "The URL may not contain a user name or password."
    if parts.fragment:
        return "The URL may not contain a fragment (#…)."
    if not all("!" <= c <= "~" for c in url):
        return "The URL may contain only visible ASCII characters (encode others)."
    return None


def is_public(address: Address) -> bool:
    """True for addresses on the public internet: not loopback, private, link-local, …"""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def addresses_problem(scheme: str, addresses: list[Address], *, allow_private: bool) -> str | None:
    """Why a host's resolved addresses may not be called; None when they may.

    Every address must be public, so a host with one private address cannot be used to reach
    the inside; with private targets allowed, http is still only for private hosts.
    """
    if not addresses:
        return "The URL's host does not resolve."
    public = [is_public(a) for a in addresses]
    if all(public):
        return None if scheme == "https" else "The URL must start with https://."
    if allow_private and not any(public):
        return None
    return "The URL's host is a loopback, private or link-local address."


def excerpt(body: bytes) -> str | None:
    """The start of a receiver's answer, kept with the attempt for the admin; None if empty."""
    text = body.decode("utf-8", errors="replace").strip()
    return text[:EXCERPT_CHARS] or None

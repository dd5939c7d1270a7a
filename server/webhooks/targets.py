"""Where a webhook may go: the URL's host resolved, its addresses checked, the request pinned.

The check runs when an admin saves the URL and again before every attempt, and the request
then goes to the very address that was checked (`Target.url` names it; the Host header and
TLS server name keep the real host, so the certificate is still verified against it). A
name that resolves to a public address at the check cannot be switched to an inner one
just before the connection (DNS rebinding).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from server.webhooks import rules


@dataclass(frozen=True)
class Target:
    url: str
    host: str
    sni_hostname: str | None


class RefusedTarget(Exception):
    """The URL may not be called; the message says why (safe to show the admin)."""


async def resolve(host: str, port: int) -> list[rules.Address]:
    """The host's addresses (an IP literal is its own); empty when it does not resolve."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return []
    found: list[rules.Address] = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if address not in found:
            found.append(address)
    return found


async def check(url: str, *, allow_private: bool) -> Target:
    """The request target for `url`, pinned to a checked address; `RefusedTarget` if none."""
    problem = rules.url_problem(url, allow_private=allow_private)
    if problem:
        raise RefusedTarget(problem)
    parts = urlsplit(url)
    hostname = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    addresses = await resolve(hostname, port)
    problem = rules.addresses_problem(parts.scheme, addresses, allow_private=allow_private)
    if problem:
        raise RefusedTarget(problem)
    address = addresses[0]
    literal = f"[{address}]" if address.version == 6 else str(address)
    netloc = literal + (f":{parts.port}" if parts.port else "")
    is_name = hostname != str(address)
    return Target(
        url=urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, "")),
        host=parts.netloc,
        sni_hostname=hostname if parts.scheme == "https" and is_name else None,
    )

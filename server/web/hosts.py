"""Refuse requests addressed to a host the server is not (the `trusted_hosts` setting).

Like Starlette's TrustedHostMiddleware, but the refusal is problem JSON like every other
error, and an IPv6 literal (`[::1]:8080`) is read correctly. It guards against DNS
rebinding and against anything that might still trust the Host header.
"""

from __future__ import annotations

from collections.abc import Sequence

from starlette.types import ASGIApp, Receive, Scope, Send

from server.problems import problem_response


def host_name(header: str) -> str:
    """The Host header without its port, lower-case; an IPv6 literal keeps its brackets."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[: header.find("]") + 1]
    return header.partition(":")[0]


class TrustedHosts:
    def __init__(self, app: ASGIApp, *, hosts: Sequence[str]) -> None:
        self.app = app
        names = [h.strip().lower() for h in hosts]
        self.exact = frozenset(h for h in names if not h.startswith("*."))
        self.suffixes = tuple(h[1:] for h in names if h.startswith("*."))

    def trusts(self, host: str) -> bool:
        return host in self.exact or host.endswith(self.suffixes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            header = next((v for n, v in scope["headers"] if n == b"host"), b"")
            if not self.trusts(host_name(header.decode("latin-1"))):
                response = problem_response(
                    400, "untrusted_host", "This server does not answer for that host name."
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)

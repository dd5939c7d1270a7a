"""Security headers on every HTTP response, set as the response starts (pure ASGI, cheap).

- `X-Content-Type-Options: nosniff` everywhere: browsers take the declared media type;
- `Cache-Control: no-store` under /api/ unless the route chose its own caching (content-
  addressed product images are public and immutable): answers carry tokens (the log-in
  token among them) and organisation data, which must stay out of browser and shared caches;
- `Strict-Transport-Security` when this server itself serves TLS (behind a TLS-terminating
  proxy, the proxy sets it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from starlette.types import ASGIApp, Message, Receive, Scope, Send

HSTS = b"max-age=63072000; includeSubDomains"
Header = tuple[bytes, bytes]


class SecurityHeaders:
    def __init__(self, app: ASGIApp, *, hsts: bool) -> None:
        self.app = app
        everywhere: list[Header] = [(b"x-content-type-options", b"nosniff")]
        if hsts:
            everywhere.append((b"strict-transport-security", HSTS))
        self.everywhere = _Headers(everywhere)
        self.api = _Headers(everywhere, defaults=[(b"cache-control", b"no-store")])

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        replacement = self.api if scope["path"].startswith("/api/") else self.everywhere

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = replacement.applied(message.get("headers", ()))
            await send(message)

        await self.app(scope, receive, send_with_headers)


class _Headers:
    """Headers that replace any of the same name a response already has, and defaults that
    are added only where the response has none of that name."""

    def __init__(self, headers: list[Header], *, defaults: Sequence[Header] = ()) -> None:
        self.headers = headers
        self.defaults = defaults
        self.names = frozenset(name for name, _ in headers)

    def applied(self, headers: Iterable[Header]) -> list[Header]:
        # ASGI response header names are lower-case.
        kept = [h for h in headers if h[0] not in self.names]
        present = {name for name, _ in kept}
        return kept + self.headers + [h for h in self.defaults if h[0] not in present]

"""Security headers on every HTTP response, set as the response starts (pure ASGI, cheap).

- `X-Content-Type-Options: nosniff` everywhere: browsers take the declared media type;
- `Cache-Control: no-store` under /api/: answers carry tokens (the log-in token among them)
  and organisation data, which must stay out of browser and shared caches;
- `Strict-Transport-Security` when this server itself serves TLS (behind a TLS-terminating
  proxy, the proxy sets it).
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

HSTS = b"max-age=63072000; includeSubDomains"
Header = tuple[bytes, bytes]


class SecurityHeaders:
    def __init__(self, app: ASGIApp, *, hsts: bool) -> None:
        self.app = app
        everywhere: list[Header] = [(b"x-content-type-options", b"nosniff")]
        if hsts:
            everywhere.append((b"strict-transport-security", HSTS))
        self.everywhere = everywhere
        self.api = [*everywhere, (b"cache-control", b"no-store")]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        added = self.api if scope["path"].startswith("/api/") else self.everywhere
        names = {name for name, _ in added}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [h for h in message.get("headers", ()) if h[0].lower() not in names]
                message["headers"] = kept + added
            await send(message)

        await self.app(scope, receive, send_with_headers)

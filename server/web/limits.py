"""Request body limits, enforced before a body is held in memory.

A pure ASGI middleware (not BaseHTTPMiddleware, which costs every request a task and a
queue). A declared Content-Length over the limit is answered 413 at once, before a byte of
the body is read; a chunked body is counted as the application reads it, and reading stops
with 413 at the first chunk past the limit. uvicorn's flow control keeps at most about 64 kB
unread per connection, so the server's memory stays flat whatever a client sends.

The limit is the `max_body_bytes` setting (1 MiB), or for a path under one of the prefixes
in `body_limits` that prefix's own (the longest matching prefix wins): a route that takes
uploads gets its larger limit there.
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.problems import problem_response

CODE = "payload_too_large"


class BodyTooLarge(HTTPException):
    """Raised from `receive` mid-body; an HTTPException, so FastAPI passes it on unchanged."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, _detail(limit))


def _detail(limit: int) -> str:
    return f"The request body is larger than the {limit} bytes this address accepts."


def too_large(limit: int) -> Response:
    return problem_response(413, CODE, _detail(limit))


async def body_too_large_handler(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, BodyTooLarge)
    return problem_response(413, CODE, exc.detail)


class BodyLimit:
    def __init__(self, app: ASGIApp, *, default: int, by_prefix: Mapping[str, int]) -> None:
        self.app = app
        self.default = default
        # Longest prefix first, so that the most specific one wins.
        self.by_prefix = sorted(by_prefix.items(), key=lambda item: len(item[0]), reverse=True)

    def limit_for(self, path: str) -> int:
        for prefix, limit in self.by_prefix:
            if path.startswith(prefix):
                return limit
        return self.default

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared, chunked = _body_framing(scope)
        if declared is not None and declared > limit:
            await too_large(limit)(scope, receive, send)
            return
        if not chunked and not declared:
            # No body follows (HTTP/1.1 frames a body by Content-Length or chunking): most
            # reads are such requests, and they need no counting.
            await self.app(scope, receive, send)
            return
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, counted_receive, send)


def _body_framing(scope: Scope) -> tuple[int | None, bool]:
    """The declared Content-Length, and whether the body comes chunked."""
    declared, chunked = None, False
    for name, value in scope["headers"]:
        if name == b"content-length":
            declared = int(value)
        elif name == b"transfer-encoding":
            chunked = True
    return declared, chunked

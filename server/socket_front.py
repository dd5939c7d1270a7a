"""The queue's WebSockets go straight to their handlers, in front of FastAPI's middleware.

Each middleware layer keeps a coroutine frame alive for as long as its socket is open, and
FastAPI's own (telemetry, body limit, exit stack, router) cost about 2.5 KB per socket
(tracemalloc, 1,000 waiting visitors): a tenth of a waiting visitor. None of them does anything
for a WebSocket, so those paths skip them; every other request goes to the app unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import FastAPI
from starlette.routing import WebSocketRoute
from starlette.types import Receive, Scope, Send


class SocketsFirst:
    def __init__(self, app: FastAPI, routes: Sequence[WebSocketRoute]) -> None:
        self.app = app
        self._routes = {route.path: route for route in routes}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        route = self._routes.get(scope["path"]) if scope["type"] == "websocket" else None
        if route is None:
            await self.app(scope, receive, send)
            return
        scope["app"] = self.app  # handlers reach the runtime as `ws.app.state`
        await route.app(scope, receive, send)

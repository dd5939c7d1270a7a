"""The ASGI application: one FastAPI app per server, with its database and settings."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Literal

from fastapi import FastAPI, Request
from pydantic import BaseModel
from starlette.types import ASGIApp

from server import __version__
from server.accounts import api as accounts_api
from server.accounts.service import IpFailures
from server.apikeys import api as apikeys_api
from server.apikeys.service import KeyUseTracker
from server.audit import api as audit_api
from server.config import Settings
from server.database import open_database, schema_state
from server.problems import install_problem_handlers
from server.queue import api as queue_api
from server.queue.runtime import QueueRuntime
from server.socket_front import SocketsFirst
from server.widgets import api as widgets_api
from server.widgets import public as widget_public


class DatabaseHealth(BaseModel):
    status: Literal["ok", "error"]
    schema_version: int
    detail: str | None = None


class Health(BaseModel):
    status: Literal["ok", "degraded"]
    version: str
    database: DatabaseHealth


def asgi_app(app: FastAPI) -> ASGIApp:
    """What the server serves: the app, with the queue's WebSockets in front of it."""
    return SocketsFirst(app, queue_api.websocket_routes)


def create_app(settings: Settings) -> FastAPI:
    db = open_database(settings.database_path)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        app.state.queue.start()
        yield
        app.state.queue.shutdown()
        db.close()

    app = FastAPI(
        title="videoclerk server",
        version=__version__,
        description="Organisations, users, API keys, queues and signalling for videoclerk.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.db = db
    app.state.ip_failures = IpFailures()
    app.state.key_use = KeyUseTracker()
    install_problem_handlers(app)
    app.state.queue = QueueRuntime(db, settings)
    # The routers' routes join the app's own list: an included router is matched as a
    # second level on every request, which costs authenticated reads about a tenth.
    for router in (
        accounts_api.router,
        apikeys_api.router,
        audit_api.router,
        queue_api.router,
        widgets_api.router,
        widget_public.router,
    ):
        app.router.routes.extend(router.routes)
    if settings.test_clock:
        from server import testing

        app.router.routes.extend(testing.router.routes)
    app.mount("/widget/static", widget_public.assets(), name="widget-static")

    @app.get("/health", tags=["health"])
    async def health(request: Request) -> Health:
        try:
            request.app.state.db.execute("SELECT 1").fetchone()
            state = schema_state(request.app.state.db)
        except Exception as exc:
            return Health(
                status="degraded",
                version=__version__,
                database=DatabaseHealth(status="error", schema_version=0, detail=str(exc)),
            )
        return Health(
            status="ok",
            version=__version__,
            database=DatabaseHealth(status="ok", schema_version=state.applied),
        )

    return app

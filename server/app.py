"""The ASGI application: one FastAPI app per server, with its database and settings."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Literal

from fastapi import FastAPI, Request
from fastapi_offline import FastAPIOffline
from pydantic import BaseModel, Field
from starlette.types import ASGIApp

from server import __version__, callers
from server.accounts import api as accounts_api
from server.accounts import events as session_events
from server.apikeys import api as apikeys_api
from server.apikeys.service import KeyUseTracker
from server.audit import api as audit_api
from server.bus import Bus
from server.bus.nats_link import NatsLink
from server.catalogue import api as catalogue_api
from server.closure import api as closure_api
from server.closure.service import CLOSE_QUEUE
from server.config import Settings
from server.database import open_configured, schema_state
from server.datarequests import api as datarequests_api
from server.datarequests.export import ExportSlots
from server.mail import outbox
from server.marketing import api as marketing_api
from server.marketing.service import Links, preparer
from server.offers import api as offers_api
from server.offers.live import OfferLive
from server.policy import api as policy_api
from server.privacy import api as privacy_api
from server.problems import ProblemError, install_problem_handlers
from server.queue import api as queue_api
from server.queue.errands import HomeErrands
from server.queue.fronts import Fronts
from server.queue.remote_parties import RemoteParties
from server.queue.runtime import QueueRuntime
from server.rate_windows import RateWindows
from server.ratings import api as ratings_api
from server.recordings import api as recordings_api
from server.recordings import tus as recordings_tus
from server.recordings.runtime import RecordingsRuntime
from server.retention.runtime import RetentionRuntime
from server.sealing import Sealer
from server.socket_front import SocketsFirst
from server.suggestions import api as suggestions_api
from server.web import limits
from server.web.headers import SecurityHeaders
from server.web.hosts import TrustedHosts
from server.webhooks import api as webhooks_api
from server.webhooks import delivery as webhooks
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
    limits: Literal["ok", "this_process"] = Field(
        "ok",
        description="`this_process` while the shared limits store (Redis) does not answer and "
        "the visitors' limits are counted in this process only.",
    )


def install_edge(app: FastAPI, settings: Settings) -> None:
    """The pure ASGI middlewares, outermost first: security headers reach every answer,
    refusals included; a wrong host is refused before its body is looked at."""
    app.add_exception_handler(limits.BodyTooLarge, limits.body_too_large_handler)
    # tus chunks have their own limit; an operator's `body_limits` entry wins over it.
    by_prefix = {recordings_tus.PREFIX: settings.recording_chunk_max_bytes, **settings.body_limits}
    app.add_middleware(limits.BodyLimit, default=settings.max_body_bytes, by_prefix=by_prefix)
    if settings.trusted_hosts:
        app.add_middleware(TrustedHosts, hosts=settings.trusted_hosts)
    app.add_middleware(SecurityHeaders, hsts=settings.tls_cert is not None)


def asgi_app(app: FastAPI) -> ASGIApp:
    """What the server serves: the app, with the queue's WebSockets in front of it.

    The sockets skip the app's middleware but not the host check: a wrong host is refused
    before any handler runs, WebSockets included. (HTTP requests meet the check again inside
    the app, where the security headers wrap its refusal; a set lookup.)
    """
    served: ASGIApp = SocketsFirst(app, queue_api.websocket_routes)
    hosts = app.state.settings.trusted_hosts
    return TrustedHosts(served, hosts=hosts) if hosts else served


def create_app(settings: Settings) -> FastAPI:
    db = open_configured(settings)
    sealer = Sealer(settings.secrets_keyset_path)
    mail_links = Links(settings)
    bus = Bus(NatsLink(settings.bus_url, settings.bus_subject_prefix) if settings.bus_url else None)
    session_events.attach(bus)
    callers.attach(bus)
    windows = RateWindows.from_settings(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await bus.start()
        await windows.start()
        app.state.queue.start()
        app.state.retention.start()
        async with (
            outbox.sender(db, settings, preparer(mail_links)),
            webhooks.sender(db, settings, sealer),
        ):
            yield
        app.state.retention.shutdown()
        app.state.offers.shutdown()
        app.state.queue.shutdown()
        await bus.close()
        db.close()

    # Swagger UI and ReDoc from files shipped with fastapi-offline, not from a CDN: /docs
    # works offline and the docs pages load nothing from other hosts.
    app = FastAPIOffline(
        title="videoclerk server",
        version=__version__,
        description="Organisations, users, API keys, queues and signalling for videoclerk.",
        lifespan=lifespan,
        static_url="/docs-assets",
        swagger_ui_parameters={"validatorUrl": None},
        # No OpenTelemetry: it could export client addresses, which are never recorded
        # (P1), and checking for it costs every request.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.settings = settings
    app.state.db = db
    app.state.bus = bus
    app.state.windows = windows
    app.state.rating_window = windows.window("visitor-ratings", settings.visitor_ratings_per_minute)
    app.state.key_use = KeyUseTracker()
    app.state.sealer = sealer
    app.state.mail_links = mail_links
    install_problem_handlers(app)
    install_edge(app, settings)
    app.state.queue = queue = QueueRuntime(db, settings, windows=windows)
    # Each organisation's queue runs in one process, its home; sockets may be on any (homes.py).
    app.state.fronts = Fronts(bus)
    app.state.remote_parties = RemoteParties(app.state.queue, bus)
    errands = HomeErrands(app.state.queue.homes, bus)
    errands.register(
        CLOSE_QUEUE, lambda organisation_id, _: queue.close_organisation(organisation_id)
    )
    app.state.errands = errands
    app.state.offers = OfferLive(db, settings, app.state.queue, errands)
    app.state.recordings = RecordingsRuntime(db, settings, app.state.queue)
    app.state.retention = RetentionRuntime(
        db, settings, app.state.queue, app.state.recordings.uploads
    )
    app.state.exports = ExportSlots(settings.export_concurrency)
    # The routers' routes join the app's own list: an included router is matched as a
    # second level on every request, which costs authenticated reads about a tenth. They go
    # before the documentation routes FastAPI made (/openapi.json, /docs, /redoc and their
    # files): routes are tried in order, and API calls are the ones that must be fast.
    documentation = list(app.router.routes)
    app.router.routes.clear()
    for router in (
        accounts_api.router,
        apikeys_api.router,
        audit_api.router,
        catalogue_api.router,
        closure_api.router,
        datarequests_api.router,
        offers_api.router,
        suggestions_api.router,
        policy_api.router,
        privacy_api.router,
        marketing_api.router,
        queue_api.router,
        ratings_api.router,
        recordings_tus.router,
        recordings_api.router,
        webhooks_api.router,
        widgets_api.router,
        widget_public.router,
    ):
        app.router.routes.extend(router.routes)
    if settings.test_clock:
        from server import testing

        app.router.routes.extend(testing.router.routes)
    app.router.routes.extend(documentation)
    app.mount("/widget/static", widget_public.assets(), name="widget-static")

    @app.get("/health", tags=["health"])
    async def health(request: Request) -> Health:
        limits = "ok" if await request.app.state.windows.reachable() else "this_process"
        try:
            request.app.state.db.execute("SELECT 1").fetchone()
            state = schema_state(request.app.state.db)
        except Exception as exc:
            return Health(
                status="degraded",
                version=__version__,
                database=DatabaseHealth(status="error", schema_version=0, detail=str(exc)),
                limits=limits,
            )
        return Health(
            status="ok" if limits == "ok" else "degraded",
            version=__version__,
            database=DatabaseHealth(status="ok", schema_version=state.applied),
            limits=limits,
        )

    @app.get(
        "/ready",
        tags=["health"],
        status_code=204,
        responses={503: {"description": "Not ready: the problem's detail says why."}},
    )
    async def ready(request: Request) -> None:
        """For a load balancer: 204 while this process can serve (its database answers and,
        with several processes, it hears the others on the bus); else 503, so that the
        balancer sends no new connections here.

        A shared limits store (Redis) that does not answer leaves the process ready: it then
        counts the visitors' limits in its own memory (see /health). Every process shares that
        store, so calling them all unready would let one Redis outage stop the service."""
        try:
            request.app.state.db.execute("SELECT 1").fetchone()
        except Exception as exc:
            detail = f"The database does not answer: {exc}"
            raise ProblemError(503, "database_unavailable", detail) from exc
        if not request.app.state.bus.connected:
            detail = "The event bus (NATS) is not connected; the server reconnects by itself."
            raise ProblemError(503, "bus_unavailable", detail)

    return app

"""The public, unauthenticated side of the widget: loader script, panel page, its configuration.

Nothing here sets a cookie or looks at the visitor's IP address (P1, P2). The panel may be
framed only by the widget's allowed origins (CSP frame-ancestors).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.types import Scope

from server.access import get_db
from server.problems import PROBLEM_RESPONSES, ProblemError
from server.sql import Database
from server.widgets import rules, service
from server.widgets.api import BASE_URL
from server.widgets.models import PanelConfig

# The package videoclerk_resources (resources/ in the repository), installed as files on disk.
WIDGET_DIR = Path(str(files("videoclerk_resources").joinpath("widget")))
COMMON_HEADERS = {"Referrer-Policy": "no-referrer"}  # nosniff: server.web.headers
NOT_FOUND_PAGE = """<!doctype html>
<html lang="en"><meta charset="utf-8"><title>Not found</title>
<p>This video call link is not valid (any more). Ask the company for a new one.</p>
<p lang="nl">Deze videobellink is niet (meer) geldig. Vraag het bedrijf om een nieuwe.</p>
</html>
"""

GONE_PAGE = """<!doctype html>
<html lang="en"><meta charset="utf-8"><title>No longer available</title>
<p>Video calls with this company are no longer available here.</p>
<p lang="nl">Videobellen met dit bedrijf is hier niet meer mogelijk.</p>
</html>
"""

router = APIRouter(tags=["widget (public)"])
WidgetKey = Annotated[str, PathParam(max_length=100)]
DB = Depends(get_db)


@router.get("/widget.js", response_class=FileResponse)
async def loader_script() -> FileResponse:
    """The script a company's pages include: draws the launcher and opens the panel."""
    return FileResponse(
        WIDGET_DIR / "widget.js",
        media_type="text/javascript",
        headers={**COMMON_HEADERS, "Cache-Control": "public, max-age=300"},
    )


@router.get("/w/{widget_key}", response_class=HTMLResponse)
async def panel_page(
    widget_key: WidgetKey,
    db: Database = DB,
    base: str = BASE_URL,
) -> HTMLResponse:
    """The call panel, full screen (`?embed=1` inside the launcher's frame)."""
    context = service.widget_context(db, widget_key=widget_key, language="en")
    if context is None or context.organisation_closed:
        return HTMLResponse(
            NOT_FOUND_PAGE if context is None else GONE_PAGE,
            status_code=404 if context is None else 410,
            headers={
                **COMMON_HEADERS,
                "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
            },
        )
    csp = rules.panel_csp(
        allowed_origins=context.allowed_origins, server_origin=rules.origin_of(base)
    )
    return HTMLResponse(
        (WIDGET_DIR / "panel.html").read_text(),
        headers={**COMMON_HEADERS, "Content-Security-Policy": csp, "Cache-Control": "no-cache"},
    )


NOT_ALLOWED_DETAIL = (
    "This page's origin ({origin}) may not show this widget. Add it to the widget's allowed "
    "origins: allowed_origins in the API, 'Allowed sites' under Admin > Widgets in the clerk app."
)


@router.get(
    "/w/{widget_key}/config",
    responses={
        403: PROBLEM_RESPONSES[403],
        404: PROBLEM_RESPONSES[404],
        410: PROBLEM_RESPONSES[404],
    },
    response_model=PanelConfig,
)
async def panel_configuration(
    widget_key: WidgetKey,
    request: Request,
    lang: Annotated[Literal["en", "nl"], Query()] = "en",
    db: Database = DB,
) -> JSONResponse:
    """Greeting, colour, logo, queues, opening state and consent questions in one language.

    Pages on an allowed origin may read it (CORS), so the launcher can wear the brand colour.
    A page on any other origin may read only a refusal (403 `origin_not_allowed`), so that the
    launcher can tell the site's developer which setting to change: the refusal holds nothing
    of the configuration.
    """
    found = service.panel_config(db, widget_key=widget_key, language=lang)
    if found is None:
        raise ProblemError(404, "not_found", "No widget has this key. It may have been replaced.")
    config, context = found
    if context.organisation_closed:
        raise ProblemError(
            410, "organisation_closed", "Video calls with this company are no longer available."
        )
    headers = {**COMMON_HEADERS, "Cache-Control": "no-store", "Vary": "Origin"}
    origin = request.headers.get("origin")
    own_origin = f"{request.url.scheme}://{request.headers.get('host', '')}"
    if origin is None or origin == own_origin:  # the panel itself, or no browser at all
        return JSONResponse(config.model_dump(mode="json"), headers=headers)
    headers["Access-Control-Allow-Origin"] = origin
    if not rules.is_allowed_origin(origin, context.allowed_origins):
        detail = NOT_ALLOWED_DETAIL.format(origin=origin)
        raise ProblemError(403, "origin_not_allowed", detail, headers=headers)
    return JSONResponse(config.model_dump(mode="json"), headers=headers)


class WidgetAssets(StaticFiles):
    """The panel's scripts, styles and strings, with the same headers as the panel."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        response.headers.update({**COMMON_HEADERS, "Cache-Control": "no-cache"})
        return response


def assets() -> WidgetAssets:
    return WidgetAssets(directory=WIDGET_DIR)

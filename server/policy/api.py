"""Public routes: the policy versions, and their texts as pages the app links to (P15)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from server.access import get_db, get_settings
from server.config import Settings
from server.policy import service
from server.policy.models import PolicyState
from server.problems import PROBLEM_RESPONSES
from server.sql import Database
from server.web import pages

router = APIRouter(responses=PROBLEM_RESPONSES)
DB = Depends(get_db)
SETTINGS = Depends(get_settings)


@router.get("/api/v1/privacy/policy", tags=["privacy"])
async def policy_state(db: Database = DB, settings: Settings = SETTINGS) -> PolicyState:
    """The privacy-policy version in force and the announced ones, with links to their texts."""
    return service.state(db, settings)


@router.get(
    "/privacy/policy", response_class=HTMLResponse, tags=["privacy"], include_in_schema=False
)
async def current_text(request: Request, db: Database = DB) -> HTMLResponse:
    """The text of the version in force."""
    return _text_page(request, db, service.current_version(db))


@router.get(
    "/privacy/policy/{version}",
    response_class=HTMLResponse,
    tags=["privacy"],
    include_in_schema=False,
)
async def version_text(version: str, request: Request, db: Database = DB) -> HTMLResponse:
    """The text of one version, in force or announced."""
    return _text_page(request, db, version)


def _text_page(request: Request, db: Database, version: str | None) -> HTMLResponse:
    policy = service.text(db, version) if version else None
    if policy is None:
        dutch = pages.language_of(request.headers.get("accept-language")) == "nl"
        return pages.page(
            "Onbekende versie" if dutch else "Unknown version",
            "<p>"
            + (
                "Deze versie van het privacybeleid bestaat niet."
                if dutch
                else "This version of the privacy policy does not exist."
            )
            + "</p>",
            language="nl" if dutch else "en",
            status=404,
        )
    heading = f"Privacy policy {policy.version} ({policy.effective_at[:10]})"
    return pages.page(heading, pages.paragraphs(policy.text), language=policy.language)

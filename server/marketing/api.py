"""The user's marketing choice, and the unsubscribe link every marketing mail carries (P13).

The link's page (GET) asks for a confirming click, so that a mail scanner following links
unsubscribes no one; the POST ends marketing mail, and it is also what a mail program sends
for RFC 8058 one-click unsubscribe (`List-Unsubscribe=One-Click`), without any session.
"""

from __future__ import annotations

from html import escape

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from server.access import ANY_USER, Caller, get_db, require
from server.accounts import service as accounts
from server.marketing import service
from server.marketing.models import MailPreferences, MailPreferencesChange
from server.problems import PROBLEM_RESPONSES
from server.sql import Database
from server.web import pages

router = APIRouter(responses=PROBLEM_RESPONSES)
DB = Depends(get_db)
USER = Depends(require(roles=ANY_USER))

_TEXTS = {
    "en": {
        "title": "Unsubscribe",
        "ask": "Stop news and offers from videoclerk by e-mail? Service notices about your "
        "account (maintenance, security, policy changes) still reach you.",
        "button": "Unsubscribe",
        "done_title": "Unsubscribed",
        "done": "You will get no more news or offers by e-mail. You can switch them on again "
        "in the app's settings.",
        "bad_title": "Link not valid",
        "bad": "This unsubscribe link is not valid. Switch off news and offers in the app's "
        "settings, or ask support.",
    },
    "nl": {
        "title": "Afmelden",
        "ask": "Geen nieuws en aanbiedingen van videoclerk meer per e-mail? Servicemeldingen "
        "over uw account (onderhoud, beveiliging, beleidswijzigingen) blijft u ontvangen.",
        "button": "Afmelden",
        "done_title": "Afgemeld",
        "done": "U ontvangt geen nieuws of aanbiedingen meer per e-mail. U kunt ze in de "
        "instellingen van de app weer aanzetten.",
        "bad_title": "Link ongeldig",
        "bad": "Deze afmeldlink is ongeldig. Zet nieuws en aanbiedingen uit in de instellingen "
        "van de app, of vraag de helpdesk.",
    },
}


def _links(request: Request) -> service.Links:
    links: service.Links = request.app.state.mail_links
    return links


def _out(choice: accounts.MarketingChoice) -> MailPreferences:
    return MailPreferences(marketing_mail=choice.opted_in, changed_at=choice.changed_at)


@router.get("/api/v1/me/preferences", tags=["accounts"])
async def get_preferences(caller: Caller = USER, db: Database = DB) -> MailPreferences:
    """The user's own mail choices."""
    assert caller.user_id is not None
    return _out(service.preferences(db, user_id=caller.user_id))


@router.patch("/api/v1/me/preferences", tags=["accounts"])
async def change_preferences(
    form: MailPreferencesChange, caller: Caller = USER, db: Database = DB
) -> MailPreferences:
    """Switch marketing mail on or off (audited)."""
    assert caller.user_id is not None
    accounts.set_marketing_choice(
        db, user_id=caller.user_id, opt_in=form.marketing_mail, ip=caller.ip, via="app"
    )
    return _out(service.preferences(db, user_id=caller.user_id))


@router.get(
    "/mail/unsubscribe/{token}",
    response_class=HTMLResponse,
    tags=["accounts"],
    include_in_schema=False,
)
async def unsubscribe_page(token: str, request: Request) -> HTMLResponse:
    texts = _TEXTS[pages.language_of(request.headers.get("accept-language"))]
    if _links(request).user_of(token) is None:
        return _bad_link(request)
    form = (
        f'<p>{escape(texts["ask"])}</p><form method="post">'
        '<input type="hidden" name="List-Unsubscribe" value="One-Click">'
        f'<button type="submit">{escape(texts["button"])}</button></form>'
    )
    return pages.page(texts["title"], form, language=_language(request))


@router.post(
    "/mail/unsubscribe/{token}",
    response_class=HTMLResponse,
    tags=["accounts"],
    include_in_schema=False,
)
async def unsubscribe(token: str, request: Request, db: Database = DB) -> HTMLResponse:
    """One click ends marketing mail (RFC 8058); the answer is a page for a person."""
    if not service.unsubscribe(db, _links(request), token=token):
        return _bad_link(request)
    texts = _TEXTS[_language(request)]
    return pages.page(
        texts["done_title"], f"<p>{escape(texts['done'])}</p>", language=_language(request)
    )


def _language(request: Request) -> str:
    return pages.language_of(request.headers.get("accept-language"))


def _bad_link(request: Request) -> HTMLResponse:
    texts = _TEXTS[_language(request)]
    return pages.page(
        texts["bad_title"],
        f"<p>{escape(texts['bad'])}</p>",
        language=_language(request),
        status=404,
    )

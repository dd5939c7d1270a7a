"""Small HTML pages the server shows people directly (a policy text, an unsubscribe link).

Plain, self-contained HTML: no script, no external resource, everything escaped, and a CSP
that forbids anything else. Their routes are left out of the OpenAPI description: they are
pages for people, not the API (their tests feed them bad input directly).
"""

from __future__ import annotations

from html import escape

from fastapi.responses import HTMLResponse

CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'"
_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.5;color:#1d2330}button{font-size:1rem;padding:.5rem 1rem}"
)


def paragraphs(text: str) -> str:
    """Plain text as escaped paragraphs: blank lines part them, single breaks stay."""
    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(f"<p>{escape(b).replace(chr(10), '<br>')}</p>" for b in blocks if b)


def page(title: str, body_html: str, *, language: str = "en", status: int = 200) -> HTMLResponse:
    """`body_html` must already be escaped (see `paragraphs`, `html.escape`)."""
    document = (
        f'<!doctype html><html lang="{escape(language)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body><h1>{escape(title)}</h1>{body_html}</body></html>"
    )
    return HTMLResponse(
        document,
        status_code=status,
        headers={"Content-Security-Policy": CSP, "Cache-Control": "no-store"},
    )


def language_of(accept_language: str | None) -> str:
    """`nl` when the browser prefers Dutch over English, else `en`."""
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip().lower()
        if tag.startswith("nl"):
            return "nl"
        if tag.startswith("en"):
            return "en"
    return "en"

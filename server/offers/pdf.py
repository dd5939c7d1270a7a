"""An offer as a PDF in English or Dutch (fpdf2).

The font is a subset of DejaVu Sans shipped with the server (server/data/fonts), so € and
Dutch text print the same on every machine; amounts are formatted by babel per language.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from babel.dates import format_date, format_datetime
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from server import clock
from server.catalogue import money
from videoclerk_protocol.messages import OfferLine, OfferView

FONTS = Path(__file__).resolve().parent.parent / "data" / "fonts"
FAMILY = "DejaVu"

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Offer",
        "reference": "Reference",
        "revision": "Version",
        "clerk": "Your contact",
        "valid_until": "Valid until",
        "accepted_at": "Accepted",
        "item": "Item",
        "quantity": "Qty",
        "unit": "Unit price",
        "discount": "Discount",
        "amount": "Amount",
        "list": "Before discounts",
        "net": "Excluding VAT",
        "vat": "VAT {rate}%",
        "total": "Total",
        "note": "Note",
        "hash": "Content hash (SHA-256)",
        "status_open": "Open",
        "status_awaiting_approval": "Being checked",
        "status_refused": "Being revised",
        "status_accepted": "Accepted",
        "status_declined": "Declined",
        "status_expired": "Expired",
    },
    "nl": {
        "title": "Offerte",
        "reference": "Referentie",
        "revision": "Versie",
        "clerk": "Uw contactpersoon",
        "valid_until": "Geldig tot en met",
        "accepted_at": "Geaccepteerd",
        "item": "Artikel",
        "quantity": "Aantal",
        "unit": "Stukprijs",
        "discount": "Korting",
        "amount": "Bedrag",
        "list": "Vóór korting",
        "net": "Exclusief btw",
        "vat": "Btw {rate}%",
        "total": "Totaal",
        "note": "Opmerking",
        "hash": "Inhoudshash (SHA-256)",
        "status_open": "Open",
        "status_awaiting_approval": "Wordt gecontroleerd",
        "status_refused": "Wordt herzien",
        "status_accepted": "Geaccepteerd",
        "status_declined": "Afgewezen",
        "status_expired": "Verlopen",
    },
}
COLUMNS = (80.0, 16.0, 30.0, 24.0, 30.0)
"""Item, quantity, unit price, discount, amount: the 180 mm between the margins."""
ROW = 6.0


def _line_text(line: OfferLine, language: str) -> str:
    options = ", ".join(f"{o.group[language]}: {o.choice[language]}" for o in line.options)
    name = f"{line.name[language]} ({line.sku})"
    return f"{name}\n{options}" if options else name


def render(view: OfferView, language: str) -> bytes:
    """The offer's latest revision as people read it in `language` (en or nl)."""
    text = TEXTS.get(language, TEXTS["en"])
    locale = money.LOCALES.get(language, "en")

    def amount(minor: int) -> str:
        return money.format_money(minor, view.currency, language) if view.currency else ""

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, 15)
    pdf.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_title(f"{text['title']} {view.reference or view.offer_id}")
    pdf.set_creation_date(clock.now())
    pdf.add_page()

    pdf.set_font(FAMILY, "B", 16)
    pdf.cell(
        0, 10, f"{view.organisation_name} – {text['title']}", new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    pdf.set_font(FAMILY, "", 10)
    facts = [
        (text["reference"], view.reference or "–"),
        (text["revision"], f"{view.revision} ({text['status_' + view.status]})"),
        (text["clerk"], view.clerk_name or "–"),
        (
            text["valid_until"],
            format_date(date.fromisoformat(view.valid_until), "long", locale=locale),
        ),
    ]
    if view.accepted_at:
        accepted = format_datetime(clock.parse(view.accepted_at), "medium", locale=locale)
        facts.append((text["accepted_at"], str(accepted)))
    for label, value in facts:
        pdf.cell(45, ROW, label)
        pdf.cell(0, ROW, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)

    pdf.set_font(FAMILY, "B", 10)
    heads = (text["item"], text["quantity"], text["unit"], text["discount"], text["amount"])
    for width, head, align in zip(COLUMNS, heads, "LRRRR", strict=True):
        pdf.cell(width, ROW, head, border="B", align=align)
    pdf.ln(ROW)
    pdf.set_font(FAMILY, "", 9)
    for line in view.lines:
        top = pdf.get_y()
        pdf.multi_cell(COLUMNS[0], 5, _line_text(line, language), new_x=XPos.RIGHT, new_y=YPos.TOP)
        bottom = pdf.get_y()
        pdf.set_xy(pdf.l_margin + COLUMNS[0], top)
        figures = (
            str(line.quantity),
            amount(line.unit_minor),
            amount(line.discount_minor) if line.discount_minor else "",
            amount(line.gross_minor),
        )
        for width, value in zip(COLUMNS[1:], figures, strict=True):
            pdf.cell(width, 5, value, align="R")
        pdf.set_xy(pdf.l_margin, max(bottom, top + 5) + 1)
    pdf.ln(2)

    totals = [(text["list"], amount(view.list_gross_minor))]
    if view.discount_minor:
        totals.append(
            (f"{text['discount']} ({view.discount_percent}%)", amount(-view.discount_minor))
        )
    totals.append((text["net"], amount(view.net_minor)))
    totals += [(text["vat"].format(rate=s.rate), amount(s.vat_minor)) for s in view.vat_subtotals]
    for label, value in totals:
        pdf.cell(sum(COLUMNS[:-1]), ROW, label, align="R")
        pdf.cell(COLUMNS[-1], ROW, value, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FAMILY, "B", 11)
    pdf.cell(sum(COLUMNS[:-1]), ROW + 1, text["total"], align="R")
    pdf.cell(COLUMNS[-1], ROW + 1, amount(view.gross_minor), align="R", border="T")
    pdf.ln(ROW + 5)

    pdf.set_font(FAMILY, "", 10)
    if view.note:
        pdf.set_font(FAMILY, "B", 10)
        pdf.cell(0, ROW, text["note"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(FAMILY, "", 10)
        pdf.multi_cell(0, 5, view.note, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)
    if view.content_hash:
        pdf.set_font(FAMILY, "", 7)
        pdf.cell(0, 4, f"{text['hash']}: {view.content_hash}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())

"""The wrap-up after a call: outcomes to pick, and a check that the note holds no personal
data (Qt-free).

The note is stored with the call record. The visitor is anonymous by design, so the note
must not name them; the check catches the obvious slips (an e-mail address, a phone
number, a bank account number) and the clerk is warned before saving.
"""

from __future__ import annotations

import re

# Stored as these codes; the app shows them translated.
OUTCOMES = ("resolved", "offer_sent", "follow_up", "not_interested", "technical_problem", "other")
NOTE_MAX_LENGTH = 2000

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_PHONE = re.compile(r"(?<![\w])(?:\+|00)?\d(?:[\s./-]?\d){8,}(?![\w])")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}\s?(?:[A-Z0-9]{4}\s?){2,7}[A-Z0-9]{1,4}\b")


def personal_data_kinds(note: str) -> list[str]:
    """Kinds of personal data the note seems to contain: "email", "phone", "iban"."""
    found = []
    if _EMAIL.search(note):
        found.append("email")
    if _IBAN.search(note.upper()):
        found.append("iban")
    elif _PHONE.search(note):
        found.append("phone")
    return found

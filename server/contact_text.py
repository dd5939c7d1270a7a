"""Whether a visitor's free text holds contact details (P1).

Visitors are told not to type personal data; text that looks like an e-mail address or a
phone number is caught here. Offers warn the clerk about it, ratings refuse it. The widget
checks the same patterns before it sends anything (resources/widget/rating.js).
"""

from __future__ import annotations

import re

_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]{2,}")
_PHONE = re.compile(r"\+?\(?\d[\d\s().\-/]{5,}\d")
PHONE_DIGITS = 8


def looks_like_contact(text: str) -> bool:
    """Whether the text seems to hold an e-mail address or a phone number (8 digits or more
    in one run of digits, spaces, dots, dashes, slashes and parentheses)."""
    if _EMAIL.search(text):
        return True
    return any(
        sum(ch.isdigit() for ch in found.group()) >= PHONE_DIGITS for found in _PHONE.finditer(text)
    )

"""Pure decisions about accounts: no I/O, testable without a server."""

from __future__ import annotations

from functools import cache
from importlib import resources

from zxcvbn import zxcvbn

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 128
# zxcvbn refuses (raises on) longer input to bound its work; rating a prefix is conservative,
# since adding characters never makes a password easier to guess.
ZXCVBN_MAX_LENGTH = 72
ROLES = ("admin", "supervisor", "clerk")

# EEA member states plus Switzerland: the age of digital consent there is 16 (P14).
EEA_AND_SWITZERLAND = frozenset(
    (
        *("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IS"),
        *("IE", "IT", "LV", "LI", "LT", "LU", "MT", "NL", "NO", "PL", "PT", "RO", "SK", "SI"),
        *("ES", "SE", "CH"),
    )
)


def minimum_age(country: str) -> int:
    """P14: 16 in the EEA and Switzerland, 13 elsewhere."""
    return 16 if country.upper() in EEA_AND_SWITZERLAND else 13


@cache
def _common_passwords() -> frozenset[str]:
    text = resources.files("server").joinpath("data/common-passwords.txt").read_text()
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line and not line.startswith("#")
    )


def password_problem(password: str, *, user_inputs: list[str]) -> str | None:
    """Why a password is refused, as a sentence for the person choosing it; None if it is fine."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"The password must have at least {MIN_PASSWORD_LENGTH} characters."
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"The password may have at most {MAX_PASSWORD_LENGTH} characters."
    if password.lower() in _common_passwords():
        return "This password is on a list of commonly used passwords. Choose another."
    verdict = zxcvbn(password[:ZXCVBN_MAX_LENGTH], user_inputs=[u for u in user_inputs if u])
    if verdict["score"] < 3:
        hint = verdict["feedback"].get("warning") or "It would be easy to guess."
        return f"This password is too weak. {hint} Use a longer phrase of unrelated words."
    return None


def admin_would_vanish(
    *, active_admins: int, target_is_active_admin: bool, new_role: str | None, deactivate: bool
) -> bool:
    """The last active admin may not be demoted or deactivated: nobody could run the account."""
    if not target_is_active_admin or active_admins > 1:
        return False
    return deactivate or (new_role is not None and new_role != "admin")


ERASED_NAME = "Erased user"


def erased_user(user_id: str) -> dict[str, object]:
    """What an erased user's row becomes (P11): no name, no address, no password, inactive.

    The row stays, as an id, because audit entries and offers refer to it; the address is
    unique (the column demands it) and under `.invalid`, which no mail can reach.
    """
    return {
        "name": ERASED_NAME,
        "email": f"erased-{user_id.lower()}@erased.invalid",
        "password_hash": None,
        "active": 0,
        "policy_version": None,
        "policy_accepted_at": None,
        "age_confirmed_at": None,
        "password_changed_at": None,
    }


def organisation_changes(
    *,
    name: str | None,
    organisation_number: str | None,
    vat_number: str | None,
    billing: tuple[str, str, str] | None,
    country: str | None,
) -> dict[str, str]:
    """The organisation's columns a correction sets (fields left out stay as they are)."""
    changes = {
        "name": name,
        "organisation_number": organisation_number,
        "vat_number": vat_number,
        "country": country,
    }
    if billing is not None:
        street, postal_code, city = billing
        changes |= {
            "billing_street": street,
            "billing_postal_code": postal_code,
            "billing_city": city,
        }
    return {column: value for column, value in changes.items() if value is not None}

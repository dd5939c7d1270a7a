"""Translated names of codes the server uses (roles, scopes, events) and times shown."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, QLocale

ROLE_NAMES = {
    "admin": QT_TRANSLATE_NOOP("Admin", "Admin"),
    "supervisor": QT_TRANSLATE_NOOP("Admin", "Supervisor"),
    "clerk": QT_TRANSLATE_NOOP("Admin", "Clerk"),
}
SCOPE_NAMES = {
    "read": QT_TRANSLATE_NOOP("Admin", "Read"),
    "catalogue": QT_TRANSLATE_NOOP("Admin", "Catalogue"),
    "recordings": QT_TRANSLATE_NOOP("Admin", "Recordings"),
    "full": QT_TRANSLATE_NOOP("Admin", "Full access"),
}
KEY_STATUS_NAMES = {
    "active": QT_TRANSLATE_NOOP("Admin", "Active"),
    "expiring": QT_TRANSLATE_NOOP("Admin", "Expiring"),
    "expired": QT_TRANSLATE_NOOP("Admin", "Expired"),
    "revoked": QT_TRANSLATE_NOOP("Admin", "Revoked"),
}


def tr_admin(text: object) -> str:
    """A text marked with QT_TRANSLATE_NOOP("Admin", …), translated now."""
    return QCoreApplication.translate("Admin", str(text))


def role_name(role: str) -> str:
    return tr_admin(ROLE_NAMES[role]) if role in ROLE_NAMES else role


def scope_name(scope: str) -> str:
    return tr_admin(SCOPE_NAMES[scope]) if scope in SCOPE_NAMES else scope


def local_time(iso_text: str | None, *, seconds: bool = False) -> str:
    """A server timestamp in the user's time zone, written the same way in every language
    (year first, 24-hour clock); '' for none."""
    if not iso_text:
        return ""
    try:
        moment = datetime.fromisoformat(iso_text)
    except ValueError:
        return iso_text
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = QDateTime.fromMSecsSinceEpoch(round(moment.timestamp() * 1000))
    return local.toString("yyyy-MM-dd HH:mm:ss" if seconds else "yyyy-MM-dd HH:mm")


def app_language() -> str:
    """The language of the app's texts: Dutch when the default locale is Dutch."""
    return "nl" if QLocale().language() == QLocale.Language.Dutch else "en"

"""An audit entry's details as readable, translated sentences ("own: false" becomes "The
server made the secret.")."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication

from clerk_app.admin.audit.service import DetailValue
from clerk_app.admin.names import role_name

Describe = Callable[[str], str]
translate = QCoreApplication.translate  # spelled out at each call for pyside6-lupdate


def describe_details(details: Sequence[tuple[str, DetailValue]], describe: Describe) -> str:
    values = dict(details)
    parts: list[str] = []
    if "from" in values and "to" in values:
        parts.append(
            translate("AuditDetails", "Role: {before} → {after}.").format(
                before=role_name(str(values.pop("from"))), after=role_name(str(values.pop("to")))
            )
        )
    for name, value in values.items():
        parts.append(_sentence(name, value, describe))
    return " ".join(parts)


def _sentence(name: str, value: DetailValue, describe: Describe) -> str:
    if name == "own":
        if value:
            return translate("AuditDetails", "The customer supplied the secret.")
        return translate("AuditDetails", "The server made the secret.")
    if name == "locked":
        if value:
            return translate("AuditDetails", "The account is now locked.")
        return translate("AuditDetails", "The account is not locked.")
    if name == "new_key":
        return translate("AuditDetails", "Replaced by {key}.").format(key=describe(str(value)))
    if name == "grace_hours":
        return translate(
            "AuditDetails", "The old key keeps working for %n hour(s).", "", _int(value)
        )
    if name == "role":
        return translate("AuditDetails", "Role: {role}.").format(role=role_name(str(value)))
    if name == "fields":
        return translate("AuditDetails", "Changed: {fields}.").format(fields=_text(value))
    if name == "sessions_ended":
        return translate("AuditDetails", "%n session(s) ended.", "", _int(value))
    if name == "counters_cleared":
        return translate("AuditDetails", "%n lock(s) lifted.", "", _int(value))
    if name == "sku":
        return translate("AuditDetails", "SKU {sku}.").format(sku=_text(value))
    if name == "prices_include_vat":
        if value:
            return translate("AuditDetails", "Prices now include VAT.")
        return translate("AuditDetails", "Prices now exclude VAT.")
    if name in ("created", "updated", "unchanged", "error"):
        return _count(name, _int(value))
    return translate("AuditDetails", "{name}: {value}.").format(
        name=name.replace("_", " ").capitalize(), value=_text(value)
    )


def _count(name: str, count: int) -> str:
    if name == "created":
        return translate("AuditDetails", "%n created.", "", count)
    if name == "updated":
        return translate("AuditDetails", "%n updated.", "", count)
    if name == "unchanged":
        return translate("AuditDetails", "%n unchanged.", "", count)
    return translate("AuditDetails", "%n with errors.", "", count)


def _int(value: DetailValue) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _text(value: DetailValue) -> str:
    if isinstance(value, tuple):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, bool):
        yes, no = translate("AuditDetails", "yes"), translate("AuditDetails", "no")
        return yes if value else no
    return "" if value is None else str(value)

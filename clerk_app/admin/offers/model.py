"""Offers as Qt table models with named roles: the list, and the lines of one offer.

Amounts are formatted by babel in the app's language (`€1,234.50`, `€ 1.234,50`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from clerk_app.admin.base import FIRST_ROLE, AdminTableModel
from clerk_app.admin.catalogue.service import format_price
from clerk_app.admin.names import app_language, local_time, tr_admin
from clerk_app.admin.offers.service import OfferLine, OfferSummary

STATUS_NAMES = {
    "open": QT_TRANSLATE_NOOP("Admin", "Open"),
    "awaiting_approval": QT_TRANSLATE_NOOP("Admin", "Awaiting approval"),
    "refused": QT_TRANSLATE_NOOP("Admin", "Refused"),
    "declined": QT_TRANSLATE_NOOP("Admin", "Declined"),
    "accepted": QT_TRANSLATE_NOOP("Admin", "Accepted"),
    "expired": QT_TRANSLATE_NOOP("Admin", "Expired"),
}
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def status_name(status: str) -> str:
    return tr_admin(STATUS_NAMES[status]) if status in STATUS_NAMES else status


def money(minor: int, currency: str) -> str:
    """An amount in the app's language; a bare number for an offer without lines yet."""
    return format_price(minor, currency, app_language()) if currency else str(minor)


class OffersModel(AdminTableModel[OfferSummary]):
    """Offers, newest first; `append_records` adds an older page below."""

    StatusRole = FIRST_ROLE  # the status code, e.g. awaiting_approval
    ClerkIdRole = FIRST_ROLE + 1
    ClerkNameRole = FIRST_ROLE + 2
    CreatedAtRole = FIRST_ROLE + 3
    GrossMinorRole = FIRST_ROLE + 4
    CurrencyRole = FIRST_ROLE + 5
    ReferenceRole = FIRST_ROLE + 6
    RevisionRole = FIRST_ROLE + 7
    role_names: ClassVar[dict[int, bytes]] = {
        StatusRole: b"status",
        ClerkIdRole: b"clerkId",
        ClerkNameRole: b"clerkName",
        CreatedAtRole: b"createdAt",
        GrossMinorRole: b"grossMinor",
        CurrencyRole: b"currency",
        ReferenceRole: b"reference",
        RevisionRole: b"revision",
    }
    AMOUNT_COLUMNS = (5, 6)

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Created"),
            self.tr("Clerk"),
            self.tr("Status"),
            self.tr("Reference"),
            self.tr("Lines"),
            self.tr("Discount"),
            self.tr("Total"),
            self.tr("Valid until"),
        )

    def cell(self, record: OfferSummary, column: int) -> str:
        if column == 0:
            return local_time(record.created_at)
        if column == 1:
            return record.clerk_name or ""
        if column == 2:
            return status_name(record.status)
        if column == 3:
            return record.reference or ""
        if column == 4:
            return str(record.line_count)
        if column == 5:
            return f"{record.discount_percent} %"
        if column == 6:
            return money(record.gross_minor, record.currency)
        return record.valid_until

    def cell_value(self, record: OfferSummary, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (4, *self.AMOUNT_COLUMNS):
            return RIGHT
        return None

    def value(self, record: OfferSummary, role: int) -> Any:
        return {
            self.StatusRole: record.status,
            self.ClerkIdRole: record.clerk_id,
            self.ClerkNameRole: record.clerk_name,
            self.CreatedAtRole: record.created_at,
            self.GrossMinorRole: record.gross_minor,
            self.CurrencyRole: record.currency,
            self.ReferenceRole: record.reference,
            self.RevisionRole: record.revision,
        }.get(role)


class OfferLinesModel(AdminTableModel[OfferLine]):
    """The lines of one revision; the currency is the offer's."""

    SkuRole = FIRST_ROLE
    QuantityRole = FIRST_ROLE + 1
    GrossMinorRole = FIRST_ROLE + 2
    role_names: ClassVar[dict[int, bytes]] = {
        SkuRole: b"sku",
        QuantityRole: b"quantity",
        GrossMinorRole: b"grossMinor",
    }
    currency = ""

    def headers(self) -> Sequence[str]:
        return (
            self.tr("SKU"),
            self.tr("Item"),
            self.tr("Quantity"),
            self.tr("Unit price"),
            self.tr("Discount"),
            self.tr("VAT rate"),
            self.tr("Total"),
        )

    def cell(self, record: OfferLine, column: int) -> str:
        if column == 0:
            return record.sku
        if column == 1:
            language = app_language()
            options = ", ".join(
                f"{group.get(language)}: {choice.get(language)}" for group, choice in record.options
            )
            name = record.name.get(language)
            return f"{name} ({options})" if options else name
        if column == 2:
            return str(record.quantity)
        if column == 3:
            return money(record.unit_minor, self.currency)
        if column == 4:
            return money(record.discount_minor, self.currency) if record.discount_minor else ""
        if column == 5:
            return f"{record.vat_rate} %"
        return money(record.gross_minor, self.currency)

    def cell_value(self, record: OfferLine, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return RIGHT
        return None

    def value(self, record: OfferLine, role: int) -> Any:
        return {
            self.SkuRole: record.sku,
            self.QuantityRole: record.quantity,
            self.GrossMinorRole: record.gross_minor,
        }.get(role)

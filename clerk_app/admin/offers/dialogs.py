"""Forms of the offers tab: the offer settings, and one offer's lines, totals and revisions."""

from __future__ import annotations

from collections.abc import Coroutine
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clerk_app.admin.base import FormDialog, chain_focus, record_table
from clerk_app.admin.names import local_time, role_name
from clerk_app.admin.offers.model import OfferLinesModel, money, status_name
from clerk_app.admin.offers.service import (
    LIMIT_ROLES,
    MAX_VALIDITY_DAYS,
    Offer,
    OfferSettings,
    OffersService,
)
from clerk_app.admin.zones import time_zone_box
from clerk_app.shell.errors import describe
from clerk_app.shell.theme import set_tone

if TYPE_CHECKING:
    from clerk_app.admin.panel import AdminPanel


class OfferSettingsDialog(FormDialog):
    """Discount limits per role, validity, time zone (from the list) and checkout link."""

    def __init__(
        self,
        offers: OffersService,
        panel: AdminPanel,
        settings: OfferSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(panel, parent)
        self.offers = offers
        self.setWindowTitle(self.tr("Offer settings"))
        self.limits: dict[str, QDoubleSpinBox] = {}
        limits_box = QWidget(self)
        limits_form = QFormLayout(limits_box)
        limits_form.setContentsMargins(0, 0, 0, 0)
        mnemonics = {
            "clerk": self.tr("C&lerk"),
            "supervisor": self.tr("Supe&rvisor"),
            "admin": self.tr("A&dmin"),
        }
        for role in LIMIT_ROLES:
            spin = QDoubleSpinBox(limits_box)
            spin.setObjectName(f"limit_{role}")
            spin.setRange(0, 100)
            spin.setDecimals(2)
            spin.setSuffix(" %")
            spin.setValue(float(settings.discount_limits_percent[role]))
            spin.setAccessibleName(
                self.tr("Discount limit of the role {role}").format(role=role_name(role))
            )
            caption = QLabel(mnemonics[role], limits_box)
            caption.setBuddy(spin)
            limits_form.addRow(caption, spin)
            self.limits[role] = spin
        limits_box.setFocusProxy(self.limits["clerk"])
        self.validity_days = QSpinBox(self)
        self.validity_days.setRange(1, MAX_VALIDITY_DAYS)
        self.validity_days.setValue(settings.validity_days)
        self.validity_days.setSuffix(self.tr(" days"))
        self.time_zone = time_zone_box(settings.time_zone, self)
        self.time_zone.setObjectName("offerTimeZone")
        self.checkout_url = QLineEdit(settings.checkout_url_template or "", self)
        self.checkout_url.setPlaceholderText("https://shop.example/checkout/{reference}")
        hint = QLabel(
            self.tr(
                "After a visitor accepts, this link takes them to your shop; {reference} is "
                "replaced by the offer's reference. Leave it empty for no checkout button."
            ),
            self,
        )
        hint.setWordWrap(True)
        self.add_row(self.tr("Highest discount without approval"), limits_box)
        self.add_row(self.tr("&Validity"), self.validity_days, "validity_days")
        self.add_row(self.tr("&Time zone"), self.time_zone, "time_zone")
        self.add_row(self.tr("Check&out link"), self.checkout_url, "checkout_url_template")
        self.form.addRow(hint)
        chain_focus(*self.limits.values(), self.validity_days, self.time_zone, self.checkout_url)

    def value(self) -> OfferSettings:
        return OfferSettings(
            discount_limits_percent={
                role: Decimal(str(round(spin.value(), 2))) for role, spin in self.limits.items()
            },
            validity_days=self.validity_days.value(),
            time_zone=self.time_zone.currentText(),
            checkout_url_template=self.checkout_url.text().strip() or None,
        )

    def request(self) -> Coroutine[Any, Any, OfferSettings]:
        return self.offers.save_settings(self.value())


class OfferDialog(QDialog):
    """One offer: its lines and totals, and any earlier revision chosen from the list."""

    def __init__(
        self, offers: OffersService, panel: AdminPanel, offer: Offer, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.offers = offers
        self.panel = panel
        self.offer = offer
        self.resize(820, 520)
        self.revision = QComboBox(self)
        self.revision.setObjectName("offerRevision")
        for number in range(offer.revision, 0, -1):
            self.revision.addItem(str(number), number)
        revision_label = QLabel(self.tr("&Revision"), self)
        revision_label.setBuddy(self.revision)
        self.summary = QLabel(self)
        self.summary.setObjectName("offerSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lines = OfferLinesModel(self)
        self.view = record_table(self, self.lines, "offerLines")
        self.view.setAccessibleName(self.tr("Lines of the offer"))
        self.totals = QLabel(self)
        self.totals.setObjectName("offerTotals")
        self.totals.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = QLabel(self)
        set_tone(self.error, "danger")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(revision_label)
        top.addWidget(self.revision)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.totals)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        chain_focus(self.revision, self.view)
        self.show_offer(offer)
        self.revision.currentIndexChanged.connect(self._revision_chosen)

    def _revision_chosen(self, _index: int) -> None:
        number = self.revision.currentData()
        if number is None:
            return
        self.error.hide()

        def failed(error: BaseException) -> None:
            self.error.setText(describe(error))
            self.error.show()

        self.panel.run(self.offers.offer(self.offer.id, int(number)), self.show_offer, failed)

    def show_offer(self, offer: Offer) -> None:
        self.setWindowTitle(
            self.tr("Offer {reference}, revision {revision}").format(
                reference=offer.reference or offer.id, revision=offer.revision
            )
        )
        facts = [
            self.tr("Status: {status}").format(status=status_name(offer.status)),
            self.tr("Clerk: {name}").format(name=offer.clerk_name or "–"),
            self.tr("Saved: {time}").format(time=local_time(offer.created_at)),
            self.tr("Valid until: {day}").format(day=offer.valid_until),
        ]
        if offer.accepted_at:
            facts.append(self.tr("Accepted: {time}").format(time=local_time(offer.accepted_at)))
        if offer.note:
            facts.append(self.tr("Note: {note}").format(note=offer.note))
        self.summary.setText("\n".join(facts))
        self.lines.currency = offer.currency
        self.lines.set_records(offer.lines)
        rows = [
            (self.tr("List price"), money(offer.list_gross_minor, offer.currency)),
            (
                self.tr("Discount ({percent} %)").format(percent=offer.discount_percent),
                money(offer.discount_minor, offer.currency),
            ),
            (self.tr("Net"), money(offer.net_minor, offer.currency)),
        ]
        rows += [
            (
                self.tr("VAT {rate} %").format(rate=subtotal.rate),
                money(subtotal.vat_minor, offer.currency),
            )
            for subtotal in offer.vat_subtotals
        ]
        rows.append((self.tr("Total"), money(offer.gross_minor, offer.currency)))
        self.totals.setText("\n".join(f"{name}: {amount}" for name, amount in rows))

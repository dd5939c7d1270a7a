"""Offers waiting for a supervisor: the list fed live by `approvals` messages on the clerk
socket, the selected request's lines, and Approve / Refuse with an optional note."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, ClassVar

from PySide6.QtCore import QEvent, QLocale, Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.errors import ServiceError
from clerk_app.offers.money import format_money
from clerk_app.offers.service import Decision, OfferBackend, text
from clerk_app.qt_models import USER_ROLE as ROLE
from clerk_app.qt_models import RecordTableModel, read_only_table
from clerk_app.shell.tasks import Tasks
from clerk_app.shell.theme import set_tone
from videoclerk_protocol.messages import ApprovalRequest, Approvals

ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
NOTE_MAX_LENGTH = 500


def _language() -> str:
    return "nl" if QLocale().name().startswith("nl") else "en"


def _percent(value: str) -> str:
    shown = format(Decimal(value).normalize(), "f")
    return (shown.replace(".", ",") if _language() == "nl" else shown) + " %"


class ApprovalsModel(RecordTableModel[ApprovalRequest]):
    """One row per pending request: clerk, call, list and offered total, discount vs limit."""

    OfferIdRole = ROLE + 1
    RevisionRole = ROLE + 2
    ClerkRole = ROLE + 3
    CallIdRole = ROLE + 4
    ListGrossRole = ROLE + 5
    GrossRole = ROLE + 6
    DiscountPercentRole = ROLE + 7
    LimitPercentRole = ROLE + 8
    RequestRole = ROLE + 9
    role_names: ClassVar[dict[int, bytes]] = {
        OfferIdRole: b"offerId",
        RevisionRole: b"revision",
        ClerkRole: b"clerkName",
        CallIdRole: b"callId",
        ListGrossRole: b"listGrossMinor",
        GrossRole: b"grossMinor",
        DiscountPercentRole: b"discountPercent",
        LimitPercentRole: b"limitPercent",
        RequestRole: b"request",
    }
    COLUMN_CLERK, COLUMN_CALL, COLUMN_LIST, COLUMN_OFFERED, COLUMN_DISCOUNT, COLUMN_LIMIT = range(6)

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Clerk"),
            self.tr("Call"),
            self.tr("List price"),
            self.tr("Offered"),
            self.tr("Discount"),
            self.tr("Clerk's limit"),
        )

    def record_id(self, record: ApprovalRequest) -> str:
        return f"{record.offer_id}@{record.revision}"

    def cell(self, record: ApprovalRequest, column: int) -> str:
        language = _language()
        return (
            record.clerk_name,
            record.call_id,
            format_money(record.list_gross_minor, record.currency, language),
            format_money(record.gross_minor, record.currency, language),
            _percent(record.discount_percent),
            _percent(record.limit_percent),
        )[column]

    def cell_value(self, record: ApprovalRequest, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= self.COLUMN_LIST:
            return ALIGN_RIGHT
        return None

    def value(self, record: ApprovalRequest, role: int) -> Any:
        return {
            self.OfferIdRole: record.offer_id,
            self.RevisionRole: record.revision,
            self.ClerkRole: record.clerk_name,
            self.CallIdRole: record.call_id,
            self.ListGrossRole: record.list_gross_minor,
            self.GrossRole: record.gross_minor,
            self.DiscountPercentRole: record.discount_percent,
            self.LimitPercentRole: record.limit_percent,
            self.RequestRole: record,
        }.get(role)

    def lines_text(self, record: ApprovalRequest) -> str:
        """The request's lines, one a line: quantity, name, options, discount, price."""
        language = _language()
        shown = []
        for line in record.lines:
            options = ", ".join(text(o.choice, language) for o in line.options)
            name = text(line.name, language) + (f" ({options})" if options else "")
            price = format_money(line.gross_minor, record.currency, language)
            entry = f"{line.quantity} \u00d7 {name} \u2013 {price}"
            if line.discount_minor:
                entry += " " + self.tr("(discount %1)").replace(
                    "%1", format_money(line.discount_minor, record.currency, language)
                )
            shown.append(entry)
        return "\n".join(shown)


class ApprovalsBox(QWidget):
    """The approval requests; decisions go to the server, the list follows the socket."""

    def __init__(self, offers: OfferBackend | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.offers = offers
        self.model = ApprovalsModel(self)
        self.tasks = Tasks(on_error=self._failed)
        self._stopped = False
        self.title = QLabel(self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.table = read_only_table(self, self.model)
        self.table.setObjectName("approvalsTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.lines_label = QLabel(self)
        self.lines_label.setObjectName("approvalLines")
        self.lines_label.setWordWrap(True)
        self.note_label = QLabel(self)
        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("approvalNote")
        self.note_edit.setMaxLength(NOTE_MAX_LENGTH)
        self.note_label.setBuddy(self.note_edit)
        self.approve_button = QPushButton(self)
        self.approve_button.setObjectName("approveButton")
        self.refuse_button = QPushButton(self)
        self.refuse_button.setObjectName("refuseButton")
        self.result_label = QLabel(self)
        self.result_label.setObjectName("approvalResult")
        self.result_label.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.note_label)
        buttons.addWidget(self.note_edit, 1)
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.refuse_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.lines_label)
        layout.addLayout(buttons)
        layout.addWidget(self.result_label)

        self.approve_button.clicked.connect(lambda: self.decide("approve"))
        self.refuse_button.clicked.connect(lambda: self.decide("refuse"))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.model.modelReset.connect(self._after_reset)
        self.retranslate()
        self._show_selected()

    def retranslate(self) -> None:
        self.title.setText(
            self.tr("Offers waiting for approval: %1").replace("%1", str(self.model.rowCount()))
        )
        self.note_label.setText(self.tr("&Note to the clerk:"))
        self.note_edit.setPlaceholderText(self.tr("optional"))
        self.approve_button.setText(self.tr("&Approve"))
        self.refuse_button.setText(self.tr("Re&fuse"))
        self.table.setAccessibleName(self.tr("Offers waiting for approval"))
        self.model.retranslate()
        self._show_selected()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def apply(self, approvals: Approvals) -> None:
        """The server's full list of pending requests (it sends one on every change)."""
        selected = self.selected()
        self.model.update_records(approvals.pending)
        if selected is not None:
            row = self.model.row_of(self.model.record_id(selected))
            if row >= 0:
                self.table.selectRow(row)
        self.title.setText(
            self.tr("Offers waiting for approval: %1").replace("%1", str(self.model.rowCount()))
        )
        self._show_selected()

    def _after_reset(self) -> None:
        if self.model.rowCount() and self.selected() is None:
            self.table.selectRow(0)

    def selected(self) -> ApprovalRequest | None:
        row = self.table.currentIndex().row()
        return self.model.record(row) if 0 <= row < self.model.rowCount() else None

    def stop(self) -> None:
        """No more decisions or updates (the panel goes away)."""
        self._stopped = True
        self.tasks.cancel()

    def _show_selected(self) -> None:
        if self._stopped:
            return
        request = self.selected()
        can_decide = request is not None and self.offers is not None and not self.tasks.busy
        self.approve_button.setEnabled(can_decide)
        self.refuse_button.setEnabled(can_decide)
        self.lines_label.setText(self.model.lines_text(request) if request else "")

    def decide(self, decision: Decision) -> None:
        request = self.selected()
        if request is None or self.offers is None or self.tasks.busy:
            return
        self.tasks.run(self._decide(self.offers, request, decision))
        self._show_selected()

    async def _decide(
        self, offers: OfferBackend, request: ApprovalRequest, decision: Decision
    ) -> None:
        try:
            await offers.decide(
                offer_id=request.offer_id,
                revision=request.revision,
                decision=decision,
                note=self.note_edit.text().strip(),
            )
        finally:
            self._show_selected_later()
        self.note_edit.clear()
        done = {
            "approve": self.tr("Approved: %1's offer"),
            "refuse": self.tr("Refused: %1's offer"),
        }
        self.result_label.setText(done[decision].replace("%1", request.clerk_name))
        set_tone(self.result_label, "")

    def _show_selected_later(self) -> None:
        """After the task has finished (it is still running inside its own `finally`)."""
        QTimer.singleShot(0, self._show_selected)

    def _failed(self, error: BaseException) -> None:
        if self._stopped:
            return
        if isinstance(error, ServiceError) and error.code == "approval_not_pending":
            message = self.tr(
                "This request is no longer open: someone else decided, or the clerk changed "
                "the offer."
            )
        elif isinstance(error, ServiceError):
            message = error.message
        else:
            message = self.tr("The decision could not be sent. Try again.")
        self.result_label.setText(message)
        set_tone(self.result_label, "danger")

"""The offer panel in the call window: find products, set options, quantities, discounts, a
note and the validity; the server's priced totals; the offer's status and the visitor's replies.

Everything works from the keyboard: Ctrl+K (or F6) goes to the search, Up/Down pick a hit,
Enter adds it, Delete removes the selected line, Tab walks the line's and the offer's fields,
and every field has a mnemonic.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QDate, QEvent, QItemSelectionModel, QLocale, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clerk_app.offers.draft import MAX_QUANTITY, NOTE_MAX_LENGTH
from clerk_app.offers.model import OfferModel, app_language
from clerk_app.offers.money import parse_amount, parse_percent
from clerk_app.offers.service import text
from clerk_app.qt_models import read_only_table
from clerk_app.shell.shortcuts import described
from clerk_app.shell.theme import OFFER_STATUS_TONES, set_invalid, set_notice, set_tone
from videoclerk_protocol.messages import Discount, OfferReplyToClerk

MAX_VALID_DAYS = 90


class DiscountField(QWidget):
    """A discount as a value and its kind (percent or amount); empty is no discount."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value_edit = QLineEdit(self)
        self.value_edit.setMaxLength(20)
        self.kind_combo = QComboBox(self)
        self.kind_combo.addItem("%", "percent")
        self.kind_combo.addItem("", "amount")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.value_edit, 1)
        layout.addWidget(self.kind_combo)
        self.setFocusProxy(self.value_edit)

    def set_currency(self, currency: str) -> None:
        self.kind_combo.setItemText(1, currency)

    def discount(self, currency: str) -> tuple[bool, Discount | None]:
        """(valid, the discount); an empty field is a valid "no discount"."""
        typed = self.value_edit.text().strip()
        if not typed:
            return True, None
        kind = str(self.kind_combo.currentData())
        value = parse_percent(typed) if kind == "percent" else parse_amount(typed, currency)
        if value is None:
            return False, None
        return True, Discount(kind="percent" if kind == "percent" else "amount", value=value)

    def show_discount(self, discount: Discount | None, typed: str) -> None:
        self.value_edit.setText(typed)
        self.kind_combo.setCurrentIndex(
            1 if discount is not None and discount.kind == "amount" else 0
        )
        set_invalid(self.value_edit, False)

    def mark(self, valid: bool) -> None:
        set_invalid(self.value_edit, not valid)


class OfferPanel(QGroupBox):
    """Binds to an `OfferModel` per call; shows nothing editable without one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Offer"), parent)
        self.setObjectName("offerPanel")
        self.model: OfferModel | None = None
        self._filling = False  # fields are being filled from the model, not typed

        self.status_label = QLabel(self)
        self.status_label.setObjectName("offerStatus")
        self.status_label.setWordWrap(True)
        self.saving_label = QLabel(self)
        self.saving_label.setObjectName("offerSaving")

        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("offerSearch")
        self.search_edit.setPlaceholderText(self.tr("Type a name or SKU, Enter adds (Ctrl+K)"))
        self.search_edit.setClearButtonEnabled(True)
        search_label = QLabel(self.tr("&Find product:"), self)
        search_label.setBuddy(self.search_edit)
        self.results_view = QListView(self)
        self.results_view.setObjectName("offerResults")
        self.results_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Up/Down from the search
        self.results_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results_view.setMaximumHeight(120)
        self.results_view.hide()

        self.lines_view: QAbstractItemView | None = None
        self.lines_label = QLabel(self.tr("&Lines:"), self)
        self.lines_box = QVBoxLayout()

        self.line_box = QGroupBox(self.tr("Selected line"), self)
        self.options_form = QFormLayout()
        self.option_combos: dict[str, QComboBox] = {}
        self.quantity_spin = QSpinBox(self)
        self.quantity_spin.setObjectName("offerQuantity")
        self.quantity_spin.setRange(1, MAX_QUANTITY)
        self.line_discount = DiscountField(self)
        self.line_discount.setObjectName("offerLineDiscount")
        line_form = QFormLayout(self.line_box)
        line_form.addRow(self.options_form)
        self._row(line_form, self.tr("&Quantity:"), self.quantity_spin)
        self._row(line_form, self.tr("Line &discount:"), self.line_discount)

        self.total_discount = DiscountField(self)
        self.total_discount.setObjectName("offerTotalDiscount")
        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("offerNote")
        self.note_edit.setMaxLength(NOTE_MAX_LENGTH)
        self.note_edit.setPlaceholderText(self.tr("Shown to the visitor; no personal data"))
        self.valid_edit = QDateEdit(self)
        self.valid_edit.setObjectName("offerValidUntil")
        self.valid_edit.setCalendarPopup(True)
        short = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
        self.valid_edit.setDisplayFormat(short if "yyyy" in short else short.replace("yy", "yyyy"))
        offer_form = QFormLayout()
        self._row(offer_form, self.tr("Discount on the &total:"), self.total_discount)
        self._row(offer_form, self.tr("N&ote:"), self.note_edit)
        self._row(offer_form, self.tr("&Valid until:"), self.valid_edit)

        self.suggestions_box = QGroupBox(self.tr("Suggestions"), self)
        self.suggestions_box.setObjectName("offerSuggestions")
        self.suggestions_view = QListView(self.suggestions_box)
        self.suggestions_view.setObjectName("offerSuggestionList")
        self.suggestions_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.suggestions_view.setMaximumHeight(96)
        self.suggestions_view.activated.connect(lambda index: self.apply_suggestion(index.row()))
        self.apply_button = QPushButton(self.tr("&Apply suggestion"), self.suggestions_box)
        self.apply_button.setObjectName("offerApplySuggestion")
        self.apply_button.clicked.connect(
            lambda: self.apply_suggestion(self.suggestions_view.currentIndex().row())
        )
        suggestions_note = QLabel(
            self.tr(
                "From your organisation's answered offers, for you to apply or ignore. "
                "Nothing about the visitor is used."
            ),
            self.suggestions_box,
        )
        suggestions_note.setWordWrap(True)
        suggestions_layout = QVBoxLayout(self.suggestions_box)
        suggestions_layout.addWidget(self.suggestions_view)
        suggestions_apply = QHBoxLayout()
        suggestions_apply.addWidget(suggestions_note, 1)
        suggestions_apply.addWidget(self.apply_button)
        suggestions_layout.addLayout(suggestions_apply)
        self.suggestions_box.hide()

        self.totals = QGridLayout()
        self.totals_widget = QWidget(self)
        self.totals_widget.setObjectName("offerTotals")
        self.totals_widget.setLayout(self.totals)
        self.reply_label = QLabel(self)
        self.reply_label.setObjectName("offerReply")
        self.reply_label.setWordWrap(True)
        self.reply_label.setTextFormat(Qt.TextFormat.PlainText)
        self.reply_label.hide()
        self.contact_warning = QLabel(
            "\u26a0 "
            + self.tr(
                "The visitor's message seems to contain an e-mail address or phone number. "
                "Do not copy it anywhere; it is not kept."
            ),
            self,
        )
        self.contact_warning.setObjectName("offerContactWarning")
        self.contact_warning.setWordWrap(True)
        set_notice(self.contact_warning, "warning")
        self.contact_warning.hide()
        self.error_label = QLabel(self)
        self.error_label.setObjectName("offerError")
        self.error_label.setWordWrap(True)
        set_tone(self.error_label, "danger")
        self.error_label.hide()

        head = QHBoxLayout()
        head.addWidget(self.status_label, 1)
        head.addWidget(self.saving_label)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(search_label)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.results_view)
        layout.addWidget(self.lines_label)
        layout.addLayout(self.lines_box, 1)
        layout.addWidget(self.line_box)
        layout.addWidget(self.suggestions_box)
        layout.addLayout(offer_form)
        layout.addWidget(self.totals_widget)
        layout.addWidget(self.reply_label)
        layout.addWidget(self.contact_warning)
        layout.addWidget(self.error_label)

        for keys in ("Ctrl+K", "F6"):
            described(
                QShortcut(QKeySequence(keys), self, self.focus_search),
                self.tr("Search the catalogue for the offer"),
            )
        self.search_edit.installEventFilter(self)
        self.search_edit.textEdited.connect(self._search)
        self.quantity_spin.valueChanged.connect(self._quantity)
        self.line_discount.value_edit.textEdited.connect(self._line_discount)
        self.line_discount.kind_combo.activated.connect(self._line_discount)
        self.total_discount.value_edit.textEdited.connect(self._total_discount)
        self.total_discount.kind_combo.activated.connect(self._total_discount)
        self.note_edit.textEdited.connect(self._note)
        self.valid_edit.dateChanged.connect(self._valid_until)
        self.setEnabled(False)

    def _row(self, form: QFormLayout, label_text: str, field: QWidget) -> None:
        label = QLabel(label_text, self)
        label.setBuddy(field)
        form.addRow(label, field)

    # ---- binding -------------------------------------------------------------------------------

    def bind(self, model: OfferModel) -> None:
        """Show this call's offer (the previous call's model is dropped by its owner)."""
        self.model = model
        self.results_view.setModel(model.results)
        if self.lines_view is not None:
            self.lines_view.deleteLater()
        view = read_only_table(self, model.lines)
        view.setObjectName("offerLines")
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setTabKeyNavigation(False)  # Tab leaves the table for the line's fields
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        view.installEventFilter(self)
        view.selectionModel().currentRowChanged.connect(lambda *_: self._show_line())
        self.lines_label.setBuddy(view)
        self.lines_box.addWidget(view)
        self.lines_view = view
        self.reply_label.hide()
        self.contact_warning.hide()
        self.search_edit.clear()
        self.results_view.hide()
        model.results.modelReset.connect(self._results_changed)
        model.viewChanged.connect(self._show_view)
        model.reloaded.connect(self._fill_offer_fields)
        model.reloaded.connect(self._show_line)
        model.savingChanged.connect(self._show_saving)
        model.errorChanged.connect(self._show_error)
        model.replyReceived.connect(self.show_reply)
        self.suggestions_view.setModel(model.suggestions)
        model.suggestionsChanged.connect(self._show_suggestions)
        self._show_suggestions(model.suggestions_on)
        self._show_view()
        self._fill_offer_fields()
        self._show_line()
        self._show_saving(False)
        self._chain_tab_order()

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _chain_tab_order(self) -> None:
        chain: list[QWidget] = [self.search_edit]
        if self.lines_view is not None:
            chain.append(self.lines_view)
        chain += list(self.option_combos.values())
        chain += [
            self.quantity_spin,
            self.line_discount.value_edit,
            self.line_discount.kind_combo,
            self.total_discount.value_edit,
            self.total_discount.kind_combo,
            self.note_edit,
            self.valid_edit,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # ---- keys ----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.search_edit:
                return self._search_key(event)
            if watched is self.lines_view and event.key() == Qt.Key.Key_Delete:
                self.remove_selected_line()
                return True
        return super().eventFilter(watched, event)

    def _search_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        results = self.results_view
        count = results.model().rowCount() if results.model() is not None else 0
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and count:
            row = results.currentIndex().row()
            row = min(count - 1, row + 1) if key == Qt.Key.Key_Down else max(0, row - 1)
            results.setCurrentIndex(results.model().index(row, 0))
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.add_current_result()
            return True
        if key == Qt.Key.Key_Escape and self.search_edit.text():
            self.search_edit.clear()
            self._search("")
            return True
        return False

    # ---- searching and adding ------------------------------------------------------------------

    def _search(self, typed: str) -> None:
        if self.model is not None:
            self.model.search(typed)

    def _results_changed(self) -> None:
        model = self.results_view.model()
        found = model is not None and model.rowCount() > 0
        self.results_view.setVisible(found)
        if found:
            self.results_view.setCurrentIndex(model.index(0, 0))

    def add_current_result(self) -> None:
        model = self.model
        if model is None or not model.editor.editable or not model.results.rowCount():
            return
        row = max(0, self.results_view.currentIndex().row())
        line_row = model.add_product(model.results.record(row))
        self.search_edit.clear()
        model.search("")
        if line_row >= 0 and self.lines_view is not None:
            self.lines_view.selectionModel().setCurrentIndex(
                model.lines.index(line_row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def remove_selected_line(self) -> None:
        row = self.current_row()
        if self.model is None or row < 0 or not self.model.editor.editable:
            return
        self.model.remove_line(row)
        count = self.model.lines.rowCount()
        if count and self.lines_view is not None:
            self.lines_view.selectionModel().setCurrentIndex(
                self.model.lines.index(min(row, count - 1), 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._show_line()

    def current_row(self) -> int:
        if self.lines_view is None or self.model is None:
            return -1
        row = self.lines_view.currentIndex().row()
        return row if 0 <= row < len(self.model.draft.lines) else -1

    # ---- the selected line ---------------------------------------------------------------------

    def _show_line(self) -> None:
        """Fill the line's fields from the draft (on selection, or a reload): never while the
        clerk types in them."""
        model = self.model
        row = self.current_row()
        self._filling = True
        try:
            self._rebuild_options(row)
            self.line_box.setEnabled(row >= 0 and model is not None and model.editor.editable)
            if model is None or row < 0:
                self.quantity_spin.setValue(1)
                self.line_discount.show_discount(None, "")
                return
            line = model.draft.lines[row]
            self.quantity_spin.setValue(line.quantity)
            self.line_discount.set_currency(model.currency)
            self.line_discount.show_discount(line.discount, model.discount_field(line.discount))
        finally:
            self._filling = False
        self._chain_tab_order()

    def _rebuild_options(self, row: int) -> None:
        for combo in self.option_combos.values():
            combo.deleteLater()
        while self.options_form.rowCount():
            self.options_form.removeRow(0)
        self.option_combos = {}
        model = self.model
        product = model.product(row) if model is not None and row >= 0 else None
        if model is None or product is None:
            return
        language = app_language()
        chosen = dict(model.draft.lines[row].options)
        for group in product.options:
            combo = QComboBox(self)
            combo.setObjectName(f"offerOption_{group.code}")
            for choice in group.choices:
                label = text(choice.name, language)
                if choice.price_delta_minor:
                    sign = "+" if choice.price_delta_minor > 0 else "\u2212"
                    label += f" ({sign}{model.money(abs(choice.price_delta_minor))})"
                combo.addItem(label, choice.code)
            index = combo.findData(chosen.get(group.code))
            combo.setCurrentIndex(max(0, index))
            combo.currentIndexChanged.connect(
                lambda _i, g=group.code, c=combo: self._option(g, str(c.currentData()))
            )
            title = QLabel("&" + text(group.name, language) + ":", self)
            title.setBuddy(combo)
            self.options_form.addRow(title, combo)
            self.option_combos[group.code] = combo

    def _option(self, group: str, choice: str) -> None:
        row = self.current_row()
        if self.model is not None and row >= 0 and not self._filling:
            self.model.set_option(row, group, choice)

    def _quantity(self, quantity: int) -> None:
        row = self.current_row()
        if self.model is not None and row >= 0 and not self._filling:
            self.model.set_quantity(row, quantity)

    def _line_discount(self, *_args: object) -> None:
        row = self.current_row()
        if self.model is None or row < 0 or self._filling:
            return
        valid, discount = self.line_discount.discount(self.model.currency)
        self.line_discount.mark(valid)
        if valid:
            self.model.set_line_discount(row, discount)

    # ---- the whole offer -----------------------------------------------------------------------

    def _fill_offer_fields(self) -> None:
        model = self.model
        if model is None:
            return
        self._filling = True
        try:
            draft = model.draft
            self.total_discount.set_currency(model.currency)
            self.total_discount.show_discount(
                draft.total_discount, model.discount_field(draft.total_discount)
            )
            self.note_edit.setText(draft.note)
            today = QDate.currentDate()
            self.valid_edit.setDateRange(today, today.addDays(MAX_VALID_DAYS))
            chosen = QDate.fromString(draft.valid_until, Qt.DateFormat.ISODate)
            if chosen.isValid():
                self.valid_edit.setDate(chosen)
        finally:
            self._filling = False

    def _total_discount(self, *_args: object) -> None:
        if self.model is None or self._filling:
            return
        valid, discount = self.total_discount.discount(self.model.currency)
        self.total_discount.mark(valid)
        if valid:
            self.model.set_total_discount(discount)

    def _note(self, note: str) -> None:
        if self.model is not None and not self._filling:
            self.model.set_note(note)

    def _valid_until(self, date: QDate) -> None:
        if self.model is not None and not self._filling:
            self.model.set_valid_until(date.toString(Qt.DateFormat.ISODate))

    # ---- the server's view ---------------------------------------------------------------------

    def _show_view(self) -> None:
        model = self.model
        view = model.view if model is not None else None
        self.setEnabled(view is not None)
        if model is None or view is None:
            self.status_label.setText(self.tr("Opening the offer\u2026"))
            return
        editable = model.editor.editable
        for widget in (self.search_edit, self.total_discount, self.note_edit, self.valid_edit):
            widget.setEnabled(editable)
        self.line_box.setEnabled(editable and self.current_row() >= 0)
        self._show_status()
        self._show_totals()

    def status_text(self) -> str:
        model = self.model
        view = model.view if model is not None else None
        if model is None or view is None:
            return ""
        reasons = {
            "too_expensive": self.tr("too expensive"),
            "not_what_i_need": self.tr("not what they need"),
            "need_time": self.tr("needs time to think"),
            "elsewhere": self.tr("buying elsewhere"),
            "other": self.tr("another reason"),
        }
        status = view.status
        if status == "open":
            return self.tr("Open \u2013 the visitor sees revision %1").replace(
                "%1", str(view.revision)
            )
        if status == "awaiting_approval":
            return self.tr("Waiting for a supervisor to approve the discount")
        if status == "refused":
            return self.tr("A supervisor refused the discount; change the offer")
        if status == "accepted":
            return self.tr("Accepted \u2013 reference %1").replace("%1", view.reference or "")
        if status == "declined":
            reason = model.editor.declined_reason
            if reason is not None:
                return self.tr("Declined by the visitor: %1").replace("%1", reasons[reason])
            return self.tr("Declined by the visitor")
        return self.tr("Expired")

    def _show_status(self) -> None:
        view = self.model.view if self.model is not None else None
        self.status_label.setText(self.status_text())
        tone = OFFER_STATUS_TONES.get(view.status if view else "", "muted")
        set_tone(self.status_label, tone, bold=True)

    def _show_totals(self) -> None:
        model = self.model
        view = model.view if model is not None else None
        while self.totals.count():
            item = self.totals.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if model is None or view is None:
            return
        rows: list[tuple[str, str]] = [(self.tr("List price"), model.money(view.list_gross_minor))]
        if view.discount_minor:
            percent = view.discount_percent.replace(".", "," if app_language() == "nl" else ".")
            rows.append(
                (
                    self.tr("Discount (%1 %)").replace("%1", percent),
                    "\u2212" + model.money(view.discount_minor),
                )
            )
        rows.append((self.tr("Net"), model.money(view.net_minor)))
        for subtotal in view.vat_subtotals:
            rows.append(
                (self.tr("VAT %1 %").replace("%1", subtotal.rate), model.money(subtotal.vat_minor))
            )
        rows.append((self.tr("Total incl. VAT"), model.money(view.gross_minor)))
        for index, (name, amount) in enumerate(rows):
            label = QLabel(name, self.totals_widget)
            value = QLabel(amount, self.totals_widget)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if index == len(rows) - 1:
                for widget in (label, value):
                    font = widget.font()
                    font.setBold(True)
                    widget.setFont(font)
                value.setObjectName("offerGross")
            self.totals.addWidget(label, index, 0)
            self.totals.addWidget(value, index, 1)

    def _show_saving(self, saving: bool) -> None:
        self.saving_label.setText(self.tr("saving\u2026") if saving else self.tr("saved"))

    def _show_error(self, code: str) -> None:
        texts = {
            "": "",
            "offer_closed": self.tr("The offer is closed and can no longer change."),
            "mixed_currencies": self.tr("All lines of an offer must be in one currency."),
            "invalid_input": self.tr("The server did not accept this offer; check the fields."),
        }
        message = texts.get(code)
        if message is None:
            error = self.model.error if self.model is not None else None
            message = error.message if error is not None else code
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def show_reply(self, reply: object) -> None:
        """The visitor answered: shown, never kept beyond this label."""
        if not isinstance(reply, OfferReplyToClerk):
            return
        answers = {
            "accept": self.tr("The visitor accepted the offer."),
            "decline": self.tr("The visitor declined the offer."),
            "change": self.tr("The visitor asks for a change."),
        }
        shown = answers[reply.answer]
        if reply.message:
            shown += "\n" + self.tr("Their message: %1").replace("%1", reply.message)
        self.reply_label.setText(shown)
        self.reply_label.show()
        self.contact_warning.setVisible(reply.contact_warning)
        self._show_status()

    # ---- suggestions (P16) -----------------------------------------------------------------

    def _show_suggestions(self, on: bool) -> None:
        """Shown only while the organisation has suggestions on and there are some."""
        count = self.model.suggestions.rowCount() if self.model is not None else 0
        self.suggestions_box.setVisible(on and count > 0)
        if count:
            self.suggestions_view.setCurrentIndex(self.suggestions_view.model().index(0, 0))

    def apply_suggestion(self, row: int) -> None:
        model = self.model
        if model is None or row < 0:
            return
        model.apply_suggestion(row)
        self._fill_offer_fields()  # a discount on the total shows in its field

    def clear(self) -> None:
        """The call is over: the visitor's words go with it."""
        self.reply_label.clear()
        self.reply_label.hide()
        self.contact_warning.hide()
        self.model = None
        self.suggestions_box.hide()
        self.setEnabled(False)

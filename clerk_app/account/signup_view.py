""" "Create an organisation": the sign-up of a company with its first administrator."""

from __future__ import annotations

import html

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clerk_app.account.service import AccountService, BillingAddress, SignedUp, SignUpForm
from clerk_app.account.view import policy_link
from clerk_app.errors import ServiceError
from clerk_app.shell.banner import Banner
from clerk_app.shell.errors import describe
from clerk_app.shell.tasks import Tasks

# Countries offered first; any other ISO 3166 code may be typed.
COUNTRIES = [
    "AT",
    "BE",
    "BG",
    "CH",
    "CY",
    "CZ",
    "DE",
    "DK",
    "EE",
    "ES",
    "FI",
    "FR",
    "GB",
    "GR",
    "HR",
    "HU",
    "IE",
    "IS",
    "IT",
    "LI",
    "LT",
    "LU",
    "LV",
    "MT",
    "NL",
    "NO",
    "PL",
    "PT",
    "RO",
    "SE",
    "SI",
    "SK",
    "US",
]


class SignUpDialog(QDialog):
    signed_up = Signal(str)  # the new administrator's e-mail address

    def __init__(self, accounts: AccountService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self.tasks = Tasks(on_error=self._failed)
        self._policy_version = ""
        self.result_value: SignedUp | None = None
        self.setWindowTitle(self.tr("Create an organisation"))
        self.resize(520, 680)

        self.name_edit = QLineEdit(self)
        self.email_edit = QLineEdit(self)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit(self)
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.age_spin = QSpinBox(self)
        self.age_spin.setRange(-1, 150)
        self.age_spin.setValue(-1)
        self.age_spin.setSpecialValueText(self.tr("\u2013"))
        self.age_spin.setSuffix(self.tr(" years"))
        you = QGroupBox(self.tr("You, the account holder"), self)
        you_form = QFormLayout(you)
        you_form.addRow(self.tr("Full name"), self.name_edit)
        you_form.addRow(self.tr("E-mail"), self.email_edit)
        you_form.addRow(self.tr("Password"), self.password_edit)
        you_form.addRow(self.tr("Repeat password"), self.repeat_edit)
        you_form.addRow(self.tr("Your age"), self.age_spin)
        age_note = QLabel(
            self.tr(
                "Your age is checked against the legal minimum (16 in the EEA and "
                "Switzerland, 13 elsewhere) and not stored."
            ),
            you,
        )
        age_note.setWordWrap(True)
        you_form.addRow(age_note)

        self.company_edit = QLineEdit(self)
        self.number_edit = QLineEdit(self)
        self.vat_edit = QLineEdit(self)
        self.street_edit = QLineEdit(self)
        self.postal_edit = QLineEdit(self)
        self.city_edit = QLineEdit(self)
        self.country_combo = QComboBox(self)
        self.country_combo.setEditable(True)
        for code, name in sorted(
            ((c, _country_name(c)) for c in COUNTRIES), key=lambda pair: pair[1]
        ):
            self.country_combo.addItem(f"{name} ({code})", code)
        self.country_combo.setCurrentIndex(self.country_combo.findData("NL"))
        company = QGroupBox(self.tr("Your organisation"), self)
        company_form = QFormLayout(company)
        company_form.addRow(self.tr("Company name"), self.company_edit)
        company_form.addRow(self.tr("Registration number"), self.number_edit)
        company_form.addRow(self.tr("VAT number"), self.vat_edit)
        company_form.addRow(self.tr("Street and number"), self.street_edit)
        company_form.addRow(self.tr("Postal code"), self.postal_edit)
        company_form.addRow(self.tr("City"), self.city_edit)
        company_form.addRow(self.tr("Country"), self.country_combo)

        self.policy_check = QCheckBox(
            self.tr("I have read the privacy policy and accept it."), self
        )
        self.policy_note = QLabel(self)
        self.policy_note.setWordWrap(True)
        self.policy_note.setTextFormat(Qt.TextFormat.RichText)
        self.policy_note.setOpenExternalLinks(True)
        self.policy_note.hide()

        form_page = QWidget(self)
        form_layout = QVBoxLayout(form_page)
        form_layout.addWidget(you)
        form_layout.addWidget(company)
        form_layout.addWidget(self.policy_check)
        form_layout.addWidget(self.policy_note)
        form_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_page)

        # After sign-up: the organisation's API keys, shown this once.
        done_page = QWidget(self)
        done_layout = QVBoxLayout(done_page)
        self.done_text = QLabel(done_page)
        self.done_text.setWordWrap(True)
        keys_warning = QLabel(
            self.tr(
                "These are your organisation's API keys for server-to-server use. They are "
                "shown only now: copy them to a safe place. You can make new ones later."
            ),
            done_page,
        )
        keys_warning.setWordWrap(True)
        self.keys_box = QVBoxLayout()
        done_layout.addWidget(self.done_text)
        done_layout.addWidget(keys_warning)
        done_layout.addLayout(self.keys_box)
        done_layout.addStretch(1)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(scroll)
        self.pages.addWidget(done_page)

        self.banner = Banner(self)
        self.buttons = QDialogButtonBox(self)
        self.create_button = self.buttons.addButton(
            self.tr("Create organisation"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.create_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.login_button = QPushButton(self.tr("Go to log-in"), self)
        self.login_button.hide()
        self.login_button.clicked.connect(self._finish)
        self.buttons.addButton(self.login_button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.banner)
        layout.addWidget(self.buttons)

    # ---- submit ------------------------------------------------------------------------------

    def _country(self) -> str:
        index = self.country_combo.currentIndex()
        text = self.country_combo.currentText().strip()
        data = self.country_combo.itemData(index) if index >= 0 else None
        if data and self.country_combo.itemText(index) == text:
            return str(data)
        if "(" in text and text.endswith(")"):
            text = text.rsplit("(", 1)[1][:-1]
        return text.upper()

    def form(self) -> SignUpForm:
        return SignUpForm(
            name=self.name_edit.text().strip(),
            email=self.email_edit.text().strip(),
            company_name=self.company_edit.text().strip(),
            organisation_number=self.number_edit.text().strip(),
            vat_number=self.vat_edit.text().strip(),
            billing_address=BillingAddress(
                street=self.street_edit.text().strip(),
                postal_code=self.postal_edit.text().strip(),
                city=self.city_edit.text().strip(),
            ),
            country=self._country(),
            password=self.password_edit.text(),
            age=self.age_spin.value(),
            accepted_policy_version=self._policy_version,
        )

    def submit(self) -> None:
        if self.tasks.busy:
            return
        form = self.form()
        missing = [
            label
            for label, value in (
                (self.tr("full name"), form.name),
                (self.tr("e-mail"), form.email),
                (self.tr("password"), form.password),
                (self.tr("company name"), form.company_name),
                (self.tr("registration number"), form.organisation_number),
                (self.tr("VAT number"), form.vat_number),
                (self.tr("street"), form.billing_address.street),
                (self.tr("postal code"), form.billing_address.postal_code),
                (self.tr("city"), form.billing_address.city),
                (self.tr("country"), form.country),
            )
            if not value
        ]
        if form.age < 0:
            missing.append(self.tr("your age"))
        if missing:
            self.banner.show_message(
                "warning", self.tr("Please fill in: %1.").replace("%1", ", ".join(missing))
            )
            return
        if form.password != self.repeat_edit.text():
            self.banner.show_message("warning", self.tr("The two passwords differ."))
            return
        if not self.policy_check.isChecked():
            self.banner.show_message(
                "warning", self.tr("Read and accept the privacy policy to create an organisation.")
            )
            return
        self.create_button.setEnabled(False)
        self.banner.show_message(
            "info", self.tr("Creating your organisation\u2026"), closable=False
        )
        self.tasks.run(self._sign_up(form))

    async def _sign_up(self, form: SignUpForm) -> None:
        done = await self._accounts.sign_up(form)
        self.result_value = done
        self.create_button.setEnabled(True)
        self.banner.dismiss()
        self._show_done(done)

    def _failed(self, error: BaseException) -> None:
        self.create_button.setEnabled(True)
        if isinstance(error, ServiceError) and error.code == "policy_not_accepted":
            version = str(error.extra.get("policy_version", ""))
            self._policy_version = version
            self.policy_check.setChecked(False)
            self.policy_check.setText(
                self.tr("I have read the privacy policy, version %1, and accept it.").replace(
                    "%1", version or "?"
                )
            )
            note = html.escape(
                self.tr(
                    "The server asks you to accept its current privacy policy, version %1. "
                    "Tick the box to accept this version, then create the organisation again."
                ).replace("%1", version or "?")
            )
            link = policy_link(
                str(error.extra.get("policy_url", "")), self.tr("Read the privacy policy")
            )
            self.policy_note.setText(f"{note}<br>{link}" if link else note)
            self.policy_note.show()
            self.banner.dismiss()
            return
        text = describe(error)
        if isinstance(error, ServiceError) and error.field_errors:
            details = "; ".join(f"{name}: {text}" for name, text in error.field_errors.items())
            if error.code not in ("weak_password",):
                text = f"{text} ({details})"
        self.banner.show_message("error", text)

    def _show_done(self, done: SignedUp) -> None:
        self.done_text.setText(
            self.tr("<b>%1</b> is ready. You are its administrator and can log in as %2.")
            .replace("%1", done.organisation_name)
            .replace("%2", done.user.email)
        )
        for key in done.api_keys:
            row = QHBoxLayout()
            label = QLabel(f"{key.environment}: <code>{key.secret}</code>", self)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            copy = QPushButton(self.tr("Copy"), self)
            copy.clicked.connect(lambda _=False, secret=key.secret: _copy(secret))
            row.addWidget(label, 1)
            row.addWidget(copy)
            self.keys_box.addLayout(row)
        self.pages.setCurrentIndex(1)
        self.create_button.hide()
        self.cancel_button.hide()
        self.login_button.show()
        self.login_button.setDefault(True)

    def _finish(self) -> None:
        if self.result_value is not None:
            self.signed_up.emit(self.result_value.user.email)
        self.accept()

    def done(self, result: int) -> None:
        self.tasks.cancel()
        super().done(result)


def _country_name(code: str) -> str:
    territory = QLocale.codeToTerritory(code)
    name = QLocale.territoryToString(territory)
    return name or code


def _copy(text: str) -> None:
    clipboard = QGuiApplication.clipboard()
    if clipboard is not None:
        clipboard.setText(text)

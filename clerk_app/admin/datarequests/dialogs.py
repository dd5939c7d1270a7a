"""Forms of the Data requests tab: the organisation's details corrected, and erasures of a
visitor's call (by its reference) or of a user."""

from __future__ import annotations

from collections.abc import Coroutine, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from clerk_app.admin.base import FormDialog, required_text
from clerk_app.admin.datarequests.service import DataRequestsService, ErasureRequest, Organisation
from clerk_app.admin.users.service import User

if TYPE_CHECKING:
    from clerk_app.admin.panel import AdminPanel


class OrganisationDialog(FormDialog):
    """Correct what sign-up stored about the organisation (P7, P11)."""

    def __init__(
        self,
        privacy: DataRequestsService,
        panel: AdminPanel,
        current: Organisation,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(panel, parent)
        self.privacy = privacy
        self.current = current
        self.setWindowTitle(self.tr("Organisation details"))
        self.name = QLineEdit(current.name, self)
        self.number = QLineEdit(current.organisation_number, self)
        self.vat = QLineEdit(current.vat_number, self)
        self.street = QLineEdit(current.street, self)
        self.postal_code = QLineEdit(current.postal_code, self)
        self.city = QLineEdit(current.city, self)
        self.country = QLineEdit(current.country, self)
        self.country.setMaxLength(2)
        self.add_row(self.tr("Company &name"), self.name, "name")
        self.add_row(self.tr("Organisation &number"), self.number, "organisation_number")
        self.add_row(self.tr("&VAT number"), self.vat, "vat_number")
        self.add_row(self.tr("&Street"), self.street, "billing_address")
        self.add_row(self.tr("&Postal code"), self.postal_code)
        self.add_row(self.tr("&City"), self.city)
        self.add_row(self.tr("C&ountry (two letters)"), self.country, "country")

    def request(self) -> Coroutine[Any, Any, Organisation]:
        changed = Organisation(
            id=self.current.id,
            name=required_text(self.name.text(), self.tr("the company name")),
            organisation_number=required_text(
                self.number.text(), self.tr("the organisation number")
            ),
            vat_number=required_text(self.vat.text(), self.tr("the VAT number")),
            street=required_text(self.street.text(), self.tr("the street")),
            postal_code=required_text(self.postal_code.text(), self.tr("the postal code")),
            city=required_text(self.city.text(), self.tr("the city")),
            country=required_text(self.country.text(), self.tr("the country")).upper(),
        )
        return self.privacy.correct_organisation(changed)


class EraseCallDialog(FormDialog):
    """P4: a visitor asks for their call's data to go, quoting the reference the widget
    showed them."""

    def __init__(
        self, privacy: DataRequestsService, panel: AdminPanel, parent: QWidget | None = None
    ) -> None:
        super().__init__(panel, parent)
        self.privacy = privacy
        self.setWindowTitle(self.tr("Erase a visitor's call"))
        self.about = QLabel(
            self.tr(
                "A visitor who wants their recording deleted quotes the reference the video "
                "call showed at its end. This erases the call's recordings, the visitor's "
                "consent answers and the wrap-up note, at once (a call still going on: once "
                "it has ended). The call record stays: it names nobody."
            ),
            self,
        )
        self.about.setWordWrap(True)
        self.body.insertWidget(0, self.about)
        self.reference = QLineEdit(self)
        self.reference.setObjectName("erasureReference")
        self.reference.setPlaceholderText("K7M-4QX")
        self.reference.setMaxLength(20)
        self.add_row(self.tr("Call &reference"), self.reference)
        self.ok_button.setText(self.tr("&Erase"))
        self.reference.setFocus()

    def request(self) -> Coroutine[Any, Any, ErasureRequest]:
        reference = required_text(self.reference.text(), self.tr("the call reference"))
        return self.privacy.erase_call(reference)


class EraseUserDialog(FormDialog):
    """P11: a user's name, e-mail address and password are erased; they cannot log in."""

    def __init__(
        self,
        privacy: DataRequestsService,
        panel: AdminPanel,
        users: Sequence[User],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(panel, parent)
        self.privacy = privacy
        self.setWindowTitle(self.tr("Erase a user"))
        self.about = QLabel(
            self.tr(
                "The user's name, e-mail address and password are erased at once and they are "
                "logged out for good. What names them by id stays where billing, tax or audit "
                "need it (offers, the audit trail). This cannot be undone."
            ),
            self,
        )
        self.about.setWordWrap(True)
        self.body.insertWidget(0, self.about)
        self.user = QComboBox(self)
        self.user.setObjectName("erasureUser")
        for user in users:
            self.user.addItem(f"{user.name} <{user.email}>", user.id)
        self.add_row(self.tr("&User"), self.user)
        self.ok_button.setText(self.tr("&Erase"))

    def request(self) -> Coroutine[Any, Any, ErasureRequest]:
        user_id = self.user.currentData()
        if not user_id:
            required_text("", self.tr("the user"))
        return self.privacy.erase("user", str(user_id))

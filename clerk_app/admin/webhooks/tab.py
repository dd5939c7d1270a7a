"""The Webhooks tab: the endpoint and its signing secret, a test event, and the deliveries
with every attempt of the one selected, redelivered on request."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from clerk_app.admin.base import RecordTab, SecretDialog, chain_focus, record_table
from clerk_app.admin.names import local_time
from clerk_app.admin.webhooks.dialogs import EndpointDialog
from clerk_app.admin.webhooks.model import AttemptsModel, DeliveriesModel, event_type_name
from clerk_app.admin.webhooks.service import (
    DELIVERIES_PAGE_SIZE,
    DeliveriesPage,
    Delivery,
    Endpoint,
    NewSecret,
    WebhooksService,
)

if TYPE_CHECKING:
    from clerk_app.admin.panel import AdminPanel


class WebhooksTab(RecordTab[Delivery]):
    def __init__(self, panel: AdminPanel) -> None:
        self.service = WebhooksService(panel.api)
        super().__init__(panel, DeliveriesModel(panel), "deliveriesTable", self._first_page)
        self.endpoint: Endpoint | None = None
        self.edit_button = self.add_button(self.open_endpoint, "webhookEdit")
        self.secret_button = self.add_button(self.ask_secret, "webhookSecret")
        self.test_button = self.add_button(self.send_test, "webhookTest")
        self.redeliver_button = self.add_button(self.redeliver, "webhookRedeliver")
        self.more_button = QPushButton(self)
        self.more_button.setEnabled(False)
        self.more_button.clicked.connect(self.load_more)
        self.attempts = AttemptsModel(self)
        self.attempts_view = record_table(self, self.attempts, "attemptsTable")
        self.secret_dialog: SecretDialog | None = None

        self.endpoint_box = QGroupBox(self)
        self.url_text = QLabel(self.endpoint_box)
        self.url_text.setObjectName("webhookUrlText")
        self.state_text = QLabel(self.endpoint_box)
        self.secret_text = QLabel(self.endpoint_box)
        self.endpoint_labels = [QLabel(self.endpoint_box) for _ in range(3)]
        facts = QFormLayout(self.endpoint_box)
        facts.addRow(self.endpoint_labels[0], self.url_text)
        facts.addRow(self.endpoint_labels[1], self.state_text)
        facts.addRow(self.endpoint_labels[2], self.secret_text)
        self.attempts_label = QLabel(self)
        self.attempts_label.setBuddy(self.attempts_view)

        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.more_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.endpoint_box)
        layout.addLayout(
            self.button_bar(
                self.edit_button, self.secret_button, self.test_button, self.redeliver_button
            )
        )
        layout.addWidget(self.view, 2)
        layout.addLayout(bottom)
        layout.addWidget(self.attempts_label)
        layout.addWidget(self.attempts_view, 1)
        chain_focus(
            self.edit_button,
            self.secret_button,
            self.test_button,
            self.redeliver_button,
            self.refresh_button,
            self.view,
            self.more_button,
            self.attempts_view,
        )
        self.follow_selection(self.view)
        self.view.selectionModel().selectionChanged.connect(self._show_attempts)
        self._cursor: str | None = None
        self._generation = 0
        self.retranslate()
        self.update_buttons()

    def title(self) -> str:
        return self.tr("Web&hooks")

    def retranslate(self) -> None:
        super().retranslate()
        self.edit_button.setText(self.tr("&Edit endpoint…"))
        self.test_button.setText(self.tr("Send &test event"))
        self.redeliver_button.setText(self.tr("Re&deliver"))
        self.more_button.setText(self.tr("Load &more"))
        self.endpoint_box.setTitle(self.tr("Endpoint"))
        self.endpoint_labels[0].setText(self.tr("URL:"))
        self.endpoint_labels[1].setText(self.tr("State:"))
        self.endpoint_labels[2].setText(self.tr("Signing secret:"))
        self.attempts_label.setText(self.tr("&Attempts of the selected delivery"))
        self.view.setAccessibleName(self.tr("Webhook deliveries"))
        self.attempts_view.setAccessibleName(self.tr("Attempts of the selected delivery"))
        self.show_endpoint(self.endpoint)

    def update_buttons(self, *_: object) -> None:
        delivery = self.selected()
        self.redeliver_button.setEnabled(
            delivery is not None and delivery.status in ("delivered", "failed")
        )
        self.test_button.setEnabled(self.endpoint is not None and self.endpoint.enabled)

    # ---- the endpoint --------------------------------------------------------------------------

    def show_endpoint(self, endpoint: Endpoint | None) -> None:
        self.endpoint = endpoint
        if endpoint is None:
            self.secret_button.setText(self.tr("Create signing &secret…"))
            return
        self.url_text.setText(endpoint.url or self.tr("none yet"))
        events = ", ".join(event_type_name(e) for e in endpoint.events) or self.tr("none")
        state = self.tr("enabled") if endpoint.enabled else self.tr("disabled")
        self.state_text.setText(
            self.tr("{state}; events: {events}").format(state=state, events=events)
        )
        if endpoint.secret_set:
            self.secret_text.setText(
                self.tr("made {time}").format(time=local_time(endpoint.secret_created_at))
            )
            self.secret_button.setText(self.tr("Rotate signing &secret…"))
        else:
            self.secret_text.setText(self.tr("none yet: create one before enabling"))
            self.secret_button.setText(self.tr("Create signing &secret…"))
        self.update_buttons()

    def open_endpoint(self) -> None:
        if self.endpoint is None:
            return
        dialog = EndpointDialog(self.service, self.panel, self.endpoint, self)
        self.open_dialog(dialog, self._endpoint_saved)

    def _endpoint_saved(self, endpoint: Endpoint) -> None:
        self.show_endpoint(endpoint)
        self.panel.notify(self.tr("The webhook endpoint is saved."))

    def ask_secret(self) -> None:
        if self.endpoint is not None and self.endpoint.secret_set:
            self.ask(
                self.tr("Rotate signing secret"),
                self.tr(
                    "Make a new signing secret? Events are signed with the new secret at once "
                    "and the old one stops working: switch your receiver over straight away."
                ),
                self.tr("Rotate secret"),
                self.create_secret,
            )
        else:
            self.panel.begin_action()
            self.create_secret()

    def create_secret(self) -> None:
        def done(made: NewSecret) -> None:
            if self.secret_dialog is not None:
                self.secret_dialog.deleteLater()
            self.secret_dialog = SecretDialog(
                self.tr("Webhook signing secret"),
                self.tr("Your receiver checks each event's signature with this secret."),
                self.tr(
                    "Copy this secret now and put it in your receiver. It will not be shown "
                    "again: if you lose it, make a new one."
                ),
                made.secret,
                self,
            )
            self.secret_dialog.open()
            self.panel.notify(self.tr("A new signing secret is made."))
            self.panel.run(self.service.endpoint(), self.show_endpoint)

        self.panel.run(self.service.create_secret(), done)

    # ---- deliveries ----------------------------------------------------------------------------

    def load(self) -> None:
        self.panel.run(self.service.endpoint(), self.show_endpoint)
        self._reload()

    async def _first_page(self) -> list[Delivery]:
        return list((await self.service.page()).deliveries)

    def _reload(self, select: str | None = None) -> None:
        current = self.selected()
        selected = select or (current.id if current is not None else None)
        self._generation += 1
        generation = self._generation
        self.more_button.setEnabled(False)

        def done(page: DeliveriesPage) -> None:
            if generation != self._generation:
                return
            self.model.set_records(page.deliveries)
            self.attempts.set_records([])
            self._page_loaded(page)
            if selected is not None:
                self.select(selected)

        self.panel.run(self.service.page(limit=DELIVERIES_PAGE_SIZE), done)

    def load_more(self) -> None:
        if self._cursor is None:
            return
        self.panel.begin_action()
        generation = self._generation

        def done(page: DeliveriesPage) -> None:
            if generation == self._generation:
                self.model.append_records(page.deliveries)
                self._page_loaded(page)

        self.panel.run(self.service.page(after=self._cursor), done)

    def _page_loaded(self, page: DeliveriesPage) -> None:
        self._cursor = page.next_cursor
        self.more_button.setEnabled(page.next_cursor is not None)

    def _show_attempts(self, *_: object) -> None:
        delivery = self.selected()
        if delivery is None:
            self.attempts.set_records([])
            return

        def done(found: Delivery) -> None:
            chosen = self.selected()
            if chosen is None or chosen.id != found.id:
                return
            self.model.replace_record(found)
            self.attempts.set_records(found.attempt_log or ())

        self.panel.run(self.service.delivery(delivery.id), done)

    def send_test(self) -> None:
        self.panel.begin_action()

        def done(queued: Delivery) -> None:
            self.panel.notify(self.tr("A test event is on its way; Refresh shows its attempts."))
            self._reload(select=queued.id)

        self.panel.run(self.service.send_test(), done)

    def redeliver(self) -> None:
        delivery = self.selected()
        if delivery is None:
            return
        self.panel.begin_action()

        def done(again: Delivery) -> None:
            self.model.replace_record(again)
            self.attempts.set_records(again.attempt_log or ())
            self.panel.notify(self.tr("The delivery is sent again; Refresh shows its attempts."))

        self.panel.run(self.service.redeliver(delivery.id), done)

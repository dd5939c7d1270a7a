"""The form of the webhooks tab: where events go, whether they go, and which."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QCheckBox, QLineEdit, QVBoxLayout, QWidget

from clerk_app.admin.base import FormDialog, chain_focus
from clerk_app.admin.webhooks.model import event_type_name
from clerk_app.admin.webhooks.service import EVENT_TYPES, Endpoint, WebhooksService

if TYPE_CHECKING:
    from clerk_app.admin.panel import AdminPanel


class EndpointDialog(FormDialog):
    """URL, enabled and events; the server's complaints show under each field."""

    def __init__(
        self,
        hooks: WebhooksService,
        panel: AdminPanel,
        endpoint: Endpoint,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(panel, parent)
        self.hooks = hooks
        self.setWindowTitle(self.tr("Webhook endpoint"))
        self.setMinimumWidth(520)
        self.url = QLineEdit(endpoint.url or "", self)
        self.url.setObjectName("webhookUrl")
        self.url.setPlaceholderText("https://shop.example/hooks/videoclerk")
        self.enabled = QCheckBox(self.tr("Send events to this address"), self)
        self.enabled.setChecked(endpoint.enabled)
        self.events: dict[str, QCheckBox] = {}
        events_box = QWidget(self)
        events_layout = QVBoxLayout(events_box)
        events_layout.setContentsMargins(0, 0, 0, 0)
        for event_type in EVENT_TYPES:
            box = QCheckBox(event_type_name(event_type), events_box)
            box.setChecked(event_type in endpoint.events)
            self.events[event_type] = box
            events_layout.addWidget(box)
        events_box.setFocusProxy(self.events[EVENT_TYPES[0]])
        self.add_row(self.tr("&URL"), self.url, "url")
        self.add_row(self.tr("&Enabled"), self.enabled, "enabled")
        self.add_row(self.tr("E&vents"), events_box, "events")
        chain_focus(self.url, self.enabled, *self.events.values())

    def request(self) -> Coroutine[Any, Any, Endpoint]:
        return self.hooks.save_endpoint(
            url=self.url.text().strip() or None,
            enabled=self.enabled.isChecked(),
            events=[event for event, box in self.events.items() if box.isChecked()],
        )

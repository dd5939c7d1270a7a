"""The Audit tab: who did what, when, from where; filtered and paged."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from clerk_app.admin.audit.model import EVENT_NAMES, AuditModel, event_name
from clerk_app.admin.audit.service import AUDIT_PAGE_SIZE, AuditFilter, AuditService
from clerk_app.admin.base import AdminArea, PageLoader, chain_focus, record_table
from clerk_app.admin.users.model import UsersModel
from clerk_app.admin.users.tab import UsersTab

if TYPE_CHECKING:
    from clerk_app.admin.panel import AdminPanel


class AuditTab(AdminArea):
    """The audit trail, newest first; it reloads whenever it is shown and, while shown,
    after every action of the panel."""

    def __init__(self, panel: AdminPanel) -> None:
        super().__init__(panel)
        self.service = AuditService(panel.api)
        self.model = AuditModel(panel.describe, self)
        self.view = record_table(self, self.model, "auditTable")
        self.event_choice = QComboBox(self)
        self.event_choice.setObjectName("auditEvent")
        self.user_choice = QComboBox(self)
        self.user_choice.setObjectName("auditUser")
        self.ip = QLineEdit(self)
        self.ip.setObjectName("auditIp")
        self.use_since = QCheckBox(self)
        self.since = QDateEdit(QDate.currentDate(), self)
        self.use_until = QCheckBox(self)
        self.until = QDateEdit(QDate.currentDate(), self)
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.use_since.toggled.connect(self.since.setEnabled)
        self.use_until.toggled.connect(self.until.setEnabled)
        self.apply_button = QPushButton(self)
        self.apply_button.setObjectName("auditApply")
        self.clear_button = QPushButton(self)
        self.more_button = QPushButton(self)
        self.more_button.setObjectName("auditMore")
        self.count = QLabel(self)
        self.labels = [QLabel(self) for _ in range(3)]

        filters = QGridLayout()
        filters.addWidget(self.labels[0], 0, 0)
        filters.addWidget(self.event_choice, 0, 1)
        filters.addWidget(self.labels[1], 0, 2)
        filters.addWidget(self.user_choice, 0, 3)
        filters.addWidget(self.labels[2], 0, 4)
        filters.addWidget(self.ip, 0, 5)
        filters.addWidget(self.use_since, 1, 0)
        filters.addWidget(self.since, 1, 1)
        filters.addWidget(self.use_until, 1, 2)
        filters.addWidget(self.until, 1, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.clear_button)
        filters.addLayout(buttons, 1, 4, 1, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addStretch(1)
        bottom.addWidget(self.more_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)

        self.page_size = AUDIT_PAGE_SIZE
        self._applied = AuditFilter()
        self.pages = PageLoader(
            panel,
            self.model,
            self.more_button,
            fetch=lambda cursor: self.service.audit_page(
                self._applied, cursor=cursor, limit=self.page_size
            ),
            records=lambda page: page.entries,
            counted=self._show_count,
        )
        self.apply_button.clicked.connect(self.apply_filters)
        self.ip.returnPressed.connect(self.apply_filters)
        self.clear_button.clicked.connect(self.clear_filters)
        panel.changed.connect(self._panel_changed)
        self._stale = True
        self.labels[0].setBuddy(self.event_choice)
        self.labels[1].setBuddy(self.user_choice)
        self.labels[2].setBuddy(self.ip)
        chain_focus(
            self.event_choice,
            self.user_choice,
            self.ip,
            self.use_since,
            self.since,
            self.use_until,
            self.until,
            self.apply_button,
            self.clear_button,
            self.view,
            self.more_button,
        )
        self.more_button.setEnabled(False)

    def title(self) -> str:
        return self.tr("&Audit")

    def load(self) -> None:
        """Every other tab's names are known once they are loaded; listen to their changes."""
        if not self._listening:
            self._listening = True
            for area in self.panel.areas:
                for named in area.named_models():
                    for signal in (named.modelReset, named.rowsInserted, named.dataChanged):
                        signal.connect(self.model.retranslate)
            users = self._users()
            if users is not None:
                for signal in (users.modelReset, users.rowsInserted, users.dataChanged):
                    signal.connect(self._fill_users)
        self.reload()

    _listening = False

    def _users(self) -> UsersModel | None:
        tab = self.panel.find_area(UsersTab)
        return tab.model if tab is not None and isinstance(tab.model, UsersModel) else None

    def reload(self) -> None:
        """The first page again, with the filters last applied (no new action)."""
        self._stale = False
        self.pages.reload()

    def _panel_changed(self) -> None:
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and self.panel.loaded:
            self.reload()

    def retranslate(self) -> None:
        self.labels[0].setText(self.tr("&Event"))
        self.labels[1].setText(self.tr("U&ser"))
        self.labels[2].setText(self.tr("&IP address"))
        self.use_since.setText(self.tr("&From"))
        self.use_until.setText(self.tr("&To"))
        self.ip.setPlaceholderText(self.tr("any"))
        self.apply_button.setText(self.tr("A&pply filters"))
        self.clear_button.setText(self.tr("&Clear"))
        self.more_button.setText(self.tr("Load &more"))
        self.view.setAccessibleName(self.tr("Audit trail"))
        self._fill_events()
        self._fill_users()
        self._show_count()

    def _fill_events(self) -> None:
        current = self.event_choice.currentData()
        self.event_choice.blockSignals(True)
        self.event_choice.clear()
        self.event_choice.addItem(self.tr("Any event"), None)
        for code in sorted(EVENT_NAMES, key=event_name):
            self.event_choice.addItem(event_name(code), code)
        self.event_choice.setCurrentIndex(max(0, self.event_choice.findData(current)))
        self.event_choice.blockSignals(False)

    def _fill_users(self, *_: object) -> None:
        current = self.user_choice.currentData()
        self.user_choice.blockSignals(True)
        self.user_choice.clear()
        self.user_choice.addItem(self.tr("Anyone"), None)
        users = self._users()
        for user in sorted(users.records if users else [], key=lambda u: u.name.casefold()):
            self.user_choice.addItem(f"{user.name} <{user.email}>", user.id)
        self.user_choice.setCurrentIndex(max(0, self.user_choice.findData(current)))
        self.user_choice.blockSignals(False)

    def current_filter(self) -> AuditFilter:
        since = until = None
        if self.use_since.isChecked():
            since = _local_midnight(self.since.date())
        if self.use_until.isChecked():
            until = _local_midnight(self.until.date()) + timedelta(days=1)  # the whole day
        event = self.event_choice.currentData()
        user = self.user_choice.currentData()
        return AuditFilter(
            event=str(event) if event else None,
            actor_user_id=str(user) if user else None,
            ip=self.ip.text().strip() or None,
            since=since,
            until=until,
        )

    def set_filter(
        self,
        *,
        event: str | None = None,
        user_id: str | None = None,
        ip: str = "",
        since: QDate | None = None,
        until: QDate | None = None,
    ) -> None:
        """Fill the filter fields (what a person would pick), without applying them."""
        self.event_choice.setCurrentIndex(max(0, self.event_choice.findData(event)))
        self.user_choice.setCurrentIndex(max(0, self.user_choice.findData(user_id)))
        self.ip.setText(ip)
        self.use_since.setChecked(since is not None)
        if since is not None:
            self.since.setDate(since)
        self.use_until.setChecked(until is not None)
        if until is not None:
            self.until.setDate(until)

    def apply_filters(self) -> None:
        self.panel.begin_action()
        self._applied = self.current_filter()
        self.pages.reload()

    def clear_filters(self) -> None:
        self.set_filter()
        self.apply_filters()

    def _show_count(self) -> None:
        shown = self.model.rowCount()
        if self.pages.more:
            text = self.tr("%n entries shown; older ones: Load more", "", shown)
        else:
            text = self.tr("%n entries", "", shown)
        self.count.setText(text)


def _local_midnight(day: QDate) -> datetime:
    return datetime.combine(date(day.year(), day.month(), day.day()), time(0)).astimezone()

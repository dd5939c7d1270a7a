"""The admin panel: Users, API keys, Widgets (and their queues) and Audit tabs.

Each tab shows a table model (clerk_app/admin/models.py) fed by `AdminService`; the Users,
API keys and Widgets tabs are `RecordTab`s (common.py). Actions go through dialogs
(dialogs.py) and a `TaskRunner` (common.py). Errors appear in a banner at the top of the
panel, or inside the dialog that caused them, as plain sentences.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, QEvent
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
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clerk_app.admin.common import (
    ErrorBanner,
    RecordTab,
    TaskRunner,
    copy_text,
    error_text,
    record_table,
    selected_row,
)
from clerk_app.admin.dialogs import (
    NewKeyDialog,
    NewUserDialog,
    QueueDialog,
    RoleDialog,
    RotateKeyDialog,
    SecretDialog,
    WidgetEditor,
)
from clerk_app.admin.models import (
    EVENT_NAMES,
    ApiKeysModel,
    AuditModel,
    QueuesModel,
    UsersModel,
    WidgetsModel,
    app_language,
    event_name,
    role_name,
)
from clerk_app.admin.service import (
    AUDIT_PAGE_SIZE,
    AdminService,
    ApiKey,
    AuditFilter,
    AuditPage,
    NewApiKey,
    Queue,
    RotatedApiKey,
    User,
    Widget,
)


class UsersTab(RecordTab[User]):
    def __init__(self, panel: AdminPanel) -> None:
        super().__init__(panel, panel.users_model, "usersTable", panel.admin.list_users)
        self.new_button = self.add_button(self.open_new_user)
        self.role_button = self.add_button(self.open_change_role)
        self.deactivate_button = self.add_button(self.ask_deactivate)
        self.reactivate_button = self.add_button(self.reactivate)
        self.set_up(
            self.new_button, self.role_button, self.deactivate_button, self.reactivate_button
        )

    def retranslate(self) -> None:
        super().retranslate()
        self.new_button.setText(self.tr("New user…"))
        self.role_button.setText(self.tr("Change role…"))
        self.deactivate_button.setText(self.tr("Deactivate…"))
        self.reactivate_button.setText(self.tr("Reactivate"))
        self.view.setAccessibleName(self.tr("Users"))

    def update_buttons(self, *_: object) -> None:
        user = self.selected()
        self.role_button.setEnabled(user is not None)
        self.deactivate_button.setEnabled(user is not None and user.active)
        self.reactivate_button.setEnabled(user is not None and not user.active)

    def open_new_user(self) -> None:
        self.open_dialog(NewUserDialog(self.panel.admin, self.panel.runner, self), self._created)

    def _created(self, user: User) -> None:
        self.model.replace_record(user)
        self.select(user.id)
        self.panel.notify(self.tr("{name} can now log in as {role}.").format(
            name=user.name, role=role_name(user.role)
        ))

    def open_change_role(self) -> None:
        user = self.selected()
        if user is not None:
            dialog = RoleDialog(self.panel.admin, self.panel.runner, user, self)
            self.open_dialog(dialog, self._changed)

    def _changed(self, user: User) -> None:
        self.model.replace_record(user)
        self.panel.notify(self.tr("{name} is now {role}.").format(
            name=user.name, role=role_name(user.role)
        ))

    def ask_deactivate(self) -> None:
        user = self.selected()
        if user is None:
            return
        self.ask(
            self.tr("Deactivate user"),
            self.tr(
                "Deactivate {name}? They are logged out at once and cannot log in until "
                "reactivated."
            ).format(name=user.name),
            self.tr("Deactivate"),
            lambda: self._set_active(user, False),
        )

    def reactivate(self) -> None:
        user = self.selected()
        if user is not None:
            self.panel.begin_action()
            self._set_active(user, True)

    def _set_active(self, user: User, active: bool) -> None:
        admin = self.panel.admin
        work = admin.reactivate_user(user.id) if active else admin.deactivate_user(user.id)

        def done(changed: User) -> None:
            self.model.replace_record(changed)
            self.update_buttons()
            if active:
                self.panel.notify(self.tr("{name} is reactivated.").format(name=changed.name))
            else:
                self.panel.notify(self.tr("{name} is deactivated.").format(name=changed.name))

        self.panel.runner.run(work, done)


class ApiKeysTab(RecordTab[ApiKey]):
    def __init__(self, panel: AdminPanel) -> None:
        super().__init__(panel, ApiKeysModel(panel), "apiKeysTable", panel.admin.list_api_keys)
        self.new_button = self.add_button(self.open_new_key)
        self.rotate_button = self.add_button(self.open_rotate)
        self.revoke_button = self.add_button(self.ask_revoke)
        self.secret_dialog: SecretDialog | None = None
        self.set_up(self.new_button, self.rotate_button, self.revoke_button)

    def retranslate(self) -> None:
        super().retranslate()
        self.new_button.setText(self.tr("New key…"))
        self.rotate_button.setText(self.tr("Rotate…"))
        self.revoke_button.setText(self.tr("Revoke…"))
        self.view.setAccessibleName(self.tr("API keys"))

    def update_buttons(self, *_: object) -> None:
        key = self.selected()
        usable = key is not None and key.status in ("active", "expiring")
        self.rotate_button.setEnabled(usable)
        self.revoke_button.setEnabled(key is not None and key.status != "revoked")

    def open_new_key(self) -> None:
        self.open_dialog(NewKeyDialog(self.panel.admin, self.panel.runner, self), self._created)

    def _created(self, created: NewApiKey) -> None:
        self.model.replace_record(created.key)
        self.select(created.key.id)
        self._show_secret(self.tr("Your new API key"), created.key, created.secret)

    def open_rotate(self) -> None:
        key = self.selected()
        if key is not None:
            dialog = RotateKeyDialog(self.panel.admin, self.panel.runner, key, self)
            self.open_dialog(dialog, self._rotated)

    def _rotated(self, rotated: RotatedApiKey) -> None:
        self.model.replace_record(rotated.old_key)
        self.model.replace_record(rotated.new_key)
        self.select(rotated.new_key.id)
        self._show_secret(self.tr("The replacement key"), rotated.new_key, rotated.secret)

    def _show_secret(self, title: str, key: ApiKey, secret: str) -> None:
        if self.secret_dialog is not None:
            self.secret_dialog.deleteLater()
        self.secret_dialog = SecretDialog(title, key, secret, self)
        self.secret_dialog.open()

    def ask_revoke(self) -> None:
        key = self.selected()
        if key is None:
            return
        self.ask(
            self.tr("Revoke API key"),
            self.tr(
                "Revoke “{name}” ({prefix}…)? It stops working on its next request. "
                "This cannot be undone."
            ).format(name=key.name, prefix=key.prefix),
            self.tr("Revoke"),
            lambda: self._revoke(key),
        )

    def _revoke(self, key: ApiKey) -> None:
        def done(revoked: ApiKey) -> None:
            self.model.replace_record(revoked)
            self.panel.notify(self.tr("“{name}” is revoked.").format(name=revoked.name))

        self.panel.runner.run(self.panel.admin.revoke_api_key(key.id), done)


class WidgetsTab(RecordTab[Widget]):
    def __init__(self, panel: AdminPanel) -> None:
        queues = QueuesModel(panel)
        widgets = WidgetsModel(queues.name_of, panel)
        super().__init__(panel, widgets, "widgetsTable", panel.admin.list_widgets)
        self.queues_model = queues
        self.queue_view = record_table(self, queues, "queuesTable")
        self.new_button = self.add_button(self.open_new_widget)
        self.edit_button = self.add_button(self.open_edit_widget)
        self.copy_button = self.add_button(self.copy_snippet)
        self.new_queue_button = self.add_button(self.open_new_queue)
        self.edit_queue_button = self.add_button(self.open_edit_queue)
        self.widgets_title = QLabel(self)
        self.queues_title = QLabel(self)
        for title in (self.widgets_title, self.queues_title):
            font = title.font()
            font.setBold(True)
            title.setFont(font)

        queue_bar = QHBoxLayout()
        queue_bar.addWidget(self.new_queue_button)
        queue_bar.addWidget(self.edit_queue_button)
        queue_bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.widgets_title)
        layout.addLayout(self.button_bar(self.new_button, self.edit_button, self.copy_button))
        layout.addWidget(self.view, 2)
        layout.addWidget(self.queues_title)
        layout.addLayout(queue_bar)
        layout.addWidget(self.queue_view, 1)

        self.view.doubleClicked.connect(lambda _index: self.open_edit_widget())
        self.queue_view.doubleClicked.connect(lambda _index: self.open_edit_queue())
        self.follow_selection(self.view)
        self.follow_selection(self.queue_view)
        queues.modelReset.connect(widgets.retranslate)
        self.retranslate()
        self.update_buttons()

    def retranslate(self) -> None:
        super().retranslate()
        self.widgets_title.setText(self.tr("Widgets"))
        self.queues_title.setText(self.tr("Queues"))
        self.new_button.setText(self.tr("New widget…"))
        self.edit_button.setText(self.tr("Edit widget…"))
        self.copy_button.setText(self.tr("Copy embed snippet"))
        self.new_queue_button.setText(self.tr("New queue…"))
        self.edit_queue_button.setText(self.tr("Edit queue…"))
        self.view.setAccessibleName(self.tr("Widgets"))
        self.queue_view.setAccessibleName(self.tr("Queues"))

    def selected_queue(self) -> Queue | None:
        row = selected_row(self.queue_view)
        return self.queues_model.record(row) if row >= 0 else None

    def update_buttons(self, *_: object) -> None:
        widget = self.selected()
        self.edit_button.setEnabled(widget is not None)
        self.copy_button.setEnabled(widget is not None)
        self.edit_queue_button.setEnabled(self.selected_queue() is not None)
        self.new_button.setEnabled(self.queues_model.rowCount() > 0)
        self.new_button.setToolTip(
            "" if self.queues_model.rowCount() else self.tr("Create a queue first.")
        )

    def load(self) -> None:
        self.panel.runner.run(self.panel.admin.list_queues(), self.queues_model.set_records)
        super().load()

    def open_new_widget(self) -> None:
        self._open_editor(None)

    def open_edit_widget(self) -> None:
        widget = self.selected()
        if widget is not None:
            self._open_editor(widget)

    def _open_editor(self, widget: Widget | None) -> None:
        queues = self.queues_model.records
        editor = WidgetEditor(self.panel.admin, self.panel.runner, queues, widget, self)
        self.open_dialog(editor, self._saved)

    def _saved(self, widget: Widget) -> None:
        self.model.replace_record(widget)
        self.select(widget.id)
        self.panel.notify(
            self.tr("Widget “{name}” is saved. Its embed snippet is ready to copy.").format(
                name=widget.name
            )
        )

    def copy_snippet(self) -> None:
        widget = self.selected()
        if widget is not None:
            copy_text(widget.embed_snippet)
            self.panel.notify(self.tr("The embed snippet is on the clipboard."))

    def open_new_queue(self) -> None:
        self._open_queue(None)

    def open_edit_queue(self) -> None:
        queue = self.selected_queue()
        if queue is not None:
            self._open_queue(queue)

    def _open_queue(self, queue: Queue | None) -> None:
        dialog = QueueDialog(self.panel.admin, self.panel.runner, queue, self)
        self.open_dialog(dialog, self._queue_saved)

    def _queue_saved(self, queue: Queue) -> None:
        self.queues_model.replace_record(queue)
        self.model.retranslate()
        self.update_buttons()


class AuditTab(QWidget):
    def __init__(self, panel: AdminPanel) -> None:
        super().__init__(panel)
        self.panel = panel
        users = panel.users_model
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
        self._cursor: int | None = None
        self._generation = 0
        self.apply_button.clicked.connect(self.apply_filters)
        self.ip.returnPressed.connect(self.apply_filters)
        self.clear_button.clicked.connect(self.clear_filters)
        self.more_button.clicked.connect(self.load_more)
        users.modelReset.connect(self._fill_users)
        users.rowsInserted.connect(self._fill_users)
        users.dataChanged.connect(self._fill_users)
        users.modelReset.connect(self.model.retranslate)
        self.retranslate()
        self.more_button.setEnabled(False)

    def retranslate(self) -> None:
        self.labels[0].setText(self.tr("Event"))
        self.labels[1].setText(self.tr("User"))
        self.labels[2].setText(self.tr("IP address"))
        self.use_since.setText(self.tr("From"))
        self.use_until.setText(self.tr("To"))
        self.ip.setPlaceholderText(self.tr("any"))
        self.apply_button.setText(self.tr("Apply filters"))
        self.clear_button.setText(self.tr("Clear"))
        self.more_button.setText(self.tr("Load more"))
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
        for user in sorted(self.panel.users_model.records, key=lambda u: u.name.casefold()):
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
        self._cursor = None
        self._generation += 1
        generation = self._generation
        self.more_button.setEnabled(False)

        def done(page: AuditPage) -> None:
            if generation == self._generation:
                self.model.set_records(page.entries)
                self._page_loaded(page)

        self.panel.runner.run(
            self.panel.admin.audit_page(self._applied, limit=self.page_size), done
        )

    def clear_filters(self) -> None:
        self.set_filter()
        self.apply_filters()

    def load_more(self) -> None:
        if self._cursor is None:
            return
        self.panel.begin_action()
        generation = self._generation
        self.more_button.setEnabled(False)

        def done(page: AuditPage) -> None:
            if generation == self._generation:
                self.model.append_records(page.entries)
                self._page_loaded(page)

        self.panel.runner.run(
            self.panel.admin.audit_page(self._applied, cursor=self._cursor, limit=self.page_size),
            done,
        )

    def _page_loaded(self, page: AuditPage) -> None:
        self._cursor = page.next_cursor
        self.more_button.setEnabled(page.next_cursor is not None)
        self._show_count()

    def _show_count(self) -> None:
        shown = self.model.rowCount()
        if self._cursor is not None:
            text = self.tr("%n entries shown; older ones: Load more", "", shown)
        else:
            text = self.tr("%n entries", "", shown)
        self.count.setText(text)


class AdminPanel(QWidget):
    """Users, API keys, widgets and queues, and the audit trail of one organisation."""

    def __init__(self, admin: AdminService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.admin = admin
        self.runner = TaskRunner(self.report_error)
        self.users_model = UsersModel(self)
        self.banner = ErrorBanner(self)
        self.notice = QLabel(self)
        self.notice.setObjectName("adminNotice")
        self.notice.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.users = UsersTab(self)
        self.keys = ApiKeysTab(self)
        self.widgets = WidgetsTab(self)
        self.audit = AuditTab(self)
        for tab in (self.users, self.keys, self.widgets, self.audit):
            self.tabs.addTab(tab, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)
        for named in (self.keys.model, self.widgets.model, self.widgets.queues_model):
            named.modelReset.connect(self.audit.model.retranslate)  # names for the ids shown
        self._loaded = False
        runner = self.runner
        self.destroyed.connect(lambda *_: runner.close())
        self.retranslate()

    # ---- what the shell and tests use -----------------------------------------------------------

    def refresh(self) -> None:
        """Load every tab from the server (done by itself the first time the panel shows)."""
        self._loaded = True
        self.banner.clear()
        self.users.refresh()
        self.keys.refresh()
        self.widgets.refresh()
        self.audit.apply_filters()

    async def wait_idle(self) -> None:
        """Until every request the panel started has been answered and shown."""
        await self.runner.wait_idle()

    def shutdown(self) -> None:
        """Cancel whatever is still running (the shell calls this on log-out)."""
        self.runner.close()

    @property
    def banner_text(self) -> str:
        return self.banner.text

    def describe(self, some_id: str) -> str:
        """A user's name, or which key, widget or queue an id stands for; else the id."""
        users = self.users_model
        if (row := users.row_of(some_id)) >= 0:
            return users.record(row).name
        keys = self.keys.model
        if (row := keys.row_of(some_id)) >= 0:
            return self.tr("API key “{name}”").format(name=keys.record(row).name)
        widgets = self.widgets.model
        if (row := widgets.row_of(some_id)) >= 0:
            return self.tr("Widget “{name}”").format(name=widgets.record(row).name)
        queues = self.widgets.queues_model
        if (row := queues.row_of(some_id)) >= 0:
            name = queues.record(row).name.get(app_language())
            return self.tr("Queue “{name}”").format(name=name)
        return some_id

    # ---- reporting ----------------------------------------------------------------------------

    def begin_action(self) -> None:
        """A new action clears the last one's error and notice."""
        self.banner.clear()
        self.notice.clear()

    def report_error(self, error: BaseException) -> None:
        self.notice.clear()
        self.banner.show_error(error_text(error))

    def notify(self, text: str) -> None:
        self.notice.setText(text)

    # ---- Qt -----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.refresh()

    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("Users"))
        self.tabs.setTabText(1, self.tr("API keys"))
        self.tabs.setTabText(2, self.tr("Widgets"))
        self.tabs.setTabText(3, self.tr("Audit"))
        self.banner.retranslate()
        for tab in (self.users, self.keys, self.widgets, self.audit):
            tab.retranslate()
        for model in (
            self.users_model,
            self.keys.model,
            self.widgets.model,
            self.widgets.queues_model,
            self.audit.model,
        ):
            model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _local_midnight(day: QDate) -> datetime:
    return datetime.combine(date(day.year(), day.month(), day.day()), time(0)).astimezone()


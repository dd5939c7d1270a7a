"""The admin panel: one tab per area, a banner for errors and a line for what just happened.

The tabs are the classes in `AREAS`, in that order; each gets the panel, and through it the
HTTP client (`api`), `run` for service calls on the shell's `Tasks`, and the reporting.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from clerk_app.admin.api import AdminApi
from clerk_app.admin.audit.tab import AuditTab
from clerk_app.admin.base import AdminArea, ErrorBanner
from clerk_app.admin.catalogue.tab import CatalogueTab
from clerk_app.admin.closure.tab import AccountTab
from clerk_app.admin.datarequests.tab import DataRequestsTab
from clerk_app.admin.keys.tab import ApiKeysTab
from clerk_app.admin.offers.tab import OffersTab
from clerk_app.admin.privacy.tab import PrivacyTab
from clerk_app.admin.recordings.tab import RecordingsTab
from clerk_app.admin.users.tab import UsersTab
from clerk_app.admin.webhooks.tab import WebhooksTab
from clerk_app.admin.widgets.tab import WidgetsTab
from clerk_app.errors import ServiceError
from clerk_app.shell.errors import describe
from clerk_app.shell.tasks import Tasks

log = logging.getLogger(__name__)
A = TypeVar("A", bound=AdminArea)
R = TypeVar("R")

# The tabs, in order. A new area: its sub-package, and its tab class here.
AREAS: tuple[type[AdminArea], ...] = (
    UsersTab,
    ApiKeysTab,
    WidgetsTab,
    CatalogueTab,
    OffersTab,
    RecordingsTab,
    WebhooksTab,
    DataRequestsTab,
    PrivacyTab,
    AuditTab,
    AccountTab,
)


class AdminPanel(QWidget):
    """Everything an admin manages for one organisation."""

    AREAS: tuple[type[AdminArea], ...] = AREAS
    manages_settings = True
    """Whether the areas offer to change the organisation's settings (admins only)."""

    changed = Signal()  # an action succeeded: what other tabs show may be out of date

    def __init__(self, api: AdminApi, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.api = api
        self.tasks = Tasks(self.report_error)
        self.banner = ErrorBanner(self)
        self.notice = QLabel(self)
        self.notice.setObjectName("adminNotice")
        self.notice.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.areas: list[AdminArea] = []
        for area_class in self.AREAS:
            area = area_class(self)
            self.areas.append(area)
            self.tabs.addTab(area, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)
        self.loaded = False
        tasks = self.tasks
        self.destroyed.connect(lambda *_: tasks.cancel())
        self.retranslate()

    # ---- what the areas, the shell and tests use --------------------------------------------

    def area(self, kind: type[A]) -> A:
        """The tab of this class."""
        return next(a for a in self.areas if isinstance(a, kind))

    def find_area(self, kind: type[A]) -> A | None:
        return next((a for a in self.areas if isinstance(a, kind)), None)

    def run(
        self,
        work: Coroutine[Any, Any, R],
        on_done: Callable[[R], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run a service call; `on_done` gets its result, `on_error` (else the banner) its
        failure."""

        async def then() -> None:
            result = await work
            if on_done is not None:
                try:
                    on_done(result)
                except RuntimeError:  # the widget it shows in was deleted meanwhile
                    log.debug("admin result arrived after its widget was gone", exc_info=True)

        def failed(error: BaseException) -> None:
            if not isinstance(error, ServiceError):
                log.error("admin task failed", exc_info=error)
            try:
                (on_error or self.report_error)(error)
            except RuntimeError:
                log.debug("admin error arrived after its widget was gone", exc_info=True)

        self.tasks.run(then(), on_error=failed)

    def refresh(self) -> None:
        """Load every tab from the server (done by itself the first time the panel shows)."""
        self.loaded = True
        self.begin_action()
        for area in self.areas:
            area.load()

    async def wait_idle(self) -> None:
        """Until every request the panel started has been answered and shown."""
        await self.tasks.wait_idle()

    def shutdown(self) -> None:
        """Cancel whatever is still running (the shell calls this on log-out)."""
        self.tasks.cancel()

    @property
    def banner_text(self) -> str:
        return self.banner.text

    def describe(self, some_id: str) -> str:
        """What an id (a user, key, widget, queue, product) stands for; else the id."""
        for area in self.areas:
            name = area.describe(some_id)
            if name is not None:
                return name
        return some_id

    # ---- reporting ---------------------------------------------------------------------------

    def begin_action(self) -> None:
        """A new action clears the last one's error and notice."""
        self.banner.clear()
        self.notice.clear()

    def report_error(self, error: BaseException) -> None:
        self.report_error_text(describe(error))

    def report_error_text(self, text: str) -> None:
        self.notice.clear()
        self.banner.show_error(text)

    def notify(self, text: str) -> None:
        """What an action did; tabs showing its consequences (the audit trail) reload."""
        self.notice.setText(text)
        self.changed.emit()

    # ---- Qt ----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded:
            self.refresh()

    def retranslate(self) -> None:
        self.banner.retranslate()
        for index, area in enumerate(self.areas):
            self.tabs.setTabText(index, area.title())
            area.retranslate()
            for model in area.named_models():
                retranslate = getattr(model, "retranslate", None)
                if retranslate is not None:
                    retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class OffersPanel(AdminPanel):
    """A supervisor's view of the organisation's offers: list, filters, details, CSV export."""

    AREAS = (OffersTab,)
    manages_settings = False

"""The settings' "E-mail from videoclerk" box: marketing opt-in, saved on the server at once."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QVBoxLayout, QWidget

from clerk_app.account.mail_choices import MailChoicesBackend
from clerk_app.shell.errors import describe
from clerk_app.shell.tasks import Tasks


class MailChoiceBox(QGroupBox):
    """A checkbox bound to the server's choice: disabled until it is known, and set back to
    what the server keeps when a change fails."""

    def __init__(self, backend: MailChoicesBackend, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("E-mail from videoclerk"), parent)
        self.backend = backend
        self.tasks = Tasks(on_error=self._failed)
        self.marketing_check = QCheckBox(self.tr("News and offers by e-mail"), self)
        self.marketing_check.setEnabled(False)
        self.marketing_check.clicked.connect(self._changed)
        note = QLabel(
            self.tr(
                "Off unless you switch it on; every such mail has a link that ends it with one "
                "click. Service notices (maintenance, security, policy changes) always reach you."
            ),
            self,
        )
        note.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.marketing_check)
        layout.addWidget(note)
        layout.addWidget(self.status)
        tasks = self.tasks
        self.destroyed.connect(lambda *_: tasks.cancel())
        self.tasks.run(self._load())

    async def _load(self) -> None:
        self._show(await self.backend.marketing_mail())

    def _changed(self, on: bool) -> None:
        self.marketing_check.setEnabled(False)
        self.status.setText(self.tr("Saving\u2026"))
        self.tasks.run(self._save(on))

    async def _save(self, on: bool) -> None:
        self._show(await self.backend.set_marketing_mail(on))
        self.status.setText(
            self.tr("Saved: you get news and offers by e-mail.")
            if on
            else self.tr("Saved: you get no news or offers by e-mail.")
        )

    def _show(self, on: bool) -> None:
        self.marketing_check.setChecked(on)
        self.marketing_check.setEnabled(True)

    def _failed(self, error: BaseException) -> None:
        self.status.setText(describe(error))
        self.tasks.run(self._load())

    async def wait_idle(self) -> None:
        await self.tasks.wait_idle()

"""The Recordings tab: the recordings, newest first and paged (the server has no other
filters), each played in the app or saved to a file, deleted, or held; and the settings
(retention, the clerk's picture)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from clerk_app.admin.base import PageLoader, RecordTab, chain_focus
from clerk_app.admin.names import local_time
from clerk_app.admin.recordings.dialogs import HoldDialog, RecordingSettingsDialog
from clerk_app.admin.recordings.model import RecordingsModel
from clerk_app.admin.recordings.player import PlayerDialog
from clerk_app.admin.recordings.service import (
    PAGE_SIZE,
    Recording,
    RecordingSettings,
    RecordingsService,
    SavedRecording,
)
from clerk_app.admin.users.tab import UsersTab
from clerk_app.downloads import size_text
from clerk_app.shell.errors import describe

if TYPE_CHECKING:
    from clerk_app.admin.panel import AdminPanel

PROGRESS_STEPS = 1000  # the bar counts in thousandths: a QProgressBar's int cannot hold 2 GiB


class RecordingsTab(RecordTab[Recording]):
    def __init__(self, panel: AdminPanel) -> None:
        self.service = RecordingsService(panel.api)
        model = RecordingsModel(panel, panel.describe)
        super().__init__(panel, model, "recordingsTable", self._first_page)
        self.play_button = self.add_button(self.play, "recordingPlay")
        self.save_button = self.add_button(self.choose_save_file, "recordingSave")
        self.hold_button = self.add_button(self.open_hold, "recordingHold")
        self.delete_button = self.add_button(self.ask_delete, "recordingDelete")
        self.settings_button = self.add_button(self.open_settings, "recordingSettings")
        self.more_button = QPushButton(self)
        self.more_button.setObjectName("recordingsMore")
        self.view.doubleClicked.connect(lambda *_: self.play())
        self.count = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("recordingProgress")
        self.progress.setRange(0, PROGRESS_STEPS)
        self.progress.setTextVisible(True)
        self.progress.hide()

        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addWidget(self.progress, 1)
        bottom.addStretch(1)
        bottom.addWidget(self.more_button)
        layout = QVBoxLayout(self)
        layout.addLayout(
            self.button_bar(
                self.play_button,
                self.save_button,
                self.hold_button,
                self.delete_button,
                self.settings_button,
            )
        )
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        chain_focus(
            self.play_button,
            self.save_button,
            self.hold_button,
            self.delete_button,
            self.settings_button,
            self.refresh_button,
            self.view,
            self.more_button,
        )
        self.follow_selection(self.view)

        self.page_size = PAGE_SIZE
        self.pages = PageLoader(
            panel,
            self.model,
            self.more_button,
            fetch=lambda cursor: self.service.page(after=cursor, limit=self.page_size),
            records=lambda page: page.recordings,
            counted=self._show_count,
        )
        self._listening = False
        self._transferring = False
        self._progress_text = ""
        self.save_dialog: QFileDialog | None = None
        self.player: PlayerDialog | None = None
        self.last_saved: SavedRecording | None = None
        self.retranslate()
        self.update_buttons()

    def title(self) -> str:
        return self.tr("Recordin&gs")

    def retranslate(self) -> None:
        super().retranslate()
        self.play_button.setText(self.tr("&Play…"))
        self.save_button.setText(self.tr("&Save to file…"))
        self.delete_button.setText(self.tr("&Delete…"))
        self.settings_button.setText(self.tr("Se&ttings…"))
        self.more_button.setText(self.tr("Load &more"))
        self.view.setAccessibleName(self.tr("Recordings"))
        self._show_count()
        self.update_buttons()

    def describe(self, some_id: str) -> str | None:
        row = self.model.row_of(some_id)
        if row < 0:
            return None
        recording = self.model.record(row)
        when = local_time(recording.completed_at or recording.created_at)
        return self.tr("Recording of %1").replace("%1", when)

    def update_buttons(self, *_: object) -> None:
        recording = self.selected()
        playable = recording is not None and recording.complete and not self._transferring
        self.play_button.setEnabled(playable)
        self.save_button.setEnabled(playable)
        self.hold_button.setEnabled(recording is not None)
        self.delete_button.setEnabled(recording is not None)
        held = recording is not None and recording.legal_hold
        self.hold_button.setText(self.tr("&Lift legal hold…") if held else self.tr("&Legal hold…"))

    # ---- pages ---------------------------------------------------------------------------------

    def load(self) -> None:
        if not self._listening:  # the clerks' names are the users tab's
            self._listening = True
            users = self.panel.find_area(UsersTab)
            if users is not None:
                for signal in (users.model.modelReset, users.model.dataChanged):
                    signal.connect(lambda *_: self.model.column_changed(2))
        self._reload()

    async def _first_page(self) -> list[Recording]:
        return list((await self.service.page(limit=self.page_size)).recordings)

    def _reload(self) -> None:
        self.pages.reload()

    def _show_count(self) -> None:
        shown = self.model.rowCount()
        if self.pages.more:
            self.count.setText(self.tr("%n recordings shown; older ones: Load more", "", shown))
        else:
            self.count.setText(self.tr("%n recordings", "", shown))

    # ---- play and save -------------------------------------------------------------------------

    def play(self) -> None:
        """Download the selected recording into memory, then play it in a window."""
        recording = self.selected()
        if recording is None or not recording.complete or self._transferring:
            return
        self.panel.begin_action()
        self._start_transfer(self.tr("Loading the recording… %1 of %2"), recording.size)

        def done(data: bytes) -> None:
            self._transfer_finished()
            self.player = PlayerDialog(recording, data, self)
            self.open_dialog(self.player, None)

        def failed(error: BaseException) -> None:
            self._transfer_finished()
            self.panel.report_error(error)

        self.panel.run(self.service.media(recording, self._progress), done, failed)

    def choose_save_file(self) -> None:
        recording = self.selected()
        if recording is None or not recording.complete or self._transferring:
            return
        self.panel.begin_action()
        if self.save_dialog is not None:
            self.save_dialog.deleteLater()
        when = local_time(recording.completed_at or recording.created_at)
        name = f"recording {when.replace(':', '.')}.webm"
        dialog = QFileDialog(self, self.tr("Save the recording"), str(Path.home() / name))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilter(self.tr("WebM videos (*.webm)"))
        dialog.setDefaultSuffix("webm")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.fileSelected.connect(lambda path: self.save_to(recording, Path(path)))
        self.save_dialog = dialog
        dialog.open()

    def save_to(self, recording: Recording, path: Path) -> None:
        """Stream the recording into `path` (complete or not at all), with a progress bar."""
        self._start_transfer(self.tr("Saving… %1 of %2"), recording.size)

        def done(saved: SavedRecording) -> None:
            self._transfer_finished()
            self.last_saved = saved
            self.panel.notify(
                self.tr("The recording (%1) is saved as %2.")
                .replace("%1", size_text(saved.size))
                .replace("%2", str(saved.path))
            )

        def failed(error: BaseException) -> None:
            self._transfer_finished()
            self.panel.report_error_text(
                self.tr("The recording was not saved: %1").replace("%1", describe(error))
            )

        self.panel.run(self.service.save(recording, path, self._progress), done, failed)

    def _start_transfer(self, text: str, size: int) -> None:
        self._transferring = True
        self._progress_text = text
        self._progress(0, size)
        self.progress.show()
        self.update_buttons()

    def _progress(self, received: int, total: int) -> None:
        self.progress.setValue(received * PROGRESS_STEPS // total if total else 0)
        self.progress.setFormat(
            self._progress_text.replace("%1", size_text(received)).replace("%2", size_text(total))
        )

    def _transfer_finished(self) -> None:
        self._transferring = False
        self.progress.hide()
        self.update_buttons()

    # ---- delete, hold, settings -----------------------------------------------------------------

    def ask_delete(self) -> None:
        recording = self.selected()
        if recording is None:
            return
        when = local_time(recording.completed_at or recording.created_at)
        self.ask(
            self.tr("Delete recording"),
            self.tr(
                "Delete the recording of %1 for good? Its file and key are destroyed; it "
                "cannot be restored."
            ).replace("%1", when),
            self.tr("Delete"),
            lambda: self._delete(recording),
        )

    def _delete(self, recording: Recording) -> None:
        def done(_: None) -> None:
            self.model.remove_record(recording.id)
            self._show_count()
            self.panel.notify(self.tr("The recording is deleted."))

        self.panel.run(self.service.delete(recording.id), done)

    def open_hold(self) -> None:
        recording = self.selected()
        if recording is not None:
            self.open_dialog(HoldDialog(self.service, self.panel, recording, self), self._held)

    def _held(self, recording: Recording) -> None:
        self.model.replace_record(recording)
        self.update_buttons()
        if recording.legal_hold:
            self.panel.notify(self.tr("The recording is on legal hold."))
        else:
            self.panel.notify(self.tr("The legal hold is lifted."))

    def open_settings(self) -> None:
        self.panel.begin_action()

        def show(current: RecordingSettings) -> None:
            dialog = RecordingSettingsDialog(self.service, self.panel, current, self)
            self.open_dialog(dialog, self._settings_saved)

        self.panel.run(self.service.settings(), show)

    def _settings_saved(self, saved: RecordingSettings) -> None:
        self.panel.notify(self.tr("Recordings are now kept %n days.", "", saved.days))
        self._reload()  # every deletion date moves

"""Forms of the recordings tab: a legal hold set or lifted with a reason, and the settings
(retention, the clerk's picture)."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QSpinBox, QWidget

from clerk_app.admin.base import FormDialog
from clerk_app.admin.recordings.service import (
    REASON_MAX,
    Recording,
    RecordingSettings,
    RecordingsService,
    hold_reason,
)

if TYPE_CHECKING:
    from clerk_app.admin.panel import AdminPanel


class HoldDialog(FormDialog):
    """Put a recording on legal hold, or lift the hold: either with a reason (audited)."""

    def __init__(
        self,
        recordings: RecordingsService,
        panel: AdminPanel,
        recording: Recording,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(panel, parent)
        self.recordings = recordings
        self.recording = recording
        self.hold = not recording.legal_hold  # what OK does
        if self.hold:
            self.setWindowTitle(self.tr("Put on legal hold"))
            about = self.tr(
                "While on legal hold, the recording is neither deleted by retention nor by "
                "anyone. Say why (for example, the case number)."
            )
        else:
            self.setWindowTitle(self.tr("Lift legal hold"))
            about = self.tr(
                "Without the hold, retention deletes the recording when it is due. Say why the "
                "hold ends. It was set because: %1"
            ).replace("%1", recording.hold_reason or "")
        self.about = QLabel(about, self)
        self.about.setWordWrap(True)
        self.body.insertWidget(0, self.about)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("holdReason")
        self.reason.setMaxLength(REASON_MAX)
        self.add_row(self.tr("&Reason"), self.reason, "reason")
        self.ok_button.setText(self.tr("&Hold") if self.hold else self.tr("&Lift hold"))
        self.reason.setFocus()

    def request(self) -> Coroutine[Any, Any, Any]:
        reason = hold_reason(self.reason.text())
        return self.recordings.set_hold(self.recording.id, hold=self.hold, reason=reason)


class RecordingSettingsDialog(FormDialog):
    """How many days recordings are kept, up to the operator's maximum, and whether the
    clerk's picture is recorded too."""

    def __init__(
        self,
        recordings: RecordingsService,
        panel: AdminPanel,
        current: RecordingSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(panel, parent)
        self.recordings = recordings
        self.setWindowTitle(self.tr("Recording settings"))
        self.days = QSpinBox(self)
        self.days.setObjectName("retentionDays")
        self.days.setRange(1, current.max_days)
        self.days.setValue(min(current.days, current.max_days))
        self.days.setSuffix(self.tr(" days"))
        self.add_row(self.tr("&Keep recordings for"), self.days, "retention_days")
        self.limit = QLabel(
            self.tr(
                "At most %n days here (the operator's limit). Recordings on legal hold are "
                "kept until the hold is lifted; a change applies to existing recordings too.",
                "",
                current.max_days,
            ),
            self,
        )
        self.limit.setWordWrap(True)
        self.body.insertWidget(1, self.limit)
        self.clerk_video = QCheckBox(self.tr("Record the &clerk's picture too"), self)
        self.clerk_video.setObjectName("recordClerkVideo")
        self.clerk_video.setChecked(current.clerk_video)
        self.clerk_video.setToolTip(
            self.tr(
                "The visitor's picture and both voices are always recorded when the visitor "
                "consents. From the next call on."
            )
        )
        self.add_row("", self.clerk_video, "clerk_video")
        self.days.setFocus()

    def request(self) -> Coroutine[Any, Any, Any]:
        return self.recordings.save_settings(
            days=self.days.value(), clerk_video=self.clerk_video.isChecked()
        )

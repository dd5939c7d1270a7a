"""The call on screen: the visitor large, the clerk's own picture small, the controls, the
offer panel (clerk_app/offers), the quality figures, the consent panel; and the wrap-up step
after the call."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from clerk_app.call.consent import CHOICES, ConsentChoice
from clerk_app.call.model import CallModel
from clerk_app.call.video import VideoWidget
from clerk_app.call.wrapup import NOTE_MAX_LENGTH, OUTCOMES, personal_data_kinds
from clerk_app.media.peer import CallQuality
from clerk_app.offers.view import OfferPanel
from clerk_app.percent import rounded_percent
from clerk_app.shell.icons import action_icon
from clerk_app.shell.shortcuts import described
from clerk_app.shell.sizing import keep_width, vertical_scroll
from clerk_app.shell.theme import set_badge, set_destructive, set_notice, set_tone


def _badge(label: QLabel, text: str, badge: str) -> None:
    label.setText(text)
    set_badge(label, badge)


class VideoStage(QWidget):
    """The visitor's picture filling the area, the clerk's own in the lower right corner."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.remote = VideoWidget(self)
        self.local = VideoWidget(self, mirrored=True)
        self.local.setMinimumSize(96, 54)
        self.local.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.local.raise_()
        self.setMinimumSize(320, 200)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        rect = self.rect()
        self.remote.setGeometry(rect)
        width = max(120, rect.width() // 4)
        height = width * 3 // 4
        margin = 12
        self.local.setGeometry(
            rect.right() - width - margin, rect.bottom() - height - margin, width, height
        )
        self.local.raise_()


class ConsentPanel(QGroupBox):
    """What the visitor consented to, per choice with its time and text version; and whether
    a recording runs right now."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Visitor's consent"), parent)
        self.setObjectName("consentPanel")
        grid = QGridLayout(self)
        self.badges: dict[str, QLabel] = {}
        self.details: dict[str, QLabel] = {}
        names = {
            "recording": self.tr("Recording"),
            "transcription": self.tr("Transcription"),
        }
        for row, choice in enumerate(CHOICES):
            title = QLabel(f"<b>{names[choice]}</b>", self)
            badge = QLabel(self)
            badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
            detail = QLabel(self)
            detail.setWordWrap(True)
            grid.addWidget(title, row * 2, 0)
            grid.addWidget(badge, row * 2, 1, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(detail, row * 2 + 1, 0, 1, 2)
            self.badges[choice] = badge
            self.details[choice] = detail
        self.recording_indicator = QLabel(self)
        self.recording_indicator.setObjectName("recordingIndicator")
        grid.addWidget(self.recording_indicator, len(CHOICES) * 2, 0, 1, 2)
        self.recording_active = False
        self.clear()

    def clear(self) -> None:
        for choice in CHOICES:
            _badge(self.badges[choice], self.tr("unknown"), "muted")
            self.details[choice].setText(self.tr("Waiting for the visitor's choice\u2026"))
        self.set_recording(False)

    def show_choice(self, choice: ConsentChoice) -> None:
        badge = self.badges[choice.name]
        if choice.granted:
            _badge(badge, self.tr("yes"), "ok")
        else:
            _badge(badge, self.tr("no"), "danger")
        moment = choice.local_time()
        when = moment.strftime("%H:%M:%S") if moment is not None else choice.at
        text = (
            self.tr("chosen at %1, consent text version %2")
            .replace("%1", when)
            .replace("%2", choice.text_version)
        )
        if choice.changed_during_call:
            text = "<b>" + self.tr("Changed during the call:") + "</b> " + text
        self.details[choice.name].setText(text)

    def set_recording(self, active: bool) -> None:
        self.recording_active = active
        if active:
            self.recording_indicator.setText("\u25cf " + self.tr("Recording now"))
            set_tone(self.recording_indicator, "danger", bold=True)
        else:
            self.recording_indicator.setText("\u25cb " + self.tr("Not recording"))
            set_tone(self.recording_indicator, "muted")


SIDE_WIDTH = 300
_UNBOUNDED = 16777215  # Qt's QWIDGETSIZE_MAX, which PySide6 does not export
STAGE_COMFORT = 440
"""The visitor's picture keeps at least this width before the side column goes above the
offer."""


class CallView(QWidget):
    """One call in progress. `hang_up_requested` is handled by the page that owns the desk."""

    hang_up_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: CallModel | None = None
        self.stage = VideoStage(self)
        self.consent_panel = ConsentPanel(self)
        self.offer_panel = OfferPanel(self)
        self.offer_panel.setMinimumWidth(400)

        self.timer_label = QLabel("0:00", self)
        font = self.timer_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.timer_label.setFont(font)
        self.mute_button = QPushButton(self.tr("Mute"), self)
        self.mute_button.setCheckable(True)
        self.camera_button = QPushButton(self.tr("Camera off"), self)
        self.camera_button.setCheckable(True)
        self.hang_up_button = QPushButton(self.tr("Hang up"), self)
        set_destructive(self.hang_up_button)
        self.mute_button.setToolTip(self.tr("Mute your microphone (Ctrl+M)"))
        self.camera_button.setToolTip(self.tr("Switch your camera off (Ctrl+E)"))
        self.hang_up_button.setToolTip(self.tr("End the call for both sides"))
        self.mute_button.setIcon(action_icon("mute"))
        self.camera_button.setIcon(action_icon("camera"))
        self.hang_up_button.setIcon(action_icon("hang_up"))
        described(
            QShortcut(QKeySequence("Ctrl+M"), self, self.mute_button.click),
            self.tr("Mute or unmute your microphone in a call"),
        )
        described(
            QShortcut(QKeySequence("Ctrl+E"), self, self.camera_button.click),
            self.tr("Switch your camera off or on in a call"),
        )
        self.mute_button.toggled.connect(self._mute)
        self.camera_button.toggled.connect(self._camera)
        self.hang_up_button.clicked.connect(self.hang_up_requested.emit)

        # While the recorder writes, and only then (the consent panel says what was agreed).
        self.recording_badge = QLabel(self)
        self.recording_badge.setObjectName("recordingBadge")
        _badge(self.recording_badge, "\u25cf " + self.tr("Recording"), "danger")
        self.recording_badge.setAccessibleName(self.tr("This call is being recorded"))
        self.recording_badge.hide()

        # One row on a wide view; on a narrow one the timer and the badge go above the buttons,
        # which then keep their whole text (longer in Dutch) without widening the window.
        call_state = QHBoxLayout()
        call_state.addWidget(self.timer_label)
        call_state.addSpacing(12)
        call_state.addWidget(self.recording_badge)
        call_state.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.mute_button)
        buttons.addWidget(self.camera_button)
        buttons.addStretch(1)
        buttons.addWidget(self.hang_up_button)
        self.controls = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.controls.addLayout(call_state)
        self.controls.addLayout(buttons, 1)

        self.quality_box = QGroupBox(self.tr("Connection quality"), self)
        quality_form = QFormLayout(self.quality_box)
        self.rtt_label = QLabel("\u2013", self)
        self.loss_label = QLabel("\u2013", self)
        self.bitrate_label = QLabel("\u2013", self)
        self.media_label = QLabel(self)
        self.speaker_label = QLabel("\u2013", self)
        self.speaker_label.setWordWrap(True)
        quality_form.addRow(self.tr("Round trip"), self.rtt_label)
        quality_form.addRow(self.tr("Packet loss"), self.loss_label)
        quality_form.addRow(self.tr("Incoming"), self.bitrate_label)
        quality_form.addRow(self.tr("Media"), self.media_label)
        quality_form.addRow(self.tr("Speaker"), self.speaker_label)

        self.call_info = QLabel(self)
        self.call_info.setWordWrap(True)
        self.peer_note = QLabel(self)
        self.peer_note.setWordWrap(True)
        set_tone(self.peer_note, "warning", bold=True)
        self.peer_note.hide()

        # Visitors see the clerk's picture; the clerk should not find out from them that it is
        # the test pattern (no camera chosen or found).
        self.test_pattern_note = QLabel(
            "\u26a0 " + self.tr("You are sending a test pattern, not your camera."), self
        )
        self.test_pattern_note.setObjectName("testPatternNote")
        self.test_pattern_note.setWordWrap(True)
        set_tone(self.test_pattern_note, "warning", bold=True)
        self.test_pattern_note.hide()

        side = QVBoxLayout()
        side.addWidget(self.call_info)
        side.addWidget(self.consent_panel)
        side.addWidget(self.quality_box)
        side.addWidget(self.peer_note)
        side.addStretch(1)
        self.side = QWidget(self)
        self.side.setLayout(side)
        # The offer and the side column beside each other on a wide window; on a narrow one
        # the side column (the consent first) above the offer, scrolled when too low.
        self.details = QWidget(self)
        self.details_layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self.details)
        self.details_layout.setContentsMargins(0, 0, 0, 0)
        self.details_layout.addWidget(self.offer_panel, 1)
        self.details_layout.addWidget(self.side)
        self.details_scroll = vertical_scroll(self.details, self)

        left = QVBoxLayout()
        left.addWidget(self.stage, 1)
        left.addWidget(self.test_pattern_note)
        left.addLayout(self.controls)
        self.main_layout = QHBoxLayout(self)
        self.main_layout.addLayout(left, 3)
        self.main_layout.addWidget(self.details_scroll, 2)
        self.wide = False
        self._set_wide(True)

    # ---- reflow ------------------------------------------------------------------------------

    def _set_wide(self, wide: bool) -> None:
        self.wide = wide
        self.controls.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )
        if wide:
            self.details_layout.setDirection(QBoxLayout.Direction.LeftToRight)
            self.side.setFixedWidth(SIDE_WIDTH)
        else:
            self.details_layout.setDirection(QBoxLayout.Direction.BottomToTop)
            self.side.setMinimumWidth(0)
            self.side.setMaximumWidth(_UNBOUNDED)
        keep_width(self.details_scroll)

    def _wide_from(self) -> int:
        """The view's width from which the side column fits beside the offer."""
        margins = self.main_layout.contentsMargins()
        spacing = self.main_layout.spacing() + self.details_layout.spacing()
        scrollbar = self.details_scroll.verticalScrollBar().sizeHint().width()
        fixed = margins.left() + margins.right() + spacing + scrollbar
        return STAGE_COMFORT + self.offer_panel.minimumWidth() + SIDE_WIDTH + fixed

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = event.size().width() >= self._wide_from()
        if wide != self.wide:
            self._set_wide(wide)

    # ---- binding -----------------------------------------------------------------------------

    def bind(self, model: CallModel) -> None:
        self.model = model
        self.stage.remote.clear(self.tr("Connecting to the visitor\u2026"))
        self.stage.local.clear(self.tr("Your camera"))
        self.consent_panel.clear()
        self.mute_button.setChecked(False)
        self.camera_button.setChecked(False)
        self.hang_up_button.setEnabled(True)
        self.timer_label.setText(model.elapsed_text)
        self.call_info.setText(self.tr("Call reference <b>%1</b>").replace("%1", model.reference))
        self._show_quality(None)
        self._show_connection(model.connection.value)
        self.peer_note.hide()
        model.remoteFrame.connect(self.stage.remote.set_frame)
        model.localFrame.connect(self._local_frame)
        model.elapsedChanged.connect(lambda _s: self.timer_label.setText(model.elapsed_text))
        model.qualityChanged.connect(self._show_quality)
        model.connectionChanged.connect(self._show_connection)
        model.consentChanged.connect(self._consent_changed)
        model.recordingChanged.connect(self._recording)
        model.peerLostChanged.connect(self._peer_lost)
        model.testPatternChanged.connect(self.test_pattern_note.setVisible)
        self.test_pattern_note.setVisible(model.sending_test_pattern)
        self._recording(model.recording_active)
        for choice in model.consent.choices.values():
            self.consent_panel.show_choice(choice)

    def _recording(self, active: bool) -> None:
        self.consent_panel.set_recording(active)
        self.recording_badge.setVisible(active)

    def _local_frame(self, frame: object) -> None:
        if self.model is not None and not self.model.camera_on:
            return
        self.stage.local.set_frame(frame)  # type: ignore[arg-type]

    def _consent_changed(self, names: list[str]) -> None:
        if self.model is None:
            return
        for name in names:
            choice = self.model.consent.choices.get(name)
            if choice is not None:
                self.consent_panel.show_choice(choice)

    def _mute(self, muted: bool) -> None:
        self.mute_button.setText(self.tr("Unmute") if muted else self.tr("Mute"))
        if self.model is not None:
            self.model.set_muted(muted)

    def _camera(self, off: bool) -> None:
        self.camera_button.setText(self.tr("Camera on") if off else self.tr("Camera off"))
        if self.model is not None:
            self.model.set_camera_on(not off)
        if off:
            self.stage.local.clear(self.tr("Camera off"))

    def _show_quality(self, quality: object) -> None:
        if not isinstance(quality, CallQuality):
            for label in (self.rtt_label, self.loss_label, self.bitrate_label):
                label.setText("\u2013")
            return
        rtt = quality.round_trip_time_ms
        loss = quality.packet_loss_fraction
        rate = quality.inbound_bitrate_kbps
        self.rtt_label.setText(
            self.tr("%1 ms").replace("%1", f"{rtt:.0f}") if rtt is not None else "\u2013"
        )
        self.loss_label.setText(
            f"{rounded_percent(loss, places=1)} %" if loss is not None else "\u2013"
        )
        self.bitrate_label.setText(
            self.tr("%1 kbit/s").replace("%1", f"{rate:.0f}") if rate is not None else "\u2013"
        )

    def _show_connection(self, state: str) -> None:
        texts = {
            "new": self.tr("starting"),
            "connecting": self.tr("connecting"),
            "connected": self.tr("connected"),
            "failed": self.tr("failed \u2013 trying again"),
            "no_relay": self.tr("no relay \u2013 the TURN server is unreachable or refused access"),
            "closed": self.tr("closed"),
        }
        self.media_label.setText(texts.get(state, state))

    def show_speaker(self, state: str, device: str = "") -> None:
        """Where the visitor's voice plays: a SpeakerState value and the device's name."""
        if state == "playing":
            text = device or self.tr("System default output")
            set_tone(self.speaker_label, "")
        elif state == "no_device":
            text = self.tr("no speaker found")
            set_tone(self.speaker_label, "warning")
        elif state == "failed":
            text = self.tr("the speaker failed")
            set_tone(self.speaker_label, "danger")
        else:
            text = "\u2013"
            set_tone(self.speaker_label, "")
        self.speaker_label.setText(text)

    def _peer_lost(self, lost: bool) -> None:
        self.peer_note.setText(
            self.tr("The visitor's connection dropped. Waiting for them to come back\u2026")
        )
        self.peer_note.setVisible(lost)


class WrapUpPanel(QWidget):
    """After the call: outcome and a note, then the clerk is available again."""

    finished = Signal(str, str)  # outcome, note

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.reason = QLabel(self)
        self.reason.setWordWrap(True)
        self.outcome_combo = QComboBox(self)
        labels = {
            "resolved": self.tr("Question answered"),
            "offer_sent": self.tr("Offer made"),
            "follow_up": self.tr("Needs a follow-up"),
            "not_interested": self.tr("Not interested"),
            "technical_problem": self.tr("Technical problem"),
            "other": self.tr("Other"),
        }
        for code in OUTCOMES:
            self.outcome_combo.addItem(labels[code], code)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setPlaceholderText(
            self.tr("What was the call about? What is the next step?")
        )
        self.warning = QLabel(
            "\u26a0 "
            + self.tr(
                "Do not type personal data in the note: no names, e-mail addresses, phone "
                "numbers, addresses or account numbers. The visitor is anonymous; refer to "
                "the call reference instead."
            ),
            self,
        )
        self.warning.setWordWrap(True)
        self.warning.setObjectName("personalDataWarning")
        set_notice(self.warning, "warning")
        self.found = QLabel(self)
        self.found.setWordWrap(True)
        set_tone(self.found, "danger", bold=True)
        self.found.hide()
        self.counter = QLabel(self)
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.done_button = QPushButton(self.tr("Finish wrap-up and become available"), self)
        self.done_button.setDefault(True)
        self.done_button.setToolTip(self.tr("Ctrl+Return"))
        self.done_button.clicked.connect(self.finish)
        self.done_button.setIcon(action_icon("wrap_up"))
        described(
            QShortcut(QKeySequence("Ctrl+Return"), self, self.finish),
            self.tr("Finish the wrap-up and become available"),
        )
        self.note_edit.textChanged.connect(self._check_note)

        form = QFormLayout()
        form.addRow(self.tr("Outcome"), self.outcome_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.reason)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Note"), self))
        layout.addWidget(self.warning)
        layout.addWidget(self.note_edit, 1)
        layout.addWidget(self.found)
        layout.addWidget(self.counter)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)
        layout.addLayout(buttons)
        self.call_id = ""
        self._confirmed_personal = False

    def start(self, call_id: str, reference: str, reason: str) -> None:
        self.call_id = call_id
        self.title.setText(self.tr("Wrap up call %1").replace("%1", reference))
        reasons = {
            "hangup": self.tr("You ended the call."),
            "peer_left": self.tr("The visitor ended the call."),
            "peer_lost": self.tr("The visitor's connection was lost."),
            "failed": self.tr("The call failed."),
        }
        self.reason.setText(reasons.get(reason, self.tr("The call has ended.")))
        self.outcome_combo.setCurrentIndex(0)
        self.note_edit.clear()
        self.found.hide()
        self.done_button.setEnabled(True)
        self._confirmed_personal = False
        self.note_edit.setFocus()

    def _check_note(self) -> None:
        note = self.note_edit.toPlainText()
        self.counter.setText(f"{len(note)} / {NOTE_MAX_LENGTH}")
        kinds = personal_data_kinds(note)
        self._confirmed_personal = False
        if kinds:
            names = {
                "email": self.tr("an e-mail address"),
                "phone": self.tr("a phone number"),
                "iban": self.tr("a bank account number"),
            }
            self.found.setText(
                self.tr("The note seems to contain %1. Remove it before you finish.").replace(
                    "%1", QLocale().createSeparatedList([names[k] for k in kinds])
                )
            )
        self.found.setVisible(bool(kinds))

    def finish(self) -> None:
        if not self.done_button.isEnabled() or not self.isVisible():
            return
        note = self.note_edit.toPlainText().strip()
        if len(note) > NOTE_MAX_LENGTH:
            self.found.setText(
                self.tr("The note is too long: at most %1 characters.").replace(
                    "%1", str(NOTE_MAX_LENGTH)
                )
            )
            self.found.show()
            return
        if personal_data_kinds(note) and not self._confirmed_personal:
            # One more click saves anyway: the check can be wrong (an order number, say).
            self._confirmed_personal = True
            self.found.setText(
                self.found.text() + " " + self.tr("Click again to save the note as it is.")
            )
            return
        self.done_button.setEnabled(False)
        self.finished.emit(str(self.outcome_combo.currentData()), note)


class Separator(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.HLine)
        self.setFrameShadow(QFrame.Shadow.Sunken)

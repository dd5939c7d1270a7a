"""The "Calls" tab: the queue, the call in progress, and the wrap-up, one at a time."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from pydantic import BaseModel
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from clerk_app.call.model import CallModel
from clerk_app.call.session import CallSession
from clerk_app.call.speaker import Speaker
from clerk_app.call.view import CallView, WrapUpPanel
from clerk_app.errors import ServerUnreachable, ServiceError
from clerk_app.offers.model import OfferModel
from clerk_app.offers.service import OfferBackend
from clerk_app.queue.desk import ConsentView
from clerk_app.queue.model import DeskModel, QueueTableModel
from clerk_app.queue.view import PresenceSwitch, QueuePanel
from clerk_app.settings.device_model import DeviceStatus
from clerk_app.shell.alert import VisitorAlert
from clerk_app.shell.banner import Banner
from clerk_app.shell.errors import describe
from clerk_app.shell.tasks import Tasks
from videoclerk_protocol import messages as p


class CallsPage(QWidget):
    settings_requested = Signal()

    def __init__(self, desk: DeskModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.tasks = Tasks(on_error=self.show_error)
        self.call_model: CallModel | None = None
        # The visitor's voice: one Speaker per call, on the output the clerk chose.
        self.speaker_device = ""  # a SpeakerDevice id; "" = the system default
        self.make_speaker: Callable[[str], Speaker] = lambda device: Speaker(device, parent=self)
        self.speaker: Speaker | None = None
        self._last_call: tuple[str, str] | None = None  # call id, reference
        self._taking: asyncio.Task[None] | None = None
        # The offer of the call on screen; the main window hands in the server's offers.
        self.offers: OfferBackend | None = None
        self.offer_model: OfferModel | None = None

        self.alert = VisitorAlert(desk, self)
        self.presence = PresenceSwitch(self)
        self.presence.requested.connect(self.set_presence)
        # What the visitor will get when that is not the clerk's camera and voice: shown
        # before the clerk goes available, as long as it holds.
        self.media_warning = Banner(self)
        self.device_status: DeviceStatus | None = None
        self.banner = Banner(self)
        self.queue_model = QueueTableModel(desk, self)
        self.queue_panel = QueuePanel(self.queue_model, self)
        self.queue_panel.take_next.connect(lambda: self.take(None))
        self.queue_panel.take_selected.connect(self.take)
        self.call_view = CallView(self)
        self.call_view.hang_up_requested.connect(self.hang_up)
        self.wrap_up = WrapUpPanel(self)
        self.wrap_up.finished.connect(self.finish_wrap_up)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.queue_panel)
        self.stack.addWidget(self.call_view)
        self.stack.addWidget(self.wrap_up)

        top = QHBoxLayout()
        top.addWidget(self.presence)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.media_warning)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)

        desk.presenceChanged.connect(self._presence)
        desk.linkChanged.connect(self._presence)
        desk.callStarted.connect(self._call_started)
        desk.callEnded.connect(self._call_ended)
        desk.consentChanged.connect(self._consent)
        desk.peerChanged.connect(self._peer)
        desk.serverError.connect(self._server_error)
        desk.desk.connection.add_message_listener(self._offer_message)
        self._presence()
        if desk.call is not None:
            self._call_started(desk.call)

    # ---- camera and microphone --------------------------------------------------------------

    def bind_devices(self, status: DeviceStatus) -> None:
        self.device_status = status
        status.changed.connect(self._show_media_warning)
        self._show_media_warning()

    def _show_media_warning(self) -> None:
        status = self.device_status
        if status is None:
            return
        camera = {
            "no_camera": self.tr(
                "No camera found: visitors will see a test pattern instead of you. Connect a "
                "camera, then choose it in Settings."
            ),
            "test_pattern": self.tr(
                "No camera chosen: visitors will see a test pattern instead of you. Choose "
                "your camera in Settings."
            ),
            "missing": self.tr(
                "Your camera (%1) is not connected: calls cannot start until you connect it "
                "or choose another camera in Settings."
            ),
        }
        microphone = {
            "test_tone": self.tr(
                "No microphone chosen: visitors will hear a test tone instead of you. Choose "
                "your microphone in Settings."
            ),
            "missing": self.tr(
                "Your microphone (%1) is not connected: calls cannot start until you connect "
                "it or choose another microphone in Settings."
            ),
        }
        lines = [
            camera.get(status.camera_state, "").replace("%1", status.camera),
            microphone.get(status.microphone_state, "").replace("%1", status.microphone),
        ]
        text = "\n".join(line for line in lines if line)
        if not text:
            self.media_warning.dismiss()
            return
        self.media_warning.show_message(
            "warning",
            text,
            action=self.tr("Settings\u2026"),
            on_action=self.settings_requested.emit,
            closable=False,
        )

    # ---- presence and taking -----------------------------------------------------------------

    def _presence(self, _changed: str = "") -> None:
        state = self.desk.shown_presence
        self.presence.show_state(state)
        self.queue_panel.set_can_take(state == "available" and self.desk.call is None)
        if state == "available" and self.stack.currentWidget() is self.wrap_up:
            self.stack.setCurrentWidget(self.queue_panel)

    def set_presence(self, state: str) -> None:
        self.tasks.run(self.desk.desk.set_presence(state))

    def take(self, call_id: str | None) -> None:
        # Only a take in progress blocks another: a hang-up still releasing the last call's
        # media must not swallow the click.
        if (self._taking is not None and not self._taking.done()) or self.desk.call is not None:
            return
        self.banner.dismiss()
        self.queue_panel.set_can_take(False)
        self._taking = self.tasks.run(self._take(call_id))

    async def _take(self, call_id: str | None) -> None:
        try:
            await self.desk.desk.take(call_id)
        finally:
            self.queue_panel.set_can_take(
                self.desk.presence == "available" and self.desk.call is None
            )

    # ---- the call ----------------------------------------------------------------------------

    def _call_started(self, session: object) -> None:
        assert isinstance(session, CallSession)
        if self.call_model is not None:
            self._stop_speaker()
            self.call_model.stop()
        model = CallModel(session, self)
        self.call_model = model
        self._last_call = (session.call_id, session.assigned.reference)
        model.update_consent(self.desk.consent)
        self.call_view.bind(model)
        self._open_offer(session.call_id)
        self._start_speaker(model)
        self.stack.setCurrentWidget(self.call_view)
        self.queue_panel.set_can_take(False)

    def _open_offer(self, call_id: str) -> None:
        """The call's offer, from the server: new, or the draft it kept (an app restart)."""
        self._close_offer()
        if self.offers is None:
            return
        self.offer_model = OfferModel(self.offers, self)
        self.call_view.offer_panel.bind(self.offer_model)
        self.offer_model.open(call_id)

    def _close_offer(self) -> None:
        model, self.offer_model = self.offer_model, None
        self.call_view.offer_panel.clear()
        if model is not None:
            self.tasks.run(model.close())

    def _offer_message(self, message: BaseModel) -> None:
        if self.offer_model is not None:
            self.offer_model.on_message(message)

    def _start_speaker(self, model: CallModel) -> None:
        self._stop_speaker()
        speaker = self.make_speaker(self.speaker_device)
        self.speaker = speaker
        speaker.stateChanged.connect(
            lambda state: self.call_view.show_speaker(state, speaker.device_name)
        )
        model.remoteAudio.connect(speaker.play)
        speaker.start()
        self.call_view.show_speaker(speaker.state.value, speaker.device_name)

    def _stop_speaker(self) -> None:
        speaker, self.speaker = self.speaker, None
        if speaker is None:
            return
        if self.call_model is not None:
            self.call_model.remoteAudio.disconnect(speaker.play)
        speaker.stop()
        speaker.deleteLater()

    def set_speaker_device(self, device: str) -> None:
        """The clerk chose another output: used from now on, also in a call in progress."""
        if device == self.speaker_device:
            return
        self.speaker_device = device
        if self.call_model is not None and self.speaker is not None:
            self._start_speaker(self.call_model)

    def set_alerts(self, *, sound: bool, notification: bool) -> None:
        """Which alerts the clerk wants when a visitor starts waiting."""
        self.alert.sound_on = sound
        self.alert.notification_on = notification

    def _consent(self, view: object) -> None:
        if self.call_model is not None and isinstance(view, ConsentView):
            self.call_model.update_consent(view)

    def _peer(self, lost: bool) -> None:
        if self.call_model is not None:
            self.call_model.set_peer_lost(lost)

    def hang_up(self) -> None:
        self.call_view.hang_up_button.setEnabled(False)
        self.tasks.run(self._hang_up())

    async def _hang_up(self) -> None:
        call = self.desk.call
        try:
            await self.desk.desk.hang_up()
            # The server's "ended" closes the call here; it comes at once when the link is up.
            for _ in range(50):
                if self.desk.call is not call:
                    return
                await asyncio.sleep(0.1)
        except ServerUnreachable:
            pass
        if self.desk.call is call and call is not None:
            self.call_view.hang_up_button.setEnabled(True)
            self.banner.show_message(
                "warning",
                self.tr(
                    "The server has not confirmed the hang-up yet. The media has stopped; "
                    "click Hang up again once the connection is back."
                ),
            )

    def _call_ended(self, ended: object) -> None:
        if self.banner.kind == "warning":
            self.banner.dismiss()  # an unconfirmed hang-up is confirmed now
        self._stop_speaker()
        self._close_offer()
        model, self.call_model = self.call_model, None
        if model is not None:
            model.stop()
        self.call_view.stage.remote.clear()
        self.call_view.stage.local.clear()
        if isinstance(ended, p.Ended) and ended.reason == "unanswered":
            self._unanswered()
            return
        if isinstance(ended, p.Ended):
            call_id, reference, reason = ended.call_id, ended.reference, ended.reason
        elif self._last_call is not None:
            call_id, reference = self._last_call
            reason = "hangup"
        else:
            self.stack.setCurrentWidget(self.queue_panel)
            return
        self.wrap_up.start(call_id, reference, reason)
        self.stack.setCurrentWidget(self.wrap_up)

    def _unanswered(self) -> None:
        """The visitor never answered our offer (a closed page, a lost network): there was no
        conversation to wrap up, so straight back to the queue for the next visitor."""
        self._last_call = None
        self.stack.setCurrentWidget(self.queue_panel)
        self._presence()
        self.banner.show_message(
            "info",
            self.tr("The visitor did not answer. You can take the next visitor."),
        )

    def finish_wrap_up(self, outcome: str, note: str) -> None:
        call_id = self.wrap_up.call_id
        self.tasks.run(self._finish_wrap_up(call_id, outcome, note))

    async def _finish_wrap_up(self, call_id: str, outcome: str, note: str) -> None:
        try:
            await self.desk.desk.wrap_up(call_id=call_id, outcome=outcome, note=note)
        except BaseException:
            self.wrap_up.done_button.setEnabled(True)
            raise
        self._last_call = None
        self.stack.setCurrentWidget(self.queue_panel)

    # ---- errors ------------------------------------------------------------------------------

    def _server_error(self, code: str, message: str, in_reply_to: str) -> None:
        if in_reply_to in ("take", "auth"):
            return  # the take shows its own refusal; the app handles a refused session
        if in_reply_to == "wrap_up":
            self.wrap_up.done_button.setEnabled(True)
            self.stack.setCurrentWidget(self.wrap_up)
        self.banner.show_message("error", describe(ServiceError(code, message)))

    def show_error(self, error: BaseException) -> None:
        self.banner.show_message("error", describe(error))

    def close_page(self) -> None:
        self.tasks.cancel()
        self._stop_speaker()
        if self.call_model is not None:
            self.call_model.stop()

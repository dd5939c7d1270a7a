"""The app controller: log-in, the main window, log-out, settings, quitting.

Owns the service objects (AccountService per server, ClerkDesk per session) and switches
between the log-in window and the main window. Everything runs on the one asyncio loop that
qasync drives inside Qt's event loop; nothing here blocks.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from clerk_app.account.token_store import TokenStore
from clerk_app.account.view import LoginWindow
from clerk_app.errors import ServerUnreachable, ServiceError
from clerk_app.server_address import ServerAddress
from clerk_app.settings.config import AppConfig, system_config_path
from clerk_app.settings.effective import Effective, effective
from clerk_app.settings.preferences import Preferences, open_tracks_for
from clerk_app.settings.store import PreferenceStore
from clerk_app.shell.errors import describe
from clerk_app.shell.i18n import install_translators, resolve_language
from clerk_app.shell.tasks import Tasks
from clerk_app.shell.theme import apply_theme

if TYPE_CHECKING:
    # Loaded when first needed, so that the log-in window shows without waiting for the
    # media core (aiortc), the HTTP client and the socket.
    from clerk_app.account.service import AccountService, Session
    from clerk_app.media.sources import LocalTracks, MediaSourceChoice
    from clerk_app.queue.connection import Clock
    from clerk_app.queue.desk import ClerkDesk
    from clerk_app.queue.model import DeskModel
    from clerk_app.recording.model import UploadsModel
    from clerk_app.recording.runtime import RecordingRuntime
    from clerk_app.recording.uploader import Uploads
    from clerk_app.settings.device_model import DeviceStatus, MediaDevices
    from clerk_app.shell.main_window import MainWindow

log = logging.getLogger(__name__)
SESSION_ENDED_CODES = ("session_expired", "not_authenticated", "organisation_closed")


class ClerkApp(QObject):
    def __init__(
        self,
        qapp: QApplication,
        *,
        preferences: PreferenceStore,
        tokens: TokenStore,
        config: AppConfig | None = None,
        server: str | None = None,
        resume: bool = True,
        reconnect_delay: float = 0.5,  # the backoff's base: the first retry within this
        reconnect_clock: Clock | None = None,  # ends the reconnect grace; the loop's if None
        exit_when_shown: bool = False,
        data_dir: Path | None = None,  # the app's own files; the platform's place if None
        devices: MediaDevices | None = None,  # cameras and microphones; Qt's if None
        log_file: Path | None = None,  # where setup_logging writes (for About)
    ) -> None:
        super().__init__()
        self.qapp = qapp
        self.store = preferences
        self.preferences: Preferences = preferences.load()
        self.tokens = tokens
        self.config = config or AppConfig()
        self._server_override = server
        self._resume = resume
        self._reconnect_delay = reconnect_delay
        self._reconnect_clock = reconnect_clock
        self._exit_when_shown = exit_when_shown
        self.tasks = Tasks(on_error=self._background_error)
        self.login_window: LoginWindow | None = None
        self.main_window: MainWindow | None = None
        self.settings_dialog: QWidget | None = None
        self.session: Session | None = None
        self.desk: ClerkDesk | None = None
        self.desk_model: DeskModel | None = None
        self.language = "en"
        self.data_dir = data_dir or Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
        )
        self.recordings: RecordingRuntime | None = None  # from the first log-in on
        self.uploads_model: UploadsModel | None = None
        self._uploads_of_model: Uploads | None = None
        self._accounts: dict[ServerAddress, AccountService] = {}
        self._done: asyncio.Future[int] | None = None
        self._shown_once = False
        self._devices = devices
        self.device_status: DeviceStatus | None = None
        self.log_file = log_file
        self.about_dialog: QWidget | None = None

    # ---- start and stop ----------------------------------------------------------------------

    @property
    def settings(self) -> Effective:
        """What holds now: config files, the clerk's choices, --server, locks
        (`settings.effective`)."""
        return effective(self.config, self.preferences, server_flag=self._server_override)

    @property
    def initial_server(self) -> str:
        return self.settings.server

    def start(self) -> None:
        """Apply theme and language, then show the log-in window (or resume a session)."""
        self._done = asyncio.get_event_loop().create_future()
        self._apply_looks()
        self._speak()
        server = self.initial_server
        if self._resume and server:
            self.tasks.run(self._try_resume(server))
        else:
            self.show_login()

    async def run(self) -> int:
        """Run until the clerk quits; returns the exit status."""
        self.start()
        assert self._done is not None
        try:
            return await self._done
        finally:
            await self.shutdown()

    def quit(self, status: int = 0) -> None:
        if self._done is not None and not self._done.done():
            self._done.set_result(status)

    async def shutdown(self) -> None:
        """Hang up, close the socket and HTTP clients; keeps the session for the next start
        when a keyring holds it, otherwise ends it on the server."""
        self.tasks.cancel()
        for dialog in (self.settings_dialog, self.about_dialog):
            if dialog is not None:
                dialog.close()
        session, self.session = self.session, None
        await self._close_desk(hang_up=True)
        if session is not None and not self.tokens.persistent:
            with contextlib.suppress(ServiceError):
                await self._accounts_for_address(session.server).log_out(session)
        for window in (self.login_window, self.main_window):
            if window is not None:
                window.hide()
                window.deleteLater()
        self.login_window = None
        self.main_window = None
        for accounts in self._accounts.values():
            await accounts.close()
        self._accounts.clear()

    def _apply_looks(self) -> None:
        """The theme at once; the language only for windows made from now on (`_speak`)."""
        settings = self.settings
        apply_theme(self.qapp, settings.theme)
        self.language = resolve_language(settings.language)

    def _speak(self) -> None:
        """Install the chosen language's translations, just before a new window is made.

        At the start, and as the main window comes and goes; never while it is open: only
        some of its parts (the admin and supervisor panels, Qt's own buttons) would turn to the
        new language, the rest keeping the old. A log-in window open meanwhile keeps its
        language too. Settings say so: a new language applies when the clerk next logs in or
        out, or starts the app again.
        """
        install_translators(self.qapp, self.language)

    def _background_error(self, error: BaseException) -> None:
        log.error("background task failed", exc_info=error)
        if self.login_window is not None:
            self.login_window.show_error(error)
        elif self.main_window is not None:
            self.main_window.calls_page.show_error(error)

    def _first_shown(self) -> None:
        if self._shown_once:
            return
        self._shown_once = True
        if self._exit_when_shown:

            def report() -> None:
                print("videoclerk: first window shown", flush=True)
                self.quit(0)

            QTimer.singleShot(0, report)

    # ---- services ----------------------------------------------------------------------------

    def accounts_for(self, server_text: str) -> AccountService:
        settings = self.settings
        if "server" in settings.locked:
            server_text = settings.server
        address = ServerAddress.parse(server_text, ca_file=settings.ca_file, proxy=settings.proxy)
        return self._accounts_for_address(address)

    def _accounts_for_address(self, address: ServerAddress) -> AccountService:
        from clerk_app.account.service import AccountService

        accounts = self._accounts.get(address)
        if accounts is None:
            accounts = AccountService(address)
            self._accounts[address] = accounts
        return accounts

    @property
    def token_storage(self) -> str:
        return "keyring" if self.tokens.persistent else "memory"

    def _open_tracks(self, _choice: MediaSourceChoice) -> LocalTracks:
        return open_tracks_for(self.preferences)

    # ---- log-in ------------------------------------------------------------------------------

    def show_login(self, message: str | None = None, kind: str = "info") -> LoginWindow:
        if self.login_window is None:
            window = LoginWindow(
                self,
                server=self.initial_server,
                email=self.preferences.last_email,
                server_locked_by=self.config.locked_by.get("server"),
            )
            window.closed.connect(self._login_closed)
            window.settings_requested.connect(self.open_settings)
            window.about_requested.connect(self.show_about)
            self.login_window = window
        window = self.login_window
        if message:
            window.banner.show_message(kind, message)
        window.show()
        window.raise_()
        self._first_shown()
        return window

    def _login_closed(self) -> None:
        self.login_window = None
        if self.main_window is None:
            self.quit(0)

    async def _try_resume(self, server: str) -> None:
        try:
            accounts = self.accounts_for(server)
        except ValueError:
            self.show_login()
            return
        token = await self.tokens.load(accounts.server.base_url)
        if not token:
            self.show_login()
            return
        try:
            user = await accounts.me(token)
        except ServerUnreachable as exc:
            self.show_login(describe(exc), "error")
            return
        except ServiceError:
            await self.tokens.forget(accounts.server.base_url)
            self.show_login(self.tr("Your last session has ended. Log in again."))
            return
        from clerk_app.account.service import Session

        await self._open_main(Session(accounts.server, token, "", user))

    async def log_in(
        self, server_text: str, email: str, password: str, accepted_policy_version: str | None
    ) -> None:
        accounts = self.accounts_for(server_text)
        session = await accounts.log_in(
            email, password, accepted_policy_version=accepted_policy_version
        )
        self.preferences = self.preferences.with_changes(last_email=email)
        if "server" not in self.config.locked:  # a locked server is no choice of the clerk's
            self.preferences = self.preferences.with_changes(server_url=accounts.server.base_url)
        self.store.save(self.preferences)
        await self.tokens.save(accounts.server.base_url, session.token)
        await self._open_main(session)

    async def _open_main(self, session: Session) -> None:
        from clerk_app.queue.backoff import reconnect_delay
        from clerk_app.queue.connection import ClerkConnection
        from clerk_app.queue.desk import ClerkDesk
        from clerk_app.queue.model import DeskModel
        from clerk_app.shell.main_window import MainWindow

        base = self._reconnect_delay
        connection = ClerkConnection(
            session.server,
            session.token,
            backoff=lambda n: reconnect_delay(n, base=base),
            clock=self._reconnect_clock,
        )
        desk = ClerkDesk(connection, open_tracks=self._open_tracks)
        if self.recordings is None:
            from clerk_app.recording.runtime import RecordingRuntime

            self.recordings = RecordingRuntime()
        uploads = self.recordings.open(
            desk,
            server_url=session.server.base_url,
            token=session.token,
            verify=str(session.server.ca_file) if session.server.ca_file else True,
            proxy=session.server.proxy,
            spool_root=self.spool_root,
            data_dir=self.data_dir,
        )
        try:
            await desk.start()
        except BaseException:
            await desk.close()
            await self.recordings.close()
            raise
        self.session = session
        self.desk = desk
        log.info("logged in to %s as %s", session.server.base_url, session.user.role)
        self.desk_model = DeskModel(desk, self)
        self.desk_model.linkChanged.connect(self._link_changed)
        self._speak()
        window = MainWindow(
            session,
            self.desk_model,
            self._accounts_for_address(session.server),
            uploads=self._uploads_model_for(uploads),
        )
        window.log_out_requested.connect(self.log_out)
        window.settings_requested.connect(self.open_settings)
        window.reconnect_requested.connect(self.reconnect)
        window.quit_requested.connect(self._quit_from_main)
        window.about_requested.connect(self.show_about)
        window.calls_page.bind_devices(self._device_status())
        self._apply_to_calls_page(window, self.preferences)
        self.main_window = window
        window.show()
        self._first_shown()
        if self.login_window is not None:
            login, self.login_window = self.login_window, None
            login.hide()
            login.deleteLater()

    @property
    def spool_root(self) -> Path:
        """Where recordings wait for upload (one folder per server inside)."""
        chosen = self.preferences.spool_folder
        return Path(chosen).expanduser() if chosen else self.data_dir / "recordings"

    def _uploads_model_for(self, uploads: Uploads) -> UploadsModel:
        """The pending uploads' model: one per uploader, kept over log-ins to its server."""
        from clerk_app.recording.model import UploadsModel

        model = self.uploads_model
        if model is None or self._uploads_of_model is not uploads:
            if model is not None:
                model.deleteLater()
            model = UploadsModel(
                spool_bytes=uploads.spool.total_bytes,
                limit_bytes=self.preferences.spool_limit_bytes,
                parent=self,
            )
            self._uploads_of_model = uploads
            for status in list(uploads.statuses.values()):
                model.update(status)
            uploads.add_listener(model.update)
            self.uploads_model = model
        return model

    # ---- in the main window ------------------------------------------------------------------

    def _link_changed(self, state: str) -> None:
        desk = self.desk
        if state != "closed" or desk is None:
            return
        error = desk.state.last_error
        if error is not None and error.code in SESSION_ENDED_CODES:
            self.tasks.run(self._session_ended(ServiceError(error.code, error.message)))
        elif desk.connection.session_ended is not None:  # closed with CLOSE_UNAUTHORISED
            code = desk.connection.session_ended
            if code not in SESSION_ENDED_CODES:
                code = "not_authenticated"
            self.tasks.run(self._session_ended(ServiceError(code, "")))

    async def _session_ended(self, why: ServiceError) -> None:
        session, self.session = self.session, None
        await self._close_desk(hang_up=False)
        if session is not None:
            await self.tokens.forget(session.server.base_url)
        self._close_main()
        self.show_login(describe(why), "warning")  # in the log-in window's language

    def reconnect(self) -> None:
        desk = self.desk
        if desk is not None and desk.connection.state.value == "closed":
            self.tasks.run(desk.start())

    def log_out(self) -> None:
        window = self.main_window
        if window is None:
            return
        window.confirm_close(self._start_log_out)

    def _start_log_out(self) -> None:
        self.tasks.run(self._log_out())

    async def _log_out(self) -> None:
        session, self.session = self.session, None
        await self._close_desk(hang_up=True)
        if session is not None:
            with contextlib.suppress(ServiceError):
                await self._accounts_for_address(session.server).log_out(session)
            await self.tokens.forget(session.server.base_url)
        self._close_main()
        self.show_login(self.tr("You are logged out."))

    def _quit_from_main(self) -> None:
        self.quit(0)

    def _close_main(self) -> None:
        window, self.main_window = self.main_window, None
        if window is not None:
            window.calls_page.close_page()
            window.hide()
            window.deleteLater()
        self._speak()  # the log-in window that follows, and its message

    async def _close_desk(self, *, hang_up: bool) -> None:
        desk, self.desk = self.desk, None
        self.desk_model = None
        if desk is None:
            return
        if hang_up and desk.state.call is not None:
            with contextlib.suppress(Exception):
                await desk.hang_up()
        await desk.close()
        if self.recordings is not None:
            await self.recordings.close()

    # ---- devices, settings, about ------------------------------------------------------------

    def _media_devices(self) -> MediaDevices:
        if self._devices is None:
            from clerk_app.settings.device_model import QtMediaDevices

            self._devices = QtMediaDevices(self)
        return self._devices

    def _device_status(self) -> DeviceStatus:
        """What the visitor will get; one for the app, following devices and settings."""
        if self.device_status is None:
            from clerk_app.settings.device_model import DeviceStatus

            self.device_status = DeviceStatus(self._media_devices(), self.preferences, self)
        return self.device_status

    def _front_window(self) -> QWidget | None:
        return self.main_window or self.login_window

    def open_settings(self) -> None:
        from clerk_app.settings.view import SettingsDialog

        if self.settings_dialog is not None:
            self.settings_dialog.raise_()
            return
        from clerk_app.account.mail_choices import MailChoices

        session = self.session
        dialog = SettingsDialog(
            self.preferences,
            self._front_window(),
            spool_default=self.data_dir / "recordings",
            devices=self._media_devices(),
            config=self.config,
            mail=None
            if session is None
            else MailChoices(self._accounts_for_address(session.server), session.token),
        )
        dialog.saved.connect(self._settings_saved)
        dialog.finished.connect(self._settings_closed)
        self.settings_dialog = dialog
        dialog.open()

    def _settings_closed(self, _result: int) -> None:
        dialog, self.settings_dialog = self.settings_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def _settings_saved(self, preferences: object) -> None:
        assert isinstance(preferences, Preferences)
        self.preferences = preferences
        self.store.save(preferences)
        self._apply_looks()
        if self.device_status is not None:
            self.device_status.set_preferences(preferences)
        if self.uploads_model is not None:
            self.uploads_model.set_limit(preferences.spool_limit_bytes)
        if self.main_window is not None:
            self._apply_to_calls_page(self.main_window, preferences)

    @staticmethod
    def _apply_to_calls_page(window: MainWindow, preferences: Preferences) -> None:
        page = window.calls_page
        page.set_speaker_device(preferences.speaker)
        page.set_alerts(sound=preferences.alert_sound, notification=preferences.alert_notification)

    def show_about(self) -> None:
        from clerk_app import __version__
        from clerk_app.shell.about import AboutDialog, AboutInfo

        if self.about_dialog is not None:
            self.about_dialog.raise_()
            return
        info = AboutInfo(
            version=__version__,
            log_folder=self.log_file.parent if self.log_file is not None else None,
            config_files=self.config.files,
            system_config=Path(system_config_path()),
            locked=self.config.locked,
        )
        dialog = AboutDialog(info, self._front_window())
        dialog.finished.connect(self._about_closed)
        self.about_dialog = dialog
        dialog.open()

    def _about_closed(self, _result: int) -> None:
        dialog, self.about_dialog = self.about_dialog, None
        if dialog is not None:
            dialog.deleteLater()

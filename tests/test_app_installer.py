"""What installers and clerks see of devices and configuration, offscreen with real widgets:
the camera and microphone pickers following devices as they come and go, the warning in the
desk that the visitor will get the test pattern, locked settings, config errors (dialog and
stderr), the About dialog, and the proxy carrying the app's traffic to the real server."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import subprocess
import sys
from pathlib import Path

import httpx
import pytest
import qasync
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QLabel, QWidget

from clerk_app import __version__
from clerk_app.logs import LOG_DIR_ENV
from clerk_app.settings.config import SYSTEM_CONFIG_ENV, AppConfig, ConfigError, load_config
from clerk_app.settings.device_model import MediaDevices
from clerk_app.settings.devices import CameraInfo, MicrophoneInfo
from clerk_app.settings.preferences import Preferences
from clerk_app.settings.view import SettingsDialog
from clerk_app.shell.about import AboutDialog
from clerk_app.shell.errors import config_error_box
from clerk_app.shell.i18n import install_translators
from tests.accounts_helpers import STRONG_PASSWORD, add_user, new_email, new_org
from tests.certificates import self_signed
from tests.http_proxy import RecordingProxy
from tests.live_server import LiveServer
from tests.media_fixtures import eventually
from tests.qt_fixtures import (
    AppHarness,
    harness_fixture,
    log_in,
    login_window,
    qt_loop_fixture,
    run,
)

__all__ = ["harness_fixture", "qt_loop_fixture"]

LOCK_NOTE = "Locked by your administrator"
CAMERA = CameraInfo("/dev/video4", "HD Webcam C270", 0)
OTHER_CAMERA = CameraInfo("/dev/video6", "Document Camera", 1)
MICROPHONE = MicrophoneInfo("alsa_input.usb-046d_0825-02.mono", "HD Webcam C270 Mono", 0)


class FakeDevices(MediaDevices):
    """Cameras and microphones plugged in and out by the test (Linux names)."""

    def __init__(self) -> None:
        super().__init__(platform="linux")
        self.plugged_cameras: list[CameraInfo] = []
        self.plugged_microphones: list[MicrophoneInfo] = []

    def cameras(self) -> list[CameraInfo]:
        return list(self.plugged_cameras)

    def microphones(self) -> list[MicrophoneInfo]:
        return list(self.plugged_microphones)

    def plug(
        self, cameras: list[CameraInfo], microphones: list[MicrophoneInfo] | None = None
    ) -> None:
        self.plugged_cameras = cameras
        if microphones is not None:
            self.plugged_microphones = microphones
        self.changed.emit()


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def lock_notes(widget: QWidget) -> list[QLabel]:
    return [label for label in widget.findChildren(QLabel) if LOCK_NOTE in label.text()]


def items(combo: QComboBox) -> list[tuple[str, str]]:
    return [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]


def click_save(dialog: SettingsDialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    buttons.button(QDialogButtonBox.StandardButton.Save).click()


# ---- devices ------------------------------------------------------------------------------


def test_the_pickers_list_what_qt_lists_and_follow_devices_coming_and_going(
    qapp: QApplication,
) -> None:
    devices = FakeDevices()
    devices.plug([CAMERA], [MICROPHONE])
    dialog = SettingsDialog(Preferences(camera="/dev/video4"), devices=devices)
    assert items(dialog.camera_combo) == [
        ("Test pattern (built in)", "test"),
        ("HD Webcam C270", "/dev/video4"),
    ]
    assert dialog.camera_combo.currentData() == "/dev/video4"
    assert dialog.camera_note.isHidden()
    assert items(dialog.microphone_combo) == [
        ("Test tone (built in)", "test"),
        ("System default microphone", "default"),
        ("HD Webcam C270 Mono", "alsa_input.usb-046d_0825-02.mono"),
    ]
    # The camera is unplugged: the clerk's choice stays, marked; another one arrives.
    devices.plug([OTHER_CAMERA])
    assert items(dialog.camera_combo) == [
        ("Test pattern (built in)", "test"),
        ("Document Camera", "/dev/video6"),
        ("/dev/video4 (not connected)", "/dev/video4"),
    ]
    assert dialog.camera_combo.currentData() == "/dev/video4"
    dialog.camera_combo.setCurrentIndex(1)
    devices.plug([])
    assert dialog.camera_combo.currentData() == "/dev/video6"
    assert not dialog.camera_note.isHidden()
    assert "No camera found" in dialog.camera_note.text()
    assert dialog.chosen().camera == "/dev/video6"
    dialog.deleteLater()


def test_the_desk_warns_before_going_available_that_visitors_get_the_test_pattern(
    server: LiveServer, client: httpx.Client, harness: AppHarness, qt_loop: qasync.QEventLoop
) -> None:
    org = new_org(client)
    devices = FakeDevices()
    app, email = harness.for_new_user(client, org, server.url, devices=devices)

    async def scenario() -> None:
        await log_in(app, email, STRONG_PASSWORD)
        assert app.main_window is not None
        page = app.main_window.calls_page
        warning = page.media_warning
        assert page.presence.state != "available"
        assert warning.isVisibleTo(page) and warning.kind == "warning"
        assert warning.text.splitlines() == [
            "No camera found: visitors will see a test pattern instead of you. Connect a "
            "camera, then choose it in Settings.",
            "No microphone chosen: visitors will hear a test tone instead of you. Choose "
            "your microphone in Settings.",
        ]
        devices.plug([CAMERA], [MICROPHONE])
        assert warning.text.startswith("No camera chosen: visitors will see a test pattern")
        # "Settings…" in the warning opens the settings; the clerk picks both devices.
        warning.action.click()
        dialog = app.settings_dialog
        assert isinstance(dialog, SettingsDialog)
        dialog.camera_combo.setCurrentIndex(dialog.camera_combo.findData("/dev/video4"))
        dialog.microphone_combo.setCurrentIndex(
            dialog.microphone_combo.findData("alsa_input.usb-046d_0825-02.mono")
        )
        click_save(dialog)
        await eventually(lambda: app.settings_dialog is None, "settings closed")
        assert warning.isHidden()
        devices.plug([])  # the camera is unplugged
        assert warning.text == (
            "Your camera (/dev/video4) is not connected: calls cannot start until you "
            "connect it or choose another camera in Settings."
        )

    run(qt_loop, scenario())


def test_the_test_pattern_warning_in_dutch(
    server: LiveServer, client: httpx.Client, harness: AppHarness, qt_loop: qasync.QEventLoop
) -> None:
    email = new_email("clerk")
    add_user(client, new_org(client), "clerk", email=email)
    app = harness.make(server.url, language="nl", devices=FakeDevices())

    async def scenario() -> None:
        await log_in(app, email, STRONG_PASSWORD)
        assert app.main_window is not None
        warning = app.main_window.calls_page.media_warning
        assert warning.text.splitlines()[0] == (
            "Geen camera gevonden: bezoekers zien een testbeeld in plaats van jou. Sluit een "
            "camera aan en kies die bij Instellingen."
        )
        assert warning.action.text() == "Instellingen\u2026"

    try:
        run(qt_loop, scenario())
    finally:
        install_translators(app.qapp, "en")


# ---- locks --------------------------------------------------------------------------------


def test_locked_settings_are_disabled_with_a_note_and_keep_the_clerks_own_choice(
    tmp_path: Path, harness: AppHarness, qt_loop: qasync.QEventLoop
) -> None:
    cert, _key = self_signed(tmp_path)
    system = write(
        tmp_path / "system.toml",
        'server = "https://locked.example"\n'
        f'ca_file = "{cert}"\n'
        'proxy = "http://proxy.example:3128"\n'
        'language = "en"\n'
        'theme = "light"\n'
        'locked = ["server", "ca_file", "proxy", "language", "theme"]\n',
    )
    config = load_config(system=system)
    app = harness.make("https://locked.example", config=config, devices=FakeDevices())
    own = app.preferences.with_changes(language="nl", theme="dark", proxy="http://mine:1")
    app.store.save(own)
    app.preferences = own

    async def scenario() -> None:
        window = await login_window(app)
        assert window.server_edit.text() == "https://locked.example"
        assert not window.server_edit.isEnabled()
        (note,) = lock_notes(window)
        assert str(system) in note.toolTip() and str(system) in window.server_edit.toolTip()
        window._set_busy(True)
        window._set_busy(False)
        assert not window.server_edit.isEnabled()  # a log-in attempt does not unlock it

        window.settings_button.click()
        dialog = app.settings_dialog
        assert isinstance(dialog, SettingsDialog)
        locked = (
            dialog.language_combo,
            dialog.theme_combo,
            dialog.proxy_edit,
            dialog.ca_edit,
            dialog.ca_button,
        )
        assert not any(widget.isEnabled() for widget in locked)
        assert len(lock_notes(dialog)) == 4
        assert dialog.language_combo.currentData() == "en"
        assert dialog.theme_combo.currentData() == "light"
        assert dialog.proxy_edit.text() == "http://proxy.example:3128"
        assert dialog.ca_edit.text() == str(cert)
        click_save(dialog)
        await eventually(lambda: app.settings_dialog is None, "settings closed")
        stored = app.store.load()
        assert (stored.language, stored.theme, stored.proxy) == ("nl", "dark", "http://mine:1")
        settings = app.settings
        assert (settings.language, settings.theme, settings.proxy, settings.ca_file) == (
            "en",
            "light",
            "http://proxy.example:3128",
            cert,
        )
        assert app.language == "en"
        assert app.accounts_for("https://elsewhere.example").server.base_url == (
            "https://locked.example"
        )

    run(qt_loop, scenario())


def test_settings_show_the_config_defaults_and_refuse_a_bad_proxy_or_ca_file(
    tmp_path: Path, harness: AppHarness, qt_loop: qasync.QEventLoop
) -> None:
    config = load_config(
        write(tmp_path / "extra.toml", 'proxy = "http://proxy.example:3128"\nlanguage = "en"\n'),
        system=tmp_path / "none.toml",
    )
    app = harness.make("https://video.example", config=config, devices=FakeDevices())
    not_pem = write(tmp_path / "not.pem", "hello")
    cert, _key = self_signed(tmp_path)

    async def scenario() -> None:
        window = await login_window(app)
        assert not lock_notes(window) and window.server_edit.isEnabled()
        window.settings_button.click()
        dialog = app.settings_dialog
        assert isinstance(dialog, SettingsDialog)
        assert not lock_notes(dialog)
        assert dialog.proxy_edit.placeholderText() == "Default: http://proxy.example:3128"
        assert dialog.language_combo.itemText(0) == "Default: English"
        problems = [
            ("proxy.example:3128", "", "is not a proxy address like http://proxy.example:3128"),
            ("", str(tmp_path / "absent.pem"), "absent.pem does not exist"),
            ("", str(not_pem), "holds no certificate in PEM format"),
            ("", str(tmp_path), "cannot be read: Is a directory"),
        ]
        for proxy, ca_file, words in problems:
            dialog.proxy_edit.setText(proxy)
            dialog.ca_edit.setText(ca_file)
            click_save(dialog)
            assert app.settings_dialog is dialog and dialog.isVisible()
            assert words in dialog.network_status.text(), dialog.network_status.text()
        dialog.proxy_edit.setText("http://127.0.0.1:3128")
        dialog.ca_edit.setText(str(cert))
        click_save(dialog)
        await eventually(lambda: app.settings_dialog is None, "settings closed")
        assert (app.settings.proxy, app.settings.ca_file) == ("http://127.0.0.1:3128", cert)

    try:
        run(qt_loop, scenario())
    finally:
        install_translators(app.qapp, "en")


# ---- config errors ------------------------------------------------------------------------


def test_a_config_error_dialog_says_which_file_and_key_in_english_and_dutch(
    tmp_path: Path, qapp: QApplication
) -> None:
    path = write(tmp_path / "config.toml", 'theme = "blue"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path, system=tmp_path / "none.toml")
    box = config_error_box(caught.value)
    assert box.text() == (
        f"In the config file {path}, \u201ctheme\u201d must be one of system, light, dark, "
        "not \u201cblue\u201d."
    )
    assert box.windowTitle() == "videoclerk cannot start"
    try:
        install_translators(qapp, "nl")
        dutch = config_error_box(caught.value)
        assert dutch.text() == (
            f"In het configuratiebestand {path} moet \u201ctheme\u201d een van system, light, "
            "dark zijn, niet \u201cblue\u201d."
        )
        assert dutch.windowTitle() == "videoclerk kan niet starten"
    finally:
        install_translators(qapp, "en")


def run_app(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clerk_app.main", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def test_smoke_prints_a_config_error_on_stderr_and_the_log_keeps_it(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.toml", "server = 8080\n")
    shown = run_app("--smoke", "--config", str(bad), env={LOG_DIR_ENV: str(tmp_path / "logs")})
    assert shown.returncode == 2
    assert shown.stdout == ""
    message = (
        f"In the config file {bad}, \u201cserver\u201d must be text in double quotes, not a number."
    )
    assert shown.stderr.strip() == f"videoclerk: {message}"
    log = (tmp_path / "logs" / "videoclerk.log").read_text(encoding="utf-8")
    assert f"INFO clerk_app.main: videoclerk {__version__} starting" in log
    assert f"INFO clerk_app.main: not started: {message}" in log


def test_server_flag_against_a_locked_server_is_refused(tmp_path: Path) -> None:
    system = write(
        tmp_path / "system.toml", 'server = "https://locked.example"\nlocked = ["server"]\n'
    )
    shown = run_app(
        "--smoke", "--server", "http://127.0.0.1:9", env={SYSTEM_CONFIG_ENV: str(system)}
    )
    assert shown.returncode == 2
    assert shown.stderr.strip() == (
        "videoclerk: --server http://127.0.0.1:9 is not allowed: the config file "
        f"{system} locks the server address to https://locked.example. "
        "Start videoclerk without --server."
    )


# ---- about --------------------------------------------------------------------------------


def test_about_shows_version_log_folder_config_files_and_locks(
    tmp_path: Path, harness: AppHarness, qt_loop: qasync.QEventLoop
) -> None:
    system = write(
        tmp_path / "system.toml", 'server = "https://a.example"\nlocked = ["server", "theme"]\n'
    )
    logs = tmp_path / "logs"
    app = harness.make(
        "https://a.example",
        config=load_config(system=system),
        devices=FakeDevices(),
        log_file=logs / "videoclerk.log",
    )

    async def scenario() -> None:
        window = await login_window(app)
        window.about_button.click()
        dialog = app.about_dialog
        assert isinstance(dialog, AboutDialog)
        texts = [label.text() for label in dialog.findChildren(QLabel)]
        assert any(__version__ in text for text in texts)
        assert dialog.log_label.text() == str(logs)
        assert dialog.open_logs_button.isEnabled()
        assert dialog.config_label.text() == str(system)
        assert dialog.locked_label.text() == "server address, theme"
        dialog.reject()
        await eventually(lambda: app.about_dialog is None, "about closed")

    run(qt_loop, scenario())


# ---- the proxy ----------------------------------------------------------------------------


def test_the_proxy_carries_log_in_and_the_live_socket(
    server: LiveServer, client: httpx.Client, harness: AppHarness, qt_loop: qasync.QEventLoop
) -> None:
    org = new_org(client)
    with RecordingProxy() as proxy:
        config = AppConfig(proxy=proxy.url, locked_by={})
        app, email = harness.for_new_user(
            client, org, server.url, config=config, devices=FakeDevices()
        )

        async def scenario() -> None:
            await log_in(app, email, STRONG_PASSWORD)
            window = app.main_window
            assert window is not None
            await eventually(
                lambda: window.link_label.property("linkState") == "connected", "linked"
            )

        run(qt_loop, scenario())
        port = server.url.rsplit(":", 1)[1]
        assert any(line.startswith(f"POST {server.url}/api/") for line in proxy.requests), (
            proxy.requests
        )
        assert f"CONNECT 127.0.0.1:{port} HTTP/1.1" in proxy.requests, proxy.requests

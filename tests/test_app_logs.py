"""The app's log: where it is on each platform, rotation, and that no token, key, password,
TURN credential, e-mail or IP address reaches the file (P1, P8), checked by logging them
through the app's real loggers and reading the file back; plus `videoclerk --version`."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import pytest

from clerk_app import __version__
from clerk_app.logs import LOG_DIR_ENV, LOG_FILE, close_logging, log_folder, redact, setup_logging
from clerk_app.settings.config import SYSTEM_CONFIG_ENV

# No server, no database: `make test-postgres` leaves these out (tests/conftest.py).
pytestmark = pytest.mark.engine_independent

SESSION_TOKEN = "vcs_Zm9vYmFyYmF6cXV4cXV1eHF1dXpmb29iYXJiYXpxdXg"
API_KEY = "vck_live_c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0"
OWN_API_KEY = "k7#Qz!pL2@vX9$wR4%tY6^uI8&oP0*aS"  # a customer-supplied key: no prefix
PASSWORD = "correct horse battery staple"
TURN_USER = "1767225600:usr_x8Fq2"
TURN_CREDENTIAL = "bWFkZSB1cCB0dXJuIGNyZWRlbnRpYWw="
EMAIL = "visitor.name+shop@example.org"
VISITOR_IP = "203.0.113.77"
VISITOR_IP6 = "2001:db8:85a3::8a2e:370:7334"
WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SECRETS = (
    SESSION_TOKEN,
    API_KEY,
    OWN_API_KEY,
    PASSWORD,
    TURN_USER,
    TURN_CREDENTIAL,
    EMAIL,
    VISITOR_IP,
    VISITOR_IP6,
    WEBHOOK_SECRET,
    "proxy-user",
    "proxy-pass",
)


def test_log_folder_per_platform() -> None:
    home = PurePosixPath("/home/clerk")
    assert str(log_folder("linux", {}, home)) == "/home/clerk/.local/state/videoclerk/logs"
    assert str(log_folder("linux", {"XDG_STATE_HOME": "/var/state"}, home)) == (
        "/var/state/videoclerk/logs"
    )
    assert str(log_folder("darwin", {}, home)) == "/home/clerk/Library/Logs/videoclerk"
    assert str(log_folder("win32", {"LOCALAPPDATA": r"C:\Users\clerk\AppData\Local"})) == (
        r"C:\Users\clerk\AppData\Local\videoclerk\logs"
    )
    assert str(log_folder("linux", {LOG_DIR_ENV: "/tmp/logs"}, home)) == "/tmp/logs"


@pytest.fixture
def app_log(tmp_path: Path) -> Iterator[Path]:
    """The app's real logging set-up, writing to a temporary folder; undone afterwards."""
    root, app = logging.getLogger(), logging.getLogger("clerk_app")
    levels = (root.level, app.level)
    path = setup_logging(tmp_path / "logs", stderr=False)
    assert path is not None
    try:
        yield path
    finally:
        close_logging()
        root.setLevel(levels[0])
        app.setLevel(levels[1])


def read_all(path: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(path.parent.glob(LOG_FILE + "*")))


def test_secrets_and_visitor_data_never_reach_the_log_file(app_log: Path) -> None:
    log = logging.getLogger("clerk_app.queue.connection")
    log.info("connecting with Authorization: Bearer %s", SESSION_TOKEN)
    log.info("headers %s", {"authorization": f"Bearer {API_KEY}", "x-api-key": OWN_API_KEY})
    log.warning("session %s expired", SESSION_TOKEN)
    log.warning("login body %s", f'{{"email": "{EMAIL}", "password": "{PASSWORD}"}}')
    log.warning("password=%s token=%s", PASSWORD, SESSION_TOKEN)
    log.warning(
        "ice servers: %r",
        [
            {
                "urls": ["turn:turn.example:3478"],
                "username": TURN_USER,
                "credential": TURN_CREDENTIAL,
            }
        ],
    )
    log.warning(
        "RTCIceServer(urls='turns:turn.example', username='%s', credential='%s')",
        TURN_USER,
        TURN_CREDENTIAL,
    )
    log.warning("candidate:1 1 udp 2122260223 %s 51324 typ host", VISITOR_IP)
    log.warning("candidate:2 1 udp 2122260223 %s 51325 typ srflx", VISITOR_IP6)
    log.warning("c=IN IP4 %s", VISITOR_IP)
    log.warning("proxy http://proxy-user:proxy-pass@proxy.example:3128 refused")
    log.warning("webhook signing secret %s", WEBHOOK_SECRET)
    log.warning("upload to https://srv.example/api?token=%s&x=1 failed", SESSION_TOKEN)
    try:
        raise RuntimeError(f"server said no to {API_KEY} from {VISITOR_IP}")
    except RuntimeError:
        logging.getLogger("clerk_app.shell.tasks").exception("background task failed")
    logging.getLogger("aiortc.rtcpeerconnection").warning("remote %s:9", VISITOR_IP)
    logging.getLogger("clerk_app.queue.connection").info("kept: 127.0.0.1 at 12:30:45")

    text = read_all(app_log)
    for secret in SECRETS:
        assert secret not in text, secret
    assert "Bearer [redacted]" in text
    assert "vcs_[redacted] expired" in text
    assert "[e-mail]" in text and "[address] 51324 typ host" in text
    assert "RuntimeError: server said no to vck_[redacted] from [address]" in text
    assert "http://[redacted]@proxy.example:3128" in text
    assert "kept: 127.0.0.1 at 12:30:45" in text  # loopback and times are no one's


def test_info_of_other_libraries_stays_out_and_the_file_rotates(tmp_path: Path) -> None:
    root, app = logging.getLogger(), logging.getLogger("clerk_app")
    levels = (root.level, app.level)
    path = setup_logging(tmp_path, max_bytes=2_000, backups=2, stderr=False)
    assert path == tmp_path / LOG_FILE
    try:
        logging.getLogger("aioice.ice").info("Connection(0) check 198.51.100.4 -> 203.0.113.9")
        for n in range(100):
            logging.getLogger("clerk_app.recording.uploader").info("line %03d %s", n, "x" * 40)
    finally:
        close_logging()
        root.setLevel(levels[0])
        app.setLevel(levels[1])
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == [LOG_FILE, f"{LOG_FILE}.1", f"{LOG_FILE}.2"]
    assert all((tmp_path / name).stat().st_size <= 2_000 for name in files)
    assert "line 099" in path.read_text(encoding="utf-8")
    assert "aioice" not in read_all(path)


def test_an_unwritable_log_folder_leaves_stderr_only(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    root, app = logging.getLogger(), logging.getLogger("clerk_app")
    levels = (root.level, app.level)
    try:
        assert setup_logging(blocker / "logs", stderr=False) is None
    finally:
        close_logging()
        root.setLevel(levels[0])
        app.setLevel(levels[1])


def test_redact_leaves_ordinary_text_alone() -> None:
    text = "Take next (Ctrl+N) at 09:15:00; version 1.2.3.4.5; MAC 00:1A:7D:DA:71:13; basic checks"
    assert redact(text) == text


def test_version_reports_the_version_the_log_folder_and_the_config_file(tmp_path: Path) -> None:
    env = {
        **os.environ,
        LOG_DIR_ENV: str(tmp_path / "logs"),
        SYSTEM_CONFIG_ENV: str(tmp_path / "config.toml"),
    }
    shown = subprocess.run(
        [sys.executable, "-m", "clerk_app.main", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines() == [
        f"videoclerk {__version__}",
        f"Logs: {tmp_path / 'logs'}",
        f"System-wide config file: {tmp_path / 'config.toml'} (none there)",
    ]

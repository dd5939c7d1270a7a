"""The checked-in systemd units and example settings (build/server/): systemd accepts the
units and rates the server's sandbox, and the server unit's command line with the example
settings runs a server that works as docs/operators.md says (sign-up closed, organisations
from the command line, invitations naming the server and the app, the recordings key from
the unit's environment), which the nightly backup unit's command then copies.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.accounts_helpers import (
    OTHER_STRONG_PASSWORD,
    choose_password,
    mailed_code,
    problem,
    signup_form,
    user_log_in,
    wait_for_mails,
)
from tests.live_server import free_port
from tests.operator_helpers import organisation_flags
from tests.recordings_helpers import create

BUILD = Path(__file__).resolve().parents[1] / "build" / "server"
UNIT = BUILD / "videoclerk-server.service"
BACKUP_UNIT = BUILD / "videoclerk-backup.service"
EXAMPLE_SETTINGS = BUILD / "server.toml"
INSTALLED = "/opt/videoclerk/bin/videoclerk-server"
SERVER = Path(sys.executable).parent / "videoclerk-server"
SYSTEMD_ANALYZE = "/usr/bin/systemd-analyze"


def _service_lines(unit: str) -> list[tuple[str, str]]:
    """The [Service] section's settings in order, as systemd reads them (no continuations)."""
    section, found = "", []
    for line in unit.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line
        elif section == "[Service]":
            key, _, value = line.partition("=")
            found.append((key, value))
    return found


def test_systemd_accepts_the_units_and_rates_the_servers_sandbox_ok(tmp_path: Path) -> None:
    assert Path(SYSTEMD_ANALYZE).exists(), "install Debian's systemd (.ci/run does)"
    units = []
    for name in (UNIT.name, BACKUP_UNIT.name, "videoclerk-backup.timer"):
        text = (BUILD / name).read_text()
        # Under its own name (systemd takes a unit's name from its file's), with this install.
        units.append(tmp_path / name)
        units[-1].write_text(text.replace(INSTALLED, str(SERVER)))
    verified = subprocess.run(
        [SYSTEMD_ANALYZE, "verify", *map(str, units)], capture_output=True, text=True, timeout=60
    )
    assert verified.returncode == 0, verified.stderr
    assert verified.stderr == "", verified.stderr  # not even a warning (unknown keys are one)
    security = subprocess.run(
        [SYSTEMD_ANALYZE, "security", "--offline=yes", "--threshold=20", str(units[0])],
        capture_output=True,
        text=True,
        timeout=60,
    )
    # systemd's exposure score, 0 (locked down) to 10; "OK" is below 4. Ours is 1.1.
    assert security.returncode == 0, security.stdout + security.stderr
    score = re.search(r"Overall exposure level for \S+: (\d+\.\d+)", security.stdout)
    assert score is not None and float(score.group(1)) <= 2.0, security.stdout
    settings = dict(_service_lines(UNIT.read_text()))
    assert settings["User"] == "videoclerk"  # never root
    for hardening in ("NoNewPrivileges", "PrivateTmp", "ProtectHome", "PrivateDevices"):
        assert settings[hardening] == "yes"
    assert settings["ProtectSystem"] == "strict"
    assert settings["StateDirectory"] == "videoclerk"


def with_settings(example: str, **values: str) -> str:
    """The example settings with some lines' values replaced (each must be in the example)."""
    for key, value in values.items():
        pattern = re.compile(rf"^{key} = .*$", re.MULTILINE)
        assert pattern.search(example), f"{key} is not in {EXAMPLE_SETTINGS.name}"
        example = pattern.sub(lambda _m, k=key, v=value: f"{k} = {v}", example)
    return example


def _exec_start(service: list[tuple[str, str]], settings_file: Path) -> list[str]:
    """A unit's command line, with this install's program and the test's settings file."""
    [command] = [value for key, value in service if key == "ExecStart"]
    return [
        str(SERVER) if word == INSTALLED else str(settings_file) if word.endswith(".toml") else word
        for word in shlex.split(command)
    ]


@contextmanager
def _as_the_unit_runs_it(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The unit's ExecStart and Environment, with the example settings made local: its
    data folder, port and address here, and mail into the outbox instead of SMTP."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    settings_file = tmp_path / "server.toml"
    example = EXAMPLE_SETTINGS.read_text()
    local = with_settings(
        example,
        data_dir=f'"{tmp_path / "data"}"',
        port=str(port),
        public_url=f'"{url}"',
        trusted_hosts='["127.0.0.1"]',
    )
    local = re.sub(r"^smtp_\w+ = .*\n", "", local, flags=re.MULTILINE)
    settings_file.write_text(local)
    credentials = tmp_path / "credentials"  # where systemd's LoadCredential= puts the key
    credentials.mkdir()
    key = subprocess.run(
        [str(SERVER), "recordings", "make-master-key"], capture_output=True, text=True, check=True
    )
    (credentials / "recordings-master-key").write_text(key.stdout)

    service = _service_lines(UNIT.read_text())
    argv = _exec_start(service, settings_file)
    env = {k: v for k, v in os.environ.items() if not k.startswith("VIDEOCLERK_")}
    for key, value in service:
        if key == "Environment":
            name, _, setting = value.partition("=")
            env[name] = setting.replace("%d", str(credentials))
    log = (tmp_path / "server.log").open("wb")
    process = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_healthy(url, process, tmp_path / "server.log")
        yield url, settings_file
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def _wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        assert process.poll() is None, log.read_text()
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        assert time.monotonic() < deadline, log.read_text()
        time.sleep(0.1)


def test_the_units_command_with_the_example_settings(tmp_path: Path) -> None:
    assert shutil.which(str(SERVER))
    with (
        _as_the_unit_runs_it(tmp_path) as (url, settings_file),
        httpx.Client(base_url=url, timeout=30) as client,
    ):
        assert client.get("/api/v1/signup").json() == {"open": False}
        refused = client.post("/api/v1/signup", json=signup_form())
        assert problem(refused, 403)["code"] == "signup_closed"

        email = "first-admin@example.com"
        org_create = [str(SERVER), "org", "create", "--config", str(settings_file)]
        made = subprocess.run(
            [*org_create, *organisation_flags("Tulip Bikes B.V.", email)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert made.returncode == 0, made.stderr
        [mail] = _mails(tmp_path / "data", email)
        assert url in mail and "https://video.example.com/download/" in mail
        code = mailed_code(tmp_path / "data", email)
        assert code not in made.stdout
        choose_password(client, code, OTHER_STRONG_PASSWORD)
        token = user_log_in(client, email, OTHER_STRONG_PASSWORD)
        auth = {"Authorization": f"Bearer {token}"}
        assert client.get("/api/v1/organisation", headers=auth).json()["name"] == (
            "Tulip Bikes B.V."
        )
        # The recordings key came through the unit's Environment= (a missing key is 503).
        upload = create(client, auth, str(uuid.uuid4()), b"x" * 64)
        assert problem(upload, 404)["code"] == "not_found"

        # The nightly backup's command, while the server runs: a dated, sound copy.
        backups = tmp_path / "backups"
        backups.mkdir()
        backup = [
            str(backups) if word == "/var/backups/videoclerk" else word
            for word in _exec_start(_service_lines(BACKUP_UNIT.read_text()), settings_file)
        ]
        assert backup.count(str(backups)) == 1
        subprocess.run(backup, check=True, capture_output=True, timeout=120)
        [copy] = backups.glob("videoclerk-*.db")
        with sqlite3.connect(f"{copy.as_uri()}?mode=ro", uri=True) as db:
            assert db.execute("SELECT name FROM organisations").fetchall() == [
                ("Tulip Bikes B.V.",)
            ]


def _mails(data_dir: Path, address: str) -> list[str]:
    parts = [m.get_body(preferencelist=("plain",)) for m in wait_for_mails(data_dir, address)]
    return [part.get_content() for part in parts if part is not None]

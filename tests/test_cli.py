"""`videoclerk-server`: its help, demo data, and settings from flags, environment and TOML."""

from __future__ import annotations

import os
import re
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.accounts_helpers import bearer, new_org, problem, signup_form
from tests.certificates import self_signed
from tests.live_server import free_port, live_server, stop_process

CLI = [sys.executable, "-m", "server.cli"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=60)


def test_help_explains_every_subcommand() -> None:
    """`videoclerk-server --help` names and explains each subcommand."""
    top = _run("--help")
    assert top.returncode == 0, top.stderr
    lines = top.stdout.splitlines()
    for command in (
        "serve",
        "migrate",
        "retention",
        "hold",
        "org",
        "backup",
        "restore",
        "migrate-to-postgres",
    ):
        at = next(n for n, ln in enumerate(lines) if ln.strip().startswith(command))
        explained = " ".join(lines[at : at + 2])  # a long name puts its help on the next line
        assert len(explained.split()) > 3, f"{command} has no explanation in:\n{top.stdout}"
    assert "VIDEOCLERK_" in top.stdout  # where settings come from

    serve = _run("serve", "--help")
    assert serve.returncode == 0
    for flag in ("--data-dir", "--host", "--port", "--tls-cert", "--tls-key", "--config", "--demo"):
        assert flag in serve.stdout, flag
    migrate = _run("migrate", "--help")
    assert migrate.returncode == 0
    assert "--data-dir" in migrate.stdout
    assert "--port" not in migrate.stdout

    for words in (("hold", "set"), ("hold", "lift"), ("org", "purge")):
        helped = _run(*words, "--help")
        assert helped.returncode == 0, words
        assert "--reason" in helped.stdout and "--data-dir" in helped.stdout, words

    nothing = _run()
    assert nothing.returncode == 2
    assert "serve" in nothing.stderr


def test_version() -> None:
    shown = _run("--version")
    assert shown.returncode == 0
    assert re.fullmatch(r"videoclerk-server \d+\.\d+\.\d+\S*\n", shown.stdout)


_DEMO_LINE = re.compile(r"^\s+(admin|supervisor|clerk)\s+(\S+@\S+)\s+(.+?)\s*$", re.MULTILINE)


def test_demo_log_ins_are_printed_once_and_work(tmp_path: Path) -> None:
    """`serve --demo` on a new database creates an organisation and prints log-ins that work."""
    with live_server(tmp_path / "demo", demo=True) as running:
        logins = _DEMO_LINE.findall(running.log())
        assert sorted(role for role, _, _ in logins) == ["admin", "clerk", "supervisor"]
        with httpx.Client(base_url=running.url, timeout=30) as client:
            organisations = set()
            for role, email, password in logins:
                response = client.post(
                    "/api/v1/auth/login", json={"email": email, "password": password}
                )
                assert response.status_code == 200, (role, response.text)
                token = response.json()["token"]
                me = client.get("/api/v1/me", headers=bearer(token)).json()
                assert me["role"] == role
                organisations.add(me["organisation_id"])
                if role == "admin":
                    # What the README shows with curl works.
                    assert client.get("/api/v1/users", headers=bearer(token)).status_code == 200
                    made = client.post(
                        "/api/v1/api-keys",
                        headers=bearer(token),
                        json={"name": "shop backend", "scopes": ["read"]},
                    )
                    assert made.status_code == 201
                    assert client.get("/api/v1/audit", headers=bearer(token)).status_code == 200
            assert len(organisations) == 1
    # A second start on the same data keeps it and prints no new log-ins.
    with live_server(tmp_path / "demo", demo=True) as again:
        assert _DEMO_LINE.findall(again.log()) == []
        with httpx.Client(base_url=again.url, timeout=30) as client:
            email, password = logins[0][1], logins[0][2]
            assert (
                client.post(
                    "/api/v1/auth/login", json={"email": email, "password": password}
                ).status_code
                == 200
            )


def test_server_log_has_no_access_lines_with_client_ips(tmp_path: Path) -> None:
    """P1: uvicorn's access log is off, so no request line with a client's IP is written."""
    with live_server(tmp_path / "quiet") as running:
        with httpx.Client(base_url=running.url, timeout=30) as client:
            client.get("/health").raise_for_status()
            client.get("/api/v1/organisation")
            client.post("/api/v1/auth/login", json={"email": "x@example.com", "password": "y"})
        log = running.log()
    assert "HTTP/1.1" not in log
    assert '"GET /' not in log
    assert "/api/v1/organisation" not in log
    assert "x@example.com" not in log


@contextmanager
def _serve(args: list[str], *, port: int, env: dict[str, str] | None = None) -> Iterator[str]:
    """Run `videoclerk-server serve` with exactly these arguments; yield its URL."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("VIDEOCLERK_")}
    process = subprocess.Popen(
        [*CLI, "serve", *args],
        env={**clean, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, process.stdout.read() if process.stdout else ""
            assert time.monotonic() < deadline, "server did not start"
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield url
    finally:
        stop_process(process)
        if process.stdout:
            process.stdout.close()


def _data_location(url: str) -> str:
    """Where the server says its data is stored: a setting its admins read (P19)."""
    with httpx.Client(base_url=url, timeout=30) as client:
        org = new_org(client)
        response = client.get("/api/v1/privacy/processing", headers=org.admin)
        response.raise_for_status()
        return str(response.json()["data_location"])


def test_settings_from_a_toml_file(tmp_path: Path) -> None:
    """Settings come from a TOML file given with --config."""
    port = free_port()
    config = tmp_path / "settings.toml"
    config.write_text(
        f'data_dir = "{tmp_path / "data"}"\nport = {port}\ndata_location = "Utrecht, NL"\n'
    )
    with _serve(["--config", str(config)], port=port) as url:
        assert _data_location(url) == "Utrecht, NL"
    assert (tmp_path / "data" / "videoclerk.db").exists()


def test_environment_beats_the_file_and_flags_beat_the_environment(tmp_path: Path) -> None:
    """Flags win over VIDEOCLERK_* variables, which win over the TOML file."""
    file_port, env_port, flag_port = free_port(), free_port(), free_port()
    config = tmp_path / "settings.toml"
    config.write_text(
        f'data_dir = "{tmp_path / "data"}"\nport = {file_port}\ndata_location = "Utrecht, NL"\n'
    )
    env = {"VIDEOCLERK_PORT": str(env_port), "VIDEOCLERK_DATA_LOCATION": "Oslo, NO"}
    with _serve(["--config", str(config)], port=env_port, env=env) as url:
        assert _data_location(url) == "Oslo, NO"
    with _serve(
        ["--config", str(config), "--port", str(flag_port)], port=flag_port, env=env
    ) as url:
        assert _data_location(url) == "Oslo, NO"
    env_only = {**env, "VIDEOCLERK_CONFIG_FILE": str(config)}
    with _serve([], port=env_port, env=env_only) as url:
        assert _data_location(url) == "Oslo, NO"


def test_login_limits_from_the_environment(tmp_path: Path) -> None:
    """A login setting from VIDEOCLERK_* changes behaviour (lock after one failure)."""
    env = {"VIDEOCLERK_LOGIN_LOCK_AFTER": "1", "VIDEOCLERK_LOGIN_SLOW_SECONDS": "0"}
    with (
        live_server(tmp_path / "strict", env=env) as running,
        httpx.Client(base_url=running.url) as client,
    ):
        form = signup_form()
        client.post("/api/v1/signup", json=form).raise_for_status()
        wrong = client.post(
            "/api/v1/auth/login", json={"email": form["email"], "password": "wrong wrong wrong"}
        )
        assert problem(wrong, 429)["code"] == "login_locked"


def test_tls_cert_and_key_serve_https(tmp_path: Path) -> None:
    """`--tls-cert` and `--tls-key` serve HTTPS; one without the other is refused."""
    cert, key = self_signed(tmp_path)
    half = _run("serve", "--data-dir", str(tmp_path / "data"), "--tls-cert", str(cert))
    assert half.returncode == 2
    assert "--tls-key" in half.stderr
    port = free_port()
    args = [
        "--data-dir",
        str(tmp_path / "data"),
        "--port",
        str(port),
        "--tls-cert",
        str(cert),
        "--tls-key",
        str(key),
    ]
    trust = ssl.create_default_context(cafile=str(cert))
    log = (tmp_path / "tls.log").open("wb")
    process = subprocess.Popen([*CLI, "serve", *args], stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, (tmp_path / "tls.log").read_text()
            try:
                response = httpx.get(f"https://127.0.0.1:{port}/health", verify=trust, timeout=1)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        assert response.json()["status"] == "ok"
        with pytest.raises(httpx.HTTPError):
            httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()

"""Debian's nginx with the checked-in site config (build/server/nginx.conf), for tests.

The config is used as operators install it; only its example host, ports, certificate and
log paths are swapped for the test's. nginx runs in the foreground with its own prefix,
pid file and logs in a temporary folder, on free loopback ports.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.live_server import free_port, stop_process

SITE = Path(__file__).resolve().parents[1] / "build" / "server" / "nginx.conf"
NGINX = "/usr/sbin/nginx"


@dataclass
class Nginx:
    https_url: str
    http_url: str
    prefix: Path


def replaced(text: str, old: str, new: str, count: int) -> str:
    """`text` with `old` replaced, after checking it occurs `count` times (the file drifted)."""
    assert text.count(old) == count, f"{old!r} occurs {text.count(old)} times, not {count}"
    return text.replace(old, new)


def site_config(
    *, upstream_port: int, http_port: int, https_port: int, cert: Path, key: Path, logs: Path
) -> str:
    site = SITE.read_text()
    for old, new, count in (
        ("listen 80;", f"listen 127.0.0.1:{http_port};", 1),
        ("listen [::]:80;", "", 1),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;", 1),
        ("listen [::]:443 ssl http2;", "", 1),
        ("server_name video.example.com;", "server_name 127.0.0.1;", 2),
        ("/etc/letsencrypt/live/video.example.com/fullchain.pem", str(cert), 1),
        ("/etc/letsencrypt/live/video.example.com/privkey.pem", str(key), 1),
        ("/var/log/nginx/videoclerk-error.log", str(logs / "videoclerk-error.log"), 2),
        ("server 127.0.0.1:8080;", f"server 127.0.0.1:{upstream_port};", 1),
    ):
        site = replaced(site, old, new, count)
    return site


@contextmanager
def nginx(folder: Path, *, upstream_port: int, cert: Path, key: Path) -> Iterator[Nginx]:
    """nginx in front of a server on `upstream_port`, serving HTTPS with `cert` and `key`."""
    assert shutil.which(NGINX), "install Debian's nginx (.ci/run does)"
    prefix = folder / "nginx"
    prefix.mkdir(parents=True)
    http_port, https_port = free_port(), free_port()
    (prefix / "videoclerk.conf").write_text(
        site_config(
            upstream_port=upstream_port,
            http_port=http_port,
            https_port=https_port,
            cert=cert,
            key=key,
            logs=prefix,
        )
    )
    # Debian's nginx.conf would include the site; this is its minimum, with the test's paths.
    # As root, nginx's workers would run as `nobody`, who cannot enter pytest's folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp_paths = "".join(
        f"    {kind}_temp_path {prefix / kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (prefix / "nginx.conf").write_text(
        f"{user}daemon off;\nworker_processes 1;\npid {prefix / 'nginx.pid'};\n"
        f"error_log {prefix / 'error.log'} warn;\n"
        "events { worker_connections 256; }\n"
        f"http {{\n    access_log {prefix / 'access.log'};\n{temp_paths}"
        f"    include {prefix / 'videoclerk.conf'};\n}}\n"
    )
    arguments = [NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", "stderr"]
    checked = subprocess.run([*arguments, "-t"], capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, checked.stderr
    log = (prefix / "nginx.out").open("wb")
    process = subprocess.Popen(arguments, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_listening(https_port, process, prefix / "nginx.out")
        yield Nginx(f"https://127.0.0.1:{https_port}", f"http://127.0.0.1:{http_port}", prefix)
    finally:
        stop_process(process)
        log.close()


def wait_listening(port: int, process: subprocess.Popen[bytes], out: Path) -> None:
    """Wait until the proxy `process` accepts connections on `port`; `out` is its output."""
    name = Path(str(process.args[0])).name
    deadline = time.monotonic() + 30
    while True:
        assert process.poll() is None, f"{name} exited:\n{out.read_text()}"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            assert time.monotonic() < deadline, f"{name} did not listen:\n{out.read_text()}"
            time.sleep(0.05)

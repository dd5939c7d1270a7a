"""Debian's haproxy with the checked-in config (build/server/haproxy.cfg), for tests.

The config is used as operators install it; only its example host, ports, certificate and
stats socket are swapped for the test's (and, run as another user than root, the chroot and
the change of user are left out). haproxy runs in the foreground on free loopback ports.
"""

from __future__ import annotations

import csv
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.live_server import free_port, stop_process
from tests.nginx import replaced, wait_listening

CONFIG = Path(__file__).resolve().parents[1] / "build" / "server" / "haproxy.cfg"
HAPROXY = "/usr/sbin/haproxy"
EXAMPLE_CERTIFICATE = "/etc/haproxy/certs/video.example.com.pem"
BACKEND = "videoclerk"


@dataclass
class HAProxy:
    https_url: str
    http_url: str
    stats_socket: Path
    output: Path

    def statuses(self) -> dict[str, str]:
        """Each server of the backend by name, with its state: UP, DOWN, or on the way
        ("UP 1/2": one failed check of the two that take it out)."""
        with socket.socket(socket.AF_UNIX) as stats:
            stats.connect(str(self.stats_socket))
            stats.sendall(b"show stat\n")
            answer = b"".join(iter(lambda: stats.recv(65536), b""))
        rows = csv.DictReader(answer.decode().removeprefix("# ").splitlines())
        return {
            row["svname"]: row["status"]
            for row in rows
            if row["pxname"] == BACKEND and row["svname"] not in ("FRONTEND", "BACKEND")
        }

    def until_status(self, server: str, status: str) -> None:
        """Wait for the health checks to bring `server` to `status`; the bound only guards
        against a state that never comes."""
        deadline = time.monotonic() + 60
        while (now := self.statuses()[server]) != status:
            assert time.monotonic() < deadline, f"{server} stays {now}, never {status}"
            time.sleep(0.1)


def config(
    *, upstream_ports: Sequence[int], http_port: int, https_port: int, pem: Path, folder: Path
) -> str:
    text = CONFIG.read_text()
    ports = [8081, 8082, 8083]
    swaps = [
        ("bind :80\n", f"bind 127.0.0.1:{http_port}\n", 1),
        ("    bind :::80 v6only\n", "", 1),
        (
            f"bind :443 ssl crt {EXAMPLE_CERTIFICATE}",
            f"bind 127.0.0.1:{https_port} ssl crt {pem}",
            1,
        ),
        (f"    bind :::443 v6only ssl crt {EXAMPLE_CERTIFICATE} alpn h2,http/1.1\n", "", 1),
        ("hdr Host video.example.com", "hdr Host 127.0.0.1", 1),
        ("/run/haproxy/admin.sock", str(folder / "admin.sock"), 2),
    ]
    swaps += [
        (f"127.0.0.1:{old}\n", f"127.0.0.1:{new}\n", 1)
        for old, new in zip(ports, upstream_ports, strict=True)
    ]
    if os.geteuid() != 0:
        swaps += [
            (line, "", 1)
            for line in (
                "    chroot /var/lib/haproxy\n",
                "    user haproxy\n",
                "    group haproxy\n",
            )
        ]
    for old, new, count in swaps:
        text = replaced(text, old, new, count)
    return text


@contextmanager
def haproxy(
    folder: Path, *, upstream_ports: Sequence[int], cert: Path, key: Path
) -> Iterator[HAProxy]:
    """haproxy in front of servers on `upstream_ports`, serving HTTPS with `cert` and `key`."""
    assert shutil.which(HAPROXY), "install Debian's haproxy (.ci/run does)"
    folder.mkdir(parents=True)
    pem = folder / "certificate.pem"
    pem.write_bytes(cert.read_bytes() + key.read_bytes())
    http_port, https_port = free_port(), free_port()
    path = folder / "haproxy.cfg"
    path.write_text(
        config(
            upstream_ports=upstream_ports,
            http_port=http_port,
            https_port=https_port,
            pem=pem,
            folder=folder,
        )
    )
    checked = subprocess.run([HAPROXY, "-c", "-f", str(path)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    output = folder / "haproxy.out"
    with output.open("wb") as log:
        process = subprocess.Popen(
            [HAPROXY, "-db", "-f", str(path)], stdout=log, stderr=subprocess.STDOUT
        )
    try:
        wait_listening(https_port, process, output)
        yield HAProxy(
            f"https://127.0.0.1:{https_port}",
            f"http://127.0.0.1:{http_port}",
            folder / "admin.sock",
            output,
        )
    finally:
        stop_process(process)

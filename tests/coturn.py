"""Debian's coturn (`turnserver`) on a free loopback port, configured as docs/turn.md says,
with what loopback tests need on top (allow-loopback-peers) and everything in a temp folder."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from aioice import stun

TURNSERVER = "/usr/bin/turnserver"
REALM = "videoclerk.test"


@dataclass
class Coturn:
    port: int
    secret: str
    log_path: Path
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"turn:127.0.0.1:{self.port}?transport=udp"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def allocations(self, call_id: str) -> int:
        """Relay addresses handed out under this call's credentials (`<expiry>:<call id>`)."""
        return len(self._requests(call_id, "ALLOCATE processed, success"))

    def refusals(self, call_id: str) -> int:
        """Requests under this call's credentials that coturn refused (a wrong password)."""
        return len(self._requests(call_id, "error 401"))

    def _requests(self, call_id: str, outcome: str) -> list[str]:
        user = re.compile(rf"user <\d+:{re.escape(call_id)}>: .*{re.escape(outcome)}")
        return [line for line in self.log().splitlines() if user.search(line)]


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def coturn(folder: Path, *, secret: str) -> Iterator[Coturn]:
    """turnserver in the foreground (no daemon), UDP only, REST-API credentials from `secret`."""
    if shutil.which(TURNSERVER) is None:
        raise RuntimeError("coturn is not installed: apt-get install coturn (see .ci/run)")
    folder.mkdir(parents=True, exist_ok=True)
    port = free_udp_port()
    log_path = folder / "turn.log"
    config = folder / "turnserver.conf"
    config.write_text(
        "\n".join(
            [
                "listening-ip=127.0.0.1",
                "relay-ip=127.0.0.1",
                f"listening-port={port}",
                "use-auth-secret",
                f"static-auth-secret={secret}",
                f"realm={REALM}",
                "fingerprint",
                "allow-loopback-peers",  # both ends of the test call are on loopback
                "no-cli",
                "no-tcp",
                "no-tls",
                "no-dtls",
                "verbose",  # logs each request with its user: what the tests count
                f"log-file={log_path}",
                "simple-log",
                "no-stdout-log",
                f"pidfile={folder / 'turnserver.pid'}",
                f"userdb={folder / 'turndb'}",  # not the system's /var/lib/turn/turndb
                "",
            ]
        )
    )
    output = (folder / "turnserver.out").open("wb")
    process = subprocess.Popen(
        [TURNSERVER, "-c", str(config)], stdout=output, stderr=subprocess.STDOUT
    )
    output.close()
    server = Coturn(port, secret, log_path, process)
    try:
        _wait_answering(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_answering(server: Coturn, timeout: float = 30.0) -> None:
    """Until a STUN binding request to the listening port is answered."""
    request = bytes(
        stun.Message(message_method=stun.Method.BINDING, message_class=stun.Class.REQUEST)
    )
    deadline = time.monotonic() + timeout
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(0.2)
        while time.monotonic() < deadline:
            if server.process.poll() is not None:
                raise RuntimeError(f"turnserver exited early:\n{_text(server.log_path)}")
            sock.sendto(request, ("127.0.0.1", server.port))
            try:
                answer, _ = sock.recvfrom(2048)
            except (TimeoutError, ConnectionRefusedError):
                continue  # not listening yet
            if stun.parse_message(answer).message_class == stun.Class.RESPONSE:
                return
    raise RuntimeError(f"turnserver did not answer:\n{_text(server.log_path)}")


def _text(path: Path) -> str:
    return path.read_text(errors="replace") if path.exists() else "(no log)"

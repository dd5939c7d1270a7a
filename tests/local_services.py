"""Services a test runs on a loopback port of its own (Debian's nats-server, redis-server), to
stop and start them under a server that uses them."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable


def start_service(args: list[str], port: int) -> subprocess.Popen[bytes]:
    """Run `args` (which make the service listen on 127.0.0.1:`port`) until it listens."""
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    until(lambda: accepts(port), f"{args[0]} never listened")
    return process


def stop_service(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    process.wait()


def accepts(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def until(done: Callable[[], bool], failure: str) -> None:
    """Wait for `done`; the bound only guards against a state that never comes."""
    deadline = time.monotonic() + 60
    while not done():
        assert time.monotonic() < deadline, failure
        time.sleep(0.05)

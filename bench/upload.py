"""Recording upload throughput: 200 MB through tus with encryption, beside a plain HTTP copy.

Starts the real server (with a test master key) and, in the same run, a bare uvicorn/FastAPI
app whose one route writes the request body to a file and fsyncs it. The same bytes go to
both over loopback in the same chunks (one PATCH, or one POST, per chunk, on one keep-alive
connection), and each is timed. The chunks are as big as the clerk app's uploader lets them
grow on a fast link (`MAX_CHUNK_BYTES`, 16 MiB: it starts at 1 MiB and doubles while a PATCH
takes under a second), or `--chunk-mib N`. Every PATCH carries its chunk's
sha1 `Upload-Checksum`, as the clerk app sends it (computed before the clock starts: the
server's check is measured, not the client's). The two take turns, 3 rounds, each round a
new upload; prints MB/s for each and the ratio as the median of the rounds with their range
(target >= 0.5x). Run: .venv/bin/python bench/upload.py [megabytes] [--chunk-mib N]
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from clerk_app.recording.rules import MAX_CHUNK_BYTES
from tests.live_server import free_port, live_server
from tests.offers_helpers import InCall, in_call
from tests.recordings_helpers import create, patch, sha1_header

ROUNDS = 3
TARGET = 0.5

BARE = textwrap.dedent(
    """
    import os, sys
    import uvicorn
    from fastapi import FastAPI, Request
    app = FastAPI()
    target = sys.argv[2]

    @app.post("/copy")
    async def copy(request: Request) -> dict[str, int]:
        size = 0
        with open(target, "ab") as out:
            async for piece in request.stream():
                out.write(piece)
                size += len(piece)
            out.flush()
            os.fsync(out.fileno())
        return {"size": size}

    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), access_log=False,
                log_level="warning")
    """
)


def cpu_seconds(pid: int) -> float:
    """User and system time of the whole process so far, threads that have ended included."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Round:
    bare_seconds: float
    bare_cpu: float
    tus_seconds: float
    tus_cpu: float


def chunks(data: bytes, size: int) -> list[bytes]:
    return [data[start : start + size] for start in range(0, len(data), size)]


@contextmanager
def bare_server(folder: Path) -> Iterator[tuple[httpx.Client, int]]:
    port = free_port()
    script = folder / "bare.py"
    script.write_text(BARE)
    process = subprocess.Popen([sys.executable, str(script), str(port), str(folder / "copy")])
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            for _ in range(300):
                try:
                    client.post("/copy", content=b"")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            yield client, process.pid
    finally:
        process.terminate()
        process.wait()


def bare_copy(client: httpx.Client, pieces: list[bytes], target: Path) -> float:
    target.unlink(missing_ok=True)
    started = time.perf_counter()
    for piece in pieces:
        client.post("/copy", content=piece).raise_for_status()
    return time.perf_counter() - started


def tus_upload(client: httpx.Client, call: InCall, data: bytes, pieces: list[bytes]) -> float:
    checksums = [sha1_header(piece) for piece in pieces]
    started = time.perf_counter()
    created = create(client, call.clerk_auth, call.call_id, data)
    created.raise_for_status()
    location, offset = created.headers["Location"], 0
    for piece, checksum in zip(pieces, checksums, strict=True):
        answer = patch(client, call.clerk_auth, location, offset, piece, checksum)
        answer.raise_for_status()
        offset = int(answer.headers["Upload-Offset"])
    elapsed = time.perf_counter() - started
    assert answer.headers["Videoclerk-Checksum"] == "sha256 verified"
    return elapsed


async def rounds(data: bytes, pieces: list[bytes], folder: Path) -> list[Round]:
    """Time and server CPU time of each side per round, the two taking turns."""
    done = []
    with (
        bare_server(folder) as (bare, bare_pid),
        live_server(folder / "server") as server,
        httpx.Client(base_url=server.url, timeout=60) as client,
    ):
        call = await in_call(server, client, recording=True)
        for _ in range(ROUNDS):
            cpu = cpu_seconds(bare_pid)
            bare_seconds = bare_copy(bare, pieces, folder / "copy")
            bare_cpu = cpu_seconds(bare_pid) - cpu
            cpu = cpu_seconds(server.process.pid)
            tus_seconds = tus_upload(client, call, data, pieces)
            done.append(
                Round(bare_seconds, bare_cpu, tus_seconds, cpu_seconds(server.process.pid) - cpu)
            )
        await call.close()
    return done


def spread(values: list[float], unit: str, digits: int = 1) -> str:
    return (
        f"{statistics.median(values):.{digits}f}{unit} "
        f"(range {min(values):.{digits}f}-{max(values):.{digits}f})"
    )


def main() -> None:
    arguments = sys.argv[1:]
    chunk_mib = MAX_CHUNK_BYTES // (1024 * 1024)
    if "--chunk-mib" in arguments:
        index = arguments.index("--chunk-mib")
        chunk_mib = int(arguments[index + 1])
        del arguments[index : index + 2]
    megabytes = int(arguments[0]) if arguments else 200
    data = os.urandom(megabytes * 1000 * 1000)
    pieces = chunks(data, chunk_mib * 1024 * 1024)
    print(
        f"{megabytes} MB in chunks of {chunk_mib} MiB, sha1 per chunk, median of {ROUNDS} "
        f"rounds (range)"
    )
    with tempfile.TemporaryDirectory() as temporary:
        times = asyncio.run(rounds(data, pieces, Path(temporary)))
    size = len(data) / 1e6
    bare = [size / r.bare_seconds for r in times]
    tus = [size / r.tus_seconds for r in times]
    print(f"plain HTTP copy (fsync):   {spread(bare, ' MB/s')}")
    print(f"tus + Tink streaming AEAD: {spread(tus, ' MB/s')}")
    ratios = [r.bare_seconds / r.tus_seconds for r in times]
    print(f"ratio tus / plain:         {spread(ratios, 'x', 2)}  (target >= {TARGET}x)")
    print(
        f"server CPU time:           plain {spread([r.bare_cpu for r in times], ' s', 2)}, "
        f"tus {spread([r.tus_cpu for r in times], ' s', 2)}, "
        f"ratio {spread([r.tus_cpu / r.bare_cpu for r in times], 'x', 2)}"
    )


if __name__ == "__main__":
    main()

"""Recording upload throughput: 200 MB through tus with encryption, beside a plain HTTP copy.

Starts the real server (with a test master key) and, in the same run, a bare uvicorn/FastAPI
app whose one route writes the request body to a file and fsyncs it. The same bytes go to
both over loopback in the same 8 MiB chunks (one PATCH, or one POST, per chunk, on one
keep-alive connection), and each is timed. Prints MB/s for each and the ratio (target
>= 0.5x). Run: .venv/bin/python bench/upload.py [megabytes]
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.live_server import free_port, live_server
from tests.offers_helpers import in_call
from tests.recordings_helpers import OCTETS, TUS, create

CHUNK = 8 * 1024 * 1024

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


def chunks(data: bytes) -> list[bytes]:
    return [data[start : start + CHUNK] for start in range(0, len(data), CHUNK)]


def bare_copy(data: bytes, folder: Path) -> float:
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
            started = time.perf_counter()
            for piece in chunks(data):
                client.post("/copy", content=piece).raise_for_status()
            return time.perf_counter() - started
    finally:
        process.terminate()
        process.wait()


async def tus_upload(data: bytes, folder: Path) -> float:
    with (
        live_server(folder / "server") as server,
        httpx.Client(base_url=server.url, timeout=60) as client,
    ):
        call = await in_call(server, client, recording=True)
        started = time.perf_counter()
        created = create(client, call.clerk_auth, call.call_id, data)
        created.raise_for_status()
        location, offset = created.headers["Location"], 0
        for piece in chunks(data):
            headers = {**call.clerk_auth, **TUS, **OCTETS, "Upload-Offset": str(offset)}
            answer = client.patch(location, headers=headers, content=piece)
            answer.raise_for_status()
            offset = int(answer.headers["Upload-Offset"])
        elapsed = time.perf_counter() - started
        assert answer.headers["Videoclerk-Checksum"] == "sha256 verified"
        await call.close()
        return elapsed


def main() -> None:
    megabytes = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    data = os.urandom(megabytes * 1000 * 1000)
    print(f"{megabytes} MB, sha256 {hashlib.sha256(data).hexdigest()[:16]}…, chunks of 8 MiB")
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        bare = bare_copy(data, folder)
        tus = asyncio.run(tus_upload(data, folder))
    size = len(data) / 1e6
    print(f"plain HTTP copy (fsync):        {size / bare:7.1f} MB/s  ({bare:.2f} s)")
    print(f"tus + Tink streaming AEAD:      {size / tus:7.1f} MB/s  ({tus:.2f} s)")
    print(f"ratio tus / plain:              {bare / tus:7.2f}x  (target >= 0.5x)")


if __name__ == "__main__":
    main()

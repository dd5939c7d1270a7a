"""Recordings over the real server: a WebM to upload, and tus requests made by hand."""

from __future__ import annotations

import base64
import hashlib
import io
import random
import uuid
from fractions import Fraction
from pathlib import Path

import av
import httpx

from tests.live_server import LiveServer
from tests.offers_helpers import InCall, in_call

TUS = {"Tus-Resumable": "1.0.0"}
OCTETS = {"Content-Type": "application/offset+octet-stream"}
UPLOADS = "/api/v1/recordings/uploads"


def webm(seconds: float = 2.0, *, seed: int = 1) -> bytes:
    """A real WebM (VP8 video of noise, Opus audio): large for its length, and playable."""
    noise = random.Random(seed)
    out = io.BytesIO()
    with av.open(out, "w", format="webm") as container:
        video = container.add_stream("libvpx", rate=15)
        video.width, video.height, video.pix_fmt = 160, 120, "yuv420p"
        video.options = {"b": "2M"}
        audio = container.add_stream("libopus", rate=48000)
        for index in range(int(seconds * 15)):
            frame = av.VideoFrame(160, 120, "yuv420p")
            for plane in frame.planes:
                plane.update(noise.randbytes(plane.buffer_size))
            frame.pts, frame.time_base = index, Fraction(1, 15)
            container.mux(video.encode(frame))
        for index in range(int(seconds * 50)):
            sound = av.AudioFrame(format="s16", layout="mono", samples=960)
            sound.planes[0].update(bytes(b & 0x0F for b in noise.randbytes(1920)))
            sound.sample_rate, sound.pts = 48000, index * 960
            container.mux(audio.encode(sound))
        container.mux(video.encode(None))
        container.mux(audio.encode(None))
    return out.getvalue()


def metadata(call_id: str, data: bytes, **overrides: str) -> str:
    values = {
        "call_id": call_id,
        "recording_id": str(uuid.uuid4()),
        "sha256": hashlib.sha256(data).hexdigest(),
        "content_type": "video/webm",
        "duration_seconds": "2",
        **overrides,
    }
    return ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in values.items())


def create(
    client: httpx.Client, auth: dict[str, str], call_id: str, data: bytes, **overrides: str
) -> httpx.Response:
    return client.post(
        UPLOADS,
        headers={
            **auth,
            **TUS,
            "Upload-Length": str(len(data)),
            "Upload-Metadata": metadata(call_id, data, **overrides),
        },
    )


def patch(
    client: httpx.Client,
    auth: dict[str, str],
    location: str,
    offset: int,
    chunk: bytes,
    checksum: str | None = None,
) -> httpx.Response:
    headers = {**auth, **TUS, **OCTETS, "Upload-Offset": str(offset)}
    if checksum:
        headers["Upload-Checksum"] = checksum
    return client.patch(location, headers=headers, content=chunk)


def sha1_header(chunk: bytes) -> str:
    return "sha1 " + base64.b64encode(hashlib.sha1(chunk).digest()).decode()  # noqa: S324


def stored_files(data_dir: Path) -> list[Path]:
    return [path for path in (data_dir / "recordings").rglob("*") if path.is_file()]


async def recorded(server: LiveServer, client: httpx.Client, **options: object) -> InCall:
    """A live call whose visitor consented to a recording."""
    return await in_call(server, client, recording=True, **options)  # type: ignore[arg-type]


def upload(client: httpx.Client, call: InCall, data: bytes, *, finish: bool = True) -> str:
    """The upload's id; the whole file when `finish`, else its first half."""
    created = create(client, call.clerk_auth, call.call_id, data)
    assert created.status_code == 201, created.text
    location = created.headers["Location"]
    end = len(data) if finish else len(data) // 2
    answer = patch(client, call.clerk_auth, location, 0, data[:end])
    assert answer.status_code == 204, answer.text
    return location.rsplit("/", 1)[1]

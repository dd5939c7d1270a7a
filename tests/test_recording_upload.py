"""The app's uploader against the real server's tus endpoint: a recording goes up, survives a
killed server and a restarted app by resuming at the server's offset, and its spool copy is
deleted only once the server has verified the whole file."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from clerk_app.recording.rules import UploadState
from clerk_app.recording.spool import Spool, SpoolEntry
from clerk_app.recording.uploader import Uploads, UploadStatus
from tests.live_server import live_server
from tests.media_fixtures import eventually
from tests.offers_helpers import InCall, in_call
from tests.recordings_helpers import webm

CHUNK = 64 * 1024


@pytest.fixture(scope="module")
def media() -> bytes:
    return webm(4.0)


def spooled(spool: Spool, call_id: str, data: bytes) -> SpoolEntry:
    entry = spool.new_entry(call_id)
    spool.media_path(entry.recording_id).write_bytes(data)
    return spool.finish(entry, 4.0)


@contextlib.asynccontextmanager
async def running(
    spool: Spool, server_url: str, token: str, store: Path
) -> AsyncIterator[tuple[Uploads, list[UploadStatus]]]:
    uploads = Uploads(
        spool,
        server_url=server_url,
        token=token,
        store_path=store,
        chunk_bytes=CHUNK,
        delay=lambda attempt: 0.1,
    )
    seen: list[UploadStatus] = []
    uploads.add_listener(seen.append)
    task = asyncio.get_running_loop().create_task(uploads.run())
    try:
        yield uploads, seen
    finally:
        if task.done():
            task.result()  # a crashed run fails the test with its own error
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


def latest(seen: list[UploadStatus]) -> Callable[[], UploadStatus | None]:
    return lambda: seen[-1] if seen else None


async def test_an_upload_resumes_after_a_killed_server_and_a_restarted_app(
    tmp_path: Path, media: bytes
) -> None:
    data_dir, spool, store = tmp_path / "server", Spool(tmp_path / "spool"), tmp_path / "urls.json"
    call: InCall | None = None
    with live_server(data_dir) as first, httpx.Client(base_url=first.url, timeout=30) as client:
        port = urlsplit(first.url).port
        call = await in_call(first, client, recording=True)
        token = call.centre.clerk_tokens[0]
        admin = call.centre.org.admin
        entry = spooled(spool, call.call_id, media)
        async with running(spool, first.url, token, store) as (uploads, seen):
            # Part of it goes up; the clerk's next call pauses the upload between chunks.
            await eventually(lambda: any(s.sent >= 3 * CHUNK for s in seen), "three chunks")
            uploads.pause()
            await eventually(lambda: seen[-1].state is UploadState.WAITING, "paused")
            paused_at = seen[-1].sent
            assert 0 < paused_at < len(media)
            assert spool.media_path(entry.recording_id).is_file()

            first.kill()  # a crash
            uploads.resume()
            await eventually(
                lambda: seen[-1].state is UploadState.RETRYING and seen[-1].problem == "network",
                "retrying while the server is down",
            )
            assert spool.media_path(entry.recording_id).is_file()
        # The app quits too, and both come back.
        with contextlib.suppress(Exception):
            await call.close()

    with (
        live_server(data_dir, port=port) as second,
        httpx.Client(base_url=second.url, timeout=30) as client,
    ):
        async with running(spool, second.url, token, store) as (uploads, seen):
            await eventually(lambda: bool(seen) and seen[-1].state is UploadState.DONE, "done")
            # The restarted app found the recording in its spool and asked the server first.
            offsets = [s.sent for s in seen if s.state is UploadState.UPLOADING]
            assert offsets[0] == 0  # queued, not yet asked
            asked = [sent for sent in offsets if sent > 0]
            assert asked[0] >= paused_at
            assert asked[0] < len(media)
        assert not spool.media_path(entry.recording_id).exists()
        assert spool.entries() == []
        assert uploads.urls.get_item(entry.recording_id) is None
        listed = client.get("/api/v1/recordings", headers=admin).json()["items"]
        assert [(item["call_id"], item["status"]) for item in listed] == [
            (call.call_id, "complete")
        ]
        downloaded = client.get(f"/api/v1/recordings/{listed[0]['id']}/media", headers=admin)
        assert hashlib.sha256(downloaded.content).hexdigest() == hashlib.sha256(media).hexdigest()


async def test_without_consent_the_server_refuses_and_the_copy_is_deleted(
    tmp_path: Path, media: bytes
) -> None:
    with (
        live_server(tmp_path / "server") as server,
        httpx.Client(base_url=server.url, timeout=30) as client,
    ):
        call = await in_call(server, client, recording=False)
        spool = Spool(tmp_path / "spool")
        entry = spooled(spool, call.call_id, media)
        token = call.centre.clerk_tokens[0]
        async with running(spool, server.url, token, tmp_path / "urls.json") as (_, seen):
            await eventually(
                lambda: bool(seen) and seen[-1].state is UploadState.DISCARDED, "discarded"
            )
        assert seen[-1].problem == "no_recording_consent"
        assert not spool.media_path(entry.recording_id).exists() and spool.entries() == []
        await call.close()

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

from clerk_app.recording import rules
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
    spool: Spool,
    server_url: str,
    token: str,
    store: Path,
    *,
    next_chunk: Callable[[int, float], int] = lambda size, seconds: size,  # fixed, by default
) -> AsyncIterator[tuple[Uploads, list[UploadStatus]]]:
    uploads = Uploads(
        spool,
        server_url=server_url,
        token=token,
        store_path=store,
        chunk_bytes=CHUNK,
        delay=lambda attempt: 0.1,
        next_chunk=next_chunk,
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


class AnswerLosingProxy:
    """A loopback HTTP proxy, one request per connection, that forwards every request to the
    server but drops the server's answer to the PATCH that completes the upload: the server
    has the whole file, and the app never hears so (a network failure at the worst moment)."""

    def __init__(self, server_url: str, total: int) -> None:
        target = urlsplit(server_url)
        self._host, self._port, self._total = target.hostname or "", target.port or 80, total
        self.lost: list[bytes] = []
        self.url = ""
        self._server: asyncio.Server | None = None

    async def __aenter__(self) -> AnswerLosingProxy:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{self._server.sockets[0].getsockname()[1]}"
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            headers = dict(
                line.split(": ", 1) for line in head.decode().lower().split("\r\n")[1:] if line
            )
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            upstream_reader, upstream = await asyncio.open_connection(self._host, self._port)
            request = head.replace(b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n", 1)
            upstream.write(request.replace(b"Connection: keep-alive\r\n", b"") + body)
            answer = await upstream_reader.read()  # until the server closes
            upstream.close()
            completes = int(headers.get("upload-offset", "-1")) + len(body) == self._total
            if head.startswith(b"PATCH") and completes:
                self.lost.append(answer)  # the server answered; the app never hears it
                return
            writer.write(answer)
            await writer.drain()
        finally:
            writer.close()


async def test_a_lost_answer_to_the_last_chunk_is_confirmed_by_asking_the_server(
    tmp_path: Path, media: bytes
) -> None:
    with (
        live_server(tmp_path / "server") as server,
        httpx.Client(base_url=server.url, timeout=30) as client,
    ):
        call = await in_call(server, client, recording=True)
        spool = Spool(tmp_path / "spool")
        entry = spooled(spool, call.call_id, media)
        token = call.centre.clerk_tokens[0]
        async with (
            AnswerLosingProxy(server.url, len(media)) as proxy,
            running(spool, proxy.url, token, tmp_path / "urls.json") as (_, seen),
        ):
            await eventually(lambda: bool(seen) and seen[-1].state is UploadState.DONE, "done")
        # The server had verified the file; the app learnt it from the HEAD of its next try.
        assert len(proxy.lost) == 1 and b"sha256 verified" in proxy.lost[0].lower()
        assert any(s.state is UploadState.RETRYING and s.problem == "network" for s in seen)
        assert not spool.media_path(entry.recording_id).exists() and spool.entries() == []
        listed = client.get("/api/v1/recordings", headers=call.centre.org.admin).json()["items"]
        assert [(item["call_id"], item["status"]) for item in listed] == [
            (call.call_id, "complete")
        ]
        await call.close()


async def test_chunks_grow_on_a_fast_link(tmp_path: Path, media: bytes) -> None:
    """The uploader asks its chunk rule after every PATCH, with the size it just sent."""
    with (
        live_server(tmp_path / "server") as server,
        httpx.Client(base_url=server.url, timeout=30) as client,
    ):
        call = await in_call(server, client, recording=True)
        spool = Spool(tmp_path / "spool")
        spooled(spool, call.call_id, media)
        sizes: list[int] = []

        def doubling(size: int, seconds: float) -> int:
            sizes.append(size)
            return rules.next_chunk_bytes(size, 0.0)  # as if each PATCH were instant

        async with running(
            spool,
            server.url,
            call.centre.clerk_tokens[0],
            tmp_path / "urls.json",
            next_chunk=doubling,
        ) as (_, seen):
            await eventually(lambda: bool(seen) and seen[-1].state is UploadState.DONE, "done")
        assert sizes[:3] == [CHUNK, 2 * CHUNK, 4 * CHUNK]
        await call.close()


def test_the_chunk_rule_grows_on_fast_links_and_shrinks_on_slow_ones() -> None:
    mib = 1024 * 1024
    assert rules.next_chunk_bytes(mib, 0.1) == 2 * mib
    assert rules.next_chunk_bytes(rules.MAX_CHUNK_BYTES, 0.1) == rules.MAX_CHUNK_BYTES
    assert rules.next_chunk_bytes(mib, rules.CHUNK_SECONDS) == mib
    assert rules.next_chunk_bytes(mib, 10.0) == mib // 2
    assert rules.next_chunk_bytes(rules.MIN_CHUNK_BYTES, 60.0) == rules.MIN_CHUNK_BYTES

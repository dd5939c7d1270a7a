"""The tus 1.0 server against the real server: the specification's examples, checksums,
refusals, locking, tuspy resuming after a crash, and nothing readable on disk."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import io
import random
from collections.abc import AsyncIterator
from pathlib import Path

import av
import httpx
import pytest
from tusclient import client as tus_client

from server.recordings import segments
from tests.accounts_helpers import add_user, bearer, problem
from tests.live_server import LiveServer, live_server
from tests.media_fixtures import eventually
from tests.offers_helpers import in_call
from tests.recordings_helpers import (
    OCTETS,
    TUS,
    UPLOADS,
    create,
    metadata,
    patch,
    sha1_header,
    stored_files,
    webm,
)


@pytest.fixture(scope="module")
def media() -> bytes:
    return webm()


def test_options_lists_version_extensions_and_checksums(client: httpx.Client) -> None:
    answer = client.options(UPLOADS)
    assert answer.status_code == 204
    assert answer.headers["Tus-Resumable"] == "1.0.0"
    assert answer.headers["Tus-Version"] == "1.0.0"
    assert set(answer.headers["Tus-Extension"].split(",")) == {
        "creation",
        "creation-with-upload",
        "termination",
        "expiration",
        "checksum",
    }
    assert answer.headers["Tus-Checksum-Algorithm"] == "sha1,sha256"
    assert int(answer.headers["Tus-Max-Size"]) == 2 * 1024**3


async def test_the_specification_examples_upload_a_recording(
    server: LiveServer, client: httpx.Client, media: bytes
) -> None:
    call = await in_call(server, client, recording=True)
    auth = call.clerk_auth
    created = create(client, auth, call.call_id, media)  # creation
    assert created.status_code == 201, created.text
    assert created.headers["Tus-Resumable"] == "1.0.0"
    location = created.headers["Location"]
    assert "Upload-Expires" in created.headers
    head = client.head(location, headers={**auth, **TUS})  # core: HEAD
    assert head.status_code == 200
    assert head.headers["Upload-Offset"] == "0"
    assert head.headers["Upload-Length"] == str(len(media))
    assert head.headers["Cache-Control"] == "no-store"
    half = len(media) // 2
    first = patch(client, auth, location, 0, media[:half], sha1_header(media[:half]))
    assert first.status_code == 204, first.text
    assert first.headers["Upload-Offset"] == str(half)
    assert "Videoclerk-Checksum" not in first.headers
    # checksum: a tampered chunk is 460 and the offset does not move
    tampered = bytes([media[half] ^ 1]) + media[half + 1 :]
    refused = patch(client, auth, location, half, tampered, sha1_header(media[half:]))
    assert problem(refused, 460)["code"] == "checksum_mismatch"
    unfinished = client.head(location, headers={**auth, **TUS})
    assert unfinished.headers["Upload-Offset"] == str(half)
    assert "Videoclerk-Checksum" not in unfinished.headers
    wrong_offset = patch(client, auth, location, 0, media[:10])
    assert problem(wrong_offset, 409)["code"] == "offset_mismatch"
    rest = media[half:]
    digest = base64.b64encode(hashlib.sha256(rest).digest()).decode()
    last = patch(client, auth, location, half, rest, f"sha256 {digest}")
    assert last.status_code == 204, last.text
    assert last.headers["Upload-Offset"] == str(len(media))
    assert last.headers["Videoclerk-Checksum"] == "sha256 verified"
    recording_id = last.headers["Videoclerk-Recording-Id"]
    # an app whose final answer was lost confirms with HEAD
    done = client.head(location, headers={**auth, **TUS})
    assert done.headers["Upload-Offset"] == str(len(media))
    assert done.headers["Videoclerk-Checksum"] == "sha256 verified"
    assert done.headers["Videoclerk-Recording-Id"] == recording_id
    assert "Upload-Expires" not in done.headers
    # decrypted on the way out, byte for byte; a range too
    whole = client.get(f"/api/v1/recordings/{recording_id}/media", headers=call.centre.org.admin)
    assert whole.status_code == 200
    assert whole.content == media
    part = client.get(
        f"/api/v1/recordings/{recording_id}/media",
        headers={**call.centre.org.admin, "Range": "bytes=1000-1999"},
    )
    assert part.status_code == 206
    assert part.headers["Content-Range"] == f"bytes 1000-1999/{len(media)}"
    assert part.content == media[1000:2000]
    await call.close()


async def test_termination_deletes_the_upload(
    server: LiveServer, client: httpx.Client, media: bytes
) -> None:
    call = await in_call(server, client, recording=True)
    auth = call.clerk_auth
    location = create(client, auth, call.call_id, media).headers["Location"]
    assert patch(client, auth, location, 0, media[:5000]).status_code == 204
    folder = server.data_dir / "recordings" / location.rsplit("/", 1)[1]
    assert any(folder.iterdir())
    ended = client.delete(location, headers={**auth, **TUS})
    assert ended.status_code == 204
    assert ended.headers["Tus-Resumable"] == "1.0.0"
    assert client.head(location, headers={**auth, **TUS}).status_code == 404
    assert not folder.exists()
    await call.close()


async def test_creation_with_upload_and_the_same_recording_id_resumes(
    server: LiveServer, client: httpx.Client, media: bytes
) -> None:
    call = await in_call(server, client, recording=True)
    auth = call.clerk_auth
    meta = metadata(call.call_id, media)
    headers = {**call.clerk_auth, **TUS, **OCTETS, "Upload-Length": str(len(media))}
    first = client.post(UPLOADS, headers={**headers, "Upload-Metadata": meta}, content=media[:1000])
    assert first.status_code == 201, first.text
    assert first.headers["Upload-Offset"] == "1000"
    again = client.post(
        UPLOADS,
        headers={**auth, **TUS, "Upload-Length": str(len(media)), "Upload-Metadata": meta},
    )
    assert again.status_code == 201
    assert again.headers["Location"] == first.headers["Location"]
    assert again.headers["Upload-Offset"] == "1000"
    await call.close()


async def test_a_whole_file_that_does_not_match_its_sha256_is_discarded(
    server: LiveServer, client: httpx.Client, media: bytes
) -> None:
    call = await in_call(server, client, recording=True)
    auth = call.clerk_auth
    wrong = hashlib.sha256(b"something else").hexdigest()
    location = create(client, auth, call.call_id, media, sha256=wrong).headers["Location"]
    answer = patch(client, auth, location, 0, media)
    assert problem(answer, 460)["code"] == "file_checksum_mismatch"
    assert client.head(location, headers={**auth, **TUS}).status_code == 404
    await call.close()


async def test_refusals(server: LiveServer, client: httpx.Client, media: bytes) -> None:
    unconsented = await in_call(server, client)
    auth = unconsented.clerk_auth
    refused = create(client, auth, unconsented.call_id, media)
    assert problem(refused, 409)["code"] == "no_recording_consent"
    assert refused.headers["Tus-Resumable"] == "1.0.0"
    call = await in_call(server, client, recording=True)
    other_clerk = bearer(add_user(client, call.centre.org, "clerk")[1])
    assert problem(create(client, other_clerk, call.call_id, media), 403)["code"] == (
        "not_your_call"
    )
    # another organisation's call is not found
    assert problem(create(client, auth, call.call_id, media), 404)["code"] == "not_found"
    too_large = client.post(
        UPLOADS,
        headers={
            **call.clerk_auth,
            **TUS,
            "Upload-Length": str(3 * 1024**3),
            "Upload-Metadata": "call_id " + base64.b64encode(call.call_id.encode()).decode(),
        },
    )
    assert problem(too_large, 413)["code"] == "recording_too_large"
    no_version = client.post(UPLOADS, headers={**call.clerk_auth, "Upload-Length": "10"})
    assert problem(no_version, 412)["code"] == "tus_version_unsupported"
    location = create(client, call.clerk_auth, call.call_id, media).headers["Location"]
    not_octets = client.patch(
        location,
        headers={**call.clerk_auth, **TUS, "Upload-Offset": "0", "Content-Type": "text/plain"},
        content=b"x",
    )
    assert problem(not_octets, 415)["code"] == "unsupported_media_type"
    assert client.head(location, headers={**auth, **TUS}).status_code == 404  # not its clerk
    await unconsented.close()
    await call.close()


async def test_a_second_request_while_one_writes_is_409(
    server: LiveServer, client: httpx.Client, media: bytes
) -> None:
    call = await in_call(server, client, recording=True)
    auth = call.clerk_auth
    location = create(client, auth, call.call_id, media).headers["Location"]
    release = asyncio.Event()

    async def slow_body() -> AsyncIterator[bytes]:
        yield media[:1000]
        await release.wait()
        yield media[1000:2000]

    async with httpx.AsyncClient(base_url=server.url, timeout=30) as http:
        headers = {**auth, **TUS, **OCTETS, "Upload-Offset": "0"}
        writing = asyncio.create_task(http.patch(location, headers=headers, content=slow_body()))
        # A probe at a wrong offset never takes the lock: offset_mismatch until the first
        # request holds it, then upload_locked.
        probe = {**headers, "Upload-Offset": "999999"}
        for _ in range(1000):
            second = await http.patch(location, headers=probe, content=b"")
            if problem(second, 409)["code"] != "offset_mismatch":
                break
        assert problem(second, 409)["code"] == "upload_locked"
        release.set()
        first = await writing
    assert first.status_code == 204
    assert first.headers["Upload-Offset"] == "2000"
    await call.close()


async def test_no_master_key_refuses_recordings(tmp_path: Path, media: bytes) -> None:
    env = {"VIDEOCLERK_RECORDINGS_MASTER_KEY": ""}
    with live_server(tmp_path / "server", env=env) as bare, httpx.Client(base_url=bare.url) as c:
        call = await in_call(bare, c, recording=True)
        refused = problem(create(c, call.clerk_auth, call.call_id, media), 503)
        assert refused["code"] == "recordings_not_configured"
        assert "make-master-key" in refused["detail"]
        await call.close()


async def test_tuspy_resumes_after_a_crash_and_nothing_readable_is_stored(
    tmp_path: Path, media: bytes
) -> None:
    data_dir = tmp_path / "server"
    with live_server(data_dir) as first, httpx.Client(base_url=first.url, timeout=30) as c:
        call = await in_call(first, c, recording=True)
        fields = {
            "call_id": call.call_id,
            "recording_id": "6f1c1f9e-3a4b-4c1d-9e57-2f3a4b5c6d7e",
            "sha256": hashlib.sha256(media).hexdigest(),
            "content_type": "video/webm",
        }
        tus = tus_client.TusClient(f"{first.url}{UPLOADS}", headers=call.clerk_auth)
        uploader = tus.uploader(
            file_stream=io.BytesIO(media),
            chunk_size=100_000,
            metadata=fields,
            upload_checksum=True,
        )
        uploader.upload(stop_at=300_000)
        assert uploader.offset == 300_000
        await call.clerk.close()
        await call.visitor.close()
        admin = call.centre.org.admin
        stored_url = uploader.url.replace(first.url, "")  # as the app keeps it, by recording id
        first.kill()
    with live_server(data_dir) as second, httpx.Client(base_url=second.url, timeout=30) as c:
        tus = tus_client.TusClient(f"{second.url}{UPLOADS}", headers=call.clerk_auth)
        resumed = tus.uploader(
            file_stream=io.BytesIO(media),
            chunk_size=100_000,
            metadata=fields,
            upload_checksum=True,
            url=f"{second.url}{stored_url}",
        )
        assert resumed.offset == 300_000  # asked with HEAD
        resumed.upload()
        assert resumed.offset == len(media)
        listed = c.get("/api/v1/recordings", headers=admin).json()["items"]
        assert [item["status"] for item in listed] == ["complete"]
        downloaded = c.get(f"/api/v1/recordings/{listed[0]['id']}/media", headers=admin)
        assert downloaded.content == media
        with av.open(io.BytesIO(downloaded.content)) as container:
            assert {stream.type for stream in container.streams} == {"video", "audio"}
        stored = stored_files(data_dir)
        assert len(stored) >= 6  # one segment per acknowledged chunk
        blocks = [media[start : start + 2048] for start in range(0, len(media) - 2047, 2048)]
        for path in stored:
            data = path.read_bytes()
            # Any 4 KiB run of the original contains one of these aligned 2 KiB blocks.
            assert not any(block in data for block in blocks), path
            # Not the recording's format: no EBML header, and the WebM demuxer refuses it. (A
            # bare probe is no test: FFmpeg now and then takes random bytes for MP3 or MPEG-TS.)
            assert not data.startswith(media[:4]), path
            with pytest.raises(av.error.FFmpegError):
                av.open(str(path), format="matroska").close()


def folder_files(server: LiveServer, location: str) -> list[str]:
    folder = server.data_dir / "recordings" / location.rsplit("/", 1)[1]
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


async def test_a_chunk_of_several_segments_is_checked_whole_and_leaves_nothing_when_wrong(
    server: LiveServer, client: httpx.Client
) -> None:
    # 8 MiB and a half: two segments, encrypted while the body arrives; the tampered byte
    # lies in the second, after the first has been written out.
    data = random.Random(7).randbytes(segments.SEGMENT_BYTES + segments.SEGMENT_BYTES // 2)
    call = await in_call(server, client, recording=True)
    auth = call.clerk_auth
    location = create(client, auth, call.call_id, data).headers["Location"]
    head = patch(client, auth, location, 0, data[:1000], sha1_header(data[:1000]))
    assert head.status_code == 204
    chunk = data[1000:]
    tampered = bytearray(chunk)
    tampered[-5] ^= 1
    refused = patch(client, auth, location, 1000, bytes(tampered), sha1_header(chunk))
    assert problem(refused, 460)["code"] == "checksum_mismatch"
    assert client.head(location, headers={**auth, **TUS}).headers["Upload-Offset"] == "1000"
    assert folder_files(server, location) == [f"{0:015d}.seg"]  # no stray part

    accepted = patch(client, auth, location, 1000, chunk, sha1_header(chunk))
    assert accepted.status_code == 204, accepted.text
    assert accepted.headers["Videoclerk-Checksum"] == "sha256 verified"
    assert folder_files(server, location) == [
        f"{start:015d}.seg" for start in (0, 1000, 1000 + segments.SEGMENT_BYTES)
    ]
    media = f"/api/v1/recordings/{accepted.headers['Videoclerk-Recording-Id']}/media"
    admin = call.centre.org.admin
    assert client.get(media, headers=admin).content == data
    boundary = 1000 + segments.SEGMENT_BYTES  # a range across two segments
    across = client.get(media, headers={**admin, "Range": f"bytes={boundary - 10}-{boundary + 9}"})
    assert across.status_code == 206
    assert across.content == data[boundary - 10 : boundary + 10]
    await call.close()


async def test_a_checked_chunk_cut_off_midway_leaves_nothing(
    server: LiveServer, client: httpx.Client
) -> None:
    data = random.Random(8).randbytes(3 * 1024 * 1024)
    call = await in_call(server, client, recording=True)
    auth = call.clerk_auth
    location = create(client, auth, call.call_id, data).headers["Location"]
    sent = asyncio.Event()

    async def cut_off() -> AsyncIterator[bytes]:
        for start in range(0, 2 * 1024 * 1024, 64 * 1024):
            yield data[start : start + 64 * 1024]
        sent.set()
        await asyncio.Event().wait()  # hangs until the request is cancelled

    headers = {**auth, **TUS, **OCTETS, "Upload-Offset": "0", "Upload-Checksum": sha1_header(data)}
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as http:
        writing = asyncio.create_task(http.patch(location, headers=headers, content=cut_off()))
        await sent.wait()
        await eventually(lambda: bool(folder_files(server, location)), "a part being written")
        writing.cancel()  # the connection closes with the body half sent
        with pytest.raises(asyncio.CancelledError):
            await writing
    await eventually(lambda: folder_files(server, location) == [], "the part removed")
    assert client.head(location, headers={**auth, **TUS}).headers["Upload-Offset"] == "0"
    await call.close()

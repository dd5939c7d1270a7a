"""The clerk app records a call while, and only while, the visitor consents: the real server,
the clerk's desk, and an aiortc visitor on loopback. The WebM file is read back with PyAV."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import av
import httpx
import pytest

from clerk_app.call.session import CallSession
from clerk_app.queue.connection import ClerkConnection
from clerk_app.queue.desk import ClerkDesk
from clerk_app.recording.recorder import Recorder
from clerk_app.recording.spool import Spool, SpoolEntry
from clerk_app.server_address import ServerAddress
from tests.live_server import LiveServer
from tests.media_fixtures import eventually, loopback_ice_fixture, mono_samples, tone_level
from tests.qt_fixtures import MediaVisitor
from tests.queue_helpers import CallCentre, call_centre

__all__ = ["loopback_ice_fixture"]


@pytest.fixture
def centre(client: httpx.Client) -> CallCentre:
    return call_centre(client)


@pytest.fixture
async def desk(
    server: LiveServer, centre: CallCentre, loopback_ice: None
) -> AsyncIterator[ClerkDesk]:
    desk = ClerkDesk(ClerkConnection(ServerAddress.parse(server.url), centre.clerk_tokens[0]))
    await desk.start()
    await desk.set_presence("available")
    await eventually(lambda: desk.state.presence == "available", "available")
    yield desk
    await desk.close()


async def take_call(
    desk: ClerkDesk, server: LiveServer, centre: CallCentre, *, recording: bool
) -> tuple[CallSession, MediaVisitor]:
    visitor = await MediaVisitor.waiting(
        server.url, centre.widget_key, centre.queue_ids[0], recording=recording
    )
    await eventually(lambda: bool(desk.state.waiting), "the visitor waiting")
    call = await desk.take()
    await eventually(lambda: desk.state.consent is not None, "the visitor's consent")
    return call, visitor


def frames_flowed(call: CallSession, count: int) -> bool:
    return call.peer is not None and call.peer.video_frames_received > count


async def hang_up(desk: ClerkDesk, recorder: Recorder, visitor: MediaVisitor) -> None:
    await desk.hang_up()
    await eventually(lambda: desk.state.call is None, "the call closed")
    await recorder.wait_idle()
    await visitor.close()


def spool_files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


async def test_a_consented_call_becomes_a_webm_with_the_visitors_picture_and_both_voices(
    server: LiveServer, centre: CallCentre, desk: ClerkDesk, tmp_path: Path
) -> None:
    ready: list[SpoolEntry] = []
    spool = Spool(tmp_path / "spool")
    recorder = Recorder(desk, spool, on_ready=ready.append)
    call, visitor = await take_call(desk, server, centre, recording=True)
    assert not call.assigned.record_clerk_video  # unless the organisation chooses it
    await eventually(lambda: call.recording_active, "recording from the start")
    await eventually(lambda: frames_flowed(call, 45), "three seconds of the visitor", within=30)
    await hang_up(desk, recorder, visitor)

    assert len(ready) == 1 and ready[0].call_id == call.call_id and ready[0].finished
    assert ready[0].duration_seconds > 1
    path = spool.media_path(ready[0].recording_id)
    assert spool.entries() == ready
    with av.open(str(path)) as container:
        assert container.format.name.startswith("matroska,webm")
        kinds = [(stream.type, stream.codec_context.name) for stream in container.streams]
        # One audio track: players play only one, so both voices are mixed into it.
        assert kinds == [("video", "vp8"), ("audio", "opus")]
        video = list(container.decode(video=0))
    assert len(video) > 20 and video[-1].width == 640  # the file's size; the visitor's scaled
    with av.open(str(path)) as container:
        voices = mono_samples(list(container.decode(audio=0)))
    assert len(voices) > 48_000
    # The tones: 880 Hz from the visitor, 440 Hz from the clerk's test source, both heard.
    loudness = {hz: tone_level(voices, hz) for hz in (440, 880, 660)}
    assert loudness[440] > 20 * loudness[660] and loudness[880] > 20 * loudness[660], loudness


async def test_without_consent_nothing_is_written(
    server: LiveServer, centre: CallCentre, desk: ClerkDesk, tmp_path: Path
) -> None:
    ready: list[SpoolEntry] = []
    folder = tmp_path / "spool"
    recorder = Recorder(desk, Spool(folder), on_ready=ready.append)
    call, visitor = await take_call(desk, server, centre, recording=False)
    await eventually(lambda: frames_flowed(call, 30), "two seconds of the visitor", within=30)
    assert not call.recording_active
    assert spool_files(folder) == []
    await hang_up(desk, recorder, visitor)
    assert ready == [] and spool_files(folder) == []


async def test_consent_given_later_records_then_and_withdrawal_deletes_at_once(
    server: LiveServer, centre: CallCentre, desk: ClerkDesk, tmp_path: Path
) -> None:
    ready: list[SpoolEntry] = []
    folder = tmp_path / "spool"
    recorder = Recorder(desk, Spool(folder), on_ready=ready.append)
    call, visitor = await take_call(desk, server, centre, recording=False)
    await eventually(lambda: frames_flowed(call, 15), "the visitor's picture", within=30)
    assert spool_files(folder) == []

    await visitor.change_consent(recording=True, transcription=False)
    await eventually(lambda: call.recording_active, "recording once consent is given")
    [entry] = Spool(folder).entries()
    running = recorder.call
    assert running is not None and running.entries == [entry]
    await eventually(lambda: running.recorded_seconds > 1, "a second recorded")

    await visitor.change_consent(recording=False, transcription=False)
    await eventually(lambda: not call.recording_active, "recording stopped")
    await recorder.wait_idle()
    assert spool_files(folder) == []
    # Frames go on flowing; none of them reaches a file.
    seen = call.peer.video_frames_received if call.peer is not None else 0
    await eventually(lambda: frames_flowed(call, seen + 15), "more of the visitor")
    assert spool_files(folder) == []
    await hang_up(desk, recorder, visitor)
    assert ready == [] and spool_files(folder) == []


async def test_the_clerks_picture_is_recorded_too_where_the_organisation_chose_it(
    server: LiveServer, centre: CallCentre, desk: ClerkDesk, client: httpx.Client, tmp_path: Path
) -> None:
    chosen = client.put(
        "/api/v1/recordings/settings",
        headers=centre.org.admin,
        json={"retention_days": 30, "clerk_video": True},
    )
    assert chosen.status_code == 200, chosen.text
    ready: list[SpoolEntry] = []
    spool = Spool(tmp_path / "spool")
    recorder = Recorder(desk, spool, on_ready=ready.append)
    call, visitor = await take_call(desk, server, centre, recording=True)
    assert call.assigned.record_clerk_video
    await eventually(lambda: frames_flowed(call, 30), "two seconds of the visitor", within=30)
    await hang_up(desk, recorder, visitor)
    [entry] = ready
    with av.open(str(spool.media_path(entry.recording_id))) as container:
        kinds = [(stream.type, stream.codec_context.name) for stream in container.streams]
        assert kinds == [("video", "vp8"), ("video", "vp8"), ("audio", "opus")]
        clerk_frames = list(container.decode(video=1))
    assert len(clerk_frames) > 10

"""End to end: a visitor in real Chromium reaches a clerk's Python client, face to face (P1, P2)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import av
import httpx
import pytest

from clerk_app.media import LocalTracks, MediaSourceChoice, TestPatternVideoTrack, ToneAudioTrack
from clerk_app.queue.connection import ClerkConnection
from clerk_app.queue.desk import ClerkDesk
from clerk_app.server_address import ServerAddress
from tests.browser_call import chromium, loopback_only_stun, stats, visitor_calls, wait_until
from tests.live_server import LiveServer
from tests.media_fixtures import eventually, loopback_ice_fixture, rms
from tests.queue_helpers import CallCentre, call_centre

__all__ = ["loopback_ice_fixture"]


@pytest.fixture
def centre(client: httpx.Client) -> CallCentre:
    return call_centre(client, queues=("Sales", "Service"))


CLERK_PICTURE = (480, 272)  # unusual on purpose: the browser must show exactly this


def clerk_sources(_: MediaSourceChoice) -> LocalTracks:
    return LocalTracks(audio=ToneAudioTrack(), video=TestPatternVideoTrack(*CLERK_PICTURE))


@pytest.fixture
async def desk(
    server: LiveServer, centre: CallCentre, loopback_ice: None, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[ClerkDesk]:
    loopback_only_stun(monkeypatch)
    desk = ClerkDesk(
        ClerkConnection(ServerAddress.parse(server.url), centre.clerk_tokens[0]),
        open_tracks=clerk_sources,
    )
    await desk.start()
    await desk.set_presence("available")
    yield desk
    await desk.close()


@pytest.mark.parametrize("hanging_up", ["clerk", "visitor"])
async def test_browser_visitor_and_clerk_see_and_hear_each_other(
    server: LiveServer,
    centre: CallCentre,
    desk: ClerkDesk,
    client: httpx.Client,
    hanging_up: str,
) -> None:
    async with chromium() as browser:
        page = await browser.new_page()
        await visitor_calls(page, f"{server.url}/w/{centre.widget_key}", queue="Service")
        await eventually(lambda: bool(desk.state.waiting), "the visitor in the clerk's queue")
        waiting = desk.state.waiting[0]
        assert (waiting.queue_names["en"], waiting.recording, waiting.transcription) == (
            "Service",
            True,
            False,
        )
        call = await desk.take()
        frames: list[av.VideoFrame] = []
        call.add_video_listener(frames.append)
        assert call.peer is not None
        sounds: list[av.AudioFrame] = []
        call.peer.add_audio_listener(sounds.append)
        await wait_until(page, "document.body.dataset.state === 'in_call'")
        # The clerk decodes the browser's fake camera and microphone.
        await eventually(lambda: len(frames) > 10, "the visitor's video at the clerk", within=30)
        # WebRTC may scale the camera down to fit the bit rate, never change its shape.
        width, height = await page.evaluate("[local.videoWidth, local.videoHeight]")
        assert frames[-1].width * height == frames[-1].height * width
        assert 0 < frames[-1].width <= width
        await eventually(lambda: len(sounds) > 50, "the visitor's audio at the clerk", within=30)
        assert max(rms(frame) for frame in sounds) > 100
        # The browser decodes the clerk's test pattern and tone.
        await wait_until(page, "window.videoclerkStats.framesDecoded > 10")
        await wait_until(page, "window.videoclerkStats.audioEnergy > 0")
        seen = await stats(page)
        assert (seen["frameWidth"], seen["frameHeight"]) == CLERK_PICTURE
        if hanging_up == "clerk":
            await desk.hang_up()
        else:
            await page.get_by_role("button", name="Hang up").click()
        await wait_until(page, "document.body.dataset.state === 'ended'")
        await eventually(lambda: desk.state.call is None, "the call closed at the clerk")
        shown = await page.locator("#ended-reference").inner_text()
        assert call.assigned.reference in shown
        assert call.peer.state.value == "closed"
    record = client.get(f"/api/v1/calls/{call.call_id}", headers=centre.org.admin).json()
    assert record["outcome"] == "answered"
    assert record["ended_at"] is not None
    assert record["end_reason"].startswith(hanging_up)
    assert set(record) & {"name", "email", "phone", "ip", "user_agent"} == set()


async def test_reloading_the_page_mid_call_resumes_the_call_on_a_fresh_connection(
    server: LiveServer, centre: CallCentre, desk: ClerkDesk
) -> None:
    async with chromium() as browser:
        page = await browser.new_page()
        await visitor_calls(page, f"{server.url}/w/{centre.widget_key}", queue="Sales")
        await eventually(lambda: bool(desk.state.waiting), "the visitor in the clerk's queue")
        call = await desk.take()
        await wait_until(page, "window.videoclerkStats.framesDecoded > 5")
        await page.reload()
        await wait_until(page, "document.body.dataset.state === 'in_call'")
        await eventually(lambda: call.restarts == 1, "the clerk renegotiated")
        await wait_until(page, "window.videoclerkStats.framesDecoded > 5")
        assert desk.state.call is call
        await desk.hang_up()
        await wait_until(page, "document.body.dataset.state === 'ended'")

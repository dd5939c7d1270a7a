"""Recording end to end: a visitor in real Chromium (the widget panel, fake camera and
microphone), the Qt clerk app as it runs (log-in wires the recorder and the uploader), and the
real server that stores the recording encrypted.

(a) With consent the call is recorded, uploaded after the call, and downloads decrypted as a
WebM with the visitor's picture and voice of about the call's length. (b) Without consent
nothing is written, here or on the server. (c) The visitor's "Stop recording" mid-call stops
the recording and leaves nothing of that call, here or on the server.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import asyncio
import io
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

import av
import httpx
import pytest
import qasync
from playwright.async_api import Page

from clerk_app.call.view import CallView
from clerk_app.recording.recorder import Recorder
from clerk_app.recording.spool import Spool
from clerk_app.shell.app import ClerkApp
from clerk_app.shell.calls_page import CallsPage
from tests.accounts_helpers import STRONG_PASSWORD
from tests.browser_call import chromium, loopback_only_stun, visitor_calls, wait_until
from tests.live_server import LiveServer
from tests.media_fixtures import eventually, loopback_ice_fixture
from tests.qt_fixtures import AppHarness, harness_fixture, log_in, qt_loop_fixture, run
from tests.queue_helpers import CallCentre, call_centre

__all__ = ["harness_fixture", "loopback_ice_fixture", "qt_loop_fixture"]


@dataclass
class Clerk:
    app: ClerkApp
    page: CallsPage

    @property
    def view(self) -> CallView:
        return self.page.call_view

    @property
    def spool(self) -> Spool:
        runtime = self.app.recordings
        assert runtime is not None and runtime.uploads is not None
        return runtime.uploads.spool

    @property
    def recorder(self) -> Recorder:
        runtime = self.app.recordings
        assert runtime is not None and runtime.recorder is not None
        return runtime.recorder

    @property
    def recording(self) -> bool:
        return not self.view.recording_badge.isHidden()

    def recorded_seconds(self) -> float:
        call = self.recorder.call
        return call.recorded_seconds if call is not None else 0.0

    def spool_files(self) -> list[str]:
        folder = self.spool.folder
        return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


Scenario = Callable[[Clerk, Page, dict[str, float]], Coroutine[Any, Any, None]]


def in_a_call(
    server: LiveServer,
    client: httpx.Client,
    harness: AppHarness,
    qt_loop: qasync.QEventLoop,
    monkeypatch: pytest.MonkeyPatch,
    *,
    recording: str,
    scenario: Scenario,
) -> tuple[CallCentre, str, dict[str, float]]:
    """Log in, take a Chromium visitor's call (who answered `recording`), run `scenario`
    during the call (the visitor's picture already painted), hang up from the app and wait
    until the app is done with the call (finished, handed on). Returns the call id and the
    loop's times of the steps ("take", "hang_up", "ended", and what `scenario` adds)."""
    loopback_only_stun(monkeypatch)
    centre = call_centre(client)
    app, email = harness.for_new_user(client, centre.org, server.url)
    seen: dict[str, str] = {}
    times: dict[str, float] = {}

    async def steps() -> None:
        loop = asyncio.get_running_loop()
        await log_in(app, email, STRONG_PASSWORD)
        window = app.main_window
        assert window is not None
        window.show()
        clerk = Clerk(app, window.calls_page)
        page = clerk.page
        page.presence.available_button.click()
        await eventually(lambda: page.presence.state == "available", "available")
        async with chromium() as browser:
            tab = await browser.new_page()
            await visitor_calls(
                tab, f"{server.url}/w/{centre.widget_key}", queue="Sales", recording=recording
            )
            await eventually(lambda: page.queue_model.rowCount() == 1, "the visitor waiting")
            await eventually(lambda: page.queue_panel.take_next_button.isEnabled(), "Take next")
            times["take"] = loop.time()
            page.queue_panel.take_next_button.click()
            await eventually(lambda: page.call_model is not None, "the call taken", within=15)
            model = page.call_model
            assert model is not None
            seen["call_id"] = model.call_id
            await wait_until(tab, "document.body.dataset.state === 'in_call'")
            remote = clerk.view.stage.remote
            await eventually(lambda: remote.frames_received > 10, "the visitor's video", within=30)

            await scenario(clerk, tab, times)

            times["hang_up"] = loop.time()
            clerk.view.hang_up_button.click()
            await eventually(lambda: page.stack.currentWidget() is page.wrap_up, "wrap-up")
            await clerk.recorder.wait_idle()
            times["ended"] = loop.time()
            assert not clerk.recording
            await wait_until(tab, "document.body.dataset.state === 'ended'")

    run(qt_loop, steps(), timeout=180)
    return centre, seen["call_id"], times


def recordings_of(client: httpx.Client, centre: CallCentre, call_id: str) -> list[dict[str, Any]]:
    answer = client.get("/api/v1/recordings", headers=centre.org.admin)
    answer.raise_for_status()
    return [item for item in answer.json()["items"] if item["call_id"] == call_id]


def spool_of(app: ClerkApp) -> Spool:
    runtime = app.recordings
    assert runtime is not None and runtime.uploads is not None
    return runtime.uploads.spool


def test_a_consented_call_arrives_on_the_server_and_plays(
    server: LiveServer,
    client: httpx.Client,
    harness: AppHarness,
    qt_loop: qasync.QEventLoop,
    loopback_ice: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    waiting_rows: list[int] = []

    async def record_a_while(clerk: Clerk, _tab: Page, times: dict[str, float]) -> None:
        await eventually(lambda: clerk.recording, "the Recording badge", within=15)
        times["recording"] = asyncio.get_running_loop().time()
        assert clerk.view.consent_panel.recording_active
        [entry] = clerk.spool.entries()
        assert not entry.finished
        model = clerk.app.uploads_model
        assert model is not None
        model.rowsInserted.connect(lambda *_: waiting_rows.append(model.rowCount()))
        await eventually(lambda: clerk.recorded_seconds() > 4, "four seconds", within=60)

    centre, call_id, times = in_a_call(
        server, client, harness, qt_loop, monkeypatch, recording="Yes", scenario=record_a_while
    )
    app = harness.apps[-1]
    spool = spool_of(app)

    async def uploaded() -> None:
        await eventually(lambda: spool.entries() == [], "the spool emptied", within=120)

    run(qt_loop, uploaded())
    # The panel listed it while it waited; the status bar's button shows the count.
    assert waiting_rows == [1]
    assert list(spool.folder.iterdir()) == []
    window = app.main_window
    assert window is not None and window.uploads_button is not None
    assert window.uploads_button.text() == "Recordings waiting: 0"

    [item] = recordings_of(client, centre, call_id)
    assert item["status"] == "complete" and item["received"] == item["size"]
    media = client.get(f"/api/v1/recordings/{item['id']}/media", headers=centre.org.admin)
    assert media.status_code == 200 and len(media.content) == item["size"]
    with av.open(io.BytesIO(media.content)) as container:
        kinds = [(stream.type, stream.codec_context.name) for stream in container.streams]
        assert kinds == [("video", "vp8"), ("audio", "opus")]  # both voices, mixed
        video = list(container.decode(video=0))
    with av.open(io.BytesIO(media.content)) as container:
        voice = list(container.decode(audio=0))
    assert len(video) > 10 and video[-1].width == 640
    # Chromium's fake camera moves: the pictures differ.
    assert any(bytes(frame.planes[0]) != bytes(video[0].planes[0]) for frame in video[1:])
    # About the call's length: at least from the badge to the hang-up, at most from the
    # take to the end (half a second either way for codec framing). The track runs that
    # long, but on a loaded machine not every audio packet arrives in time: the writer
    # leaves those gaps silent, so the samples decoded may add up to less.
    last = voice[-1]
    length = float(last.pts * last.time_base) + last.samples / 48_000
    heard = sum(frame.samples for frame in voice) / 48_000
    pictured = float(video[-1].pts * video[-1].time_base)
    shortest, longest = times["hang_up"] - times["recording"], times["ended"] - times["take"]
    assert shortest - 0.5 <= length <= longest + 0.5, (length, times)
    assert shortest - 1.0 <= pictured <= longest + 0.5, (pictured, times)
    assert heard > 1.0
    assert item["duration_seconds"] == pytest.approx(length, abs=0.5)


def test_without_consent_nothing_is_written(
    server: LiveServer,
    client: httpx.Client,
    harness: AppHarness,
    qt_loop: qasync.QEventLoop,
    loopback_ice: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def talk(clerk: Clerk, tab: Page, _times: dict[str, float]) -> None:
        remote = clerk.view.stage.remote
        seen = remote.frames_received
        await eventually(lambda: remote.frames_received > seen + 30, "more of the visitor")
        assert clerk.page.call_model is not None
        assert clerk.page.call_model.consent.choices["recording"].granted is False
        assert not clerk.recording and clerk.recorder.call is not None
        assert clerk.spool_files() == []
        assert await tab.locator("#recording-state").inner_text() == "This call is not recorded."

    centre, call_id, _times = in_a_call(
        server, client, harness, qt_loop, monkeypatch, recording="No", scenario=talk
    )
    spool = spool_of(harness.apps[-1])
    assert not spool.folder.exists() or list(spool.folder.iterdir()) == []
    assert recordings_of(client, centre, call_id) == []


def test_withdrawal_mid_call_leaves_nothing_of_the_call(
    server: LiveServer,
    client: httpx.Client,
    harness: AppHarness,
    qt_loop: qasync.QEventLoop,
    loopback_ice: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def withdraw(clerk: Clerk, tab: Page, _times: dict[str, float]) -> None:
        await eventually(lambda: clerk.recording, "the Recording badge", within=15)
        await eventually(lambda: clerk.recorded_seconds() > 1, "a second recorded", within=60)
        assert len(clerk.spool_files()) == 2  # the media and its record
        await tab.get_by_role("button", name="Stop recording").click()
        await wait_until(
            tab, "document.querySelector('#recording-state').textContent.includes('not recorded')"
        )
        await eventually(lambda: not clerk.recording, "the badge gone", within=15)
        await clerk.recorder.wait_idle()
        assert clerk.spool_files() == []
        # The call goes on, and nothing of it reaches a file.
        remote = clerk.view.stage.remote
        seen = remote.frames_received
        await eventually(lambda: remote.frames_received > seen + 30, "more of the visitor")
        assert clerk.spool_files() == []

    centre, call_id, _times = in_a_call(
        server, client, harness, qt_loop, monkeypatch, recording="Yes", scenario=withdraw
    )
    assert list(spool_of(harness.apps[-1]).folder.iterdir()) == []
    assert recordings_of(client, centre, call_id) == []

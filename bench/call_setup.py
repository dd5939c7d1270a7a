"""Call setup: from the visitor's "Call" to the first decoded frame on both sides.

Full stack: the widget panel in Debian's Chromium (fake camera), the server, the queue, and
the clerk's Python client, which takes the visitor as soon as the visitor appears.
Floor, measured in the same run: the same Chromium and fake camera connected straight to a
bare aiortc peer (aiortc offers, as our clerk does), no server or queue in between.
Prints the median of RUNS for each, and the ratios (target ≤ 1.2x).

Loopback only. Run: .venv/bin/python bench/call_setup.py
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from clerk_app.media import CallPeer, LocalTracks, TestPatternVideoTrack, ToneAudioTrack
from clerk_app.queue.connection import ClerkConnection
from clerk_app.queue.desk import ClerkDesk
from clerk_app.server_address import ServerAddress
from tests.browser import host_site
from tests.browser_call import chromium, loopback_only_stun, visitor_ready
from tests.live_server import live_server
from tests.queue_helpers import call_centre

RUNS = 5
FIRST_FRAME_JS = """
new Promise((resolve) => {
  const video = document.querySelector(%r);
  const poll = setInterval(() => {
    if (!video.srcObject) return;
    clearInterval(poll);
    video.requestVideoFrameCallback(() => resolve(performance.timeOrigin + performance.now()));
  }, 2);
})
"""

# The moment the page gets the Call click: Playwright's click() first waits for the button to
# be visible, stable over two animation frames and enabled, which is not the product's time.
CLICK_TIME_JS = """
document.addEventListener('click', () => {
  window.benchClickedAt = performance.timeOrigin + performance.now();
}, {capture: true, once: true})
"""

FLOOR_PAGE = """<!doctype html><video id="remote" autoplay playsinline muted></video><script>
const gathered = (pc) => new Promise((done) => {
  if (pc.iceGatheringState === 'complete') return done();
  pc.onicegatheringstatechange = () => pc.iceGatheringState === 'complete' && done();
});
window.answer = async (offer) => {
  const media = await navigator.mediaDevices.getUserMedia({video: true, audio: true});
  const pc = new RTCPeerConnection({iceServers: []});
  media.getTracks().forEach((t) => pc.addTrack(t, media));
  pc.ontrack = (e) => {
    document.querySelector('#remote').srcObject = e.streams[0] || new MediaStream([e.track]);
  };
  await pc.setRemoteDescription({type: 'offer', sdp: offer});
  await pc.setLocalDescription(await pc.createAnswer());
  await gathered(pc);
  window.pc = pc;
  return pc.localDescription.sdp;
};
</script>"""


def clerk_tracks(_: object = None) -> LocalTracks:
    return LocalTracks(audio=ToneAudioTrack(), video=TestPatternVideoTrack())


async def full_stack_run(
    browser: Browser, url: str, widget_key: str, token: str
) -> tuple[float, float]:
    desk = ClerkDesk(ClerkConnection(ServerAddress.parse(url), token), open_tracks=clerk_tracks)
    await desk.start()
    await desk.set_presence("available")
    first_at_clerk: asyncio.Future[float] = asyncio.get_running_loop().create_future()

    async def take_when_waiting() -> None:
        while not desk.state.waiting:
            await asyncio.sleep(0.001)
        call = await desk.take()
        call.add_video_listener(
            lambda _: first_at_clerk.done() or first_at_clerk.set_result(time.time())
        )

    page = await browser.new_page()
    await visitor_ready(page, f"{url}/w/{widget_key}", queue="Sales")
    taker = asyncio.get_running_loop().create_task(take_when_waiting())
    browser_first = asyncio.ensure_future(page.evaluate(FIRST_FRAME_JS % "#remote"))
    await page.evaluate(CLICK_TIME_JS)
    await page.get_by_role("button", name="Call", exact=True).click()
    clicked = await page.evaluate("window.benchClickedAt") / 1000
    at_browser = await browser_first / 1000
    at_clerk = await first_at_clerk
    await taker
    await desk.hang_up()
    await page.close()
    await desk.close()
    return at_browser - clicked, at_clerk - clicked


async def floor_run(browser: Browser, page_url: str) -> tuple[float, float]:
    page = await browser.new_page()
    await page.goto(page_url)
    browser_first = asyncio.ensure_future(page.evaluate(FIRST_FRAME_JS % "#remote"))
    first_at_peer: asyncio.Future[float] = asyncio.get_running_loop().create_future()
    started = time.time()
    peer = CallPeer(clerk_tracks())
    peer.add_video_listener(lambda _: first_at_peer.done() or first_at_peer.set_result(time.time()))
    answer = await page.evaluate("(offer) => window.answer(offer)", await peer.create_offer())
    await peer.accept_answer(answer)
    at_browser = await browser_first / 1000
    at_peer = await first_at_peer
    await peer.close()
    await page.close()
    return at_browser - started, at_peer - started


async def main() -> None:
    monkeypatch = pytest.MonkeyPatch()
    import aioice.ice

    monkeypatch.setattr(aioice.ice, "get_host_addresses", lambda use_ipv4, use_ipv6: ["127.0.0.1"])
    loopback_only_stun(monkeypatch)
    env = {
        "VIDEOCLERK_VISITOR_JOINS_PER_MINUTE": "1000",
        "VIDEOCLERK_VISITOR_CONNECTIONS_PER_MINUTE": "1000",
    }
    with (
        tempfile.TemporaryDirectory() as tmp,
        live_server(Path(tmp), env=env) as server,
        host_site() as site,
    ):
        site.pages["/floor"] = FLOOR_PAGE
        with httpx.Client(base_url=server.url, timeout=30) as http:
            centre = call_centre(http)
        full: list[tuple[float, float]] = []
        floor: list[tuple[float, float]] = []
        async with chromium() as browser:
            await floor_run(browser, f"{site.url}/floor")  # warm-up: codecs, caches
            await full_stack_run(browser, server.url, centre.widget_key, centre.clerk_tokens[0])
            for _ in range(RUNS):
                floor.append(await floor_run(browser, f"{site.url}/floor"))
                full.append(
                    await full_stack_run(
                        browser, server.url, centre.widget_key, centre.clerk_tokens[0]
                    )
                )
    monkeypatch.undo()
    print(f"call setup, median of {RUNS} (ms)      full stack   bare aiortc floor   ratio")
    for side, label in ((0, "first frame in the browser"), (1, "first frame at the clerk")):
        ours = statistics.median(run[side] for run in full) * 1000
        base = statistics.median(run[side] for run in floor) * 1000
        print(f"{label:<32} {ours:>10.0f}   {base:>17.0f}   {ours / base:.2f}x")


if __name__ == "__main__":
    asyncio.run(main())

"""The clerk app's CPU time during a recorded call, beside the same call unrecorded.

The real server, the clerk's desk (`ClerkDesk`, the app's test camera and tone) with the
app's `Recorder` in this process, and a visitor in a subprocess: an aiortc peer answering
the clerk's offer with a 640x480 test picture at 15 frames/s and a tone, on loopback. Once
frames flow, this process's CPU time (all its threads: the loop, aiortc's codecs and the
recorder's encoding thread) is measured over the same SECONDS of call, once with the
visitor's recording consent (the recorder writes the WebM) and once without (the recorder
is attached but writes nothing). The two take turns, ROUNDS rounds; prints the median and
range of each and of the ratio (target <= 1.3x), with the frames received per second so a
starved round shows. Run: .venv/bin/python bench/recording_cpu.py [seconds]
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import aioice.ice
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from clerk_app.media import CallPeer, LocalTracks, TestPatternVideoTrack, ToneAudioTrack
from clerk_app.queue.connection import ClerkConnection
from clerk_app.queue.desk import ClerkDesk
from clerk_app.recording.recorder import Recorder
from clerk_app.recording.spool import Spool
from clerk_app.server_address import ServerAddress
from tests.live_server import live_server
from tests.media_fixtures import eventually
from tests.queue_helpers import CallCentre, call_centre
from tests.ws_clients import ScriptedVisitor

ROUNDS = 3
SECONDS = 10.0
TARGET = 1.3


def loopback_only() -> None:
    """ICE on 127.0.0.1 only, in each process (as the tests' `loopback_ice`)."""
    aioice.ice.get_host_addresses = lambda use_ipv4, use_ipv6: ["127.0.0.1"]


async def visitor(ws_url: str, widget_key: str, queue_id: str, recording: bool) -> None:
    """The visitor's side (in its own process): join, answer the offer, stay until ended."""
    loopback_only()
    socket = ScriptedVisitor(ws_url, widget_key)
    await socket.connect()
    await socket.join(queue_id, recording=recording)
    peer: CallPeer | None = None
    while (message := await socket.expect("offer", "ended", timeout=300)).type == "offer":
        if peer is not None:
            await peer.close()
        peer = CallPeer(LocalTracks(audio=ToneAudioTrack(880), video=TestPatternVideoTrack()))
        await socket.send({"type": "answer", "sdp": await peer.accept_offer(message.sdp)})
    if peer is not None:
        await peer.close()
    await socket.close()


@dataclass(frozen=True)
class Sample:
    cpu_seconds: float
    frames_per_second: float


async def one_call(
    desk: ClerkDesk,
    recorder: Recorder,
    server_url: str,
    centre: CallCentre,
    recording: bool,
    seconds: float,
) -> Sample:
    process = subprocess.Popen(
        [
            sys.executable,
            __file__,
            "--visitor",
            server_url.replace("http", "ws", 1),
            centre.widget_key,
            centre.queue_ids[0],
            "1" if recording else "0",
        ]
    )
    try:
        await desk.set_presence("available")
        await eventually(lambda: desk.state.presence == "available", "available")
        await eventually(lambda: bool(desk.state.waiting), "the visitor waiting", within=60)
        call = await desk.take()
        await eventually(lambda: call.recording_active == recording, "recording as consented")
        await eventually(
            lambda: call.peer is not None and call.peer.video_frames_received > 30,
            "two seconds of the visitor",
            within=60,
        )
        assert call.peer is not None
        frames, cpu = call.peer.video_frames_received, time.process_time()
        await asyncio.sleep(seconds)  # a bench: the call runs for this long
        sample = Sample(
            time.process_time() - cpu, (call.peer.video_frames_received - frames) / seconds
        )
        await desk.hang_up()
        await eventually(lambda: desk.state.call is None, "the call closed")
        await recorder.wait_idle()
        return sample
    finally:
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            raise


async def measure(folder: Path, seconds: float) -> list[tuple[Sample, Sample]]:
    """(unrecorded, recorded) per round."""
    loopback_only()
    with (
        live_server(folder / "server") as server,
        httpx.Client(base_url=server.url, timeout=30) as client,
    ):
        centre = call_centre(client)
        desk = ClerkDesk(ClerkConnection(ServerAddress.parse(server.url), centre.clerk_tokens[0]))
        await desk.start()
        recorder = Recorder(desk, Spool(folder / "spool"), on_ready=lambda entry: None)
        rounds = []
        for _ in range(ROUNDS):
            plain = await one_call(desk, recorder, server.url, centre, False, seconds)
            recorded = await one_call(desk, recorder, server.url, centre, True, seconds)
            rounds.append((plain, recorded))
        await desk.close()
    return rounds


def spread(values: list[float], unit: str, digits: int = 2) -> str:
    return (
        f"{statistics.median(values):.{digits}f}{unit} "
        f"(range {min(values):.{digits}f}-{max(values):.{digits}f})"
    )


def main() -> None:
    if sys.argv[1:2] == ["--visitor"]:
        url, key, queue_id, recording = sys.argv[2:6]
        asyncio.run(visitor(url, key, queue_id, recording == "1"))
        return
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else SECONDS
    with tempfile.TemporaryDirectory() as temporary:
        rounds = asyncio.run(measure(Path(temporary), seconds))
    print(f"clerk app CPU time over {seconds:.0f} s of call, median of {ROUNDS} rounds (range)")
    plain = [p.cpu_seconds for p, _ in rounds]
    recorded = [r.cpu_seconds for _, r in rounds]
    print(
        f"unrecorded: {spread(plain, ' s')}, "
        f"{spread([p.frames_per_second for p, _ in rounds], ' frames/s', 1)} received"
    )
    print(
        f"recorded:   {spread(recorded, ' s')}, "
        f"{spread([r.frames_per_second for _, r in rounds], ' frames/s', 1)} received"
    )
    ratios = [r / p for p, r in zip(plain, recorded, strict=True)]
    print(f"ratio recorded / unrecorded: {spread(ratios, 'x')}  (target <= {TARGET}x)")


if __name__ == "__main__":
    main()

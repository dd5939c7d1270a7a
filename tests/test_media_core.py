"""The clerk app's media core, driven through real aiortc calls on loopback."""

from __future__ import annotations

import asyncio
import gc
import os
import re
import tracemalloc
import weakref
from pathlib import Path

import av
import pytest
from aiortc import MediaStreamTrack, RTCConfiguration, RTCPeerConnection, RTCRtpSender
from aiortc.mediastreams import MediaStreamError

from clerk_app.media import (
    CallConnectionState,
    CallPeer,
    CallQuality,
    DeviceError,
    LocalTracks,
    MediaSourceChoice,
    TestPatternVideoTrack,
    ToneAudioTrack,
    open_device_tracks,
    open_sources,
    rtc_ice_servers,
)
from clerk_app.media.peer import candidate_types, only_relay_candidates
from clerk_app.settings.devices import list_video_devices
from tests.media_fixtures import (
    CallSide,
    call_pair_fixture,  # noqa: F401  (a fixture: pytest finds it among the module's names)
    connect,
    dominant_frequency,
    eventually,
    loopback_ice_fixture,  # noqa: F401
    luma,
    other_tasks,
    rms,
    samples_s16,
)

# No server, no database: `make test-postgres` leaves these out (tests/conftest.py).
pytestmark = pytest.mark.engine_independent

Pair = tuple[CallSide, CallSide]


def tone_rms_floor(track: ToneAudioTrack) -> float:
    """A floor well below a sine's RMS (peak/sqrt 2) after Opus and a mono-to-stereo
    upmix (-3 dB per channel): a quarter of the peak."""
    return track.amplitude * 32767 / 4


# -- media both ways -------------------------------------------------------------------


async def test_each_side_decodes_the_others_moving_picture(call_pair: Pair) -> None:
    a, b = call_pair
    await eventually(lambda: len(a.video_frames) >= 10 and len(b.video_frames) >= 10, "frames")

    for receiver, sender in ((a, b), (b, a)):
        frames = list(receiver.video_frames)
        assert {(f.width, f.height) for f in frames} == {(sender.video.width, sender.video.height)}
        counters = [TestPatternVideoTrack.read_counter(f) for f in frames]
        assert counters == sorted(set(counters)), f"frame counters out of order: {counters}"
        assert luma(frames[0]) != luma(frames[-1]), "the pattern does not move"
        assert receiver.peer.video_frames_received >= len(frames)
        assert receiver.peer.first_video_frame_at is not None


async def test_each_side_hears_the_others_tone(call_pair: Pair) -> None:
    a, b = call_pair
    await eventually(lambda: len(a.audio_frames) >= 30 and len(b.audio_frames) >= 30, "audio")

    for receiver, sender in ((a, b), (b, a)):
        frames = list(receiver.audio_frames)[-20:]  # past the codec's ramp-up
        levels = [rms(f) for f in frames]
        assert min(levels) > tone_rms_floor(sender.audio), levels
        frequency = dominant_frequency(frames)
        assert abs(frequency - sender.audio.frequency) < 0.05 * sender.audio.frequency
        assert receiver.peer.audio_frames_received >= len(receiver.audio_frames)
        assert receiver.peer.first_audio_frame_at is not None


async def test_muting_silences_the_audio_the_other_side_receives(call_pair: Pair) -> None:
    a, b = call_pair
    floor = tone_rms_floor(a.audio)

    def recent_levels() -> list[float]:
        return [rms(f) for f in list(b.audio_frames)[-5:]]

    a.peer.set_muted(True)
    assert a.peer.muted
    b.audio_frames.clear()
    await eventually(
        lambda: len(b.audio_frames) >= 5 and max(recent_levels()) < floor / 100, "silence"
    )

    a.peer.set_muted(False)
    b.audio_frames.clear()
    await eventually(
        lambda: len(b.audio_frames) >= 5 and min(recent_levels()) > floor, "the tone again"
    )


async def test_camera_off_sends_black_frames_and_on_resumes_the_picture(call_pair: Pair) -> None:
    a, b = call_pair
    assert a.peer.camera_enabled

    def latest_mean_luma() -> float:
        pixels = luma(b.video_frames[-1])
        return sum(pixels) / len(pixels)

    def counters_seen() -> list[int]:
        return [TestPatternVideoTrack.read_counter(f) for f in b.video_frames]

    a.peer.set_camera_enabled(False)
    assert not a.peer.camera_enabled
    b.video_frames.clear()
    await eventually(lambda: bool(b.video_frames) and latest_mean_luma() < 20, "a black picture")
    assert a.video.readyState == "live", "the source keeps running while the camera is off"

    a.peer.set_camera_enabled(True)
    b.video_frames.clear()
    await eventually(lambda: len(set(counters_seen())) >= 3, "the moving pattern again")


async def test_remote_video_can_be_fanned_out_to_a_recorder(call_pair: Pair) -> None:
    a, _ = call_pair
    recorder_feed = a.peer.subscribe_remote_video()
    assert recorder_feed is not None
    assert recorder_feed.kind == "video"
    received_before = a.peer.video_frames_received

    frames = [await asyncio.wait_for(recorder_feed.recv(), 10) for _ in range(5)]

    assert all(isinstance(f, av.VideoFrame) for f in frames)
    counters = [
        TestPatternVideoTrack.read_counter(f) for f in frames if isinstance(f, av.VideoFrame)
    ]
    assert counters == sorted(set(counters)), counters
    assert a.peer.video_frames_received > received_before, "the screen consumer starved"
    audio_feed = a.peer.subscribe_remote_audio()
    assert audio_feed is not None
    assert isinstance(await asyncio.wait_for(audio_feed.recv(), 10), av.AudioFrame)


async def test_an_unsubscribed_listener_gets_no_more_frames(call_pair: Pair) -> None:
    a, _ = call_pair
    seen: list[av.VideoFrame] = []
    unsubscribe = a.peer.add_video_listener(seen.append)
    await eventually(lambda: len(seen) >= 2, "frames for the listener")

    unsubscribe()
    count = len(seen)
    total = a.peer.video_frames_received
    await eventually(lambda: a.peer.video_frames_received >= total + 3, "more frames")
    assert len(seen) == count


async def test_stats_report_quality_once_connected(call_pair: Pair) -> None:
    a, _ = call_pair
    first = await a.peer.stats()
    assert first.inbound_bitrate_kbps is None, "a bitrate needs two samples"

    samples: list[CallQuality] = []

    async def sample_until_rtt_known() -> None:
        while True:
            await asyncio.sleep(0.2)
            samples.append(await a.peer.stats())
            if samples[-1].round_trip_time_ms is not None:
                return

    # RTT needs a sender report echoed in a receiver report, each sent every 0.5-1.5 s.
    await asyncio.wait_for(sample_until_rtt_known(), 15)
    quality = samples[-1]
    assert quality.round_trip_time_ms is not None
    assert quality.round_trip_time_ms >= 0
    assert quality.inbound_bitrate_kbps is not None
    assert quality.inbound_bitrate_kbps > 0, "media is flowing, so bytes arrived"
    assert quality.packet_loss_fraction is not None
    assert 0 <= quality.packet_loss_fraction <= 1


# -- negotiation -----------------------------------------------------------------------


def split_candidates(sdp: str) -> tuple[str, list[dict[str, object]]]:
    """Take the candidates out of an SDP and return them as a browser would trickle them."""
    kept: list[str] = []
    candidates: list[dict[str, object]] = []
    mid: str | None = None
    index = -1
    for line in sdp.splitlines():
        if line.startswith("m="):
            index += 1
        elif line.startswith("a=mid:"):
            mid = line.removeprefix("a=mid:")
        if line.startswith("a=candidate:"):
            candidates.append({"candidate": line[2:], "sdpMid": mid, "sdpMLineIndex": index})
        elif line != "a=end-of-candidates":
            kept.append(line)
    return "\r\n".join(kept) + "\r\n", candidates


@pytest.mark.parametrize("candidates_first", [False, True], ids=["after-offer", "before-offer"])
@pytest.mark.usefixtures("loopback_ice")
async def test_trickled_candidates_connect_a_call(candidates_first: bool) -> None:
    a = CallSide.create(160, 120, frequency=440)
    b = CallSide.create(160, 120, frequency=660)
    try:
        offer, candidates = split_candidates(await a.peer.create_offer())
        assert candidates, "aiortc should have gathered a loopback candidate"
        end_of_candidates = {"candidate": "", "sdpMid": candidates[0]["sdpMid"]}
        if candidates_first:
            for candidate in candidates:
                await b.peer.add_remote_candidate(candidate)
        answer = await b.peer.accept_offer(offer)
        if not candidates_first:
            for candidate in candidates:
                await b.peer.add_remote_candidate(candidate)
        await b.peer.add_remote_candidate(end_of_candidates)
        await a.peer.accept_answer(answer)
        await eventually(
            lambda: a.peer.video_frames_received > 0 and b.peer.video_frames_received > 0,
            "video both ways",
        )
        assert a.peer.state is b.peer.state is CallConnectionState.CONNECTED
    finally:
        await a.peer.close()
        await b.peer.close()


@pytest.mark.usefixtures("loopback_ice")
async def test_a_call_that_cannot_connect_fails_and_closes_itself() -> None:
    a = CallSide.create(160, 120, frequency=440)
    b = CallSide.create(160, 120, frequency=660)
    seen_by_b: list[CallConnectionState] = []
    b.peer.add_state_listener(seen_by_b.append)
    try:
        offer, candidates = split_candidates(await a.peer.create_offer())
        await b.peer.accept_offer(offer)  # b never learns a candidate of a's
        await b.peer.add_remote_candidate({"candidate": "", "sdpMid": candidates[0]["sdpMid"]})
        await eventually(lambda: b.peer.state is CallConnectionState.CLOSED, "b to give up")
        assert seen_by_b[-2:] == [CallConnectionState.FAILED, CallConnectionState.CLOSED]
        assert b.video.readyState == "ended", "a failed call releases the sources"
    finally:
        await b.peer.close()
        await a.peer.close()


@pytest.mark.parametrize(
    "candidate",
    [
        {"sdpMid": "0"},
        {"candidate": "candidate:1 1 udp 2130706431 127.0.0.1", "sdpMid": "0"},
        {"candidate": "candidate:1 1 udp 2130706431 127.0.0.1 9 typ host"},
        {"candidate": "candidate:1 1 udp x 127.0.0.1 9 typ host", "sdpMid": "0"},
    ],
    ids=["no-text", "too-short", "no-mid", "bad-priority"],
)
@pytest.mark.usefixtures("loopback_ice")
async def test_malformed_candidates_are_refused(candidate: dict[str, object]) -> None:
    peer = CallPeer(LocalTracks())
    try:
        with pytest.raises(ValueError, match="ICE candidate"):
            await peer.add_remote_candidate(candidate)
    finally:
        await peer.close()


def test_ice_server_entries_become_aiortc_servers_and_default_to_none() -> None:
    entries: list[dict[str, object]] = [
        {"urls": ["turn:turn.example.org:3478"], "username": "u1", "credential": "c1"},
        {"url": "stun:stun.example.org:3478"},
    ]
    servers = rtc_ice_servers(entries)
    assert [(s.urls, s.username, s.credential) for s in servers] == [
        (entries[0]["urls"], entries[0]["username"], entries[0]["credential"]),
        (entries[1]["url"], None, None),
    ]
    assert rtc_ice_servers([]) == []
    with pytest.raises(ValueError, match="no url") as refused:
        rtc_ice_servers([{"username": "u1", "credential": "secret-value"}])
    assert "secret-value" not in str(refused.value)


RELAYED_SDP = """v=0
m=audio 55000 UDP/TLS/RTP/SAVPF 96
c=IN IP4 203.0.113.7
a=candidate:4e7b 1 udp 16777215 203.0.113.7 55000 typ relay raddr 0.0.0.0 rport 9
a=end-of-candidates
m=video 55002 UDP/TLS/RTP/SAVPF 97
a=candidate:9f01 1 udp 16777215 203.0.113.7 55002 typ relay raddr 0.0.0.0 rport 9
"""


def test_a_relay_only_end_may_offer_relay_candidates_and_nothing_else() -> None:
    assert candidate_types(RELAYED_SDP) == ["relay", "relay"]
    assert only_relay_candidates(RELAYED_SDP)
    own = "a=candidate:7a1c 1 udp 2130706431 192.168.1.20 50000 typ host generation 0\n"
    assert candidate_types(RELAYED_SDP + own) == ["relay", "relay", "host"]
    assert not only_relay_candidates(RELAYED_SDP + own)  # it would give our address away
    gathered_nothing = "\n".join(
        line for line in RELAYED_SDP.splitlines() if not line.startswith("a=candidate")
    )
    assert candidate_types(gathered_nothing) == []
    assert not only_relay_candidates(gathered_nothing)  # nothing to connect through
    assert candidate_types("a=candidate:1 1 udp 1 10.0.0.1 9\na=candidate:2 1 udp 1 h 9 typ") == []


@pytest.mark.usefixtures("loopback_ice")
async def test_a_relay_only_peer_without_a_relay_reports_no_relay_at_once() -> None:
    """aiortc starts no ICE without a local candidate: the call would wait for ever."""
    peer = CallPeer(LocalTracks(), relay_only=True)  # no TURN server to relay through
    seen: list[CallConnectionState] = []
    peer.add_state_listener(seen.append)
    try:
        sdp = await peer.create_offer()
        assert candidate_types(sdp) == []
        assert (peer.state, seen) == (CallConnectionState.NO_RELAY, [CallConnectionState.NO_RELAY])
    finally:
        await peer.close()
    assert peer.state is CallConnectionState.CLOSED


@pytest.mark.usefixtures("loopback_ice")
async def test_the_stun_guard_would_catch_aiortcs_default() -> None:
    """Every CallPeer in these tests runs under the fixture's guard: prove that the guard
    fires for a bare aiortc peer, and that CallPeer does not trip it."""
    bare = RTCPeerConnection()
    try:
        with pytest.raises(AssertionError, match="public STUN"):
            bare.addTransceiver("audio")
    finally:
        await bare.close()
    peer = CallPeer(LocalTracks())
    await peer.create_offer()
    await peer.close()


# -- shutdown --------------------------------------------------------------------------


async def test_hanging_up_closes_both_sides_and_leaves_no_task(call_pair: Pair) -> None:
    a, b = call_pair
    seen_by_b: list[CallConnectionState] = []
    b.peer.add_state_listener(seen_by_b.append)

    await a.peer.close()
    await a.peer.close()  # idempotent

    assert a.peer.state is CallConnectionState.CLOSED
    await eventually(lambda: b.peer.state is CallConnectionState.CLOSED, "the other side closed")
    assert seen_by_b == [CallConnectionState.CLOSED]
    await b.peer.close()
    assert other_tasks() == set()
    for side in (a, b):
        assert side.video.readyState == side.audio.readyState == "ended", "sources released"
    assert a.peer.subscribe_remote_video() is None


@pytest.mark.usefixtures("loopback_ice")
async def test_closing_before_media_flows_leaves_no_task() -> None:
    a = CallSide.create(160, 120, frequency=440)
    b = CallSide.create(160, 120, frequency=660)
    await b.peer.accept_offer(await a.peer.create_offer())  # b now has remote tracks
    never_read = b.peer.subscribe_remote_video()
    assert never_read is not None

    await b.peer.close()
    await a.peer.close()

    # aiortc's own connect task for a call closed while ICE is checking ends on aioice's
    # next check tick (20 ms), not inside close(); every other task must be gone now.
    lingering = {t.get_coro().__qualname__ for t in other_tasks()}  # type: ignore[union-attr]
    assert lingering <= {"RTCPeerConnection.__connect"}, lingering
    await eventually(lambda: not other_tasks(), "aiortc's connect task to end", within=2)
    with pytest.raises(MediaStreamError):
        await asyncio.wait_for(never_read.recv(), 5)
    assert b.peer.video_frames_received == 0


async def test_a_failing_listener_does_not_stop_the_others(
    call_pair: Pair, caplog: pytest.LogCaptureFixture
) -> None:
    a, _ = call_pair
    failures: list[av.VideoFrame] = []

    def broken(frame: av.VideoFrame) -> None:
        failures.append(frame)
        raise RuntimeError("listener bug")

    a.peer.add_video_listener(broken)
    a.video_frames.clear()
    await eventually(lambda: len(a.video_frames) >= 3, "frames for the healthy listener")

    assert len(failures) >= 3, "the failing listener stays registered"
    logged = [r for r in caplog.records if r.name == "clerk_app.media.peer"]
    assert len(logged) == 1, "a listener's failure is logged once, not once per frame"
    assert logged[0].exc_info is not None


def rss_bytes() -> int | None:
    statm = Path("/proc/self/statm")
    if not statm.exists():
        return None
    return int(statm.read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")


async def one_short_call() -> tuple[weakref.ref[CallPeer], weakref.ref[CallPeer]]:
    a = CallSide.create(160, 120, frequency=440)
    b = CallSide.create(160, 120, frequency=660)
    try:
        await connect(a.peer, b.peer)
    finally:
        await a.peer.close()
        await b.peer.close()
    return weakref.ref(a.peer), weakref.ref(b.peer)


# Measured on the dev machine: after five warm-up calls, twenty more grew RSS by 3-6 MiB
# (the allocator settling; it stays flat over a hundred calls) and the Python heap by
# about 25 KiB. The bounds leave room for that noise yet catch native leaks of about
# 0.6 MiB per call; a leaked peer of any size fails the weak-reference check.
WARM_UP_CALLS = 5
CALLS = 20
PYTHON_HEAP_BOUND = 1024 * 1024
RSS_BOUND = 16 * 1024 * 1024


@pytest.mark.usefixtures("loopback_ice")
async def test_twenty_calls_leak_neither_peers_nor_memory() -> None:
    for _ in range(WARM_UP_CALLS):  # codecs, allocator pools, import-time caches
        await one_short_call()

    # Native memory first: tracemalloc's own tables would inflate RSS.
    gc.collect()
    rss_before = rss_bytes()
    peers = [ref for _ in range(CALLS) for ref in await one_short_call()]
    gc.collect()
    rss_after = rss_bytes()
    rss_growth = None if rss_before is None or rss_after is None else rss_after - rss_before

    tracemalloc.start()
    try:
        heap_before, _ = tracemalloc.get_traced_memory()
        peers += [ref for _ in range(CALLS) for ref in await one_short_call()]
        gc.collect()
        heap_growth = tracemalloc.get_traced_memory()[0] - heap_before
    finally:
        tracemalloc.stop()

    print(
        f"\n{CALLS} calls: RSS grew "
        f"{'n/a' if rss_growth is None else f'{rss_growth / 2**20:.1f} MiB'} "
        f"(bound {RSS_BOUND // 2**20} MiB); {CALLS} more: Python heap grew "
        f"{heap_growth / 1024:.0f} KiB (bound {PYTHON_HEAP_BOUND // 1024} KiB)"
    )
    alive = [ref for ref in peers if ref() is not None]
    assert not alive, f"{len(alive)} of {len(peers)} closed peers are still referenced"
    assert other_tasks() == set()
    assert heap_growth < PYTHON_HEAP_BOUND
    if rss_growth is not None:
        assert rss_growth < RSS_BOUND


# -- sources ---------------------------------------------------------------------------


async def test_test_pattern_paces_frames_with_video_timestamps() -> None:
    track = TestPatternVideoTrack(160, 120, fps=30)
    frames = [await track.recv() for _ in range(4)]
    track.stop()

    assert [(f.width, f.height) for f in frames] == [(track.width, track.height)] * 4
    time_base = frames[0].time_base
    assert time_base is not None
    assert {f.time_base for f in frames} == {time_base}
    assert [f.pts for f in frames] == [round(i / track.fps / time_base) for i in range(4)]
    assert [TestPatternVideoTrack.read_counter(f) for f in frames] == list(range(4))
    with pytest.raises(MediaStreamError):
        await track.recv()


def test_test_pattern_counter_survives_wrapping_and_size_is_checked() -> None:
    track = TestPatternVideoTrack(128, 96)
    for index in (0, 1, 2**15, 2**16 - 1, 2**16 + 5):
        assert TestPatternVideoTrack.read_counter(track.render(index)) == index % 2**16
    with pytest.raises(ValueError, match="size"):
        TestPatternVideoTrack(63, 48)


async def test_tone_is_paced_in_20_ms_frames_of_the_configured_pitch() -> None:
    track = ToneAudioTrack(frequency=1000, sample_rate=16_000)
    frames = [await track.recv() for _ in range(10)]
    track.stop()

    assert [f.pts for f in frames] == [i * track.samples_per_frame for i in range(10)]
    assert {f.samples for f in frames} == {track.sample_rate // 50}
    assert {f.sample_rate for f in frames} == {track.sample_rate}
    assert abs(dominant_frequency(frames) - track.frequency) < 0.02 * track.frequency
    peak = max(abs(s) for f in frames for s in samples_s16(f))
    assert abs(peak - track.amplitude * 32767) < 0.01 * 32767


def test_list_video_devices_names_nodes_from_sysfs(tmp_path: Path) -> None:
    dev, sysfs = tmp_path / "dev", tmp_path / "sys"
    dev.mkdir()
    for node in ("video0", "video1", "video10", "video2"):
        (dev / node).touch()
    (sysfs / "video0").mkdir(parents=True)
    (sysfs / "video0" / "name").write_text("Integrated Camera\n")
    (dev / "audio0").touch()

    devices = list_video_devices(platform="linux", dev_dir=str(dev), sysfs_dir=str(sysfs))

    assert [Path(d.id).name for d in devices] == ["video0", "video1", "video2", "video10"]
    assert devices[0].label == f"Integrated Camera ({dev / 'video0'})"
    assert devices[1].label == str(dev / "video1")
    assert (devices[0].name, devices[1].name) == ("Integrated Camera", "")
    assert list_video_devices(platform="darwin", dev_dir=str(dev)) == []


def test_a_missing_camera_is_a_device_error_naming_it(tmp_path: Path) -> None:
    missing = str(tmp_path / "video9")
    with pytest.raises(DeviceError, match=rf"^Camera {re.escape(missing)} could not be opened"):
        open_device_tracks(missing, None, platform="linux")
    with pytest.raises(DeviceError, match="not supported"):
        open_device_tracks("0", None, platform="plan9")
    assert open_device_tracks(None, None) == LocalTracks()


@pytest.mark.usefixtures("loopback_ice")
async def test_test_sources_follow_the_choice_into_the_peer() -> None:
    local = open_sources(MediaSourceChoice(kind="test", camera_enabled=False))
    assert isinstance(local.video, TestPatternVideoTrack)
    assert isinstance(local.audio, ToneAudioTrack)
    peer = CallPeer(local)
    assert not peer.camera_enabled
    assert not peer.muted
    await peer.close()
    for track in (local.audio, local.video):
        assert isinstance(track, MediaStreamTrack)
        assert track.readyState == "ended"
    with pytest.raises(ValueError, match="kind"):
        MediaSourceChoice(kind="camera")  # type: ignore[arg-type]


def video_codecs(sdp: str) -> set[str]:
    section = sdp.split("m=video", 1)[1].split("m=", 1)[0]
    return set(re.findall(r"a=rtpmap:\d+ ([A-Za-z0-9]+)/", section))


@pytest.mark.usefixtures("loopback_ice")
async def test_video_is_vp8_only_both_when_offering_and_when_answering_an_h264_offer() -> None:
    """The desktop bundle ships a stub instead of the GPL x264 encoder (docs/licences.md),
    so the clerk's side must never agree to H.264, not even when a browser prefers it."""
    clerk = CallSide.create(160, 120, frequency=440)
    browser = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    try:
        assert video_codecs(await clerk.peer.create_offer()) == {"VP8", "rtx"}
        await clerk.peer.close()
        clerk = CallSide.create(160, 120, frequency=440)
        video = browser.addTransceiver("video", direction="recvonly")
        video.setCodecPreferences(
            [c for c in RTCRtpSender.getCapabilities("video").codecs if c.mimeType == "video/H264"]
            + [c for c in RTCRtpSender.getCapabilities("video").codecs if c.mimeType == "video/VP8"]
        )
        browser.addTransceiver("audio", direction="recvonly")
        await browser.setLocalDescription(await browser.createOffer())
        assert "H264" in video_codecs(browser.localDescription.sdp)
        answer = await clerk.peer.accept_offer(browser.localDescription.sdp)
        assert video_codecs(answer) == {"VP8"}
    finally:
        await clerk.peer.close()
        await browser.close()

"""`videoclerk --smoke`: can this machine run the app? Qt, the translation, the app's
modules, the codecs, a call, the server.

Prints one line and returns the exit status; for installers and CI. Runs offscreen. The
codecs are used, not only looked up, and a short call between two of the app's own peers
on this machine shows that aiortc, its DTLS and the codecs work together (a desktop
bundle, docs/desktop-bundle.md, proves that it left nothing out).
"""

from __future__ import annotations

import asyncio
import importlib
import pkgutil
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import av

from clerk_app.account.service import AccountService
from clerk_app.errors import ServiceError
from clerk_app.server_address import ServerAddress

# The codecs are those aiortc opens for the app's calls (and the recorder for its files):
# VP8 video and Opus audio, both ways. The app never negotiates H.264 (media/peer.py).
# A call that has not carried a picture and a sound both ways by then has failed.
CALL_TIMEOUT_S = 20.0


def check_qt() -> str | None:
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication.instance() or QApplication(["videoclerk-smoke"])
    widget = QWidget()
    widget.resize(64, 48)
    widget.show()
    app.processEvents()
    ok = widget.isVisible() and widget.width() == 64
    widget.close()
    return None if ok else "qt cannot show a window"


def _decoded(codec: str, packets: Sequence[object]) -> int:
    decoder: Any = av.CodecContext.create(codec, "r")  # the stubs type decode() per kind
    return sum(len(decoder.decode(packet)) for packet in packets)


def vp8_round_trip() -> int:
    """Encode one picture with VP8 and decode it again; returns the frames decoded."""
    encoder = av.CodecContext.create("libvpx", "w")
    assert isinstance(encoder, av.VideoCodecContext)
    encoder.width, encoder.height, encoder.pix_fmt = 64, 48, "yuv420p"
    encoder.time_base = Fraction(1, 30)
    frame = av.VideoFrame(64, 48, "yuv420p")
    for plane in frame.planes:
        plane.update(bytes(plane.buffer_size))
    frame.pts = 0
    return _decoded("libvpx", [*encoder.encode(frame), *encoder.encode(None)])


def opus_round_trip() -> int:
    """Encode 20 ms of silence with Opus and decode it again; returns the frames decoded."""
    encoder = av.CodecContext.create("libopus", "w")
    assert isinstance(encoder, av.AudioCodecContext)
    encoder.sample_rate, encoder.layout, encoder.format = 48000, "stereo", "s16"
    encoder.time_base = Fraction(1, 48000)
    frame = av.AudioFrame(format="s16", layout="stereo", samples=960)
    frame.planes[0].update(bytes(frame.planes[0].buffer_size))
    frame.sample_rate, frame.pts = 48000, 0
    return _decoded("libopus", [*encoder.encode(frame), *encoder.encode(None)])


def check_translation(language: str) -> str | None:
    """The app's texts in `language` load (English needs no file): the packaged .qm files are
    where the app looks for them. Run after check_qt, which makes the QApplication."""
    from PySide6.QtWidgets import QApplication

    from clerk_app.shell.i18n import install_translators, translations_dir

    app = QApplication.instance() or QApplication(["videoclerk-smoke"])
    if install_translators(app, language):
        return None
    return f"{language} translation missing in {translations_dir()}"


def check_modules() -> str | None:
    """Every module of the app imports: the libraries it needs are installed (or bundled)."""
    import clerk_app

    failed = []
    for module in pkgutil.walk_packages(clerk_app.__path__, "clerk_app."):
        try:
            importlib.import_module(module.name)
        except Exception as exc:  # ImportError, or a library that fails as it loads
            failed.append(f"{module.name} ({exc})")
    return f"modules failed: {', '.join(failed)}" if failed else None


def check_codecs() -> str | None:
    failed = []
    for name, round_trip in (("vp8 (libvpx)", vp8_round_trip), ("opus", opus_round_trip)):
        try:
            decoded = round_trip()
        except Exception as exc:  # a codec left out of the build, a library that won't load
            failed.append(f"{name}: {exc}")
        else:
            if not decoded:
                failed.append(f"{name}: nothing decoded")
    return f"codecs failed: {', '.join(failed)}" if failed else None


def _setter(event: asyncio.Event) -> Callable[[object], None]:
    return lambda _frame: event.set()


async def check_call() -> str | None:
    """Two of the app's peers with test sources call each other on this machine."""
    from clerk_app.media import CallPeer, MediaSourceChoice, open_sources

    peers = [CallPeer(open_sources(MediaSourceChoice(kind="test"))) for _ in range(2)]
    arrived = [asyncio.Event() for _ in range(4)]
    for index, peer in enumerate(peers):
        peer.add_video_listener(_setter(arrived[2 * index]))
        peer.add_audio_listener(_setter(arrived[2 * index + 1]))
    caller, callee = peers
    try:
        async with asyncio.timeout(CALL_TIMEOUT_S):
            answer = await callee.accept_offer(await caller.create_offer())
            await caller.accept_answer(answer)
            await asyncio.gather(*(event.wait() for event in arrived))
    except TimeoutError:
        return f"call on this machine carried no picture and sound within {CALL_TIMEOUT_S:.0f} s"
    except Exception as exc:
        return f"call on this machine failed: {exc}"
    finally:
        await asyncio.gather(*(peer.close() for peer in peers))
    return None


async def check_server(address: ServerAddress) -> tuple[str | None, str]:
    accounts = AccountService(address, timeout=10)
    try:
        health = await accounts.health()
    except ServiceError as exc:
        return f"server {address.base_url} failed: {exc.message}", ""
    finally:
        await accounts.close()
    if health.status != "ok":
        return f"server {address.base_url} is {health.status}", health.version
    return None, health.version


def run_smoke(
    server: str | None,
    ca_file: object = None,
    *,
    proxy: str | None = None,
    language: str = "en",
) -> tuple[int, str]:
    """Returns (exit status, the one line to print); the line names the language when it is
    not English ("translation nl ok")."""
    parts: list[str] = []
    failures: list[str] = []
    try:
        problem = check_qt()
    except Exception as exc:  # a missing system library, a broken platform plugin
        problem = f"qt failed: {exc}"
    (failures.append(problem) if problem else parts.append("qt ok"))
    if language != "en" and not failures:
        problem = check_translation(language)
        (failures.append(problem) if problem else parts.append(f"translation {language} ok"))
    problem = check_modules()
    (failures.append(problem) if problem else parts.append("modules ok"))
    problem = check_codecs()
    (failures.append(problem) if problem else parts.append("codecs ok"))
    problem = asyncio.run(check_call())
    (failures.append(problem) if problem else parts.append("call ok"))
    if server:
        try:
            address = ServerAddress.parse(
                server,
                ca_file=ca_file,  # type: ignore[arg-type]
                proxy=proxy,
            )
        except ValueError as exc:
            failures.append(str(exc))
        else:
            problem, version = asyncio.run(check_server(address))
            (failures.append(problem) if problem else parts.append(f"server ok ({version})"))
    else:
        parts.append("no server given")
    if failures:
        return 1, "videoclerk smoke: FAILED: " + "; ".join(failures)
    return 0, "videoclerk smoke: " + ", ".join(parts)

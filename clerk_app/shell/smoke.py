"""`videoclerk --smoke`: can this machine run the app? Qt, the translation, the codecs, the
server.

Prints one line and returns the exit status; for installers and CI. Runs offscreen.
"""

from __future__ import annotations

import asyncio

import av

from clerk_app.account.service import AccountService
from clerk_app.errors import ServiceError
from clerk_app.server_address import ServerAddress

# What aiortc opens for a call: VP8 and H.264 video, Opus audio, both ways.
ENCODERS = {"vp8": "libvpx", "h264": "libx264", "opus": "libopus"}
DECODERS = {"vp8": "libvpx", "h264": "h264", "opus": "libopus"}


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


def check_translation(language: str) -> str | None:
    """The app's texts in `language` load (English needs no file): the packaged .qm files are
    where the app looks for them. Run after check_qt, which makes the QApplication."""
    from PySide6.QtWidgets import QApplication

    from clerk_app.shell.i18n import install_translators, translations_dir

    app = QApplication.instance() or QApplication(["videoclerk-smoke"])
    if install_translators(app, language):
        return None
    return f"{language} translation missing in {translations_dir()}"


def check_codecs() -> str | None:
    missing = []
    for name, codec in ENCODERS.items():
        try:
            av.codec.Codec(codec, "w")
        except Exception:
            missing.append(f"{name} encoder ({codec})")
    for name, codec in DECODERS.items():
        try:
            av.codec.Codec(codec, "r")
        except Exception:
            missing.append(f"{name} decoder ({codec})")
    return f"codecs missing: {', '.join(missing)}" if missing else None


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
    problem = check_codecs()
    (failures.append(problem) if problem else parts.append("codecs ok"))
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

"""Screenshots of the clerk app for the README, through a scripted call.

Run under a virtual X server (`make screenshots` does):

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python tools/screenshots.py

Starts the real server with demo data in a temporary folder, runs the app in this process
(settings in a temporary file, tokens in memory), logs in as the demo admin, lets two
scripted visitors with aiortc media wait, takes a call, changes the visitor's consent
mid-call, hangs up and wraps up, then shows the supervisor and admin tabs (when those
panels are installed) and the settings. Saves PNGs into docs/screenshots/.

`--language nl` and `--theme dark` run the app so; `--call-views` saves only the call view,
at 1280x720 and at the main window's minimum size, light and dark, as
call-<language>-<theme>-<size>.png.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import aioice.ice
import httpx
import qasync
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# A real X server when there is one (xvfb-run); the test helpers would otherwise pick offscreen.
os.environ.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")

from clerk_app.account.token_store import MemoryTokenStore  # noqa: E402
from clerk_app.settings.store import PreferenceStore  # noqa: E402
from clerk_app.settings.view import SettingsDialog  # noqa: E402
from clerk_app.shell.app import ClerkApp  # noqa: E402
from clerk_app.shell.main_window import MINIMUM_SIZE  # noqa: E402
from clerk_app.shell.theme import THEMES, apply_theme  # noqa: E402
from server.demo import DEMO_PASSWORD  # noqa: E402
from tests.live_server import LiveServer, live_server  # noqa: E402
from tests.qt_fixtures import MediaVisitor, close_loop  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZE = QSize(1280, 800)
CALL_VIEW_SIZES = {"1280x720": QSize(1280, 720), "minimum": MINIMUM_SIZE}


async def eventually(condition: Callable[[], bool], what: str, within: float = 30.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not condition():
        if loop.time() > deadline:
            raise RuntimeError(f"gave up waiting for: {what}")
        await asyncio.sleep(0.05)


async def settle(seconds: float = 0.6) -> None:
    """Let repaints and frames arrive before a picture is taken."""
    await asyncio.sleep(seconds)


@dataclass
class Shots:
    """Where the pictures go, and which of them this run wants."""

    out: Path
    language: str = "en"
    call_views: bool = False  # only the call view's sizes and themes
    saved: list[Path] = field(default_factory=list)

    def save(self, widget: QWidget, name: str) -> None:
        if self.call_views and not name.startswith("call-"):
            return
        # No processEvents() here: inside a running task it would run other tasks re-entrantly.
        path = self.out / f"{name}.png"
        if not widget.grab().save(str(path)):
            raise RuntimeError(f"could not save {path}")
        self.saved.append(path)
        print(f"saved {path}")

    async def call_views_of(self, window: QWidget, qapp: QApplication) -> None:
        """The call view in each theme at each size; the app's own theme again after."""
        chosen = qapp.property("videoclerkTheme")
        for theme in THEMES:
            apply_theme(qapp, theme)
            for size_name, size in CALL_VIEW_SIZES.items():
                window.resize(size)
                await settle(1.0)
                self.save(window, f"call-{self.language}-{theme}-{size_name}")
        apply_theme(qapp, str(chosen))
        window.resize(SIZE)


def demo_widget(server: LiveServer) -> tuple[str, list[str]]:
    match = re.search(r"Demo widget key: (\S+)", server.log())
    if match is None:
        raise RuntimeError("the server printed no demo widget key")
    with httpx.Client(base_url=server.url, timeout=30) as client:
        login = client.post(
            "/api/v1/auth/login", json={"email": "admin@demo.example", "password": DEMO_PASSWORD}
        )
        login.raise_for_status()
        token = login.json()["token"]
        queues = client.get("/api/v1/queues", headers={"Authorization": f"Bearer {token}"})
        queues.raise_for_status()
        ids = [q["id"] for q in queues.json()["items"]]
    return match.group(1), ids


async def scripted_call(app: ClerkApp, server: LiveServer, shots: Shots) -> None:
    widget_key, queue_ids = demo_widget(server)
    await eventually(lambda: app.login_window is not None, "the log-in window")
    login = app.login_window
    assert login is not None
    login.resize(480, 420)
    login.email_edit.setText("admin@demo.example")
    login.password_edit.setText(DEMO_PASSWORD)
    await settle()
    shots.save(login, "login")

    login.login_button.click()
    await eventually(lambda: app.main_window is not None, "the main window")
    window = app.main_window
    assert window is not None
    window.resize(SIZE)
    page = window.calls_page
    page.presence.available_button.click()
    await eventually(lambda: page.presence.state == "available", "available")

    visitors = [
        await MediaVisitor.waiting(server.url, widget_key, queue_ids[0], recording=True),
        await MediaVisitor.waiting(server.url, widget_key, queue_ids[1], transcription=True),
        await MediaVisitor.waiting(
            server.url, widget_key, queue_ids[0], recording=True, transcription=True
        ),
    ]
    try:
        await eventually(lambda: page.queue_model.rowCount() == 3, "three visitors waiting")
        await asyncio.sleep(4)  # some waiting time on the clock
        page.queue_panel.table.selectRow(1)
        await settle()
        shots.save(window, "queue")

        page.take(None)
        await eventually(lambda: page.call_model is not None, "the call")
        remote = page.call_view.stage.remote
        await eventually(lambda: remote.frames_received > 20, "the visitor's video")
        await visitors[0].change_consent(recording=False, transcription=False)
        view = page.call_view
        await eventually(lambda: "kbit/s" in view.bitrate_label.text(), "quality figures")
        await eventually(lambda: view.rtt_label.text() != "\u2013", "round trip", within=15)
        await settle(1.0)
        shots.save(window, "call")
        if shots.call_views:
            await shots.call_views_of(window, app.qapp)
            return

        view.hang_up_button.click()
        await eventually(lambda: page.stack.currentWidget() is page.wrap_up, "wrap-up")
        page.wrap_up.outcome_combo.setCurrentIndex(
            page.wrap_up.outcome_combo.findData("offer_sent")
        )
        page.wrap_up.note_edit.setPlainText("Sent the spring offer for two city bikes; follow up.")
        await settle()
        shots.save(window, "wrap-up")
        page.wrap_up.done_button.click()
        await eventually(lambda: page.presence.state == "available", "available again")

        tabs = window.tabs
        for name, panel in (("supervisor", window.supervisor_panel), ("admin", window.admin_panel)):
            if panel is None:
                print(f"no {name} panel in this installation: skipped")
                continue
            tabs.setCurrentWidget(panel)
            await settle(2.5)  # live figures and lists load from the server
            shots.save(window, name)
        tabs.setCurrentIndex(0)

        app.open_settings()
        dialog = app.settings_dialog
        assert isinstance(dialog, SettingsDialog)
        await eventually(lambda: dialog.preview.frames_received > 10, "the settings preview")
        await settle()
        shots.save(dialog, "settings")
        dialog.reject()
    finally:
        for visitor in visitors:
            await visitor.close()


Script = Callable[[ClerkApp, LiveServer, Shots], Awaitable[None]]


def run_app(
    script: Script,
    shots: Shots,
    *,
    language: str = "en",
    theme: str = "light",
    timeout: float = 180,
) -> list[Path]:
    """Run `script` on the app, at its log-in window, against the real server with demo
    data in a temporary folder; the PNGs it saved."""
    shots.out.mkdir(parents=True, exist_ok=True)
    # Loopback calls only: aioice skips 127.0.0.1 when it lists host addresses (tool only,
    # never in the app). No ICE servers are configured, so no STUN server is contacted.
    aioice.ice.get_host_addresses = lambda use_ipv4, use_ipv6: ["127.0.0.1"]
    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qapp, QApplication)
    qapp.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    with (
        tempfile.TemporaryDirectory() as tmp,
        live_server(Path(tmp) / "server", demo=True) as server,
    ):
        store = PreferenceStore.at(Path(tmp) / "settings.ini")
        store.save(store.load().with_changes(language=language, theme=theme))
        app = ClerkApp(
            qapp, preferences=store, tokens=MemoryTokenStore(), server=server.url, resume=False
        )
        app.start()
        try:
            loop.run_until_complete(asyncio.wait_for(script(app, server, shots), timeout))
        finally:
            loop.run_until_complete(asyncio.wait_for(app.shutdown(), 30))
            close_loop(loop)
    return shots.saved


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--language", choices=("en", "nl"), default="en")
    parser.add_argument("--theme", choices=sorted(THEMES), default="light")
    parser.add_argument(
        "--call-views",
        action="store_true",
        help="only the call view, at 1280x720 and at the minimum size, light and dark",
    )
    args = parser.parse_args()
    shots = Shots(args.out, args.language, args.call_views)
    saved = run_app(scripted_call, shots, language=args.language, theme=args.theme)
    print(f"{len(saved)} screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

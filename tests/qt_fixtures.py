"""Fixtures and helpers for the Qt app's tests: one qasync loop per test, the app under test,
and a scripted media visitor.

Import the `*_fixture` functions you need into the test module (pytest registers each under
its name without `_fixture`). The traps handled here (see the shared notes): asyncio tasks only
advance while the qasync loop runs, so tests drive coroutines with `run`/`complete` (qasync's
`run_until_complete` without its trailing round of events, which runs callbacks with no loop);
every task and timer handle is cancelled before the loop closes, or Python may abort at exit.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import asyncio
import contextlib
import subprocess
import sys
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
import qasync
from PySide6.QtWidgets import QApplication

from clerk_app.account.signup_view import SignUpDialog
from clerk_app.account.token_store import MemoryTokenStore
from clerk_app.account.view import LoginWindow
from clerk_app.media import CallPeer, LocalTracks, TestPatternVideoTrack, ToneAudioTrack
from clerk_app.settings.store import PreferenceStore
from clerk_app.shell.app import ClerkApp
from clerk_app.shell.garbage import GuiThreadCollector
from tests.accounts_helpers import STRONG_PASSWORD, Org, add_user, new_email
from tests.live_server import LiveServer, _wait_healthy, postgres_url_in, with_test_database
from tests.media_fixtures import eventually
from tests.ws_clients import ScriptedVisitor

T = TypeVar("T")
SCENARIO_TIMEOUT = 90.0


@pytest.fixture(name="qt_loop")
def qt_loop_fixture(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    """A qasync loop for this test only; closed cleanly (tasks and handles first). As in the
    app, cycles are collected on the GUI thread only while it runs (clerk_app.shell.garbage)."""
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    collector = GuiThreadCollector()
    collector.start()
    try:
        yield loop
    finally:
        close_loop(loop)
        asyncio.set_event_loop(None)
        collector.stop()


def close_loop(loop: qasync.QEventLoop) -> None:
    for _ in range(3):  # cancelling a task may start another (a close handler)
        pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
        if not pending:
            break
        for task in pending:
            task.cancel()
        with contextlib.suppress(Exception):
            complete(loop, asyncio.gather(*pending, return_exceptions=True))
    with contextlib.suppress(Exception):
        complete(loop, loop.shutdown_asyncgens())
    timer = loop._timer  # qasync keeps every call_later handle here, with its Qt timer id
    callbacks: dict[int, asyncio.Handle] = getattr(timer, "_SimpleTimer__callbacks", {})
    for timer_id, handle in list(callbacks.items()):
        handle.cancel()
        timer.killTimer(timer_id)
    callbacks.clear()
    loop.close()


def run(
    loop: qasync.QEventLoop, work: Coroutine[Any, Any, T], timeout: float = SCENARIO_TIMEOUT
) -> T:
    """Run one scenario coroutine on the Qt loop; a hang fails the test instead of pytest's
    global timeout."""
    return complete(loop, asyncio.wait_for(work, timeout))


def complete(loop: qasync.QEventLoop, work: Awaitable[T]) -> T:
    """`loop.run_until_complete`, without qasync's last round of Qt events after the loop has
    stopped: asyncio callbacks run in that round find no running loop, and a task step that
    asks for it (`asyncio.wait`, `get_running_loop`) fails with "no running event loop".
    What that round would have run waits for the next `complete` instead."""
    future = asyncio.ensure_future(work, loop=loop)
    future.add_done_callback(lambda _: loop.stop())
    loop.run_forever()
    return future.result()


@dataclass
class AppHarness:
    """Makes ClerkApp instances with settings in a temporary INI file and tokens in memory."""

    qapp: QApplication
    settings_dir: Path
    apps: list[ClerkApp] = field(default_factory=list)

    def make(self, server: str, *, language: str | None = None, **options: Any) -> ClerkApp:
        store = PreferenceStore.at(self.settings_dir / f"settings-{len(self.apps)}.ini")
        if language is not None:
            store.save(store.load().with_changes(language=language))
        options.setdefault("resume", False)
        options.setdefault("reconnect_delay", 0.2)
        options.setdefault("data_dir", self.settings_dir / f"data-{len(self.apps)}")
        app = ClerkApp(
            self.qapp, preferences=store, tokens=MemoryTokenStore(), server=server, **options
        )
        self.apps.append(app)
        app.start()
        return app

    def for_new_user(
        self, client: httpx.Client, org: Org, server: str, *, role: str = "clerk", **options: Any
    ) -> tuple[ClerkApp, str]:
        """A new user of `org` (password STRONG_PASSWORD) and an app at the log-in window."""
        email = new_email(role)
        add_user(client, org, role, email=email)
        return self.make(server, **options), email


@pytest.fixture(name="harness")
def harness_fixture(
    qapp: QApplication, qt_loop: qasync.QEventLoop, tmp_path: Path
) -> Iterator[AppHarness]:
    harness = AppHarness(qapp, tmp_path)
    try:
        yield harness
    finally:
        for app in harness.apps:
            with contextlib.suppress(Exception):
                complete(qt_loop, asyncio.wait_for(app.shutdown(), 20))


async def login_window(app: ClerkApp) -> LoginWindow:
    """The log-in window, once the app shows it."""
    await eventually(lambda: app.login_window is not None, "the log-in window")
    assert app.login_window is not None
    return app.login_window


def fill_sign_up(dialog: SignUpDialog, email: str) -> None:
    """The sign-up dialog's fields for a Dutch company (age and policy left to the test)."""
    dialog.name_edit.setText("Dana Holder")
    dialog.email_edit.setText(email)
    dialog.password_edit.setText(STRONG_PASSWORD)
    dialog.repeat_edit.setText(STRONG_PASSWORD)
    dialog.company_edit.setText("Tulip Bikes B.V.")
    dialog.number_edit.setText("87654321")
    dialog.vat_edit.setText("NL000099998B57")
    dialog.street_edit.setText("Keizersgracht 1")
    dialog.postal_edit.setText("1015 CJ")
    dialog.city_edit.setText("Amsterdam")


async def log_in(app: ClerkApp, email: str, password: str) -> None:
    """Fill in the log-in window as a clerk would and wait for the main window."""
    window = await login_window(app)
    window.email_edit.setText(email)
    window.password_edit.setText(password)
    window.login_button.click()
    await eventually(
        lambda: app.main_window is not None or bool(window.banner.text),
        "log-in finished",
        within=20,
    )
    assert app.main_window is not None, window.banner.text


def start_server_process(
    data_dir: Path, port: int, env: dict[str, str] | None = None, *, demo: bool = False
) -> LiveServer:
    """The real server on a given port (to restart it where the app expects it)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    log_path = data_dir / f"server-{port}.log"
    args = [sys.executable, "-m", "server.cli", "serve", "--data-dir", str(data_dir)]
    args += ["--host", "127.0.0.1", "--port", str(port)] + (["--demo"] if demo else [])
    environment = with_test_database(data_dir, {**os.environ, **(env or {})})
    with log_path.open("ab") as log:
        process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=environment)
    server = LiveServer(
        f"http://127.0.0.1:{port}",
        data_dir,
        log_path,
        process,
        database_url=postgres_url_in(environment),
    )
    try:
        _wait_healthy(server)
    except BaseException:
        server.stop()
        raise
    return server


@dataclass
class MediaVisitor:
    """A visitor whose browser is an aiortc peer answering the clerk's offer."""

    socket: ScriptedVisitor
    peer: CallPeer | None = None
    task: asyncio.Task[None] | None = None
    ended: Any = None

    @classmethod
    async def waiting(
        cls, server_url: str, widget_key: str, queue_id: str, **consent: bool
    ) -> MediaVisitor:
        socket = ScriptedVisitor(server_url.replace("http", "ws", 1), widget_key)
        await socket.connect()
        queued = await socket.join(queue_id, **consent)
        assert queued.type == "queued", queued
        visitor = cls(socket)
        visitor.task = asyncio.get_running_loop().create_task(visitor._answer_calls())
        return visitor

    async def _answer_calls(self) -> None:
        while True:
            message = await self.socket.expect("offer", "ended", timeout=300)
            if message.type == "ended":
                self.ended = message
                return
            if self.peer is not None:
                await self.peer.close()
            self.peer = CallPeer(
                LocalTracks(audio=ToneAudioTrack(880), video=TestPatternVideoTrack(320, 240))
            )
            answer = await self.peer.accept_offer(message.sdp)
            await self.socket.send({"type": "answer", "sdp": answer})

    async def change_consent(self, *, recording: bool, transcription: bool) -> None:
        await self.socket.send(
            {"type": "consent", "consent": {"recording": recording, "transcription": transcription}}
        )

    async def hang_up(self) -> None:
        await self.socket.send({"type": "hangup"})

    async def close(self) -> None:
        if self.task is not None:
            self.task.cancel()
            await asyncio.gather(self.task, return_exceptions=True)
        if self.peer is not None:
            await self.peer.close()
        await self.socket.close()


def admin_get(client: httpx.Client, token: str, path: str) -> Any:
    response = client.get(path, headers={"Authorization": f"Bearer {token}"})
    response.raise_for_status()
    return response.json()


def ticker(interval_ms: int = 50) -> tuple[Callable[[], int], Callable[[], None]]:
    """A QTimer that counts its ticks: (read the count, stop it)."""
    from PySide6.QtCore import QTimer

    count = [0]
    timer = QTimer()
    timer.setInterval(interval_ms)
    timer.timeout.connect(lambda: count.__setitem__(0, count[0] + 1))
    timer.start()
    return (lambda: count[0]), timer.stop

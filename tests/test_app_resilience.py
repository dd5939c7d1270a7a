"""The app stays responsive while its server goes away and comes back: the event loop keeps
ticking, the link shows what happens, actions fail with a plain sentence, and the clerk
gets back to work after the server restarts (on the same port and data)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import asyncio
from pathlib import Path

import httpx
import pytest
import qasync

from clerk_app.shell.main_window import MainWindow
from tests.accounts_helpers import STRONG_PASSWORD, add_user, new_email, new_org
from tests.live_server import LiveServer, free_port
from tests.media_fixtures import eventually
from tests.qt_fixtures import (
    AppHarness,
    harness_fixture,
    log_in,
    qt_loop_fixture,
    run,
    start_server_process,
    ticker,
)

__all__ = ["harness_fixture", "qt_loop_fixture"]
GRACE = "15"  # seconds the server keeps a dropped clerk's place; the app retries that long


@pytest.fixture
def own_server(tmp_path: Path) -> tuple[Path, int, dict[str, str]]:
    """Where and how to run a server of this test's own (started and stopped by the test)."""
    return tmp_path / "server", free_port(), {"VIDEOCLERK_RECONNECT_GRACE_SECONDS": GRACE}


def link(window: MainWindow) -> str:
    return str(window.link_label.property("linkState"))


def test_ui_keeps_ticking_while_the_server_is_down_and_comes_back(
    own_server: tuple[Path, int, dict[str, str]],
    harness: AppHarness,
    qt_loop: qasync.QEventLoop,
) -> None:
    data_dir, port, env = own_server
    servers: list[LiveServer] = [start_server_process(data_dir, port, env)]
    with httpx.Client(base_url=servers[0].url, timeout=30) as client:
        org = new_org(client)
        email = new_email("clerk")
        add_user(client, org, "clerk", email=email)
    # The app's reconnect grace runs on this clock: it stands still until the test moves it,
    # so a slow restart (a busy machine) cannot end the grace before the server is back.
    now = [0.0]
    app = harness.make(servers[0].url, reconnect_clock=lambda: now[0])
    ticks, stop_ticking = ticker(50)

    async def restart() -> None:
        servers.append(await asyncio.to_thread(start_server_process, data_dir, port, env))

    async def stop() -> None:
        await asyncio.to_thread(servers[-1].stop)

    async def scenario() -> None:
        await log_in(app, email, STRONG_PASSWORD)
        window = app.main_window
        assert window is not None
        page = window.calls_page
        page.presence.available_button.click()
        await eventually(lambda: page.presence.state == "available", "available")

        # The server goes away: the link says so, the loop keeps ticking.
        await stop()
        await eventually(lambda: link(window) == "reconnecting", "reconnecting shown")
        assert "reconnecting" in window.link_label.text()
        # The presence line no longer claims that calls come in.
        assert page.presence.state == "reconnecting"
        assert page.presence.state_label.text() == "\u25cf offline \u2013 reconnecting"
        assert not page.queue_panel.take_next_button.isEnabled()
        before = ticks()
        await eventually(lambda: ticks() >= before + 20, "the event loop ticking", within=10)
        page.presence.away_button.click()  # an action while offline fails plainly
        await eventually(lambda: bool(page.banner.text), "a plain error")
        assert "reconnecting" in page.banner.text
        assert "Traceback" not in page.banner.text

        # It comes back within the grace period (the retries' backoff is capped at 15 s: the
        # bound below only guards against a hang): connected again, and available again as the
        # clerk chose (the restarted server had forgotten it), without a click.
        await restart()
        await eventually(lambda: link(window) == "connected", "reconnected", within=45)
        await eventually(lambda: page.presence.state == "available", "available after restart")

        # Down for longer than the grace period: closed, with a Reconnect button that works.
        await stop()
        await eventually(lambda: link(window) == "reconnecting", "reconnecting again")
        now[0] += float(GRACE) + 1
        await eventually(lambda: link(window) == "closed", "given up", within=45)
        assert window.reconnect_button.isVisibleTo(window)
        assert "click Reconnect" in window.link_label.text()
        before = ticks()
        await eventually(lambda: ticks() >= before + 10, "still ticking", within=10)
        await restart()
        window.reconnect_button.click()
        await eventually(lambda: link(window) == "connected", "reconnected by hand", within=45)
        assert not window.reconnect_button.isVisibleTo(window)

    try:
        run(qt_loop, scenario(), timeout=120)
    finally:
        stop_ticking()
        for server in servers:
            server.stop()


def test_a_session_ended_elsewhere_returns_to_the_log_in_window(
    server: LiveServer, client: httpx.Client, harness: AppHarness, qt_loop: qasync.QEventLoop
) -> None:
    org = new_org(client)
    app, email = harness.for_new_user(client, org, server.url)

    async def scenario() -> None:
        await log_in(app, email, STRONG_PASSWORD)
        assert app.session is not None and app.desk is not None
        # "Report a leaked password" from elsewhere ends every session of this user.
        leak = await asyncio.to_thread(
            client.post,
            "/api/v1/me/report-leak",
            headers={"Authorization": f"Bearer {app.session.token}"},
        )
        leak.raise_for_status()
        ws = app.desk.connection._ws
        assert ws is not None
        await ws.close()  # the network drops; coming back, the server refuses the session
        await eventually(lambda: app.login_window is not None, "back at the log-in window")
        assert app.main_window is None
        assert app.login_window is not None
        assert app.login_window.banner.text == "Your session has ended. Log in again."
        assert await app.tokens.load(server.url) is None

    run(qt_loop, scenario())

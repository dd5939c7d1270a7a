"""The clerk app's core (services, media, settings) imports no Qt: the Qt shell depends on it,
never the other way round."""

from __future__ import annotations

import subprocess
import sys

import pytest

# No server, no database: `make test-postgres` leaves these out (tests/conftest.py).
pytestmark = pytest.mark.engine_independent

CORE = [
    "clerk_app.account.service",
    "clerk_app.account.token_store",
    "clerk_app.queue.alert",
    "clerk_app.queue.backoff",
    "clerk_app.queue.connection",
    "clerk_app.queue.desk",
    "clerk_app.queue.presence",
    "clerk_app.queue.waiting",
    "clerk_app.call.session",
    "clerk_app.call.consent",
    "clerk_app.call.pcm",
    "clerk_app.call.preview",
    "clerk_app.call.wrapup",
    "clerk_app.recording.recorder",
    "clerk_app.recording.uploader",
    "clerk_app.settings.config",
    "clerk_app.settings.devices",
    "clerk_app.settings.effective",
    "clerk_app.settings.preferences",
    "clerk_app.logs",
    "clerk_app.admin.api",
    "clerk_app.admin.users.service",
    "clerk_app.admin.keys.service",
    "clerk_app.admin.widgets.service",
    "clerk_app.admin.widgets.hours",
    "clerk_app.admin.audit.service",
    "clerk_app.admin.catalogue.service",
    "clerk_app.admin.catalogue.csv_io",
    "clerk_app.admin.offers.service",
    "clerk_app.admin.recordings.service",
    "clerk_app.admin.webhooks.service",
    "clerk_app.admin.datarequests.service",
    "clerk_app.privacy.service",
    "clerk_app.supervisor.ratings",
    "clerk_app.downloads",
]


def test_core_modules_load_without_qt() -> None:
    script = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in CORE)
        + "qt = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'qasync'))]\n"
        + "print(sorted(qt))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", result.stdout


def test_waiting_time_follows_the_servers_clock() -> None:
    from clerk_app.queue.desk import QueueSummary, WaitingEntry
    from clerk_app.queue.waiting import WaitClock, format_duration

    now = [100.0]
    sales = {"en": "Sales", "nl": "Verkoop"}
    clock = WaitClock(monotonic=lambda: now[0])
    entry = WaitingEntry("c1", "q1", sales, 1, "2020-01-01T10:00:00+00:00", True, False, True)
    later = WaitingEntry("c2", "q1", sales, 2, "2020-01-01T10:00:30+00:00", False, False, True)
    # The server says the head has waited 45 s: whatever this machine's clock says.
    clock.snapshot([QueueSummary("q1", sales, 2, 45)], [entry, later])
    assert clock.waited_seconds(entry) == 45
    assert clock.waited_seconds(later) == 15
    now[0] += 3
    assert clock.waited_seconds(entry) == 48
    assert [format_duration(s) for s in (7, 245, 3723)] == ["0:07", "4:05", "1:02:03"]


def test_consent_keeps_the_time_of_each_choice() -> None:
    from clerk_app.call.consent import ConsentTracker
    from clerk_app.queue.desk import ConsentView

    tracker = ConsentTracker()
    assert tracker.update(ConsentView(True, False, "2020-01-01T10:00:00+00:00", "3")) == [
        "recording",
        "transcription",
    ]
    assert tracker.update(ConsentView(True, True, "2020-01-01T10:05:00+00:00", "4")) == [
        "transcription"
    ]
    recording, transcription = tracker.choices["recording"], tracker.choices["transcription"]
    assert (recording.at, recording.text_version, recording.changed_during_call) == (
        "2020-01-01T10:00:00+00:00",
        "3",
        False,
    )
    assert (transcription.granted, transcription.text_version) == (True, "4")
    assert transcription.changed_during_call


def test_note_check_flags_personal_data_but_not_order_numbers() -> None:
    from clerk_app.call.wrapup import personal_data_kinds

    assert personal_data_kinds("Sent offer 1299 for order 12345") == []
    assert personal_data_kinds("mail her at a.b@example.nl") == ["email"]
    assert personal_data_kinds("call +31 20 123 4567") == ["phone"]
    assert personal_data_kinds("IBAN NL91 ABNA 0417 1643 00") == ["iban"]


async def test_keyring_token_store_falls_back_to_memory_when_the_keyring_fails() -> None:
    from clerk_app.account.token_store import KeyringTokenStore

    class Backend:
        def __init__(self) -> None:
            self.saved: dict[tuple[str, str], str] = {}
            self.broken = False

        def get_password(self, service: str, user: str) -> str | None:
            if self.broken:
                raise RuntimeError("the keyring daemon is gone")
            return self.saved.get((service, user))

        def set_password(self, service: str, user: str, secret: str) -> None:
            if self.broken:
                raise RuntimeError("the keyring daemon is gone")
            self.saved[(service, user)] = secret

        def delete_password(self, service: str, user: str) -> None:
            self.saved.pop((service, user), None)

    backend = Backend()
    store = KeyringTokenStore(backend)
    await store.save("https://a.example", "vcs_1")
    assert backend.saved == {("videoclerk", "https://a.example"): "vcs_1"}
    assert store.persistent
    assert await store.load("https://a.example") == "vcs_1"
    backend.broken = True
    await store.save("https://b.example", "vcs_2")  # no exception reaches the app
    assert not store.persistent and store.description == "memory"
    assert await store.load("https://b.example") == "vcs_2"
    await store.forget("https://a.example")
    assert await store.load("https://a.example") is None


def test_the_app_never_imports_the_server() -> None:
    """The app and the server share only `videoclerk_protocol`: the desktop bundle has no server."""
    script = (
        "import pkgutil, importlib, sys\n"
        "import clerk_app\n"
        "for info in pkgutil.walk_packages(clerk_app.__path__, 'clerk_app.'):\n"
        "    importlib.import_module(info.name)\n"
        "print(sorted(m for m in sys.modules if m == 'server' or m.startswith('server.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout

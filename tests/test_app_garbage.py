"""Qt objects in reference cycles are destroyed on the GUI thread, never in a worker thread
(clerk_app.shell.garbage): CPython collects cycles in whichever thread allocates past a
threshold, and aiortc's decoder, its encoder pool and the recording writer allocate all the
time. Such a collection once destroyed Qt objects there, and the GUI thread crashed (SIGSEGV
in qasync's run_forever) in CI."""

from __future__ import annotations

import gc
import threading
import weakref

import pytest
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clerk_app.shell.garbage import GuiThreadCollector

# No server, no database: `make test-postgres` leaves these out (tests/conftest.py).
pytestmark = pytest.mark.engine_independent

# Well past the first threshold of every generation: with automatic collection on, a worker
# allocating this many containers collects the young generation several times.
WORKER_ALLOCATIONS = 50_000


def drop_qt_cycle(*, timer: bool = True) -> list[str]:
    """A QObject (with a running timer) kept only by a reference cycle; returns the list that
    gets the name of the thread its wrapper is freed in."""
    freed_in: list[str] = []
    holder = QObject()
    if timer:
        holder.timer = QTimer(holder)  # type: ignore[attr-defined]
        holder.timer.start(60_000)  # type: ignore[attr-defined]
    holder.cycle = holder  # type: ignore[attr-defined]
    weakref.finalize(holder, lambda: freed_in.append(threading.current_thread().name))
    return freed_in


def allocate_in_a_worker() -> list[list[None]]:
    """Allocate in a worker thread as aiortc's decoder does; returns what it allocated (kept
    alive, so that the count of new objects stays past the threshold)."""
    allocated: list[list[None]] = []

    def work() -> None:
        allocated.extend([] for _ in range(WORKER_ALLOCATIONS))

    worker = threading.Thread(target=work, name="worker")
    worker.start()
    worker.join()
    return allocated


def test_without_the_collector_a_worker_thread_destroys_qt_garbage(qapp: QApplication) -> None:
    """What the collector is for: CPython's own collection runs in the allocating thread.

    Without a timer here: a timer destroyed in the worker stays registered with the GUI
    thread's event dispatcher ("Timers cannot be stopped from another thread"), which then
    fires it at the freed object, and the process dies with SIGSEGV in
    QTimerInfoList::activateTimers, in whatever test processes Qt events next."""
    assert gc.isenabled()
    gc.collect()  # the young generation starts empty: the worker's allocations come first
    freed_in = drop_qt_cycle(timer=False)
    allocate_in_a_worker()
    assert freed_in == ["worker"]


def test_with_the_collector_qt_garbage_is_destroyed_on_the_gui_thread(
    qapp: QApplication, qtbot: QtBot
) -> None:
    collector = GuiThreadCollector(interval_ms=10)
    collector.start()
    try:
        assert not gc.isenabled()
        gc.collect()
        freed_in = drop_qt_cycle()
        allocated = allocate_in_a_worker()
        assert freed_in == []  # the worker collected nothing
        qtbot.waitUntil(lambda: bool(freed_in))  # the GUI thread's timer collects it
        del allocated
        assert freed_in == [threading.main_thread().name]
    finally:
        collector.stop()
    assert gc.isenabled()


def test_stopping_collects_what_is_left_on_the_gui_thread(qapp: QApplication) -> None:
    collector = GuiThreadCollector(interval_ms=60_000)
    collector.start()
    freed_in = drop_qt_cycle()
    allocate_in_a_worker()
    collector.stop()
    assert freed_in == [threading.main_thread().name]
    assert gc.isenabled()


def test_a_collector_started_while_collection_is_off_leaves_it_off(qapp: QApplication) -> None:
    gc.disable()
    try:
        collector = GuiThreadCollector()
        collector.start()
        collector.stop()
        assert not gc.isenabled()
    finally:
        gc.enable()

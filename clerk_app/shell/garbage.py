"""Python's cycle collector, run on the GUI thread only.

CPython collects reference cycles in whichever thread allocates when a threshold is passed.
In this app that is often not the GUI thread: aiortc decodes in a thread of its own and
encodes in the loop's executor, and recordings are written in another thread. A cycle that
holds Qt objects (a closed window, a call's models, a sound effect) would then be destroyed
in that thread, while Qt objects must be destroyed in the thread they live in: a widget or a
timer torn down from another thread corrupts Qt's state, and the GUI thread crashes later,
far from the cause.

So while the app runs, automatic collection is off and a timer on the GUI thread collects
instead, with Python's own thresholds (pyqtgraph's GarbageCollector does the same, for the
same reason). Explicit `gc.collect()` calls still run where they are made: make none off the
GUI thread.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_INTERVAL_MS = 100


class GuiThreadCollector(QObject):
    """Between `start()` and `stop()`, cycles are collected on this object's thread only."""

    def __init__(self, parent: QObject | None = None, *, interval_ms: int = CHECK_INTERVAL_MS):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_due)
        self._was_enabled = False

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        if self.running:
            return
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start()

    def collect_due(self) -> int:
        """Collect the oldest generation whose threshold has been passed, as CPython would
        (less its rule that holds full collections back while few objects are new); returns
        the number of unreachable objects found."""
        thresholds, counts = gc.get_threshold(), gc.get_count()
        for generation in (2, 1, 0):
            if thresholds[generation] and counts[generation] > thresholds[generation]:
                return gc.collect(generation)
        return 0

    def stop(self) -> None:
        """Collect what is left here, then hand collection back to Python."""
        if not self.running:
            return
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()

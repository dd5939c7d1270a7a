"""The clerk app's picture path and start-up, each beside a baseline measured in the same run.

1. Cost per displayed 1280x720 frame: an av.VideoFrame (yuv420p, what aiortc's decoder gives)
   handed to the app's VideoWidget and painted (convert + paint, offscreen), beside PyAV's
   own conversion of the same frames to RGB24 (`to_ndarray(format="rgb24")` when numpy is
   installed, else `reformat(format="rgb24")`, which is the conversion to_ndarray runs).
   Target: at most 1.5x the baseline.
2. App start to first window shown (`videoclerk --exit-when-shown`), beside a bare PySide6
   window, both as subprocesses, median of a few runs.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/render.py [--start-only]
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import av

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from clerk_app.call.video import VideoWidget  # noqa: E402
from clerk_app.media.sources import TestPatternVideoTrack  # noqa: E402

WIDTH, HEIGHT = 1280, 720
BATCH = 50  # fresh frames per timed pass
ROUNDS = 8
STARTS = 5

BARE_WINDOW = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel
    app = QApplication(sys.argv[:1])
    window = QLabel("bare")
    window.resize(440, 360)
    window.show()
    def shown():
        print("first window shown", flush=True)
        app.quit()
    QTimer.singleShot(0, shown)
    app.exec()
    """
)


class FreshFrames:
    """New VideoFrame objects with moving content, as a decoder hands them out: each frame
    is converted once, so no per-frame converter state is reused by accident."""

    def __init__(self) -> None:
        self._track = TestPatternVideoTrack(WIDTH, HEIGHT, fps=30)
        self._index = 0

    def batch(self, count: int) -> list[av.VideoFrame]:
        frames = []
        for _ in range(count):
            self._index += 1
            frames.append(self._track.render(self._index))
        return frames


def baseline_conversion() -> tuple[str, Callable[[av.VideoFrame], object]]:
    try:
        import numpy  # noqa: F401
    except ImportError:
        return 'frame.reformat(format="rgb24")', lambda f: f.reformat(format="rgb24")
    return 'frame.to_ndarray(format="rgb24")', lambda f: f.to_ndarray(format="rgb24")


def per_frame_ms(work: Callable[[av.VideoFrame], object], frames: list[av.VideoFrame]) -> float:
    started = time.perf_counter()
    for frame in frames:
        work(frame)
    return (time.perf_counter() - started) * 1000 / len(frames)


def bench_render() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    widget = VideoWidget()
    widget.resize(WIDTH, HEIGHT)
    widget.show()
    app.processEvents()
    source = FreshFrames()
    name, convert = baseline_conversion()

    def display(frame: av.VideoFrame) -> None:
        widget.set_frame(frame)
        widget.repaint()  # a synchronous paint: convert + draw

    for work in (display, convert):  # warm up
        per_frame_ms(work, source.batch(BATCH))
    shown: list[float] = []
    base: list[float] = []
    painted_before = widget.frames_painted
    for _ in range(ROUNDS):  # interleaved, so that drift hits both alike
        shown.append(per_frame_ms(display, source.batch(BATCH)))
        base.append(per_frame_ms(convert, source.batch(BATCH)))
    painted = widget.frames_painted - painted_before
    assert painted == BATCH * ROUNDS, f"only {painted} of {BATCH * ROUNDS} frames were painted"
    shown_ms, base_ms = statistics.median(shown), statistics.median(base)
    print(
        f"{WIDTH}x{HEIGHT} yuv420p frames, {ROUNDS} rounds of {BATCH} fresh frames each, "
        f"{widget.width()}x{widget.height()} widget"
    )
    print(f"  app: av frame -> painted VideoWidget : {shown_ms:.3f} ms per frame (median)")
    print(f"  PyAV {name:34s}: {base_ms:.3f} ms per frame (median)")
    print(f"  ratio: {shown_ms / base_ms:.2f}x (target <= 1.5x)")
    widget.close()


def time_to_line(args: list[str], env: dict[str, str], expect: str) -> float:
    started = time.perf_counter()
    process = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    )
    assert process.stdout is not None
    for line in process.stdout:
        if expect in line:
            elapsed = time.perf_counter() - started
            break
    else:
        process.wait()
        raise RuntimeError(f"{args} never printed {expect!r} (exit {process.returncode})")
    process.wait(timeout=30)
    return elapsed * 1000


def bench_start() -> None:
    with tempfile.TemporaryDirectory() as home:
        # Settings of the app's own (QSettings under XDG_CONFIG_HOME), offscreen, no keyring.
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_CONFIG_HOME": home,
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }
        app_args = [
            sys.executable,
            "-m",
            "clerk_app.main",
            "--server",
            "http://127.0.0.1:9",
            "--logged-out",
            "--exit-when-shown",
        ]
        bare_args = [sys.executable, "-c", BARE_WINDOW]
        app_ms: list[float] = []
        bare_ms: list[float] = []
        time_to_line(app_args, env, "first window shown")  # warm the file cache
        time_to_line(bare_args, env, "first window shown")
        for _ in range(STARTS):
            app_ms.append(time_to_line(app_args, env, "first window shown"))
            bare_ms.append(time_to_line(bare_args, env, "first window shown"))
    app_median, bare_median = statistics.median(app_ms), statistics.median(bare_ms)
    print(f"start to first window shown, median of {STARTS} (subprocesses, offscreen)")
    print(f"  videoclerk log-in window : {app_median:.0f} ms")
    print(f"  bare PySide6 window      : {bare_median:.0f} ms")
    print(f"  ratio: {app_median / bare_median:.2f}x")


if __name__ == "__main__":
    if "--start-only" not in sys.argv:
        bench_render()
    bench_start()

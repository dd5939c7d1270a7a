"""The wheel as installers and operators get it, outside the checkout.

The repository's files are copied (git's list: nothing left over from earlier builds), the
Dutch .qm files built there as `make translations` does, and the wheel built from the copy.
Each part goes into a fresh venv of its own: `[server]` must run without Qt, aiortc or PyAV,
and `[app]` without FastAPI or uvicorn. The server serves the widget's files from the wheel's
package data; the app's `--smoke` loads its packaged Dutch translation and reaches that server.

uv makes the venvs (its cache keeps repeated runs quick); `pytest -m "not wheel"` skips this.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.live_server import LiveServer, live_server

# The installed servers run on SQLite in their own folders whatever the run's engine.
pytestmark = [pytest.mark.wheel, pytest.mark.engine_independent]

ROOT = Path(__file__).resolve().parents[1]
TOOLS = Path(sys.executable).parent  # the dev venv's uv and pyside6-lrelease
SERVER_ONLY = ("fastapi", "uvicorn", "sqlite_utils")
APP_ONLY = ("PySide6", "aiortc", "av", "qasync")
# Imports every module of a package; prints the other part's modules that came along.
IMPORT_ALL = """
import importlib, pkgutil, sys
package, other = sys.argv[1:]
root = importlib.import_module(package)
for module in pkgutil.walk_packages(root.__path__, package + "."):
    importlib.import_module(module.name)
print(" ".join(name for name in sys.modules if name.split(".")[0] == other))
"""


def run(*args: str | Path, cwd: Path) -> str:
    done = subprocess.run(
        [str(arg) for arg in args], cwd=cwd, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, f"{args}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def checkout_copy(into: Path) -> Path:
    """The files git knows (committed or new, not ignored) plus the built .qm files."""
    listed = run("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():  # a file deleted but not yet committed is listed too
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, into / name)
    for ts in sorted((into / "resources" / "translations").glob("*.ts")):
        run(TOOLS / "pyside6-lrelease", "-silent", ts, "-qm", ts.with_suffix(".qm"), cwd=into)
    return into


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = checkout_copy(tmp_path_factory.mktemp("source"))
    dist = tmp_path_factory.mktemp("dist")
    run(TOOLS / "uv", "build", "--wheel", "--quiet", "--out-dir", dist, source, cwd=dist)
    (built,) = dist.glob("videoclerk-*.whl")
    return built


def fresh_venv(folder: Path, requirement: str) -> Path:
    """A venv outside the checkout with `requirement` installed; returns its bin folder."""
    run(TOOLS / "uv", "venv", "--quiet", "--python", sys.executable, folder, cwd=folder.parent)
    python = folder / "bin" / "python"
    run(TOOLS / "uv", "pip", "install", "--quiet", "--python", python, requirement, cwd=folder)
    return folder / "bin"


def imports_of_the_other_part(bin_dir: Path, package: str, other: str) -> list[str]:
    """Imports all of `package` in the venv: fails on a missing dependency, and returns the
    modules of `other` that it brought in."""
    return run(bin_dir / "python", "-c", IMPORT_ALL, package, other, cwd=bin_dir).split()


def importable(bin_dir: Path, modules: tuple[str, ...]) -> list[str]:
    """Which of `modules` the venv's Python finds, run outside the checkout."""
    found = run(
        bin_dir / "python",
        "-c",
        "import importlib.util, sys; "
        "print(' '.join(m for m in sys.argv[1:] if importlib.util.find_spec(m)))",
        *modules,
        cwd=bin_dir,
    )
    return found.split()


@pytest.fixture(scope="module")
def server_bin(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fresh_venv(tmp_path_factory.mktemp("server-part") / "venv", f"{wheel}[server]")


@pytest.fixture(scope="module")
def app_bin(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fresh_venv(tmp_path_factory.mktemp("app-part") / "venv", f"{wheel}[app]")


@pytest.fixture(scope="module")
def installed_server(
    server_bin: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    """The server part's `videoclerk-server`, with the demo organisation and its widget."""
    data = tmp_path_factory.mktemp("server-data")
    with live_server(data, demo=True, program=[str(server_bin / "videoclerk-server")]) as server:
        yield server


def test_server_part_has_no_qt_aiortc_or_pyav(server_bin: Path) -> None:
    assert importable(server_bin, SERVER_ONLY + APP_ONLY) == list(SERVER_ONLY)
    assert imports_of_the_other_part(server_bin, "server", "clerk_app") == []


def test_app_part_has_no_fastapi_or_uvicorn_and_never_imports_the_server(app_bin: Path) -> None:
    assert importable(app_bin, SERVER_ONLY + APP_ONLY) == list(APP_ONLY)
    assert imports_of_the_other_part(app_bin, "clerk_app", "server") == []


def test_installed_server_serves_the_widget_and_panel_from_package_data(
    installed_server: LiveServer, server_bin: Path
) -> None:
    log = installed_server.log()
    assert str(server_bin.parent) in run(
        server_bin / "python", "-c", "import server; print(server.__file__)", cwd=server_bin
    ), "the server must run from the venv, not from the checkout"
    panel_url = re.search(r"Demo video-call panel: (\S+)", log)
    assert panel_url, log
    with httpx.Client(base_url=installed_server.url, timeout=30) as http:
        loader = http.get("/widget.js")
        assert loader.status_code == 200
        assert loader.headers["content-type"].startswith("text/javascript")
        assert loader.text == (ROOT / "resources" / "widget" / "widget.js").read_text()
        panel = http.get(panel_url.group(1))
        assert panel.status_code == 200, panel.text
        assert '<script type="module" src="/widget/static/panel.js">' in panel.text
        script = http.get("/widget/static/panel.js")
        assert script.status_code == 200
        assert script.text == (ROOT / "resources" / "widget" / "panel.js").read_text()


def test_installed_app_smoke_checks_in_dutch_against_the_installed_server(
    app_bin: Path, installed_server: LiveServer, tmp_path: Path
) -> None:
    config = tmp_path / "installer.toml"
    config.write_text(f'server = "{installed_server.url}"\nlanguage = "nl"\n')
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    environment.pop("VIDEOCLERK_TRANSLATIONS", None)  # the packaged .qm, nothing else
    smoke = subprocess.run(
        [app_bin / "videoclerk", "--smoke", "--config", config],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr
    assert smoke.stdout.strip() == (
        "videoclerk smoke: qt ok, translation nl ok, modules ok, codecs ok, call ok, "
        "server ok (0.1.0)"
    )

"""The desktop bundle (build/videoclerk.spec, docs/desktop-bundle.md): its rules, and the
bundle itself, built by `make package` and run with `--smoke` against a real server.

The build takes minutes; a bundle newer than every file it is made from is used again.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from clerk_app import __version__
from tests.live_server import LiveServer, live_server

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "build"))
import bundle_rules as rules  # noqa: E402

DIST = ROOT / "build" / "dist"
BUNDLE = DIST / "videoclerk"
INTERNAL = BUNDLE / "_internal"
# The first test that needs the bundle may build it (minutes on a busy machine). The bundle's
# outcome cannot depend on the server's database: `make test-postgres` leaves it out.
pytestmark = [pytest.mark.timeout(900), pytest.mark.engine_independent]
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux bundle")

# -- the rules ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "source", "kept"),
    [
        ("PySide6/Qt/translations/qtbase_nl.qm", "", True),
        ("PySide6/Qt/translations/qtmultimedia_en.qm", "", True),
        ("PySide6/Qt/translations/qtbase_de.qm", "", False),
        ("PySide6/Qt/translations/qt_zh_TW.qm", "", False),
        ("PySide6/Qt/qml/QtQuick/Controls/libqtquickcontrols2plugin.so", "", False),
        ("PySide6/Qt/lib/libQt6WebEngineCore.so.6", "", False),
        ("PySide6/Qt/lib/libQt6Pdf.so.6", "", False),
        ("PySide6/Qt/lib/libQt6Quick.so.6", "", True),  # Qt's FFmpeg plugin links it
        ("PySide6/Qt/lib/libQt6Multimedia.so.6", "", True),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", "", True),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", "", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "", False),
        ("PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so", "", True),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", "", False),
        ("libgtk-3.so.0", "/lib/x86_64-linux-gnu/libgtk-3.so.0", False),
        ("libX11.so.6", "/usr/lib/x86_64-linux-gnu/libX11.so.6", False),
        ("libpulse.so.0", "/lib/x86_64-linux-gnu/libpulse.so.0", False),
        ("libssl.so.3", "/lib/x86_64-linux-gnu/libssl.so.3", True),
        ("libpython3.11.so.1.0", "/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0", True),
        ("libreadline.so.8", "/lib/x86_64-linux-gnu/libreadline.so.8", False),  # GPL
        ("av.libs/libxcb-5ddf6756.so.1.1.0", "/venv/site-packages/av.libs/libxcb.so", True),
        ("babel/locale-data/nl.dat", "", True),
        ("babel/locale-data/en_150.dat", "", True),
        ("babel/locale-data/root.dat", "", True),
        ("babel/locale-data/de_CH.dat", "", False),
        ("babel/global.dat", "", True),
    ],
)
def test_the_bundle_keeps_what_the_app_uses_and_nothing_else(
    name: str, source: str, kept: bool
) -> None:
    assert rules.keep(name, source) is kept


def test_unused_qt_bindings_and_the_servers_stack_are_excluded() -> None:
    excluded = rules.excluded_modules()
    for module in ("PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtWebEngineCore", "server"):
        assert module in excluded
    for used in ("PySide6.QtMultimedia", "PySide6.QtMultimediaWidgets", "PySide6.QtSvg"):
        assert used not in excluded


def test_gpl_encoders_get_stand_ins_exporting_what_libavcodec_imports() -> None:
    assert rules.stand_in_for("av.libs/libx264-d6533a8d.so.165") == "x264"
    assert rules.stand_in_for("av.libs/libx265-f5385bb8.so.216") == "x265"
    assert rules.stand_in_for("av.libs/libvpx-edb6de90.so.12.0.0") is None
    assert rules.stand_in_for("av.libs/libopus-114e2b1a.so.0.11.1") is None
    nm = (
        "000000000000adf0 0000000000000187 T x264_encoder_open_165\n"
        "00000000001ef940 00000000000002a0 R x264_levels\n"
        "                 w __gmon_start__\n"
    )
    symbols = rules.parse_nm(nm)
    assert [(s.name, s.is_function, s.size) for s in symbols] == [
        ("x264_encoder_open_165", True, 0x187),
        ("x264_levels", False, 0x2A0),
    ]
    source = rules.stub_source("libx264.so.165", symbols)
    assert "EXPORT long x264_encoder_open_165(void) { return 0x0; }" in source
    assert "EXPORT const unsigned char x264_levels[672] = {0};" in source
    assert rules.undefined_names("                 U x264_levels\n  U memcpy@GLIBC_2.14\n") == {
        "x264_levels",
        "memcpy",
    }


@pytest.mark.parametrize(
    ("item", "kept"),
    [
        ("icudt73l/nl.res", True),
        ("icudt73l/en_150.res", True),
        ("icudt73l/root.res", True),
        ("icudt73l/de.res", False),
        ("icudt73l/coll/de_.res", False),
        ("icudt73l/coll/nl.res", True),
        ("icudt73l/coll/ucadata.icu", True),
        ("icudt73l/zone/fr_CA.res", False),
        ("icudt73l/res_index.res", True),
        ("icudt73l/pool.res", True),
        ("icudt73l/zoneinfo64.res", True),
        ("icudt73l/supplementalData.res", True),
        ("icudt73l/brkitr/thaidict.dict", True),
        ("icudt73l/translit/root.res", False),
        ("icudt73l/ibm-943_P15A-2003.cnv", False),
        ("icudt73l/cnvalias.icu", True),
    ],
)
def test_icu_data_keeps_root_english_dutch_and_what_is_no_locale(item: str, kept: bool) -> None:
    assert rules.keep_icu_item(item) is kept


def icu_package(items: dict[str, bytes]) -> bytes:
    header = (32).to_bytes(2, "little") + b"\xda\x27" + bytes(4) + b"\0\0\2\0CmnD"
    return rules.IcuPackage(header + bytes(32 - len(header)), list(items.items())).to_bytes()


def test_an_icu_package_reads_back_and_keeps_its_items_aligned_and_sorted() -> None:
    blob = icu_package({"x/b.res": b"B" * 5, "x/a.res": b"A" * 17, "x/c.icu": b"C"})
    package = rules.IcuPackage.parse(blob)
    assert [name for name, _ in package.items] == ["x/a.res", "x/b.res", "x/c.icu"]
    # An item runs to the next one: ICU's own padding (0xaa) to 16 bytes comes along.
    assert [data for _, data in package.items] == [
        b"A" * 17 + b"\xaa" * 15,
        b"B" * 5 + b"\xaa" * 11,
        b"C" + b"\xaa" * 15,
    ]
    assert package.to_bytes() == blob
    toc = blob[32:]
    offsets = [int.from_bytes(toc[8 + 8 * i : 12 + 8 * i], "little") for i in range(3)]
    assert all((32 + offset) % 16 == 0 for offset in offsets)
    only_b = package.only(lambda name: name.endswith("b.res"))
    assert [name for name, _ in rules.IcuPackage.parse(only_b.to_bytes()).items] == ["x/b.res"]
    with pytest.raises(ValueError, match="ICU"):
        rules.IcuPackage.parse(b"\x20\x00\xda\x27" + bytes(28))


def test_windows_version_info_is_the_expression_pyinstaller_evaluates() -> None:
    """PyInstaller evaluates the file with its VSVersionInfo classes (whose module needs
    pefile, on Windows only): here each class records its arguments instead."""
    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct")
    names += ("VarFileInfo", "VarStruct")

    def recorder(name: str) -> object:
        return lambda *args, **kwargs: {"class": name, "args": args, **kwargs}

    text = rules.windows_version_info("1.2.3rc1")
    info = eval(text, {"__builtins__": {}}, {name: recorder(name) for name in names})  # noqa: S307
    assert info["class"] == "VSVersionInfo"
    assert info["ffi"]["filevers"] == info["ffi"]["prodvers"] == (1, 2, 3, 1)
    (table,) = info["kids"][0]["args"][0]
    strings = {entry["args"][0]: entry["args"][1] for entry in table["args"][1]}
    assert strings["ProductVersion"] == strings["FileVersion"] == "1.2.3rc1"
    assert strings["OriginalFilename"] == "videoclerk.exe"


def test_the_desktop_entry_is_valid(tmp_path: Path) -> None:
    validator = shutil.which("desktop-file-validate")
    assert validator, "desktop-file-validate (Debian: desktop-file-utils) is not installed"
    entry = tmp_path / "videoclerk.desktop"
    entry.write_text(rules.desktop_entry())
    checked = subprocess.run([validator, str(entry)], capture_output=True, text=True)
    assert checked.returncode == 0 and not checked.stdout.strip(), checked.stdout
    assert "Exec=videoclerk\n" in rules.desktop_entry()


# -- the bundle -------------------------------------------------------------------------------

# What the bundle is made from: a bundle older than any of these is built again.
SOURCES = ("clerk_app", "videoclerk_protocol", "resources", "pyproject.toml", "Makefile")
BUILD_FILES = ("videoclerk.spec", "bundle_rules.py", "linux_archive.py", "videoclerk_entry.py")


def newest_source() -> float:
    files = [ROOT / "build" / name for name in BUILD_FILES]
    for name in SOURCES:
        path = ROOT / name
        files += [path] if path.is_file() else [file for file in path.rglob("*") if file.is_file()]
    return max(file.stat().st_mtime for file in files)


@pytest.fixture(scope="module")
def bundle() -> Path:
    """`make package`'s bundle folder; built unless one newer than its sources is there."""
    executable = BUNDLE / "videoclerk"
    if not executable.exists() or executable.stat().st_mtime < newest_source():
        started = time.monotonic()
        built = subprocess.run(["make", "package"], cwd=ROOT, capture_output=True, text=True)
        assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
        sys.stderr.write(f"\n`make package` took {time.monotonic() - started:.0f} s\n")
    return BUNDLE


def run_bundle(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BUNDLE / "videoclerk"), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
    )


@pytest.fixture(scope="module")
def sqlite_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server for the smoke check's /health, on SQLite whatever the run's engine."""
    with live_server(tmp_path_factory.mktemp("server"), on_sqlite=True) as running:
        yield running


@linux_only
def test_the_bundle_passes_its_smoke_check_against_a_real_server(
    bundle: Path, sqlite_server: LiveServer, tmp_path: Path
) -> None:
    """Qt offscreen, the packaged Dutch translation, every module of the app, VP8 and Opus
    encoded and decoded, a short call between two of the app's peers (aiortc, DTLS, SRTP),
    and the server's /health: all from the bundle's own files."""
    config = tmp_path / "installer.toml"
    config.write_text('language = "nl"\n')
    shown = run_bundle("--smoke", "--config", str(config), "--server", sqlite_server.url)
    assert shown.stdout.strip() == (
        "videoclerk smoke: qt ok, translation nl ok, modules ok, codecs ok, call ok, "
        f"server ok ({__version__})"
    ), shown.stdout + shown.stderr
    assert shown.returncode == 0
    version = run_bundle("--version")
    assert version.stdout.startswith(f"videoclerk {__version__}\n")


@linux_only
def test_the_bundle_ships_no_gpl_encoder_and_no_qt_part_the_app_does_not_use(
    bundle: Path,
) -> None:
    libraries = {path.name: path for path in (INTERNAL / "av.libs").iterdir()}
    for prefix in ("libx264", "libx265"):
        (name,) = [name for name in libraries if name.startswith(prefix)]
        stand_in = libraries[name]
        assert stand_in.stat().st_size < 64_000, f"{name} is not the stand-in"
        assert b"x264 - core" not in stand_in.read_bytes()
    assert not (INTERNAL / "PySide6" / "Qt" / "qml").exists()
    languages = {
        path.stem.rsplit("_", 1)[1]
        for path in (INTERNAL / "PySide6" / "Qt" / "translations").glob("*.qm")
    }
    assert languages == {"en", "nl"}
    assert not list(INTERNAL.rglob("libQt6WebEngine*"))
    assert not list(INTERNAL.rglob("libgtk-3*"))
    assert not list(INTERNAL.rglob("libreadline*"))


@linux_only
def test_the_bundle_carries_the_apps_translations_and_sounds(bundle: Path) -> None:
    packaged = INTERNAL / "videoclerk_resources"
    assert (packaged / "translations" / "videoclerk_nl.qm").is_file()
    assert (packaged / "sounds" / "visitor-waiting.wav").is_file()
    assert not (packaged / "widget").exists()  # the visitor's widget is the server's


ICU_CHECK = """
import ctypes, sys
lib = sys.argv[1]
ctypes.CDLL(lib + "/libicudata.so.73", mode=ctypes.RTLD_GLOBAL)
ctypes.CDLL(lib + "/libicuuc.so.73", mode=ctypes.RTLD_GLOBAL)
i18n = ctypes.CDLL(lib + "/libicui18n.so.73")
i18n.ucol_open_73.restype = ctypes.c_void_p
for locale in sys.argv[2:]:
    status = ctypes.c_int(0)
    collator = i18n.ucol_open_73(locale.encode(), ctypes.byref(status))
    ij, y = (ctypes.c_uint16 * 2)(*b"ij"), (ctypes.c_uint16 * 1)(ord("y"))
    order = i18n.ucol_strcoll_73(ctypes.c_void_p(collator), ij, 2, y, 1)
    print(locale, status.value, order)
"""


@linux_only
def test_the_bundles_icu_collates_in_dutch_and_english_and_falls_back_for_others(
    bundle: Path,
) -> None:
    """The bundle's ICU data is the subset (root, English, Dutch): ICU opens Dutch and English
    collators from it (-128: found through the language's own data), German falls back to the
    root collator (-127), nothing fails. Run in a fresh Python: this process may already hold
    the development environment's ICU under the same names."""
    qt_lib = INTERNAL / "PySide6" / "Qt" / "lib"
    assert (qt_lib / "libicudata.so.73").stat().st_size < 12_000_000
    checked = subprocess.run(
        [sys.executable, "-c", ICU_CHECK, str(qt_lib), "nl_NL", "en_GB", "de_DE"],
        capture_output=True,
        text=True,
    )
    assert checked.stdout.split("\n")[:3] == ["nl_NL -128 -1", "en_GB -128 -1", "de_DE -127 -1"]


# Libraries that come with the bundle's Python packages, never with the workstation: if one
# of these is missing, the build left out something the app loads.
PACKAGED_LIBRARY = re.compile(
    r"^lib(Qt6|pyside6|shiboken6|python3|icu|av(codec|format|util|device|filter)|sw(scale|resample))"
    r"|-[0-9a-f]{8}\.so"
)


@linux_only
def test_every_library_in_the_bundle_finds_what_it_links(bundle: Path) -> None:
    """What may be missing is the workstation's (X11, Wayland, GL, PulseAudio, ...; the list
    is in docs/desktop-bundle.md), never a library of the bundle's own packages."""
    missing = set()
    for path in INTERNAL.rglob("*.so*"):
        if path.is_symlink() or not path.is_file():
            continue
        linked = subprocess.run(["ldd", str(path)], capture_output=True, text=True).stdout
        missing |= {line.split()[0] for line in linked.splitlines() if "not found" in line}
    assert not {name for name in missing if PACKAGED_LIBRARY.search(name)}


@linux_only
def test_the_linux_archive_holds_the_bundle_a_desktop_entry_and_the_icon(bundle: Path) -> None:
    import platform

    name = rules.archive_name(__version__, platform.machine())
    with tarfile.open(DIST / f"{name}.tar.gz") as archive:
        members = set(archive.getnames())
    assert {f"{name}/videoclerk", f"{name}/videoclerk.desktop", f"{name}/videoclerk.png"} <= members
    assert f"{name}/_internal/videoclerk_resources/translations/videoclerk_nl.qm" in members

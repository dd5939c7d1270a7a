"""What the desktop bundle (build/videoclerk.spec) leaves out or replaces, and its size.

Pure decisions on file names and symbol tables, so that tests can check them without
running PyInstaller. The spec applies them to PyInstaller's table of contents, whose
entries are (name inside the bundle, source path, kind).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

# Python modules the clerk app never imports, though something in the environment may
# reference them (the server's stack, test tools, Qt bindings for parts of Qt not used).
UNUSED_QT_BINDINGS = (
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
    "QtBluetooth", "QtCanvasPainter", "QtCharts", "QtConcurrent", "QtDataVisualization",
    "QtDesigner", "QtGraphs", "QtGraphsWidgets", "QtHelp", "QtHttpServer", "QtLocation",
    "QtNetworkAuth", "QtNfc", "QtOpenGL", "QtOpenGLWidgets", "QtPdf", "QtPdfWidgets",
    "QtPositioning", "QtPrintSupport", "QtQml", "QtQuick", "QtQuick3D", "QtQuickControls2",
    "QtQuickTest", "QtQuickWidgets", "QtRemoteObjects", "QtScxml", "QtSensors", "QtSerialBus",
    "QtSerialPort", "QtSpatialAudio", "QtSql", "QtStateMachine", "QtSvgWidgets", "QtTest",
    "QtTextToSpeech", "QtUiTools", "QtWebChannel", "QtWebEngineCore", "QtWebEngineQuick",
    "QtWebEngineWidgets", "QtWebSockets", "QtWebView", "QtXml",
)  # fmt: skip
UNUSED_PYTHON_MODULES = (
    "server", "fastapi", "fastapi_offline", "uvicorn", "starlette", "sqlite_utils",
    "argon2", "zxcvbn", "fpdf", "standardwebhooks", "tink",
    "pytest", "_pytest", "pytestqt", "hypothesis", "schemathesis", "playwright", "pypdf",
    "aiosmtpd", "mypy", "ruff", "tkinter", "pydoc_data", "numpy",
    "IPython", "setuptools", "pip",
    # Python's line editing (GNU readline is GPL): for interactive prompts the app has none
    "readline", "rlcompleter",
    # optional imports of libraries the app uses: image output of pygments, httpx's command
    # line (click, rich, pygments), an event loop anyio and aiohttp could use
    "PIL", "pygments", "rich", "markdown_it", "click", "werkzeug", "uvloop",
)  # fmt: skip


# Files of the package videoclerk_resources (resources/) the app does not read.
UNUSED_RESOURCES = ["widget/**", "icons/**", "**/*.ts", "**/__pycache__/**"]


def excluded_modules() -> list[str]:
    return [f"PySide6.{name}" for name in UNUSED_QT_BINDINGS] + list(UNUSED_PYTHON_MODULES)


# Qt plugin folders the app needs, and within them the plugins (None: the whole folder).
# platforms: X11 and Wayland sessions, offscreen for --smoke; multimedia: Qt's FFmpeg
# backend (camera list, the recordings player); the rest: themes, input methods, SVG icons.
KEPT_QT_PLUGINS: dict[str, frozenset[str] | None] = {
    "platforms": frozenset(
        {"qxcb", "qwayland", "qwayland-generic", "qoffscreen", "qwindows", "qcocoa"}
    ),
    # not gtk3: it would pull a whole GTK stack from the build machine into the bundle
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    "platforminputcontexts": frozenset(
        {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}
    ),
    "xcbglintegrations": None,
    "wayland-shell-integration": None,
    "wayland-decoration-client": None,
    "wayland-graphics-integration-client": None,
    "iconengines": None,
    "imageformats": frozenset({"qsvg", "qico", "qjpeg", "qgif"}),
    "multimedia": None,
    "styles": None,
    "tls": None,
}

# Qt libraries nothing the app loads needs (PyInstaller collects some through hooks).
UNUSED_QT_LIBRARIES = re.compile(
    r"Qt6(WebEngine|Pdf|VirtualKeyboard|Quick3D|3D|Charts|DataVisualization|Graphs|Designer"
    r"|Sql|Test|Bluetooth|Positioning|Location|Sensors|Serial|Nfc|RemoteObjects|Scxml"
    r"|SpatialAudio|TextToSpeech|WebSockets|HttpServer|ShaderTools|QuickControls2"
    r"|QuickTemplates2|QuickDialogs|QuickLayouts|QuickShapes|QuickEffects|QuickParticles"
    r"|QuickTimeline|LabsAnimation|LabsFolderListModel|LabsQmlModels|LabsSettings"
    r"|LabsSharedImage|LabsWavefrontMesh|Help|UiTools|StateMachine|PrintSupport|EglFS"
    r"|EglFsKms)"
)

# Qt's own translations: the app speaks English and Dutch, so only those files stay.
KEPT_LANGUAGES = frozenset({"en", "nl"})
_BABEL_LOCALE = re.compile(r"(?:^|/)babel/locale-data/(?P<locale>[A-Za-z0-9_]+)\.dat$")
_QT_TRANSLATION = re.compile(r"(?:^|/)translations/[a-z_]+?_(?P<lang>[a-z]{2})(?:_[A-Z]{2})?\.qm$")


def _qt_part(name: str) -> tuple[str, ...] | None:
    """The path below PySide6's Qt folder, or None outside it."""
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if "PySide6" not in parts:
        return None
    rest = parts[parts.index("PySide6") + 1 :]
    return rest[1:] if rest[:1] == ("Qt",) else rest


def _plugin_stem(file_name: str) -> str:
    stem = file_name.split(".", 1)[0]
    return stem.removeprefix("lib")


# On Linux, PyInstaller also copies the build machine's own libraries. Those of the desktop
# (X11, Wayland, GL, fontconfig, GLib, D-Bus, PulseAudio: what any Qt 6 program needs) stay
# out, so that the bundle uses the workstation's, which match its display server and
# configuration (docs/desktop-bundle.md lists them). Python's own stay in: the workstation
# may have no Python, or another one.
SYSTEM_FOLDERS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/")
PYTHON_RUNTIME_LIBRARIES = re.compile(
    r"^lib(python3[.\d]*|ssl|crypto|ffi|bz2|lzma|expat|z|mpdec|sqlite3|uuid|stdc\+\+|gcc_s)\.so"
)


def is_desktop_system_library(name: str, source: str) -> bool:
    return source.startswith(SYSTEM_FOLDERS) and not PYTHON_RUNTIME_LIBRARIES.match(
        PurePosixPath(name).name
    )


def keep(name: str, source: str = "") -> bool:
    """Whether a file PyInstaller collected belongs in the bundle (name inside the bundle,
    the file it comes from)."""
    if is_desktop_system_library(name, source):
        return False
    babel = _BABEL_LOCALE.search(name.replace("\\", "/"))
    if babel:  # CLDR data of 1,100 locales; the app formats money in English or Dutch
        return babel["locale"] == "root" or babel["locale"].split("_")[0] in KEPT_LANGUAGES
    qt = _qt_part(name)
    if qt is None:
        return not UNUSED_QT_LIBRARIES.search(name)
    if qt[:1] == ("qml",):  # QML modules: the app is all widgets
        return False
    if qt[:1] == ("translations",):
        match = _QT_TRANSLATION.search("/".join(qt))
        return bool(match) and match["lang"] in KEPT_LANGUAGES  # type: ignore[index]
    if qt[:1] == ("plugins",) and len(qt) >= 3:
        if qt[1] not in KEPT_QT_PLUGINS:
            return False
        kept = KEPT_QT_PLUGINS[qt[1]]
        return kept is None or _plugin_stem(qt[-1]) in kept
    return not UNUSED_QT_LIBRARIES.search(qt[-1])


def strip_debug_info(name: str) -> bool:
    """Python builds (pyenv's, for one) may ship libpython with 15 MB of debug sections.
    Only debug sections go, and only there: strip=False stays for everything else,
    because stripping corrupts PyAV's libraries."""
    return bool(re.match(r"^libpython3[.\d]*\.so", PurePosixPath(name).name))


# -- stand-ins for encoders the app never opens ----------------------------------------

# PyAV's wheels link libavcodec (LGPL) to the x264 and x265 encoders (GPL) and to SVT-AV1
# (BSD, 7 MB). The app encodes VP8 and Opus only (it never negotiates H.264), so the bundle
# carries small stand-ins with the same file names and exported symbols: functions return
# the value below, data is zero-filled. libavcodec loads; opening one of those encoders
# fails at its first call (x264/x265: no encoder handle; SVT-AV1: an error code), before
# anything else of the library is used.
STAND_INS: dict[str, int] = {
    "x264": 0,  # x264_encoder_open returns NULL
    "x265": 0,  # x265_api_get returns NULL
    "SvtAv1Enc": 0x80001000,  # EB_ErrorInsufficientResources from svt_av1_enc_init_handle
}
# The GPL ones among them: what docs/licences.md promises is not in the bundle.
GPL_ENCODERS = frozenset({"x264", "x265"})
_STAND_IN = re.compile(r"(?:^|/)lib(?P<library>" + "|".join(STAND_INS) + r")[-.][^/]*$")


def stand_in_for(name: str) -> str | None:
    """The library `name` is replaced by a stand-in of, or None."""
    match = _STAND_IN.search(name.replace("\\", "/"))
    return match["library"] if match else None


@dataclass(frozen=True)
class Symbol:
    name: str
    is_function: bool
    size: int
    address: int = 0


def parse_nm(output: str) -> list[Symbol]:
    """Defined dynamic symbols from `nm -D --defined-only -S` (value size type name)."""
    symbols = []
    for line in output.splitlines():
        fields = line.split()
        if len(fields) != 4 or fields[2] not in "TtRrDdBbVvWw":
            continue
        value, size, kind, name = fields
        symbols.append(Symbol(name, kind in "TtWw", int(size, 16), int(value, 16)))
    return symbols


def undefined_names(output: str) -> set[str]:
    """Names from `nm -D --undefined-only` (a type letter, then the name)."""
    return {fields[-1].split("@", 1)[0] for fields in map(str.split, output.splitlines()) if fields}


def stub_source(library: str, symbols: Iterable[Symbol], returns: int = 0) -> str:
    """C source of a stand-in exporting `symbols`; compiled without libc (-nostdlib)."""
    lines = [
        f"/* Stand-in for {library} in the videoclerk bundle (build/bundle_rules.py). */",
        '#define EXPORT __attribute__((visibility("default")))',
    ]
    for symbol in sorted(symbols, key=lambda s: s.name):
        if symbol.is_function:
            lines.append(f"EXPORT long {symbol.name}(void) {{ return {returns:#x}; }}")
        else:
            size = max(symbol.size, 1)
            lines.append(f"EXPORT const unsigned char {symbol.name}[{size}] = {{0}};")
    return "\n".join(lines) + "\n"


# -- Windows version information ----------------------------------------------------------


def windows_version_info(version: str) -> str:
    """The text of PyInstaller's `version=` file (a VSVersionInfo expression)."""
    numbers = [int(part) for part in re.findall(r"\d+", version)[:4]]
    numbers += [0] * (4 - len(numbers))
    fixed = tuple(numbers)
    strings = {
        "CompanyName": "videoclerk",
        "FileDescription": "videoclerk: video calls with your website's visitors",
        "FileVersion": version,
        "InternalName": "videoclerk",
        "LegalCopyright": "MIT licence; bundled parts under their own licences",
        "OriginalFilename": "videoclerk.exe",
        "ProductName": "videoclerk",
        "ProductVersion": version,
    }
    entries = ",\n".join(f"        StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return (
        "VSVersionInfo(\n"
        f"  ffi=FixedFileInfo(filevers={fixed}, prodvers={fixed}, mask=0x3f, flags=0x0,\n"
        "    OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),\n"
        "  kids=[\n"
        "    StringFileInfo([StringTable('040904B0', [\n"
        f"{entries}\n"
        "    ])]),\n"
        "    VarFileInfo([VarStruct('Translation', [1033, 1200])]),\n"
        "  ]\n"
        ")\n"
    )


# -- size ---------------------------------------------------------------------------------


def folder_size(folder: Path) -> int:
    """Bytes in regular files below `folder` (symlinks counted once, as links)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def size_report(folder: Path, top: int = 10) -> str:
    """The bundle's total size and its largest files, for the build's output."""
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    files.sort(key=lambda p: p.stat().st_size, reverse=True)
    lines = [f"bundle {folder}: {folder_size(folder) / 1e6:.1f} MB in {len(files)} files"]
    lines += [f"  {p.stat().st_size / 1e6:7.1f} MB  {p.relative_to(folder)}" for p in files[:top]]
    return "\n".join(lines)


# -- the Linux archive --------------------------------------------------------------------


def archive_name(version: str, machine: str) -> str:
    """videoclerk-0.1.0-linux-x86_64: the .tar.gz's name and its top folder."""
    return f"videoclerk-{version}-linux-{machine}"


def desktop_entry() -> str:
    """The .desktop file: the installer puts the bundle's `videoclerk` on PATH and the icon
    in the icon theme (docs/desktop-bundle.md), so both are named, not given as paths."""
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Version=1.4\n"
        "Name=videoclerk\n"
        "GenericName=Video calls with visitors\n"
        "GenericName[nl]=Videogesprekken met bezoekers\n"
        "Comment=Take video calls from your website's visitors\n"
        "Comment[nl]=Neem videogesprekken aan van de bezoekers van je website\n"
        "Exec=videoclerk\n"
        "Icon=videoclerk\n"
        "Terminal=false\n"
        "Categories=Network;VideoConference;\n"
        "Keywords=video;call;clerk;shop;\n"
        "Keywords[nl]=video;gesprek;winkel;\n"
        "StartupWMClass=videoclerk\n"
    )


# -- ICU's data, for English and Dutch ----------------------------------------------------

# Qt links ICU, whose data library (libicudata, 32 MB) holds every locale's collation, names,
# units and break rules, transliterators and legacy code pages. Qt formats with its own CLDR
# tables; of ICU it uses collation, normalisation and time zones. The bundle keeps a package
# with the root, English and Dutch locales and everything that is no locale's, and drops
# transliterators and code page tables (UTF-8/16/32, Latin-1 and ASCII are built into ICU's
# code). The word-break dictionaries (Chinese, Japanese, Thai, ...) stay: root's rules use them.
_ICU_LOCALE = re.compile(r"[a-z]{2,3}(?:_[A-Za-z0-9]*)*")
_ICU_NOT_LOCALES = frozenset({"res_index"})


def is_icu_data(name: str) -> bool:
    return bool(re.search(r"(?:^|/)libicudata\.so\.\d+$", name.replace("\\", "/")))


def keep_icu_item(name: str) -> bool:
    """Whether an item of ICU's data package ("icudt73l/coll/de.res") stays."""
    parts = name.split("/")[1:]
    if parts[0] == "translit" or name.endswith(".cnv"):
        return False
    base = parts[-1].removesuffix(".res")
    if not name.endswith(".res") or base in _ICU_NOT_LOCALES or not _ICU_LOCALE.fullmatch(base):
        return True
    return base.split("_")[0] in KEPT_LANGUAGES


@dataclass(frozen=True)
class IcuPackage:
    """ICU's common data format ("CmnD"): a data header, then a table of contents of
    (name offset, data offset) pairs relative to its start, the names, and the items,
    each 16-byte aligned and sorted by name (ICU finds them by binary search)."""

    header: bytes
    items: list[tuple[str, bytes]]

    @classmethod
    def parse(cls, blob: bytes) -> IcuPackage:
        header_size = int.from_bytes(blob[0:2], "little")
        if blob[2:4] != b"\xda\x27" or blob[12:16] != b"CmnD" or blob[8] != 0:
            raise ValueError("not a little-endian ICU common data package")
        toc = blob[header_size:]
        count = int.from_bytes(toc[0:4], "little")
        entries = [
            (int.from_bytes(toc[4 + 8 * i : 8 + 8 * i], "little"),
             int.from_bytes(toc[8 + 8 * i : 12 + 8 * i], "little"))
            for i in range(count)
        ]  # fmt: skip
        ends = [data for _, data in entries[1:]] + [len(toc)]
        items = [
            (toc[name : toc.index(b"\0", name)].decode("ascii"), toc[data:end])
            for (name, data), end in zip(entries, ends, strict=True)
        ]
        return cls(blob[:header_size], items)

    def only(self, keep: Callable[[str], bool]) -> IcuPackage:
        return IcuPackage(self.header, [(name, data) for name, data in self.items if keep(name)])

    def to_bytes(self) -> bytes:
        items = sorted(self.items)
        names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
        table_size = 4 + 8 * len(items)
        offset = _aligned(table_size + len(names))
        name_offset = table_size
        table = len(items).to_bytes(4, "little")
        body = b""
        for name, data in items:
            table += name_offset.to_bytes(4, "little") + offset.to_bytes(4, "little")
            name_offset += len(name) + 1
            padded = data + _PADDING * (_aligned(len(data)) - len(data))
            body += padded
            offset += len(padded)
        head = table + names
        return self.header + head + _PADDING * (_aligned(len(head)) - len(head)) + body


_PADDING = b"\xaa"  # what ICU's own tools pad with


def _aligned(size: int) -> int:
    return (size + 15) // 16 * 16


def file_offset(readelf_sections: str, address: int) -> int:
    """Where in the file the byte at `address` is, from `readelf -S -W` (the section holding it)."""
    for line in readelf_sections.splitlines():
        match = re.search(r"\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)", line)
        if match:
            start, offset, size = (int(group, 16) for group in match.groups())
            if start <= address < start + size:
                return address - start + offset
    raise ValueError(f"no section holds address {address:#x}")


def icu_data_source(symbol: str, data_file: str) -> str:
    """C source of an ICU data library exporting `symbol` with the file's bytes."""
    return (
        f"/* ICU's data, subset for the videoclerk bundle (build/bundle_rules.py). */\n"
        "__asm__(\n"
        '    ".section .rodata\\n"\n'
        f'    ".global {symbol}\\n"\n'
        f'    ".type {symbol}, %object\\n"\n'
        '    ".balign 16\\n"\n'
        f'    "{symbol}:\\n"\n'
        f'    ".incbin \\"{data_file}\\"\\n"\n'
        f'    ".size {symbol}, . - {symbol}\\n"\n'
        '    ".previous\\n"\n'
        ");\n"
    )

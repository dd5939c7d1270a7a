"""`make package` on Linux: the bundle as a .tar.gz with a .desktop file and the icon.

python build/linux_archive.py DIST: reads DIST/videoclerk (PyInstaller's output), writes
DIST/videoclerk-VERSION-linux-MACHINE.tar.gz holding one folder of that name with the
bundle, videoclerk.desktop and videoclerk.png, and prints the archive's size.
"""

from __future__ import annotations

import platform
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from bundle_rules import archive_name, desktop_entry

from clerk_app import __version__

ROOT = Path(__file__).resolve().parents[1]
ICON = ROOT / "resources" / "icons" / "videoclerk.png"


def write_archive(dist: Path) -> Path:
    name = archive_name(__version__, platform.machine())
    extras = dist / f"{name}-extras"
    shutil.rmtree(extras, ignore_errors=True)
    extras.mkdir()
    desktop = extras / "videoclerk.desktop"
    desktop.write_text(desktop_entry())
    validator = shutil.which("desktop-file-validate")
    if validator:  # Debian's desktop-file-utils; warnings and errors fail the build
        found = subprocess.run([validator, str(desktop)], capture_output=True, text=True)  # noqa: S603
        if found.returncode or found.stdout.strip():
            sys.exit(f"videoclerk.desktop is not valid:\n{found.stdout}{found.stderr}")
    archive = dist / f"{name}.tar.gz"
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(dist / "videoclerk", arcname=name)
        tar.add(desktop, arcname=f"{name}/videoclerk.desktop")
        tar.add(ICON, arcname=f"{name}/videoclerk.png")
    shutil.rmtree(extras)
    return archive


if __name__ == "__main__":
    written = write_archive(Path(sys.argv[1]))
    print(f"archive {written}: {written.stat().st_size / 1e6:.1f} MB")

"""The app's packaged files (translations, sounds): the package `videoclerk_resources`.

That is resources/ in the repository; importlib.resources finds it the same way in a checkout
(editable install), an installed wheel and a desktop bundle.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """A file or folder of videoclerk_resources on disk.

    Qt opens translations and sounds by file name, so the package must be installed as files
    (as pip and PyInstaller install it), not zipped.
    """
    path = files("videoclerk_resources").joinpath(*parts)
    if not isinstance(path, Path):
        raise RuntimeError(f"videoclerk_resources is not installed as files on disk: {path}")
    return path

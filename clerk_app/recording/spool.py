"""The spool folder: recordings on this machine until the server has verified them (Qt-free).

Each recording is `<recording id>.webm` with a `<recording id>.json` beside it, written
before the first frame: the call it belongs to, and once finished its duration. A recording
whose `finished` is false when the app starts was cut short by a crash; what was written is
still a playable WebM, so it is finished then and uploaded like any other.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import asdict, dataclass, replace
from pathlib import Path

MEDIA_SUFFIX = ".webm"
META_SUFFIX = ".json"


@dataclass(frozen=True)
class SpoolEntry:
    recording_id: str
    call_id: str
    duration_seconds: float = 0.0
    finished: bool = False


class Spool:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def media_path(self, recording_id: str) -> Path:
        return self.folder / f"{recording_id}{MEDIA_SUFFIX}"

    def new_entry(self, call_id: str) -> SpoolEntry:
        """A new recording of `call_id`: its metadata is on disk before any media."""
        self.folder.mkdir(parents=True, exist_ok=True)
        entry = SpoolEntry(recording_id=str(uuid.uuid4()), call_id=call_id)
        self._save(entry)
        return entry

    def finish(self, entry: SpoolEntry, duration_seconds: float) -> SpoolEntry:
        finished = replace(entry, duration_seconds=duration_seconds, finished=True)
        self._save(finished)
        return finished

    def delete(self, recording_id: str) -> None:
        """Remove a recording: its media first, so that no media is left without a record."""
        for suffix in (MEDIA_SUFFIX, META_SUFFIX):
            (self.folder / f"{recording_id}{suffix}").unlink(missing_ok=True)

    def entries(self) -> list[SpoolEntry]:
        """Every recording in the folder, oldest first; unreadable records are skipped."""
        if not self.folder.is_dir():
            return []
        found = []
        for meta in sorted(self.folder.glob(f"*{META_SUFFIX}"), key=_mtime):
            try:
                entry = SpoolEntry(**json.loads(meta.read_text(encoding="utf-8")))
            except (OSError, ValueError, TypeError):
                continue
            found.append(entry)
        return found

    def recover(self) -> list[SpoolEntry]:
        """At start: finish what a crash cut short, drop records without media; the
        finished recordings, oldest first."""
        ready = []
        for entry in self.entries():
            if not self.media_path(entry.recording_id).is_file():
                self.delete(entry.recording_id)
            elif entry.finished:
                ready.append(entry)
            else:
                ready.append(self.finish(entry, entry.duration_seconds))
        return ready

    def total_bytes(self) -> int:
        if not self.folder.is_dir():
            return 0
        return sum(path.stat().st_size for path in self.folder.glob(f"*{MEDIA_SUFFIX}"))

    def _save(self, entry: SpoolEntry) -> None:
        path = self.folder / f"{entry.recording_id}{META_SUFFIX}"
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(asdict(entry)), encoding="utf-8")
        os.replace(temporary, path)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0

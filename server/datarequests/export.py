"""Exports (P11: access and portability): a ZIP of JSON files with a README, made while it
is sent.

The ZIP is written into a sink that the response drains every `CHUNK_BYTES`, so an export
of any size holds little memory. Its rows come from a read-only connection of its own, in
one read transaction: the files agree with each other even while the organisation works
on. The chunks are made in worker threads (Starlette runs a plain iterator there), never
on the event loop. At most `export_concurrency` exports run at once in a process, one per
organisation or user.
"""

from __future__ import annotations

import json
import re
import threading
import weakref
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from server import __version__, clock
from server.access import Caller
from server.accounts import service as accounts
from server.audit import service as audit
from server.datarequests import plan, rules, store
from server.problems import ProblemError
from server.sql import Database, primary_key, table_columns

CHUNK_BYTES = 256 * 1024
BATCH_CHARACTERS = 64 * 1024
_JSON = json.JSONEncoder(ensure_ascii=False)
Scope = Literal["organisation", "user"]


@dataclass(frozen=True)
class Export:
    scope: Scope
    organisation_id: str
    organisation_name: str
    user_id: str | None
    at: datetime

    @property
    def parts(self) -> tuple[plan.Part, ...]:
        return plan.ORGANISATION if self.scope == "organisation" else plan.USER

    @property
    def file_name(self) -> str:
        who = "organisation" if self.scope == "organisation" else "my-data"
        return f"videoclerk-{who}-{self.at:%Y-%m-%d}.zip"

    @property
    def params(self) -> dict[str, str | None]:
        return {"organisation": self.organisation_id, "user": self.user_id}


# ---- limits ---------------------------------------------------------------------------------


class Slot:
    """One running export; released once, by whichever of its ends comes first."""

    def __init__(self, slots: ExportSlots, key: str) -> None:
        self._slots, self._key = slots, key
        self._released = False

    def release(self) -> None:
        with self._slots.lock:
            if not self._released:
                self._released = True
                self._slots.busy.discard(self._key)


class ExportSlots:
    """At most `limit` exports at once in this process, and one per organisation or user."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.lock = threading.Lock()
        self.busy: set[str] = set()

    def take(self, key: str) -> Slot:
        with self.lock:
            if key in self.busy:
                raise ProblemError(
                    409,
                    "export_running",
                    "An export of this data is being made already. Wait until it is done.",
                )
            if len(self.busy) >= self.limit:
                raise ProblemError(
                    429,
                    "exports_busy",
                    "The server is making other exports. Try again in a minute.",
                    headers={"Retry-After": "60"},
                    retry_after_seconds=60,
                )
            self.busy.add(key)
        return Slot(self, key)


def start(db: Database, *, slots: ExportSlots, caller: Caller, scope: Scope) -> tuple[Export, Slot]:
    """Take a slot and audit the export (P9, P11); the caller streams it (`stream`)."""
    subject = caller.organisation_id if scope == "organisation" else caller.user_id
    slot = slots.take(f"{scope}:{subject}")
    try:
        organisation = accounts.get_organisation(db, caller=caller)
        audit.record(
            db,
            event="data.exported",
            organisation_id=caller.organisation_id,
            ip=caller.ip,
            target=subject,
            details={"scope": scope},
            **caller.actor,
        )
    except BaseException:
        slot.release()
        raise
    export = Export(
        scope=scope,
        organisation_id=caller.organisation_id,
        organisation_name=organisation.name,
        user_id=caller.user_id if scope == "user" else None,
        at=clock.now(),
    )
    return export, slot


# ---- the ZIP --------------------------------------------------------------------------------


class _Sink:
    """What the ZIP is written into: not seekable, so zipfile streams (data descriptors)."""

    def __init__(self) -> None:
        self._pieces: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> int:
        self._pieces.append(bytes(data))
        self.size += len(data)
        return len(data)

    def flush(self) -> None:
        """Nothing to do: `take` hands the bytes on."""

    def close(self) -> None:
        """Nothing to do: the response ends the stream."""

    def take(self) -> bytes:
        data = b"".join(self._pieces)
        self._pieces.clear()
        self.size = 0
        return data


def stream(snapshot: Callable[[], Database], export: Export, slot: Slot) -> Iterator[bytes]:
    """The export's bytes, piece by piece, read from what `snapshot` opens when the first
    is asked for (server/database.py `open_snapshot`); the slot is free again when the
    stream ends, is abandoned, or is dropped before it began."""
    chunks = _chunks(snapshot, export, slot)
    weakref.finalize(chunks, slot.release)
    return chunks


def _chunks(snapshot: Callable[[], Database], export: Export, slot: Slot) -> Iterator[bytes]:
    try:
        conn = snapshot()
        try:
            sink = _Sink()
            with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(_entry("README.md", export.at), readme(export))
                for part in export.parts:
                    yield from _write_part(archive, sink, conn, part, export)
            yield sink.take()
        finally:
            conn.close()
    finally:
        slot.release()


def _entry(name: str, at: datetime) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=at.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16  # the file holds personal data: readable by its owner
    return info


def exported_columns(part: plan.Part, names: Sequence[str]) -> list[str]:
    """The table's columns but those left out by name, and any that looks like a secret
    without being declared harmless (`plan.NOT_SECRETS`)."""
    return [
        name
        for name in names
        if name not in part.omit
        and (not rules.looks_secret(name) or f"{part.table}.{name}" in plan.NOT_SECRETS)
    ]


def _write_part(
    archive: zipfile.ZipFile, sink: _Sink, conn: Database, part: plan.Part, export: Export
) -> Iterator[bytes]:
    names = exported_columns(part, table_columns(conn, part.table))
    key = primary_key(conn, part.table)
    stem = part.file.removesuffix(".json")
    has_blobs = False
    with archive.open(_entry(part.file, export.at), "w", force_zip64=True) as out:
        pending, size = ["["], 0
        for index, values in enumerate(store.export_rows(conn, part, names, export.params)):
            record, blobs = _record(part, names, values, key, stem, index)
            has_blobs = has_blobs or bool(blobs)
            text = ("\n" if index == 0 else ",\n") + _JSON.encode(record)
            pending.append(text)
            size += len(text)
            if size >= BATCH_CHARACTERS:  # one compressor call per batch, not per row
                out.write("".join(pending).encode())
                pending, size = [], 0
                if sink.size >= CHUNK_BYTES:
                    yield sink.take()
        pending.append("\n]\n")
        out.write("".join(pending).encode())
    yield sink.take()
    if has_blobs:  # a second pass: an entry cannot open while the JSON file is open
        for index, values in enumerate(store.export_rows(conn, part, names, export.params)):
            for name, data in _record(part, names, values, key, stem, index)[1]:
                archive.writestr(_entry(name, export.at), data)
                if sink.size >= CHUNK_BYTES:
                    yield sink.take()


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _record(
    part: plan.Part,
    names: Sequence[str],
    values: Sequence[Any],
    key: Sequence[str],
    stem: str,
    index: int,
) -> tuple[dict[str, Any], list[tuple[str, bytes]]]:
    """A row as a JSON object; binary values go to files of their own, named here."""
    record: dict[str, Any] = dict(zip(names, values, strict=True))
    blobs: list[tuple[str, bytes]] = []
    label = "-".join(str(record[k]) for k in key if k in record) or str(index)
    for name, value in record.items():
        if isinstance(value, bytes):
            suffix = f"-{name}" if blobs else ""  # a second binary column in the same row
            path = f"{stem}/{_UNSAFE.sub('_', label).strip('.')}{suffix}"
            blobs.append((path, value))
            record[name] = path
        elif name in part.json_columns and isinstance(value, str):
            record[name] = _json(value)
    return record, blobs


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return text


def readme(export: Export) -> str:
    """What each file of this export holds, what was left out and why."""
    lines = [
        "# Your data from videoclerk",
        "",
        f"Organisation: {export.organisation_name} ({export.organisation_id})",
    ]
    if export.user_id is not None:
        lines.append(f"User: {export.user_id}")
    lines += [
        f"Made: {export.at.isoformat(timespec='seconds')} by videoclerk server {__version__}",
        "",
        "Every .json file is a list of records, one per row the server holds, with the "
        "fields as they are stored. Times are ISO 8601 in UTC; ids are the server's own. "
        "Empty lists mean the server holds nothing of that kind.",
        "",
        "## The files",
        "",
    ]
    for part in export.parts:
        lines.append(f"- `{part.file}`: {part.about}")
        lines += [f"  Left out: `{column}`, {why}." for column, why in part.omit.items()]
    if export.scope == "organisation":
        lines += ["", "## Kept by the server but not in this export, and why", ""]
        lines += [f"- `{table}`: {why}" for table, why in plan.LEFT_OUT.items()]
    else:
        lines += [
            "",
            "This export holds your own account's data. An admin of your organisation can "
            "export everything the server holds about the organisation.",
        ]
    return "\n".join(lines) + "\n"

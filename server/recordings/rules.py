"""Pure decisions of the tus server and retention: headers read, ranges cut, deadlines set."""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from server.problems import ProblemError

TUS_VERSION = "1.0.0"
TUS_EXTENSIONS = "creation,creation-with-upload,termination,expiration,checksum"
CHECKSUM_ALGORITHMS = {"sha1": hashlib.sha1, "sha256": hashlib.sha256}
CONTENT_TYPES = ("video/webm", "audio/webm")
DEFAULT_RETENTION_DAYS = 30
MAX_METADATA_BYTES = 4096
_SHA256 = re.compile(r"[0-9a-f]{64}")


def bad(code: str, detail: str) -> ProblemError:
    return ProblemError(400, code, detail)


@dataclass(frozen=True)
class UploadMetadata:
    call_id: str
    recording_id: str
    sha256: str
    content_type: str
    duration_seconds: float | None


def parse_metadata(header: str | None) -> UploadMetadata:
    """`Upload-Metadata`: comma-separated `key base64value` pairs (tus creation extension)."""
    if not header or len(header) > MAX_METADATA_BYTES:
        raise bad("invalid_metadata", "Upload-Metadata is missing or longer than 4096 bytes.")
    values: dict[str, str] = {}
    for pair in header.split(","):
        key, _, encoded = pair.strip().partition(" ")
        try:
            values[key] = base64.b64decode(encoded, validate=True).decode()
        except (binascii.Error, UnicodeDecodeError) as exc:
            raise bad("invalid_metadata", f"Upload-Metadata's {key!r} is not base64.") from exc
    try:
        recording_id = str(uuid.UUID(values.get("recording_id", "")))
    except ValueError as exc:
        raise bad("invalid_metadata", "Upload-Metadata needs recording_id, a UUID.") from exc
    call_id = values.get("call_id", "")
    if not call_id or len(call_id) > 64:
        raise bad("invalid_metadata", "Upload-Metadata needs call_id.")
    sha256 = values.get("sha256", "").lower()
    if not _SHA256.fullmatch(sha256):
        raise bad("invalid_metadata", "Upload-Metadata needs sha256, 64 hex digits.")
    content_type = values.get("content_type", "video/webm")
    if content_type not in CONTENT_TYPES:
        raise bad("invalid_metadata", f"content_type must be one of {', '.join(CONTENT_TYPES)}.")
    duration = values.get("duration_seconds")
    try:
        seconds = None if duration is None else float(duration)
    except ValueError as exc:
        raise bad("invalid_metadata", "duration_seconds must be a number.") from exc
    if seconds is not None and not 0 <= seconds <= 7 * 86400:
        raise bad("invalid_metadata", "duration_seconds is out of range.")
    return UploadMetadata(call_id, recording_id, sha256, content_type, seconds)


def parse_length(header: str | None, maximum: int) -> int:
    if header is None or not header.isdigit():
        raise bad("invalid_upload_length", "Upload-Length must be a non-negative integer.")
    length = int(header)
    if length > maximum:
        raise ProblemError(
            413, "recording_too_large", f"A recording may have at most {maximum} bytes."
        )
    return length


@dataclass(frozen=True)
class Checksum:
    algorithm: str
    digest: bytes

    def matches(self, computed: bytes) -> bool:
        return computed == self.digest


def parse_checksum(header: str | None) -> Checksum | None:
    """`Upload-Checksum: <algorithm> <base64 digest>`; an unknown algorithm is a 400."""
    if header is None:
        return None
    algorithm, _, encoded = header.strip().partition(" ")
    if algorithm not in CHECKSUM_ALGORITHMS:
        raise bad(
            "unsupported_checksum_algorithm",
            f"Upload-Checksum algorithms: {', '.join(CHECKSUM_ALGORITHMS)}.",
        )
    try:
        digest = base64.b64decode(encoded, validate=True)
    except binascii.Error as exc:
        raise bad("invalid_checksum", "Upload-Checksum's digest is not base64.") from exc
    return Checksum(algorithm, digest)


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """The one byte range asked for (first, last inclusive); None for the whole file.

    Raises 416 for a range outside the file. Several ranges are answered as the whole file,
    which RFC 9110 allows.
    """
    if not header or size == 0:
        return None
    match = re.fullmatch(r"bytes=(\d*)-(\d*)", header.strip())
    if match is None or match.group(1) == match.group(2) == "":
        return None
    first_text, last_text = match.groups()
    if first_text == "":
        first, last = max(0, size - int(last_text)), size - 1
    else:
        first = int(first_text)
        last = min(int(last_text), size - 1) if last_text else size - 1
    if first >= size or first > last:
        raise ProblemError(
            416,
            "range_not_satisfiable",
            f"The recording has {size} bytes.",
            headers={"Content-Range": f"bytes */{size}"},
        )
    return first, last


def retention_days(chosen: int | None, maximum: int) -> int:
    return min(chosen if chosen is not None else DEFAULT_RETENTION_DAYS, maximum)


def delete_after(completed_at: datetime, days: int) -> datetime:
    return completed_at + timedelta(days=days)


def http_date(moment: datetime) -> str:
    """RFC 9110 date, as tus's `Upload-Expires` wants it."""
    return moment.strftime("%a, %d %b %Y %H:%M:%S GMT")

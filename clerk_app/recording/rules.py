"""Pure decisions of recording and upload: what a server answer means, when to retry."""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass

from clerk_app.queue.backoff import reconnect_delay

CONTENT_TYPE = "video/webm"
VERIFIED = "sha256 verified"  # the final PATCH's Videoclerk-Checksum header
DEFAULT_SPOOL_LIMIT_BYTES = 2 * 1024**3
RETRY_BASE_SECONDS = 2.0
RETRY_CAP_SECONDS = 300.0
# Uploads start with 1 MiB per PATCH and adapt towards CHUNK_SECONDS per request.
FIRST_CHUNK_BYTES = 1024 * 1024
MIN_CHUNK_BYTES = 256 * 1024
MAX_CHUNK_BYTES = 16 * 1024 * 1024
CHUNK_SECONDS = 2.0


class UploadState(enum.Enum):
    WAITING = "waiting"  # queued behind another upload, or paused
    UPLOADING = "uploading"
    RETRYING = "retrying"  # failed for now; tries again on its own
    FAILED = "failed"  # will not succeed by retrying; the clerk or an admin must act
    DONE = "done"  # verified by the server; the spool copy is gone
    DISCARDED = "discarded"  # the visitor withdrew consent: deleted, never to be uploaded


class Verdict(enum.Enum):
    RETRY = "retry"
    RESTART = "restart"  # the upload is gone on the server (expired): create it again
    DISCARD = "discard"  # no consent (any more): delete the spool copy
    FAIL = "fail"


@dataclass(frozen=True)
class Refusal:
    verdict: Verdict
    code: str  # the server's problem code, or a status like "http_502", or "network"


def judge(status: int | None, body: bytes | None, *, creating: bool) -> Refusal:
    """What to do after a failed tus request (`status` None: no answer at all)."""
    if status is None:
        return Refusal(Verdict.RETRY, "network")
    code = problem_code(body) or f"http_{status}"
    if status == 409 and code == "no_recording_consent":
        return Refusal(Verdict.DISCARD, code)
    if status in (404, 410) and not creating:
        return Refusal(Verdict.RESTART, code)
    if status in (403, 404, 413) or (status == 400 and creating):
        return Refusal(Verdict.FAIL, code)
    # 401 (a new log-in brings a new token), 409 upload_locked, 460, 5xx, 503 not configured.
    return Refusal(Verdict.RETRY, code)


def problem_code(body: bytes | None) -> str | None:
    """The stable `code` of an RFC 9457 problem body, if it is one."""
    try:
        parsed = json.loads(body or b"")
    except ValueError:
        return None
    code = parsed.get("code") if isinstance(parsed, dict) else None
    return code if isinstance(code, str) else None


def retry_delay(attempt: int) -> float:
    """Seconds before retry number `attempt`: capped exponential backoff with jitter."""
    return reconnect_delay(attempt, base=RETRY_BASE_SECONDS, cap=RETRY_CAP_SECONDS)


def spool_over_limit(total_bytes: int, limit_bytes: int) -> bool:
    return limit_bytes > 0 and total_bytes > limit_bytes


def next_chunk_bytes(current: int, seconds: float) -> int:
    """The size of the next PATCH, after one of `current` bytes took `seconds`.

    Each request has a fixed cost on the server (the session, the upload's lock, an fsync
    of the data and of its metadata), so a fast link sends big chunks: at 1 MiB a loopback
    upload ran at a third of a plain copy, at 8 MiB at two thirds (bench/upload.py). A slow
    link sends small ones, so that the progress bar moves and a broken request re-sends
    little.
    """
    if seconds < CHUNK_SECONDS / 2:
        return min(current * 2, MAX_CHUNK_BYTES)
    if seconds > CHUNK_SECONDS * 2:
        return max(current // 2, MIN_CHUNK_BYTES)
    return current

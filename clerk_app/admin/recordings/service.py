"""Recordings for admins: the paged list, the decrypted media (into memory to play, or
streamed into a file), deletion, legal hold and the retention setting. Qt-free.

The media route needs the session token as a Bearer header, so a player cannot fetch it by
URL itself; the app downloads it here and hands the player the bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clerk_app.admin.api import AdminApi, seg
from clerk_app.downloads import save_to
from clerk_app.errors import ServiceError

RECORDINGS = "/api/v1/recordings"
PAGE_SIZE = 50  # the server's default; at most 200
REASON_MIN, REASON_MAX = 3, 500  # the server's limits on a hold's reason
# Played recordings are held in memory while the player is open (a plaintext temporary file
# would leave the recording in clear on disk); larger ones are saved to a file instead.
PLAY_MAX_BYTES = 512 * 1024 * 1024

Progress = Callable[[int, int], None]  # bytes received, bytes expected


@dataclass(frozen=True)
class Recording:
    id: str
    call_id: str
    clerk_id: str
    status: str  # uploading | complete
    size: int  # bytes of the whole recording
    received: int  # bytes stored so far
    content_type: str
    duration_seconds: float | None
    created_at: str
    completed_at: str | None
    delete_after: str  # when retention deletes it (not while on hold)
    legal_hold: bool
    hold_reason: str | None

    @property
    def complete(self) -> bool:
        return self.status == "complete"


@dataclass(frozen=True)
class RecordingsPage:
    recordings: tuple[Recording, ...]
    next_cursor: str | None  # hand back as `after` for older recordings; None: no more


@dataclass(frozen=True)
class RecordingSettings:
    days: int
    max_days: int  # the operator's maximum
    clerk_video: bool  # the clerk's picture is recorded too


@dataclass(frozen=True)
class SavedRecording:
    path: Path
    size: int


class RecordingsService:
    def __init__(self, api: AdminApi) -> None:
        self._api = api

    async def page(self, *, after: str | None = None, limit: int = PAGE_SIZE) -> RecordingsPage:
        """Newest first; pass the page's `next_cursor` as `after` for older ones."""
        params: dict[str, Any] = {"limit": limit}
        if after is not None:
            params["after"] = after
        data = await self._api.call("GET", RECORDINGS, params=params)
        return RecordingsPage(tuple(_recording(r) for r in data["items"]), data.get("next_cursor"))

    async def delete(self, recording_id: str) -> None:
        await self._api.call("DELETE", f"{RECORDINGS}/{seg(recording_id)}")

    async def set_hold(self, recording_id: str, *, hold: bool, reason: str) -> Recording:
        """Put a legal hold on, or lift it; either needs a reason (audited by the server)."""
        body = {"reason": hold_reason(reason)}
        method = "POST" if hold else "DELETE"
        path = f"{RECORDINGS}/{seg(recording_id)}/hold"
        return _recording(await self._api.call(method, path, body))

    async def settings(self) -> RecordingSettings:
        return _settings(await self._api.call("GET", f"{RECORDINGS}/settings"))

    async def save_settings(self, *, days: int, clerk_video: bool) -> RecordingSettings:
        body = {"retention_days": days, "clerk_video": clerk_video}
        return _settings(await self._api.call("PUT", f"{RECORDINGS}/settings", body))

    async def media(self, recording: Recording, progress: Progress | None = None) -> bytes:
        """The whole recording decrypted, in memory (to play it)."""
        if recording.size > PLAY_MAX_BYTES:
            raise ServiceError(
                "recording_too_large_to_play",
                "This recording is too large to play here; save it to a file.",
            )
        parts: list[bytes] = []
        size = await self._download(recording, parts.append, progress)
        _check_complete(recording, size)
        return b"".join(parts)

    async def save(
        self, recording: Recording, destination: Path, progress: Progress | None = None
    ) -> SavedRecording:
        """The recording into `destination`, written as `<name>.part` and renamed only once
        every byte has arrived: a cut-off download never looks like a recording."""
        size = await save_to(
            destination,
            lambda write: self._download(recording, write, progress),
            lambda _, size: _check_complete(recording, size),
        )
        return SavedRecording(destination, size)

    async def _download(
        self, recording: Recording, write: Callable[[bytes], object], progress: Progress | None
    ) -> int:
        received = 0

        def take(chunk: bytes) -> None:
            nonlocal received
            write(chunk)
            received += len(chunk)
            if progress is not None:
                progress(received, recording.size)

        return await self._api.download(f"{RECORDINGS}/{seg(recording.id)}/media", {}, take)


def hold_reason(text: str) -> str:
    """The reason for setting or lifting a hold, trimmed; ServiceError when out of limits."""
    reason = text.strip()
    if not REASON_MIN <= len(reason) <= REASON_MAX:
        raise ServiceError("hold_reason", "A reason of 3 to 500 characters is needed.")
    return reason


def _check_complete(recording: Recording, size: int) -> None:
    if size != recording.size:
        raise ServiceError(
            "download_incomplete",
            f"Only {size} of {recording.size} bytes arrived. Try again.",
        )


def _recording(data: Mapping[str, Any]) -> Recording:
    duration = data.get("duration_seconds")
    return Recording(
        id=data["id"],
        call_id=data["call_id"],
        clerk_id=data["clerk_id"],
        status=data["status"],
        size=int(data["size"]),
        received=int(data["received"]),
        content_type=data["content_type"],
        duration_seconds=None if duration is None else float(duration),
        created_at=data["created_at"],
        completed_at=data.get("completed_at"),
        delete_after=data["delete_after"],
        legal_hold=bool(data["legal_hold"]),
        hold_reason=data.get("hold_reason"),
    )


def _settings(data: Mapping[str, Any]) -> RecordingSettings:
    return RecordingSettings(
        int(data["retention_days"]), int(data["max_retention_days"]), bool(data["clerk_video"])
    )

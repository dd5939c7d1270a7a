"""Uploads finished recordings with tus 1.0 (tuspy), resuming where the server stands (Qt-free).

tuspy is synchronous (requests): every attempt runs in a worker thread, and progress comes
back to the loop after each chunk. An attempt always starts from the server's offset (HEAD
on the upload URL kept by recording id, or the same upload again from a POST with the same
`recording_id`), so a dropped network, a restarted server and a restarted app all resume.
A spool copy is deleted only after the final response says `Videoclerk-Checksum: sha256
verified`. Failures are retried with capped, jittered backoff; refusals that retrying cannot
cure are reported as failed, and a refusal for lack of consent deletes the copy.

tuspy's requests carry no timeout and its TLS check is a plain on/off; the three requests
are made here with both, the rest (metadata, chunking, checksums, URL storage) is tuspy's.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any
from urllib.parse import urljoin, urlsplit

import requests
from tusclient.client import TusClient
from tusclient.exceptions import TusCommunicationError, TusUploadFailed
from tusclient.fingerprint.interface import Fingerprint
from tusclient.request import TusRequest
from tusclient.storage.interface import Storage
from tusclient.uploader import Uploader

from clerk_app.recording import rules
from clerk_app.recording.rules import Refusal, UploadState, Verdict
from clerk_app.recording.spool import Spool, SpoolEntry

log = logging.getLogger(__name__)
UPLOADS_PATH = "/api/v1/recordings/uploads"
TIMEOUT_SECONDS = 30.0


@dataclass(frozen=True)
class UploadStatus:
    recording_id: str
    call_id: str
    size: int
    sent: int = 0
    state: UploadState = UploadState.WAITING
    retry_at: float | None = None  # RETRYING: time.monotonic() of the next try
    problem: str | None = None  # the server's problem code, "network", or "unconfirmed"


class UrlStore(Storage):  # type: ignore[misc]
    """tuspy's URL storage in a JSON file, by recording id. It keeps the path on the server,
    not the address: a server that comes back under another address still resumes."""

    def __init__(self, path: Path, server_url: str) -> None:
        self.path = path
        self.server_url = server_url
        self._lock = threading.Lock()

    def get_item(self, key: str) -> str | None:
        stored = self._read().get(key)
        return urljoin(self.server_url, stored) if stored else None

    def set_item(self, key: str, url: str | None) -> None:
        if not url:  # tuspy stores what it found, also nothing
            return
        with self._lock:
            items = self._read()
            items[key] = urlsplit(url).path
            self._write(items)

    def remove_item(self, key: str) -> None:
        with self._lock:
            items = self._read()
            if items.pop(key, None) is not None:
                self._write(items)

    def _read(self) -> dict[str, str]:
        try:
            items = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return (
            {k: v for k, v in items.items() if isinstance(v, str)}
            if isinstance(items, dict)
            else {}
        )

    def _write(self, items: dict[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(items), encoding="utf-8")
        os.replace(temporary, self.path)


class _ById(Fingerprint):  # type: ignore[misc]
    def __init__(self, recording_id: str) -> None:
        self.recording_id = recording_id

    def get_fingerprint(self, fs: IO[bytes]) -> str:
        return self.recording_id


class _Refused(Exception):
    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.code)
        self.refusal = refusal


class _Paused(Exception):
    pass


class _TusUploader(Uploader):  # type: ignore[misc]
    """tuspy's uploader, its three requests with a timeout, the app's TLS check and proxy."""

    def __init__(
        self, *args: Any, verify: str | bool, proxies: dict[str, str] | None, **kwargs: Any
    ) -> None:
        self.verify = verify  # before tuspy's constructor asks for the offset
        self.proxies = proxies
        self.last_headers: dict[str, str] = {}
        super().__init__(*args, **kwargs)

    def get_offset(self) -> int:
        try:
            answer = requests.head(
                self.url,
                headers=self.get_headers(),
                verify=self.verify,
                proxies=self.proxies,
                timeout=TIMEOUT_SECONDS,
            )
        except requests.RequestException as exc:
            raise TusCommunicationError(str(exc)) from exc
        offset = answer.headers.get("upload-offset")
        if answer.status_code != 200 or offset is None:
            raise TusCommunicationError(None, answer.status_code, answer.content)
        self.last_headers = {k.lower(): v for k, v in answer.headers.items()}
        return int(offset)

    def create_url(self) -> str:
        try:
            answer = requests.post(
                self.client.url,
                headers=self.get_url_creation_headers(),
                verify=self.verify,
                proxies=self.proxies,
                timeout=TIMEOUT_SECONDS,
            )
        except requests.RequestException as exc:
            raise TusCommunicationError(str(exc)) from exc
        location = answer.headers.get("location")
        if answer.status_code != 201 or location is None:
            raise _Refused(rules.judge(answer.status_code, answer.content, creating=True))
        return urljoin(str(self.client.url), location)

    def _do_request(self) -> None:
        self.request = _TimedRequest(self)
        self.request.perform()
        if not 200 <= (self.request.status_code or 0) < 300:
            raise TusUploadFailed(None, self.request.status_code, self.request.response_content)
        self.last_headers = self.request.response_headers


class _TimedRequest(TusRequest):  # type: ignore[misc]
    def __init__(self, uploader: _TusUploader) -> None:
        super().__init__(uploader)
        self._verify = uploader.verify
        self._proxies = uploader.proxies

    def perform(self) -> None:
        try:
            chunk = self.file.read(self._content_length)
            self.add_checksum(chunk)
            answer = requests.patch(
                self._url,
                data=chunk,
                headers=self._request_headers,
                verify=self._verify,
                proxies=self._proxies,
                timeout=TIMEOUT_SECONDS,
            )
        except requests.RequestException as exc:
            raise TusUploadFailed(str(exc)) from exc
        finally:
            self.file.close()
        self.status_code = answer.status_code
        self.response_content = answer.content
        self.response_headers = {k.lower(): v for k, v in answer.headers.items()}


class Uploads:
    """Every recording waiting in the spool, uploaded one after the other."""

    def __init__(
        self,
        spool: Spool,
        *,
        server_url: str,
        token: str,
        store_path: Path,
        chunk_bytes: int = rules.FIRST_CHUNK_BYTES,
        verify: str | bool = True,
        proxy: str | None = None,  # an HTTP proxy to the server
        delay: Callable[[int], float] = rules.retry_delay,
        next_chunk: Callable[[int, float], int] = rules.next_chunk_bytes,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.spool = spool
        self.server_url = server_url.rstrip("/")
        self.urls = UrlStore(store_path, self.server_url)
        self.statuses: dict[str, UploadStatus] = {}
        self._token = token
        self._chunk_bytes = chunk_bytes
        self._verify = verify
        self._proxies = {"http": proxy, "https": proxy} if proxy else None
        self._delay = delay
        self._next_chunk = next_chunk
        self._monotonic = monotonic
        self._pending: list[SpoolEntry] = []
        self._listeners: list[Callable[[UploadStatus], None]] = []
        self._wake = asyncio.Event()
        self._running = asyncio.Event()
        self._running.set()
        self._paused = threading.Event()
        self._in_flight: asyncio.Future[bool] | None = None  # the attempt in a worker thread
        self._hashes: dict[str, str] = {}

    def add_listener(self, listener: Callable[[UploadStatus], None]) -> None:
        """Called on the loop with every change of an upload's status."""
        self._listeners.append(listener)

    def set_token(self, token: str) -> None:
        """A new session (the clerk logged in again): used from the next request on."""
        self._token = token

    def enqueue(self, entry: SpoolEntry) -> None:
        if entry.recording_id in self.statuses:
            return
        size = self.spool.media_path(entry.recording_id).stat().st_size
        self._pending.append(entry)
        self._report(UploadStatus(entry.recording_id, entry.call_id, size))
        self._wake.set()

    def pause(self) -> None:
        """Stop after the chunk in flight (a call needs the bandwidth); `resume` goes on."""
        self._paused.set()
        self._running.clear()

    def resume(self) -> None:
        self._paused.clear()
        self._running.set()

    async def stop(self) -> None:
        """Pause, and wait for the chunk in flight (log-out, quitting): once this returns no
        request runs, and the task of `run` may be cancelled; `resume` and a new `run` go on
        where this stopped."""
        self.pause()
        if self._in_flight is not None:
            await asyncio.gather(self._in_flight, return_exceptions=True)

    async def run(self) -> None:
        """Upload for ever: first what an earlier run left in the spool, then what comes."""
        for entry in self.spool.recover():
            self.enqueue(entry)
        while True:
            if not self._pending:
                self._wake.clear()
                await self._wake.wait()
                continue
            await self._upload(self._pending[0])
            self._pending.pop(0)

    async def _upload(self, entry: SpoolEntry) -> None:
        attempt = 0
        while True:
            await self._running.wait()
            self._update(entry, state=UploadState.UPLOADING, retry_at=None)
            # A worker thread cannot be cancelled: the attempt is shielded from the run's
            # cancellation, and `stop` waits for it.
            self._in_flight = asyncio.ensure_future(
                asyncio.to_thread(self._attempt, entry, self._token, asyncio.get_running_loop())
            )
            try:
                verified = await asyncio.shield(self._in_flight)
            except _Paused:
                self._update(entry, state=UploadState.WAITING)
                continue
            except _Refused as refused:
                refusal = refused.refusal
            except Exception:  # a bug or an unreadable file must not stop the other uploads
                log.exception("uploading recording %s failed", entry.recording_id)
                refusal = Refusal(Verdict.RETRY, "error")
            else:
                if verified:
                    self._done(entry, UploadState.DONE)
                else:  # the server has it all but never confirmed it: keep the copy
                    self._update(entry, state=UploadState.FAILED, problem="unconfirmed")
                return
            if refusal.verdict is Verdict.DISCARD:
                self.spool.delete(entry.recording_id)
                self._done(entry, UploadState.DISCARDED, problem=refusal.code)
                return
            if refusal.verdict is Verdict.FAIL:
                self._update(entry, state=UploadState.FAILED, problem=refusal.code)
                return
            if refusal.verdict is Verdict.RESTART:
                self.urls.remove_item(entry.recording_id)
            wait = self._delay(attempt)
            attempt += 1
            self._update(
                entry,
                state=UploadState.RETRYING,
                retry_at=self._monotonic() + wait,
                problem=refusal.code,
            )
            await asyncio.sleep(wait)

    def _done(self, entry: SpoolEntry, state: UploadState, problem: str | None = None) -> None:
        self.urls.remove_item(entry.recording_id)
        if state is UploadState.DONE:
            self.spool.delete(entry.recording_id)
        self._update(entry, state=state, problem=problem)

    # ---- in the worker thread --------------------------------------------------------------

    def _attempt(self, entry: SpoolEntry, token: str, loop: asyncio.AbstractEventLoop) -> bool:
        """One try from the server's offset to the end; True once the server verified."""

        def loop_report(offset: int) -> None:
            loop.call_soon_threadsafe(lambda: self._update(entry, sent=offset))

        path = self.spool.media_path(entry.recording_id)
        client = TusClient(
            f"{self.server_url}{UPLOADS_PATH}", headers={"Authorization": f"Bearer {token}"}
        )
        try:
            uploader = _TusUploader(
                file_path=str(path),
                client=client,
                chunk_size=self._chunk_bytes,
                metadata=self._metadata(entry, path),
                store_url=True,
                url_storage=self.urls,
                fingerprinter=_ById(entry.recording_id),
                upload_checksum=True,
                verify=self._verify,
                proxies=self._proxies,
            )
            if not uploader.url:
                uploader.set_url(uploader.create_url())
                uploader.offset = uploader.get_offset()  # the same recording may be there
            loop_report(uploader.offset)
            while uploader.offset < uploader.stop_at:
                if self._paused.is_set():
                    raise _Paused
                started = self._monotonic()
                uploader.upload_chunk()
                loop_report(uploader.offset)
                uploader.chunk_size = self._next_chunk(
                    uploader.chunk_size, self._monotonic() - started
                )
        except TusCommunicationError as exc:  # TusUploadFailed too
            raise _Refused(
                rules.judge(exc.status_code, exc.response_content, creating=False)
            ) from exc
        return uploader.last_headers.get("videoclerk-checksum") == rules.VERIFIED

    def _metadata(self, entry: SpoolEntry, path: Path) -> dict[str, str]:
        digest = self._hashes.get(entry.recording_id)
        if digest is None:
            hasher = hashlib.sha256()
            with path.open("rb") as media:
                while block := media.read(1024 * 1024):
                    hasher.update(block)
            digest = self._hashes[entry.recording_id] = hasher.hexdigest()
        return {
            "call_id": entry.call_id,
            "recording_id": entry.recording_id,
            "sha256": digest,
            "content_type": rules.CONTENT_TYPE,
            "duration_seconds": f"{entry.duration_seconds:.1f}",
        }

    # ---- status ------------------------------------------------------------------------------

    def _update(self, entry: SpoolEntry, **changes: Any) -> None:
        status = self.statuses.get(entry.recording_id)
        if status is not None:
            self._report(replace(status, **changes))

    def _report(self, status: UploadStatus) -> None:
        self.statuses[status.recording_id] = status
        for listener in list(self._listeners):
            listener(status)

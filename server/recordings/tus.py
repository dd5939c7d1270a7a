"""tus 1.0 routes (core, creation, creation-with-upload, termination, expiration, checksum).

Thin: headers in, headers out. The clerk app's session token authenticates every request but
OPTIONS (discovery). Errors are problem JSON with a `code`, and carry `Tus-Resumable` too.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response

from server import clock
from server.access import ANY_USER, Caller, get_db, get_settings, require
from server.config import Settings
from server.problems import PROBLEM_RESPONSES, ProblemError
from server.recordings import rules, service
from server.recordings.models import Recording
from server.recordings.uploads import Received, Uploads
from server.sql import Database

PREFIX = "/api/v1/recordings/uploads"
router = APIRouter(prefix=PREFIX, tags=["recordings"], responses=PROBLEM_RESPONSES)
DB = Depends(get_db)
SETTINGS = Depends(get_settings)
USER = Depends(require(roles=ANY_USER))
UploadId = Annotated[str, Path(max_length=64)]
OCTETS = "application/offset+octet-stream"


def uploads_of(request: Request) -> Uploads:
    uploads: Uploads = request.app.state.recordings.uploads
    return uploads


@contextmanager
def _tus(request: Request) -> Iterator[None]:
    """Checks `Tus-Resumable` and puts it on every answer, refusals included."""
    try:
        if request.headers.get("tus-resumable") != rules.TUS_VERSION:
            raise ProblemError(
                412,
                "tus_version_unsupported",
                f"This server speaks tus {rules.TUS_VERSION}; send 'Tus-Resumable: 1.0.0'.",
                headers={"Tus-Version": rules.TUS_VERSION},
            )
        yield
    except ProblemError as exc:
        exc.headers.setdefault("Tus-Resumable", rules.TUS_VERSION)
        raise


def _headers(**values: object) -> dict[str, str]:
    return {"Tus-Resumable": rules.TUS_VERSION} | {
        name.replace("_", "-").title(): str(value) for name, value in values.items()
    }


def _expires(recording: Recording) -> str:
    return rules.http_date(clock.parse(recording.expires_at))


def _verified(recording: Recording) -> dict[str, str]:
    """What the app waits for before it deletes its copy: the whole file's sha256 matched."""
    return {"Videoclerk-Recording-Id": recording.id, "Videoclerk-Checksum": "sha256 verified"}


def _received_headers(recording: Recording, received: Received) -> dict[str, str]:
    if not received.complete:
        return _headers(upload_offset=received.offset, upload_expires=_expires(recording))
    return _headers(upload_offset=received.offset) | _verified(recording)


def _body(request: Request) -> AsyncIterator[bytes]:
    if request.headers.get("content-type", "").split(";")[0].strip() != OCTETS:
        raise ProblemError(415, "unsupported_media_type", f"Send the chunk as {OCTETS}.")
    return request.stream()


@router.options("", status_code=204)
async def discover(settings: Settings = SETTINGS) -> Response:
    """tus discovery: version, extensions, checksum algorithms and the largest upload."""
    return Response(
        status_code=204,
        headers=_headers(
            tus_version=rules.TUS_VERSION,
            tus_extension=rules.TUS_EXTENSIONS,
            tus_checksum_algorithm=",".join(rules.CHECKSUM_ALGORITHMS),
            tus_max_size=settings.recording_max_bytes,
        ),
    )


@router.post("", status_code=201)
async def create(
    request: Request, caller: Caller = USER, db: Database = DB, settings: Settings = SETTINGS
) -> Response:
    """Create an upload (tus creation); a body with `Content-Type:
    application/offset+octet-stream` is its first chunk (creation-with-upload)."""
    with _tus(request):
        length = rules.parse_length(
            request.headers.get("upload-length"), settings.recording_max_bytes
        )
        metadata = rules.parse_metadata(request.headers.get("upload-metadata"))
        uploads = uploads_of(request)
        recording = service.create_upload(
            db, uploads=uploads, settings=settings, caller=caller, length=length, metadata=metadata
        )
        headers = {"Location": f"{PREFIX}/{recording.id}"}
        if request.headers.get("content-type") is not None and recording.received == 0:
            checksum = rules.parse_checksum(request.headers.get("upload-checksum"))
            received = await uploads.receive(recording, _body(request), checksum)
            headers |= _received_headers(recording, received)
        else:
            headers |= _headers(
                upload_offset=recording.received, upload_expires=_expires(recording)
            )
        return Response(status_code=201, headers=headers)


@router.head("/{upload_id}")
async def offset(
    upload_id: UploadId, request: Request, caller: Caller = USER, db: Database = DB
) -> Response:
    """Where to resume: `Upload-Offset` of the bytes stored and acknowledged. A complete
    upload also says it was verified, for an app whose final PATCH answer was lost."""
    with _tus(request):
        recording = service.own_upload(db, caller=caller, upload_id=upload_id)
        headers = _headers(upload_offset=recording.received, upload_length=recording.length)
        headers["Cache-Control"] = "no-store"
        if recording.status == "uploading":
            headers["Upload-Expires"] = _expires(recording)
        elif recording.status == "complete":
            headers |= _verified(recording)
        return Response(status_code=200, headers=headers)


@router.patch("/{upload_id}", status_code=204)
async def append(
    upload_id: UploadId, request: Request, caller: Caller = USER, db: Database = DB
) -> Response:
    """Append a chunk at `Upload-Offset`; with `Upload-Checksum` it counts only if it matches
    (460 otherwise). The last chunk's answer confirms the whole file's sha256."""
    with _tus(request):
        body = _body(request)
        recording = service.own_upload(db, caller=caller, upload_id=upload_id)
        uploads_of(request).refuse_if_locked(upload_id)
        stated = request.headers.get("upload-offset", "")
        if not stated.isdigit():
            raise rules.bad("invalid_upload_offset", "Upload-Offset must be an integer.")
        if int(stated) != recording.received:
            raise ProblemError(
                409,
                "offset_mismatch",
                f"The upload is at offset {recording.received}; ask with HEAD and resume there.",
            )
        checksum = rules.parse_checksum(request.headers.get("upload-checksum"))
        received = await uploads_of(request).receive(recording, body, checksum)
        return Response(status_code=204, headers=_received_headers(recording, received))


@router.delete("/{upload_id}", status_code=204)
async def terminate(
    upload_id: UploadId, request: Request, caller: Caller = USER, db: Database = DB
) -> Response:
    """Abandon an unfinished upload (tus termination): its bytes and key are deleted."""
    with _tus(request):
        recording = service.own_upload(db, caller=caller, upload_id=upload_id)
        if recording.status == "complete":
            raise ProblemError(
                409, "upload_complete", "This recording is complete; an admin may delete it."
            )
        await uploads_of(request).delete(caller.organisation_id, upload_id)
        return Response(status_code=204, headers=_headers())

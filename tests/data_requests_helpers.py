"""Exports, erasure requests and calls with something to erase, over the real server."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import httpx

from tests.live_server import LiveServer
from tests.offers_helpers import InCall
from tests.recordings_helpers import recorded, upload

ERASURES = "/api/v1/erasure-requests"
RECORDINGS = "/api/v1/recordings"


def export(client: httpx.Client, headers: dict[str, str], path: str) -> dict[str, bytes]:
    """Every entry of an export's ZIP, after checking how it was sent."""
    response = client.get(path, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/zip"
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    assert response.headers["cache-control"] == "no-store"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def records(entries: dict[str, bytes], name: str) -> list[dict[str, Any]]:
    found = json.loads(entries[name])
    assert isinstance(found, list), name
    return found


async def ended_recorded_call(
    server: LiveServer,
    client: httpx.Client,
    data: bytes,
    *,
    note: str | None = None,
    **options: object,
) -> tuple[InCall, str, str]:
    """A call with a recording, hung up (and wrapped up with `note`): the call, its
    recording's id and its reference."""
    call = await recorded(server, client, **options)
    recording_id = upload(client, call, data)
    await hang_up(call, note=note)
    detail = client.get(f"/api/v1/calls/{call.call_id}", headers=call.centre.org.admin)
    return call, recording_id, str(detail.json()["reference"])


async def hang_up(call: InCall, *, note: str | None = None) -> None:
    """The visitor hangs up; with a `note`, the clerk wraps the call up with it."""
    await call.visitor.send({"type": "hangup"})
    await call.clerk.expect("ended")
    if note is not None:
        await call.clerk.send({"type": "wrap_up", "call_id": call.call_id, "note": note})
        while (await call.clerk.expect("presence")).state != "available":
            pass
    await call.close()


def erasure(
    client: httpx.Client, headers: dict[str, str], kind: str, target: str
) -> httpx.Response:
    return client.post(ERASURES, headers=headers, json={"kind": kind, "target": target})


def raw_bytes(server: LiveServer) -> bytes:
    """The database: on SQLite its file and WAL as they lie on disk."""
    return server.stored_bytes()

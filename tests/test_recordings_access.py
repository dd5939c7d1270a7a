"""Recordings after upload: who lists and plays them, audit, deletion, consent withdrawal,
retention on the server's clock with legal hold, and the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import httpx

from tests import recordings_helpers
from tests.accounts_helpers import audit_events, bearer, log_in, new_org, problem
from tests.catalogue_helpers import key
from tests.live_server import LiveServer, live_server
from tests.offers_helpers import InCall
from tests.queue_helpers import call_centre
from tests.recordings_helpers import create, recorded

DATA = os.urandom(100_000)
RECORDINGS = "/api/v1/recordings"


def upload(client: httpx.Client, call: InCall, data: bytes = DATA, *, finish: bool = True) -> str:
    return recordings_helpers.upload(client, call, data, finish=finish)


async def test_admins_supervisors_and_recordings_keys_list_and_play_with_audit(
    server: LiveServer, client: httpx.Client
) -> None:
    call = await recorded(server, client)
    recording_id = upload(client, call)
    org = call.centre.org
    viewers = {
        "admin": org.admin,
        "supervisor": bearer(call.centre.supervisor_token),
        "key": key(client, org, "recordings"),
    }
    for who, auth in viewers.items():
        listed = client.get(RECORDINGS, headers=auth)
        assert listed.status_code == 200, (who, listed.text)
        [item] = listed.json()["items"]
        assert item["id"] == recording_id
        assert item["call_id"] == call.call_id
        assert item["size"] == len(DATA)
        assert item["legal_hold"] is False
        assert item["delete_after"] > item["completed_at"]
        tail = client.get(
            f"{RECORDINGS}/{recording_id}/media", headers={**auth, "Range": "bytes=-500"}
        )
        assert tail.status_code == 206
        assert tail.content == DATA[-500:]
    assert problem(client.get(RECORDINGS, headers=call.clerk_auth), 403)["code"] == "forbidden"
    read_only = key(client, org, "read")
    assert problem(client.get(RECORDINGS, headers=read_only), 403)["code"] == "forbidden"
    outsider = new_org(client)
    assert client.get(RECORDINGS, headers=outsider.admin).json()["items"] == []
    media = client.get(f"{RECORDINGS}/{recording_id}/media", headers=outsider.admin)
    assert problem(media, 404)["code"] == "not_found"
    beyond = client.get(
        f"{RECORDINGS}/{recording_id}/media", headers={**org.admin, "Range": "bytes=999999-"}
    )
    assert problem(beyond, 416)["code"] == "range_not_satisfiable"
    downloads = audit_events(client, org, event="recording.downloaded")
    assert len(downloads) == 3
    assert {event["target"] for event in downloads} == {recording_id}
    await call.close()


async def test_an_admin_deletes_a_recording_with_its_file(
    server: LiveServer, client: httpx.Client
) -> None:
    call = await recorded(server, client)
    recording_id = upload(client, call)
    folder = server.data_dir / "recordings" / recording_id
    assert folder.is_dir()
    path = f"{RECORDINGS}/{recording_id}"
    supervisor = bearer(call.centre.supervisor_token)
    assert problem(client.delete(path, headers=supervisor), 403)["code"] == "forbidden"
    admin = call.centre.org.admin
    assert client.post(f"{path}/hold", headers=admin, json={"reason": "audit"}).is_success
    assert problem(client.delete(path, headers=admin), 409)["code"] == "recording_on_hold"
    assert folder.is_dir()
    lifted = client.request("DELETE", f"{path}/hold", headers=admin, json={"reason": "done"})
    assert lifted.is_success
    assert client.delete(path, headers=admin).status_code == 204
    assert not folder.exists()
    assert problem(client.get(f"{path}/media", headers=call.centre.org.admin), 404)
    assert audit_events(client, call.centre.org, event="recording.deleted")[0]["target"] == (
        recording_id
    )
    await call.close()


async def test_withdrawing_consent_deletes_recordings_and_open_uploads_of_the_call(
    server: LiveServer, client: httpx.Client
) -> None:
    call = await recorded(server, client)
    finished = upload(client, call)
    unfinished = upload(client, call, os.urandom(50_000), finish=False)
    other = await recorded(server, client, centre=call_centre(client))
    kept = upload(client, other)
    await call.visitor.send(
        {"type": "consent", "consent": {"recording": False, "transcription": False}}
    )
    told = await call.clerk.expect("consent")  # sent after the deletion
    assert told.consent.recording is False
    assert client.get(RECORDINGS, headers=call.centre.org.admin).json()["items"] == []
    for recording_id in (finished, unfinished):
        assert not (server.data_dir / "recordings" / recording_id).exists()
    assert (server.data_dir / "recordings" / kept).is_dir()
    refused = create(client, call.clerk_auth, call.call_id, DATA)
    assert problem(refused, 409)["code"] == "no_recording_consent"
    await call.close()
    await other.close()


async def test_retention_deletes_what_is_due_and_spares_a_held_recording(
    fresh_server: LiveServer,
) -> None:
    server = fresh_server
    with httpx.Client(base_url=server.url, timeout=30) as client:
        call = await recorded(server, client)
        org = call.centre.org
        settings = client.put(
            f"{RECORDINGS}/settings", headers=org.admin, json={"retention_days": 10}
        )
        expected = {"retention_days": 10, "clerk_video": False, "max_retention_days": 365}
        assert settings.json() == expected
        shown = client.get(f"{RECORDINGS}/settings", headers=org.admin).json()
        assert shown == expected
        too_long = client.put(
            f"{RECORDINGS}/settings", headers=org.admin, json={"retention_days": 400}
        )
        assert problem(too_long, 422)["code"] == "retention_too_long"
        doomed, held = upload(client, call), upload(client, call)
        unfinished = upload(client, call, os.urandom(50_000), finish=False)
        hold = client.post(
            f"{RECORDINGS}/{held}/hold", headers=org.admin, json={"reason": "court case 12"}
        )
        assert hold.status_code == 200
        assert hold.json()["hold_reason"] == "court case 12"
        await call.close()
        server.advance_clock(2 * 86400)  # the unfinished upload expired (24 h)
        admin = bearer(log_in(client, org.admin_email))
        ids = {item["id"] for item in client.get(RECORDINGS, headers=admin).json()["items"]}
        assert ids == {doomed, held}
        assert not (server.data_dir / "recordings" / unfinished).exists()
        server.advance_clock(9 * 86400)  # ten days after completion
        admin = bearer(log_in(client, org.admin_email))
        ids = {item["id"] for item in client.get(RECORDINGS, headers=admin).json()["items"]}
        assert ids == {held}
        assert not (server.data_dir / "recordings" / doomed).exists()
        lifted = client.request(
            "DELETE", f"{RECORDINGS}/{held}/hold", headers=admin, json={"reason": "case closed"}
        )
        assert lifted.json()["legal_hold"] is False
        server.advance_clock(3600)
        admin = bearer(log_in(client, org.admin_email))
        assert client.get(RECORDINGS, headers=admin).json()["items"] == []
        relogged = replace(org, admin_token=admin["Authorization"].removeprefix("Bearer "))
        events = [event["event"] for event in audit_events(client, relogged)]
        assert "recording.hold_set" in events
        assert "recording.hold_lifted" in events


def test_the_cli_makes_a_master_key_and_runs_retention(tmp_path: Path) -> None:
    made = subprocess.run(
        [sys.executable, "-m", "server.cli", "recordings", "make-master-key"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(made.stdout)["key"][0]["keyData"]["keyMaterialType"] == "SYMMETRIC"
    assert "VIDEOCLERK_RECORDINGS_MASTER_KEY" in made.stderr
    key_file = tmp_path / "master.key"
    key_file.write_text(made.stdout)
    env = {
        "VIDEOCLERK_RECORDINGS_MASTER_KEY": "",
        "VIDEOCLERK_RECORDINGS_MASTER_KEY_FILE": str(key_file),
    }
    data_dir = tmp_path / "server"
    with live_server(data_dir, env=env) as server, httpx.Client(base_url=server.url) as c:
        assert c.options("/api/v1/recordings/uploads").status_code == 204
        org = new_org(c)
        assert c.get(RECORDINGS, headers=org.admin).json()["items"] == []
    command = ["retention", "run", "--dry-run", "--data-dir", str(data_dir)]
    dry = subprocess.run(
        [sys.executable, "-m", "server.cli", *command],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Would delete 0 recording(s) past retention and 0 row(s) of closed accounts." in (
        dry.stdout
    )

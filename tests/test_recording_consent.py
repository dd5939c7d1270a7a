"""Recording consent per widget (docs/recordings.md, "Consent") over real sockets.

P3: a call is recorded only with the visitor's consent; every choice and change is kept as an
event (time, call, questions answered, answers, text version), and only the visitor can give
or withdraw it.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.live_server import LiveServer
from tests.queue_helpers import CallCentre, call_centre
from tests.ws_clients import ScriptedClerk, ScriptedVisitor


def ws_url(server: LiveServer) -> str:
    return server.url.replace("http://", "ws://")


def set_mode(client: httpx.Client, centre: CallCentre, mode: str) -> dict[str, Any]:
    response = client.patch(
        f"/api/v1/widgets/{centre.widget_id}",
        headers=centre.org.admin,
        json={"recording_mode": mode},
    )
    response.raise_for_status()
    body: dict[str, Any] = response.json()
    return body


def centre_in(client: httpx.Client, mode: str) -> CallCentre:
    centre = call_centre(client)
    set_mode(client, centre, mode)
    return centre


def events(client: httpx.Client, centre: CallCentre, call_id: str) -> list[dict[str, Any]]:
    detail = client.get(f"/api/v1/calls/{call_id}", headers=centre.org.admin).json()
    found: list[dict[str, Any]] = detail["consent_events"]
    return found


async def in_call(
    server: LiveServer, centre: CallCentre, *, recording: bool
) -> tuple[ScriptedVisitor, ScriptedClerk, str]:
    """A visitor who joined with this recording choice, taken by a clerk."""
    clerk = ScriptedClerk(ws_url(server), centre.clerk_tokens[0])
    await clerk.connect()
    await clerk.available()
    visitor = ScriptedVisitor(ws_url(server), centre.widget_key)
    await visitor.connect()
    queued = await visitor.join(centre.queue_ids[0], recording=recording, transcription=True)
    assert queued.type == "queued"
    await clerk.send({"type": "take"})
    assert (await clerk.expect("assigned")).consent.recording is recording
    await clerk.expect("consent")
    await visitor.expect("assigned")
    return visitor, clerk, str(queued.call_id)


def withdraw() -> dict[str, Any]:
    return {"type": "consent", "consent": {"recording": False, "transcription": True}}


# ---- the widget's mode -------------------------------------------------------------------------


def test_recording_mode_is_offered_by_default_and_kept_by_the_api(
    client: httpx.Client,
) -> None:
    centre = call_centre(client)
    url = f"/api/v1/widgets/{centre.widget_id}"
    assert client.get(url, headers=centre.org.admin).json()["recording_mode"] == "offered"
    assert client.get(f"/w/{centre.widget_key}/config").json()["recording_mode"] == "offered"
    for mode in ("required", "off"):
        assert set_mode(client, centre, mode)["recording_mode"] == mode
        assert client.get(url, headers=centre.org.admin).json()["recording_mode"] == mode
        assert client.get(f"/w/{centre.widget_key}/config").json()["recording_mode"] == mode
    wrong = client.patch(url, headers=centre.org.admin, json={"recording_mode": "sometimes"})
    assert wrong.status_code == 422
    assert wrong.json()["code"] == "invalid_input"
    assert client.get(url, headers=centre.org.admin).json()["recording_mode"] == "off"


# ---- off -----------------------------------------------------------------------------------------


async def test_off_refuses_recording_at_join_and_later(
    server: LiveServer, client: httpx.Client
) -> None:
    centre = centre_in(client, "off")
    visitor = ScriptedVisitor(ws_url(server), centre.widget_key)
    await visitor.connect()
    refused = await visitor.join(centre.queue_ids[0], recording=True)
    assert (refused.type, refused.code, refused.in_reply_to) == ("error", "recording_off", "join")
    calls = client.get("/api/v1/calls", headers=centre.org.admin).json()["items"]
    assert calls == []  # a refused choice leaves no call behind
    queued = await visitor.join(centre.queue_ids[0], recording=False, transcription=True)
    assert queued.type == "queued"
    await visitor.send({"type": "consent", "consent": {"recording": True, "transcription": True}})
    error = await visitor.expect("error", "consent")
    assert (error.type, error.code, error.in_reply_to) == ("error", "recording_off", "consent")
    kept = events(client, centre, queued.call_id)
    assert [(e["questions"], e["recording"], e["recording_mode"]) for e in kept] == [
        (["transcription"], False, "off")  # the recording question was never asked
    ]
    await visitor.close()


# ---- offered -----------------------------------------------------------------------------------


async def test_offered_withdrawal_mid_call_is_confirmed_recorded_and_the_call_goes_on(
    server: LiveServer, client: httpx.Client
) -> None:
    centre = centre_in(client, "offered")
    visitor, clerk, call_id = await in_call(server, centre, recording=True)
    await visitor.send(withdraw())
    confirmed = await visitor.expect("consent")
    assert (confirmed.call_id, confirmed.consent.recording) == (call_id, False)
    told = await clerk.expect("consent")
    assert (told.call_id, told.consent.recording, told.at) == (call_id, False, confirmed.at)
    kept = events(client, centre, call_id)
    assert [
        (e["questions"], e["recording"], e["transcription"], e["recording_mode"]) for e in kept
    ] == [
        (["recording", "transcription"], True, True, "offered"),
        (["recording"], False, True, "offered"),
    ]
    assert all(e["text_version"] == "1" and e["at"] for e in kept)
    assert kept[1]["at"] == confirmed.at
    # The call is not over: the visitor may say yes again.
    await visitor.send({"type": "consent", "consent": {"recording": True, "transcription": True}})
    assert (await clerk.expect("consent", "ended")).type == "consent"
    assert len(events(client, centre, call_id)) == 3
    await visitor.send({"type": "hangup"})
    await clerk.expect("ended")
    await visitor.close()
    await clerk.close()


async def test_the_clerk_cannot_give_or_withdraw_consent(
    server: LiveServer, client: httpx.Client
) -> None:
    centre = centre_in(client, "offered")
    visitor, clerk, call_id = await in_call(server, centre, recording=False)
    for attempt in (
        {"type": "consent", "consent": {"recording": True, "transcription": True}},
        {
            "type": "consent",
            "call_id": call_id,
            "consent": {"recording": True, "transcription": True},
        },
    ):
        await clerk.send(attempt)
        error = await clerk.expect("error", "consent")
        assert (error.type, error.code) == ("error", "unknown_type")
    # Nothing changed: the visitor heard nothing, the record holds only the visitor's choice.
    await visitor.send({"type": "ping"})
    assert (await visitor.expect("consent", "pong")).type == "pong"
    kept = events(client, centre, call_id)
    assert [(e["recording"], e["transcription"]) for e in kept] == [(False, True)]
    await clerk.send({"type": "ping"})
    assert (await clerk.expect("consent", "pong")).type == "pong"
    await visitor.close()
    await clerk.close()


# ---- required ----------------------------------------------------------------------------------


async def test_required_refuses_a_join_without_recording(
    server: LiveServer, client: httpx.Client
) -> None:
    centre = centre_in(client, "required")
    visitor = ScriptedVisitor(ws_url(server), centre.widget_key)
    await visitor.connect()
    refused = await visitor.join(centre.queue_ids[0], recording=False)
    assert (refused.type, refused.code) == ("error", "recording_required")
    assert client.get("/api/v1/calls", headers=centre.org.admin).json()["items"] == []
    queued = await visitor.join(centre.queue_ids[0], recording=True)
    assert queued.type == "queued"
    await visitor.send({"type": "leave"})


async def test_required_withdrawal_mid_call_ends_the_call_as_the_visitors_hang_up(
    server: LiveServer, client: httpx.Client
) -> None:
    centre = centre_in(client, "required")
    visitor, clerk, call_id = await in_call(server, centre, recording=True)
    await visitor.send(withdraw())
    # The clerk hears of the withdrawal before the end, so the app deletes what it holds.
    told = await clerk.expect("consent", "ended")
    assert (told.type, told.consent.recording) == ("consent", False)
    assert (await clerk.expect("ended")).reason == "peer_left"
    assert (await visitor.expect("consent")).consent.recording is False
    ended = await visitor.expect("ended")
    assert (ended.call_id, ended.reason, ended.can_rejoin) == (call_id, "hangup", False)
    record = client.get(f"/api/v1/calls/{call_id}", headers=centre.org.admin).json()
    assert (record["outcome"], record["end_reason"]) == ("answered", "visitor_hung_up")
    assert [
        (e["questions"], e["recording"], e["recording_mode"]) for e in record["consent_events"]
    ] == [
        (["recording", "transcription"], True, "required"),
        (["recording"], False, "required"),
    ]
    await clerk.send({"type": "wrap_up", "call_id": call_id, "note": ""})
    await visitor.close()
    await clerk.close()


async def test_required_withdrawal_while_waiting_leaves_the_queue(
    server: LiveServer, client: httpx.Client
) -> None:
    centre = centre_in(client, "required")
    visitor = ScriptedVisitor(ws_url(server), centre.widget_key)
    await visitor.connect()
    queued = await visitor.join(centre.queue_ids[0], recording=True)
    await visitor.send(withdraw())
    ended = await visitor.expect("ended")
    assert (ended.call_id, ended.reason) == (queued.call_id, "hangup")
    record = client.get(f"/api/v1/calls/{queued.call_id}", headers=centre.org.admin).json()
    assert record["outcome"] == "abandoned" and record["ended_at"] is not None
    assert [e["recording"] for e in record["consent_events"]] == [True, False]
    # The visitor may join again, accepting the recording.
    assert (await visitor.join(centre.queue_ids[0], recording=True)).type == "queued"
    await visitor.send({"type": "leave"})


async def test_a_call_keeps_the_mode_it_was_joined_under(
    server: LiveServer, client: httpx.Client
) -> None:
    centre = centre_in(client, "offered")
    visitor, clerk, call_id = await in_call(server, centre, recording=True)
    set_mode(client, centre, "required")
    await visitor.send(withdraw())
    assert (await clerk.expect("consent", "ended")).type == "consent"
    await visitor.send({"type": "ping"})
    assert (await visitor.expect("ended", "pong")).type == "pong"  # the call goes on
    assert events(client, centre, call_id)[-1]["recording_mode"] == "offered"
    await visitor.send({"type": "hangup"})
    await visitor.close()
    await clerk.close()


@pytest.mark.parametrize("mode", ["off", "offered", "required"])
def test_panel_config_carries_the_mode(client: httpx.Client, mode: str) -> None:
    centre = centre_in(client, mode)
    for lang in ("en", "nl"):
        config = client.get(f"/w/{centre.widget_key}/config?lang={lang}").json()
        assert config["recording_mode"] == mode

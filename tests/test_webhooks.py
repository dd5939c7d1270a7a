"""Webhooks end to end: the real server posts signed events to a real receiver on loopback.

Each request is checked with `standardwebhooks.Webhook(secret).verify`, as a customer would.
Retries are driven by moving the server's clock, never by sleeping.
"""

from __future__ import annotations

import base64
import stat
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from tests.accounts_helpers import audit_events, log_in, new_org, problem
from tests.live_server import LiveServer, live_server
from tests.webhook_helpers import (
    PRIVATE_TARGETS,
    Received,
    delivery,
    new_secret,
    point_at,
    receiver,
    send_test,
    wait_for_delivery,
)


@pytest.fixture(scope="module")
def hook_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server that may call loopback receivers. Tests here move its clock by seconds only,
    so that signatures stay within the 5 minutes a receiver tolerates."""
    with live_server(tmp_path_factory.mktemp("webhooks"), env=PRIVATE_TARGETS) as running:
        yield running


@pytest.fixture
def hooks(hook_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=hook_server.url, timeout=30) as http:
        yield http


def verified(secret: str, request: Received) -> dict[str, object]:
    payload: dict[str, object] = Webhook(secret).verify(request.body, request.headers)
    return payload


def test_a_test_event_arrives_signed_and_the_admin_sees_the_attempt(
    hooks: httpx.Client,
) -> None:
    org = new_org(hooks)
    with receiver() as hook:
        secret = point_at(hooks, org, hook.url)
        delivery_id = send_test(hooks, org)
        [request] = hook.wait_for(1)
        payload = verified(secret, request)
        assert payload["type"] == "webhook.test"
        assert set(payload) == {"type", "timestamp", "data"}
        assert request.headers["webhook-id"] == delivery_id
        assert request.headers["content-type"] == "application/json"
        with pytest.raises(WebhookVerificationError):
            Webhook(new_secret_like(secret)).verify(request.body, request.headers)
        found = wait_for_delivery(hooks, org, delivery_id, attempts=1)
    assert found["status"] == "delivered"
    assert found["payload"] == payload
    [attempt] = found["attempt_log"]
    assert attempt["http_status"] == 200
    assert attempt["error"] is None
    assert attempt["duration_ms"] >= 0
    listed = hooks.get("/api/v1/webhooks/deliveries", headers=org.admin).json()
    assert [d["id"] for d in listed["items"]] == [delivery_id]


def new_secret_like(secret: str) -> str:
    """Another secret of the same form: a signature made with `secret` must not match it."""
    raw = bytearray(base64.b64decode(secret.removeprefix("whsec_")))
    raw[0] ^= 1
    return "whsec_" + base64.b64encode(bytes(raw)).decode()


def test_a_failing_receiver_gets_the_event_on_the_retry(
    hooks: httpx.Client, hook_server: LiveServer
) -> None:
    org = new_org(hooks)
    with receiver(answers=[500]) as hook:
        secret = point_at(hooks, org, hook.url)
        delivery_id = send_test(hooks, org)
        hook.wait_for(1)
        first = wait_for_delivery(hooks, org, delivery_id, attempts=1)
        assert first["status"] == "pending"
        assert first["attempt_log"][0]["http_status"] == 500
        assert first["attempt_log"][0]["response_excerpt"] == "receiver is down for maintenance"
        assert first["next_attempt_at"] > first["attempt_log"][0]["at"]
        hook_server.advance_clock(6)  # the first retry: 5 s ± 10 %
        requests = hook.wait_for(2)
        found = wait_for_delivery(hooks, org, delivery_id, attempts=2)
    assert found["status"] == "delivered"
    assert [a["http_status"] for a in found["attempt_log"]] == [500, 200]
    assert requests[0].headers["webhook-id"] == requests[1].headers["webhook-id"] == delivery_id
    assert verified(secret, requests[1]) == found["payload"]


def test_a_rotated_secret_signs_at_once_and_the_old_one_no_more(hooks: httpx.Client) -> None:
    org = new_org(hooks)
    with receiver() as hook:
        old = point_at(hooks, org, hook.url)
        new = new_secret(hooks, org)
        assert new != old
        send_test(hooks, org)
        [request] = hook.wait_for(1)
    verified(new, request)
    with pytest.raises(WebhookVerificationError):
        verified(old, request)
    events = [e["event"] for e in audit_events(hooks, org)]
    assert events.count("webhook.secret_created") == 1
    assert events.count("webhook.secret_rotated") == 1
    assert events.count("webhook.endpoint_changed") == 1


def test_the_secret_is_shown_once_and_never_stored_in_clear(
    hooks: httpx.Client, hook_server: LiveServer
) -> None:
    org = new_org(hooks)
    secret = point_at(hooks, org, "http://127.0.0.1:9/unused")
    shown = hooks.get("/api/v1/webhooks/endpoint", headers=org.admin)
    assert shown.json()["secret_set"] is True
    assert secret not in shown.text
    assert secret.startswith("whsec_")
    assert len(base64.b64decode(secret.removeprefix("whsec_"))) == 32
    raw = hook_server.stored_bytes()
    key = base64.b64decode(secret.removeprefix("whsec_"))
    assert secret.encode() not in raw
    assert secret.removeprefix("whsec_").encode() not in raw
    assert key not in raw
    keyset = hook_server.data_dir / "secrets-keyset.json"
    assert stat.S_IMODE(keyset.stat().st_mode) == 0o600
    assert secret not in hook_server.log()


def test_another_organisation_sees_none_of_it(hooks: httpx.Client) -> None:
    org, other = new_org(hooks), new_org(hooks)
    with receiver() as hook:
        point_at(hooks, org, hook.url)
        delivery_id = send_test(hooks, org)
        wait_for_delivery(hooks, org, delivery_id, attempts=1)
    path = f"/api/v1/webhooks/deliveries/{delivery_id}"
    assert problem(hooks.get(path, headers=other.admin), 404)["code"] == "not_found"
    redelivered = hooks.post(f"{path}/redeliver", headers=other.admin)
    assert problem(redelivered, 404)["code"] == "not_found"
    listed = hooks.get("/api/v1/webhooks/deliveries", headers=other.admin).json()
    assert listed["items"] == []
    assert hooks.get("/api/v1/webhooks/endpoint", headers=other.admin).json()["url"] is None
    # The other organisation's test event goes nowhere: it has no endpoint.
    assert problem(hooks.post("/api/v1/webhooks/test", headers=other.admin), 409)["code"] == (
        "webhook_disabled"
    )


def test_deliveries_are_paged_and_filtered(hooks: httpx.Client) -> None:
    org = new_org(hooks)
    with receiver() as hook:
        point_at(hooks, org, hook.url)
        ids = [send_test(hooks, org) for _ in range(3)]
        for delivery_id in ids:
            wait_for_delivery(hooks, org, delivery_id, attempts=1)
    url = "/api/v1/webhooks/deliveries"
    first = hooks.get(url, headers=org.admin, params={"limit": 2}).json()
    assert [d["id"] for d in first["items"]] == ids[::-1][:2]
    second = hooks.get(
        url, headers=org.admin, params={"limit": 2, "after": first["next_cursor"]}
    ).json()
    assert [d["id"] for d in second["items"]] == [ids[0]]
    assert second["next_cursor"] is None
    for params, count in (
        ({"status": "delivered"}, 3),
        ({"status": "failed"}, 0),
        ({"event_type": "webhook.test"}, 3),
        ({"event_type": "offer.accepted"}, 0),
    ):
        assert len(hooks.get(url, headers=org.admin, params=params).json()["items"]) == count
    assert problem(hooks.get(url, headers=org.admin, params={"status": "lost"}), 422)


def test_retries_follow_the_schedule_then_fail_and_an_admin_redelivers(tmp_path: Path) -> None:
    """Seven attempts (the first and six retries), then `failed`; a redelivery sends it again."""
    with (
        live_server(tmp_path / "server", env=PRIVATE_TARGETS) as server,
        httpx.Client(base_url=server.url, timeout=30) as client,
        receiver(answers=[503] * 7) as hook,
    ):
        org = new_org(client)
        point_at(client, org, hook.url)
        delivery_id = send_test(client, org)
        wait_for_delivery(client, org, delivery_id, attempts=1)
        for attempt, wait in enumerate((5, 300, 1800, 7200, 18000, 36000), start=2):
            server.advance_clock(wait * 0.89)  # before the earliest jittered time
            assert delivery(client, org, delivery_id)["attempts"] == attempt - 1
            server.advance_clock(wait * 0.22)  # past the latest
            org.admin_token = log_in(client, org.admin_email)  # sessions last 12 h
            found = wait_for_delivery(client, org, delivery_id, attempts=attempt)
        assert found["status"] == "failed"
        assert found["next_attempt_at"] is None
        assert [a["http_status"] for a in found["attempt_log"]] == [503] * 7
        server.advance_clock(10 * 86400)
        org.admin_token = log_in(client, org.admin_email)
        assert delivery(client, org, delivery_id)["attempts"] == 7

        again = client.post(
            f"/api/v1/webhooks/deliveries/{delivery_id}/redeliver", headers=org.admin
        )
        assert again.status_code == 202, again.text
        found = wait_for_delivery(client, org, delivery_id, attempts=8)
        assert found["status"] == "delivered"
        requests = hook.wait_for(8)
        assert {r.headers["webhook-id"] for r in requests} == {delivery_id}
        audited = audit_events(client, org, event="webhook.redelivered")
        assert [e["target"] for e in audited] == [delivery_id]


def test_a_pending_retry_survives_a_restart(tmp_path: Path) -> None:
    """The retry is sent by a new server on the same data folder (and its keyset)."""
    data_dir = tmp_path / "server"
    with receiver(answers=[500]) as hook:
        with (
            live_server(data_dir, env=PRIVATE_TARGETS) as first,
            httpx.Client(base_url=first.url, timeout=30) as client,
        ):
            org = new_org(client)
            secret = point_at(client, org, hook.url)
            delivery_id = send_test(client, org)
            assert wait_for_delivery(client, org, delivery_id, attempts=1)["status"] == "pending"
        with (
            live_server(data_dir, env=PRIVATE_TARGETS) as second,
            httpx.Client(base_url=second.url, timeout=30) as client,
        ):
            second.advance_clock(6)  # unless the restart took longer than the retry's wait
            requests = hook.wait_for(2)
            found = wait_for_delivery(client, org, delivery_id, attempts=2)
    assert found["status"] == "delivered"
    assert verified(secret, requests[1]) == found["payload"]


def test_each_attempt_checks_the_address_again(tmp_path: Path) -> None:
    """An endpoint saved while private targets were allowed is not called once they are not:
    the attempt is recorded as refused and nothing reaches the receiver."""
    data_dir = tmp_path / "server"
    with receiver() as hook:
        with (
            live_server(data_dir, env=PRIVATE_TARGETS) as allowing,
            httpx.Client(base_url=allowing.url, timeout=30) as client,
        ):
            org = new_org(client)
            point_at(client, org, hook.url)
        with (
            live_server(data_dir) as strict,
            httpx.Client(base_url=strict.url, timeout=30) as client,
        ):
            delivery_id = send_test(client, org)
            found = wait_for_delivery(client, org, delivery_id, attempts=1)
        assert hook.requests == []
    assert found["status"] == "pending"
    [attempt] = found["attempt_log"]
    assert attempt["http_status"] is None
    assert attempt["error"] == "RefusedTarget"


def test_an_attempt_cut_short_by_a_stop_is_sent_at_once_by_the_next_server(
    tmp_path: Path,
) -> None:
    """A server stopping mid-attempt gives the delivery back, due now, instead of leaving it
    claimed until its lease runs out."""
    data_dir = tmp_path / "server"
    with receiver(hold=True) as hook:
        with (
            live_server(data_dir, env=PRIVATE_TARGETS) as first,
            httpx.Client(base_url=first.url, timeout=30) as client,
        ):
            org = new_org(client)
            secret = point_at(client, org, hook.url)
            delivery_id = send_test(client, org)
            hook.wait_for(1)  # the attempt is under way, its answer held back
        hook.held.set()
        with (
            live_server(data_dir, env=PRIVATE_TARGETS) as second,
            httpx.Client(base_url=second.url, timeout=30) as client,
        ):
            requests = hook.wait_for(2)
            found = wait_for_delivery(client, org, delivery_id, attempts=1)
    assert found["status"] == "delivered"
    assert [a["http_status"] for a in found["attempt_log"]] == [200]
    assert verified(secret, requests[1]) == found["payload"]

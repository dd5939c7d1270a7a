"""Webhook endpoint settings: who may change them, and which URLs are refused (SSRF).

The shared server runs with the default settings: only https to public addresses.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.accounts_helpers import add_user, bearer, new_org, problem
from tests.webhook_helpers import new_secret

ENDPOINT = "/api/v1/webhooks/endpoint"


def _put(client: httpx.Client, headers: dict[str, str], **form: Any) -> httpx.Response:
    return client.put(ENDPOINT, headers=headers, json={"enabled": False, **form})


@pytest.mark.parametrize(
    "url",
    [
        "http://hooks.example.com/videoclerk",  # http
        "ftp://hooks.example.com/videoclerk",
        "https://127.0.0.1/hook",  # loopback
        "https://localhost/hook",  # a name for loopback: resolved, then refused
        "https://[::1]/hook",
        "https://[::ffff:127.0.0.1]/hook",  # loopback inside an IPv6 address
        "https://10.1.2.3/hook",  # private
        "https://192.168.1.1/hook",
        "https://172.16.0.5:8443/hook",
        "https://100.64.0.1/hook",  # carrier-grade NAT
        "https://169.254.169.254/latest/meta-data",  # link-local: cloud metadata
        "https://[fe80::1]/hook",
        "https://0.0.0.0/hook",
        "https://224.0.0.1/hook",  # multicast
        "https://user:password@hooks.example.com/hook",  # credentials in the URL
        "https:///hook",
        "hooks.example.com/hook",
    ],
)
def test_urls_that_could_reach_inside_are_refused(client: httpx.Client, url: str) -> None:
    org = new_org(client)
    body = problem(_put(client, org.admin, url=url), 422)
    assert body["code"] == "invalid_webhook_url", body
    assert client.get(ENDPOINT, headers=org.admin).json()["url"] is None


def test_a_public_https_url_is_accepted_and_a_long_one_refused(client: httpx.Client) -> None:
    org = new_org(client)
    # A public address as a literal: nothing is resolved and, disabled, nothing is sent.
    saved = _put(client, org.admin, url="https://93.184.215.14/hooks?x=1", events=[])
    assert saved.status_code == 200, saved.text
    assert saved.json()["url"] == "https://93.184.215.14/hooks?x=1"
    assert saved.json()["events"] == []
    long_url = "https://93.184.215.14/" + "a" * 1000
    assert problem(_put(client, org.admin, url=long_url), 422)["code"] == "invalid_input"
    unknown = _put(client, org.admin, url="https://93.184.215.14/", events=["call.ended"])
    assert problem(unknown, 422)["code"] == "invalid_input"


def test_enabling_needs_a_url_and_a_secret(client: httpx.Client) -> None:
    org = new_org(client)
    url = "https://93.184.215.14/hooks"
    refused = client.put(ENDPOINT, headers=org.admin, json={"url": url, "enabled": True})
    assert problem(refused, 409)["code"] == "webhook_not_ready"
    new_secret(client, org)
    no_url = client.put(ENDPOINT, headers=org.admin, json={"url": None, "enabled": True})
    assert problem(no_url, 409)["code"] == "webhook_not_ready"
    # Enabled but never sent: the test only checks the settings are kept.
    enabled = client.put(ENDPOINT, headers=org.admin, json={"url": url, "enabled": False})
    assert enabled.status_code == 200
    shown = client.get(ENDPOINT, headers=org.admin).json()
    assert shown["secret_set"] is True
    assert shown["events"] == ["offer.accepted"]
    assert "secret" not in shown


def test_no_api_key_and_no_other_role_configures_webhooks(client: httpx.Client) -> None:
    org = new_org(client)
    _, supervisor = add_user(client, org, "supervisor")
    calls = [
        ("GET", ENDPOINT, None),
        ("PUT", ENDPOINT, {"url": None, "enabled": False}),
        ("POST", f"{ENDPOINT}/secret", None),
        ("GET", "/api/v1/webhooks/deliveries", None),
        ("GET", "/api/v1/webhooks/deliveries/msg_x", None),
        ("POST", "/api/v1/webhooks/deliveries/msg_x/redeliver", None),
        ("POST", "/api/v1/webhooks/test", None),
    ]
    for method, path, body in calls:
        for key in (org.live_key, org.test_key):
            answer = client.request(method, path, headers=bearer(key), json=body)
            assert problem(answer, 403)["code"] == "user_session_required", (method, path)
        answer = client.request(method, path, headers=bearer(supervisor), json=body)
        assert problem(answer, 403)["code"] == "forbidden", (method, path)
        assert problem(client.request(method, path, json=body), 401)
    assert client.get(ENDPOINT, headers=org.admin).json()["secret_set"] is False

"""Privacy-policy versions with effective dates (P15), against the real server and the
operator's command, with the server's clock moved past each effective date."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from tests.accounts_helpers import (
    POLICY_VERSION,
    STRONG_PASSWORD,
    add_user,
    new_email,
    new_org,
    problem,
    signup_form,
)
from tests.live_server import LiveServer, live_server
from tests.privacy_helpers import add_policy_version, body_text, run_cli, smtp_sink

LOGIN = "/api/v1/auth/login"


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[LiveServer]:
    """Versions are the server's own: each test adds them to a server of its own."""
    with live_server(tmp_path / "server") as running:
        yield running


def _log_in(client: httpx.Client, email: str, accepted: str | None = None) -> httpx.Response:
    body = {"email": email, "password": STRONG_PASSWORD}
    if accepted is not None:
        body["accepted_policy_version"] = accepted
    return client.post(LOGIN, json=body)


def _new_user(client: httpx.Client, admin: dict[str, str]) -> str:
    """A user an admin created, who never logged in."""
    email = new_email("clerk")
    made = client.post(
        "/api/v1/users",
        headers=admin,
        json={"name": "New Clerk", "email": email, "role": "clerk", "password": STRONG_PASSWORD},
    )
    assert made.status_code == 201, made.text
    return email


def test_a_material_change_is_accepted_anew_once_it_takes_effect(
    own_server: LiveServer, tmp_path: Path
) -> None:
    """P15: a material version announced for a later date changes nothing before it; after
    it, everyone who accepted an earlier version is told the policy changed and accepts it
    at log-in; a user who never logged in accepts it as a new user, without being told of a
    change; sign-up asks for it. The app's link shows the text."""
    server = own_server
    with httpx.Client(base_url=server.url, timeout=30) as client:
        org = new_org(client)
        newcomer = _new_user(client, org.admin)
        add_policy_version(server, tmp_path, "2031-01", timedelta(days=10), "--material")
        state = client.get("/api/v1/privacy/policy").json()
        assert state["current"]["version"] == POLICY_VERSION
        assert [v["version"] for v in state["upcoming"]] == ["2031-01"]
        assert state["upcoming"][0]["material"] is True

        # Before the effective time: nothing to accept.
        server.advance_clock(10 * 86400 - 60)
        assert _log_in(client, org.admin_email).status_code == 200

        server.advance_clock(61)
        changed = problem(_log_in(client, org.admin_email), 403)
        assert changed["code"] == "policy_not_accepted"
        assert changed["policy_version"] == "2031-01"
        assert changed["policy_changed"] is True
        assert "has changed" in changed["detail"]
        page = client.get(changed["policy_url"].removeprefix(server.url))
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        assert "Privacy policy 2031-01." in page.text

        first = problem(_log_in(client, newcomer), 403)
        assert (first["code"], first["policy_version"]) == ("policy_not_accepted", "2031-01")
        assert first["policy_changed"] is False
        assert "changed" not in first["detail"]

        assert problem(_log_in(client, org.admin_email, POLICY_VERSION), 403)["code"] == (
            "policy_not_accepted"
        )
        assert _log_in(client, org.admin_email, "2031-01").status_code == 200
        assert _log_in(client, org.admin_email).status_code == 200  # accepted once, for good
        assert _log_in(client, newcomer, "2031-01").status_code == 200

        old = client.post("/api/v1/signup", json=signup_form())
        assert problem(old, 422)["policy_version"] == "2031-01"
        fresh = client.post("/api/v1/signup", json=signup_form(accepted_policy_version="2031-01"))
        assert fresh.status_code == 201, fresh.text
        assert client.get("/api/v1/privacy/policy").json()["current"]["version"] == "2031-01"


def test_a_version_that_is_not_material_asks_no_one_again(
    own_server: LiveServer, tmp_path: Path
) -> None:
    """P15: a version that is not a material change is in force for new users and sign-ups,
    but stops no one who accepted an earlier version."""
    server = own_server
    with httpx.Client(base_url=server.url, timeout=30) as client:
        org = new_org(client)
        newcomer = _new_user(client, org.admin)
        add_policy_version(server, tmp_path, "2031-02-typo", timedelta(days=1))
        server.advance_clock(86400 + 1)
        assert _log_in(client, org.admin_email).status_code == 200
        first = problem(_log_in(client, newcomer), 403)
        assert (first["policy_version"], first["policy_changed"]) == ("2031-02-typo", False)
        assert _log_in(client, newcomer, "2031-02-typo").status_code == 200
        fresh = client.post(
            "/api/v1/signup", json=signup_form(accepted_policy_version="2031-02-typo")
        )
        assert fresh.status_code == 201, fresh.text


def test_history_is_only_appended_to(own_server: LiveServer, tmp_path: Path) -> None:
    """P15: the operator cannot add a version that takes effect before the newest one, nor
    one whose name exists; the refusal says why and nothing changes."""
    server = own_server
    text = tmp_path / "history.txt"
    text.write_text("History.\n", encoding="utf-8")
    earlier = run_cli(
        server,
        "policy",
        "add",
        "2019",
        "--effective",
        "2019-01-01",
        "--text-file",
        text,
        check=False,
    )
    assert earlier.returncode == 2
    assert "after version 2020-05-01" in earlier.stderr
    again = run_cli(
        server,
        "policy",
        "add",
        POLICY_VERSION,
        "--effective",
        "2040-01-01",
        "--text-file",
        text,
        check=False,
    )
    assert again.returncode == 2
    assert "exists already" in again.stderr
    listing = run_cli(server, "policy", "list")
    assert listing.stdout.count("\n") == 1
    assert listing.stdout.startswith(f"{POLICY_VERSION}\t")
    missing = httpx.get(f"{server.url}/privacy/policy/2019", headers={"accept-language": "nl"})
    assert missing.status_code == 404
    assert "bestaat niet" in missing.text


def test_an_announced_change_is_mailed_to_those_who_accepted_a_version(tmp_path: Path) -> None:
    """P15, P13: `policy add --announce` sends a service notice (always sent, whatever the
    marketing choice) with the date and the link to every user who accepted a version; a
    user who never logged in is not told that the policy "changed"."""
    with (
        smtp_sink() as (sink, env),
        live_server(tmp_path / "server", env=env) as server,
        httpx.Client(base_url=server.url, timeout=30) as client,
    ):
        org = new_org(client)
        _, _ = add_user(client, org, "clerk", email=(clerk := new_email("clerk")))
        newcomer = _new_user(client, org.admin)
        summary = ("--summary", "Recordings are kept shorter.")
        announce = ("--material", *summary, "--announce")
        done = add_policy_version(server, tmp_path, "2031-03", timedelta(days=30), *announce)
        assert "Queued a service notice to 2 user(s)." in done.stdout
        server.advance_clock(60)  # the sender looks for mail other processes queued
        notices = sink.wait_for(lambda m: m["Subject"] == "Our privacy policy changes", count=2)
        assert {str(m["To"]) for m in notices} == {org.admin_email, clerk}
        text = body_text(notices[0])
        assert "Recordings are kept shorter." in text
        assert f"{server.url}/privacy/policy/2031-03" in text
        assert "service notice" in text
        assert notices[0]["List-Unsubscribe"] is None
        assert sink.to(newcomer) == []

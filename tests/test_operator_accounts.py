"""An operator switches public sign-up off and creates organisations from the command line;
invitation mails say what a new user needs, with lifetimes in days (read from the outbox)."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from server.mail.rules import lifetime_text
from tests.accounts_helpers import (
    OTHER_STRONG_PASSWORD,
    bearer,
    choose_password,
    mailed_code,
    mails_to,
    new_email,
    new_org,
    problem,
    signup_form,
    user_log_in,
    wait_for_mails,
)
from tests.live_server import LiveServer, free_port, live_server
from tests.operator_helpers import create_organisation, organisation_flags

APP_URL = "https://downloads.example.com/videoclerk/"
CLOSED = {"VIDEOCLERK_PUBLIC_SIGNUP": "false", "VIDEOCLERK_APP_DOWNLOAD_URL": APP_URL}


@pytest.fixture(scope="module")
def closed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server whose operator switched public sign-up off and named where the app is."""
    with live_server(tmp_path_factory.mktemp("closed"), env=CLOSED) as running:
        yield running


def _org_create(server: LiveServer, *flags: str) -> subprocess.CompletedProcess[str]:
    """`org create` with the server's settings, as docs/operators.md says to run it."""
    return create_organisation(
        server.data_dir,
        *flags,
        env={**CLOSED, "VIDEOCLERK_PUBLIC_URL": server.url, **server.database_env},
    )


def _text(data_dir: Path, address: str) -> str:
    part = wait_for_mails(data_dir, address)[-1].get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def test_sign_up_closed_is_refused_with_a_stable_code(
    closed: LiveServer, client: httpx.Client
) -> None:
    assert client.get("/api/v1/signup").json() == {"open": True}  # the default
    with httpx.Client(base_url=closed.url, timeout=30) as http:
        assert http.get("/api/v1/signup").json() == {"open": False}
        form = signup_form()
        body = problem(http.post("/api/v1/signup", json=form), 403)
        assert body["code"] == "signup_closed"
        assert "operator" in body["detail"]
        # Nothing was made: the address logs in nowhere.
        login = {"email": form["email"], "password": form["password"]}
        assert problem(http.post("/api/v1/auth/login", json=login), 401)["code"] == (
            "invalid_credentials"
        )


def test_org_create_invites_the_first_admin_who_then_runs_it(closed: LiveServer) -> None:
    email = new_email("operator-made")
    made = _org_create(closed, *organisation_flags("Tulip Bikes B.V.", email))
    assert made.returncode == 0, made.stderr
    assert email in made.stdout
    text = _text(closed.data_dir, email)
    assert "organisation Tulip Bikes B.V., with you as its administrator" in text
    assert APP_URL in text
    assert "within 3 days" in text and "minutes" not in text
    code = mailed_code(closed.data_dir, email)
    assert code not in made.stdout + made.stderr
    with httpx.Client(base_url=closed.url, timeout=30) as http:
        choose_password(http, code, OTHER_STRONG_PASSWORD)
        # P15: the admin accepts the privacy policy at first log-in, like every invited user.
        plain = {"email": email, "password": OTHER_STRONG_PASSWORD}
        assert problem(http.post("/api/v1/auth/login", json=plain), 403)["code"] == (
            "policy_not_accepted"
        )
        token = user_log_in(http, email, OTHER_STRONG_PASSWORD)
        me = http.get("/api/v1/me", headers=bearer(token)).json()
        assert me["role"] == "admin"
        organisation = http.get("/api/v1/organisation", headers=bearer(token)).json()
        assert organisation["name"] == "Tulip Bikes B.V."
        assert organisation["billing_address"]["city"] == "Amsterdam"
        assert organisation["country"] == "NL"
        # P8: a live and a test key, as sign-up makes; their secrets were shown to nobody.
        listed = http.get("/api/v1/api-keys", headers=bearer(token)).json()["items"]
        assert sorted(k["environment"] for k in listed) == ["live", "test"]
        # The admin runs the organisation: a supervisor of their own, with an invitation that
        # says where the app is (`app_download_url`), the server, and the code's lifetime.
        invited = new_email("supervisor")
        http.post(
            "/api/v1/users",
            headers=bearer(token),
            json={"name": "Sam Super", "email": invited, "role": "supervisor"},
        ).raise_for_status()
        invitation = _text(closed.data_dir, invited)
        assert "Hello Sam Super," in invitation
        assert "An administrator of Tulip Bikes B.V. created a videoclerk account" in invitation
        assert f"Install the videoclerk app from {APP_URL}" in invitation
        assert f"enter the server address {closed.url}" in invitation
        assert "I have a code already" in invitation
        assert f"Your e-mail address, {invited}, is your log-in name" in invitation
        assert "for you, as a supervisor." in invitation
        assert "within 3 days" in invitation
        assert "4320" not in invitation and "minutes" not in invitation
        trail = http.get(
            "/api/v1/audit", headers=bearer(token), params={"event": "organisation.created"}
        ).json()["items"]
        assert [(e["actor_user_id"], e["details"]) for e in trail] == [
            (None, {"by": "operator", "admin": me["id"]})
        ]


def test_org_create_prints_the_code_when_asked_and_mails_nothing(closed: LiveServer) -> None:
    email = new_email("handed-over")
    made = _org_create(closed, *organisation_flags("Handed B.V.", email), "--print-code")
    assert made.returncode == 0, made.stderr
    [code] = re.findall(r"^ {4}(\S+)$", made.stdout, re.MULTILINE)
    with httpx.Client(base_url=closed.url, timeout=30) as http:
        choose_password(http, code, OTHER_STRONG_PASSWORD)
        assert user_log_in(http, email, OTHER_STRONG_PASSWORD)
    assert mails_to(closed.data_dir, email) == []


def test_org_create_refusals_say_what_is_wrong(closed: LiveServer, tmp_path: Path) -> None:
    email = new_email("refused")
    bad_country = _org_create(closed, *organisation_flags("X B.V.", email, country="Netherlands"))
    assert bad_country.returncode == 2
    assert "country" in bad_country.stderr and "Traceback" not in bad_country.stderr
    bad_address = _org_create(closed, *organisation_flags("X B.V.", "nobody"))
    assert bad_address.returncode == 2
    assert "admin_email" in bad_address.stderr
    young = _org_create(closed, *organisation_flags("X B.V.", email, admin_age="15"))
    assert young.returncode == 2
    assert "at least 16 years old" in young.stderr  # P14, as sign-up checks it
    missing = _org_create(closed, "--name", "X B.V.")
    assert missing.returncode == 2
    assert "--vat-number" in missing.stderr
    assert _org_create(closed, *organisation_flags("X B.V.", email)).returncode == 0
    taken = _org_create(closed, *organisation_flags("Y B.V.", email.upper()))
    assert taken.returncode == 2
    assert "exists already" in taken.stderr

    # Mail that cannot go: said, with the way out; the organisation stands.
    unreachable = free_port()
    undelivered = create_organisation(
        tmp_path / "data",
        *organisation_flags("Z B.V.", new_email("z")),
        "--config",
        str(_settings(tmp_path, f'smtp_host = "127.0.0.1"\nsmtp_port = {unreachable}\n')),
    )
    assert undelivered.returncode == 1
    assert "could not be sent" in undelivered.stderr
    assert "Forgot password" in undelivered.stderr
    assert "Created organisation" in undelivered.stdout


def _settings(folder: Path, text: str) -> Path:
    path = folder / "settings.toml"
    path.write_text(text)
    return path


def test_without_a_download_address_the_mail_says_whom_to_ask(
    server: LiveServer, client: httpx.Client
) -> None:
    org = new_org(client)
    invited = new_email("clerk")
    client.post(
        "/api/v1/users", headers=org.admin, json={"name": "Ivo", "email": invited, "role": "clerk"}
    ).raise_for_status()
    text = _text(server.data_dir, invited)
    assert "Ask your administrator where to get the videoclerk app" in text
    # A reset code lasts 30 minutes, and says so.
    client.post("/api/v1/auth/password-reset", json={"email": org.admin_email}).raise_for_status()
    reset = _text(server.data_dir, org.admin_email)
    assert "within 30 minutes" in reset


@pytest.mark.parametrize(
    ("seconds", "locale", "said"),
    [
        (72 * 3600, "en", "3 days"),
        (24 * 3600, "en", "1 day"),
        (36 * 3600, "en", "36 hours"),  # never rounded up to "2 days"
        (30 * 60, "en", "30 minutes"),
        (90, "en", "90 seconds"),
        (72 * 3600, "nl", "3 dagen"),
        (3600, "nl", "1 uur"),
    ],
)
def test_lifetimes_are_said_in_the_largest_exact_unit(seconds: int, locale: str, said: str) -> None:
    assert lifetime_text(seconds, locale) == said

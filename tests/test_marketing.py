"""Marketing e-mail is opt-in and one click ends it; service notices always go out (P13).

The server sends to a real SMTP server (aiosmtpd); the operator queues mailings with
`videoclerk-server mail send` beside the running server, as in production.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

import httpx
import pytest

from tests.accounts_helpers import Org, add_user, audit_events, bearer, new_email, new_org
from tests.live_server import LiveServer, live_server
from tests.privacy_helpers import SmtpSink, body_text, restrict, run_cli, smtp_sink

PREFERENCES = "/api/v1/me/preferences"
POLL = 3600  # the sender looks for mail queued by the operator's command this often


@dataclass
class Rig:
    server: LiveServer
    client: httpx.Client
    sink: SmtpSink
    tmp_path: Path

    def mailing(self, kind: str, subject: str, *, dry_run: bool = False) -> str:
        """Queue a mailing with the operator's command and let the server's sender find it."""
        body = self.tmp_path / f"{subject}.txt"
        body.write_text(f"The text of {subject}.\n", encoding="utf-8")
        args = ["mail", "send", "--kind", kind, "--subject", subject, "--body-file", str(body)]
        done = run_cli(self.server, *args, *(["--dry-run"] if dry_run else []))
        self.server.advance_clock(POLL)
        return done.stdout

    def subject(self, subject: str) -> list[EmailMessage]:
        return [m for m in self.sink.messages if m["Subject"] == subject]


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[Rig]:
    with (
        smtp_sink() as (sink, env),
        live_server(
            tmp_path / "server", env={**env, "VIDEOCLERK_MAIL_POLL_SECONDS": str(POLL)}
        ) as server,
        httpx.Client(base_url=server.url, timeout=30) as client,
    ):
        yield Rig(server, client, sink, tmp_path)


def _opt(client: httpx.Client, token: str, on: bool) -> dict[str, object]:
    answer = client.patch(PREFERENCES, headers=bearer(token), json={"marketing_mail": on})
    assert answer.status_code == 200, answer.text
    body: dict[str, object] = answer.json()
    return body


def _opted_in_user(rig: Rig, org: Org) -> tuple[str, str]:
    """(e-mail, session) of a new user of `org` who switched marketing on."""
    email = new_email("fan")
    _, token = add_user(rig.client, org, "clerk", email=email)
    assert _opt(rig.client, token, True)["marketing_mail"] is True
    return email, token


def test_marketing_is_opt_in_and_one_click_in_the_mail_ends_it(rig: Rig) -> None:
    """P13: marketing is off by default and goes only to users who opted in; every marketing
    mail carries RFC 8058 one-click headers and a link; the link's page only asks, its POST
    ends marketing mail; service notices reach everyone all the same."""
    client = rig.client
    org = new_org(client)
    default = client.get(PREFERENCES, headers=org.admin).json()
    assert default == {"marketing_mail": False, "changed_at": None}
    fan, fan_token = _opted_in_user(rig, org)

    assert "Queued 1 marketing mail(s)" in rig.mailing("marketing", "Spring news")
    [mail] = rig.sink.wait_for(lambda m: m["Subject"] == "Spring news")
    assert str(mail["To"]) == fan
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = str(mail["List-Unsubscribe"]).strip("<>")
    assert link.startswith(f"{rig.server.url}/mail/unsubscribe/")
    assert link in body_text(mail)
    assert "The text of Spring news." in body_text(mail)

    # Following the link (a person, or a mail scanner) only asks.
    page = client.get(link.removeprefix(rig.server.url))
    assert page.status_code == 200
    assert '<form method="post">' in page.text
    assert client.get(PREFERENCES, headers=bearer(fan_token)).json()["marketing_mail"] is True
    # The one click, as a mail program sends it (no session, RFC 8058's body).
    click = client.post(
        link.removeprefix(rig.server.url),
        content=b"List-Unsubscribe=One-Click",
        headers={"content-type": "application/x-www-form-urlencoded", "accept-language": "nl"},
    )
    assert click.status_code == 200
    assert "Afgemeld" in click.text
    assert client.get(PREFERENCES, headers=bearer(fan_token)).json()["marketing_mail"] is False
    opted_out = audit_events(client, org, event="marketing.opted_out")
    assert [e["details"] for e in opted_out] == [{"via": "link"}]

    assert "Queued 0 marketing mail(s)" in rig.mailing("marketing", "Summer news")
    assert "Queued 2 service mail(s)" in rig.mailing("service", "Maintenance on Sunday")
    notices = rig.sink.wait_for(lambda m: m["Subject"] == "Maintenance on Sunday", count=2)
    assert {str(m["To"]) for m in notices} == {org.admin_email, fan}
    assert all(m["List-Unsubscribe"] is None for m in notices)
    assert all("service notice" in body_text(m) for m in notices)
    assert rig.subject("Summer news") == []  # queued before the notices: it would be here


def test_an_opt_out_stops_marketing_already_queued(rig: Rig) -> None:
    """P13: the choice is checked again when each mail is sent, so switching marketing off in
    the app stops a mailing queued before."""
    client = rig.client
    org = new_org(client)
    _, fan_token = _opted_in_user(rig, org)
    body = rig.tmp_path / "autumn.txt"
    body.write_text("Autumn offers.\n", encoding="utf-8")
    args = ["mail", "send", "--kind", "marketing", "--subject", "Autumn", "--body-file", str(body)]
    assert "Queued 1 marketing mail(s)" in run_cli(rig.server, *args).stdout
    assert _opt(client, fan_token, False)["marketing_mail"] is False
    assert [e["details"] for e in audit_events(client, org, event="marketing.opted_out")] == [
        {"via": "app"}
    ]
    rig.mailing("service", "Security update")
    rig.sink.wait_for(lambda m: m["Subject"] == "Security update", count=2)
    assert rig.subject("Autumn") == []  # queued before the notice, dropped when sent


def test_restricted_marketing_is_not_sent_but_service_notices_are(rig: Rig) -> None:
    """P13, P11: a user or an organisation that restricted marketing gets none, though opted
    in; service notices still go out."""
    client = rig.client
    org, other = new_org(client), new_org(client)
    fan, _ = _opted_in_user(rig, org)
    restricted_fan, _ = _opted_in_user(rig, org)
    far_fan, _ = _opted_in_user(rig, other)
    restrict(rig.server, org.id, "marketing", user_id=None)
    # Only the other organisation's fan is left.
    assert "Would queue 1 marketing mail(s)" in rig.mailing("marketing", "Dry", dry_run=True)
    restrict_user_only = new_org(client)
    near_fan, _ = _opted_in_user(rig, restrict_user_only)
    blocked, _ = _opted_in_user(rig, restrict_user_only)
    blocked_id = next(
        u["id"]
        for u in client.get("/api/v1/users", headers=restrict_user_only.admin).json()["items"]
        if u["email"] == blocked
    )
    restrict(rig.server, restrict_user_only.id, "marketing", user_id=blocked_id)
    assert "Queued 2 marketing mail(s)" in rig.mailing("marketing", "Winter news")
    winter = rig.sink.wait_for(lambda m: m["Subject"] == "Winter news", count=2)
    assert {str(m["To"]) for m in winter} == {far_fan, near_fan}
    rig.mailing("service", "Planned maintenance")
    rig.sink.wait_for(
        lambda m: m["Subject"] == "Planned maintenance" and str(m["To"]) == restricted_fan
    )
    assert {fan, restricted_fan, blocked} & {
        str(m["To"]) for m in rig.subject("Winter news")
    } == set()


def test_a_forged_or_altered_unsubscribe_link_does_nothing(rig: Rig) -> None:
    """P13: the link's token is signed for one user: another user's id with it, an altered
    tag or a made-up token is refused, and no one's choice changes."""
    client = rig.client
    org = new_org(client)
    fan, fan_token = _opted_in_user(rig, org)
    _, other_token = _opted_in_user(rig, org)
    other_id = client.get("/api/v1/me", headers=bearer(other_token)).json()["id"]
    rig.mailing("marketing", "Links")
    [mail] = rig.sink.wait_for(lambda m: m["Subject"] == "Links" and str(m["To"]) == fan)
    path = str(mail["List-Unsubscribe"]).strip("<>").removeprefix(rig.server.url)
    user_id, tag = path.rsplit("/", 1)[1].split(".")
    altered = "A" if tag[-1] != "A" else "B"
    for forged in (
        f"/mail/unsubscribe/{other_id}.{tag}",
        f"/mail/unsubscribe/{user_id}.{tag[:-1]}{altered}",
        "/mail/unsubscribe/usr_made.up",
        "/mail/unsubscribe/nonsense",
    ):
        assert client.get(forged).status_code == 404
        answer = client.post(forged, content=b"List-Unsubscribe=One-Click")
        assert answer.status_code == 404
        assert "not valid" in answer.text
    for token in (fan_token, other_token):
        assert client.get(PREFERENCES, headers=bearer(token)).json()["marketing_mail"] is True

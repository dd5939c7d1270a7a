"""The visitor's rating of a call, over the real server: only the tab that had the call, once,
within the hour; no contact details in the comment (P1); the supervisors' daily average per
organisation; comments go after their retention period (P5)."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.accounts_helpers import bearer
from tests.live_server import LiveServer, live_server
from tests.queue_helpers import call_centre
from tests.rating_helpers import EndedCall, ended_call
from tests.retention_helpers import DAY, command

RATINGS_PER_MINUTE = 30


@pytest.fixture(scope="module")
def rating_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server of this module's own: the tests move its clock. Its retention job never comes
    due by itself, so that the command does the work."""
    env = {
        "VIDEOCLERK_VISITOR_RATINGS_PER_MINUTE": str(RATINGS_PER_MINUTE),
        "VIDEOCLERK_RETENTION_INTERVAL_SECONDS": str(10 * 366 * DAY),
    }
    with live_server(tmp_path_factory.mktemp("ratings"), env=env) as running:
        yield running


@pytest.fixture
def http(rating_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=rating_server.url, timeout=30) as client:
        yield client


def rate(
    client: httpx.Client, widget_key: str, call: EndedCall, score: int = 5, **extra: Any
) -> httpx.Response:
    body = {"call_id": call.call_id, "session_id": call.session_id, "score": score, **extra}
    return client.post(f"/w/{widget_key}/rating", json=body)


def daily(client: httpx.Client, token: str) -> list[dict[str, Any]]:
    response = client.get("/api/v1/ratings/daily", params={"days": 3}, headers=bearer(token))
    response.raise_for_status()
    days: list[dict[str, Any]] = response.json()["days"]
    return days


def stored_ratings(server: LiveServer, organisation_id: str) -> list[dict[str, Any]]:
    with server.database() as db:
        cursor = db.execute(
            "SELECT * FROM call_ratings WHERE organisation_id = ? ORDER BY score",
            [organisation_id],
        )
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


async def test_the_tab_that_had_the_call_rates_it_once_and_supervisors_see_the_average(
    rating_server: LiveServer, http: httpx.Client
) -> None:
    """P1: the rating keeps the call, its queue, the score, the comment and the day, and
    nothing about the visitor (no address, no session)."""
    centre = call_centre(http)
    first = await ended_call(rating_server, centre)
    second = await ended_call(rating_server, centre)

    accepted = rate(http, centre.widget_key, first, 4, comment="  Friendly and quick.  ")
    assert accepted.status_code == 201, accepted.text
    assert accepted.json() == {"reference": first.reference, "score": 4}
    again = rate(http, centre.widget_key, first, 1)
    assert again.status_code == 409
    assert again.json()["code"] == "already_rated"
    assert rate(http, centre.widget_key, second, 5).status_code == 201

    today = rating_server.now().date().isoformat()
    days = daily(http, centre.supervisor_token)
    assert [d["day"] for d in days][-1] == today and len(days) == 3
    assert days[-1] == {"day": today, "ratings": 2, "average": 4.5}
    assert [d["ratings"] for d in days[:-1]] == [0, 0]

    stored = stored_ratings(rating_server, centre.org.id)
    assert set(stored[0]) == {
        "call_id",
        "organisation_id",
        "queue_id",
        "score",
        "comment",
        "day",
        "rated_at",
    }
    assert [(r["call_id"], r["score"], r["comment"]) for r in stored] == [
        (first.call_id, 4, "Friendly and quick."),
        (second.call_id, 5, None),
    ]
    assert stored[0]["queue_id"] == centre.queue_ids[0] and stored[0]["day"] == today
    clerk = http.get("/api/v1/ratings/daily", headers=bearer(centre.clerk_tokens[0]))
    assert clerk.status_code == 403


async def test_a_comment_with_an_e_mail_address_or_phone_number_is_refused(
    rating_server: LiveServer, http: httpx.Client
) -> None:
    """P1: visitors' contact details are never stored, not even typed into a comment."""
    centre = call_centre(http)
    call = await ended_call(rating_server, centre)
    for comment in ("Mail me at jan@example.nl", "Bel 06-12 34 56 78 terug", "+31 20 123 4567"):
        refused = rate(http, centre.widget_key, call, 2, comment=comment)
        assert refused.status_code == 422, comment
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert refused.json()["code"] == "comment_has_contact_details"
    assert stored_ratings(rating_server, centre.org.id) == []
    assert rate(http, centre.widget_key, call, 2, comment="Room 12 was cold").status_code == 201


async def test_only_the_organisation_s_widget_and_the_tab_that_had_the_call_may_rate_it(
    rating_server: LiveServer, http: httpx.Client
) -> None:
    """Tenant isolation: another organisation's widget key does not reach the call, another
    tab's session is refused, an unknown call is unknown; another organisation's supervisors
    see none of it."""
    centre = call_centre(http)
    other = call_centre(http)
    call = await ended_call(rating_server, centre)
    attempts = (
        (other.widget_key, call),
        (centre.widget_key, EndedCall(call.call_id, call.reference, secrets.token_urlsafe(16))),
        (centre.widget_key, EndedCall("call_unknown", "X", call.session_id)),
    )
    for widget_key, attempt in attempts:
        refused = rate(http, widget_key, attempt)
        assert refused.status_code == 404, refused.text
        assert refused.json()["code"] == "call_not_found"
    assert rate(http, other.widget_key + "x", call).json()["code"] == "not_found"
    assert rate(http, centre.widget_key, call, 3).status_code == 201
    assert [d["ratings"] for d in daily(http, other.supervisor_token)] == [0, 0, 0]


async def test_a_call_can_be_rated_for_an_hour_after_it_ended(
    rating_server: LiveServer, http: httpx.Client
) -> None:
    centre = call_centre(http)
    in_time, too_late = [await ended_call(rating_server, centre) for _ in range(2)]
    rating_server.advance_clock(3590)
    assert rate(http, centre.widget_key, in_time).status_code == 201
    rating_server.advance_clock(20)
    closed = rate(http, centre.widget_key, too_late)
    assert closed.status_code == 409
    assert closed.json()["code"] == "rating_closed"


async def test_body_comment_and_rate_limits(rating_server: LiveServer, http: httpx.Client) -> None:
    centre = call_centre(http)
    call = await ended_call(rating_server, centre)
    long = rate(http, centre.widget_key, call, comment="a" * 501)
    assert (long.status_code, long.json()["code"]) == (422, "invalid_input")
    for bad in ({"score": 0}, {"score": 6}, {"ip": "127.0.0.1"}):
        refused = rate(http, centre.widget_key, call, **bad)  # type: ignore[arg-type]
        assert (refused.status_code, refused.json()["code"]) == (422, "invalid_input"), bad
    huge = http.post(
        f"/w/{centre.widget_key}/rating",
        content=b'{"comment": "' + b"a" * 5000 + b'"}',
        headers={"content-type": "application/json"},
    )
    assert (huge.status_code, huge.json()["code"]) == (413, "payload_too_large")
    rating_server.advance_clock(61)  # a fresh rate window
    answers = [rate(http, centre.widget_key, call, 0) for _ in range(RATINGS_PER_MINUTE + 1)]
    assert [a.status_code for a in answers][-2:] == [422, 429]
    assert answers[-1].json()["code"] == "rate_limited"
    rating_server.advance_clock(61)


async def test_comments_go_after_their_retention_period_and_scores_stay(
    rating_server: LiveServer, http: httpx.Client
) -> None:
    """P5: a comment is kept only while needed (90 days); the score stays for the averages.
    The tab's session hash is forgotten once the call can no longer be rated (P1)."""
    centre = call_centre(http)
    call = await ended_call(rating_server, centre)
    assert rate(http, centre.widget_key, call, 3, comment="Too long a wait").status_code == 201
    rating_server.advance_clock(89 * DAY)
    early = command(rating_server, "retention", "run")
    assert early.returncode == 0, early.stderr
    assert stored_ratings(rating_server, centre.org.id)[0]["comment"] == "Too long a wait"
    rating_server.advance_clock(2 * DAY)
    done = command(rating_server, "retention", "run")
    assert f"Deleted: rating_comment_expired of {centre.org.id}: 1 row(s)" in done.stdout
    assert re.search(r"^Deleted [1-9]\d* rating comment\(s\) past retention\.$", done.stdout, re.M)
    stored = stored_ratings(rating_server, centre.org.id)
    assert [(r["score"], r["comment"]) for r in stored] == [(3, None)]
    with rating_server.database() as db:
        hashes = db.execute(
            "SELECT count(*) FROM calls WHERE rating_session_hash IS NOT NULL "
            "AND organisation_id = ?",
            [centre.org.id],
        ).fetchone()[0]
    assert hashes == 0


async def test_erasing_a_call_removes_its_rating_comment_at_once(
    rating_server: LiveServer, http: httpx.Client
) -> None:
    """P4, P5: the organisation erases a call by the reference the visitor quotes; the visitor's
    words go with it, the score stays in the averages."""
    centre = call_centre(http)
    call = await ended_call(rating_server, centre)
    assert rate(http, centre.widget_key, call, 2, comment="Waited too long").status_code == 201
    erased = http.post(
        f"/api/v1/calls/by-reference/{call.reference}/erasure", headers=centre.org.admin
    )
    assert erased.status_code == 201, erased.text
    assert [(r["score"], r["comment"]) for r in stored_ratings(rating_server, centre.org.id)] == [
        (2, None)
    ]

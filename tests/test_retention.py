"""Retention after an account closes (P10, P12), legal holds (P10, P5) and the purge of a
minor's account (P14), on the real server with its clock moved to just before and just after
each deadline: through the scheduled job and through `videoclerk-server retention run`.

Every kind of data carries a marker string of its own; the raw database file, its WAL and the
recordings folder are searched for them after each step (erasure leaves no bytes behind).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest

from server.callers import TTL_SECONDS
from server.config import Settings
from server.database import open_configured
from server.recordings import segments
from server.recordings.keys import KeyRing
from server.recordings.uploads import Uploads
from server.retention import service as retention
from server.retention import store as retention_store
from server.retention.rules import Step, add_years
from server.retention.store import ERASED_BY
from tests.accounts_helpers import STRONG_PASSWORD, bearer, new_org, problem
from tests.live_server import LiveServer, live_server
from tests.retention_helpers import (
    DAY,
    HOUR,
    close,
    command,
    count,
    database,
    found_markers,
    furnished,
    marker,
)

ERASURE_DAYS = 30  # the default of closed_account_erasure_days


@pytest.fixture
def timeline(tmp_path: Path) -> Iterator[LiveServer]:
    """A server of the test's own: its clock moves by years."""
    with live_server(tmp_path / "server") as running:
        yield running


@pytest.fixture
def quiet(tmp_path: Path) -> Iterator[LiveServer]:
    """A server whose scheduled job never comes due, so the command does the work."""
    env = {"VIDEOCLERK_RETENTION_INTERVAL_SECONDS": str(200 * 366 * DAY)}
    with live_server(tmp_path / "server", env=env) as running:
        yield running


def advance_to(server: LiveServer, moment: datetime) -> None:
    """Move the server's clock to `moment` (in leaps of at most 5 years, as the test route
    takes them); the scheduled job runs at the end of each leap."""
    seconds = (moment - server.now()).total_seconds()
    while seconds > 0:
        leap = min(seconds, 5 * 365 * DAY)
        server.advance_clock(leap)
        seconds -= leap


def closed_at(server: LiveServer, organisation_id: str) -> datetime:
    with database(server) as db:
        (text,) = db.execute(
            "SELECT closed_at FROM organisations WHERE id = ?", [organisation_id]
        ).fetchone()
    return datetime.fromisoformat(text)


def recording_files(server: LiveServer) -> list[Path]:
    return [path for path in (server.data_dir / "recordings").rglob("*") if path.is_file()]


def wal_size(server: LiveServer) -> int:
    wal = server.database_path.with_name("videoclerk.db-wal")
    return wal.stat().st_size if wal.exists() else 0


async def test_a_closed_account_is_erased_rule_by_rule_by_the_scheduled_job(
    timeline: LiveServer,
) -> None:
    """P10, P12, P5: after closure, account data stay until the erasure day and are gone just
    after it (well within 60 days), leaving none of their bytes in the database, its WAL or the
    recordings folder; support messages go after 3 years, the profile and contacts after 7,
    invoices after 10 (billing_retention_years), and then the organisation's last trace.
    Monthly call counts that name nobody stay; another organisation keeps everything."""
    server = timeline
    with httpx.Client(base_url=server.url, timeout=30) as client:
        shop = await furnished(server, client)
        neighbour = await furnished(server, client)
        client.put(
            "/api/v1/recordings/settings", headers=neighbour.org.admin, json={"retention_days": 365}
        ).raise_for_status()
        assert recording_files(server)
        assert close(client, shop.org).status_code == 200
    await shop.call.close()
    await neighbour.call.close()
    start = closed_at(server, shop.org.id)
    everything = set(shop.markers)

    advance_to(server, start + timedelta(days=ERASURE_DAYS) - timedelta(hours=1))
    assert found_markers(server, shop.markers) == everything
    assert count(server, "users", "organisation_id = ?", shop.org.id) == 3

    advance_to(server, start + timedelta(days=ERASURE_DAYS, hours=1))
    kept = shop.groups["profile"] | shop.groups["support"] | shop.groups["billing"]
    assert found_markers(server, shop.markers) == kept
    assert wal_size(server) == 0  # checkpointed and truncated after the erasure
    for table in ("users", "calls", "consent_events", "offers", "products", "recordings"):
        assert count(server, table, "organisation_id = ?", shop.org.id) == 0, table
    assert count(server, "recording_keys", "organisation_id = ?", shop.org.id) == 0
    assert not (server.data_dir / "recordings" / shop.recording_id).exists()
    assert count(server, "service_figures", "calls >= 1") >= 1
    assert count(server, "organisation_contacts", "organisation_id = ?", shop.org.id) == 1
    assert found_markers(server, neighbour.markers) == set(neighbour.markers)
    assert (server.data_dir / "recordings" / neighbour.recording_id).is_dir()

    advance_to(server, start + timedelta(days=61))
    assert found_markers(server, shop.markers) == kept

    for years, group in ((3, "support"), (7, "profile"), (10, "billing")):
        advance_to(server, add_years(start, years) - timedelta(hours=1))
        assert shop.groups[group] <= found_markers(server, shop.markers), group
        advance_to(server, add_years(start, years) + timedelta(hours=1))
        kept -= shop.groups[group]
        assert found_markers(server, shop.markers) == kept, group
    assert count(server, "organisations", "id = ?", shop.org.id) == 0
    assert count(server, "organisation_closures", "organisation_id = ?", shop.org.id) == 0
    assert found_markers(server, neighbour.markers) == set(neighbour.markers)


async def test_legal_holds_suspend_what_they_cover_until_lifted(timeline: LiveServer) -> None:
    """P10, P5: the operator's hold on an organisation keeps all of it past every deadline; a
    hold on one call keeps that call, its consent trail, offer, recording (file and key) and
    clerk while the rest goes; lifting a hold lets the next run erase what it kept. Holds are
    set, listed and lifted with `videoclerk-server hold`, each with a reason."""
    server = timeline
    with httpx.Client(base_url=server.url, timeout=30) as client:
        held_org = await furnished(server, client)
        held_call = await furnished(server, client)
    held = command(server, "hold", "set", "--organisation", held_org.org.id, "--reason", "Audit")
    assert held.returncode == 0, held.stderr
    hold_id = held.stdout.split()[3]
    one = command(server, "hold", "set", "--call", held_call.call.call_id, "--reason", "Case 7")
    assert one.returncode == 0, one.stderr
    call_hold = one.stdout.split()[3]
    listed = command(server, "hold", "list")
    assert hold_id in listed.stdout and call_hold in listed.stdout
    assert "2 hold(s)." in listed.stdout
    assert command(server, "hold", "set", "--call", "call_nope", "--reason", "x y").returncode
    with httpx.Client(base_url=server.url, timeout=30) as client:
        for shop in (held_org, held_call):
            assert close(client, shop.org).status_code == 200
    await held_org.call.close()
    await held_call.call.close()
    start = closed_at(server, held_org.org.id)

    advance_to(server, add_years(start, 11))
    assert found_markers(server, held_org.markers) == set(held_org.markers)
    assert (server.data_dir / "recordings" / held_org.recording_id).is_dir()
    call = held_call.call.call_id
    for table, column in (("calls", "id"), ("consent_events", "call_id"), ("offers", "call_id")):
        assert count(server, table, f"{column} = ?", call) >= 1, table
    assert count(server, "recordings", "call_id = ?", call) == 1
    assert count(server, "recording_keys", "organisation_id = ?", held_call.org.id) == 1
    assert (server.data_dir / "recordings" / held_call.recording_id).is_dir()
    assert count(server, "users", "organisation_id = ?", held_call.org.id) == 1  # the clerk
    assert count(server, "products", "organisation_id = ?", held_call.org.id) == 0
    # The call's clerk, its wrap-up, its offer (whose lines name the product) and the audit
    # entries about its recording (the admin's hold reason): nothing else.
    assert found_markers(server, held_call.markers) == {
        "clerk", "wrap_up", "offer_note", "product", "hold_reason"
    }  # fmt: skip
    report = command(server, "retention", "run", "--dry-run")
    assert f"Held: account_data of {held_org.org.id}: legal hold on the organisation" in (
        report.stdout
    )
    assert f"Held: account_data of {held_call.org.id}: 1 call(s) on legal hold" in report.stdout

    lifted = command(server, "hold", "lift", "--hold", hold_id, "--reason", "Audit closed")
    assert lifted.returncode == 0, lifted.stderr
    assert command(server, "hold", "lift", "--hold", hold_id, "--reason", "again").returncode
    run = command(server, "retention", "run")
    assert f"organisation_removed of {held_org.org.id}" in run.stdout, run.stdout
    assert found_markers(server, held_org.markers) == set()

    command(server, "hold", "lift", "--hold", call_hold, "--reason", "Case closed")
    server.advance_clock(HOUR)  # the scheduled job
    assert found_markers(server, held_call.markers) == set()
    assert count(server, "organisations", "id = ?", held_call.org.id) == 0
    assert recording_files(server) == []
    everything = command(server, "hold", "list", "--all")
    assert "0 hold(s)." in everything.stdout  # lifted holds went with their organisations


async def test_a_hold_keeps_recordings_of_an_open_account_past_retention(
    timeline: LiveServer,
) -> None:
    """P5, P10: a hold on a call keeps its recording past the organisation's retention and
    refuses the admin's deletion (409 `recording_on_hold`); once lifted, retention deletes it."""
    server = timeline
    with httpx.Client(base_url=server.url, timeout=30) as client:
        shop = await furnished(server, client)
        path = f"/api/v1/recordings/{shop.recording_id}"
        client.put(
            "/api/v1/recordings/settings", headers=shop.org.admin, json={"retention_days": 1}
        ).raise_for_status()
        set_hold = command(server, "hold", "set", "--call", shop.call.call_id, "--reason", "Fraud")
        hold_id = set_hold.stdout.split()[3]
        refused = client.delete(path, headers=shop.org.admin)
        assert problem(refused, 409)["code"] == "recording_on_hold"
        await shop.call.close()
        server.advance_clock(3 * DAY)
        assert (server.data_dir / "recordings" / shop.recording_id).is_dir()
        command(server, "hold", "lift", "--hold", hold_id, "--reason", "Cleared")
        server.advance_clock(HOUR)
        assert not (server.data_dir / "recordings" / shop.recording_id).exists()


async def test_the_command_reports_what_is_due_and_a_second_run_does_nothing(
    quiet: LiveServer,
) -> None:
    """P10: `retention run --dry-run` reports per rule and organisation what a run would
    delete and deletes nothing; just before the erasure day nothing of the account is due,
    just after it the run deletes exactly what the dry run said; a second run deletes nothing.
    Then each later rule through the command alone: nothing just before its deadline, its
    rows just after, and at last the organisation's last trace."""
    server = quiet
    with httpx.Client(base_url=server.url, timeout=30) as client:
        shop = await furnished(server, client)
        assert close(client, shop.org).status_code == 200
    await shop.call.close()
    start = closed_at(server, shop.org.id)
    advance_to(server, start + timedelta(days=ERASURE_DAYS) - timedelta(hours=1))
    early = command(server, "retention", "run", "--dry-run")
    assert early.returncode == 0, early.stderr
    assert "account_data" not in early.stdout
    advance_to(server, start + timedelta(days=ERASURE_DAYS, hours=1))
    dry = command(server, "retention", "run", "--dry-run")
    line = next(x for x in dry.stdout.splitlines() if f"account_data of {shop.org.id}" in x)
    assert line.startswith("Would delete: ")
    assert "users 3" in line and "recordings 1" in line and "products 1" in line
    assert found_markers(server, shop.markers) == set(shop.markers)
    assert count(server, "users", "organisation_id = ?", shop.org.id) == 3
    real = command(server, "retention", "run")
    assert real.returncode == 0, real.stderr
    assert line.replace("Would delete: ", "Deleted: ") in real.stdout.splitlines()
    assert count(server, "users", "organisation_id = ?", shop.org.id) == 0
    again = command(server, "retention", "run")
    assert "Deleted 0 recording(s) past retention and 0 row(s) of closed accounts." in again.stdout
    assert "account_data" not in again.stdout

    org = shop.org.id
    later = (
        (3, "support", ["support_messages 1"]),
        (7, "profile", ["organisation_contacts 1", "organisations 1"]),
        (10, "billing", ["invoices 1"]),
    )
    for years, rule, tables in later:
        advance_to(server, add_years(start, years) - timedelta(hours=1))
        assert f"{rule} of {org}" not in command(server, "retention", "run").stdout, rule
        assert shop.groups[rule] <= found_markers(server, shop.markers), rule
        advance_to(server, add_years(start, years) + timedelta(hours=1))
        done = command(server, "retention", "run").stdout
        assert f"Deleted: {rule} of {org}: {len(tables)} row(s) ({', '.join(tables)})" in done
        assert not shop.groups[rule] & found_markers(server, shop.markers), rule
    assert f"Deleted: organisation_removed of {org}" in done
    assert found_markers(server, shop.markers) == set()


async def test_a_minor_s_account_is_purged_at_once(timeline: LiveServer) -> None:
    """P14, P12: `org purge ID --reason minor` closes an open account and erases all
    but its billing data at once, outside the schedule, while the server runs; the widget
    stops at once and every credential within the caller cache's second, open sockets are cut
    at the job's next run. Billing data follow the bookkeeping period (P11). A purge keeps
    what a legal hold covers."""
    server = timeline
    with httpx.Client(base_url=server.url, timeout=30) as client:
        guarded = await furnished(server, client)
        minor = await furnished(server, client)
        # The command runs in a thread: this loop keeps answering the sockets' pings meanwhile.
        purged = await asyncio.to_thread(
            command, server, "org", "purge", minor.org.id, "--reason", "minor"
        )
        assert purged.returncode == 0, purged.stderr
        assert f"Organisation {minor.org.id} is closed (minor)." in purged.stdout
        assert f"Deleted: account_data of {minor.org.id}" in purged.stdout
        assert found_markers(server, minor.markers) == minor.groups["billing"]
        assert found_markers(server, guarded.markers) == set(guarded.markers)
        assert client.get(f"/w/{minor.centre.widget_key}").status_code == 404
        # The command is another process: the server's cached callers learn of it within
        # their time to live (server/callers.py), as a second server process would.
        await asyncio.to_thread(server.advance_clock, TTL_SECONDS)
        me = client.get("/api/v1/me", headers=minor.org.admin)
        assert problem(me, 401)["code"] == "session_expired"
        login = client.post(
            "/api/v1/auth/login",
            json={"email": minor.org.admin_email, "password": STRONG_PASSWORD},
        )
        assert problem(login, 401)["code"] == "invalid_credentials"  # the user is gone
        await asyncio.to_thread(server.advance_clock, HOUR)  # the job lets go of its parties
        assert await minor.call.clerk.close_code() == 4401
        assert await minor.call.visitor.close_code() == 4410

        command(server, "hold", "set", "--organisation", guarded.org.id, "--reason", "Police")
        kept = command(server, "org", "purge", guarded.org.id, "--reason", "minor")
        assert f"Held: account_data of {guarded.org.id}" in kept.stdout
        assert found_markers(server, guarded.markers) == set(guarded.markers)
        assert problem(client.get("/api/v1/me", headers=guarded.org.admin), 401)
        assert command(server, "org", "purge", "org_nope", "--reason", "minor").returncode
    await minor.call.close()
    await guarded.call.close()
    start = closed_at(server, minor.org.id)
    advance_to(server, add_years(start, 10) + timedelta(hours=1))
    assert found_markers(server, minor.markers) == set()
    assert count(server, "organisations", "id = ?", minor.org.id) == 0


def test_every_table_is_in_an_erasure_step(server: LiveServer) -> None:
    """P10: erasure is complete by construction: each table of the schema (but SQLite's own
    and the search index's shadow tables) is named in `ERASED_BY` with the step that erases
    it, so a new table holding organisation data fails here until it is given one."""
    with database(server) as db:
        tables = {
            name
            for name in db.table_names()
            if not name.startswith(("sqlite_", "_", "products_fts_"))
        }
    assert tables == set(ERASED_BY)


def test_a_closed_account_answers_no_request_from_its_old_credentials(
    client: httpx.Client,
) -> None:
    """P12: not even a request made with a key created just before the closure goes through."""
    org = new_org(client)
    made = client.post(
        "/api/v1/api-keys", headers=org.admin, json={"name": marker("key"), "scopes": ["full"]}
    )
    secret = made.json()["secret"]
    assert close(client, org).status_code == 200
    assert problem(client.get("/api/v1/products", headers=bearer(secret)), 401)["code"] == (
        "invalid_api_key"
    )


async def test_a_run_cut_short_leaves_each_step_whole_and_the_next_run_finishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """P10: a run that fails inside a step leaves that step undone, all of it (one
    transaction); a run cut short after a step's commit but before its files are removed
    leaves a folder no row names, which the next run removes. Nothing is erased twice."""
    data_dir = tmp_path / "server"
    env = {
        "VIDEOCLERK_CLOSED_ACCOUNT_ERASURE_DAYS": "0",
        "VIDEOCLERK_RETENTION_INTERVAL_SECONDS": str(200 * 366 * DAY),
    }
    with live_server(data_dir, env=env) as server, httpx.Client(base_url=server.url) as client:
        shop = await furnished(server, client)
        assert close(client, shop.org).status_code == 200
        await shop.call.close()
    settings = Settings(
        data_dir=data_dir, closed_account_erasure_days=0, database_url=server.database_url
    )
    db = open_configured(settings)
    uploads = Uploads(db, settings, KeyRing(db, settings))
    folder = data_dir / "recordings" / shop.recording_id

    def power_cut(*_: object) -> None:
        raise RuntimeError("power cut")

    def rows(table: str) -> int:
        found = db.execute(f"SELECT count(*) FROM {table} WHERE organisation_id = ?", [shop.org.id])  # noqa: S608
        return int(found.fetchone()[0])

    with monkeypatch.context() as patched:
        patched.setattr(retention_store, "_erase_users", power_cut)
        with pytest.raises(RuntimeError):
            retention.run(db, uploads=uploads, settings=settings)
    assert (rows("products"), rows("recordings"), rows("calls"), rows("users")) == (1, 1, 1, 3)
    assert folder.is_dir()

    with monkeypatch.context() as patched:
        patched.setattr(segments, "remove_folder", power_cut)
        with pytest.raises(RuntimeError):
            retention.run(db, uploads=uploads, settings=settings)
    assert (rows("products"), rows("recordings"), rows("users")) == (0, 0, 0)
    assert folder.is_dir()

    report = retention.run(db, uploads=uploads, settings=settings)
    assert report.leftover_folders == 1
    assert not folder.exists()
    assert Step.ACCOUNT_DATA not in {e.rule for e in report.erasures}
    assert retention.run(db, uploads=uploads, settings=settings).erasures == []
    db.close()

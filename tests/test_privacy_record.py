"""Sub-processors and storage location shown to admins (P6, P19), and the record of
processing activities (GDPR Art. 30) generated from the schema and the settings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx

from server.database import open_database
from server.privacy import record
from tests.accounts_helpers import add_user, bearer, new_org, problem
from tests.catalogue_helpers import key
from tests.live_server import live_server
from tests.privacy_helpers import run_cli

SETTINGS = """
data_location = "Amsterdam, the Netherlands (EEA)"
privacy_contact = "Example Hosting B.V., privacy@example.org"

[[subprocessors]]
name = "Mailjet"
purpose = "sending service notices"
location = "France (EEA)"

[[subprocessors]]
name = "Acme Transcribe"
purpose = "transcription"
location = "United States"
outside_eea = true
safeguards = "EU standard contractual clauses"
"""


def test_every_table_is_in_the_record(tmp_path: Path) -> None:
    """Art. 30: every table of a freshly migrated database is mapped to an activity, its
    data subjects and its data categories, and every mapped table exists: a migration that
    adds a table fails here until the record says what it holds."""
    db = open_database(tmp_path / "videoclerk.db")
    tables = set(db.table_names())
    assert record.unmapped_tables(db) == []
    assert set(record.TABLES) - tables == set(), "mapped tables that no longer exist"
    for name, table in record.TABLES.items():
        assert table.activity in record.ACTIVITIES, name
        assert table.subjects and table.categories, name


def test_admins_see_subprocessors_and_where_data_is_stored(tmp_path: Path) -> None:
    """P6, P19: the server's settings list its sub-processors and where data is stored; an
    admin (or a read key) sees them, a clerk does not; the record of processing lists the
    same recipients and transfers, by API and by the operator's command alike."""
    config = tmp_path / "settings.toml"
    config.write_text(SETTINGS, encoding="utf-8")
    env = {"VIDEOCLERK_CONFIG_FILE": str(config)}
    with (
        live_server(tmp_path / "server", env=env) as server,
        httpx.Client(base_url=server.url, timeout=30) as client,
    ):
        org = new_org(client)
        shown = client.get("/api/v1/privacy/processing", headers=org.admin)
        assert shown.status_code == 200, shown.text
        body = shown.json()
        assert body["data_location"] == "Amsterdam, the Netherlands (EEA)"
        assert [s["name"] for s in body["subprocessors"]] == ["Mailjet", "Acme Transcribe"]
        assert body["subprocessors"][1]["safeguards"] == "EU standard contractual clauses"
        reader = key(client, org, "read")
        assert client.get("/api/v1/privacy/processing", headers=reader).status_code == 200
        _, clerk = add_user(client, org, "clerk")
        assert problem(client.get("/api/v1/privacy/processing", headers=bearer(clerk)), 403)
        assert problem(client.get("/api/v1/privacy/record", headers=bearer(clerk)), 403)

        by_api = client.get("/api/v1/privacy/record", headers=org.admin).json()
        printed = run_cli(server, "privacy", "record", "--config", str(config))
        by_cli = json.loads(printed.stdout)
    for document in (by_api, by_cli):
        assert document["controller_contact"] == "Example Hosting B.V., privacy@example.org"
        assert [r["name"] for r in document["recipients"]] == ["Mailjet", "Acme Transcribe"]
        assert document["transfers"]["data_location"] == "Amsterdam, the Netherlands (EEA)"
        assert [r["name"] for r in document["transfers"]["outside_eea"]] == ["Acme Transcribe"]
        assert document["unmapped_tables"] == []
        assert document["security_measures"]
        activities = {a["id"]: a for a in document["activities"]}
        assert set(activities) == set(record.ACTIVITIES)
        assert "users" in activities["accounts"]["tables"]
        assert "e-mail address" in activities["accounts"]["data_categories"]
        assert any("visitors" in s for s in activities["calls"]["data_subjects"])
        assert "at most 365 days" in activities["recordings"]["retention"]
        assert all(a["purposes"] and a["retention"] for a in activities.values())
    assert by_api["schema_version"] == by_cli["schema_version"]


def test_a_transfer_outside_the_eea_must_name_its_safeguards(tmp_path: Path) -> None:
    """P19: settings listing a sub-processor outside the EEA without its safeguards are
    refused: the server and its commands (the same settings) do not run with them."""
    config = tmp_path / "settings.toml"
    config.write_text(SETTINGS.replace('safeguards = "EU standard contractual clauses"\n', ""))
    done = run_cli_without_server(tmp_path, config)
    assert done.returncode != 0
    assert "state the safeguards" in done.stderr


def run_cli_without_server(tmp_path: Path, config: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "server.cli",
            "privacy",
            "record",
            "--config",
            str(config),
            "--data-dir",
            str(tmp_path / "data"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

"""All SQL of data requests: the export's reads, erasure requests and restrictions.

The export reads through a connection of its own (read-only, one snapshot: server/database.py
`open_snapshot`); everything else goes through the process's database like every store.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from server.datarequests.models import ErasureRequest
from server.datarequests.plan import Part
from server.sql import (
    Database,
    Row,
    batches,
    is_postgres,
    json_values,
    one_record,
    records,
    stable_order,
)

FETCH_ROWS = 500


# ---- the export -----------------------------------------------------------------------------


def export_rows(
    db: Database, part: Part, names: list[str], params: Mapping[str, Any]
) -> Iterator[tuple[Any, ...]]:
    """The part's rows, `names` columns each, in a stable order, fetched a page at a time
    from `db`, the export's snapshot (server/database.py `open_snapshot`)."""
    listed = ", ".join(f'"{name}"' for name in names)
    order = part.order or stable_order(db, part.table)
    query = (
        f"SELECT {listed} FROM {part.table} WHERE {part.where} "  # noqa: S608 - from code
        f"ORDER BY {order}"
    )
    for batch in batches(db, query, params, FETCH_ROWS):
        yield from batch


# ---- erasure requests -----------------------------------------------------------------------


def insert_request(db: Database, row: Row) -> None:
    db.table("erasure_requests").insert({**row, "kept": None})


def get_request(db: Database, organisation_id: str, request_id: str) -> ErasureRequest | None:
    return one_record(
        db,
        ErasureRequest,
        "FROM erasure_requests WHERE id = ? AND organisation_id = ?",
        [request_id, organisation_id],
    )


def open_request_for(
    db: Database, organisation_id: str, kind: str, target: str
) -> ErasureRequest | None:
    return one_record(
        db,
        ErasureRequest,
        "FROM erasure_requests WHERE organisation_id = ? AND kind = ? "
        "AND target = ? AND done_at IS NULL",
        [organisation_id, kind, target],
    )


def list_requests(
    db: Database, organisation_id: str, *, open_only: bool, limit: int, before: str | None
) -> list[ErasureRequest]:
    clauses, params = ["organisation_id = ?"], [organisation_id]
    if open_only:
        clauses.append("done_at IS NULL")
    if before:
        clauses.append("requested_at < ?")
        params.append(before)
    return records(
        db,
        ErasureRequest,
        f"FROM erasure_requests WHERE {' AND '.join(clauses)} "
        "ORDER BY requested_at DESC, id LIMIT ?",
        [*params, limit],
    )


def open_requests(db: Database) -> list[ErasureRequest]:
    """Every request not yet done, in every organisation, the earliest due first."""
    return records(
        db,
        ErasureRequest,
        "FROM erasure_requests WHERE done_at IS NULL ORDER BY due_at, requested_at",
    )


def mark_done(db: Database, request_id: str, *, at: str, kept: list[Row]) -> None:
    db.execute(
        "UPDATE erasure_requests SET done_at = ?, kept = ? WHERE id = ? AND done_at IS NULL",
        [at, json.dumps(kept), request_id],
    )


def checkpoint(db: Database) -> None:
    """Copy the WAL into the database file and empty it: with `secure_delete` on, erased rows
    then leave no readable bytes in either (while a reader holds an older snapshot, what it
    still needs stays until the next checkpoint). Nothing to do on PostgreSQL."""
    if not is_postgres(db):
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


# ---- restrictions ---------------------------------------------------------------------------


def restricted_purposes(db: Database, organisation_id: str, user_id: str | None) -> set[str]:
    """The purposes restricted by the organisation itself (`user_id` None) or by one user."""
    cursor = db.execute(
        "SELECT purpose FROM processing_restrictions WHERE organisation_id = ? "
        "AND coalesce(user_id, '') = coalesce(?, '')",
        [organisation_id, user_id],
    )
    return {str(row[0]) for row in cursor.fetchall()}


def set_restrictions(
    db: Database,
    organisation_id: str,
    user_id: str | None,
    purposes: Iterable[str],
    *,
    at: str,
    by: str | None,
) -> None:
    """Exactly `purposes` restricted from now on; a purpose kept keeps its first date."""
    wanted = sorted(set(purposes))
    db.execute(
        "DELETE FROM processing_restrictions WHERE organisation_id = ? "  # noqa: S608
        "AND coalesce(user_id, '') = coalesce(?, '') "
        f"AND purpose NOT IN ({json_values(db)})",  # PostgreSQL has no empty `IN ()`
        [organisation_id, user_id, json.dumps(wanted)],
    )
    for purpose in wanted:
        db.execute(
            "INSERT INTO processing_restrictions "
            "(organisation_id, user_id, purpose, restricted_at, restricted_by) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [organisation_id, user_id, purpose, at, by],
        )


def restricted(db: Database, organisation_id: str, user_id: str | None, purpose: str) -> bool:
    """Whether the organisation, or the user if one is named, restricted `purpose`."""
    cursor = db.execute(
        "SELECT 1 FROM processing_restrictions WHERE organisation_id = ? AND purpose = ? "
        "AND (user_id IS NULL OR user_id = ?) LIMIT 1",
        [organisation_id, purpose, user_id],
    )
    return cursor.fetchone() is not None

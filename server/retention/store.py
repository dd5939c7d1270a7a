"""All SQL of erasure: what each retention step of a closed account deletes, table by table.

Erasure has to reach every table that holds an organisation's data, so this one module knows
them all, rather than each capability erasing its own (a test walks the schema and fails
when a table is in no step, `ERASED_BY`). Rows are deleted explicitly, children first, so
that the counts say what went; `PRAGMA secure_delete` (server/database.py) zeroes them.

`kept` is a JSON array of the call ids a legal hold keeps: those calls and what hangs on them
(consent events, offer, recordings, the users they name, audit entries about them) stay.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from server.sql import Database, json_values, merge_search_index

Counts = dict[str, int]

# Where each table's rows of a closed organisation go (see docs/retention.md). "transient":
# rows that vanish by themselves within hours and name nobody in clear.
ERASED_BY: dict[str, str] = {
    "organisations": "profile (anonymised), then removed with the last step",
    "organisation_closures": "removed with the last step",
    "organisation_contacts": "profile",
    "invoices": "billing",
    "support_messages": "support",
    "legal_holds": "removed with the last step (an active one holds everything it covers)",
    "service_figures": "kept: monthly counts without organisation, user or call",
    "job_leases": "kept: which server process runs a shared job, about no one",
    "users": "account_data",
    "sessions": "account_data (ended at closure)",
    "password_tokens": "account_data (ended at closure)",
    "api_keys": "account_data (revoked at closure)",
    "api_key_use_days": "account_data",
    "audit_events": "account_data",
    "queues": "account_data",
    "widgets": "account_data",
    "widget_queues": "account_data",
    "calls": "account_data",
    "consent_events": "account_data",
    "call_ratings": "account_data",
    "live_visitors": "account_data (ended at closure)",
    "live_clerks": "account_data (ended at closure)",
    "live_calls": "account_data (ended at closure)",
    "throttles": "transient: hashed counters that expire within the hour",
    "mail_outbox": "account_data (mail not sent yet to the organisation's users)",
    "catalogue_settings": "account_data",
    "product_images": "account_data (images no other product shows)",
    "products": "account_data",
    "products_fts": "account_data (the index is rebuilt without them)",
    "bundles": "account_data",
    "bundle_items": "account_data",
    "webhook_endpoints": "account_data (disabled at closure)",
    "webhook_deliveries": "account_data",
    "webhook_attempts": "account_data",
    "offer_settings": "account_data",
    "suggestion_settings": "account_data",
    "policy_versions": "kept: the server's privacy-policy texts, the same for every organisation",
    "offers": "account_data",
    "offer_revisions": "account_data",
    "recording_keys": "account_data (once no held recording needs it)",
    "recording_settings": "account_data",
    "recordings": "account_data (the folder of each goes after the commit)",
    "recording_segments": "account_data",
    "erasure_requests": "account_data",
    "processing_restrictions": "account_data",
}


def _delete(db: Database, counts: Counts, table: str, where: str, params: Sequence[Any]) -> None:
    """Delete `table`'s rows matching `where`, counting them. `table` and `where` come from
    this module, never from input."""
    cursor = db.execute(f"DELETE FROM {table} WHERE {where}", params)  # noqa: S608
    if cursor.rowcount:
        counts[table] = counts.get(table, 0) + cursor.rowcount


def _ids(db: Database, sql: str, params: Sequence[Any]) -> list[str]:
    return [str(row[0]) for row in db.execute(sql, params).fetchall()]


def erase_account_data(
    db: Database, organisation_id: str, kept_calls: Sequence[str]
) -> tuple[Counts, list[str]]:
    """Step `account_data`: everything of the organisation but its profile, contacts, billing
    and support data, and what the held calls keep. Returns the rows deleted per table and
    the recordings whose folders are to be removed once this transaction has committed."""
    counts: Counts = {}
    org, kept = organisation_id, json.dumps(sorted(kept_calls))
    in_list = f"IN ({json_values(db)})"
    for table in ("live_calls", "live_visitors", "live_clerks"):
        _delete(db, counts, table, "organisation_id = ?", [org])

    recordings = _ids(
        db,
        f"SELECT id FROM recordings WHERE organisation_id = ? AND call_id NOT {in_list}",  # noqa: S608
        [org, kept],
    )
    doomed = json.dumps(recordings)
    _delete(db, counts, "recording_segments", f"recording_id {in_list}", [doomed])
    _delete(db, counts, "recordings", f"id {in_list}", [doomed])
    _delete(
        db,
        counts,
        "recording_keys",
        "organisation_id = ?1 AND NOT EXISTS (SELECT 1 FROM recordings WHERE organisation_id = ?1)",
        [org],
    )
    _delete(db, counts, "recording_settings", "organisation_id = ?", [org])

    not_kept = f"organisation_id = ? AND call_id NOT {in_list}"
    _delete(
        db,
        counts,
        "offer_revisions",
        f"offer_id IN (SELECT id FROM offers WHERE {not_kept})",  # noqa: S608
        [org, kept],
    )
    _delete(db, counts, "offers", not_kept, [org, kept])
    _delete(db, counts, "offer_settings", "organisation_id = ?", [org])
    _delete(db, counts, "suggestion_settings", "organisation_id = ?", [org])

    _add_service_figures(db, org, kept)
    _delete(db, counts, "consent_events", not_kept, [org, kept])
    _delete(db, counts, "call_ratings", not_kept, [org, kept])
    _delete(db, counts, "calls", f"organisation_id = ? AND id NOT {in_list}", [org, kept])

    _delete(
        db,
        counts,
        "webhook_attempts",
        "delivery_n IN (SELECT n FROM webhook_deliveries WHERE organisation_id = ?)",
        [org],
    )
    _delete(db, counts, "webhook_deliveries", "organisation_id = ?", [org])
    _delete(db, counts, "webhook_endpoints", "organisation_id = ?", [org])

    _erase_catalogue(db, counts, org)

    _delete(
        db,
        counts,
        "widget_queues",
        "widget_id IN (SELECT id FROM widgets WHERE organisation_id = ?)",
        [org],
    )
    _delete(db, counts, "widgets", "organisation_id = ?", [org])
    _delete(db, counts, "queues", "organisation_id = ?", [org])

    _delete(
        db,
        counts,
        "api_key_use_days",
        "key_id IN (SELECT id FROM api_keys WHERE organisation_id = ?)",
        [org],
    )
    _delete(db, counts, "api_keys", "organisation_id = ?", [org])

    _erase_users(db, counts, org, kept)
    return counts, recordings


def _add_service_figures(db: Database, organisation_id: str, kept: str) -> None:
    """The aggregates that may stay: calls per month, with no organisation, user or call."""
    db.execute(
        "INSERT INTO service_figures (month, calls, answered, abandoned, wait_seconds) "  # noqa: S608
        "SELECT substr(joined_at, 1, 7), count(*), "
        "sum(CASE WHEN outcome = 'answered' THEN 1 ELSE 0 END), "
        "sum(CASE WHEN outcome = 'abandoned' THEN 1 ELSE 0 END), coalesce(sum(wait_seconds), 0) "
        f"FROM calls WHERE organisation_id = ? AND id NOT IN ({json_values(db)}) "
        "GROUP BY 1 ORDER BY 1 "
        "ON CONFLICT (month) DO UPDATE SET calls = service_figures.calls + excluded.calls, "
        "answered = service_figures.answered + excluded.answered, "
        "abandoned = service_figures.abandoned + excluded.abandoned, "
        "wait_seconds = service_figures.wait_seconds + excluded.wait_seconds",
        [organisation_id, kept],
    )


def _erase_catalogue(db: Database, counts: Counts, org: str) -> None:
    bundles = "SELECT id FROM bundles WHERE organisation_id = ?"
    _delete(db, counts, "bundle_items", f"bundle_id IN ({bundles})", [org])
    _delete(db, counts, "bundles", "organisation_id = ?", [org])
    images = json.dumps(
        _ids(
            db,
            "SELECT DISTINCT image FROM products WHERE organisation_id = ? AND image IS NOT NULL",
            [org],
        )
    )
    _delete(db, counts, "products", "organisation_id = ?", [org])
    if counts.get("products"):
        merge_search_index(db, "products_fts")
    _delete(
        db,
        counts,
        "product_images",
        f"name IN ({json_values(db)}) "  # noqa: S608
        "AND NOT EXISTS (SELECT 1 FROM products WHERE image = product_images.name)",
        [images],
    )
    _delete(db, counts, "catalogue_settings", "organisation_id = ?", [org])


# The users a held call keeps: its clerk, its offer's clerk and approver, its recordings' clerk.
# After the deletions above, the organisation's remaining offers and recordings are held ones.
_NAMED_BY_KEPT = (
    "SELECT clerk_user_id FROM calls WHERE organisation_id = ?1 AND clerk_user_id IS NOT NULL "
    "UNION SELECT clerk_id FROM offers WHERE organisation_id = ?1 "
    "UNION SELECT decided_by FROM offer_revisions WHERE decided_by IS NOT NULL "
    "AND offer_id IN (SELECT id FROM offers WHERE organisation_id = ?1) "
    "UNION SELECT clerk_id FROM recordings WHERE organisation_id = ?1"
)
# Audit entries about what a hold keeps: after the calls (?2), their recordings and offers.
_KEPT_TARGETS = (
    "UNION SELECT id FROM recordings WHERE organisation_id = ?1 "
    "UNION SELECT id FROM offers WHERE organisation_id = ?1"
)


def _erase_users(db: Database, counts: Counts, org: str, kept: str) -> None:
    """Users, but those named by what a hold keeps; every session, reset code and unsent mail
    of the organisation's users, its erasure requests and processing restrictions; the audit
    trail, but entries about what is kept."""
    users = "SELECT id FROM users WHERE organisation_id = ?1"
    _delete(db, counts, "sessions", "organisation_id = ?1", [org])
    _delete(db, counts, "erasure_requests", "organisation_id = ?1", [org])
    _delete(db, counts, "processing_restrictions", "organisation_id = ?1", [org])
    _delete(db, counts, "password_tokens", f"user_id IN ({users})", [org])
    _delete(
        db,
        counts,
        "mail_outbox",
        "to_address IN (SELECT email FROM users WHERE organisation_id = ?1)",
        [org],
    )
    _delete(
        db,
        counts,
        "audit_events",
        "organisation_id = ?1 AND (target IS NULL OR target NOT IN "
        f"({json_values(db, '?2')} {_KEPT_TARGETS}))",
        [org, kept],
    )
    _delete(db, counts, "users", f"organisation_id = ?1 AND id NOT IN ({_NAMED_BY_KEPT})", [org])


def _all_of(db: Database, table: str, organisation_id: str) -> Counts:
    counts: Counts = {}
    _delete(db, counts, table, "organisation_id = ?", [organisation_id])
    return counts


def erase_support(db: Database, organisation_id: str) -> Counts:
    return _all_of(db, "support_messages", organisation_id)


def erase_profile(db: Database, organisation_id: str) -> Counts:
    """Contacts go; the organisation's row stays, emptied, as long as the last step waits."""
    counts: Counts = {}
    _delete(db, counts, "organisation_contacts", "organisation_id = ?", [organisation_id])
    cursor = db.execute(
        "UPDATE organisations SET name = '', organisation_number = '', vat_number = '', "
        "billing_street = '', billing_postal_code = '', billing_city = '', country = '' "
        "WHERE id = ? AND name != ''",
        [organisation_id],
    )
    if cursor.rowcount:
        counts["organisations"] = cursor.rowcount
    return counts


def erase_billing(db: Database, organisation_id: str) -> Counts:
    return _all_of(db, "invoices", organisation_id)


def remove_organisation(db: Database, organisation_id: str) -> Counts:
    """The last trace: the emptied row, its closure and lifted holds (by cascade)."""
    counts: Counts = {}
    _delete(db, counts, "legal_holds", "organisation_id = ?", [organisation_id])
    _delete(db, counts, "organisation_closures", "organisation_id = ?", [organisation_id])
    _delete(db, counts, "organisations", "id = ?", [organisation_id])
    return counts

"""The record of processing activities (GDPR Art. 30), generated from the schema and settings.

Every table of the database is mapped to the activity it serves, whose data subjects it
holds and which categories of data; `tests/test_privacy_record.py` fails when a migration
adds a table that is not mapped here. Purposes, recipients (the sub-processors), transfers
(where data is stored) and retention periods come from the settings, so the record says
what this server is configured to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from server import __version__, clock
from server.config import Settings
from server.database import schema_state
from server.sql import Database

# ---- data subjects and activities ---------------------------------------------------------------

ACCOUNT_HOLDERS = "account holders and users of customer organisations"
VISITORS = "visitors of customers' websites (anonymous: no name, contact or network address)"
NOBODY = "none (configuration or aggregates that identify nobody)"


@dataclass(frozen=True)
class Activity:
    name: str
    role: str  # controller or processor (for the customer)
    purposes: tuple[str, ...]
    promises: tuple[str, ...]


ACTIVITIES: dict[str, Activity] = {
    "accounts": Activity(
        "Customer accounts and access",
        "controller",
        (
            "providing the service to customer organisations",
            "authentication of users and API keys",
            "billing and bookkeeping",
            "privacy-policy acceptance and the customers' choices",
        ),
        ("P7", "P8", "P11", "P12", "P14", "P15", "P17"),
    ),
    "security": Activity(
        "Security, fraud and abuse prevention",
        "controller",
        ("detecting, preventing and investigating fraud, abuse and security incidents",),
        ("P9", "P17"),
    ),
    "mail": Activity(
        "Service notices and marketing e-mail",
        "controller",
        (
            "password codes and invitations",
            "service notices (maintenance, security, policy changes)",
            "marketing e-mail to users who opted in",
        ),
        ("P13", "P15"),
    ),
    "calls": Activity(
        "Video calls between visitors and clerks",
        "processor",
        (
            "connecting a visitor with a clerk of the customer",
            "the visitor's consent choices",
            "the visitor's optional rating of the call",
        ),
        ("P1", "P2", "P3", "P4"),
    ),
    "recordings": Activity(
        "Call recordings with the visitor's consent",
        "processor (controller for troubleshooting and service improvement)",
        (
            "keeping a call's recording for the customer",
            "troubleshooting, network problem analysis, security and abuse investigations, "
            "service improvement",
        ),
        ("P3", "P5"),
    ),
    "offers": Activity(
        "Product catalogue and offers",
        "processor",
        ("composing and pricing offers in a call", "notifying the customer's systems (webhooks)"),
        ("P1", "P6"),
    ),
    "suggestions": Activity(
        "Offer suggestions to clerks (automated decisions, opt-in)",
        "processor",
        ("suggesting items and discounts from the organisation's own aggregated offer outcomes",),
        ("P16",),
    ),
}

# ---- every table -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    activity: str
    subjects: tuple[str, ...]
    categories: tuple[str, ...]


def _t(activity: str, subjects: tuple[str, ...], *categories: str) -> Table:
    return Table(activity, subjects, categories)


_HOLDERS = (ACCOUNT_HOLDERS,)
_VISITORS = (VISITORS,)
_BOTH = (VISITORS, ACCOUNT_HOLDERS)
_NOBODY = (NOBODY,)

TABLES: dict[str, Table] = {
    # bookkeeping of the database itself
    "_sqlite_migrations": _t("accounts", _NOBODY, "schema version"),
    "sqlite_sequence": _t("accounts", _NOBODY, "row counters"),
    "job_leases": _t("accounts", _NOBODY, "which server process runs a shared job"),
    # accounts
    "organisations": _t(
        "accounts",
        _HOLDERS,
        "organisation identity",
        "registration and VAT numbers",
        "billing address",
    ),
    "users": _t(
        "accounts",
        _HOLDERS,
        "name",
        "e-mail address",
        "role",
        "password hash",
        "policy acceptance",
        "age confirmation (not the age)",
        "marketing choice",
    ),
    "sessions": _t("security", _HOLDERS, "session token hash", "IP address at log-in"),
    "password_tokens": _t("accounts", _HOLDERS, "reset and invitation code hashes"),
    "api_keys": _t("accounts", _HOLDERS, "API key hash and metadata", "last use and its IP"),
    "api_key_use_days": _t("security", _HOLDERS, "IP addresses of API requests per day"),
    "audit_events": _t("security", _HOLDERS, "actions of users and keys", "IP addresses", "times"),
    "throttles": _t("security", _HOLDERS, "hashed counters of failed log-ins and resets"),
    "policy_versions": _t("accounts", _NOBODY, "privacy-policy texts and dates"),
    "processing_restrictions": _t("accounts", _HOLDERS, "restrictions of processing"),
    # mail
    "mail_outbox": _t("mail", _HOLDERS, "e-mail address", "mail subject and text"),
    # calls
    "queues": _t("calls", _NOBODY, "queue configuration"),
    "widgets": _t("calls", _NOBODY, "widget configuration", "consent texts"),
    "widget_queues": _t("calls", _NOBODY, "widget configuration"),
    "calls": _t(
        "calls",
        _BOTH,
        "call times and outcome",
        "call reference",
        "clerk",
        "wrap-up note",
        "hash of a random session id (until the call can no longer be rated)",
    ),
    "call_ratings": _t("calls", _VISITORS, "score of the call", "comment (kept 90 days)"),
    "consent_events": _t("calls", _VISITORS, "consent choices and times"),
    "live_visitors": _t("calls", _VISITORS, "hash of a random session id", "language"),
    "live_clerks": _t("calls", _HOLDERS, "clerk name and presence"),
    "live_calls": _t("calls", _BOTH, "hash of a random session id", "consent", "clerk"),
    # recordings
    "recording_keys": _t("recordings", _NOBODY, "wrapped encryption keys"),
    "recording_settings": _t("recordings", _NOBODY, "retention and recording settings"),
    "recordings": _t(
        "recordings",
        _BOTH,
        "encrypted audio and video of a call (files)",
        "clerk",
        "legal hold and its reason",
    ),
    "recording_segments": _t("recordings", _NOBODY, "upload bookkeeping"),
    # catalogue and offers
    "catalogue_settings": _t("offers", _NOBODY, "catalogue settings"),
    "product_images": _t("offers", _NOBODY, "product images (re-encoded, no metadata)"),
    "products": _t("offers", _NOBODY, "products and prices"),
    "products_fts": _t("offers", _NOBODY, "product search index"),
    "products_fts_data": _t("offers", _NOBODY, "product search index"),
    "products_fts_idx": _t("offers", _NOBODY, "product search index"),
    "products_fts_docsize": _t("offers", _NOBODY, "product search index"),
    "products_fts_config": _t("offers", _NOBODY, "product search index"),
    "bundles": _t("offers", _NOBODY, "bundles and prices"),
    "bundle_items": _t("offers", _NOBODY, "bundle contents"),
    "offer_settings": _t("offers", _NOBODY, "offer settings"),
    "offers": _t("offers", _BOTH, "offer status and totals", "clerk", "acceptance reference"),
    "offer_revisions": _t("offers", _HOLDERS, "offered items and prices", "approvals"),
    "webhook_endpoints": _t("offers", _NOBODY, "webhook address", "sealed signing secret"),
    "webhook_deliveries": _t("offers", _NOBODY, "events sent to the customer's systems"),
    "webhook_attempts": _t("offers", _NOBODY, "delivery attempts"),
    # automated decisions
    "suggestion_settings": _t("suggestions", _NOBODY, "whether suggestions are on"),
    # requests about one's own data, closure and retention (docs/data-requests.md,
    # docs/retention.md)
    "erasure_requests": _t("accounts", _HOLDERS, "erasure requests", "who asked", "due dates"),
    "organisation_closures": _t("accounts", _HOLDERS, "closure date, reason, retention steps"),
    "organisation_contacts": _t("accounts", _HOLDERS, "administrators' names and e-mail"),
    "invoices": _t("accounts", _HOLDERS, "invoiced customer details", "amounts"),
    "support_messages": _t("accounts", _HOLDERS, "support correspondence"),
    "legal_holds": _t("accounts", _NOBODY, "legal holds and their reasons"),
    "service_figures": _t("calls", _NOBODY, "monthly call counts without any identity"),
}

SECURITY_MEASURES = (
    "passwords hashed with argon2id; session tokens, reset codes and API keys stored only as "
    "SHA-256 hashes (P8, P17)",
    "log-in throttling and lockouts per IP and account (P17)",
    "every query scoped to the caller's organisation; another organisation's object answers "
    "like a missing one (tenant isolation)",
    "recordings encrypted at rest (AEAD, a key per recording, wrapped by the operator's "
    "master key); webhook secrets sealed with AEAD",
    "SQLite secure_delete: erased rows leave no readable bytes",
    "TLS for HTTP and WebSockets when configured; media peer to peer over DTLS-SRTP",
    "no visitor IP, user agent or contact data stored or logged (P1)",
    "security headers on every answer; request size limits; trusted hosts",
    "unsubscribe links signed with a MAC key kept in the data folder, not the database",
)


def unmapped_tables(db: Database) -> list[str]:
    """Tables of the database that the record does not map (a test keeps this empty)."""
    return sorted(set(db.table_names()) - set(TABLES))


def _retention(settings: Settings) -> dict[str, str]:
    return {
        "accounts": "while the account is open; after closure customer-relationship data up "
        "to 7 years, billing data as long as bookkeeping law requires, support "
        "communications up to 3 years, the rest deleted or de-identified within 60 days "
        "(P10; docs/retention.md)",
        "security": f"sessions {settings.session_hours} hours; failed log-in counters "
        f"{settings.login_failure_window_seconds} seconds; the audit trail while the account "
        "is open, then as account data (P10)",
        "mail": f"until sent, or given up after {settings.mail_max_attempts} tries",
        "calls": "live rows while the call lasts; call records and consent events as the "
        "customer's account data (P10) or until erased on request (P5)",
        "recordings": "the organisation's retention (30 days unless its admin chooses "
        f"otherwise, at most {settings.recording_retention_max_days} days); unfinished uploads "
        f"{settings.recording_upload_expiry_hours} hours; a legal hold keeps one until lifted",
        "offers": "as the customer's account data (P10)",
        "suggestions": "nothing is kept: suggestions are computed on request from aggregates",
    }


def record(db: Database, settings: Settings) -> dict[str, Any]:
    """The record as JSON-ready data."""
    retention = _retention(settings)
    recipients = [s.model_dump() for s in settings.subprocessors]
    tables_of: dict[str, list[str]] = {}
    for name, table in sorted(TABLES.items()):
        tables_of.setdefault(table.activity, []).append(name)
    existing = set(db.table_names())
    activities = []
    for key, activity in ACTIVITIES.items():
        mapped = [n for n in tables_of.get(key, []) if n in existing]
        activities.append(
            {
                "id": key,
                "name": activity.name,
                "role": activity.role,
                "purposes": list(activity.purposes),
                "data_subjects": sorted({s for n in mapped for s in TABLES[n].subjects} - {NOBODY}),
                "data_categories": sorted({c for n in mapped for c in TABLES[n].categories}),
                "tables": mapped,
                "recipients": [r["name"] for r in recipients],
                "retention": retention[key],
                "promises": list(activity.promises),
            }
        )
    return {
        "generated_at": clock.now_iso(),
        "server_version": __version__,
        "schema_version": schema_state(db).applied,
        "controller_contact": settings.privacy_contact,
        "activities": activities,
        "recipients": recipients,
        "transfers": {
            "data_location": settings.data_location,
            "outside_eea": [r for r in recipients if r["outside_eea"]],
            "note": "Nothing leaves the server unless configured (P19): the sub-processors "
            "above are the configured ones.",
        },
        "security_measures": list(SECURITY_MEASURES),
        "unmapped_tables": unmapped_tables(db),
    }

"""What an export holds: every table of the schema, either exported (as which file, with
which rows, and which columns left out) or left out as a whole, each with the reason.

The plan is data, so that the README of every export is written from it and a test holds
it against the live schema (tests/test_data_export.py): a new table, or a new column that
looks like a secret, fails that test until it is placed here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

ORG = "organisation_id = :organisation"


def _of(table: str, column: str) -> str:
    """Rows whose `column` points at one of the organisation's rows in `table`."""
    return f"{column} IN (SELECT id FROM {table} WHERE {ORG})"  # noqa: S608 - names from code


@dataclass(frozen=True)
class Part:
    """One file of the export: the rows of `table` that `where` selects (with the named
    parameters `:organisation` and `:user`), every column but those in `omit`."""

    file: str
    table: str
    about: str
    where: str = ORG
    omit: Mapping[str, str] = field(default_factory=dict)
    json_columns: tuple[str, ...] = ()
    """Columns stored as JSON text, written into the file as JSON values."""
    order: str | None = None
    """An ORDER BY of the part's own; by default the table's stable order (server/sql.py)."""


_PASSWORD = {"password_hash": "a secret: the password's argon2 hash, which nobody can read"}

ORGANISATION: tuple[Part, ...] = (
    Part(
        "profile.json",
        "organisations",
        "The organisation's profile as given at sign-up or corrected since: name, "
        "organisation number, VAT number, billing address and country.",
        where="id = :organisation",
    ),
    Part(
        "users.json",
        "users",
        "Every user account: name, e-mail address, role, whether it is active, when it was "
        "made and when its holder accepted the privacy policy and set a password.",
        omit=_PASSWORD,
    ),
    Part(
        "api-keys.json",
        "api_keys",
        "The API keys: name, the first characters (prefix), scopes, environment, who made "
        "them and when, expiry, revocation, and when and from which IP address each was "
        "last used.",
        omit={"secret_hash": "a secret: the key's hash, which would help guess the key"},
        json_columns=("scopes",),
    ),
    Part(
        "api-key-use.json",
        "api_key_use_days",
        "Each day an API key was used, and from which IP addresses (kept against fraud and "
        "abuse, P9).",
        where=_of("api_keys", "key_id"),
    ),
    Part(
        "audit-trail.json",
        "audit_events",
        "The audit trail: who did what and when, from which IP address (log-ins, changes "
        "to users, keys, settings, recordings, exports and erasures).",
        json_columns=("details",),
    ),
    Part("queues.json", "queues", "The queues visitors call into, with their service targets."),
    Part(
        "widgets.json",
        "widgets",
        "The widgets on the organisation's websites: allowed origins, opening hours, "
        "holidays, greetings, consent texts, colours and logo. A widget key is public: it "
        "is in the organisation's web pages.",
        json_columns=("allowed_origins", "weekly_hours", "holidays"),
    ),
    Part(
        "widget-queues.json",
        "widget_queues",
        "Which queues each widget offers, in order.",
        where=_of("widgets", "widget_id"),
    ),
    Part(
        "calls.json",
        "calls",
        "Every call record: its reference, queue, times, the clerk who took it, outcome "
        "and wrap-up. Nothing about the visitor is stored (P1).",
        omit={
            "rating_session_hash": "a hash of the visitor's browser-tab session, kept only "
            "until the call can no longer be rated"
        },
    ),
    Part(
        "call-ratings.json",
        "call_ratings",
        "The visitors' optional ratings of their calls: the call, its queue, the score (1 to "
        "5), the comment (kept 90 days) and the day. Nothing about the visitor (P1).",
    ),
    Part(
        "consent-events.json",
        "consent_events",
        "Each visitor's answers to the consent questions, per call, with the time and the "
        "version of the consent text they saw.",
    ),
    Part(
        "catalogue-settings.json",
        "catalogue_settings",
        "Whether catalogue prices include VAT.",
    ),
    Part(
        "products.json",
        "products",
        "The catalogue's products with their options and prices (prices in minor units, "
        "e.g. cents).",
        json_columns=("options",),
    ),
    Part(
        "product-images.json",
        "product_images",
        "The products' images: type and size here, the pictures themselves in the folder "
        "product-images/ (named as in the `data` field).",
        where="name IN (SELECT image FROM products WHERE organisation_id = :organisation)",
        order="name",
    ),
    Part("bundles.json", "bundles", "Bundles of products sold together, with their prices."),
    Part(
        "bundle-items.json",
        "bundle_items",
        "Which products each bundle holds, and how many.",
        where=_of("bundles", "bundle_id"),
    ),
    Part(
        "offer-settings.json",
        "offer_settings",
        "The offers' settings: validity, discount limits, approval.",
        json_columns=("settings",),
    ),
    Part(
        "offers.json",
        "offers",
        "Every offer made in a call: status, totals, validity, approval and acceptance.",
        omit={
            "pdf_token_hash": "a secret: the hash of the visitor's link to the offer's PDF",
        },
    ),
    Part(
        "offer-revisions.json",
        "offer_revisions",
        "Each revision of each offer, with its priced lines and discount decisions.",
        where=_of("offers", "offer_id"),
        json_columns=("content",),
    ),
    Part(
        "webhook-endpoint.json",
        "webhook_endpoints",
        "Where webhooks are sent, and which events.",
        omit={"secret_sealed": "a secret: the webhooks' signing key, encrypted"},
        json_columns=("events",),
    ),
    Part(
        "webhook-deliveries.json",
        "webhook_deliveries",
        "Webhooks sent or waiting: event, body and status.",
        json_columns=("body",),
    ),
    Part(
        "webhook-attempts.json",
        "webhook_attempts",
        "Each attempt to deliver a webhook: time, answer and duration.",
        where="delivery_n IN (SELECT n FROM webhook_deliveries WHERE organisation_id = "
        ":organisation)",
    ),
    Part(
        "recording-settings.json",
        "recording_settings",
        "How long recordings are kept, and whether the clerk's picture is recorded.",
    ),
    Part(
        "recordings.json",
        "recordings",
        "The list of recordings: call, clerk, size, duration, times, legal hold. The "
        "videos are not in this file: an admin downloads each one (decrypted) in the app's "
        "Recordings tab or from GET /api/v1/recordings/{id}/media.",
        omit={
            "wrapped_keyset": "a secret: the recording's encryption key, itself encrypted",
        },
    ),
    Part(
        "erasure-requests.json",
        "erasure_requests",
        "Requests to erase a user, a recording or a call's data: when asked, by whom, when "
        "due (30 days later) and when done, and what was kept for billing, tax or audit.",
        json_columns=("kept",),
    ),
    Part(
        "restrictions.json",
        "processing_restrictions",
        "The purposes the organisation (user_id null) or one of its users restricted: "
        "marketing, automated decisions, use of recordings for service improvement.",
    ),
    Part(
        "suggestion-settings.json",
        "suggestion_settings",
        "Whether offer suggestions to clerks (automated decisions, P16) are switched on.",
    ),
    Part(
        "closure.json",
        "organisation_closures",
        "If the account was closed: when, by whom, why, and which retention steps are done "
        "(docs/retention.md).",
    ),
    Part(
        "contacts.json",
        "organisation_contacts",
        "The administrators' names and addresses as they were at closure, kept as "
        "customer-relationship data for seven years.",
    ),
    Part(
        "invoices.json",
        "invoices",
        "Invoices: number, period, the customer's details as invoiced, lines and amounts.",
        json_columns=("customer", "lines"),
    ),
    Part(
        "support.json",
        "support_messages",
        "Messages to and from support: when, which way, correspondent, subject and text.",
    ),
)

NOT_SECRETS: Mapping[str, str] = {
    "users.password_changed_at": "when the password was last set; not the password",
    "offers.content_hash": "the SHA-256 of an offer's content, which proves it unchanged",
    "webhook_endpoints.secret_created_at": "when the signing key was made; not the key",
}
"""Columns whose names look like secrets (`rules.looks_secret`) but are not: exported."""

LEFT_OUT: Mapping[str, str] = {
    "sessions": "Log-in sessions: each is a token's hash (a secret) and the IP address it was "
    "opened from; they end within hours. Every log-in is in audit-trail.json with its address.",
    "password_tokens": "Codes to set or reset a password: secrets (hashed), valid for minutes (a "
    "reset) or days (an invitation).",
    "recording_keys": "The organisation's key for recordings, encrypted: a secret.",
    "recording_segments": "Where the encrypted pieces of each recording lie on disk: how the "
    "server stores a video, not data about anyone.",
    "live_visitors": "The live queue, while a visitor waits or talks: a hash of the visitor's "
    "session and the widget. Gone when the call ends; calls.json has the lasting record.",
    "live_clerks": "The live queue: which clerks are connected and available right now.",
    "live_calls": "The live queue: calls waiting or in progress right now; calls.json has "
    "each call's lasting record.",
    "throttles": "Counters of failed log-ins and reset requests, keyed by hashes; they name no "
    "organisation and are forgotten within the hour.",
    "mail_outbox": "Mails to users waiting to be sent; each is deleted once sent.",
    "products_fts": "The catalogue's search index, made from products.json.",
    "products_fts_config": "Part of the catalogue's search index.",
    "products_fts_data": "Part of the catalogue's search index.",
    "products_fts_docsize": "Part of the catalogue's search index.",
    "products_fts_idx": "Part of the catalogue's search index.",
    "_sqlite_migrations": "Which schema changes the database has had: about the server.",
    "sqlite_sequence": "SQLite's own counters.",
    "job_leases": "Which server process runs a job shared by all: about the server.",
    "legal_holds": "The operator's legal holds: the law may forbid telling of an investigation "
    "(P18); while one holds data, erasure waits for it.",
    "policy_versions": "The privacy policy's versions: the same for every organisation, and "
    "public at /privacy/policy.",
    "service_figures": "Monthly call counts of the whole server: no organisation, user or call.",
}

USER: tuple[Part, ...] = (
    Part(
        "me.json",
        "users",
        "Your account: name, e-mail address, role, whether it is active, when it was made and "
        "when you accepted the privacy policy and set a password.",
        where="id = :user AND organisation_id = :organisation",
        omit=_PASSWORD,
    ),
    Part(
        "my-audit-trail.json",
        "audit_events",
        "The audit trail's entries about you: what you did (with the IP address you did it "
        "from) and what was done to your account.",
        where=f"{ORG} AND (actor_user_id = :user OR target = :user)",
        json_columns=("details",),
    ),
    Part(
        "my-restrictions.json",
        "processing_restrictions",
        "The purposes you restricted for your own account.",
        where=f"{ORG} AND user_id = :user",
    ),
)

"""Versioned schema migrations (sqlite-utils `Migrations`), applied in order on start.

Append new migrations at the end; never edit one that has shipped.
"""

from __future__ import annotations

from pathlib import Path

from sqlite_utils.migrations import Migrations

from server.sql import Database

migrations = Migrations("videoclerk")


def _run(db: Database, script: str) -> None:
    # executescript() would commit the migration's transaction, so run statements one by one.
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


@migrations()
def m001_accounts(db: Database) -> None:
    _run(
        db,
        """
CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    organisation_number TEXT NOT NULL,
    vat_number TEXT NOT NULL,
    billing_street TEXT NOT NULL,
    billing_postal_code TEXT NOT NULL,
    billing_city TEXT NOT NULL,
    country TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE users (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'supervisor', 'clerk')),
    password_hash TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    policy_version TEXT,
    policy_accepted_at TEXT,
    age_confirmed_at TEXT,
    password_changed_at TEXT,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    first_failure_at TEXT,
    locked_until TEXT
);
CREATE INDEX users_organisation ON users(organisation_id);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    ip TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE password_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('reset', 'invite')),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX password_tokens_user ON password_tokens(user_id);
CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    prefix TEXT NOT NULL,
    secret_hash TEXT NOT NULL UNIQUE,
    scopes TEXT NOT NULL,
    environment TEXT NOT NULL,
    supplied_by_customer INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    created_by TEXT,
    expires_at TEXT,
    revoked_at TEXT,
    replaced_by TEXT,
    last_used_at TEXT,
    last_used_ip TEXT
);
CREATE INDEX api_keys_organisation ON api_keys(organisation_id);
CREATE TABLE api_key_use_days (
    key_id TEXT NOT NULL REFERENCES api_keys(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    ip TEXT NOT NULL,
    PRIMARY KEY (key_id, day, ip)
);
CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organisation_id TEXT REFERENCES organisations(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    event TEXT NOT NULL,
    actor_user_id TEXT,
    actor_key_id TEXT,
    ip TEXT,
    target TEXT,
    details TEXT
);
CREATE INDEX audit_events_organisation ON audit_events(organisation_id, id)
""",
    )


@migrations()
def m002_widgets(db: Database) -> None:
    _run(
        db,
        """
CREATE TABLE queues (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    name_en TEXT NOT NULL,
    name_nl TEXT NOT NULL,
    max_length INTEGER NOT NULL CHECK (max_length BETWEEN 1 AND 1000),
    target_seconds INTEGER NOT NULL,
    target_share REAL NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX queues_organisation ON queues(organisation_id);
CREATE TABLE widgets (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    widget_key TEXT NOT NULL UNIQUE,
    allowed_origins TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    weekly_hours TEXT NOT NULL,
    holidays TEXT NOT NULL,
    privacy_notice_url TEXT NOT NULL,
    greeting_en TEXT NOT NULL,
    greeting_nl TEXT NOT NULL,
    brand_colour TEXT NOT NULL,
    logo TEXT,
    consent_recording_en TEXT NOT NULL,
    consent_recording_nl TEXT NOT NULL,
    consent_transcription_en TEXT NOT NULL,
    consent_transcription_nl TEXT NOT NULL,
    consent_text_version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX widgets_organisation ON widgets(organisation_id);
CREATE TABLE widget_queues (
    widget_id TEXT NOT NULL REFERENCES widgets(id) ON DELETE CASCADE,
    queue_id TEXT NOT NULL REFERENCES queues(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (widget_id, queue_id)
);
CREATE INDEX widget_queues_queue ON widget_queues(queue_id)
""",
    )


@migrations()
def m003_calls(db: Database) -> None:
    _run(
        db,
        """
CREATE TABLE calls (
    id TEXT PRIMARY KEY,
    reference TEXT NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    queue_id TEXT NOT NULL,
    widget_id TEXT,
    joined_at TEXT NOT NULL,
    answered_at TEXT,
    ended_at TEXT,
    wait_seconds REAL,
    target_seconds INTEGER NOT NULL,
    clerk_user_id TEXT,
    outcome TEXT CHECK (outcome IN ('answered', 'abandoned', 'rejected', 'failed')),
    end_reason TEXT,
    wrap_up_outcome TEXT,
    wrap_up_note TEXT,
    rejoined_from TEXT
);
CREATE UNIQUE INDEX calls_reference ON calls(organisation_id, reference);
CREATE INDEX calls_organisation_joined ON calls(organisation_id, joined_at);
CREATE TABLE consent_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    call_id TEXT NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
    recording INTEGER NOT NULL,
    transcription INTEGER NOT NULL,
    text_version TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX consent_events_call ON consent_events(call_id)
""",
    )


@migrations()
def m004_live_queue(db: Database) -> None:
    """The live queue written through, so that a restarted server rebuilds it (docs/protocol.md).

    Rows live only while a visitor waits or talks, or a clerk is connected; nothing here
    identifies a visitor: the session id is kept as a hash (P1).
    """
    _run(
        db,
        """
CREATE TABLE live_visitors (
    session_hash TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    widget_id TEXT NOT NULL,
    widget_key TEXT NOT NULL,
    language TEXT NOT NULL,
    call_id TEXT,
    rejoinable_call_id TEXT,
    connected INTEGER NOT NULL
);
CREATE TABLE live_clerks (
    user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    state TEXT NOT NULL,
    since TEXT NOT NULL,
    call_id TEXT,
    connected INTEGER NOT NULL
);
CREATE TABLE live_calls (
    id TEXT PRIMARY KEY REFERENCES calls(id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    queue_id TEXT NOT NULL,
    queue_name TEXT NOT NULL,
    reference TEXT NOT NULL,
    session_hash TEXT NOT NULL,
    joined_at TEXT NOT NULL,
    recording INTEGER NOT NULL,
    transcription INTEGER NOT NULL,
    consent_at TEXT NOT NULL,
    text_version TEXT NOT NULL,
    camera INTEGER NOT NULL,
    target_seconds INTEGER NOT NULL,
    rank REAL NOT NULL,
    clerk_id TEXT
);
CREATE INDEX live_calls_line ON live_calls(organisation_id, queue_id, clerk_id, rank)
""",
    )


@migrations()
def m005_throttles_and_mail_outbox(db: Database) -> None:
    """Log-in and reset counters that concurrent requests cannot race; mail sent after commit.

    `throttles.key` is a SHA-256 of what is counted (an e-mail address, a client address or
    both), so rows exist alike for known and unknown addresses and hold neither in clear.
    The users' own failure columns gave way to these counters. A mail's secret (a reset or
    invitation code) is not in `mail_outbox`: only a reference to it, kept in memory (P17).
    """
    _run(
        db,
        """
CREATE TABLE throttles (
    key TEXT PRIMARY KEY,
    subject TEXT,
    attempts INTEGER NOT NULL,
    window_ends REAL NOT NULL,
    not_before REAL NOT NULL
);
CREATE INDEX throttles_subject ON throttles(subject);
CREATE INDEX throttles_window_ends ON throttles(window_ends);
CREATE TABLE mail_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    secret_ref TEXT,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox(next_attempt_at);
ALTER TABLE users DROP COLUMN failed_logins;
ALTER TABLE users DROP COLUMN first_failure_at;
ALTER TABLE users DROP COLUMN locked_until
""",
    )


@migrations()
def m006_catalogue(db: Database) -> None:
    """Products with options, bundles, images, the VAT setting, and a search index.

    `products.n` is the rowid the FTS5 index points at; the triggers keep the index in step
    with every insert, update and delete (docs/catalogue.md). Its `rank` is bm25 weighting
    a SKU hit most, then names, then option texts; ordering by `rank` (not by a `bm25()`
    expression) lets FTS5 sort inside the index, four times faster. No statement may end a line
    inside a trigger body: `_run` splits the script at semicolons that end a line.
    """
    _run(
        db,
        """
CREATE TABLE catalogue_settings (
    organisation_id TEXT PRIMARY KEY REFERENCES organisations(id) ON DELETE CASCADE,
    prices_include_vat INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE product_images (
    name TEXT PRIMARY KEY,
    media_type TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    data BLOB NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE products (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    sku TEXT NOT NULL,
    name_en TEXT NOT NULL,
    name_nl TEXT NOT NULL,
    description_en TEXT NOT NULL,
    description_nl TEXT NOT NULL,
    price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
    currency TEXT NOT NULL,
    vat_rate TEXT NOT NULL,
    active INTEGER NOT NULL,
    options TEXT NOT NULL,
    option_text TEXT NOT NULL,
    image TEXT REFERENCES product_images(name),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (organisation_id, sku)
);
CREATE INDEX products_image ON products(image);
CREATE VIRTUAL TABLE products_fts USING fts5(
    sku, name_en, name_nl, option_text,
    content='products', content_rowid='n', tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO products_fts (products_fts, rank) VALUES ('rank', 'bm25(4.0, 2.0, 2.0, 1.0)');
CREATE TRIGGER products_ai AFTER INSERT ON products BEGIN
    INSERT INTO products_fts (rowid, sku, name_en, name_nl, option_text)
    VALUES (new.n, new.sku, new.name_en, new.name_nl, new.option_text); END;
CREATE TRIGGER products_ad AFTER DELETE ON products BEGIN
    INSERT INTO products_fts (products_fts, rowid, sku, name_en, name_nl, option_text)
    VALUES ('delete', old.n, old.sku, old.name_en, old.name_nl, old.option_text); END;
CREATE TRIGGER products_au AFTER UPDATE OF sku, name_en, name_nl, option_text ON products BEGIN
    INSERT INTO products_fts (products_fts, rowid, sku, name_en, name_nl, option_text)
    VALUES ('delete', old.n, old.sku, old.name_en, old.name_nl, old.option_text); INSERT
    INTO products_fts (rowid, sku, name_en, name_nl, option_text)
    VALUES (new.n, new.sku, new.name_en, new.name_nl, new.option_text); END;
CREATE TABLE bundles (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    sku TEXT NOT NULL,
    name_en TEXT NOT NULL,
    name_nl TEXT NOT NULL,
    description_en TEXT NOT NULL,
    description_nl TEXT NOT NULL,
    price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
    currency TEXT NOT NULL,
    vat_rate TEXT NOT NULL,
    active INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (organisation_id, sku)
);
CREATE TABLE bundle_items (
    bundle_id TEXT NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
    product_id TEXT NOT NULL REFERENCES products(id),
    quantity INTEGER NOT NULL CHECK (quantity >= 1),
    position INTEGER NOT NULL,
    PRIMARY KEY (bundle_id, product_id)
);
CREATE INDEX bundle_items_product ON bundle_items(product_id)
""",
    )


@migrations()
def m007_webhooks(db: Database) -> None:
    """Webhook endpoints (one per organisation), the delivery outbox and every attempt.

    The signing secret is stored only encrypted (AEAD, keyset in the data folder). A delivery
    is claimed by one process at a time (`claim` and `lease_until`); `n` orders and pages.
    """
    _run(
        db,
        """
CREATE TABLE webhook_endpoints (
    organisation_id TEXT PRIMARY KEY REFERENCES organisations(id) ON DELETE CASCADE,
    url TEXT,
    enabled INTEGER NOT NULL DEFAULT 0,
    events TEXT NOT NULL,
    secret_sealed BLOB,
    secret_created_at TEXT,
    updated_at TEXT NOT NULL
);
CREATE TABLE webhook_deliveries (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    event_type TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'delivering', 'delivered', 'failed')),
    failures INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    next_attempt_at TEXT,
    claim TEXT,
    lease_until TEXT,
    delivered_at TEXT
);
CREATE INDEX webhook_deliveries_organisation ON webhook_deliveries(organisation_id, n);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(status, next_attempt_at);
CREATE TABLE webhook_attempts (
    n INTEGER PRIMARY KEY,
    delivery_n INTEGER NOT NULL REFERENCES webhook_deliveries(n) ON DELETE CASCADE,
    at TEXT NOT NULL,
    http_status INTEGER,
    error TEXT,
    duration_ms INTEGER NOT NULL,
    response_excerpt TEXT
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts(delivery_n)
""",
    )


@migrations()
def m008_offers(db: Database) -> None:
    """Offers (docs/offers.md): one per call, with immutable numbered revisions.

    `offers` holds the latest revision's status and figures for listing and filtering; each
    revision's priced content is JSON, exactly what its content hash is taken of. No visitor
    data: an offer knows its call id only (P1). The visitor's PDF link is stored as a hash.
    """
    _run(
        db,
        """
CREATE TABLE offer_settings (
    organisation_id TEXT PRIMARY KEY REFERENCES organisations(id) ON DELETE CASCADE,
    settings TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE offers (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    call_id TEXT NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
    clerk_id TEXT NOT NULL REFERENCES users(id),
    revision INTEGER NOT NULL,
    status TEXT NOT NULL,
    currency TEXT NOT NULL,
    gross_minor INTEGER NOT NULL,
    valid_until_at TEXT NOT NULL,
    approved_percent TEXT,
    pdf_token_hash TEXT,
    reference TEXT UNIQUE,
    accepted_at TEXT,
    content_hash TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (organisation_id, call_id)
);
CREATE INDEX offers_listing ON offers(organisation_id, created_at, id);
CREATE INDEX offers_pending ON offers(organisation_id, status);
CREATE TABLE offer_revisions (
    offer_id TEXT NOT NULL REFERENCES offers(id) ON DELETE CASCADE,
    revision INTEGER NOT NULL,
    status TEXT NOT NULL,
    content TEXT NOT NULL,
    discount_percent TEXT NOT NULL,
    limit_percent TEXT NOT NULL,
    decided_by TEXT REFERENCES users(id),
    decided_at TEXT,
    decision_note TEXT,
    PRIMARY KEY (offer_id, revision)
)
""",
    )


@migrations()
def m009_recordings(db: Database) -> None:
    """Recordings (docs/recordings.md): tus uploads, encrypted segments, keys, retention.

    A recording is its tus upload: `received` (the tus offset) counts the plaintext bytes
    stored and acknowledged; `status` turns `complete` once the whole file's sha256 is
    verified. Its
    streaming-AEAD keyset is stored wrapped by its organisation's key (`recording_keys`,
    itself wrapped by the master key from the settings): deleting the row deletes the only
    copy of the key. `recording_segments` lists the encrypted pieces on disk, each its own
    stream, written in the same transaction that moves the offset.
    """
    _run(
        db,
        """
CREATE TABLE recording_keys (
    organisation_id TEXT PRIMARY KEY REFERENCES organisations(id) ON DELETE CASCADE,
    wrapped_keyset BLOB NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE recording_settings (
    organisation_id TEXT PRIMARY KEY REFERENCES organisations(id) ON DELETE CASCADE,
    retention_days INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE recordings (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    call_id TEXT NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
    clerk_id TEXT NOT NULL REFERENCES users(id),
    client_recording_id TEXT NOT NULL,
    length INTEGER NOT NULL,
    received INTEGER NOT NULL DEFAULT 0,
    sha256 TEXT NOT NULL,
    content_type TEXT NOT NULL,
    duration_seconds REAL,
    wrapped_keyset BLOB NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('uploading', 'complete')),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    completed_at TEXT,
    legal_hold INTEGER NOT NULL DEFAULT 0,
    hold_reason TEXT,
    UNIQUE (organisation_id, client_recording_id)
);
CREATE INDEX recordings_listing ON recordings(organisation_id, created_at, id);
CREATE INDEX recordings_call ON recordings(organisation_id, call_id);
CREATE INDEX recordings_due ON recordings(status, expires_at);
CREATE TABLE recording_segments (
    recording_id TEXT NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    length INTEGER NOT NULL,
    PRIMARY KEY (recording_id, start)
)
""",
    )


@migrations()
def m010_recording_mode(db: Database) -> None:
    """Consent per widget (docs/recordings.md): may calls be recorded, and must they be?

    `widgets.recording_mode`: `off`, `offered` (the visitor decides) or `required`. A live
    call keeps the mode it was joined under, so that a change of the widget mid-call does not
    change what the visitor agreed to. Each consent event also says which questions the
    visitor answered in it (space-separated keys; the recording question is not asked when
    recording is off, nor when one answer was changed) and under which mode.
    """
    _run(
        db,
        """
ALTER TABLE widgets ADD COLUMN recording_mode TEXT NOT NULL DEFAULT 'offered'
    CHECK (recording_mode IN ('off', 'offered', 'required'));
ALTER TABLE live_calls ADD COLUMN recording_mode TEXT NOT NULL DEFAULT 'offered';
ALTER TABLE consent_events ADD COLUMN questions TEXT NOT NULL DEFAULT 'recording transcription';
ALTER TABLE consent_events ADD COLUMN recording_mode TEXT NOT NULL DEFAULT 'offered'
""",
    )


@migrations()
def m011_record_clerk_video(db: Database) -> None:
    """Whether an organisation records the clerk's picture too (the visitor's always is, with
    consent): `recording_settings.clerk_video`, off unless an admin switches it on."""
    _run(
        db,
        """
ALTER TABLE recording_settings ADD COLUMN clerk_video INTEGER NOT NULL DEFAULT 0;
""",
    )


@migrations()
def m012_closure_retention_and_holds(db: Database) -> None:
    """Account closure, what is kept after it, and legal holds (docs/retention.md; P10, P12).

    `organisations.closed_at` is set once and for all when the account closes; the closure's
    own row says who closed it, why, and which retention steps are done. Contacts are the
    admins' names and addresses as they were at closure: customer-relationship data kept
    seven years, while the users themselves go within 60 days. `invoices` (billing data,
    with the customer's details as invoiced) and `support_messages` are where an invoicing
    or help-desk integration writes; their retention rules apply already. A legal hold names
    an organisation, or one call of it; `service_figures` are monthly call counts without any
    organisation, user or call: the aggregates that may stay.
    """
    _run(
        db,
        """
ALTER TABLE organisations ADD COLUMN closed_at TEXT;
CREATE TABLE organisation_closures (
    organisation_id TEXT PRIMARY KEY REFERENCES organisations(id) ON DELETE CASCADE,
    closed_at TEXT NOT NULL,
    closed_by TEXT,
    reason TEXT NOT NULL CHECK (reason IN ('requested', 'minor')),
    account_data_erased_at TEXT,
    support_erased_at TEXT,
    profile_erased_at TEXT,
    billing_erased_at TEXT
);
CREATE TABLE organisation_contacts (
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    role TEXT NOT NULL
);
CREATE INDEX organisation_contacts_organisation ON organisation_contacts(organisation_id);
CREATE TABLE invoices (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    number TEXT NOT NULL UNIQUE,
    issued_at TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    customer TEXT NOT NULL,
    lines TEXT NOT NULL,
    currency TEXT NOT NULL,
    net_minor INTEGER NOT NULL,
    vat_minor INTEGER NOT NULL,
    gross_minor INTEGER NOT NULL
);
CREATE INDEX invoices_organisation ON invoices(organisation_id, issued_at);
CREATE TABLE support_messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('from_customer', 'to_customer')),
    correspondent TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX support_messages_organisation ON support_messages(organisation_id, at);
CREATE TABLE legal_holds (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    call_id TEXT,
    reason TEXT NOT NULL,
    set_at TEXT NOT NULL,
    lifted_at TEXT,
    lift_reason TEXT
);
CREATE INDEX legal_holds_organisation ON legal_holds(organisation_id, lifted_at);
CREATE TABLE service_figures (
    month TEXT PRIMARY KEY,
    calls INTEGER NOT NULL,
    answered INTEGER NOT NULL,
    abandoned INTEGER NOT NULL,
    wait_seconds REAL NOT NULL
)
""",
    )


@migrations()
def m013_dsr_requests(db: Database) -> None:
    """Requests about one's own data (docs/data-requests.md; P5, P11).

    `erasure_requests` tracks an erasure of one item (a user, a recording, a call's data)
    from the request to the day it is done; `due_at` is 30 days after `requested_at`.
    `target` is the item's id (random, not personal); `requested_by` has no foreign key, as
    the user who asked may be the one erased. `kept` lists, as JSON, what stays and why
    (billing, tax or audit).

    `processing_restrictions`: a row is a purpose an organisation (`user_id` NULL) or one of
    its users has restricted (`server/datarequests/restrictions.py`).
    """
    _run(
        db,
        """
CREATE TABLE erasure_requests (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('user', 'recording', 'call')),
    target TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    due_at TEXT NOT NULL,
    done_at TEXT,
    requested_by TEXT,
    kept TEXT
);
CREATE INDEX erasure_requests_listing ON erasure_requests(organisation_id, requested_at);
CREATE INDEX erasure_requests_open ON erasure_requests(done_at, due_at);
CREATE TABLE processing_restrictions (
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL
        CHECK (purpose IN ('marketing', 'automated_decisions', 'service_improvement')),
    restricted_at TEXT NOT NULL,
    restricted_by TEXT
);
CREATE UNIQUE INDEX processing_restrictions_one
    ON processing_restrictions(organisation_id, ifnull(user_id, ''), purpose)
""",
    )


@migrations()
def m014_policy_versions(db: Database) -> None:
    """Privacy-policy versions with effective dates (P15; docs/privacy.md).

    A version takes effect when the server's clock passes `effective_at`; a `material` one
    must be accepted anew at the next log-in by every user who accepted an earlier one. The
    policy the product shipped with (effective 1 May 2020, Dutch) is the first version, read
    from the file shipped beside the server's code.
    """
    _run(
        db,
        """
CREATE TABLE policy_versions (
    version TEXT PRIMARY KEY,
    effective_at TEXT NOT NULL,
    material INTEGER NOT NULL,
    summary TEXT NOT NULL,
    language TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX policy_versions_effective ON policy_versions(effective_at)
""",
    )
    first = Path(__file__).parent / "data" / "privacy-policy-2020-05-01-nl.txt"
    db.execute(
        "INSERT INTO policy_versions VALUES (?, ?, 1, ?, 'nl', ?, ?)",
        [
            "2020-05-01",
            "2020-05-01T00:00:00.000000+00:00",
            "The privacy policy videoclerk shipped with.",
            first.read_text(encoding="utf-8"),
            "2020-05-01T00:00:00.000000+00:00",
        ],
    )


@migrations()
def m015_policy_mail_kinds_and_marketing(db: Database) -> None:
    """Mail by kind, and the users' marketing choice (P13).

    `mail_outbox.kind`: `account` (password codes, invitations), `service` (maintenance,
    security, policy notices: always sent) or `marketing` (only to users who opted in, checked
    again when the mail is sent, so an unsubscribe ends even mail already queued).
    `mail_outbox.user_id` names the recipient for the unsubscribe link. Marketing is opt-in:
    `users.marketing_opt_in` is 0 until the user switches it on.
    """
    _run(
        db,
        """
ALTER TABLE mail_outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'account'
    CHECK (kind IN ('account', 'service', 'marketing'));
ALTER TABLE mail_outbox ADD COLUMN user_id TEXT;
ALTER TABLE users ADD COLUMN marketing_opt_in INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN marketing_changed_at TEXT
""",
    )


@migrations()
def m016_policy_offer_suggestions(db: Database) -> None:
    """Whether an organisation asked for offer suggestions (P16): off unless an admin says so."""
    _run(
        db,
        """
CREATE TABLE suggestion_settings (
    organisation_id TEXT PRIMARY KEY REFERENCES organisations(id) ON DELETE CASCADE,
    offer_suggestions INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
)
""",
    )


@migrations()
def m017_job_leases(db: Database) -> None:
    """Which server process runs a job shared by all of them, until when (server/leases)."""
    _run(
        db,
        """
CREATE TABLE job_leases (
    job TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    until TEXT NOT NULL
)
""",
    )


@migrations()
def m018_mail_claims(db: Database) -> None:
    """Which server process sends a queued mail, until when (server/mail/outbox.py): several
    processes on one database send each mail once, and a mail holding a code stays with the
    process that keeps the code in memory."""
    _run(
        db,
        """
ALTER TABLE mail_outbox ADD COLUMN held_by TEXT;
ALTER TABLE mail_outbox ADD COLUMN held_until TEXT
""",
    )


@migrations()
def m019_live_calls_without_queue_name(db: Database) -> None:
    """A live call no longer keeps its queue's name (in the visitor's language): clerks'
    snapshots name each queue from `queues`, in every language, and the app shows its own."""
    _run(db, "ALTER TABLE live_calls DROP COLUMN queue_name")


@migrations()
def m020_call_ratings(db: Database) -> None:
    """The visitors' optional rating of a call (server/ratings): a score of 1 to 5 and an
    optional comment, with the call, its queue and the day; nothing about the visitor (P1).

    `calls.rating_session_hash` is the hash of the visitor's tab session (as in
    `live_calls.session_hash`): only that tab may rate the call. It is cleared once the call
    is rated or the time to rate it has passed; a comment goes after its retention period.
    """
    _run(
        db,
        """
ALTER TABLE calls ADD COLUMN rating_session_hash TEXT;
CREATE TABLE call_ratings (
    call_id TEXT PRIMARY KEY REFERENCES calls(id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    queue_id TEXT NOT NULL,
    score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment TEXT,
    day TEXT NOT NULL,
    rated_at TEXT NOT NULL
);
CREATE INDEX call_ratings_day ON call_ratings(organisation_id, day)
""",
    )

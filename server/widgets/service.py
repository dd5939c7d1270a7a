"""Queue and widget operations as keyword-only functions, and what the queue runtime asks of them.

The queue runtime (server/queue) calls `widget_context` when a visitor says hello, and
`list_queues` and `queue_names` for clerks' and supervisors' views (the names in every language:
each app shows its own); it never reads these tables itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from server import clock, security
from server.access import Caller
from server.accounts import store as accounts_store
from server.audit import service as audit
from server.problems import ProblemError, not_found
from server.sql import Database
from server.widgets import rules, store
from server.widgets.models import (
    BusinessHours,
    ConsentQuestions,
    CreateQueueRequest,
    CreateWidgetRequest,
    LocalText,
    PanelConfig,
    PanelConsent,
    PanelQueue,
    Queue,
    QueueName,
    QueueOut,
    RecordingMode,
    UpdateQueueRequest,
    UpdateWidgetRequest,
    Widget,
    WidgetOut,
)

Row = dict[str, Any]


@dataclass(frozen=True)
class QueueDefinition:
    id: str
    organisation_id: str
    name: str
    max_length: int
    target_seconds: int
    target_share: float


@dataclass(frozen=True)
class WidgetContext:
    organisation_id: str
    widget_id: str
    widget_key: str
    allowed_origins: tuple[str, ...]
    queues: tuple[QueueDefinition, ...]  # names in the requested language
    is_open: bool
    opens_at: str | None  # ISO time of the next opening when closed
    consent_text_version: str
    recording_mode: RecordingMode
    organisation_closed: bool = False
    """The organisation's account is closed: visitors are refused (P12)."""


def _language(language: str) -> str:
    return "nl" if language == "nl" else "en"


def _audit(db: Database, caller: Caller, event: str, target: str, **details: Any) -> None:
    audit.record(
        db,
        event=event,
        organisation_id=caller.organisation_id,
        ip=caller.ip,
        target=target,
        details=details or None,
        **caller.actor,
    )


# ---- queues ------------------------------------------------------------------------------------


def queue_out(queue: Queue) -> QueueOut:
    return QueueOut(
        id=queue.id,
        name=QueueName(en=queue.name_en or None, nl=queue.name_nl or None),
        max_length=queue.max_length,
        target_seconds=queue.target_seconds,
        target_share=queue.target_share,
        created_at=queue.created_at,
        updated_at=queue.updated_at,
    )


def _definition(queue: Queue, language: str) -> QueueDefinition:
    return QueueDefinition(
        id=queue.id,
        organisation_id=queue.organisation_id,
        name=rules.local_name(queue.name_en, queue.name_nl, _language(language)),
        max_length=queue.max_length,
        target_seconds=queue.target_seconds,
        target_share=queue.target_share,
    )


def list_queues(db: Database, *, organisation_id: str) -> list[Queue]:
    return store.list_queues(db, organisation_id)


def local_names(queue: Queue) -> dict[str, str]:
    """The queue's name in each language, for clerks' apps, which show the one they speak; a
    language without a name of its own gets the other's (`rules.local_name`)."""
    return {
        language: rules.local_name(queue.name_en, queue.name_nl, language)
        for language in ("en", "nl")
    }


def queue_names(db: Database, *, organisation_id: str) -> dict[str, dict[str, str]]:
    """Every queue's names by its id."""
    return {q.id: local_names(q) for q in store.list_queues(db, organisation_id)}


def get_queue(db: Database, *, organisation_id: str, queue_id: str) -> Queue:
    queue = store.get_queue(db, organisation_id, queue_id)
    if queue is None:
        raise not_found("queue")
    return queue


def _queue_columns(fields: dict[str, Any]) -> Row:
    columns = {k: v for k, v in fields.items() if k != "name"}
    if "name" in fields:
        names = fields["name"]  # a name left out is kept as "" (the columns are NOT NULL)
        columns |= {"name_en": names.get("en") or "", "name_nl": names.get("nl") or ""}
    return columns


def create_queue(db: Database, *, caller: Caller, form: CreateQueueRequest) -> Queue:
    now = clock.now_iso()
    row = {
        "id": security.new_id("que"),
        "organisation_id": caller.organisation_id,
        **_queue_columns(form.model_dump()),
        "created_at": now,
        "updated_at": now,
    }
    with db.atomic():
        store.insert_queue(db, row)
        _audit(db, caller, "queue.created", row["id"])
    return get_queue(db, organisation_id=caller.organisation_id, queue_id=row["id"])


def update_queue(db: Database, *, caller: Caller, queue_id: str, form: UpdateQueueRequest) -> Queue:
    changes = form.model_dump(exclude_none=True)
    with db.atomic():
        get_queue(db, organisation_id=caller.organisation_id, queue_id=queue_id)
        if changes:
            store.update_queue(
                db,
                caller.organisation_id,
                queue_id,
                {**_queue_columns(changes), "updated_at": clock.now_iso()},
            )
            _audit(db, caller, "queue.updated", queue_id, fields=sorted(changes))
    return get_queue(db, organisation_id=caller.organisation_id, queue_id=queue_id)


def delete_queue(db: Database, *, caller: Caller, queue_id: str) -> None:
    """A queue that a widget offers stays until the widgets stop offering it."""
    with db.atomic():
        get_queue(db, organisation_id=caller.organisation_id, queue_id=queue_id)
        widgets = store.widgets_offering(db, caller.organisation_id, queue_id)
        if widgets:
            raise ProblemError(
                409,
                "queue_in_use",
                f"Widgets offer this queue ({', '.join(widgets)}). Remove it from them first.",
            )
        store.delete_queue(db, caller.organisation_id, queue_id)
        _audit(db, caller, "queue.deleted", queue_id)


# ---- widgets -----------------------------------------------------------------------------------


def embed_snippet(base_url: str, widget_key: str) -> str:
    return f'<script src="{base_url}/widget.js" data-widget="{widget_key}" async></script>'


def _hours(widget: Widget) -> rules.Hours:
    return rules.Hours.of(
        widget.time_zone, widget.weekly_hours, (date.fromisoformat(d) for d in widget.holidays)
    )


def _consent(widget: Widget) -> ConsentQuestions:
    return ConsentQuestions(
        recording=LocalText(en=widget.consent_recording_en, nl=widget.consent_recording_nl),
        transcription=LocalText(
            en=widget.consent_transcription_en, nl=widget.consent_transcription_nl
        ),
    )


def widget_out(db: Database, widget: Widget, *, base_url: str) -> WidgetOut:
    queues = store.widget_queues(db, widget.organisation_id, widget.id)
    return WidgetOut(
        id=widget.id,
        name=widget.name,
        widget_key=widget.widget_key,
        embed_snippet=embed_snippet(base_url, widget.widget_key),
        panel_url=f"{base_url}/w/{widget.widget_key}",
        queue_ids=[q.id for q in queues],
        allowed_origins=list(widget.allowed_origins),
        business_hours=BusinessHours.model_validate(
            {
                "time_zone": widget.time_zone,
                "weekly": widget.weekly_hours,
                "holidays": [date.fromisoformat(d) for d in widget.holidays],
            }
        ),
        privacy_notice_url=widget.privacy_notice_url,
        greeting=LocalText(en=widget.greeting_en, nl=widget.greeting_nl),
        brand_colour=widget.brand_colour,
        logo=widget.logo,
        consent=_consent(widget),
        consent_text_version=widget.consent_text_version,
        recording_mode=widget.recording_mode,
        created_at=widget.created_at,
        updated_at=widget.updated_at,
    )


def _widget_columns(fields: dict[str, Any]) -> Row:
    """Table columns from a widget form dumped in JSON mode (only the fields it holds)."""
    names = ("name", "brand_colour", "logo", "recording_mode")
    columns: Row = {k: fields[k] for k in names if k in fields}
    if "privacy_notice_url" in fields:
        columns["privacy_notice_url"] = str(fields["privacy_notice_url"])
    if "allowed_origins" in fields:
        columns["allowed_origins"] = json.dumps(list(dict.fromkeys(fields["allowed_origins"])))
    if "business_hours" in fields:
        hours = fields["business_hours"]
        columns |= {
            "time_zone": hours["time_zone"],
            "weekly_hours": json.dumps(hours["weekly"]),
            "holidays": json.dumps(hours["holidays"]),
        }
    if "greeting" in fields:
        columns |= {f"greeting_{lang}": fields["greeting"][lang] for lang in ("en", "nl")}
    if "consent" in fields:
        columns |= {
            f"consent_{question}_{lang}": fields["consent"][question][lang]
            for question in ("recording", "transcription")
            for lang in ("en", "nl")
        }
    return columns


def _checked_queue_ids(db: Database, organisation_id: str, queue_ids: list[str]) -> list[str]:
    wanted = list(dict.fromkeys(queue_ids))
    unknown = [q for q in wanted if q not in store.known_queue_ids(db, organisation_id, wanted)]
    if unknown:
        message = f"No queue with id {', '.join(unknown)} exists in your organisation."
        raise ProblemError(
            422, "unknown_queue", message, errors=[{"field": "queue_ids", "message": message}]
        )
    return wanted


def list_widgets(db: Database, *, organisation_id: str) -> list[Widget]:
    return store.list_widgets(db, organisation_id)


def get_widget(db: Database, *, organisation_id: str, widget_id: str) -> Widget:
    widget = store.get_widget(db, organisation_id, widget_id)
    if widget is None:
        raise not_found("widget")
    return widget


def create_widget(db: Database, *, caller: Caller, form: CreateWidgetRequest) -> Widget:
    now = clock.now_iso()
    fields = form.model_dump(mode="json", exclude={"queue_ids"})
    row = {
        "id": security.new_id("wdg"),
        "organisation_id": caller.organisation_id,
        "widget_key": rules.new_widget_key(),
        **_widget_columns(fields),
        "consent_text_version": 1,
        "created_at": now,
        "updated_at": now,
    }
    with db.atomic():
        queue_ids = _checked_queue_ids(db, caller.organisation_id, form.queue_ids)
        store.insert_widget(db, row)
        store.set_widget_queues(db, row["id"], queue_ids)
        _audit(db, caller, "widget.created", row["id"])
    return get_widget(db, organisation_id=caller.organisation_id, widget_id=row["id"])


def update_widget(
    db: Database, *, caller: Caller, widget_id: str, form: UpdateWidgetRequest
) -> Widget:
    """Change the fields sent (null removes only the logo); new consent texts get a new version."""
    fields = {
        name: value
        for name, value in form.model_dump(mode="json", exclude_unset=True).items()
        if value is not None or name == "logo"
    }
    changed = sorted(fields)
    with db.atomic():
        current = get_widget(db, organisation_id=caller.organisation_id, widget_id=widget_id)
        if not changed:
            return current
        if "queue_ids" in fields:
            queue_ids = _checked_queue_ids(db, caller.organisation_id, fields.pop("queue_ids"))
            store.set_widget_queues(db, widget_id, queue_ids)
        columns = _widget_columns(fields)
        if form.consent is not None and form.consent != _consent(current):
            columns["consent_text_version"] = current.consent_text_version + 1
        store.update_widget(
            db, caller.organisation_id, widget_id, {**columns, "updated_at": clock.now_iso()}
        )
        _audit(db, caller, "widget.updated", widget_id, fields=changed)
    return get_widget(db, organisation_id=caller.organisation_id, widget_id=widget_id)


def rotate_widget_key(db: Database, *, caller: Caller, widget_id: str) -> Widget:
    """A new public key at once; pages still using the old one show no widget."""
    with db.atomic():
        get_widget(db, organisation_id=caller.organisation_id, widget_id=widget_id)
        store.update_widget(
            db,
            caller.organisation_id,
            widget_id,
            {"widget_key": rules.new_widget_key(), "updated_at": clock.now_iso()},
        )
        _audit(db, caller, "widget.key_rotated", widget_id)
    return get_widget(db, organisation_id=caller.organisation_id, widget_id=widget_id)


def delete_widget(db: Database, *, caller: Caller, widget_id: str) -> None:
    with db.atomic():
        get_widget(db, organisation_id=caller.organisation_id, widget_id=widget_id)
        store.delete_widget(db, caller.organisation_id, widget_id)
        _audit(db, caller, "widget.deleted", widget_id)


# ---- what visitors' browsers and the queue runtime see ---------------------------------------


def _context(db: Database, widget: Widget, language: str, at: datetime | None) -> WidgetContext:
    hours = _hours(widget)
    moment = at or clock.now()
    open_now = rules.is_open(hours, moment)
    opening = None if open_now else rules.next_opening(hours, moment)
    queues = store.widget_queues(db, widget.organisation_id, widget.id)
    return WidgetContext(
        organisation_id=widget.organisation_id,
        widget_id=widget.id,
        widget_key=widget.widget_key,
        allowed_origins=widget.allowed_origins,
        queues=tuple(_definition(q, language) for q in queues),
        is_open=open_now,
        opens_at=opening.astimezone(hours.zone).isoformat(timespec="seconds") if opening else None,
        consent_text_version=str(widget.consent_text_version),
        recording_mode=widget.recording_mode,
        organisation_closed=accounts_store.is_closed(db, widget.organisation_id),
    )


def widget_context(
    db: Database, *, widget_key: str, language: str, at: datetime | None = None
) -> WidgetContext | None:
    """The widget a visitor's key names, as the queue runtime needs it; None for an unknown key.

    `at` (timezone-aware, default now) is the moment business hours are judged at.
    """
    widget = store.widget_by_key(db, widget_key)
    return None if widget is None else _context(db, widget, language, at)


def panel_config(
    db: Database, *, widget_key: str, language: str
) -> tuple[PanelConfig, WidgetContext] | None:
    """The panel's configuration in one language, with the context it was made from."""
    widget = store.widget_by_key(db, widget_key)
    if widget is None:
        return None
    lang = _language(language)
    context = _context(db, widget, lang, None)
    consent = _consent(widget)
    config = PanelConfig(
        language="nl" if lang == "nl" else "en",
        greeting=widget.greeting_nl if lang == "nl" else widget.greeting_en,
        brand_colour=widget.brand_colour,
        logo=widget.logo,
        queues=[PanelQueue(id=q.id, name=q.name) for q in context.queues],
        is_open=context.is_open,
        opens_at=context.opens_at,
        consent=PanelConsent(
            recording=getattr(consent.recording, lang),
            transcription=getattr(consent.transcription, lang),
        ),
        consent_text_version=context.consent_text_version,
        recording_mode=context.recording_mode,
        privacy_notice_url=widget.privacy_notice_url,
    )
    return config, context

"""Qt-free parts of the admin service: hours, logos, widget changes, audit query times."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta, timezone

import pytest

from clerk_app.admin.api import LocalText
from clerk_app.admin.audit.service import AuditFilter, audit_query
from clerk_app.admin.keys.service import ApiKey, NewApiKey
from clerk_app.admin.widgets.hours import (
    MAX_LOGO_BYTES,
    BusinessHours,
    format_intervals,
    logo_bytes,
    logo_bytes_to_data_url,
    parse_intervals,
)
from clerk_app.admin.widgets.service import Widget, WidgetDraft, widget_changes
from clerk_app.errors import ServiceError

# No server, no database: `make test-postgres` leaves these out (tests/conftest.py).
pytestmark = pytest.mark.engine_independent

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 20


def test_opening_hours_text_round_trips() -> None:
    spans = parse_intervals(" 9:00-12:00 ; 13:00 - 17:30,")
    assert spans == (("09:00", "12:00"), ("13:00", "17:30"))
    assert format_intervals(spans) == "09:00-12:00, 13:00-17:30"
    assert parse_intervals("") == ()
    assert parse_intervals("00:00-24:00") == (("00:00", "24:00"),)


@pytest.mark.parametrize("text", ["9-17", "09:00", "09:00-25:00", "09:60-10:00", "24:30-24:45"])
def test_unreadable_hours_name_the_part(text: str) -> None:
    with pytest.raises(ServiceError) as refused:
        parse_intervals(f"08:00-08:30, {text}")
    assert refused.value.code == "bad_hours"
    assert refused.value.message == text


def test_logo_becomes_a_data_url_by_its_content_not_its_name() -> None:
    url = logo_bytes_to_data_url(PNG, "logo.jpg")
    assert url.startswith("data:image/png;base64,")
    assert logo_bytes(url) == PNG
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'
    assert logo_bytes_to_data_url(svg).startswith("data:image/svg+xml;base64,")
    jpeg = b"\xff\xd8\xff\xe0" + b"\0" * 10
    assert base64.b64decode(logo_bytes_to_data_url(jpeg).split(",")[1]) == jpeg
    with pytest.raises(ServiceError) as wrong:
        logo_bytes_to_data_url(b"GIF89a....", "logo.gif")
    assert wrong.value.code == "logo_type"
    with pytest.raises(ServiceError) as big:
        logo_bytes_to_data_url(PNG + b"\0" * MAX_LOGO_BYTES)
    assert big.value.code == "logo_too_large"
    assert logo_bytes("not a data url") == b""


def widget(**overrides: object) -> Widget:
    fields: dict[str, object] = {
        "id": "wdg_1",
        "name": "Website",
        "widget_key": "wk_x",
        "embed_snippet": "<script …>",
        "panel_url": "http://x/w/wk_x",
        "queue_ids": ("que_1",),
        "allowed_origins": ("https://shop.example",),
        "business_hours": BusinessHours.of("Europe/Amsterdam", {"mon": [["09:00", "17:00"]]}),
        "privacy_notice_url": "https://shop.example/privacy",
        "greeting": LocalText("Hi", "Hoi"),
        "brand_colour": "#0a7d5a",
        "logo": None,
        "consent_recording": LocalText("Record?", "Opnemen?"),
        "consent_transcription": LocalText("Transcribe?", "Uitschrijven?"),
        "consent_text_version": 1,
        "recording_mode": "offered",
        "created_at": "2025-01-01T00:00:00+00:00",
        "updated_at": "2025-01-01T00:00:00+00:00",
    }
    fields.update(overrides)
    return Widget(**fields)  # type: ignore[arg-type]


def test_widget_changes_name_only_what_the_editor_changed() -> None:
    current = widget()
    same = WidgetDraft.of(current)
    assert widget_changes(current, same) == {}
    weekly = {"mon": [["09:00", "17:00"]], "sat": [["10:00", "12:00"]]}
    hours = BusinessHours.of("Europe/Amsterdam", weekly)
    draft = WidgetDraft(
        **{
            **same.__dict__,
            "business_hours": hours,
            "consent_recording": LocalText("May we record?", "Opnemen?"),
            "logo": logo_bytes_to_data_url(PNG),
        }
    )
    changes = widget_changes(current, draft)
    assert sorted(changes) == ["business_hours", "consent", "logo"]
    assert changes["business_hours"]["weekly"] == weekly
    assert changes["consent"]["recording"] == {"en": "May we record?", "nl": "Opnemen?"}
    # Removing the logo is sent as null; a text left empty (None) is left alone.
    with_logo = widget(logo=draft.logo)
    removed = WidgetDraft(**{**WidgetDraft.of(with_logo).__dict__, "logo": None, "greeting": None})
    assert widget_changes(with_logo, removed) == {"logo": None}
    required = WidgetDraft(**{**same.__dict__, "recording_mode": "required"})
    assert widget_changes(current, required) == {"recording_mode": "required"}


def test_audit_times_are_sent_in_the_servers_own_format() -> None:
    amsterdam = timezone(timedelta(hours=1))
    query = audit_query(
        AuditFilter(
            event="user.created",
            since=datetime(2025, 3, 4, 0, 0, tzinfo=amsterdam),
            until=datetime(2025, 3, 5, 0, 0, tzinfo=amsterdam),
        ),
        cursor=42,
        limit=10,
    )
    assert query == {
        "event": "user.created",
        "since": "2025-03-03T23:00:00.000000+00:00",
        "until": "2025-03-04T23:00:00.000000+00:00",
        "cursor": "42",
        "limit": "10",
    }
    assert datetime.fromisoformat(query["since"]).tzinfo == UTC


def test_a_new_keys_secret_never_shows_in_its_repr() -> None:
    key = ApiKey(
        "key_1",
        "shop",
        "vck_live_ab",
        "live",
        ("read",),
        "active",
        False,
        "2025-01-01",
        None,
        None,
        None,
        None,
        None,
    )
    assert "s3cret" not in repr(NewApiKey(key, "vck_live_s3cret"))

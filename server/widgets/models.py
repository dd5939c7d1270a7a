"""Queues and widgets as stored, the request and response bodies of their APIs, and the
panel's configuration."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    AnyHttpUrl,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    UrlConstraints,
    field_validator,
    model_validator,
)

from server.widgets import rules

# What one widget configuration may hold. Every visitor's `/w/<key>/config` is computed from
# it (the next opening walks a year of days through each day's intervals), so it stays small;
# anything larger is refused with 422 `invalid_input`. docs/widget.md lists these ("Limits").
MAX_NAME_CHARS = 100
MAX_TEXT_CHARS = 500
MAX_QUEUES = 20
MAX_ORIGINS = 20
MAX_ORIGIN_CHARS = 300
MAX_INTERVALS_PER_DAY = 8
MAX_HOLIDAYS = 400
MAX_URL_CHARS = 2000
MAX_LOGO_CHARS = 200_000
LIMITS = {
    "characters in a name": MAX_NAME_CHARS,
    "characters in a greeting or consent text": MAX_TEXT_CHARS,
    "queues per widget": MAX_QUEUES,
    "allowed origins per widget": MAX_ORIGINS,
    "characters in an origin": MAX_ORIGIN_CHARS,
    "opening intervals per weekday": MAX_INTERVALS_PER_DAY,
    "holidays": MAX_HOLIDAYS,
    "characters in the privacy notice URL": MAX_URL_CHARS,
    "characters in the logo's data URL": MAX_LOGO_CHARS,
}

RecordingMode = Literal["off", "offered", "required"]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Name = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NAME_CHARS)
]
Sentence = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT_CHARS)
]
Clock = Annotated[str, StringConstraints(pattern=r"^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$")]
DayIntervals = Annotated[list[tuple[Clock, Clock]], Field(max_length=MAX_INTERVALS_PER_DAY)]
Origin = Annotated[str, Field(max_length=MAX_ORIGIN_CHARS), AfterValidator(rules.normalise_origin)]
Colour = Annotated[str, AfterValidator(rules.normalise_colour)]
Logo = Annotated[str, Field(max_length=MAX_LOGO_CHARS), AfterValidator(rules.check_logo)]
TimeZone = Annotated[str, Field(max_length=100), AfterValidator(rules.check_time_zone)]
Id = Annotated[str, Field(min_length=1, max_length=100)]
NoticeUrl = Annotated[AnyHttpUrl, UrlConstraints(max_length=MAX_URL_CHARS)]


@dataclass(frozen=True, slots=True)
class Queue:
    """A queue as the store keeps it: its name in each language, "" where it has none
    (rules.local_name falls back to the other)."""

    id: str
    organisation_id: str
    name_en: str
    name_nl: str
    max_length: int
    target_seconds: int
    target_share: float
    created_at: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class Widget:
    """A widget's configuration as the store keeps it: texts per language in their own
    columns, business hours as their time zone, weekly intervals and holidays (ISO dates)."""

    id: str
    organisation_id: str
    name: str
    widget_key: str
    allowed_origins: tuple[str, ...]
    time_zone: str
    weekly_hours: dict[str, list[list[str]]]
    holidays: tuple[str, ...]
    privacy_notice_url: str
    greeting_en: str
    greeting_nl: str
    brand_colour: str
    logo: str | None
    consent_recording_en: str
    consent_recording_nl: str
    consent_transcription_en: str
    consent_transcription_nl: str
    consent_text_version: int
    created_at: str
    updated_at: str
    recording_mode: RecordingMode


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class QueueName(Strict):
    """A queue's name per language: one is enough. Where the other language's is asked for,
    this one is shown (rules.local_name). A blank name is no name."""

    en: Name | None = None
    nl: Name | None = None

    @field_validator("en", "nl", mode="before")
    @classmethod
    def _blank_is_none(cls, name: object) -> object:
        return None if isinstance(name, str) and not name.strip() else name

    @model_validator(mode="after")
    def _one_at_least(self) -> QueueName:
        if self.en is None and self.nl is None:
            raise ValueError("a queue needs a name in English or in Dutch")
        return self


class LocalText(Strict):
    en: Sentence
    nl: Sentence


# ---- queues ------------------------------------------------------------------------------------


class QueueFields(Strict):
    max_length: int = Field(50, ge=1, le=1000, description="Most visitors waiting at once.")
    target_seconds: int = Field(
        20, ge=1, le=3600, description="Service level: answered within this many seconds…"
    )
    target_share: float = Field(0.8, gt=0, le=1, description="…for at least this share of calls.")


class CreateQueueRequest(QueueFields):
    name: QueueName


class UpdateQueueRequest(Strict):
    name: QueueName | None = Field(None, description="Both languages; one may be left out.")
    max_length: int | None = Field(None, ge=1, le=1000)
    target_seconds: int | None = Field(None, ge=1, le=3600)
    target_share: float | None = Field(None, gt=0, le=1)


class QueueOut(BaseModel):
    id: str
    name: QueueName
    max_length: int
    target_seconds: int
    target_share: float
    created_at: str
    updated_at: str


class QueuePage(BaseModel):
    items: list[QueueOut]


# ---- widgets -----------------------------------------------------------------------------------


class BusinessHours(Strict):
    time_zone: TimeZone = Field(description="IANA time zone, e.g. Europe/Amsterdam.")
    weekly: dict[Weekday, DayIntervals] = Field(
        description='Opening intervals per weekday, e.g. {"mon": [["09:00", "17:00"]]}; '
        "a day left out is closed; 24:00 ends a day.",
    )
    holidays: list[date] = Field(
        default_factory=list,
        max_length=MAX_HOLIDAYS,
        description="Local dates the widget is closed.",
    )

    @field_validator("weekly")
    @classmethod
    def _intervals(
        cls, weekly: dict[Weekday, list[tuple[str, str]]]
    ) -> dict[Weekday, list[tuple[str, str]]]:
        return {
            day: rules.check_day_intervals(day, spans)
            for day, spans in sorted(weekly.items(), key=lambda item: rules.WEEKDAYS.index(item[0]))
            if spans
        }

    @field_validator("holidays")
    @classmethod
    def _sorted(cls, holidays: list[date]) -> list[date]:
        return sorted(set(holidays))


class ConsentQuestions(Strict):
    recording: LocalText
    transcription: LocalText


DEFAULT_GREETING = LocalText(
    en="Talk to us face to face. No sign-up needed.",
    nl="Spreek ons persoonlijk via video. Zonder account.",
)
DEFAULT_CONSENT = ConsentQuestions(
    recording=LocalText(
        en="May we record the video call?",
        nl="Mogen we het videogesprek opnemen?",
    ),
    transcription=LocalText(
        en="May we make a written transcript of the call?",
        nl="Mogen we een uitgeschreven tekst van het gesprek maken?",
    ),
)


class WidgetFields(Strict):
    greeting: LocalText = DEFAULT_GREETING
    brand_colour: Colour = Field("#0a7d5a", description="#rrggbb")
    logo: Logo | None = Field(
        None,
        description="A data: URL (base64) of a PNG, JPEG or SVG image, at most 100 kB. "
        "Kept in the widget so the panel never loads anything from another server.",
    )
    consent: ConsentQuestions = DEFAULT_CONSENT
    recording_mode: RecordingMode = Field(
        "offered",
        description="`off`: calls are never recorded and the panel does not ask; `offered`: "
        "the visitor decides; `required`: the panel announces the recording before joining and "
        "declining means not calling (docs/recordings.md).",
    )


class CreateWidgetRequest(WidgetFields):
    name: Name
    queue_ids: list[Id] = Field(min_length=1, max_length=MAX_QUEUES)
    allowed_origins: list[Origin] = Field(min_length=1, max_length=MAX_ORIGINS)
    business_hours: BusinessHours
    privacy_notice_url: NoticeUrl = Field(description="The organisation's privacy notice.")


class UpdateWidgetRequest(Strict):
    name: Name | None = None
    queue_ids: list[Id] | None = Field(None, min_length=1, max_length=MAX_QUEUES)
    allowed_origins: list[Origin] | None = Field(None, min_length=1, max_length=MAX_ORIGINS)
    business_hours: BusinessHours | None = None
    privacy_notice_url: NoticeUrl | None = None
    greeting: LocalText | None = None
    brand_colour: Colour | None = None
    logo: Logo | None = Field(None, description="Send null to remove the logo.")
    consent: ConsentQuestions | None = None
    recording_mode: RecordingMode | None = None


class WidgetOut(BaseModel):
    id: str
    name: str
    widget_key: str = Field(description="Public, unguessable; identifies the widget to visitors.")
    embed_snippet: str = Field(description="Paste this into the pages that show the widget.")
    panel_url: str = Field(description="The panel full-screen: a link you can send.")
    queue_ids: list[str]
    allowed_origins: list[str]
    business_hours: BusinessHours
    privacy_notice_url: str
    greeting: LocalText
    brand_colour: str
    logo: str | None
    consent: ConsentQuestions
    consent_text_version: int = Field(description="Goes up by one whenever a consent text changes.")
    recording_mode: RecordingMode
    created_at: str
    updated_at: str


class WidgetPage(BaseModel):
    items: list[WidgetOut]


# ---- the panel's public configuration ------------------------------------------------------------


class PanelQueue(BaseModel):
    id: str
    name: str


class PanelConsent(BaseModel):
    recording: str
    transcription: str


class PanelConfig(BaseModel):
    """What the visitor's panel needs, in one language. Nothing here is secret."""

    language: Literal["en", "nl"]
    greeting: str
    brand_colour: str
    logo: str | None
    queues: list[PanelQueue]
    is_open: bool
    opens_at: str | None = Field(description="ISO 8601 time of the next opening when closed.")
    consent: PanelConsent
    consent_text_version: str
    recording_mode: RecordingMode
    privacy_notice_url: str

"""Request and response bodies of the queue and widget APIs, and the panel's configuration."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    AnyHttpUrl,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from server.widgets import rules

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Sentence = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Clock = Annotated[str, StringConstraints(pattern=r"^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$")]
Origin = Annotated[str, Field(max_length=300), AfterValidator(rules.normalise_origin)]
Colour = Annotated[str, AfterValidator(rules.normalise_colour)]
Logo = Annotated[str, Field(max_length=200_000), AfterValidator(rules.check_logo)]
TimeZone = Annotated[str, Field(max_length=100), AfterValidator(rules.check_time_zone)]
Id = Annotated[str, Field(min_length=1, max_length=100)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LocalName(Strict):
    en: Name
    nl: Name


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
    name: LocalName


class UpdateQueueRequest(Strict):
    name: LocalName | None = None
    max_length: int | None = Field(None, ge=1, le=1000)
    target_seconds: int | None = Field(None, ge=1, le=3600)
    target_share: float | None = Field(None, gt=0, le=1)


class QueueOut(BaseModel):
    id: str
    name: LocalName
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
    weekly: dict[Weekday, list[tuple[Clock, Clock]]] = Field(
        description='Opening intervals per weekday, e.g. {"mon": [["09:00", "17:00"]]}; '
        "a day left out is closed; 24:00 ends a day.",
    )
    holidays: list[date] = Field(
        default_factory=list, max_length=400, description="Local dates the widget is closed."
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


class CreateWidgetRequest(WidgetFields):
    name: Name
    queue_ids: list[Id] = Field(min_length=1, max_length=20)
    allowed_origins: list[Origin] = Field(min_length=1, max_length=20)
    business_hours: BusinessHours
    privacy_notice_url: AnyHttpUrl = Field(description="The organisation's privacy notice.")


class UpdateWidgetRequest(Strict):
    name: Name | None = None
    queue_ids: list[Id] | None = Field(None, min_length=1, max_length=20)
    allowed_origins: list[Origin] | None = Field(None, min_length=1, max_length=20)
    business_hours: BusinessHours | None = None
    privacy_notice_url: AnyHttpUrl | None = None
    greeting: LocalText | None = None
    brand_colour: Colour | None = None
    logo: Logo | None = Field(None, description="Send null to remove the logo.")
    consent: ConsentQuestions | None = None


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
    privacy_notice_url: str

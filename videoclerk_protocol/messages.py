"""The WebSocket protocol, version 1: every message both ends may send, as pydantic models.

Described for people in docs/protocol.md. This module imports nothing of the server or the app,
so the clerk app validates with the very same models.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

PROTOCOL_VERSION = 1

# Close codes (docs/protocol.md). 1000/1001 are a clean close: the party left on purpose.
CLOSE_NORMAL = 1000
CLOSE_GOING_AWAY = 1001
CLOSE_SERVICE_RESTART = 1012  # the server is restarting: reconnect with backoff and jitter
CLOSE_BAD_REQUEST = 4400
CLOSE_UNAUTHORISED = 4401  # a bad token, or the session ended (log-out, deactivation, ...)
CLOSE_FORBIDDEN = 4403
CLOSE_UNKNOWN = 4404
CLOSE_SLOW_READER = 4408  # the client stopped reading; its send queue overflowed
CLOSE_GONE = 4410  # the organisation's account is closed: do not come back
CLOSE_TOO_MANY = 4429

Id = Annotated[str, Field(min_length=1, max_length=100)]
Sdp = Annotated[str, Field(min_length=1, max_length=100_000)]
Language = Literal["en", "nl"]
PresenceState = Literal["offline", "available", "in_call", "wrap_up", "away"]
Outcome = Literal["answered", "abandoned", "rejected", "failed"]
# Which ICE candidates an end may use (WebRTC's RTCIceTransportPolicy): "relay" keeps its
# media on the TURN relay, so that the other end never learns its addresses.
IceTransportPolicy = Literal["all", "relay"]


class Message(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Consent(Message):
    recording: bool
    transcription: bool


class IceCandidate(Message):
    candidate: Annotated[str, Field(max_length=2000)]
    sdpMid: str | None = Field(None, max_length=100)
    sdpMLineIndex: int | None = Field(None, ge=0, le=100)


class IceServer(Message):
    urls: list[str]
    username: str | None = None
    credential: str | None = None


# ---- messages both ends send during a call -------------------------------------------------


class Offer(Message):
    type: Literal["offer"]
    sdp: Sdp
    restart: bool = Field(False, description="A fresh peer connection replaces the failed one.")


class Answer(Message):
    type: Literal["answer"]
    sdp: Sdp


class Candidate(Message):
    type: Literal["candidate"]
    candidate: IceCandidate | None = Field(None, description="None marks the end of candidates.")


class Hangup(Message):
    type: Literal["hangup"]


class Ping(Message):
    type: Literal["ping"]


# ---- offers (docs/offers.md) ---------------------------------------------------------------
# An offer is a priced proposal the clerk builds during the call. Its WebSocket types start with
# `offer_`, because a bare `offer` is WebRTC signalling. The clerk edits over REST; the server
# pushes each new revision to the visitor, and status changes to the clerk.

OfferStatus = Literal["open", "awaiting_approval", "refused", "accepted", "declined", "expired"]
OfferAnswer = Literal["accept", "decline", "change"]
DeclineReason = Literal["too_expensive", "not_what_i_need", "need_time", "elsewhere", "other"]
Minor = int
"""An amount in the currency's minor units (cents, øre)."""
Texts = dict[str, str]
"""A text per language: {"en": ..., "nl": ...}."""


class Discount(Message):
    kind: Literal["percent", "amount"]
    value: Annotated[str, Field(max_length=20)] = Field(
        description="Percent as a decimal string ('12.5'), or an amount in minor units ('500')."
    )


class OfferOption(Message):
    group_code: str
    choice_code: str
    group: Texts
    choice: Texts


class OfferLine(Message):
    line_id: str
    product_id: str | None = None
    bundle_id: str | None = None
    sku: str
    name: Texts
    image_url: str | None = None
    options: list[OfferOption] = []
    quantity: int
    unit_minor: Minor
    list_minor: Minor = Field(description="unit × quantity, before any discount.")
    discount: Discount | None = None
    discount_minor: Minor = Field(description="Line discount plus its share of the total's.")
    net_minor: Minor
    vat_minor: Minor
    gross_minor: Minor
    vat_rate: str


class VatSubtotal(Message):
    rate: str
    net_minor: Minor
    vat_minor: Minor


class OfferView(Message):
    """One revision of an offer, as the clerk, the visitor and the PDF show it (no visitor data)."""

    offer_id: str
    revision: int
    status: OfferStatus
    currency: str
    prices_include_vat: bool
    lines: list[OfferLine]
    total_discount: Discount | None = None
    list_gross_minor: Minor = Field(description="What the lines cost before any discount.")
    discount_minor: Minor
    discount_percent: str = Field(description="discount / list, in percent, 2 decimals.")
    net_minor: Minor
    vat_minor: Minor
    gross_minor: Minor
    vat_subtotals: list[VatSubtotal]
    note: str = ""
    valid_until: str = Field(
        description="ISO date: valid to the end of this day, organisation's time zone."
    )
    valid_until_at: str = Field(description="That end of day as an ISO timestamp in UTC.")
    created_at: str
    reference: str | None = Field(None, description="Given at acceptance.")
    accepted_at: str | None = None
    content_hash: str | None = Field(None, description="sha256 of the accepted revision's content.")
    organisation_name: str = ""
    clerk_name: str | None = None


class OfferShown(Message):
    """Server -> visitor and clerk: the offer's latest revision, on every change."""

    type: Literal["offer_view"] = "offer_view"
    offer: OfferView
    pdf_url: str | None = Field(None, description="To the visitor: where to download the PDF.")
    checkout_url: str | None = Field(None, description="To the visitor, once accepted.")


class OfferReply(Message):
    """Visitor -> server; the server forwards it to the clerk with `contact_warning` set."""

    type: Literal["offer_reply"]
    offer_id: Id
    revision: Annotated[int, Field(ge=1)]
    answer: OfferAnswer
    reason: DeclineReason | None = None
    message: Annotated[str, Field(max_length=500)] = Field(
        "", description="Never stored; forwarded to the clerk only."
    )


class OfferReplyToClerk(Message):
    type: Literal["offer_reply"] = "offer_reply"
    offer_id: str
    revision: int
    answer: OfferAnswer
    reason: DeclineReason | None = None
    message: str = ""
    contact_warning: bool = Field(
        False, description="The message looks like an e-mail address or phone number."
    )


class ApprovalRequest(Message):
    offer_id: str
    revision: int
    call_id: str
    clerk_name: str
    currency: str
    list_gross_minor: Minor
    gross_minor: Minor
    discount_percent: str
    limit_percent: str
    requested_at: str
    lines: list[OfferLine]


class Approvals(Message):
    """Server -> supervisors and admins: every pending approval request, on every change."""

    type: Literal["approvals"] = "approvals"
    pending: list[ApprovalRequest]


# ---- visitor -> server -------------------------------------------------------------------------


class VisitorHello(Message):
    type: Literal["hello"]
    protocol: int
    widget_key: Id
    session_id: Annotated[str, Field(min_length=16, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
    language: Language = "en"
    embedding_origin: str | None = Field(
        None, max_length=300, description="Origin of the page that embeds the panel, if any."
    )


class Join(Message):
    type: Literal["join"]
    queue_id: Id
    consent: Consent
    camera: bool = True
    rejoin_call_id: Id | None = Field(
        None, description="A call whose clerk vanished: rejoin at the front of the queue."
    )


class ConsentChange(Message):
    type: Literal["consent"]
    consent: Consent


class Leave(Message):
    type: Literal["leave"]


VisitorMessage = Annotated[
    VisitorHello
    | Join
    | ConsentChange
    | Leave
    | Offer
    | Answer
    | Candidate
    | Hangup
    | Ping
    | OfferReply,
    Field(discriminator="type"),
]

# ---- clerk -> server ---------------------------------------------------------------------------


class ClerkAuth(Message):
    type: Literal["auth"]
    protocol: int
    token: Annotated[str, Field(min_length=1, max_length=200)]


class SetPresence(Message):
    type: Literal["presence"]
    state: Literal["available", "away", "wrap_up", "offline"]


class Take(Message):
    type: Literal["take"]
    call_id: Id | None = Field(None, description="A chosen visitor; the next one when left out.")


class ClerkOffer(Offer):
    call_id: Id


class ClerkAnswer(Answer):
    call_id: Id


class ClerkCandidate(Candidate):
    call_id: Id


class ClerkHangup(Hangup):
    call_id: Id


class WrapUp(Message):
    type: Literal["wrap_up"]
    call_id: Id
    outcome: Annotated[str, Field(max_length=40)] = "answered"
    note: Annotated[str, Field(max_length=2000)] = ""


ClerkMessage = Annotated[
    ClerkAuth
    | SetPresence
    | Take
    | ClerkOffer
    | ClerkAnswer
    | ClerkCandidate
    | ClerkHangup
    | WrapUp
    | Ping,
    Field(discriminator="type"),
]

# ---- server -> either --------------------------------------------------------------------------


class Welcome(Message):
    type: Literal["welcome"] = "welcome"
    protocol: int = PROTOCOL_VERSION
    resumed: bool = False
    user: dict[str, Any] | None = None
    grace_seconds: int


class Error(Message):
    type: Literal["error"] = "error"
    code: str
    message: str
    in_reply_to: str | None = None


class Pong(Message):
    type: Literal["pong"] = "pong"


class Queued(Message):
    type: Literal["queued"] = "queued"
    call_id: str
    reference: str
    position: int
    estimated_wait_seconds: int


class Position(Message):
    type: Literal["position"] = "position"
    position: int
    estimated_wait_seconds: int


class Assigned(Message):
    """To the visitor: a clerk took the call. To the clerk: the call is yours."""

    type: Literal["assigned"] = "assigned"
    call_id: str
    reference: str
    queue_id: str
    clerk_name: str | None = None
    consent: Consent | None = None
    ice_servers: list[IceServer]
    record_clerk_video: bool = Field(
        False,
        description="To the clerk: the organisation records the clerk's picture too, while "
        "the visitor consents to recording.",
    )
    ice_transport_policy: IceTransportPolicy = Field(
        "all", description="For the receiving end: `relay` allows only TURN relay candidates."
    )


class PeerLost(Message):
    type: Literal["peer_lost"] = "peer_lost"
    call_id: str
    grace_seconds: int


class PeerBack(Message):
    type: Literal["peer_back"] = "peer_back"
    call_id: str


class Ended(Message):
    type: Literal["ended"] = "ended"
    call_id: str
    reference: str
    reason: Literal["hangup", "peer_left", "peer_lost", "failed", "unanswered"] = Field(
        description="`unanswered`: the visitor did not answer the clerk's offer in time."
    )
    can_rejoin: bool = False


class ConsentState(Message):
    """What the visitor chose, when, and under which text version.

    To the clerk at assignment and on every change; to the visitor as the confirmation of
    each change (and again when a reloaded panel resumes), which its indicator shows.
    """

    type: Literal["consent"] = "consent"
    call_id: str
    consent: Consent
    at: str
    text_version: str


class WaitingVisitor(Message):
    call_id: str
    queue_id: str
    position: int
    joined_at: str
    consent: Consent
    camera: bool
    reconnecting: bool = Field(
        False, description="The visitor's socket dropped; their place is kept for the grace period."
    )


class QueueInfo(Message):
    id: str
    name: Texts = Field(description="The queue's name per language; the app shows its own.")
    waiting: int
    longest_wait_seconds: int


class QueueSnapshot(Message):
    type: Literal["queue"] = "queue"
    queues: list[QueueInfo]
    waiting: list[WaitingVisitor]


class ClerkState(Message):
    user_id: str
    name: str
    state: PresenceState
    since: str


class QueueStats(Message):
    queue_id: str
    name: Texts = Field(description="The queue's name per language; the app shows its own.")
    waiting: int
    longest_wait_seconds: int
    answered: int
    abandoned: int
    answered_within_target: int
    target_seconds: int


class SupervisorSnapshot(Message):
    """To supervisors and admins: today's figures per queue and every clerk's state."""

    type: Literal["supervisor"] = "supervisor"
    queues: list[QueueStats]
    clerks: list[ClerkState]


class PresenceChanged(Message):
    type: Literal["presence"] = "presence"
    state: PresenceState


visitor_message = TypeAdapter(VisitorMessage)
clerk_message = TypeAdapter(ClerkMessage)

ToClerkMessage = Annotated[
    Welcome
    | Error
    | Pong
    | Assigned
    | PeerLost
    | PeerBack
    | Ended
    | ConsentState
    | QueueSnapshot
    | SupervisorSnapshot
    | PresenceChanged
    | ClerkOffer
    | ClerkAnswer
    | ClerkCandidate
    | OfferShown
    | OfferReplyToClerk
    | Approvals,
    Field(discriminator="type"),
]
ToVisitorMessage = Annotated[
    Welcome
    | Error
    | Pong
    | Queued
    | Position
    | Assigned
    | PeerLost
    | PeerBack
    | Ended
    | ConsentState
    | Offer
    | Answer
    | Candidate
    | OfferShown,
    Field(discriminator="type"),
]
to_clerk_message = TypeAdapter(ToClerkMessage)
to_visitor_message = TypeAdapter(ToVisitorMessage)

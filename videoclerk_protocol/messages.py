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
CLOSE_TOO_MANY = 4429

Id = Annotated[str, Field(min_length=1, max_length=100)]
Sdp = Annotated[str, Field(min_length=1, max_length=100_000)]
Language = Literal["en", "nl"]
PresenceState = Literal["offline", "available", "in_call", "wrap_up", "away"]
Outcome = Literal["answered", "abandoned", "rejected", "failed"]


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
    VisitorHello | Join | ConsentChange | Leave | Offer | Answer | Candidate | Hangup | Ping,
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
    """To the clerk: what the visitor chose, when, and under which text version."""

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
    name: str
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
    name: str
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
    | ClerkCandidate,
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
    | Offer
    | Answer
    | Candidate,
    Field(discriminator="type"),
]
to_clerk_message = TypeAdapter(ToClerkMessage)
to_visitor_message = TypeAdapter(ToVisitorMessage)

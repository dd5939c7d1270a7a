"""The visitor's and the clerk's WebSocket handlers: read, validate, hand to the runtime.

A malformed or unknown message is answered with an `error` message; the socket and the
server carry on.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import WebSocket, WebSocketDisconnect
from pydantic import BaseModel, TypeAdapter, ValidationError

from server import security
from server.access import caller_from_session
from server.accounts import events as session_events
from server.accounts.service import get_user
from server.leases import THIS_PROCESS
from server.problems import ProblemError
from server.queue.fronts import ForwardedParty, Fronts
from server.queue.outbox import Outbox, PartyOutbox
from server.queue.runtime import CLOSED, QueueRefusal, QueueRuntime
from server.queue.state import ClerkRecord, VisitorRecord
from server.queue.wire import StaffArrived, VisitorArrived
from videoclerk_protocol import messages as p

log = logging.getLogger("videoclerk.queue")

FIRST_MESSAGE_SECONDS = 10.0
CLOSE_NO_STATUS = 1005  # the connection ended without a close frame
CLOSE_NORMAL = p.CLOSE_NORMAL
CLOSE_INTERNAL_ERROR = 1011
BINARY_REFUSED = p.Error(
    code="invalid_message", message="Binary frames are not accepted; send JSON text."
)
MAX_MESSAGE_BYTES = 200_000
OnText = Callable[[str], Awaitable[int | None]]
"""Handles one text frame: None to carry on, or the code to close the socket with."""


def _known_types(adapter: TypeAdapter[Any]) -> frozenset[str]:
    schema = adapter.json_schema()
    return frozenset(
        schema["$defs"][ref.split("/")[-1]]["properties"]["type"]["const"]
        for ref in schema["discriminator"]["mapping"].values()
    )


VISITOR_TYPES = _known_types(p.visitor_message)
CLERK_TYPES = _known_types(p.clerk_message)


def parse(text: str, adapter: TypeAdapter[Any], known: frozenset[str]) -> BaseModel | p.Error:
    """A validated message, or the error to send back."""
    if len(text) > MAX_MESSAGE_BYTES:
        return p.Error(code="invalid_message", message="The message is too large.")
    try:
        data = json.loads(text)
    except ValueError:
        return p.Error(code="invalid_message", message="Messages must be JSON objects.")
    kind = data.get("type") if isinstance(data, dict) else None
    if not isinstance(kind, str) or kind not in known:
        return p.Error(
            code="unknown_type",
            message=f"Unknown message type {kind!r}.",
            in_reply_to=kind if isinstance(kind, str) else None,
        )
    try:
        message: BaseModel = adapter.validate_python(data)
    except ValidationError as exc:
        fields = ", ".join(
            ".".join(str(part) for part in err["loc"][1:]) or "message" for err in exc.errors()
        )
        return p.Error(
            code="invalid_message", message=f"Invalid field(s): {fields}.", in_reply_to=kind
        )
    return message


async def _first(
    ws: WebSocket, outbox: Outbox, adapter: TypeAdapter[Any], known: frozenset[str]
) -> BaseModel | None:
    try:
        text = await asyncio.wait_for(ws.receive_text(), FIRST_MESSAGE_SECONDS)
    except (TimeoutError, WebSocketDisconnect, RuntimeError, KeyError):
        await outbox.close(p.CLOSE_BAD_REQUEST, "no greeting")
        return None
    message = parse(text, adapter, known)
    if isinstance(message, p.Error):
        outbox.send(message)
        await outbox.close(p.CLOSE_BAD_REQUEST, message.code)
        return None
    return message


def _same_origin(ws: WebSocket, origin: str) -> bool:
    scheme = "https" if ws.url.scheme == "wss" else "http"
    return origin == f"{scheme}://{ws.headers.get('host', '')}"


async def visitor_socket(ws: WebSocket) -> None:
    runtime: QueueRuntime = ws.app.state.queue
    ip = ws.client.host if ws.client else None  # used in memory for rate limits only (P1)
    await ws.accept()
    outbox = Outbox(ws, runtime.settings.socket_send_limit_bytes)
    greeted = await _greet_visitor(ws, outbox, runtime, ip)
    if greeted is None:
        return
    on_text, ended = greeted
    ended(await _serve(ws, outbox, on_text, "visitor"))


async def _serve(ws: WebSocket, outbox: Outbox, on_text: OnText, party: str) -> int:
    """Hand each text frame to `on_text` until the socket ends; return how it ended.

    `on_text` returns None to carry on, or the code to close the socket with.
    A binary frame is answered with an error and the socket carries on. Any exception ends
    the party exactly as a drop does (an abnormal close code), never a dead loop.
    """
    try:
        while True:
            frame = await ws.receive()
            if frame["type"] == "websocket.disconnect":
                return int(frame.get("code") or CLOSE_NO_STATUS)
            text = frame.get("text")
            if text is None:
                outbox.send(BINARY_REFUSED)
            elif (close := await on_text(text)) is not None:
                await outbox.close(close)
                return close
    except Exception:
        log.exception("the %s socket failed; the party counts as dropped", party)
        await outbox.close(CLOSE_INTERNAL_ERROR, "server error")
        return CLOSE_INTERNAL_ERROR


async def _greet_visitor(
    ws: WebSocket, outbox: Outbox, runtime: QueueRuntime, ip: str | None
) -> tuple[OnText, Callable[[int], None]] | None:
    """Check the hello (widget, origin, rate) and admit the visitor, here or at the
    organisation's home (homes.py); how to handle its texts and its end, or None when refused.

    A separate function so that nothing of the greeting stays referenced while the
    visitor waits: thousands may wait at once.
    """
    if not await runtime.allow_visitor_connection(ip):
        outbox.send(p.Error(code="rate_limited", message="Too many connections. Wait a minute."))
        await outbox.close(p.CLOSE_TOO_MANY, "rate limited")
        return None
    hello = await _first(ws, outbox, p.visitor_message, VISITOR_TYPES)
    if hello is None:
        return None
    if not isinstance(hello, p.VisitorHello) or hello.protocol != p.PROTOCOL_VERSION:
        outbox.send(p.Error(code="protocol_version", message="Send hello with protocol 1 first."))
        await outbox.close(p.CLOSE_BAD_REQUEST, "hello expected")
        return None
    context = runtime.widget(hello.widget_key, hello.language)
    if context is None:
        outbox.send(p.Error(code="unknown_widget", message="This widget does not exist."))
        await outbox.close(p.CLOSE_UNKNOWN, "unknown widget")
        return None
    if context.organisation_closed:
        outbox.send(CLOSED)
        await outbox.close(p.CLOSE_GONE, CLOSED.code)
        return None
    origin = ws.headers.get("origin")
    allowed = set(context.allowed_origins)
    if (origin is not None and not _same_origin(ws, origin) and origin not in allowed) or (
        hello.embedding_origin is not None and hello.embedding_origin not in allowed
    ):
        outbox.send(p.Error(code="origin_refused", message="This site may not use this widget."))
        await outbox.close(p.CLOSE_FORBIDDEN, "origin refused")
        return None
    session_hash = security.token_hash(hello.session_id)
    if not runtime.homes.holds(context.organisation_id):
        fronts: Fronts = ws.app.state.fronts
        arrival = VisitorArrived(
            organisation_id=context.organisation_id,
            party=fronts.new_key(),
            front=THIS_PROCESS,
            session_hash=session_hash,
            widget_key=hello.widget_key,
            language=hello.language,
        )
        party = fronts.arrive(outbox, arrival)
        return (
            lambda text: _forward_visitor_text(runtime, party, outbox, text, ip),
            party.closed,
        )
    visitor = runtime.visitor_connected(
        outbox, session_hash=session_hash, context=context, language=hello.language
    )
    return (
        lambda text: _on_visitor_text(runtime, visitor, outbox, text, ip),
        lambda code: runtime.visitor_closed(visitor, outbox, code),
    )


async def _forward_visitor_text(
    runtime: QueueRuntime, party: ForwardedParty, outbox: Outbox, text: str, ip: str | None
) -> int | None:
    """At the front: a valid message goes to the party's home; a `leave` closes the socket."""
    message = await _admitted_visitor_text(runtime, outbox, text, ip)
    if message is not None:
        party.forward(message)
    return p.CLOSE_NORMAL if isinstance(message, p.Leave) else None


async def _on_visitor_text(
    runtime: QueueRuntime, visitor: VisitorRecord, outbox: Outbox, text: str, ip: str | None
) -> int | None:
    """At the home: handle one message; a close code when the visitor left and the socket
    should close."""
    message = await _admitted_visitor_text(runtime, outbox, text, ip)
    if message is not None:
        on_visitor_message(runtime, visitor, outbox, message)
    return p.CLOSE_NORMAL if isinstance(message, p.Leave) else None


async def _admitted_visitor_text(
    runtime: QueueRuntime, outbox: Outbox, text: str, ip: str | None
) -> BaseModel | None:
    """A valid message within the visitor's limits, or None when answered with an error.

    The join limit is counted where the socket is, so that the IP never leaves this process
    (P1); `join` itself then stays one synchronous step, here or at the home.
    """
    message = parse(text, p.visitor_message, VISITOR_TYPES)
    if isinstance(message, p.Error):
        outbox.send(message)
        return None
    if isinstance(message, p.Join):
        try:
            await runtime.check_join_rate(ip)
        except QueueRefusal as refusal:
            outbox.send(refusal.as_message(message.type))
            return None
    return message


def on_visitor_message(
    runtime: QueueRuntime, visitor: VisitorRecord, outbox: PartyOutbox, message: BaseModel
) -> None:
    """Run a visitor's valid message; a refusal is answered with an `error` message."""
    try:
        _visitor_message(runtime, visitor, outbox, message)
    except QueueRefusal as refusal:
        outbox.send(refusal.as_message(getattr(message, "type", None)))


def _visitor_message(
    runtime: QueueRuntime,
    visitor: VisitorRecord,
    outbox: PartyOutbox,
    message: BaseModel,
) -> None:
    match message:
        case p.Join():
            runtime.join(
                visitor,
                queue_id=message.queue_id,
                consent=message.consent,
                camera=message.camera,
                rejoin_call_id=message.rejoin_call_id,
            )
        case p.ConsentChange():
            runtime.change_consent(visitor, message.consent)
        case p.Leave():
            runtime.visitor_left(visitor)
        case p.Ping():
            outbox.send(p.Pong())
        case p.Hangup():
            call, _ = runtime.call_of_visitor(visitor)
            runtime.hang_up(call, by="visitor")
        case p.Offer() | p.Answer() | p.Candidate():
            call, _ = runtime.call_of_visitor(visitor)
            if isinstance(message, p.Answer):
                runtime.visitor_answered(call)
            relayed = message.model_dump()
            runtime.send_to_clerk_of(
                call, _CLERK_RELAY[type(message)].model_validate({**relayed, "call_id": call.id})
            )
        case p.OfferReply():
            runtime.visitor_extension(visitor, message)
        case p.VisitorHello():
            raise QueueRefusal("invalid_message", "Hello was already received.")


_CLERK_RELAY: dict[type[BaseModel], type[BaseModel]] = {
    p.Offer: p.ClerkOffer,
    p.Answer: p.ClerkAnswer,
    p.Candidate: p.ClerkCandidate,
}
_VISITOR_RELAY: dict[type[BaseModel], type[BaseModel]] = {
    p.ClerkOffer: p.Offer,
    p.ClerkAnswer: p.Answer,
    p.ClerkCandidate: p.Candidate,
}


async def clerk_socket(ws: WebSocket) -> None:
    runtime: QueueRuntime = ws.app.state.queue
    origin = ws.headers.get("origin")
    await ws.accept()
    outbox = Outbox(ws, runtime.settings.socket_send_limit_bytes)
    if origin is not None and not _same_origin(ws, origin):
        # Browsers send Origin; the desktop app does not. A foreign page may not ride on a session.
        outbox.send(p.Error(code="origin_refused", message="Connect from the clerk app."))
        await outbox.close(p.CLOSE_FORBIDDEN, "origin refused")
        return
    auth = await _first(ws, outbox, p.clerk_message, CLERK_TYPES)
    if auth is None:
        return
    if not isinstance(auth, p.ClerkAuth) or auth.protocol != p.PROTOCOL_VERSION:
        outbox.send(p.Error(code="protocol_version", message="Send auth with protocol 1 first."))
        await outbox.close(p.CLOSE_BAD_REQUEST, "auth expected")
        return
    db = ws.app.state.db
    try:
        caller = caller_from_session(db, auth.token, ip=ws.client.host if ws.client else None)
    except ProblemError as problem:
        outbox.send(p.Error(code=problem.code, message=problem.detail, in_reply_to="auth"))
        await outbox.close(p.CLOSE_UNAUTHORISED, problem.code)
        return
    assert caller.user_id is not None
    assert caller.role is not None
    user = get_user(db, caller=caller, user_id=caller.user_id)
    outbox.send(
        p.Welcome(
            grace_seconds=int(runtime.grace),
            user={"id": user.id, "name": user.name, "role": user.role},
        )
    )
    ended: Callable[[int], None]
    token = auth.token
    if runtime.homes.holds(caller.organisation_id):
        clerk = runtime.clerk_connected(
            outbox,
            user_id=caller.user_id,
            organisation_id=caller.organisation_id,
            name=user.name,
            role=caller.role,
        )
        handle: Callable[[BaseModel], None] = lambda message: on_clerk_message(  # noqa: E731
            runtime, clerk, outbox, message
        )
        ended = lambda code: runtime.clerk_closed(clerk, outbox, code)  # noqa: E731
    else:
        fronts: Fronts = ws.app.state.fronts
        arrival = StaffArrived(
            organisation_id=caller.organisation_id,
            party=fronts.new_key(),
            front=THIS_PROCESS,
            user_id=caller.user_id,
            name=user.name,
            role=caller.role,
        )
        party = fronts.arrive(outbox, arrival)
        handle = party.forward
        ended = party.closed

    async def on_text(text: str) -> int | None:
        return _on_clerk_text(runtime, outbox, text, token, handle)

    # Log-out, a leak report, a password change, deactivation or a role change ends it here.
    assert caller.session_hash is not None
    unsubscribe = session_events.subscribe(
        caller.session_hash, lambda reason: outbox.close(p.CLOSE_UNAUTHORISED, reason)
    )
    try:
        code = await _serve(ws, outbox, on_text, "clerk")
    finally:
        unsubscribe()
    ended(code)


def _admitted_clerk_text(
    runtime: QueueRuntime, outbox: Outbox, text: str, token: str
) -> BaseModel | int | None:
    """A valid message of a clerk whose session still holds; None when answered with an
    error, or the code to close the socket with when the session ended."""
    message = parse(text, p.clerk_message, CLERK_TYPES)
    if isinstance(message, p.Error):
        outbox.send(message)
        return None
    if isinstance(message, p.Take):
        # A session revoked since the socket opened (log-out, deactivation) stops here.
        try:
            caller_from_session(runtime.db, token, ip=None)
        except ProblemError as problem:
            outbox.send(p.Error(code=problem.code, message=problem.detail))
            return p.CLOSE_UNAUTHORISED
    return message


def _on_clerk_text(
    runtime: QueueRuntime,
    outbox: Outbox,
    text: str,
    token: str,
    handle: Callable[[BaseModel], None],
) -> int | None:
    """Hand a valid message to `handle` (here, or forwarded to the home); a close code when
    the session ended and the socket should close."""
    message = _admitted_clerk_text(runtime, outbox, text, token)
    if isinstance(message, BaseModel):
        handle(message)
        return None
    return message


def on_clerk_message(
    runtime: QueueRuntime, clerk: ClerkRecord, outbox: PartyOutbox, message: BaseModel
) -> None:
    """Run a clerk's valid message; a refusal is answered with an `error` message."""
    try:
        _clerk_message(runtime, clerk, outbox, message)
    except QueueRefusal as refusal:
        outbox.send(refusal.as_message(getattr(message, "type", None)))


def _clerk_message(
    runtime: QueueRuntime, clerk: ClerkRecord, outbox: PartyOutbox, message: BaseModel
) -> None:
    match message:
        case p.SetPresence():
            runtime.set_presence(clerk, message.state)
        case p.Take():
            runtime.take(clerk, message.call_id)
        case p.WrapUp():
            runtime.wrap_up(
                clerk, call_id=message.call_id, outcome=message.outcome, note=message.note
            )
        case p.Ping():
            outbox.send(p.Pong())
        case p.ClerkHangup():
            call, _ = runtime.call_of_clerk(clerk, message.call_id)
            runtime.hang_up(call, by="clerk")
        case p.ClerkOffer() | p.ClerkAnswer() | p.ClerkCandidate():
            call, _ = runtime.call_of_clerk(clerk, message.call_id)
            relayed = message.model_dump(exclude={"call_id"})
            runtime.send_to_visitor_of(call, _VISITOR_RELAY[type(message)].model_validate(relayed))
        case p.ClerkAuth():
            raise QueueRefusal("invalid_message", "Already authenticated.")

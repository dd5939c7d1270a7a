"""Offers on the live sockets: `offer_view` to the visitor and the clerk, `offer_reply` from the
visitor, `approvals` to supervisors and admins, and each open offer's expiry on the clock.

The visitor's free text (a change request, a decline's message) goes straight to the clerk's
socket: it is never written to the database nor to a log.

The service's events may arise on any server process (an HTTP request); each is handled at
the organisation's queue home, which holds the parties' sockets (server/queue/errands.py).
"""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import quote

from pydantic import BaseModel

from server import clock
from server.config import Settings
from server.offers import answers, approvals, rules, service
from server.queue.errands import HomeErrands
from server.queue.runtime import QueueRefusal, QueueRuntime
from server.queue.state import ClerkRecord, VisitorRecord
from server.sql import Database
from videoclerk_protocol.messages import (
    Approvals,
    OfferReply,
    OfferReplyToClerk,
    OfferShown,
    OfferView,
)

STAFF = ("supervisor", "admin")


class OfferLive:
    """Implements `service.OfferEvents` and the queue's `CallListener`."""

    def __init__(
        self, db: Database, settings: Settings, runtime: QueueRuntime, errands: HomeErrands
    ) -> None:
        self.db = db
        self.settings = settings
        self.runtime = runtime
        self._errands = errands
        self._pdf_tokens: dict[str, str] = {}
        """Offer id -> the visitor's PDF token; only its hash is stored, so a restarted server
        gives out a new link."""
        self._expiry: dict[str, clock.Deadline] = {}
        runtime.listeners.append(self)
        errands.register("offer_revised", self._revised)
        errands.register("offer_status", self._status_changed)
        errands.register("offer_approvals", self._approvals_changed)

    # ---- events of the service, run at the organisation's home ----------------------------

    def revised(self, view: OfferView, *, organisation_id: str, call_id: str) -> None:
        data = {"view": view.model_dump(mode="json"), "call_id": call_id}
        self._errands.run(organisation_id, "offer_revised", data)

    def _revised(self, organisation_id: str, data: dict[str, Any]) -> None:
        view = OfferView.model_validate(data["view"])
        self._to_visitor(view, organisation_id, data["call_id"])
        self._watch_expiry(view, organisation_id)

    def status_changed(
        self, view: OfferView, *, organisation_id: str, call_id: str, clerk_id: str, by_clerk: bool
    ) -> None:
        data = {
            "view": view.model_dump(mode="json"),
            "call_id": call_id,
            "clerk_id": clerk_id,
            "by_clerk": by_clerk,
        }
        self._errands.run(organisation_id, "offer_status", data)

    def _status_changed(self, organisation_id: str, data: dict[str, Any]) -> None:
        view = OfferView.model_validate(data["view"])
        self._to_visitor(view, organisation_id, data["call_id"])
        if not data["by_clerk"]:
            self.runtime.send_to_user(data["clerk_id"], OfferShown(offer=view))
        self._watch_expiry(view, organisation_id)

    def approvals_changed(self, organisation_id: str) -> None:
        self._errands.run(organisation_id, "offer_approvals", {})

    def _approvals_changed(self, organisation_id: str, _: dict[str, Any]) -> None:
        self.runtime.send_to_roles(organisation_id, STAFF, self._approvals(organisation_id))

    # ---- the queue's listener --------------------------------------------------------------

    def visitor_back(self, visitor: VisitorRecord, call_id: str) -> None:
        offer = service.offer_of_call(
            self.db, organisation_id=visitor.organisation_id, call_id=call_id
        )
        if offer is not None and offer.revision > 0:
            view = service.latest_view(self.db, offer)
            self._to_visitor(view, visitor.organisation_id, call_id)

    def staff_connected(self, clerk: ClerkRecord) -> None:
        if clerk.role in STAFF:
            self.runtime.send_to_user(clerk.user_id, self._approvals(clerk.organisation_id))

    def visitor_message(self, visitor: VisitorRecord, message: BaseModel) -> bool:
        if not isinstance(message, OfferReply):
            return False
        try:
            self._reply(visitor, message)
        except service.OfferRefusal as refusal:
            raise QueueRefusal(refusal.code, refusal.message) from None
        return True

    # ---- inside ----------------------------------------------------------------------------

    def _reply(self, visitor: VisitorRecord, reply: OfferReply) -> None:
        call_id = visitor.call_id
        if call_id is None:
            raise service.OfferRefusal("unknown_offer", "There is no such offer in this call.")
        org = visitor.organisation_id
        if reply.answer == "accept":
            answers.accept(
                self.db,
                organisation_id=org,
                call_id=call_id,
                offer_id=reply.offer_id,
                revision=reply.revision,
                events=self,
            )
            return
        if reply.answer == "decline":
            answers.decline(
                self.db,
                organisation_id=org,
                call_id=call_id,
                offer_id=reply.offer_id,
                revision=reply.revision,
                events=self,
            )
        else:
            answers.change_requested(
                self.db, organisation_id=org, call_id=call_id, offer_id=reply.offer_id
            )
        clerk_id = self._clerk_of(call_id)
        if clerk_id is not None:
            self.runtime.send_to_user(
                clerk_id,
                OfferReplyToClerk(
                    offer_id=reply.offer_id,
                    revision=reply.revision,
                    answer=reply.answer,
                    reason=reply.reason or ("other" if reply.answer == "decline" else None),
                    message=reply.message,
                    contact_warning=rules.looks_like_contact(reply.message),
                ),
            )

    def _clerk_of(self, call_id: str) -> str | None:
        call = self.runtime.state.call(call_id)
        return None if call is None else call.clerk_id

    def _approvals(self, organisation_id: str) -> Approvals:
        return Approvals(
            pending=approvals.pending_approvals(self.db, organisation_id=organisation_id)
        )

    def _to_visitor(self, view: OfferView, organisation_id: str, call_id: str) -> None:
        call = self.runtime.state.call(call_id)
        visitor = self.runtime.state.visitor(call.session_hash) if call else None
        if call is None or visitor is None or view.revision == 0:
            return
        token = self._pdf_tokens.get(view.offer_id)
        if token is None:
            token = secrets.token_urlsafe(32)
            service.set_pdf_token(
                self.db, organisation_id=organisation_id, offer_id=view.offer_id, token=token
            )
            self._pdf_tokens[view.offer_id] = token
        pdf_url = (
            f"{self.settings.base_url}/o/{quote(view.offer_id)}/{token}.pdf"
            f"?language={visitor.language}"
        )
        checkout = None
        if view.status == "accepted" and view.reference:
            template = service.get_settings(
                self.db, organisation_id=organisation_id
            ).checkout_url_template
            checkout = rules.checkout_url(template, view.reference)
        self.runtime.send_to_visitor_of(
            call, OfferShown(offer=view, pdf_url=pdf_url, checkout_url=checkout)
        )

    def _watch_expiry(self, view: OfferView, organisation_id: str) -> None:
        """An offer that is not final expires at the end of its last day, on the server's clock."""
        old = self._expiry.pop(view.offer_id, None)
        if old is not None:
            old.cancel()
        if view.status in rules.FINAL:
            return
        seconds = (clock.parse(view.valid_until_at) - clock.now()).total_seconds()

        def due() -> None:
            self._expiry.pop(view.offer_id, None)
            service.expire_due(
                self.db, organisation_id=organisation_id, offer_id=view.offer_id, events=self
            )

        self._expiry[view.offer_id] = clock.after(max(0.0, seconds), due)

    def shutdown(self) -> None:
        for deadline in self._expiry.values():
            deadline.cancel()
        self._expiry.clear()

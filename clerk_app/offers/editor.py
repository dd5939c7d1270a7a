"""One call's offer kept in step with the server while the clerk edits it. Qt-free.

The clerk's draft is the truth of what the clerk wants; the server's `OfferView` is the truth
of what it costs. Every change is saved (debounced) as a new revision based on the latest one
seen; when another revision came in between (409 `revision_conflict`) the editor loads the
latest and saves the same draft on top of it. Status changes the clerk did not cause
(approval, acceptance, decline) arrive as `offer_view` on the clerk socket.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterable

from pydantic import BaseModel

from clerk_app.errors import ServiceError
from clerk_app.offers.draft import Draft
from clerk_app.offers.service import OfferBackend, Product
from videoclerk_protocol.messages import DeclineReason, OfferReplyToClerk, OfferShown, OfferView

log = logging.getLogger(__name__)
DEBOUNCE_SECONDS = 0.3
FINAL = ("accepted", "expired")
Listener = Callable[[str], None]  # "view", "draft", "products", "error", "saving"
ReplyListener = Callable[[OfferReplyToClerk], None]


class OfferEditor:
    def __init__(self, backend: OfferBackend, *, debounce: float = DEBOUNCE_SECONDS) -> None:
        self.backend = backend
        self.debounce = debounce
        self.view: OfferView | None = None
        self.draft = Draft()
        self.products: dict[str, Product] = {}
        self.error: ServiceError | None = None
        # The visitor's reason for the last decline (a code from a list; their free text is
        # handed to the reply listeners and never kept here).
        self.declined_reason: DeclineReason | None = None
        self._dirty = False
        self._busy = False  # a save is on its way to the server
        self._timer: asyncio.TimerHandle | None = None
        self._saving: asyncio.Task[None] | None = None
        self._listeners: list[Listener] = []
        self._reply_listeners: list[ReplyListener] = []

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def add_reply_listener(self, listener: ReplyListener) -> None:
        self._reply_listeners.append(listener)

    def _changed(self, what: str) -> None:
        for listener in list(self._listeners):
            listener(what)

    @property
    def editable(self) -> bool:
        return self.view is not None and self.view.status not in FINAL

    @property
    def saving(self) -> bool:
        """A change is waiting to be saved or on its way: the totals shown are not its yet."""
        return self._dirty or self._busy

    # ---- opening -----------------------------------------------------------------------------

    async def open(self, *, call_id: str) -> OfferView:
        """The call's offer, new or kept by the server (an app restarted mid-call)."""
        view = await self.backend.open_offer(call_id=call_id)
        self.view = view
        self.draft = Draft.of(view)
        self._changed("view")
        self._changed("draft")
        await self._load_products(line.product_id for line in self.draft.lines)
        return view

    async def _load_products(self, ids: Iterable[str | None]) -> None:
        missing = {i for i in ids if i is not None and i not in self.products}
        for product_id in sorted(missing):
            try:
                self.products[product_id] = await self.backend.get_product(product_id=product_id)
            except ServiceError:
                log.info("product %s of the offer is no longer readable", product_id)
        if missing:
            self._changed("products")

    def remember(self, product: Product) -> None:
        """A product from the search: its options are what the line's choices offer."""
        self.products[product.id] = product

    # ---- editing -----------------------------------------------------------------------------

    def change(self, draft: Draft) -> None:
        """The clerk changed something: show it at once, save it after a pause in typing."""
        if draft == self.draft or not self.editable:
            return
        self.draft = draft
        self._dirty = True
        self._changed("draft")
        self._changed("saving")
        if self._timer is not None:
            self._timer.cancel()
        self._timer = asyncio.get_running_loop().call_later(self.debounce, self._start_saving)

    def _start_saving(self) -> None:
        self._timer = None
        if self._saving is None or self._saving.done():
            self._saving = asyncio.get_running_loop().create_task(self._save_while_dirty())

    async def _save_while_dirty(self) -> None:
        self._busy = True
        try:
            while self._dirty and self.view is not None and self.editable:
                self._dirty = False
                self.view = await self._save(self.view, self.draft)
                self.error = None
                self._changed("view")
        except ServiceError as error:
            self.error = error
            self._changed("error")
            if error.code == "offer_closed":
                with contextlib.suppress(ServiceError):
                    await self._reload()
        finally:
            self._busy = False
            self._changed("saving")

    async def _save(self, view: OfferView, draft: Draft) -> OfferView:
        try:
            return await self.backend.save_draft(
                offer_id=view.offer_id, body=draft.body(view.revision)
            )
        except ServiceError as error:
            if error.code != "revision_conflict":
                raise
        latest = await self._reload()
        return await self.backend.save_draft(
            offer_id=latest.offer_id, body=draft.body(latest.revision)
        )

    async def _reload(self) -> OfferView:
        assert self.view is not None
        self.view = await self.backend.get_offer(offer_id=self.view.offer_id)
        self._changed("view")
        return self.view

    async def flush(self) -> None:
        """Save what is waiting now (the call ends, the window closes)."""
        if self._timer is not None:
            self._timer.cancel()
            self._start_saving()
        if self._saving is not None:
            await asyncio.gather(self._saving, return_exceptions=True)

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._saving is not None:
            self._saving.cancel()

    # ---- the server's messages ---------------------------------------------------------------

    def on_message(self, message: BaseModel) -> None:
        """A clerk-socket message: ours when it names this offer."""
        if self.view is None:
            return
        if isinstance(message, OfferShown) and message.offer.offer_id == self.view.offer_id:
            if message.offer.revision < self.view.revision:
                return
            self.view = message.offer
            if self.view.status != "declined":
                self.declined_reason = None
            self._changed("view")
        elif isinstance(message, OfferReplyToClerk) and message.offer_id == self.view.offer_id:
            if message.answer == "decline":
                self.declined_reason = message.reason
            for listener in list(self._reply_listeners):
                listener(message)

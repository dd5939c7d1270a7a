"""The offer panel's suggestions (P16) against the real server: hidden while the
organisation has them off; once an admin switches them on, the clerk sees items and a
discount from the organisation's answered offers and applies them with a click."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import httpx
import qasync
from pytestqt.qtbot import QtBot

from clerk_app.account.service import AccountService
from clerk_app.offers.model import OfferModel, SuggestionsModel
from clerk_app.offers.service import OfferService
from clerk_app.offers.view import OfferPanel
from clerk_app.server_address import ServerAddress
from tests.catalogue_helpers import create
from tests.live_server import LiveServer
from tests.media_fixtures import eventually
from tests.offers_helpers import in_call
from tests.qt_fixtures import qt_loop_fixture, run
from tests.queue_helpers import call_centre
from tests.test_offer_suggestions import SETTINGS, answered
from videoclerk_protocol.messages import Discount

__all__ = ["qt_loop_fixture"]


def test_the_clerk_applies_suggestions_only_once_switched_on(
    qtbot: QtBot, qt_loop: qasync.QEventLoop, server: LiveServer, client: httpx.Client
) -> None:
    """P16: off by default the panel shows no suggestions; switched on, a draft with the lamp
    suggests the shade (accepted with it 3 of 3 times) and the usual discount; the clerk
    applies both, and the server's offer holds them."""
    centre = call_centre(client, clerks=5)
    admin = centre.org.admin

    def item(name: str) -> str:
        return str(create(client, admin, price_minor=10000, name={"en": name, "nl": name})["id"])

    lamp, shade, stand = item("Lamp"), item("Shade"), item("Stand")
    for clerk, percent in ((0, "10"), (1, "5"), (2, "10")):
        lines = [
            {"product_id": lamp, "quantity": 1, "discount": {"kind": "percent", "value": percent}},
            {"product_id": shade, "quantity": 1},
        ]
        run(qt_loop, answered(server, client, centre, clerk, lines, "accept"))
    stand_lines = [{"product_id": lamp, "quantity": 1}, {"product_id": stand, "quantity": 1}]
    run(qt_loop, answered(server, client, centre, 3, stand_lines, "decline"))

    call = run(qt_loop, in_call(server, client, centre=centre, clerk_index=4))
    accounts = AccountService(ServerAddress.parse(server.url))
    offers = OfferService(accounts, centre.clerk_tokens[4])
    model = OfferModel(offers)
    panel = OfferPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.bind(model)
    answers: list[bool] = []
    model.suggestionsChanged.connect(answers.append)

    async def scenario() -> None:
        model.open(call.call_id)
        await eventually(lambda: answers == [False], "the first answer: off")
        assert panel.suggestions_box.isHidden()

        assert client.put(SETTINGS, headers=admin, json={"enabled": True}).status_code == 200
        model.add_product(await offers.get_product(product_id=lamp))
        await eventually(lambda: answers[-1:] == [True], "suggestions, switched on")
        assert not panel.suggestions_box.isHidden()
        rows = model.suggestions
        kinds = [rows.index(r, 0).data(SuggestionsModel.KindRole) for r in range(rows.rowCount())]
        assert kinds == ["product", "discount"]
        assert "Shade" in str(rows.index(0, 0).data())
        assert "3 of 3" in str(rows.index(0, 0).data())

        panel.apply_suggestion(0)
        await eventually(lambda: len(model.draft.lines) == 2, "the shade on the draft")
        assert model.draft.lines[1].product_id == shade
        # With lamp and shade on the draft, only the discount is left to suggest.
        await eventually(
            lambda: (
                rows.rowCount() == 1
                and rows.index(0, 0).data(SuggestionsModel.KindRole) == "discount"
            ),
            "suggestions for the new draft",
        )
        panel.apply_suggestion(0)
        assert model.draft.total_discount == Discount(kind="percent", value="5")
        assert panel.total_discount.value_edit.text() == "5"
        await eventually(
            lambda: model.view is not None and model.view.total_discount is not None,
            "the server priced the draft",
        )
        await model.close()
        await call.close()
        await accounts.close()

    run(qt_loop, scenario())
    saved = client.get(
        f"/api/v1/offers/{model.view.offer_id}",
        headers=admin,  # type: ignore[union-attr]
    ).json()
    assert [line["product_id"] for line in saved["lines"]] == [lamp, shade]
    assert saved["total_discount"] == {"kind": "percent", "value": "5"}

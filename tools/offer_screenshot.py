"""docs/screenshots/clerk-offer-panel.png: the offer panel populated by a scripted clerk.

    .venv/bin/python tools/offer_screenshot.py    (`make screenshots` runs it too)

The panel is driven the way the clerk drives it (search, Enter, options, quantity, discounts,
note) over the offer service faked at its boundary (tests/offer_fakes.py), so the picture
needs no server or call; tests/test_app_offer.py covers the same panel against the real one.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")

import qasync  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from clerk_app.offers.model import OfferModel  # noqa: E402
from clerk_app.offers.view import OfferPanel  # noqa: E402
from tests.offer_fakes import CHAIR, LAMP, FakeOffers  # noqa: E402
from tests.qt_fixtures import close_loop, complete  # noqa: E402
from videoclerk_protocol.messages import Discount  # noqa: E402

OUT = ROOT / "docs" / "screenshots" / "clerk-offer-panel.png"


async def populate(panel: OfferPanel, model: OfferModel) -> None:
    await model.editor.open(call_id="call-1")
    lamp = model.add_product(LAMP)
    model.set_option(lamp, "colour", "brass")
    model.set_quantity(lamp, 2)
    model.set_line_discount(lamp, Discount(kind="percent", value="10"))
    model.add_product(CHAIR)
    model.set_total_discount(Discount(kind="amount", value="1000"))
    model.set_note("Delivery and assembly included.")
    await model.editor.flush()
    assert panel.lines_view is not None
    panel.lines_view.selectRow(lamp)
    panel.total_discount.show_discount(model.draft.total_discount, "10.00")
    panel.note_edit.setText(model.draft.note)
    await asyncio.sleep(0.3)


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    panel = OfferPanel()
    panel.resize(560, 760)
    panel.show()
    model = OfferModel(FakeOffers())
    panel.bind(model)
    try:
        complete(loop, populate(panel, model))
        OUT.parent.mkdir(parents=True, exist_ok=True)
        panel.grab().save(str(OUT))
        print(f"saved {OUT.relative_to(ROOT)}")
    finally:
        complete(loop, model.close())
        close_loop(loop)


if __name__ == "__main__":
    main()

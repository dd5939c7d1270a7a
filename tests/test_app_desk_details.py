"""Details of the clerk's desk: the wrap-up's warning reads as a sentence, the shortcut list
matches the window's shortcuts, the main actions have icons, and the call view says when the
clerk sends the test pattern instead of a camera."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from clerk_app.call.view import WrapUpPanel
from clerk_app.shell.i18n import spoken_list


def test_lists_are_joined_with_and() -> None:
    assert spoken_list([]) == ""
    assert spoken_list(["a"]) == "a"
    assert spoken_list(["a", "b"]) == "a and b"
    assert spoken_list(["a", "b", "c"]) == "a, b and c"


def test_the_wrap_up_warning_names_what_it_found_as_a_sentence(qapp: QApplication) -> None:
    panel = WrapUpPanel()
    panel.note_edit.setPlainText("Mail a.b@example.nl or call +31 20 123 4567.")
    assert panel.found.text() == (
        "The note seems to contain an e-mail address and a phone number. "
        "Remove it before you finish."
    )

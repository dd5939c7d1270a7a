"""Contrast in both themes (WCAG 2.x): every colour pair in clerk_app/shell/theme.py, and
the colours the views actually get from it (banners by kind, clerk states, badges, the
hang-up button). Text needs 4.5:1, a control's outline 3:1. Disabled controls are left out:
WCAG asks no contrast of inactive components. Placeholder text is in: it is text."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from clerk_app.call.view import CallView, ConsentPanel
from clerk_app.queue.view import PresenceSwitch
from clerk_app.shell.banner import Banner
from clerk_app.shell.theme import (
    BANNER_KINDS,
    CLERK_STATE_TONES,
    THEMES,
    ColourPair,
    Theme,
    apply_theme,
)

pytestmark = pytest.mark.engine_independent


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    c = QColor(colour)
    return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF())


def contrast(one: str, other: str) -> float:
    lighter, darker = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_formula_matches_wcag_examples() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def too_faint(pairs: list[ColourPair]) -> list[str]:
    return [
        f"{p.what}: {p.foreground} on {p.background} is "
        f"{contrast(p.foreground, p.background):.2f}:1, needs {p.minimum}:1"
        for p in pairs
        if contrast(p.foreground, p.background) < p.minimum
    ]


@pytest.mark.parametrize("name", sorted(THEMES))
def test_every_colour_pair_of_the_theme_has_enough_contrast(name: str) -> None:
    pairs = THEMES[name].colour_pairs()
    whats = {p.what for p in pairs}
    # What the issue names is among the pairs: banners (text and close ×) by kind, every
    # clerk state with wrap-up, links, placeholders.
    for kind in BANNER_KINDS:
        assert {f"banner {kind}: text", f"banner {kind}: close \u00d7"} <= whats
    for state in CLERK_STATE_TONES:
        assert f"clerk state {state} on Window" in whats
    assert {"Link on Window", "Link on Base", "PlaceholderText on Base"} <= whats
    assert too_faint(pairs) == []


@pytest.fixture(params=sorted(THEMES))
def theme(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[Theme]:
    apply_theme(qapp, request.param)
    try:
        yield THEMES[request.param]
    finally:
        apply_theme(qapp, "light")


def drawn(widget: QWidget) -> str:
    """The text colour a widget is drawn with, after the style sheet had its say."""
    widget.ensurePolished()
    return widget.palette().color(widget.foregroundRole()).name()


def background(widget: QWidget) -> str:
    widget.ensurePolished()
    return widget.palette().color(widget.backgroundRole()).name()


def test_banners_text_and_close_button_are_readable_in_the_theme(theme: Theme) -> None:
    for kind in BANNER_KINDS:
        banner = Banner()
        banner.show_message(kind, "You are logged out.")
        colours = theme.banners[kind]
        assert background(banner) == colours.background, kind  # dark banners in dark
        for part in (banner.label, banner.close_button):
            assert drawn(part) == colours.foreground, (kind, part)
            assert contrast(drawn(part), background(banner)) >= 4.5, (kind, part)
        banner.deleteLater()


def test_every_clerk_state_is_readable_on_the_window(theme: Theme, qapp: QApplication) -> None:
    window = qapp.palette().color(QPalette.ColorRole.Window).name()
    switch = PresenceSwitch()
    for state in CLERK_STATE_TONES:
        switch.show_state(state)
        colour = drawn(switch.state_label)
        assert colour == theme.tones[CLERK_STATE_TONES[state]], state
        assert contrast(colour, window) >= 4.5, (state, colour, window)
    switch.deleteLater()


def test_badges_and_hang_up_are_readable(theme: Theme) -> None:
    panel = ConsentPanel()
    call = CallView()
    labels: list[QLabel | QPushButton] = [*panel.badges.values(), call.recording_badge]
    for widget in [*labels, call.hang_up_button]:
        assert contrast(drawn(widget), background(widget)) >= 4.5, widget.objectName()
    assert background(call.hang_up_button) == theme.fills["danger"]
    panel.deleteLater()
    call.deleteLater()

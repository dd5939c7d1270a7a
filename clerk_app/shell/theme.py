"""Light and dark themes: Qt's Fusion style with one of two palettes, and one application
style sheet for every coloured text and background the app draws.

All colours live here, per theme. Views never name a colour: they mark a widget with a
tone, a badge, a notice or a banner kind (`set_tone`, `set_badge`, …) and the style sheet
of the theme in force colours it; a theme switched in the settings restyles every open
window at once. `colour_pairs` lists each foreground beside the background it is drawn
on, for the contrast test (WCAG 2.x, tests/test_app_theme.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

Role = QPalette.ColorRole

TONES = ("ok", "warning", "danger", "info", "muted", "wrap_up")
"""Coloured text on the window or on a list: a state, an error, a note."""

CLERK_STATE_TONES: Mapping[str, str] = {
    "available": "ok",
    "away": "warning",
    "in_call": "info",
    "wrap_up": "wrap_up",
    "offline": "muted",
    "reconnecting": "danger",
}
LINK_STATE_TONES: Mapping[str, str] = {
    "connected": "ok",
    "connecting": "info",
    "reconnecting": "warning",
    "closed": "danger",
}
OFFER_STATUS_TONES: Mapping[str, str] = {
    "open": "ok",
    "awaiting_approval": "warning",
    "refused": "danger",
    "accepted": "info",
    "declined": "muted",
    "expired": "muted",
}
BADGES = ("ok", "danger", "muted")
"""Filled chips (consent yes/no/unknown, "Recording", the hang-up button) under FILL_TEXT."""
BANNER_KINDS = ("error", "warning", "info", "success")


@dataclass(frozen=True)
class BannerColours:
    background: str
    foreground: str  # the text and the close ×
    edge: str


@dataclass(frozen=True)
class ColourPair:
    """A foreground drawn on a background, and the contrast it needs (WCAG 2.x)."""

    what: str
    foreground: str
    background: str
    minimum: float = 4.5  # text; 3.0 for the outline of a control (non-text contrast)


@dataclass(frozen=True)
class Theme:
    name: str
    roles: Mapping[QPalette.ColorRole, str]
    disabled: str  # inactive controls' text: WCAG asks no contrast of it
    tones: Mapping[str, str]
    fills: Mapping[str, str]
    fill_text: str
    fill_disabled: str
    banners: Mapping[str, BannerColours]

    def palette(self) -> QPalette:
        palette = QPalette()
        for role, colour in self.roles.items():
            palette.setColor(role, QColor(colour))
        for role in (Role.Text, Role.ButtonText, Role.WindowText):
            palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(self.disabled))
        return palette

    def stylesheet(self) -> str:
        rules = [f'*[tone="{t}"] {{ color: {c}; }}' for t, c in self.tones.items()]
        rules.append('*[strong="true"] { font-weight: bold; }')
        rules += [
            f'QLabel[badge="{b}"] {{ background: {c}; color: {self.fill_text};'
            " border-radius: 9px; padding: 2px 10px; font-weight: bold; }"
            for b, c in self.fills.items()
        ]
        rules.append(
            f'QPushButton[destructive="true"] {{ background: {self.fills["danger"]};'
            f" color: {self.fill_text}; font-weight: bold; padding: 6px 18px;"
            " border-radius: 4px; }"
            f' QPushButton[destructive="true"]:disabled {{ background: {self.fill_disabled}; }}'
        )
        rules.append(f'QLineEdit[invalid="true"] {{ border: 2px solid {self.tones["danger"]}; }}')
        for kind, b in self.banners.items():
            frame = f'QFrame[bannerKind="{kind}"]'
            rules.append(
                f"{frame} {{ background: {b.background}; border-left: 4px solid {b.edge};"
                f" border-radius: 3px; }} {frame} QLabel {{ color: {b.foreground}; }}"
                f" {frame} QToolButton {{ color: {b.foreground}; border: none; }}"
                f' QLabel[notice="{kind}"] {{ background: {b.background};'
                f" color: {b.foreground}; border-left: 4px solid {b.edge}; padding: 8px; }}"
            )
        return "\n".join(rules)

    def colour_pairs(self) -> list[ColourPair]:
        r = self.roles
        pairs = [
            ColourPair(f"{fg.name} on {bg.name}", r[fg], r[bg])
            for fg, bg in (
                (Role.WindowText, Role.Window),
                (Role.Text, Role.Base),
                (Role.Text, Role.AlternateBase),
                (Role.ButtonText, Role.Button),
                (Role.ToolTipText, Role.ToolTipBase),
                (Role.HighlightedText, Role.Highlight),
                (Role.Link, Role.Base),
                (Role.Link, Role.Window),
                (Role.PlaceholderText, Role.Base),
            )
        ]
        surfaces = (Role.Window, Role.Base, Role.AlternateBase)
        named = {f"tone {t}": t for t in self.tones}
        named |= {f"clerk state {s}": t for s, t in CLERK_STATE_TONES.items()}
        named |= {f"connection {s}": t for s, t in LINK_STATE_TONES.items()}
        named |= {f"offer {s}": t for s, t in OFFER_STATUS_TONES.items()}
        pairs += [
            ColourPair(f"{what} on {bg.name}", self.tones[tone], r[bg])
            for what, tone in named.items()
            for bg in surfaces
        ]
        pairs += [ColourPair(f"badge {b}", self.fill_text, c) for b, c in self.fills.items()]
        pairs.append(ColourPair("hang-up button", self.fill_text, self.fills["danger"]))
        pairs.append(ColourPair("invalid field's border", self.tones["danger"], r[Role.Base], 3.0))
        for kind, b in self.banners.items():
            pairs.append(ColourPair(f"banner {kind}: text", b.foreground, b.background))
            pairs.append(ColourPair(f"banner {kind}: close \u00d7", b.foreground, b.background))
        pairs.append(ColourPair("video placeholder text", VIDEO_TEXT, VIDEO_BACKGROUND))
        return pairs


VIDEO_BACKGROUND = "#0c0d0f"
"""Behind and around the pictures, in both themes: a video reads best on black."""
VIDEO_TEXT = "#c8ccd2"

LIGHT = Theme(
    name="light",
    roles={
        Role.Window: "#f4f5f7",
        Role.WindowText: "#1d2025",
        Role.Base: "#ffffff",
        Role.AlternateBase: "#eef0f3",
        Role.ToolTipBase: "#ffffff",
        Role.ToolTipText: "#1d2025",
        Role.Text: "#1d2025",
        Role.Button: "#e9ebef",
        Role.ButtonText: "#1d2025",
        Role.BrightText: "#ffffff",
        Role.Highlight: "#2f6fde",
        Role.HighlightedText: "#ffffff",
        Role.Link: "#2559c4",
        Role.PlaceholderText: "#6b717b",
    },
    disabled="#9aa0a8",
    tones={
        "ok": "#276b2b",
        "warning": "#9a5200",
        "danger": "#c62828",
        "info": "#2559c4",
        "muted": "#5f6570",
        "wrap_up": "#6a1b9a",
    },
    fills={"ok": "#2e7d32", "danger": "#c62828", "muted": "#616771"},
    fill_text="#ffffff",
    fill_disabled="#a95a5a",
    banners={
        "error": BannerColours("#fdecea", "#8a1c12", "#c62828"),
        "warning": BannerColours("#fff4e5", "#6b3d00", "#ef6c00"),
        "info": BannerColours("#e8f0fe", "#133b7a", "#2f6fde"),
        "success": BannerColours("#e7f5e9", "#1b4d22", "#2e7d32"),
    },
)

DARK = Theme(
    name="dark",
    roles={
        Role.Window: "#1f2227",
        Role.WindowText: "#e6e8eb",
        Role.Base: "#16181c",
        Role.AlternateBase: "#25292f",
        Role.ToolTipBase: "#2b2f36",
        Role.ToolTipText: "#e6e8eb",
        Role.Text: "#e6e8eb",
        Role.Button: "#2b2f36",
        Role.ButtonText: "#e6e8eb",
        Role.BrightText: "#ffffff",
        Role.Highlight: "#3a6fd8",
        Role.HighlightedText: "#ffffff",
        Role.Link: "#7aa7f7",
        Role.PlaceholderText: "#8a9099",
    },
    disabled="#6b717a",
    tones={
        "ok": "#66bb6a",
        "warning": "#ffa726",
        "danger": "#ff7b72",
        "info": "#7aa7f7",
        "muted": "#9aa0a8",
        "wrap_up": "#ce93d8",
    },
    fills={"ok": "#2e7d32", "danger": "#c62828", "muted": "#616771"},
    fill_text="#ffffff",
    fill_disabled="#6e3a3a",
    banners={
        "error": BannerColours("#3b1a1a", "#ffb4ab", "#ef5350"),
        "warning": BannerColours("#3a2a12", "#ffd8a8", "#ffa726"),
        "info": BannerColours("#162a4a", "#c4d8ff", "#7aa7f7"),
        "success": BannerColours("#173320", "#b9e6bd", "#66bb6a"),
    },
)
THEMES = {theme.name: theme for theme in (LIGHT, DARK)}


def resolve_theme(choice: str) -> str:
    if choice in THEMES:
        return choice
    hints = QGuiApplication.styleHints()
    return "dark" if hints.colorScheme() == Qt.ColorScheme.Dark else "light"


def apply_theme(app: QApplication, choice: str) -> str:
    """Apply "light", "dark" or "system"; returns the theme applied."""
    theme = THEMES[resolve_theme(choice)]
    style = QStyleFactory.create("Fusion")
    if style is not None:
        app.setStyle(style)
    app.setPalette(theme.palette())
    app.setStyleSheet(theme.stylesheet())
    app.setProperty("videoclerkTheme", theme.name)
    return theme.name


def current_theme() -> Theme:
    """The theme in force, for what is painted by hand rather than styled."""
    app = QApplication.instance()
    name = app.property("videoclerkTheme") if app is not None else None
    return THEMES.get(str(name), LIGHT)


def _mark(widget: QWidget, name: str, value: str) -> None:
    """Set a style property and let the style sheet look at the widget again."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def set_tone(widget: QWidget, tone: str, *, bold: bool = False) -> None:
    """Coloured text: one of TONES, or "" for the palette's own text colour."""
    _mark(widget, "tone", tone)
    _mark(widget, "strong", "true" if bold else "false")


def set_badge(widget: QWidget, badge: str) -> None:
    """A filled chip: one of BADGES."""
    _mark(widget, "badge", badge)


def set_notice(widget: QWidget, kind: str) -> None:
    """A boxed note in the colours of a banner of that kind (one of BANNER_KINDS)."""
    _mark(widget, "notice", kind)


def set_banner(widget: QWidget, kind: str) -> None:
    """A QFrame named "banner": background, edge, text and close × of that kind."""
    _mark(widget, "bannerKind", kind)


def set_invalid(widget: QWidget, invalid: bool) -> None:
    _mark(widget, "invalid", "true" if invalid else "false")


def set_destructive(widget: QWidget) -> None:
    """A button that ends something for good (Hang up): white on red."""
    _mark(widget, "destructive", "true")

"""On/off track as text that reads without colour: a symbol always, a colour from the theme on top."""

from __future__ import annotations

from textual.app import App

from l10tui.domain.rules import TRACK_SYMBOL, Track

SYMBOL: dict[str, str] = TRACK_SYMBOL
TREND_UP, TREND_DOWN = "▲", "▼"


def track_colour(app: App[object], track: Track) -> str:
    """The Rich style of a status: the theme's colour, or its whole style where it has one (the projector's
    off-track badge)."""
    variables = app.theme_variables
    style = variables.get(f"l10-{track}-style")
    if style:
        return style
    return variables.get(f"l10-{track}", {"on": "green", "off": "red", "missing": "grey50"}[track])


def muted(app: App[object]) -> str:
    """Secondary text (who raised it, "none yet"): the theme's muted colour, readable at 4.5:1 (``dim`` halves the
    brightness on a terminal and read at 2-3:1)."""
    return app.theme_variables.get("text-muted", "grey70")


def possessive(name: str) -> str:
    """``Sales'`` issues, ``Marketing's`` issues."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"

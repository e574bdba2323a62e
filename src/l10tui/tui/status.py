"""On/off track as text that reads without colour: a symbol always, a colour from the theme on top."""

from __future__ import annotations

from rich.text import Text
from textual.app import App

from l10tui.domain.rules import TRACK_SYMBOL, Track

SYMBOL: dict[str, str] = TRACK_SYMBOL
TREND_UP, TREND_DOWN = "▲", "▼"


def track_colour(app: App[object], track: Track) -> str:
    variables = app.theme_variables
    return variables.get(f"l10-{track}", {"on": "green", "off": "red", "missing": "grey50"}[track])


def track_text(app: App[object], value: str, track: Track, *, bold: bool = False) -> Text:
    """``✓ 42`` in the on-track colour, ``✗ 30`` in the off-track colour, ``· —`` when missing."""
    shown = value if value else "—"
    style = track_colour(app, track) + (" bold" if bold else "")
    return Text(f"{SYMBOL[track]} {shown}", style=style)

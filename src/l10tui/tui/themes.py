"""Themes: the everyday dark theme, a high-contrast projector theme (WCAG 7:1 text), and a colour-blind-safe
status palette (blue/orange instead of green/red). Status colours are theme variables ``l10-on`` / ``l10-off`` /
``l10-missing``; status is never colour alone (cells carry ✓ / ✗ too)."""

from __future__ import annotations

from textual.theme import Theme

STATUS_DEFAULT = {"l10-on": "#3fb950", "l10-off": "#f85149", "l10-missing": "#8b949e"}
STATUS_COLOURBLIND = {"l10-on": "#4ea1ff", "l10-off": "#ff9f1c", "l10-missing": "#a0a0a0"}

L10_DARK = Theme(
    name="l10-dark",
    primary="#4c8dff",
    secondary="#ff8c1a",
    accent="#ffd166",
    warning="#ffb020",
    error="#f85149",
    success="#3fb950",
    foreground="#e6edf3",
    background="#0d1117",
    surface="#161b22",
    panel="#1f2630",
    dark=True,
    variables=dict(STATUS_DEFAULT),
)

# Pure white and yellow on black: 21:1 and 19.6:1 contrast, readable from the back of a room.
L10_PROJECTOR = Theme(
    name="l10-projector",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    warning="#ffff00",
    error="#ff6060",
    success="#40ff40",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    dark=True,
    luminosity_spread=0.1,
    text_alpha=1.0,
    variables={"l10-on": "#40ff40", "l10-off": "#ff6060", "l10-missing": "#c0c0c0", "footer-key-foreground": "#ffff00"},
)


def with_colourblind(theme: Theme) -> Theme:
    """The same theme with the blue/orange status palette."""
    variables = dict(theme.variables)
    variables.update(STATUS_COLOURBLIND)
    return Theme(
        name=f"{theme.name}-cb",
        primary=theme.primary,
        secondary=theme.secondary,
        accent=theme.accent,
        warning=theme.warning,
        error=STATUS_COLOURBLIND["l10-off"],
        success=STATUS_COLOURBLIND["l10-on"],
        foreground=theme.foreground,
        background=theme.background,
        surface=theme.surface,
        panel=theme.panel,
        dark=theme.dark,
        luminosity_spread=theme.luminosity_spread,
        text_alpha=theme.text_alpha,
        variables=variables,
    )


THEMES = (L10_DARK, L10_PROJECTOR, with_colourblind(L10_DARK), with_colourblind(L10_PROJECTOR))

"""Themes: the everyday dark theme, a high-contrast projector theme (WCAG 7:1 text), and a colour-blind-safe
status palette (blue/orange instead of green/red). Status colours are theme variables ``l10-on`` / ``l10-off`` /
``l10-missing``; status is never colour alone (cells carry ✓ / ✗ too)."""

from __future__ import annotations

from textual.theme import Theme

# Off-track is never drawn less visible than on-track (the room must see what is wrong first): each off colour has
# at least the contrast of its on colour on the theme's backgrounds (tests/tui/test_contrast.py measures it).
STATUS_DEFAULT = {"l10-on": "#3fb950", "l10-off": "#ff7b72", "l10-missing": "#9aa5b1"}
STATUS_COLOURBLIND = {"l10-on": "#4ea1ff", "l10-off": "#ff9f1c", "l10-missing": "#a0a0a0"}
# NO_COLOR draws every colour as its grey: off-track white, on-track a lighter grey, missing a darker one.
STATUS_NO_COLOR = {"l10-on": "#c8c8c8", "l10-off": "#ffffff", "l10-missing": "#a8a8a8"}

# Text the room must still read: muted text and placeholders at 4.5:1 or more on every surface; the row cursor is
# white on a deep blue (7:1), its text never in the status colour (red or green on blue read at 1.2:1).
READABLE_DARK = {
    "text-muted": "#a8b3bf",
    "text-disabled": "#9aa5b1",
    "block-cursor-background": "#1f4fb8",
    "block-cursor-foreground": "#ffffff",
    "block-cursor-blurred-background": "#2b3546",
    "block-cursor-blurred-foreground": "#ffffff",
}
READABLE_PROJECTOR = {
    "text-muted": "#e0e0e0",
    "text-disabled": "#d0d0d0",
    "block-cursor-background": "#ffff00",
    "block-cursor-foreground": "#000000",
    "block-cursor-blurred-background": "#262626",
    "block-cursor-blurred-foreground": "#ffffff",
}

L10_DARK = Theme(
    name="l10-dark",
    primary="#4c8dff",
    secondary="#ff8c1a",
    accent="#ffd166",
    warning="#ffb020",
    error="#ff7b72",
    success="#3fb950",
    foreground="#e6edf3",
    background="#0d1117",
    surface="#161b22",
    panel="#1f2630",
    dark=True,
    variables={**STATUS_DEFAULT, **READABLE_DARK},
)

# Pure white and yellow on black: 21:1 and 19.6:1 contrast, readable from the back of a room.
L10_PROJECTOR = Theme(
    name="l10-projector",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    warning="#ffff00",
    error="#ff9090",
    success="#40ff40",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    dark=True,
    luminosity_spread=0.1,
    text_alpha=1.0,
    variables={
        "l10-on": "#40ff40",
        "l10-off": "#ff9090",
        # Off-track on the projector: white on a red badge, which stays 7:1 on a 256- or 16-colour terminal too
        # (light red on black fell to 5:1 there).
        "l10-off-style": "bold #ffffff on #8b0000",
        "l10-missing": "#c0c0c0",
        "footer-key-foreground": "#ffff00",
        **READABLE_PROJECTOR,
    },
)


def with_colourblind(theme: Theme) -> Theme:
    """The same theme with the blue/orange status palette."""
    return with_status(theme, STATUS_COLOURBLIND, "cb")


def with_status(theme: Theme, status: dict[str, str], suffix: str) -> Theme:
    """The same theme with another status palette, named ``<theme>-<suffix>``."""
    variables = {k: v for k, v in theme.variables.items() if not k.endswith("-style")}
    variables.update(status)
    return Theme(
        name=f"{theme.name}-{suffix}",
        primary=theme.primary,
        secondary=theme.secondary,
        accent=theme.accent,
        warning=theme.warning,
        error=status["l10-off"],
        success=status["l10-on"],
        foreground=theme.foreground,
        background=theme.background,
        surface=theme.surface,
        panel=theme.panel,
        dark=theme.dark,
        luminosity_spread=theme.luminosity_spread,
        text_alpha=theme.text_alpha,
        variables=variables,
    )


THEMES = (
    L10_DARK,
    L10_PROJECTOR,
    with_colourblind(L10_DARK),
    with_colourblind(L10_PROJECTOR),
    with_status(L10_DARK, STATUS_NO_COLOR, "nc"),
    with_status(L10_PROJECTOR, STATUS_NO_COLOR, "nc"),
)

"""Measure what the room sees: every text cell of the rendered screen, its foreground and background as the terminal
would draw them (truecolor, or downgraded to 256 or 16 colours), and the WCAG contrast ratio between the two.

The cells come from the same strips Textual sends to the terminal (the compositor's full update, with the screens
under a dialog), so the line filters (``NO_COLOR``'s monochrome) are already applied.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from rich.color import Color as RichColor
from rich.color import ColorSystem
from rich.style import Style
from rich.terminal_theme import DEFAULT_TERMINAL_THEME

TERMINAL_FG = (229, 229, 229)  # what a terminal shows for "default" colours (a dark terminal)
TERMINAL_BG = (0, 0, 0)

SWATCHES = "■●"  # a team's colour square: a colour sample, not text

SYSTEMS = {"truecolor": None, "256": ColorSystem.EIGHT_BIT, "16": ColorSystem.STANDARD}


def _is_text(char: str) -> bool:
    """Letters, digits, punctuation and status symbols; not blanks, borders, scrollbars or block shading."""
    if char.isspace() or not char.isprintable():
        return False
    code = ord(char)
    if char in SWATCHES:
        return False
    return not (0x2500 <= code <= 0x259F or 0x1FB00 <= code <= 0x1FBFF)


def _rgb(color: RichColor | None, system: ColorSystem | None, default: tuple[int, int, int]) -> tuple[int, int, int]:
    if color is None or color.is_default:
        return default
    if system is not None:
        color = color.downgrade(system)
    triplet = color.get_truecolor(DEFAULT_TERMINAL_THEME, foreground=default == TERMINAL_FG)
    return (triplet.red, triplet.green, triplet.blue)


def luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(fg: tuple[int, int, int], bg: tuple[int, int, int]) -> float:
    a, b = luminance(fg), luminance(bg)
    hi, lo = max(a, b), min(a, b)
    return (hi + 0.05) / (lo + 0.05)


@dataclass(frozen=True)
class Cell:
    x: int
    y: int
    char: str
    fg: tuple[int, int, int]
    bg: tuple[int, int, int]
    badge: bool = False  # drawn on its own background, unlike most of its line (the projector's off-track)

    @property
    def contrast(self) -> float:
        return ratio(self.fg, self.bg)


def _colours(style: Style, system: ColorSystem | None) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    fg = _rgb(style.color, system, TERMINAL_FG)
    bg = _rgb(style.bgcolor, system, TERMINAL_BG)
    if style.reverse:
        fg, bg = bg, fg
    if style.dim:  # terminals draw dim text at about half intensity
        fg = tuple((f + b) // 2 for f, b in zip(fg, bg, strict=True))  # type: ignore[assignment]
    return fg, bg


def screen_cells(app: Any, system: str = "truecolor") -> list[Cell]:
    """Every text cell of the app's current screen (dialogs drawn over the screens beneath them)."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    cells: list[Cell] = []
    colour_system = SYSTEMS[system]
    for y, line in enumerate(update.strips):
        x = 0
        row: list[Cell] = []
        backgrounds: Counter[tuple[int, int, int]] = Counter()
        for strip in line:
            for segment in strip:
                text, style, control = segment.text, segment.style, segment.control
                if control:
                    continue
                fg, bg = _colours(style or Style(), colour_system)
                backgrounds[bg] += len(text)
                for char in text:
                    if _is_text(char):
                        row.append(Cell(x, y, char, fg, bg))
                    x += 1
        usual = backgrounds.most_common(1)[0][0] if backgrounds else TERMINAL_BG
        cells.extend(Cell(c.x, c.y, c.char, c.fg, c.bg, badge=c.bg != usual) for c in row)
    return cells


def screen_text(app: Any) -> list[str]:
    """The screen as lines of characters (for messages)."""
    lines: dict[int, list[str]] = {}
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    for y, line in enumerate(update.strips):
        lines[y] = [seg.text for strip in line for seg in strip if not seg.control]
    return ["".join(lines[y]) for y in sorted(lines)]

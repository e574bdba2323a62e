"""``BigDigits``: a clock or a number drawn in a block font that grows with the terminal, so the back row reads it.

Textual's ``Digits`` are always 3 rows of thin lines. Here a 3x5 pixel font is drawn with full blocks, each pixel
``scale`` cells tall and 2 cells wide (tall digits keep the sidebar narrow): 5 rows at scale 1, 10 at 2, 15 at 3. The
smallest size (``rows == 3``) falls back to Textual's own 3-row glyphs, for an 80x24 terminal.
"""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

# 3 wide x 5 tall; "#" is a lit pixel. Colon, minus, dot, space are narrower glyphs.
FONT: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    "-": ("...", "...", "###", "...", "..."),
    ".": (".", ".", ".", ".", "#"),
    " ": ("..",) * 5,
}
SMALL_ROWS = 3  # Textual's Digits glyphs


def rows_for(width: int, height: int) -> int:
    """How tall the timer is for a terminal of this size: 3 rows at 80x24, 5 at 100x30, 10 from 160x45."""
    if height < 30 or width < 100:
        return SMALL_ROWS
    if height < 45 or width < 150:
        return 5
    return 10 if height < 60 else 15


def render_big(text: str, rows: int) -> list[str]:
    """The lines of ``text`` in the block font, ``rows`` tall (5, 10, 15...) or Textual's 3-row glyphs."""
    if rows <= SMALL_ROWS:
        from textual.renderables.digits import Digits as DigitsRenderable

        return _small(text, DigitsRenderable)
    scale = max(1, rows // 5)
    lines = [""] * (5 * scale)
    for n, char in enumerate(text):
        glyph = FONT.get(char, FONT[" "])
        gap = " " * min(scale, 2) if n else ""
        for y, row in enumerate(glyph):
            cells = "".join(("█" if px == "#" else " ") * 2 for px in row)
            for k in range(scale):
                lines[y * scale + k] += gap + cells
    return lines


def _small(text: str, renderable: type) -> list[str]:
    from rich.console import Console

    console = Console(width=200, color_system=None, legacy_windows=False)
    with console.capture() as capture:
        console.print(renderable(text), end="")
    return capture.get().splitlines()


def _extent(text: str, rows: int) -> tuple[int, int]:
    """The size of ``text`` drawn ``rows`` tall: (width, height)."""
    lines = render_big(text, rows)
    return max((len(line) for line in lines), default=0), len(lines)


class BigDigits(Widget):
    """``value`` drawn in the block font, ``rows`` tall. Its colour and boldness come from CSS like any text."""

    DEFAULT_CSS = """
    BigDigits { width: auto; height: auto; }
    """

    # A new value repaints the digits alone; only a new width (a sign, an hour) lays the screen out again: the
    # meeting's timer changes every second, and a layout rearranges the whole screen (issue 12).
    value: reactive[str] = reactive("")
    rows: reactive[int] = reactive(SMALL_ROWS, layout=True)

    def __init__(self, value: str = "", *, rows: int = SMALL_ROWS, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(BigDigits.value, value)
        self.set_reactive(BigDigits.rows, rows)

    def update(self, value: str) -> None:
        self.value = value

    def watch_value(self, old: str, new: str) -> None:
        if _extent(old, self.rows) != _extent(new, self.rows):
            self.refresh(layout=True)

    def lines(self) -> list[str]:
        return render_big(self.value, self.rows)

    def render(self) -> Text:
        return Text("\n".join(self.lines()), no_wrap=True, overflow="crop")

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max((len(line) for line in self.lines()), default=0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines())

"""``SegmentTimer``: the current segment's remaining time in big digits, turning red (and signed) when over.

The digits grow with the terminal (:func:`~l10tui.tui.widgets.big_digits.rows_for`: 3 rows at 80x24, 5 at 100x30,
10 from 160x45); ``#projected-end`` beside them shows when the meeting is projected to end (set by the screen, empty
until the engine projects one).

Call :meth:`SegmentTimer.show` a few times a second with the seconds left (negative when over) and a caption.
Overrun is never colour alone: the digits gain a minus sign and the caption says "over by".
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ..refresh import update_if_changed, update_in_place
from ..safe import plain
from .big_digits import SMALL_ROWS, BigDigits


def clock_text(seconds: float) -> str:
    """``12:07`` / ``-1:05`` / ``60:00`` / ``1:42:03`` (from 100 minutes) for the big digits (whole seconds,
    rounded towards the plan)."""
    s = int(abs(seconds)) if seconds >= 0 else int(-seconds // 1)
    m, sec = divmod(s, 60)
    sign = "-" if seconds < 0 and s > 0 else ""
    if m < 100:  # IDS starts at 60:00, not 1:00:00 (two glyphs wider than the big digits' room)
        return f"{sign}{m:02d}:{sec:02d}"
    h, m = divmod(m, 60)
    return f"{sign}{h}:{m:02d}:{sec:02d}"


class SegmentTimer(Vertical):
    """Big digits plus a caption line. CSS classes: ``-over`` when overrunning, ``-paused`` when paused."""

    DEFAULT_CSS = """
    SegmentTimer { height: auto; width: auto; }
    SegmentTimer > BigDigits { width: auto; }
    SegmentTimer > #timer-caption { width: auto; }
    SegmentTimer > #projected-end { width: auto; height: auto; }
    SegmentTimer > #projected-end.-none { display: none; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._last: tuple[str, str, bool, bool] | None = None

    def compose(self) -> ComposeResult:
        yield BigDigits("00:00", id="timer-digits")
        yield Static("", id="timer-caption")
        yield Static("", id="projected-end", classes="-none")

    def set_rows(self, rows: int) -> None:
        """How tall the digits are (the screen sets it from the terminal's size)."""
        self.query_one(BigDigits).rows = max(SMALL_ROWS, rows)

    @property
    def rows(self) -> int:
        return self.query_one(BigDigits).rows

    def set_projected_end(self, text: str) -> None:
        """``ends ~10:32`` beside the timer; empty hides it."""
        end = self.query_one("#projected-end", Static)
        update_if_changed(end, text)  # four times a second: only when it changed
        end.set_class(not text, "-none")

    def show(self, remaining_s: float, caption: str, *, paused: bool = False) -> None:
        over = remaining_s < 0
        text = clock_text(remaining_s)
        state = (text, caption, over, paused)
        if state == self._last:
            return
        self._last = state
        self.query_one(BigDigits).update(text)
        # a segment name is data; the caption changes every second when over: repaint it alone (refresh.py)
        update_in_place(self.query_one("#timer-caption", Static), plain(caption))
        self.set_class(over, "-over")
        self.set_class(paused, "-paused")

"""The funnel's one line under the meeting's scorecard: the leak of the week the meeting reports (issue #18).

Hidden when the company has no funnel. The words carry the status (``Funnel leak ... : Sales``, ``no leak``), a
symbol in front (✗ a leak, ✓ none, · not enough numbers), colour only on top.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from l10tui.domain.rules import Track
from l10tui.domain.text import safe_text

from ..status import SYMBOL, track_colour

if TYPE_CHECKING:
    from l10tui.meeting import MeetingRun


VERDICT_TRACK: dict[str, Track] = {"leak": "off", "none": "on", "unknown": "missing"}


class FunnelLine(Static):
    DEFAULT_CSS = """
    FunnelLine { height: auto; padding: 0 1; }
    FunnelLine.-none { display: none; }
    """

    def load(self, run: MeetingRun) -> None:
        from l10tui.meeting.funnel import meeting_funnel

        f = meeting_funnel(run)
        self.set_class(f is None, "-none")
        if f is None:
            return
        track = VERDICT_TRACK[f.verdict()]
        line = f.leak_line()
        if len(line) + 4 > self.app.size.width:  # one line on an 80-column terminal too
            line = f.leak_line(short=True)
        self.update(Text(f"{SYMBOL[track]} {safe_text(line)}", style=track_colour(self.app, track)))

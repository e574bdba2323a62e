"""``AgendaSidebar``: the agenda with planned vs actual minutes per segment, the current one marked ▶, overruns
marked ``+m:ss`` in the off-track colour (never colour alone). Call :meth:`AgendaSidebar.show` with
``MeetingRun.segments()``."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from l10tui.domain.durations import duration_text
from l10tui.meeting import SegmentView, mmss

from ..safe import plain
from ..status import track_colour


class AgendaSidebar(Static):
    DEFAULT_CSS = """
    AgendaSidebar { width: 30; height: auto; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes)
        self._last: tuple[object, ...] | None = None
        self._rows = 0  # the rows shown (0: none yet)

    def show(self, segments: Sequence[SegmentView], total_elapsed: float, planned_total: float) -> None:
        key = (*((s.current, s.over, int(s.elapsed_s), int(s.bonus_s)) for s in segments), int(total_elapsed))
        if key == self._last:
            return
        self._last = key
        off = track_colour(self.app, "off")
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(width=1, no_wrap=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(justify="right", no_wrap=True)
        grid.add_column(justify="right", no_wrap=True)
        for s in segments:
            marker = "▶" if s.current else ("✓" if s.elapsed_s > 0 else " ")
            style = "bold reverse" if s.current else ""
            actual = Text(mmss(s.elapsed_s))
            if s.over:
                actual = Text(duration_text(int(s.elapsed_s - s.planned_s), signed=True), style=f"bold {off}")
            minutes = f"{int((s.planned_s - s.bonus_s) // 60)}m"
            if s.bonus_s >= 60:  # minutes early Nexts left unused, given to IDS
                minutes = f"{int((s.planned_s - s.bonus_s) // 60)}+{int(s.bonus_s // 60)}m"
            grid.add_row(Text(marker), plain(s.name, style=style), Text(minutes), actual)
        total = Text(mmss(total_elapsed), style=f"bold {off}" if total_elapsed > planned_total else "bold")
        grid.add_row(Text(" "), Text("Total", style="bold"), Text(f"{int(planned_total // 60)}m"), total)
        # Every second: one line per row (nothing wraps) in a width that is not the content's, so the same number
        # of rows repaints the agenda alone; a layout would arrange the whole screen again (issue 12).
        rows = len(segments) + 1
        self.update(grid, layout=rows != self._rows)
        self._rows = rows

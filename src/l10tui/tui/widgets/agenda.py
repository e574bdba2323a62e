"""``AgendaSidebar``: the agenda with planned vs actual minutes per segment, the current one marked ▶, overruns
marked ``+m:ss`` in the off-track colour (never colour alone). Call :meth:`AgendaSidebar.show` with
``MeetingRun.segments()``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.cells import cell_len
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.content import Content
from textual.widgets import Static

from l10tui.domain.durations import duration_text
from l10tui.domain.text import safe_text
from l10tui.meeting import SegmentView, mmss

from ..status import track_colour


class _Row(NamedTuple):
    marker: str
    name: str  # safe text
    name_style: str
    minutes: str
    actual: str
    actual_style: str


class AgendaSidebar(Static):
    DEFAULT_CSS = """
    AgendaSidebar { width: 30; height: auto; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes)
        self._last: tuple[object, ...] | None = None
        self._rows: list[_Row] = []

    def show(self, segments: Sequence[SegmentView], total_elapsed: float, planned_total: float) -> None:
        key = (*((s.current, s.over, int(s.elapsed_s), int(s.bonus_s)) for s in segments), int(total_elapsed))
        if key == self._last:
            return
        self._last = key
        off = track_colour(self.app, "off")
        rows = []
        for s in segments:
            marker = "▶" if s.current else ("✓" if s.elapsed_s > 0 else " ")
            actual, actual_style = mmss(s.elapsed_s), ""
            if s.over:
                actual, actual_style = duration_text(int(s.elapsed_s - s.planned_s), signed=True), f"bold {off}"
            minutes = f"{int((s.planned_s - s.bonus_s) // 60)}m"
            if s.bonus_s >= 60:  # minutes early Nexts left unused, given to IDS
                minutes = f"{int((s.planned_s - s.bonus_s) // 60)}+{int(s.bonus_s // 60)}m"
            rows.append(
                _Row(marker, safe_text(s.name), "bold reverse" if s.current else "", minutes, actual, actual_style)
            )
        total_style = f"bold {off}" if total_elapsed > planned_total else "bold"
        rows.append(_Row(" ", "Total", "bold", f"{int(planned_total // 60)}m", mmss(total_elapsed), total_style))
        # Every second: one line per row (nothing wraps) in a width that is not the content's, so the same number
        # of rows repaints the agenda alone; a layout would arrange the whole screen again (issue 12).
        layout = len(rows) != len(self._rows)
        self._rows = rows
        self.refresh(layout=layout)

    def render(self) -> RenderableType | Content:
        """The rows in four columns across the width the widget has now: the marker, the name (cut with … to fit,
        the current one highlighted across its column), the planned minutes and the actual time (both to the
        right), a space between columns. Set as lines of text: laying out a Rich table took 2-3 ms each second on
        the event loop (issue 12); the lines are the table's, cell for cell. Too narrow for that: the table."""
        rows = self._rows
        if not rows:
            return Content("")
        planned_w = max(len(r.minutes) for r in rows)
        actual_w = max(cell_len(r.actual) for r in rows)
        name_w = self.content_size.width - planned_w - actual_w - 4
        if name_w < 3:
            return self._table()
        lines = []
        for r in rows:
            name = Text(r.name, style=r.name_style)
            name.truncate(name_w, overflow="ellipsis", pad=True)
            actual = Text(" " * (actual_w - cell_len(r.actual)) + r.actual, style=r.actual_style)
            lines.append(Text.assemble(r.marker, " ", name, " ", r.minutes.rjust(planned_w), " ", actual))
        return Content.from_rich_text(Text("\n").join(lines))

    def _table(self) -> Table:
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(width=1, no_wrap=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(justify="right", no_wrap=True)
        grid.add_column(justify="right", no_wrap=True)
        for r in self._rows:
            grid.add_row(
                Text(r.marker), Text(r.name, style=r.name_style), Text(r.minutes), Text(r.actual, r.actual_style)
            )
        return grid

"""Issue 13 point 6: after entering numbers with ``e``, the scorecard's columns are as wide as their widest cell (a
redraw once cut every column to its header's width: "$199" for $199,000, ">= 1" for ">= 120", until a resize).

The cause (Textual 8's DataTable): a rebuild (``clear(columns=True)``, columns, rows) leaves every new column as wide
as its header; the rows are measured on the table's next idle. Each rendered cell is cached under a key holding no
width, and measuring does not change that key (a resize does). So a repaint landing between the rebuild and that idle
(the screen's update timer ready in the same event-loop turn: a loaded machine) cached every cell cut to its header's
width, and it stayed so. The tests below force that repaint right after each rebuild.

Point 4: at 80x24 the meeting's scorecard showed half a column ("✓ $4"); only whole columns are shown now.
"""

from __future__ import annotations

from datetime import UTC
from typing import Any

import pytest
from rich.console import Console
from rich.measure import Measurement

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store, open_store
from l10tui.tui.app import L10App
from l10tui.tui.widgets.row_table import RowTable
from l10tui.tui.widgets.scorecard_grid import ScorecardGrid


def _text(cell: Any) -> str:
    return str(getattr(cell, "plain", cell))


def _widths_ok(grid: ScorecardGrid, console: Console) -> list[str]:
    """Every column's width (as Textual will draw it) holds its widest cell and its header."""
    table = grid.table
    problems = []
    for index, column in enumerate(table.ordered_columns):
        widest = Measurement.get(console, console.options, column.label).maximum
        for row in range(table.row_count):
            cell = table.get_row_at(row)[index]
            widest = max(widest, Measurement.get(console, console.options, cell).maximum)
        if column.get_render_width(table) - 2 * table.cell_padding < widest:
            problems.append(f"{column.label}: {column.get_render_width(table)} < {widest}")
    return problems


def _drawn_ok(table: RowTable) -> list[str]:
    """What the table draws: every cell of every column inside the table's width appears whole on its line."""
    problems = []
    visible = 0  # the columns that lie whole inside the table's width
    total = 0
    for column in table.ordered_columns:
        total += column.get_render_width(table)
        if total > table.scrollable_content_region.width:
            break
        visible += 1
    assert visible, "no whole column is visible"
    header = table.render_line(0).text
    for column in table.ordered_columns[:visible]:
        if _text(column.label).strip() not in header:
            problems.append(f"header {column.label!r} cut in {header!r}")
    for row in range(min(table.row_count, table.size.height - 1)):
        line = table.render_line(row + 1).text  # (one header line, no scrolling in these tables)
        cells = table.get_row_at(row)
        for index in range(visible):
            text = _text(cells[index]).strip()
            if text not in line:
                problems.append(f"row {row} column {index}: {text!r} cut in {line!r}")
    return problems


def _paint_right_after_each_rebuild(monkeypatch: pytest.MonkeyPatch) -> None:
    """A repaint lands between the rebuild and the table's idle (as the screen's update timer can, under load)."""
    original = ScorecardGrid._build

    def build_then_paint(self: ScorecardGrid) -> None:
        original(self)
        table = self.table
        for y in range(table.size.height):
            table.render_line(y)

    monkeypatch.setattr(ScorecardGrid, "_build", build_then_paint)


def _app(db: L10Store, clock: FakeClock, start: str) -> L10App:
    kwargs = {"tz": UTC} if start == "meeting" else {}
    app = L10App(db=db, clock=clock, start=start, start_kwargs=kwargs)
    app.animation_level = "none"
    return app


ENTRIES = 8  # each entry is a rebuild and a forced repaint; the bug showed from the first (20 proved no more)


@pytest.mark.parametrize("start", ["meeting", "scorecard"])
async def test_entering_numbers_many_times_keeps_the_column_widths(
    demo_db: L10Store, clock: FakeClock, start: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fails on the code before the fix: after the first ``e`` every column is drawn cut to its header's width.
    Three of the entries have another l10's change landing just before them."""
    _paint_right_after_each_rebuild(monkeypatch)
    other = open_store(demo_db.path, clock)  # another l10 writing numbers meanwhile (``l10 score set``)
    app = _app(demo_db, clock, start)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        if start == "meeting":
            await pilot.press("n")
            await pilot.pause()
        grid = app.screen.query_one(ScorecardGrid)
        measurables = [m for m in grid.data.measurables if not m.derived]
        for n in range(ENTRIES):
            mid = measurables[n % len(measurables)].id
            grid.table.select_key(mid)
            await pilot.press("e")
            for ch in str(199000 + 1111 * n):
                await pilot.press(ch)
            await pilot.press("enter")
            await pilot.pause()
            if n % 3 == 1:  # an external change lands between two entries
                other_mid = measurables[(n + 1) % len(measurables)].id
                other.scores.set(other_mid, grid.data.weeks[1], 1_250_000 + n)
                app.poll_store()
                await pilot.pause()
            await pilot.pause()
            assert not _widths_ok(grid, app.console), f"after entry {n + 1}: {_widths_ok(grid, app.console)}"
            assert not _drawn_ok(grid.table), f"after entry {n + 1}: {_drawn_ok(grid.table)[:3]}"


async def test_a_repaint_before_the_table_measures_is_redrawn_at_the_measured_widths(
    demo_db: L10Store, clock: FakeClock
) -> None:
    """The mechanism itself, on any of our tables: rows added, a repaint before the idle, then the idle."""
    app = _app(demo_db, clock, "meeting")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#attendance", RowTable)
        table.clear(columns=True)
        table.add_column("P", key="p")
        table.add_column("G", key="g")
        table.add_row("Marco Reyes", ">= 120", key="a")
        for y in range(3):
            table.render_line(y)  # cached at the headers' widths
        await pilot.pause()
        line = table.render_line(1).text
        assert "Marco Reyes" in line and ">= 120" in line, line


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 30), (160, 45)])
async def test_the_meeting_scorecard_shows_only_whole_columns(
    demo_db: L10Store, clock: FakeClock, size: tuple[int, int]
) -> None:
    """Point 4: at 80x24 the last column was cut ("✓ $4"); every column shown is whole, this week's always."""
    app = _app(demo_db, clock, "meeting")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.pause()
        grid = app.screen.query_one(ScorecardGrid)
        table = grid.table
        total = sum(c.get_render_width(table) for c in table.ordered_columns)
        assert total <= table.scrollable_content_region.width, (total, table.scrollable_content_region.width)
        assert table.virtual_size.width <= table.scrollable_content_region.width
        labels = [_text(c.label) for c in table.ordered_columns]
        assert grid.data.first_label in labels  # the week being reported is always there
        assert not _drawn_ok(table), _drawn_ok(table)[:3]
        assert labels[:3] == ["Measurable", "Who", "Goal"] and len(labels) >= 4, labels

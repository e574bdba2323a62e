"""Issue 13 point 6: after entering numbers with ``e``, the scorecard's columns are as wide as their widest cell (a
redraw once cut every column to its header's width: "$199" for $199,000, ">= 1" for ">= 120")."""

from __future__ import annotations

from datetime import UTC

import pytest
from rich.console import Console
from rich.measure import Measurement

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store
from l10tui.tui.app import L10App
from l10tui.tui.widgets.scorecard_grid import ScorecardGrid


def _widths_ok(grid: ScorecardGrid, console: Console) -> list[str]:
    table = grid.table
    problems = []
    for index, column in enumerate(table.ordered_columns):
        widest = 0
        for row in range(table.row_count):
            cell = table.get_row_at(row)[index]
            widest = max(widest, Measurement.get(console, console.options, cell).maximum)
        if column.get_render_width(table) - 2 * table.cell_padding < widest:
            problems.append(f"{column.label}: {column.get_render_width(table)} < {widest}")
    return problems


@pytest.mark.parametrize("start", ["meeting"])
async def test_entering_numbers_twenty_times_keeps_the_column_widths(
    demo_db: L10Store, clock: FakeClock, start: str
) -> None:
    kwargs = {"tz": UTC} if start == "meeting" else {}
    app = L10App(db=demo_db, clock=clock, start=start, start_kwargs=kwargs)
    app.animation_level = "none"
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        if start == "meeting":
            await pilot.press("n")
            await pilot.pause()
        grid = app.screen.query_one(ScorecardGrid)
        console = app.console
        for n in range(20):
            row = n % max(1, grid.table.row_count)
            grid.table.move_cursor(row=row, animate=False)
            await pilot.press("e")
            for ch in str(199000 + n):
                await pilot.press(ch)
            await pilot.press("enter")
            await pilot.pause()
            problems = _widths_ok(grid, console)
            assert not problems, f"after entry {n + 1}: {problems}"

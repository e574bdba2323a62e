"""Every table of the app draws its cells whole, also when a repaint comes before Textual measured the new rows.

CI, 2026-12-02: the history screen showed "MT" for MT-12 and "23 N" for 23 Nov 2026 (each column at its header's
width) after its table was filled twice in a row (the live meetings, then the recent ones from a worker), with a
repaint in between: Textual caches a rendered cell and row without its width."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from l10tui.tui.widgets.board_table import MeasuredTable, rebuild
from l10tui.tui.widgets.row_table import RowTable

COLUMNS = [("Id", "id"), ("Date", "date")]
ROWS = [("MT-12", ["MT-12", "23 Nov 2026"]), ("MT-1", ["MT-1", "3 Mar 2025"])]


class OneTable(App[None]):
    CSS = "DataTable { height: 1fr; }"  # as on the screens: rows added do not resize it (a resize redraws it all)

    def __init__(self, table: DataTable[Any]) -> None:
        super().__init__()
        self.table = table

    def compose(self) -> ComposeResult:
        yield self.table


def row_text(table: DataTable[Any], y: int) -> str:
    return "".join(seg.text for seg in table.render_line(y))


async def drawn_after_an_early_repaint(table: DataTable[Any]) -> str:
    async with OneTable(table).run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        rebuild(table, COLUMNS, ROWS[:1])
        await pilot.pause()  # measured
        rebuild(table, COLUMNS, ROWS)  # again, and drawn before the table is next idle
        assert "MT" in row_text(table, 1)
        await pilot.pause()  # the table's idle measures the new rows
        await pilot.pause()
        return row_text(table, 1) + "\n" + row_text(table, 2)


@pytest.mark.parametrize("make", [lambda: MeasuredTable(), lambda: RowTable()], ids=["MeasuredTable", "RowTable"])
async def test_a_repaint_before_the_measuring_does_not_cut_the_cells(make: Any) -> None:
    text = await drawn_after_an_early_repaint(make())
    assert "MT-12" in text and "23 Nov 2026" in text and "3 Mar 2025" in text, text


async def test_textuals_own_table_still_cuts_them() -> None:
    """The reason MeasuredTable exists: when this starts failing, Textual fixed it and the override can go."""
    text = await drawn_after_an_early_repaint(DataTable())
    assert "MT-12" not in text, text


def test_every_table_of_the_app_is_a_measured_table() -> None:
    """A screen that yields a bare ``DataTable(`` gets the cut cells back on the next loaded machine."""
    import re
    from pathlib import Path

    import l10tui.tui

    root = Path(l10tui.tui.__file__).parent
    bare = [
        f"{path.relative_to(root)}:{n}"
        for path in sorted(root.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"(?<![\w.])DataTable\(", line)
    ]
    assert bare == [], bare

"""Filling a DataTable the safe way (DESIGN.md pitfall): columns before rows, no width re-measuring on update,
a full rebuild with ``clear(columns=True)``; the cursor stays on the same record across rebuilds. ``MeasuredTable``
is the DataTable every table of the app is made from: its cells are never drawn cut to their header's width."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.widgets import DataTable

from ..safe import safe_cell

Cell = str | Text


class MeasuredTable(DataTable[Any]):
    """A DataTable whose cells are drawn at their measured widths, also when a repaint comes before the measuring.

    Textual measures new rows on the table's next idle, but caches each rendered cell and line without its width: a
    repaint landing between a rebuild (``clear(columns=True)`` + rows) and that idle (the screen's update timer ready
    in the same event-loop turn, on a loaded machine) cached every cell cut to its header's width ("$199" for
    $199,000 in the meeting; "MT" for MT-12 in history, CI 2026-12-02) until a resize. When the measuring changes a
    width, the stale renderings are dropped here."""

    def _update_dimensions(self, new_rows: Any) -> None:
        before = [c.get_render_width(self) for c in self.ordered_columns]
        super()._update_dimensions(new_rows)
        if [c.get_render_width(self) for c in self.ordered_columns] != before:
            self._update_count += 1  # every render cache is keyed by it (as a resize does)
            self.refresh()


def selected_key(table: DataTable[Any]) -> str | None:
    """The key of the row under the cursor (None for an empty table)."""
    if table.row_count == 0:
        return None
    try:
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
    except Exception:  # cursor outside the rows (a table that just shrank)
        return None
    return None if row_key.value is None else str(row_key.value)


def rebuild(
    table: DataTable[Any],
    columns: Sequence[tuple[str, str] | tuple[str, str, int]],
    rows: Sequence[tuple[str, Sequence[Any]]],
    *,
    keep: str | None = None,
    column: int | None = None,
) -> None:
    """Replace the table's columns and rows; put the cursor back on row ``keep`` (or the same index)."""
    old_row = table.cursor_row
    old_col = table.cursor_column if column is None else column
    table.clear(columns=True)
    for spec in columns:
        if len(spec) == 3:
            table.add_column(safe_cell(spec[0]), key=spec[1], width=spec[2])
        else:
            table.add_column(safe_cell(spec[0]), key=spec[1])
    index = None
    for i, (key, cells) in enumerate(rows):
        table.add_row(*(safe_cell(c) for c in cells), key=key)  # user text is data, never markup
        if key == keep:
            index = i
    if not rows:
        return
    row = index if index is not None else min(max(old_row, 0), len(rows) - 1)
    table.move_cursor(row=row, column=min(max(old_col, 0), len(columns) - 1), animate=False, scroll=True)

"""Columns sized before they are drawn, and only as many as fit whole.

Textual's ``DataTable`` sizes an auto-width column when the table is next idle, after its rows were added; a repaint
before that draws (and caches) every cell at its header's width (see ``RowTable._update_dimensions``). A table built
here gets each column's width up front from its widest cell, so any repaint draws it whole, and a caller can ask how
many trailing columns (weeks) fit in the room it has instead of showing half a column at the edge.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from textual.render import measure
from textual.widgets import DataTable

from ..safe import safe_cell

Column = tuple[Any, str]  # (label, key)
Row = tuple[str, Sequence[Any]]  # (key, cells)


def widths(console: Console, columns: Sequence[Column], rows: Sequence[Row]) -> list[int]:
    """Each column's width: its widest cell or its header (cells as the table will show them: user text literal)."""
    out = [measure(console, safe_cell(label), 1) for label, _key in columns]
    for _key, cells in rows:
        for index, cell in enumerate(cells[: len(out)]):
            out[index] = max(out[index], measure(console, safe_cell(cell), 1))
    return out


def whole_columns(sizes: Sequence[int], padding: int, room: int | None, fixed: int) -> int:
    """How many of the columns after the first ``fixed`` lie whole within ``room`` cells (at least one; all of them
    when the room is not known yet)."""
    if room is None:
        return len(sizes) - fixed
    used = sum(size + 2 * padding for size in sizes[:fixed])
    count = 0
    for size in sizes[fixed:]:
        used += size + 2 * padding
        if used > room:
            break
        count += 1
    return max(1, count)


def room_of(table: DataTable[Any], rows: int) -> int | None:
    """The cells a table has across for its columns (its scrollbar's width kept free when ``rows`` will not fit
    down), or None before it was laid out."""
    region = table.content_region
    if region.width <= 0:
        return None
    header = table.header_height if table.show_header else 0
    if rows + header > region.height:
        return region.width - table.styles.scrollbar_size_vertical
    return region.width


def fill(table: DataTable[Any], columns: Sequence[Column], rows: Sequence[Row], sizes: Sequence[int]) -> None:
    """Add ``columns`` with their widths fixed, then ``rows`` (call ``table.clear(columns=True)`` first)."""
    for (label, key), size in zip(columns, sizes, strict=False):
        table.add_column(label, key=key, width=size)
    for key, cells in rows:
        table.add_row(*cells[: len(columns)], key=key)

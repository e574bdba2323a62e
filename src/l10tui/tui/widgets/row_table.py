"""``RowTable``: a DataTable with a row cursor that leaves ``left``/``right`` to the screen (the meeting's
previous/next segment keys) and tells which row is selected by its key (a record id). A table wider than the
terminal scrolls sideways with ``shift+left`` / ``shift+right``."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate

from ..keymap import with_ids
from ..safe import safe_cell
from .board_table import MeasuredTable


class RowTable(MeasuredTable, inherit_bindings=False):
    """Rows keyed by record id. ``enter`` posts ``DataTable.RowSelected`` as usual.

    The cursor row is drawn in the cursor's own colours, not the cells' (a red or green figure on the cursor bar
    could not be read); the ✓ / ✗ symbols still say the status there."""

    BINDINGS: ClassVar[list[BindingType]] = with_ids(
        "table",
        [
            Binding("enter", "select_cursor", "Select", show=False),
            Binding("up", "cursor_up", "Cursor up", show=False),
            Binding("down", "cursor_down", "Cursor down", show=False),
            Binding("pageup", "page_up", "Page up", show=False),
            Binding("pagedown", "page_down", "Page down", show=False),
            Binding("home", "scroll_top", "Top", show=False),
            Binding("end", "scroll_bottom", "Bottom", show=False),
            Binding("shift+right,ctrl+right", "scroll_right", "Scroll right", show=False),
            Binding("shift+left,ctrl+left", "scroll_left", "Scroll left", show=False),
        ],
    )

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(
            id=id,
            classes=classes,
            cursor_type="row",
            zebra_stripes=True,
            cursor_foreground_priority="css",
            cursor_background_priority="css",
        )

    def add_row(self, *cells: Any, height: int | None = 1, key: str | None = None, label: Any = None) -> Any:
        """As DataTable's, but a cell is never read as markup (user text is data; see tui/safe.py)."""
        return super().add_row(*(safe_cell(c) for c in cells), height=height, key=key, label=label)

    @property
    def selected_key(self) -> str | None:
        """The key (record id) of the row under the cursor, or None when the table is empty."""
        if self.row_count == 0:
            return None
        row = min(max(self.cursor_row, 0), self.row_count - 1)
        try:
            key = self.coordinate_to_cell_key(Coordinate(row, 0)).row_key
        except Exception:
            return None
        return None if key.value is None else str(key.value)

    def select_key(self, key: str | None) -> None:
        """Put the cursor on the row with this key (if it is there)."""
        if key is None:
            return
        try:
            index = self.get_row_index(key)
        except Exception:
            return
        self.move_cursor(row=index, animate=False)

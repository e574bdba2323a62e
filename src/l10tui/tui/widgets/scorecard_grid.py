"""``ScorecardGrid``: measurables x the last 13 weeks, the newest week on the right (as ``l10 score show`` prints
them; scrolled there, the names pinned), this week's number editable in place.

Reusable by any screen::

    data = load_scorecard(db, measurables, today)           # read once from the store (scorecard_data.py)
    grid = ScorecardGrid(data, editable=True, id="grid")    # then grid.load(new_data) after a change

* Cells read without colour: ``✓ 42`` on track, ``✗ 30`` off track, ``· —`` nobody entered it (green / red / grey
  from the theme's ``l10-on`` / ``l10-off`` / ``l10-missing``, blue/orange in the colour-blind palette).
* Shared measurables (more than one team) carry ``⇄``; derived ones (a formula over two others) carry ``ƒ`` and
  cannot be edited.
* ``enter`` (or ``e``) on a row opens an editor for this week's number right under the row's grid; ``enter`` saves,
  ``escape`` cancels. The grid does not write: it posts :class:`ScorecardGrid.ScoreSubmitted` with the raw text
  parsed by ``domain.rules.parse_number``; the host saves it (``db.scores.set`` / ``MeetingRun.set_score``) and calls
  :meth:`ScorecardGrid.load` with fresh data. A number that cannot be read is refused in the editor.
* :attr:`ScorecardGrid.selected_id` is the measurable under the cursor (for ``d`` "drop to issues").
* ``typing=True`` (the scorecard screen between meetings) makes it a grid people type into: the cursor is a cell,
  arrows move between cells (sideways a week at a time), a digit typed on a week's cell opens the editor for that
  week with the digit in it, ``enter`` opens it showing the current value. Weeks run oldest to newest, left to
  right, as ``l10 score show`` prints them; numbers are compact (``51.2k``) and the names stay pinned, so 13 weeks
  fit at 120 columns. Only weeks up to this one are shown, so a future week cannot be typed into.

Three modules beside this one: ``scorecard_data`` (what it shows, read from the store), ``scorecard_cells`` (the
cells as text) and ``scorecard_editing`` (the editor line, and the messages it posts). This one lays out the table.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Label

from l10tui.domain.models import Measurable
from l10tui.domain.trailing import NOTE_MARK

from ..keymap import with_ids
from ..safe import plain
from . import scorecard_cells as cells
from . import table_fit
from .row_table import RowTable
from .scorecard_data import ScorecardData
from .scorecard_editing import ScoreEditing


class ScorecardGrid(ScoreEditing):
    """The scorecard table plus its in-place editor for this week's numbers."""

    DEFAULT_CSS = """
    ScorecardGrid { height: 1fr; }
    ScorecardGrid > RowTable { height: 1fr; }
    ScorecardGrid > #score-editor { height: auto; display: none; }
    ScorecardGrid > #score-editor.-open { display: block; }
    ScorecardGrid #score-editor Label { padding: 1 1 0 0; width: auto; }
    ScorecardGrid #score-editor Input { width: 1fr; }
    ScorecardGrid > #score-note { height: 1; display: none; padding: 0 1; }
    ScorecardGrid > #score-note.-shown { display: block; }
    """

    BINDINGS: ClassVar[list[BindingType]] = with_ids(
        "scorecard_grid",
        [
            Binding("e", "edit", "Enter this week's number"),
            Binding("c", "note", "Note on the number"),
            Binding("escape", "cancel_edit", "Cancel", show=False),
            Binding("left", "cell(-1)", "Previous week", show=False),
            Binding("right", "cell(1)", "Next week", show=False),
        ],
    )
    MIN_FULL_WEEKS = 4  # fewer weeks than this fit with full numbers: compact ones ($199k) instead

    def __init__(
        self,
        data: ScorecardData,
        *,
        editable: bool = True,
        typing: bool = False,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.data = data
        self.editable = editable
        self.typing = typing
        self._room: int | None = None  # the table's width the columns were fitted to

    def compose(self) -> ComposeResult:
        yield RowTable(id="score-table")
        yield from self.compose_editor()
        yield Label("", id="score-note")

    def on_mount(self) -> None:
        self._build()

    @property
    def table(self) -> RowTable:
        return self.query_one("#score-table", RowTable)

    @property
    def selected_id(self) -> str | None:
        return self.table.selected_key

    def load(self, data: ScorecardData) -> None:
        """Show new data (keeps the cursor on the same measurable)."""
        self.data = data
        self._build()

    @property
    def shown_weeks(self) -> list[date]:
        """The weeks in column order: oldest first, the newest on the right, as ``l10 score show`` prints them."""
        return list(reversed(self.data.weeks))

    @property
    def selected_week(self) -> date:
        """The week of the cell under the cursor (typing), else this week."""
        if self.typing:
            col = self.table.cursor_column - 1
            weeks = self.shown_weeks
            if 0 <= col < len(weeks):
                return weeks[col]
        return self.data.weeks[0]

    def value(self, measurable: str, week: date | None = None) -> float | None:
        """The number shown for a measurable (derived ones computed), this week by default."""
        m = self.data.measurable(measurable)
        return None if m is None else self.data.value(m, week)

    def _build(self) -> None:
        if self.typing:
            self._build_typing()
            return
        table = self.table
        keep = table.selected_key
        columns, rows, sizes = self._fitted()
        table.clear(columns=True)
        table.fixed_columns = 1
        table_fit.fill(table, columns, rows, sizes)
        table.select_key(keep)
        self.show_note()
        self.call_after_refresh(self._show_newest)

    def _fitted(self) -> tuple[list[table_fit.Column], list[table_fit.Row], list[int]]:
        """The columns that fit whole in the table's width (issue 13: never half a column at the edge): all weeks
        with full numbers if MIN_FULL_WEEKS fit, else compact numbers ($199k) and as many weeks as fit; this week's
        column always."""
        table = self.table
        self._room = table_fit.room_of(table, len(self.data.measurables))
        columns: list[table_fit.Column] = [("Measurable", "name"), ("Who", "who"), ("Goal", "goal")]
        columns.append(("Trailing", "trailing"))  # in sight beside the goal, however many weeks follow
        for i, week in enumerate(self.data.weeks):
            columns.append((self.data.first_label if i == 0 else week.strftime("%d %b"), week.isoformat()))
        fixed = 4
        console = self.app.console
        rows: list[table_fit.Row] = [(m.id, self._row(m)) for m in self.data.measurables]
        sizes = table_fit.widths(console, columns, rows)
        fit = table_fit.whole_columns(sizes, table.cell_padding, self._room, fixed)
        if fit < min(self.MIN_FULL_WEEKS, len(self.data.weeks)):
            rows = [(m.id, self._row(m, compact=True)) for m in self.data.measurables]
            sizes = table_fit.widths(console, columns, rows)
            fit = table_fit.whole_columns(sizes, table.cell_padding, self._room, fixed)
        one_week = sum(size + 2 * table.cell_padding for size in sizes[: fixed + 1])
        if self._room is not None and one_week > self._room:
            # too narrow for the trailing figure beside this week's number (80 columns): the week comes first
            trail = fixed - 1
            columns = columns[:trail] + columns[fixed:]
            rows = [(key, [*cells[:trail], *cells[fixed:]]) for key, cells in rows]
            sizes = sizes[:trail] + sizes[fixed:]
            fixed = trail
            fit = table_fit.whole_columns(sizes, table.cell_padding, self._room, fixed)
        # the newest weeks that fit, shown oldest first: the week being reported on the right (issue 20), as the
        # scorecard screen and `l10 score show` show it
        end = fixed + fit
        columns = columns[:fixed] + columns[fixed:end][::-1]
        rows = [(key, [*cells[:fixed], *list(cells[fixed:end])[::-1]]) for key, cells in rows]
        return columns, rows, sizes[:fixed] + sizes[fixed:end][::-1]

    def on_resize(self, event: Any) -> None:
        """Another width: as many whole weeks as fit it now."""
        if not self.typing and table_fit.room_of(self.table, len(self.data.measurables)) != self._room:
            self._build()

    def _show_newest(self) -> None:
        """Scrolled right to the end: the newest week in view, the names pinned on the left."""
        if self.is_attached:
            self.table.scroll_to(x=self.table.max_scroll_x, animate=False, immediate=True)

    def _row(self, m: Measurable, compact: bool = False) -> list[Text | str]:
        return cells.row(self.app, self.data, m, compact=compact)

    # -- the typing grid (the scorecard screen between meetings) -------------------------------------------------

    def _build_typing(self) -> None:
        table = self.table
        keep, col = table.selected_key, table.cursor_column
        fresh = len(table.columns) == 0
        table.clear(columns=True)
        table.cursor_type = "cell"
        table.cell_padding = 0
        table.fixed_columns = 1
        weeks = self.shown_weeks
        width = self.app.size.width if self.is_attached else 120
        name_w = max(10, min(30, width - 3 - cells.WEEK_CELL * len(weeks)))
        table.add_column("Measurable", key="name")
        for i, week in enumerate(weeks):
            label = "this wk" if i == len(weeks) - 1 else week.strftime("%d %b")
            table.add_column(Text(label.rjust(cells.WEEK_CELL)), key=week.isoformat())
        table.add_column("  Trailing", key="trailing")  # beside the weeks it sums up (domain/trailing.py)
        table.add_column("  Goal", key="goal")
        table.add_column("  Who", key="who")
        for m in self.data.measurables:
            table.add_row(*cells.typing_row(self.app, self.data, m, weeks, name_w), key=m.id)
        table.select_key(keep)
        self.show_note()
        table.move_cursor(column=len(weeks) if fresh or col < 1 else min(col, len(weeks)), animate=False)

    def action_cell(self, step: int) -> None:
        """Left / right: the previous / next week (the name column stays pinned)."""
        table = self.table
        if not self.typing:
            return
        column = min(max(1, table.cursor_column + step), len(self.data.weeks))
        table.move_cursor(column=column)

    # -- the note under the cursor -------------------------------------------------------------------------------

    def show_note(self) -> None:
        """The note of the cell under the cursor, in the line below the table (hidden when it has none)."""
        if not self.is_mounted:
            return
        line = self.query_one("#score-note", Label)
        m = self.data.measurable(self.selected_id)
        week = self.selected_week
        note = self.data.notes.get((m.id, week), "") if m is not None else ""
        if m is None or not note:
            line.remove_class("-shown")
            return
        line.update(plain(f"{NOTE_MARK} {m.name}, week of {week:%d %b}: {note}"))
        line.add_class("-shown")

    @on(DataTable.CellHighlighted, "#score-table")
    @on(DataTable.RowHighlighted, "#score-table")
    def _moved(self, event: DataTable.CellHighlighted | DataTable.RowHighlighted) -> None:
        self.show_note()

"""``ScorecardGrid``: measurables x the last 13 weeks, the newest week on the right (as ``l10 score show`` prints
them; scrolled there, the names pinned), this week's number editable in place.

Reusable by any screen::

    data = load_scorecard(db, measurables, today)           # read once from the store
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
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Label

from l10tui.domain.dates import weeks_back
from l10tui.domain.goals import measurable_goal
from l10tui.domain.models import Measurable
from l10tui.domain.rules import (
    InputError,
    clean_note,
    format_compact,
    format_number,
    on_track,
    parse_score,
    week_values,
)
from l10tui.domain.trailing import NOTE_MARK, trailing, trailing_weeks
from l10tui.store import L10Store

from ..keymap import with_ids
from ..safe import plain
from ..status import SYMBOL, muted, track_colour
from . import table_fit
from .row_table import RowTable

WEEKS = 13
SHARED_MARK = "⇄"
DERIVED_MARK = "ƒ"


@dataclass
class ScorecardData:
    """What the grid shows; build it with :func:`load_scorecard`."""

    measurables: list[Measurable]
    weeks: list[date]  # Mondays, newest first; weeks[0] is this week (the editable one)
    scores: dict[tuple[str, date], float]
    people: dict[str, str]  # person id -> name
    teams: dict[str, str]  # team id -> name
    first_label: str = "This wk"  # the editable column's label (a meeting shows the week it reports: "Wk 23 Nov")
    notes: dict[tuple[str, date], str] = field(default_factory=dict)  # one-line notes on numbers (``c`` edits)


def load_scorecard(
    db: L10Store, measurables: Sequence[Measurable], today: date, weeks: int = WEEKS, *, label: str = "This wk"
) -> ScorecardData:
    mondays = list(reversed(weeks_back(today, weeks)))
    return ScorecardData(
        first_label=label,
        measurables=list(measurables),
        weeks=mondays,
        scores=db.scores.grid(sorted({*mondays, *trailing_weeks(mondays[0])})),  # the trailing column's weeks too
        notes=db.scores.notes(mondays),
        people={p.id: p.name for p in db.people.all()},
        teams={t.id: t.name for t in db.teams.all()},
    )


class ScorecardGrid(Vertical):
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
    WEEK_CELL = 8  # " ✓ 51.2k": a space, the mark, a space, five characters
    TYPE_KEYS = frozenset("0123456789.-$€£")

    class ScoreSubmitted(Message):
        """This week's number for ``measurable`` was typed: ``value`` is parsed, ``text`` as typed."""

        def __init__(self, grid: ScorecardGrid, measurable: str, week: date, value: float, text: str) -> None:
            super().__init__()
            self.grid = grid
            self.measurable = measurable
            self.week = week
            self.value = value
            self.text = text

        @property
        def control(self) -> ScorecardGrid:
            return self.grid

    class NoteSubmitted(Message):
        """A one-line note for ``measurable``'s number of ``week`` was typed (checked; "" removes it)."""

        def __init__(self, grid: ScorecardGrid, measurable: str, week: date, note: str) -> None:
            super().__init__()
            self.grid = grid
            self.measurable = measurable
            self.week = week
            self.note = note

        @property
        def control(self) -> ScorecardGrid:
            return self.grid

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
        self._editing: str | None = None
        self._editing_week: date | None = None
        self._room: int | None = None  # the table's width the columns were fitted to
        self._noting = False  # the editor holds a note, not a number

    def compose(self) -> ComposeResult:
        yield RowTable(id="score-table")
        with Horizontal(id="score-editor"):
            yield Label("", id="score-editor-label")
            yield Input(placeholder="number, e.g. 42 or 37.5%", id="score-input")
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
        self._name_w = max(10, min(30, width - 3 - self.WEEK_CELL * len(weeks)))
        table.add_column("Measurable", key="name")
        for i, week in enumerate(weeks):
            label = "this wk" if i == len(weeks) - 1 else week.strftime("%d %b")
            table.add_column(Text(label.rjust(self.WEEK_CELL)), key=week.isoformat())
        table.add_column("  Trailing", key="trailing")  # beside the weeks it sums up (domain/trailing.py)
        table.add_column("  Goal", key="goal")
        table.add_column("  Who", key="who")
        for m in self.data.measurables:
            marks = (f" {SHARED_MARK}" if m.shared else "") + (f" {DERIVED_MARK}" if m.derived else "")
            name = m.name + marks
            if len(name) > self._name_w - 1:
                name = name[: self._name_w - 2] + "…"
            cells: list[Text | str] = [Text(name.ljust(self._name_w), style="bold")]
            for week in weeks:
                value = week_values(m, self.data.scores, week)
                track = on_track(value, m.goal, m.op, m.goal_high)
                # the currency sign is in the Goal column: five characters of number always fit the cell
                shown = format_compact(value, m.unit if m.unit == "%" else "") if value is not None else "—"
                mark = NOTE_MARK if (m.id, week) in self.data.notes else ""
                cells.append(
                    Text(f"{SYMBOL[track]} {shown}{mark}".rjust(self.WEEK_CELL), style=track_colour(self.app, track))
                )
            cells.append(Text("  ").append_text(self.trailing_cell(m, compact=True)))
            cells.append(f"  {measurable_goal(m)}")
            cells.append(f"  {self.data.people.get(m.owner, m.owner)}")
            table.add_row(*cells, key=m.id)
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

    def on_key(self, event: Any) -> None:
        """Typing: a digit on a week's cell opens the editor for that week, the digit in it."""
        if not (self.typing and self.editable):
            return
        char = getattr(event, "character", None)
        if self._editing is not None:  # (the editor's own keys never get here: it takes what it types)
            # keys typed fast, before the focus reached the editor: they belong in it, not lost
            if char and char.isprintable():
                event.stop()
                event.prevent_default()
                box = self.query_one("#score-input", Input)
                box.value += char
                box.cursor_position = len(box.value)
            return
        if char and char in self.TYPE_KEYS and self.table.has_focus:
            event.stop()
            event.prevent_default()
            self.start_edit(initial=char)

    def _row(self, m: Measurable, compact: bool = False) -> list[Text | str]:
        marks = (f" {SHARED_MARK}" if m.shared else "") + (f" {DERIVED_MARK}" if m.derived else "")
        name = Text(m.name, style="bold")
        if marks:
            name.append(marks, style=muted(self.app) if not m.shared else "bold")
        who = self.data.people.get(m.owner, m.owner)
        goal = measurable_goal(m)
        cells: list[Text | str] = [name, who, goal, self.trailing_cell(m, compact=True)]
        for week in self.data.weeks:
            cells.append(self.cell(m, week, compact))
        return cells

    def cell(self, m: Measurable, week: date, compact: bool = False) -> Text:
        value = week_values(m, self.data.scores, week)
        track = on_track(value, m.goal, m.op, m.goal_high)
        number = format_compact if compact else format_number
        shown = number(value, m.unit) if value is not None else "—"
        mark = NOTE_MARK if (m.id, week) in self.data.notes else ""
        return Text(f"{SYMBOL[track]} {shown}{mark}", style=track_colour(self.app, track))

    def trailing_cell(self, m: Measurable, *, compact: bool = False) -> Text:
        """``avg 4w 27.5%`` / ``total 13w 1,606``: the measurable's trailing figure (domain/trailing.py);
        ``compact`` (the typing grid, 13 weeks wide): ``avg4 27.5%``, ``tot13 1.61k 12/13``."""
        figure = trailing(m, self.data.scores, self.data.weeks[0])
        if figure is None:
            return Text("")
        if not compact:
            return Text(f"{figure.label} ", style=muted(self.app)).append(figure.shown(m.unit) or "—")
        kind = "avg" if figure.kind == "avg" else "tot"
        shown = format_compact(figure.value, m.unit if m.unit == "%" else "") if figure.value is not None else "—"
        part = f" {figure.entered}/{figure.weeks}" if figure.value is not None and figure.entered < figure.weeks else ""
        return Text(f"{kind}{figure.weeks} ", style=muted(self.app)).append(shown + part)

    # -- notes on numbers ----------------------------------------------------------------------------------------

    def note_at(self) -> tuple[Measurable, date, str] | None:
        """The measurable, week and note of the cell under the cursor (this week's, outside the typing grid)."""
        m = next((x for x in self.data.measurables if x.id == self.selected_id), None)
        if m is None:
            return None
        week = self.selected_week
        return m, week, self.data.notes.get((m.id, week), "")

    def show_note(self) -> None:
        """The note of the cell under the cursor, in the line below the table (hidden when it has none)."""
        if not self.is_mounted:
            return
        at = self.note_at()
        line = self.query_one("#score-note", Label)
        if at is None or not at[2]:
            line.remove_class("-shown")
            return
        m, week, note = at
        line.update(plain(f"{NOTE_MARK} {m.name}, week of {week:%d %b}: {note}"))
        line.add_class("-shown")

    @on(DataTable.CellHighlighted, "#score-table")
    @on(DataTable.RowHighlighted, "#score-table")
    def _moved(self, event: DataTable.CellHighlighted | DataTable.RowHighlighted) -> None:
        self.show_note()

    def action_note(self) -> None:
        self.start_note()

    def start_note(self) -> bool:
        """``c``: a one-line note editor for the number under the cursor (it must have a number)."""
        at = self.note_at()
        if at is None or not self.editable:
            return False
        m, week, note = at
        if m.derived:
            self.notify(f"{m.name} is computed; put the note on one of its two numbers", severity="warning")
            return False
        if week_values(m, self.data.scores, week) is None:
            self.notify(f"{m.name} has no number for the week of {week:%d %b}: enter it first", severity="warning")
            return False
        self._editing, self._editing_week, self._noting = m.id, week, True
        self.query_one("#score-editor-label", Label).update(plain(f"Note on {m.name}, week of {week:%d %b}:"))
        box = self.query_one("#score-input", Input)
        box.value = note
        box.placeholder = "one line, e.g. webinar week (empty removes it)"
        box.select_on_focus = False
        box.cursor_position = len(box.value)
        self.query_one("#score-editor").add_class("-open")
        box.focus()
        return True

    def value(self, measurable: str, week: date | None = None) -> float | None:
        """The number shown for a measurable (derived ones computed), this week by default."""
        m = next((x for x in self.data.measurables if x.id == measurable), None)
        if m is None:
            return None
        return week_values(m, self.data.scores, week or self.data.weeks[0])

    # -- editing -------------------------------------------------------------------------------------------------

    def action_edit(self) -> None:
        self.start_edit()

    @on(DataTable.RowSelected, "#score-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.start_edit()

    @on(DataTable.CellSelected, "#score-table")
    def _cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.start_edit()

    def start_edit(self, measurable: str | None = None, initial: str = "") -> bool:
        """Open the editor for this week's number of ``measurable`` (default: the selected row)."""
        mid = measurable or self.selected_id
        m = next((x for x in self.data.measurables if x.id == mid), None)
        if m is None or not self.editable:
            return False
        if m.derived:
            self.notify(f"{m.name} is computed from two other numbers; enter those", severity="warning")
            return False
        week = self.selected_week
        self._editing, self._editing_week, self._noting = m.id, week, False
        current = self.value(m.id, week)
        now = format_number(current, m.unit) if current is not None else "empty"
        label = plain(f"{m.name}, week of {week:%d %b} (now {now}):")
        self.query_one("#score-editor-label", Label).update(label)
        box = self.query_one("#score-input", Input)
        box.placeholder = "number, e.g. 42 or 37.5%"
        box.value = initial or (format_number(current) if current is not None else "")
        box.select_on_focus = not initial  # a digit typed on the cell is kept; the current value is selected
        box.cursor_position = len(box.value)
        self.query_one("#score-editor").add_class("-open")
        box.focus()
        return True

    @property
    def editing(self) -> str | None:
        return self._editing

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_edit":
            return self._editing is not None
        if action in ("edit", "note"):
            return self.editable
        return True

    def action_cancel_edit(self) -> None:
        self._close_editor()

    def _close_editor(self) -> None:
        self._editing = None
        self._noting = False
        self.query_one("#score-editor").remove_class("-open")
        self.table.focus()

    @on(Input.Submitted, "#score-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._editing is None:
            return
        if self._noting:
            try:
                note = clean_note(event.value)
            except InputError as exc:
                self.notify(str(exc), severity="error")
                return
            mid, week = self._editing, self._editing_week or self.data.weeks[0]
            self._close_editor()
            self.post_message(self.NoteSubmitted(self, mid, week, note))
            return
        try:
            measurable = next(m for m in self.data.measurables if m.id == self._editing)
            value = parse_score(event.value, measurable)
        except InputError as exc:
            self.notify(str(exc), severity="error")
            return
        mid, week = self._editing, self._editing_week or self.data.weeks[0]
        self._close_editor()
        self.post_message(self.ScoreSubmitted(self, mid, week, value, event.value))

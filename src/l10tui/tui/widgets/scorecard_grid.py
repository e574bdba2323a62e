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
from dataclasses import dataclass
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
from l10tui.domain.models import Measurable
from l10tui.domain.rules import InputError, format_compact, format_number, on_track, parse_score, week_values
from l10tui.store import L10Store

from ..keymap import with_ids
from ..safe import plain
from ..status import SYMBOL, muted, track_colour
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


def load_scorecard(
    db: L10Store, measurables: Sequence[Measurable], today: date, weeks: int = WEEKS, *, label: str = "This wk"
) -> ScorecardData:
    mondays = list(reversed(weeks_back(today, weeks)))
    return ScorecardData(
        first_label=label,
        measurables=list(measurables),
        weeks=mondays,
        scores=db.scores.grid(mondays),
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
    """

    BINDINGS: ClassVar[list[BindingType]] = with_ids(
        "scorecard_grid",
        [
            Binding("e", "edit", "Enter this week's number"),
            Binding("escape", "cancel_edit", "Cancel", show=False),
            Binding("left", "cell(-1)", "Previous week", show=False),
            Binding("right", "cell(1)", "Next week", show=False),
        ],
    )
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

    def compose(self) -> ComposeResult:
        yield RowTable(id="score-table")
        with Horizontal(id="score-editor"):
            yield Label("", id="score-editor-label")
            yield Input(placeholder="number, e.g. 42 or 37.5%", id="score-input")

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
        table.clear(columns=True)
        table.fixed_columns = 1
        table.add_column("Measurable", key="name")
        table.add_column("Who", key="who")
        table.add_column("Goal", key="goal")
        weeks = self.shown_weeks  # the newest week (the one reported) on the right, as everywhere
        for i, week in enumerate(weeks):
            label = self.data.first_label if i == len(weeks) - 1 else week.strftime("%d %b")
            table.add_column(label, key=week.isoformat())
        for m in self.data.measurables:
            table.add_row(*self._row(m), key=m.id)
        table.select_key(keep)
        self.call_after_refresh(self._show_newest)

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
                track = on_track(value, m.goal, m.op)
                # the currency sign is in the Goal column: five characters of number always fit the cell
                shown = format_compact(value, m.unit if m.unit == "%" else "") if value is not None else "—"
                cells.append(
                    Text(f"{SYMBOL[track]} {shown}".rjust(self.WEEK_CELL), style=track_colour(self.app, track))
                )
            cells.append(f"  {m.op} {format_number(m.goal, m.unit)}")
            cells.append(f"  {self.data.people.get(m.owner, m.owner)}")
            table.add_row(*cells, key=m.id)
        table.select_key(keep)
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

    def _row(self, m: Measurable) -> list[Text | str]:
        marks = (f" {SHARED_MARK}" if m.shared else "") + (f" {DERIVED_MARK}" if m.derived else "")
        name = Text(m.name, style="bold")
        if marks:
            name.append(marks, style=muted(self.app) if not m.shared else "bold")
        who = self.data.people.get(m.owner, m.owner)
        goal = f"{m.op} {format_number(m.goal, m.unit)}"
        cells: list[Text | str] = [name, who, goal]
        for week in self.shown_weeks:
            cells.append(self.cell(m, week))
        return cells

    def cell(self, m: Measurable, week: date) -> Text:
        value = week_values(m, self.data.scores, week)
        track = on_track(value, m.goal, m.op)
        shown = format_number(value, m.unit) if value is not None else "—"
        return Text(f"{SYMBOL[track]} {shown}", style=track_colour(self.app, track))

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
        self._editing, self._editing_week = m.id, week
        current = self.value(m.id, week)
        now = format_number(current, m.unit) if current is not None else "empty"
        label = plain(f"{m.name}, week of {week:%d %b} (now {now}):")
        self.query_one("#score-editor-label", Label).update(label)
        box = self.query_one("#score-input", Input)
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
        if action == "edit":
            return self.editable
        return True

    def action_cancel_edit(self) -> None:
        self._close_editor()

    def _close_editor(self) -> None:
        self._editing = None
        self.query_one("#score-editor").remove_class("-open")
        self.table.focus()

    @on(Input.Submitted, "#score-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._editing is None:
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

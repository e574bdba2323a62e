"""Editing a scorecard cell in place: the number of a week, or a one-line note on it, typed in the editor line
under the grid. The grid does not write: it posts :class:`ScoreEditing.ScoreSubmitted` /
:class:`ScoreEditing.NoteSubmitted` (handled as ``on_scorecard_grid_score_submitted`` /
``..._note_submitted``) and the host saves and reloads it.
"""

from __future__ import annotations

from abc import abstractmethod
from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Label

from l10tui.domain.models import Measurable
from l10tui.domain.rules import InputError, clean_note, format_number, parse_score

from ..safe import plain
from .row_table import RowTable
from .scorecard_data import ScorecardData

SCORE_PLACEHOLDER = "number, e.g. 42 or 37.5%"


class CellSubmitted(Message):
    """Something typed for one cell of the grid: ``measurable``'s number of ``week``."""

    def __init__(self, grid: ScoreEditing, measurable: str, week: date) -> None:
        super().__init__()
        self.grid = grid
        self.measurable = measurable
        self.week = week

    @property
    def control(self) -> ScoreEditing:
        return self.grid


class ScoreEditing(Vertical):
    """The editor of a scorecard grid; ``ScorecardGrid`` builds the table and says which cell is selected."""

    TYPE_KEYS = frozenset("0123456789.-$€£")

    data: ScorecardData
    editable: bool
    typing: bool
    _editing: str | None = None
    _editing_week: date | None = None
    _noting = False  # the editor holds a note, not a number

    class ScoreSubmitted(CellSubmitted, namespace="scorecard_grid"):
        """This week's number for ``measurable`` was typed: ``value`` is parsed, ``text`` as typed."""

        def __init__(self, grid: ScoreEditing, measurable: str, week: date, value: float, text: str) -> None:
            super().__init__(grid, measurable, week)
            self.value = value
            self.text = text

    class NoteSubmitted(CellSubmitted, namespace="scorecard_grid"):
        """A one-line note for ``measurable``'s number of ``week`` was typed (checked; "" removes it)."""

        def __init__(self, grid: ScoreEditing, measurable: str, week: date, note: str) -> None:
            super().__init__(grid, measurable, week)
            self.note = note

    @property
    @abstractmethod
    def table(self) -> RowTable: ...

    @property
    @abstractmethod
    def selected_id(self) -> str | None: ...

    @property
    @abstractmethod
    def selected_week(self) -> date: ...

    def compose_editor(self) -> ComposeResult:
        with Horizontal(id="score-editor"):
            yield Label("", id="score-editor-label")
            yield Input(placeholder=SCORE_PLACEHOLDER, id="score-input")

    @property
    def editing(self) -> str | None:
        return self._editing

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_edit":
            return self._editing is not None
        if action in ("edit", "note"):
            return self.editable
        return True

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

    # -- opening the editor --------------------------------------------------------------------------------------

    def action_edit(self) -> None:
        self.start_edit()

    def action_note(self) -> None:
        self.start_note()

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
        m = self.data.measurable(measurable or self.selected_id)
        if m is None or not self.editable:
            return False
        if m.derived:
            self.notify(f"{m.name} is computed from two other numbers; enter those", severity="warning")
            return False
        week = self.selected_week
        current = self.data.value(m, week)
        now = format_number(current, m.unit) if current is not None else "empty"
        value = initial or (format_number(current) if current is not None else "")
        # a digit typed on the cell is kept; the current value is selected
        self._open(m, week, f"{m.name}, week of {week:%d %b} (now {now}):", value, SCORE_PLACEHOLDER, not initial)
        return True

    def start_note(self) -> bool:
        """``c``: a one-line note editor for the number under the cursor (it must have a number)."""
        m = self.data.measurable(self.selected_id)
        if m is None or not self.editable:
            return False
        week = self.selected_week
        if m.derived:
            self.notify(f"{m.name} is computed; put the note on one of its two numbers", severity="warning")
            return False
        if self.data.value(m, week) is None:
            self.notify(f"{m.name} has no number for the week of {week:%d %b}: enter it first", severity="warning")
            return False
        note = self.data.notes.get((m.id, week), "")
        placeholder = "one line, e.g. webinar week (empty removes it)"
        self._open(m, week, f"Note on {m.name}, week of {week:%d %b}:", note, placeholder, False, noting=True)
        return True

    def _open(
        self, m: Measurable, week: date, label: str, value: str, placeholder: str, select: bool, *, noting: bool = False
    ) -> None:
        self._editing, self._editing_week, self._noting = m.id, week, noting
        self.query_one("#score-editor-label", Label).update(plain(label))
        box = self.query_one("#score-input", Input)
        box.placeholder = placeholder
        box.value = value
        box.select_on_focus = select
        box.cursor_position = len(box.value)
        self.query_one("#score-editor").add_class("-open")
        box.focus()

    # -- closing it ----------------------------------------------------------------------------------------------

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
        mid, week = self._editing, self._editing_week or self.data.weeks[0]
        message: Message
        try:
            if self._noting:
                message = self.NoteSubmitted(self, mid, week, clean_note(event.value))
            else:
                measurable = next(m for m in self.data.measurables if m.id == mid)
                message = self.ScoreSubmitted(self, mid, week, parse_score(event.value, measurable), event.value)
        except InputError as exc:
            self.notify(str(exc), severity="error")
            return
        self._close_editor()
        self.post_message(message)

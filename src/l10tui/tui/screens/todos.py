"""To-dos per owner, with done / not done; add one between meetings."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from l10tui.domain.milestones import MilestoneTodo, due_soon, is_milestone_id
from l10tui.domain.models import Todo
from l10tui.domain.rules import TODO_GOAL, Track, completion_rate, team_of_person

from ..status import SYMBOL, track_colour
from ..widgets.board_names import pct, person_names, team_names
from ..widgets.board_table import MeasuredTable, rebuild, selected_key
from ..widgets.dialogs import NewTodoDialog, TodoSpec
from ..widgets.key_footer import KeyFooter as Footer
from .base import L10Screen
from .record_edit import active_people, edit_title_owner_due

OPEN_MARK = "☐ open"


class TodosScreen(L10Screen):
    TITLE_TEXT = "To-dos"
    REFRESH_WHEN_UNCOVERED = True
    RULE = (
        "A to-do is a seven-day action item with one owner, due a week after the meeting that made it. Each meeting "
        "reviews last week's to-dos done / not done; the goal is 90 % done. A to-do not done two meetings running "
        "moves to the issues list."
    )

    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        Binding("space", "tick", "Done / not done"),
        Binding("a", "add", "New to-do"),
        Binding("e", "edit", "Edit / reassign"),
        Binding("f", "toggle_filter", "Show done too"),
    ]

    def __init__(self, show_done: bool = False, **_: Any) -> None:
        super().__init__()
        self.show_done = show_done
        self.ticked: set[str] = set()  # ticked here: they stay in view (so a slip is one key to undo)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="todos-summary", classes="board-summary")
        yield MeasuredTable(id="todos-table", cursor_type="row", zebra_stripes=True, cursor_background_priority="css")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_data()

    def visible_todos(self) -> list[Todo]:
        people = person_names(self.db)
        todos = [t for t in self.db.todos.all() if self.show_done or t.status == "open" or t.id in self.ticked]
        return sorted(todos, key=lambda t: (people.get(t.owner, t.owner).casefold(), t.due or date.max, t.id))

    def refresh_data(self) -> None:
        table = self.query_one("#todos-table", DataTable)
        people = person_names(self.db)
        teams = team_names(self.db)
        today = self.l10.clock.today()
        everyone = self.db.todos.all()
        rows = []
        last_owner = None
        # rock milestones due within a week are their owners' to-dos too (domain/milestones.py): space ticks one
        items: list[Todo | MilestoneTodo] = [*self.visible_todos(), *self.milestone_rows(today)]
        items.sort(key=lambda x: (people.get(x.owner, x.owner).casefold(), x.due or date.max, x.id))
        for t in items:
            owner = people.get(t.owner, t.owner)
            owner_cell = Text("")
            if owner != last_owner:
                owner_cell = Text(owner + " ")
                rate = completion_rate(everyone, owner=t.owner)
                if rate is not None:
                    owner_cell.append_text(self._mark(pct(rate), "on" if rate >= TODO_GOAL else "off"))
            last_owner = owner
            if isinstance(t, MilestoneTodo):
                due = self._mark(f"{t.due:%-d %b} overdue", "off") if t.late else Text(f"{t.due:%a %-d %b}")
                rows.append((t.id, [owner_cell, Text(t.label()), Text(OPEN_MARK), due, t.id, ""]))
                continue
            status = self._mark("done", "on") if t.status == "done" else Text(OPEN_MARK)
            due = Text(f"{t.due:%a %-d %b}" if t.due else "")
            if t.status == "open" and t.due is not None and t.due < today:
                due = self._mark(f"{t.due:%-d %b} overdue", "off")
            rows.append((t.id, [owner_cell, t.title, status, due, t.id, teams.get(t.team or "", "")]))
        columns = [("Owner (done at review)", "owner"), ("To-do", "title"), ("Status", "status"), ("Due", "due")]
        columns += [("Id", "id"), ("Team", "team")]
        rebuild(table, columns, rows, keep=selected_key(table))
        rate = completion_rate(everyone)
        shown = "open and done" if self.show_done else "open only, f shows done too"
        self.query_one("#todos-summary", Static).update(
            f"{sum(t.status == 'open' for t in everyone)} open · done at review {pct(rate)}, goal 90% · {shown}"
        )

    def _mark(self, shown: str, track: Track) -> Text:
        return Text(f"{SYMBOL[track]} {shown}", style=track_colour(self.app, track))

    def milestone_rows(self, today: date) -> list[MilestoneTodo]:
        return due_soon(self.db.rocks.all(), today)

    def action_tick(self) -> None:
        key = selected_key(self.query_one("#todos-table", DataTable))
        if key is None:
            return
        if is_milestone_id(key):
            from l10tui.store import milestones

            found = self.attempt(milestones.set_done, self.db.rocks, key, True)
            if found is not None:
                self.notify(f"Milestone {key} {found[1].title}: done", timeout=3)
            self.refresh_data()
            return
        todo = self.read(self.db.todos.get, key)
        if todo is None:
            return
        done = todo.status != "done"
        self.ticked.add(key)
        if self.attempt(self.db.todos.set_done, key, done) is not None:
            self.notify(f"{key} {todo.title}: {'done' if done else 'open again'}", timeout=3)
        self.refresh_data()

    def action_edit(self) -> None:
        key = selected_key(self.query_one("#todos-table", DataTable))
        todo = self.db.todos.find(key) if key else None
        if todo is None:
            self.notify("No to-do selected", severity="warning")
            return
        edit = self.db.todos.edit
        edit_title_owner_due(self, todo, edit, title_label="To-do", owner_label="Who", refresh=self.refresh_data)

    def action_toggle_filter(self) -> None:
        self.show_done = not self.show_done
        self.refresh_data()

    def action_add(self) -> None:
        people = active_people(self.db)
        self.app.push_screen(NewTodoDialog(people, self.l10.clock.today()), self._added)

    def _added(self, spec: TodoSpec | None) -> None:
        if spec is None:
            return
        owner = self.db.people.find(spec.owner)
        team = team_of_person(owner)  # the same rule as the CLI and the meeting
        todo = self.attempt(
            self.db.todos.add, spec.title, owner=spec.owner, today=self.l10.clock.today(), due=spec.due, team=team
        )
        if todo is not None:
            self.notify(f"Added {todo.id}", timeout=2)
            self.refresh_data()
            self.query_one("#todos-table", DataTable).move_cursor(
                row=self.query_one("#todos-table", DataTable).get_row_index(todo.id)
            )

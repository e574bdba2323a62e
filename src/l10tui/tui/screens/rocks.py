"""Rocks of a quarter with their weekly on/off-track history; change a rock's status."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from l10tui.domain.dates import parse_date, parse_quarter, quarter_first_day, quarter_last_day, quarter_of, week_monday
from l10tui.domain.milestones import progress as milestone_progress
from l10tui.domain.models import Rock

from ..status import SYMBOL, track_colour
from ..widgets.board_form import FormField
from ..widgets.board_names import person_names, team_names
from ..widgets.board_table import MeasuredTable, rebuild, selected_key
from ..widgets.key_footer import KeyFooter as Footer
from .base import L10Screen
from .record_edit import active_people, edit_title_owner_due

HISTORY_WEEKS = 13


def quarter_weeks(quarter: str) -> list[date]:
    first = week_monday(quarter_first_day(quarter))
    last = quarter_last_day(quarter)
    weeks = []
    while first <= last:
        weeks.append(first)
        first += timedelta(weeks=1)
    return weeks[-HISTORY_WEEKS:]


def shift_quarter(quarter: str, step: int) -> str:
    year, q = parse_quarter(quarter)
    index = year * 4 + q - 1 + step
    return f"{index // 4}-Q{index % 4 + 1}"


class RocksScreen(L10Screen):
    TITLE_TEXT = "Rocks"
    REFRESH_WHEN_UNCOVERED = True
    RULE = (
        "Rocks are the quarter's 90-day priorities: 3 to 7 for the team, one owner each, due at quarter end. Each "
        "week a rock is reported on track or off track (off track goes to the issues list); at quarter end it is "
        "done or not done, no partial credit."
    )

    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        Binding("o", "status('on')", "On track"),
        Binding("f", "status('off')", "Off track"),
        Binding("d", "status('done')", "Done"),
        Binding("n", "status('not-done')", "Not done"),
        Binding("a", "add", "New rock"),
        Binding("e", "edit", "Edit / reassign"),
        Binding("r", "reopen", "Reopen"),
        Binding("m", "milestone", "Milestone"),
        Binding("home", "row('first')", "First rock", show=False, priority=True),
        Binding("end", "row('last')", "Last rock", show=False, priority=True),
        Binding("left_square_bracket", "quarter(-1)", "Previous quarter", key_display="["),
        Binding("right_square_bracket", "quarter(1)", "Next quarter", key_display="]"),
    ]

    def __init__(self, quarter: str | None = None, **_: Any) -> None:
        super().__init__()
        self.quarter = quarter

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="rocks-summary", classes="board-summary")
        yield MeasuredTable(id="rocks-table", cursor_type="row", zebra_stripes=True, cursor_background_priority="css")
        yield Footer()

    def on_mount(self) -> None:
        if self.quarter is None:
            self.quarter = quarter_of(self.l10.clock.today())
        self.refresh_data()

    def rocks(self) -> list[Rock]:
        assert self.quarter is not None
        teams = team_names(self.db)
        found = self.db.rocks.for_quarter(self.quarter)
        return sorted(found, key=lambda r: (teams.get(r.team, r.team).casefold(), r.id))

    def _status_text(self, rock: Rock) -> Text:
        if rock.final == "done":
            return Text("✓ done", style=f"bold {track_colour(self.app, 'on')}")
        if rock.final == "not-done":
            return Text("✗ not done", style=f"bold {track_colour(self.app, 'off')}")
        if rock.status is None:
            return Text(f"{SYMBOL['missing']} not reported", style=track_colour(self.app, "missing"))
        track = rock.status
        return Text(f"{SYMBOL[track]} {'on' if track == 'on' else 'off'} track", style=track_colour(self.app, track))

    def _steps_text(self, rock: Rock) -> Text:
        """``2/5`` milestones done, ``2/5 late`` (in the off-track colour) when the next one is late."""
        prog = milestone_progress(rock, self.l10.clock.today())
        return Text(prog.short(), style=track_colour(self.app, "off") if prog.next_late else "")

    def _history_text(self, rock: Rock, weeks: list[date]) -> Text:
        by_week = {h.week: h.status for h in rock.history}
        text = Text()
        for w in weeks:
            s = by_week.get(w)
            key = "missing" if s is None else s
            text.append(SYMBOL[key], style=track_colour(self.app, key))
        return text

    def refresh_data(self) -> None:
        assert self.quarter is not None
        table = self.query_one("#rocks-table", DataTable)
        people = person_names(self.db)
        teams = team_names(self.db)
        weeks = quarter_weeks(self.quarter)
        rows = []
        rocks = self.rocks()
        for r in rocks:
            rows.append(
                (
                    r.id,
                    [
                        r.title,
                        self._status_text(r),
                        self._steps_text(r),
                        people.get(r.owner, r.owner),
                        teams.get(r.team, r.team),
                        f"{r.due:%-d %b}" if r.due else "",
                        self._history_text(r, weeks),
                        r.id,
                    ],
                )
            )
        columns = [("Rock", "title"), ("Status", "status"), ("Steps", "steps"), ("Owner", "owner"), ("Team", "team")]
        columns += [("Due", "due")]
        columns += [(f"Weeks from {weeks[0]:%-d %b}", "history"), ("Id", "id")]
        rebuild(table, columns, rows, keep=selected_key(table))
        on = sum(r.status == "on" and r.final is None for r in rocks)
        done = sum(r.final == "done" for r in rocks)
        self.query_one("#rocks-summary", Static).update(
            f"Quarter {self.quarter}: {len(rocks)} rock{'' if len(rocks) == 1 else 's'}, {on} on track, {done} done   ([ ] change quarter)"
        )

    def action_quarter(self, step: int) -> None:
        assert self.quarter is not None
        self.quarter = shift_quarter(self.quarter, step)
        self.refresh_data()

    def action_status(self, status: str) -> None:
        key = selected_key(self.query_one("#rocks-table", DataTable))
        if key is None:
            self.notify("No rock selected", severity="warning")
            return
        rock = self.attempt(self.db.rocks.set_status, key, status, self.l10.clock.today())
        if rock is not None:
            said = {"on": "on track", "off": "off track"}.get(status, status.replace("-", " "))
            self.notify(f"{rock.id} {rock.title}: {said}", timeout=3)
        self.refresh_data()

    def action_row(self, where: str) -> None:
        """Home / End move the cursor itself (a status key then acts on the rock that is shown selected)."""
        table = self.query_one("#rocks-table", DataTable)
        if table.row_count:
            table.move_cursor(row=0 if where == "first" else table.row_count - 1)

    def action_reopen(self) -> None:
        key = selected_key(self.query_one("#rocks-table", DataTable))
        if key is None:
            self.notify("No rock selected", severity="warning")
            return
        rock = self.attempt(self.db.rocks.reopen, key)
        if rock is not None:
            self.notify(f"{rock.id} {rock.title}: open again", timeout=3)
        self.refresh_data()

    def action_edit(self) -> None:
        key = selected_key(self.query_one("#rocks-table", DataTable))
        rock = self.db.rocks.find(key) if key else None
        if rock is None:
            self.notify("No rock selected", severity="warning")
            return
        edit = self.db.rocks.edit
        edit_title_owner_due(self, rock, edit, title_label="Rock", owner_label="Owner", refresh=self.refresh_data)

    def action_add(self) -> None:
        assert self.quarter is not None
        people = active_people(self.db)
        teams = [(t.name, t.id) for t in self.db.teams.active()]
        fields = [
            FormField("title", "Rock"),
            FormField("owner", "Owner", choices=people),
            FormField("team", "Team", choices=teams),
            FormField("due", f"Due (empty: end of {self.quarter})"),
        ]
        quarter = self.quarter
        today = self.l10.clock.today()

        def add(values: dict[str, str]) -> Rock:
            due = parse_date(values["due"], today) if values["due"].strip() else None
            return self.db.rocks.add(
                values["title"], owner=values["owner"], team=values["team"], quarter=quarter, due=due
            )

        def added(rock: Rock) -> None:
            self.notify(f"Added {rock.id}", timeout=2)
            self.refresh_data()

        self.open_form(f"New rock for {quarter}", fields, add, added)

    def action_milestone(self) -> None:
        """Add a dated milestone to the selected rock (refused in one line after the rock's quarter)."""
        key = selected_key(self.query_one("#rocks-table", DataTable))
        rock = self.db.rocks.find(key) if key else None
        if rock is None:
            self.notify("No rock selected", severity="warning")
            return
        today = self.l10.clock.today()
        fields = [FormField("title", "Milestone"), FormField("due", "Due (like 4 Dec)")]

        def add(values: dict[str, str]) -> Rock:
            from l10tui.domain.rules import InputError
            from l10tui.store import milestones

            if not values["due"].strip():
                raise InputError("a milestone needs a due date")
            changed, _ms = milestones.add(self.db.rocks, rock.id, values["title"], parse_date(values["due"], today))
            return changed

        def added(changed: Rock) -> None:
            self.notify(f"{changed.id}: {milestone_progress(changed, today).text()}", timeout=3)
            self.refresh_data()

        self.open_form(f"New milestone for {rock.id}", fields, add, added)

"""Home: when each team meets next, what is open, what is due, which numbers are missing; one key to every screen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.events import Resize
from textual.widgets import Header, Static

from l10tui.domain.dates import DateError, next_meeting
from l10tui.domain.milestones import due_soon
from l10tui.domain.models import Meeting, Todo
from l10tui.domain.rules import RATING_GOAL, TODO_GOAL, Track, completion_rate, rating_average
from l10tui.domain.schedule import next_meeting_status, reported_week, weeks_in_a_row
from l10tui.domain.snapshot import snapshot_completion
from l10tui.domain.text import safe_text
from l10tui.store import L10Store, schedule

from ..safe import plain
from ..status import SYMBOL, muted, track_colour
from ..widgets.board_names import local, pct, person_names, team_names
from ..widgets.key_footer import KeyFooter as Footer
from .base import L10Screen

HOME_KEYS = (
    ("m", "meeting"),
    ("b", "issues"),
    ("s", "scorecard"),
    ("r", "rocks"),
    ("t", "to-dos"),
    ("y", "history"),
    ("g", "trends"),
    ("a", "Sales-Marketing"),
    ("e", "people & teams"),
    ("?", "help"),
    ("q", "quit"),
)
DUE_SOON_DAYS = 7
LIST_MAX = 6  # lines per list on home; the to-dos and scorecard screens have the rest


@dataclass(frozen=True)
class TeamLine:
    team: str
    name: str
    next_meeting: datetime | None  # the company's wall-clock time of the next slot (naive)
    open_issues: int
    long_term: int
    next_text: str = ""  # "Mon 7 Dec 09:00", "due now, 12 min late", "not held yet, 2 days late"
    in_a_row: int = 0  # weeks in a row the team held its meeting


@dataclass(frozen=True)
class HomeFacts:
    """Everything the home screen shows, read from the store in one go (tests check these too)."""

    teams: list[TeamLine]
    todos_due: list[tuple[str, str, str, date | None, bool]]  # id, title, owner name, due, overdue
    missing: list[tuple[str, str, str]]  # measurable id, name, owner name
    week: date
    last_meeting: Meeting | None
    last_rating: float | None
    last_completion: float | None
    in_progress: Meeting | None


def home_facts(db: L10Store, now: datetime, today: date) -> HomeFacts:
    people = person_names(db)
    issues = db.issues.all()
    cal = db.calendar
    meetings = db.meetings.all()
    lines = []
    for team in db.teams.active():
        held = [m.actual_start or m.created_at for m in meetings if team.id in m.teams and m.state == "finished"]
        running = next((m for m in meetings if team.id in m.teams and m.state != "finished"), None)
        changes = schedule.changes(db, team.id)
        status = next_meeting_status(
            team.meeting_rule,
            now,
            cal,
            held,
            changes,
            in_progress=(running.actual_start or running.created_at) if running else None,
            since=team.created_at,
        )
        nxt: datetime | None
        if status.slot is not None:
            nxt = cal.local(status.slot.at).replace(tzinfo=None)
        else:  # a rule that is not one weekly day and time: the rule's own next occurrence
            try:
                nxt = next_meeting(team.meeting_rule, cal.local(now).replace(tzinfo=None))
            except DateError:
                nxt = None
        lines.append(
            TeamLine(
                team=team.id,
                name=team.name,
                next_meeting=nxt,
                open_issues=sum(1 for i in issues if i.team == team.id and i.status == "open"),
                long_term=sum(1 for i in issues if i.team == team.id and i.status == "long-term"),
                next_text=status.text(cal)
                if status.slot is not None
                else (f"{nxt:%a %-d %b %H:%M}" if nxt else "no rule"),
                in_a_row=weeks_in_a_row(team.meeting_rule, now, cal, held, changes),
            )
        )
    horizon = today + timedelta(days=DUE_SOON_DAYS)
    due = sorted(
        (t for t in db.todos.open() if t.due is not None and t.due <= horizon),
        key=lambda t: (t.due or today, t.id),
    )
    todos_due = [(t.id, t.title, people.get(t.owner, t.owner), t.due, t.due is not None and t.due < today) for t in due]
    # rock milestones due within a week are their owners' to-dos too (domain/milestones.py)
    todos_due += [
        (m.id, m.label(), people.get(m.owner, m.owner), m.due, m.late) for m in due_soon(db.rocks.all(), today)
    ]
    todos_due.sort(key=lambda row: (row[3] or today, row[0]))
    # the numbers the next meeting reports: the week a meeting today would report, by each measurable's teams
    active_teams = [t.id for t in db.teams.active()]
    week = reported_week(today, schedule.reports_for(db, active_teams))
    week_of_m = {
        m.id: reported_week(today, schedule.reports_for(db, list(m.teams) or active_teams))
        for m in db.measurables.active()
    }
    entered = db.scores.grid(set(week_of_m.values()) | {week})
    missing = [
        (m.id, m.name, people.get(m.owner, m.owner))
        for m in db.measurables.active()
        if m.formula is None and (m.id, week_of_m[m.id]) not in entered
    ]
    last = db.meetings.latest()
    todos = db.todos.all() if last is not None else []
    return HomeFacts(
        teams=lines,
        todos_due=todos_due,
        missing=missing,
        week=week,
        last_meeting=last,
        last_rating=rating_average(last.ratings) if last else None,
        last_completion=last_completion(last, todos),
        in_progress=db.meetings.in_progress(),
    )


def last_completion(last: Meeting | None, todos: list[Todo]) -> float | None:
    """The last meeting's to-do completion as its snapshot counted it (every to-do due), else from the reviews."""
    if last is None:
        return None
    snap = snapshot_completion(last)
    return snap.rate if snap is not None else completion_rate(todos, meeting=last.id)


class HomeScreen(L10Screen):
    TITLE_TEXT = "Home"
    RULE = (
        "Same day, same time, same agenda every week: the meeting starts on time and ends on time. Between meetings, "
        "anyone adds issues, to-dos and this week's numbers; every team keeps its own issues list, and to-dos are "
        "seven-day promises with a 90 % completion goal."
    )

    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        Binding("m", "meeting", "Meeting"),
        Binding("M", "team_meeting", "One team's meeting"),
        Binding("b", "open('issues')", "Issues board"),
        Binding("s", "open('scorecard')", "Scorecard"),
        Binding("r", "open('rocks')", "Rocks"),
        Binding("t", "open('todos')", "To-dos"),
        Binding("y", "open('history')", "History"),
        Binding("g", "open('trends')", "Trends"),
        Binding("a", "open('alignment')", "Sales-Marketing"),
        Binding("e", "open('people')", "People & teams"),
        Binding("q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="home-body"):
            yield Static(id="home-title")
            yield Static(id="home-teams")
            yield Static(id="home-last")
            with Horizontal(id="home-lists"):
                yield Static(id="home-todos", classes="home-box")
                yield Static(id="home-missing", classes="home-box")
            yield Static(self._keys_line(), id="home-keys")
        yield Footer()

    def _keys_line(self, width: int | None = None) -> Text:
        """Every way out of home, wrapped between entries only (a key and its words never split across lines):
        the footer is cut at 80-120 columns."""
        width = width or max(20, self.app.size.width - 4)
        text = Text("\n")
        column = 0
        for n, (key, what) in enumerate(HOME_KEYS):
            entry = len(key) + 1 + len(what)
            if n:
                if column + 5 + entry > width:
                    text.append("\n")
                    column = 0
                else:
                    text.append("  ·  ", style=muted(self.app))
                    column += 5
            text.append(key, style="bold")
            text.append(f" {what}")
            column += entry
        return text

    def on_resize(self, event: Resize) -> None:
        for keys in self.query("#home-keys").results(Static):
            keys.update(self._keys_line(max(20, event.size.width - 4)))

    def on_mount(self) -> None:
        self.refresh_data()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        clock = self.l10.clock
        facts = home_facts(self.db, clock.now(), clock.today())
        self.facts = facts
        company = safe_text(self.db.setting("company", "") or "l10")
        today = clock.today()
        cal = self.db.calendar
        zone = cal.name if cal.explicit else f"{cal.name}, this machine's zone"
        title = Text.assemble((company, "bold"), f"  ·  {today:%A %-d %b %Y}", (f"  ·  {zone}", "dim"))
        if facts.in_progress is not None:
            title.append("   ▶ a meeting is in progress: m resumes it", style="bold")
        self.query_one("#home-title", Static).update(title)
        self.query_one("#home-teams", Static).update(self._teams_table(facts))
        self.query_one("#home-todos", Static).update(self._todos(facts))
        self.query_one("#home-missing", Static).update(self._missing(facts))
        self.query_one("#home-last", Static).update(self._last(facts))

    def _teams_table(self, facts: HomeFacts) -> Table:
        table = Table(box=None, padding=(0, 2), header_style="bold")
        table.add_column("Team", no_wrap=True, min_width=14)
        table.add_column("Next meeting", no_wrap=True, min_width=18)
        table.add_column("Open issues", justify="right", no_wrap=True)
        table.add_column("Long-term", justify="right", no_wrap=True)
        for line in facts.teams:
            when = line.next_text or (f"{line.next_meeting:%a %-d %b %H:%M}" if line.next_meeting else "no rule")
            name = plain(line.name)
            if line.in_a_row >= 2:
                name.append(f" · {line.in_a_row} wks in a row", style="dim")
            table.add_row(name, when, str(line.open_issues), str(line.long_term))
        if not facts.teams:
            table.add_row("no teams yet", "press e to add one", "", "")
        return table

    def _todos(self, facts: HomeFacts) -> Text:
        text = Text.assemble((f"To-dos due in {DUE_SOON_DAYS} days ({len(facts.todos_due)})", "bold"), "\n")
        text.no_wrap, text.overflow = True, "ellipsis"
        off = track_colour(self.app, "off")
        for todo_id, title, owner, due, overdue in facts.todos_due[:LIST_MAX]:
            when = f"{due:%-d %b}" if due else ""
            if overdue:
                text.append(f"✗ {when} ", style=f"bold {off}")
            else:
                text.append(f"{when} ")
            text.append(safe_text(f"{todo_id} {title} · {owner}") + "\n")
        if len(facts.todos_due) > LIST_MAX:
            text.append(f"… and {len(facts.todos_due) - LIST_MAX} more (t)\n")
        if not facts.todos_due:
            text.append("nothing due")
        text.rstrip()
        return text

    def _missing(self, facts: HomeFacts) -> Text:
        text = Text.assemble((f"Missing, week of {facts.week:%-d %b} ({len(facts.missing)})", "bold"), "\n")
        text.no_wrap, text.overflow = True, "ellipsis"
        colour = track_colour(self.app, "missing")
        for mid, name, owner in facts.missing[:LIST_MAX]:
            text.append(f"{SYMBOL['missing']} ", style=colour)
            text.append(safe_text(f"{mid} {name} · {owner}") + "\n")
        if len(facts.missing) > LIST_MAX:
            text.append(f"… and {len(facts.missing) - LIST_MAX} more (s)\n")
        if not facts.missing:
            text.append("all entered")
        text.rstrip()
        return text

    def _last(self, facts: HomeFacts) -> Text:
        last = facts.last_meeting
        if last is None:
            return Text("No meeting held yet: press m to start the first one.")
        teams = team_names(self.db)
        when = last.actual_start or last.planned_start or last.created_at
        names = " + ".join(teams.get(t, t) for t in last.teams) or "all teams"
        text = Text.assemble(("Last meeting ", "bold"), f"{local(when, self.db.calendar):%a %-d %b}: rating ")
        text.append_text(_goal_text(self, last_value(facts.last_rating), facts.last_rating, RATING_GOAL))
        text.append(" · to-dos done ")
        text.append_text(_goal_text(self, pct(facts.last_completion), facts.last_completion, TODO_GOAL))
        text.append(safe_text(f" · {last.id} {names}"), style=muted(self.app))
        return text

    def action_open(self, name: str) -> None:
        self.l10.show(name)

    def action_meeting(self) -> None:
        """Resume the meeting in progress (whichever teams it is for), else start the joint meeting of all teams."""
        running = self.db.meetings.in_progress()
        if running is not None and len(running.teams) == 1:
            self._open_meeting(running.teams[0])
        else:
            self._open_meeting(None)

    def action_team_meeting(self) -> None:
        from ..widgets.dialogs import ChoiceDialog

        teams = [(t.name, t.id) for t in self.db.teams.active()]

        def chosen(team: str | None) -> None:
            if team:  # escape chooses nothing
                self._open_meeting(team)

        self.app.push_screen(ChoiceDialog("Start or resume the meeting of one team", teams), chosen)

    def _open_meeting(self, team: str | None) -> None:
        try:
            if team is None:
                self.l10.show("meeting")
            else:
                self.l10.show("meeting", team=team)
        except ImportError:
            self.notify("The meeting screen is not available in this build.", severity="error")


def last_value(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _goal_text(screen: Any, shown: str, value: float | None, goal: float) -> Text:
    if value is None:
        return Text(f"{SYMBOL['missing']} {shown}", style=track_colour(screen.app, "missing"))
    track: Track = "on" if value >= goal else "off"
    return Text(f"{SYMBOL[track]} {shown}", style=f"bold {track_colour(screen.app, track)}")

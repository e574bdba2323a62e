"""First run on an empty store: company, teams, people, meeting day and time; then home."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Header, Input, Label, Select, Static, TextArea

from l10tui.domain.calendar import SETTING as ZONE_SETTING
from l10tui.domain.calendar import CompanyCalendar, ZoneError, zone_named
from l10tui.domain.models import DEFAULT_AGENDA_MINUTES, SEGMENTS
from l10tui.domain.rules import InputError, clean_name
from l10tui.domain.schedule import parse_agenda_minutes
from l10tui.store import L10Store

from ..safe import plain
from ..widgets.key_footer import KeyFooter as Footer
from .base import L10Screen

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DEFAULT_TEAMS = "Sales, Marketing"
DEFAULT_MINUTES = ",".join(str(m) for m in DEFAULT_AGENDA_MINUTES)
_TIME = re.compile(r"^\s*(\d{1,2})(?:[:.h](\d{2}))?\s*$")


def parse_teams(text: str) -> list[str]:
    names = [clean_name(part, "team name") for part in re.split(r"[,;\n]", text) if part.strip()]
    if not names:
        raise InputError("name at least one team (e.g. Sales, Marketing)")
    seen: set[str] = set()
    for n in names:
        if n.casefold() in seen:
            raise InputError(f"team {n!r} is named twice")
        seen.add(n.casefold())
    return names


def parse_people(text: str, teams: list[str]) -> list[tuple[str, list[str]]]:
    """One person a line, ``Name: Team, Team`` (no teams: every team)."""
    by_fold = {t.casefold(): t for t in teams}
    people: list[tuple[str, list[str]]] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, _, rest = line.partition(":")
        person = clean_name(name, f"name on line {n}")
        wanted = [part.strip() for part in rest.split(",") if part.strip()]
        chosen = []
        for w in wanted:
            team = by_fold.get(w.casefold())
            if team is None:
                raise InputError(f"line {n}: no team {w!r} (teams: {', '.join(teams)})")
            chosen.append(team)
        people.append((person, chosen or list(teams)))
    if not people:
        raise InputError("name at least one person (one a line, e.g. 'Ana: Sales')")
    return people


def parse_time(text: str) -> tuple[int, int]:
    m = _TIME.match(text)
    if not m:
        raise InputError(f"meeting time {text.strip()!r} is not like 09:00")
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if hour > 23 or minute > 59:
        raise InputError(f"meeting time {text.strip()!r} is not a time of day")
    return hour, minute


@dataclass(frozen=True)
class TeamMeeting:
    """When one team meets, as typed in the set-up: a weekday (0 = Monday), a time, the segment minutes."""

    weekday: int = 0
    time: str = "09:00"
    minutes: str = DEFAULT_MINUTES


def read_meetings(teams: list[str], meetings: Sequence[TeamMeeting]) -> list[tuple[int, int, int, list[int]]]:
    """(weekday, hour, minute, segment minutes) of each team, checked; an error names the team."""
    out = []
    for n, team in enumerate(teams):
        when = meetings[n] if n < len(meetings) else (meetings[-1] if meetings else TeamMeeting())
        try:
            hour, minute = parse_time(when.time)
            minutes = parse_agenda_minutes(when.minutes or DEFAULT_MINUTES, len(SEGMENTS))
        except InputError as exc:
            raise InputError(f"{team}: {exc}") from None
        if not 0 <= when.weekday <= 6:
            raise InputError(f"{team}: the meeting day is not a weekday")
        out.append((when.weekday, hour, minute, minutes))
    return out


def create_company(
    db: L10Store,
    company: str,
    teams_text: str,
    people_text: str,
    meetings: Sequence[TeamMeeting],
    zone_text: str | None = None,
) -> tuple[int, int]:
    """Write the whole set-up in one transaction (all or nothing); returns (teams, people) created.

    ``meetings``: each team's own day, time and minutes, in the order the teams are named (a missing one: the
    last given). ``zone_text``: the company's time zone (an IANA name); empty or None leaves it unset.
    """
    company = clean_name(company, "company name")
    teams = parse_teams(teams_text)
    people = parse_people(people_text, teams)
    whens = read_meetings(teams, meetings)
    zone = (zone_text or "").strip()
    if zone:
        try:
            zone_named(zone)
        except ZoneError as exc:
            raise InputError(str(exc)) from None
    with db.transaction():
        if zone:
            db.set_setting(ZONE_SETTING, zone)
        ids = {}
        for name, (weekday, hour, minute, minutes) in zip(teams, whens, strict=True):
            team = db.teams.add(name, weekday=weekday, hour=hour, minute=minute, agenda_minutes=minutes, by="setup")
            ids[name] = team.id
        for person, member_of in people:
            db.people.add(person, [ids[t] for t in member_of], by="setup")
        db.set_setting("company", company)
    return len(teams), len(people)


def team_names_typed(text: str) -> list[str]:
    """The team names as typed so far (no checks: the set-up shows a meeting row for each while it is typed)."""
    return [part.strip() for part in re.split(r"[,;\n]", text) if part.strip()]


class MeetingRow(Horizontal):
    """One team's meeting in the set-up: its name, day, time and segment minutes."""

    DEFAULT_CSS = """
    MeetingRow { height: 1; }
    MeetingRow > .setup-team { width: 18; color: $text; }
    MeetingRow > Select { width: 16; margin-right: 1; }
    MeetingRow > .setup-time { width: 8; margin-right: 1; }
    MeetingRow > .setup-minutes { width: 22; }
    """

    def __init__(self, n: int, name: str, when: TeamMeeting) -> None:
        super().__init__(id=f"setup-meeting-{n}")
        self.n = n
        self.team = name
        self.when = when

    def compose(self) -> ComposeResult:
        yield Static(plain(self.team), classes="setup-team", id=f"setup-team-{self.n}")
        days = [(d, i) for i, d in enumerate(WEEKDAYS)]
        yield Select(days, value=self.when.weekday, allow_blank=False, id=f"setup-day-{self.n}", compact=True)
        yield Input(value=self.when.time, id=f"setup-time-{self.n}", classes="setup-time", compact=True)
        yield Input(value=self.when.minutes, id=f"setup-minutes-{self.n}", classes="setup-minutes", compact=True)

    def rename(self, name: str) -> None:
        self.team = name
        self.query_one(f"#setup-team-{self.n}", Static).update(plain(name))

    def meeting(self) -> TeamMeeting:
        day = self.query_one(f"#setup-day-{self.n}", Select).value
        return TeamMeeting(
            int(day) if isinstance(day, int) else 0,
            self.query_one(f"#setup-time-{self.n}", Input).value,
            self.query_one(f"#setup-minutes-{self.n}", Input).value,
        )


class SetupScreen(L10Screen):
    TITLE_TEXT = "First-run set-up"
    RULE = (
        "A Level 10 meeting is held the same day, at the same time, every week, by a team of 3 to 7 people. Name "
        "your company, your teams (each keeps its own issues list), the people in them, and when you meet."
    )

    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        Binding("ctrl+s", "create", "Create"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="setup-body"):
            yield Static(
                "Welcome. Set up your company once; everything can be changed later (e on the home screen).",
                id="setup-intro",
            )
            yield Label("Company")
            yield Input(placeholder="your company's name, e.g. Acme Ltd", id="setup-company", compact=True)
            yield Label("Teams (comma-separated)")
            yield Input(value=DEFAULT_TEAMS, id="setup-teams", compact=True)
            yield Label("People, one a line: Name: Team, Team   (no team = every team)")
            yield TextArea("", id="setup-people", placeholder="e.g.\nAna Lima: Sales\nBen Ode: Marketing")
            yield Label(f"When each team meets: day, time, minutes of its {len(SEGMENTS)} segments (IDS the 6th)")
            with Vertical(id="setup-meetings"):
                for n, name in enumerate(team_names_typed(DEFAULT_TEAMS)):
                    yield MeetingRow(n, name, TeamMeeting())
            machine = CompanyCalendar.named(None).name
            yield Label("Time zone: every day and week is counted in it (this machine's, unless you change it)")
            yield Input(value="" if machine == "local" else machine, id="setup-zone", compact=True)
            with Horizontal(id="setup-buttons"):
                yield Button("Create (ctrl+s)", id="setup-create", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#setup-company", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "setup-create":
            self.action_create()

    @on(Input.Changed, "#setup-teams")
    def _teams_typed(self, event: Input.Changed) -> None:
        """A meeting row for each team named so far; a row whose team is erased is hidden, keeping its answers."""
        names = team_names_typed(event.value)
        box = self.query_one("#setup-meetings", Vertical)
        rows = list(box.query(MeetingRow))
        for n, name in enumerate(names):
            if n < len(rows):
                rows[n].rename(name)
                rows[n].display = True
            else:
                last = rows[-1].meeting() if rows else TeamMeeting()  # a new team: the one above's day and time
                row = MeetingRow(n, name, last)
                box.mount(row)
                rows.append(row)
        for row in rows[len(names) :]:
            row.display = False

    def meetings_rows(self) -> list[MeetingRow]:
        """The rows shown: one per team named, in order."""
        return [row for row in self.query(MeetingRow) if row.display]

    def meetings(self) -> list[TeamMeeting]:
        """Each named team's meeting, in the order the teams are named."""
        return [row.meeting() for row in self.meetings_rows()]

    def action_create(self) -> None:
        made = self.attempt(
            create_company,
            self.db,
            self.query_one("#setup-company", Input).value,
            self.query_one("#setup-teams", Input).value,
            self.query_one("#setup-people", TextArea).text,
            self.meetings(),
            self.query_one("#setup-zone", Input).value,
        )
        if made is None:
            return
        self.l10.title = str(self.db.setting("company", "l10"))
        teams, people = made
        self.notify(
            f"Created {teams} team{'' if teams == 1 else 's'} and {people} {'person' if people == 1 else 'people'}.",
            timeout=4,
        )
        self.l10.switch_to("home")

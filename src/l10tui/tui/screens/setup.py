"""First run on an empty store: company, teams, people, meeting day and time; then home."""

from __future__ import annotations

import re
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Header, Input, Label, Select, Static, TextArea

from l10tui.domain.calendar import SETTING as ZONE_SETTING
from l10tui.domain.calendar import CompanyCalendar, ZoneError, zone_named
from l10tui.domain.rules import InputError, clean_name
from l10tui.store import L10Store

from ..widgets.key_footer import KeyFooter as Footer
from .base import L10Screen

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
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


def create_company(
    db: L10Store,
    company: str,
    teams_text: str,
    people_text: str,
    weekday: int,
    time_text: str,
    zone_text: str | None = None,
) -> tuple[int, int]:
    """Write the whole set-up in one transaction (all or nothing); returns (teams, people) created.

    ``zone_text``: the company's time zone (an IANA name); empty or None leaves it unset (the machine's zone).
    """
    company = clean_name(company, "company name")
    teams = parse_teams(teams_text)
    people = parse_people(people_text, teams)
    hour, minute = parse_time(time_text)
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
        for name in teams:
            ids[name] = db.teams.add(name, weekday=weekday, hour=hour, minute=minute, by="setup").id
        for person, member_of in people:
            db.people.add(person, [ids[t] for t in member_of], by="setup")
        db.set_setting("company", company)
    return len(teams), len(people)


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
            yield Input(value="Sales, Marketing", id="setup-teams", compact=True)
            yield Label("People, one a line: Name: Team, Team   (no team = every team)")
            yield TextArea("", id="setup-people", placeholder="e.g.\nAna Lima: Sales\nBen Ode: Marketing")
            yield Label("Meeting day")
            yield Select([(d, i) for i, d in enumerate(WEEKDAYS)], value=0, allow_blank=False, id="setup-day")
            yield Label("Meeting time")
            yield Input(value="09:00", id="setup-time", compact=True)
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

    def action_create(self) -> None:
        day = self.query_one("#setup-day", Select).value
        made = self.attempt(
            create_company,
            self.db,
            self.query_one("#setup-company", Input).value,
            self.query_one("#setup-teams", Input).value,
            self.query_one("#setup-people", TextArea).text,
            int(day) if isinstance(day, int) else 0,
            self.query_one("#setup-time", Input).value,
            self.query_one("#setup-zone", Input).value,
        )
        if made is None:
            return
        self.l10.title = str(self.db.setting("company", "l10"))
        self.notify(f"Created {made[0]} teams and {made[1]} people.", timeout=4)
        self.l10.switch_to("home")

"""People and teams: who is in which team, when each team meets; add, edit, deactivate (nothing is deleted)."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Header, Static

from l10tui.domain.dates import weekly_rule
from l10tui.domain.funnel import is_count
from l10tui.domain.models import DEFAULT_AGENDA_MINUTES, SEGMENTS, Person, Team
from l10tui.domain.rules import clean_name
from l10tui.domain.schedule import REPORTS_TEXT, parse_agenda_minutes
from l10tui.domain.text import safe_text
from l10tui.store import L10Store, schedule

from ..safe import safe_colour
from ..widgets.board_form import FormField
from ..widgets.board_table import MeasuredTable, rebuild, selected_key
from ..widgets.key_footer import KeyFooter as Footer
from .base import L10Screen
from .setup import WEEKDAYS, parse_time

_RULE = re.compile(r"BYDAY=(\w\w).*BYHOUR=(\d+).*BYMINUTE=(\d+)")
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def rule_parts(rule: str) -> tuple[int, int, int] | None:
    """(weekday, hour, minute) of a weekly rule written by :func:`weekly_rule`."""
    m = _RULE.search(rule)
    if not m or m.group(1) not in _DAYS:
        return None
    return _DAYS.index(m.group(1)), int(m.group(2)), int(m.group(3))


def rule_text(rule: str) -> str:
    parts = rule_parts(rule)
    if parts is None:
        return rule
    day, hour, minute = parts
    return f"{WEEKDAYS[day][:3]} {hour:02d}:{minute:02d}"


def team_ids(db: L10Store, text: str) -> list[str]:
    ids = [db.teams.lookup(part).id for part in text.split(",") if part.strip()]
    return list(dict.fromkeys(ids))


def save_person(db: L10Store, existing: str | None, values: dict[str, str]) -> Person:
    teams = team_ids(db, values["teams"])
    if existing is None:
        return db.people.add(values["name"], teams)
    name = clean_name(values["name"], "name")
    with db.transaction():
        db.people.ensure_unique(name, exclude=existing)
        return db.people.change(existing, name=name, teams=teams)


def save_team(db: L10Store, existing: str | None, values: dict[str, str]) -> Team:
    day = int(values["day"]) if values["day"].isdigit() else 0
    hour, minute = parse_time(values["time"])
    minutes = parse_agenda_minutes(values["minutes"], len(SEGMENTS)) if values.get("minutes", "").strip() else None
    reports = values.get("reports") or None
    with db.transaction():
        if existing is None:
            team = db.teams.add(values["name"], weekday=day, hour=hour, minute=minute, agenda_minutes=minutes)
        else:
            name = clean_name(values["name"], "team name")
            db.teams.ensure_unique(name, exclude=existing)
            changes: dict[str, Any] = {"name": name, "meeting_rule": weekly_rule(day, hour, minute)}
            if minutes is not None:
                changes["agenda_minutes"] = minutes
            team = db.teams.change(existing, **changes)
        if reports:
            schedule.set_reports(db, team.id, reports)
        return team


def save_funnel(db: L10Store, values: dict[str, str]) -> list[Any]:
    """The funnel as typed in the form: stage names in order (the one rule: store/funnel.py)."""
    from l10tui.store.funnel import set_funnel, split_stage_names, stages_named

    return set_funnel(db, stages_named(db, split_stage_names(values["stages"])))


def funnel_text(db: L10Store) -> Text:
    """``Funnel: MQLs (Marketing) -> SQLs (Sales) -> ...   f: edit``, or how to make one."""
    from l10tui.store.funnel import stage_specs

    specs = stage_specs(db)
    if not specs:
        return Text("No funnel yet. f: make one from 2-8 weekly counts, in order (MQLs, SQLs, Demos booked, ...)")
    names = {m.id: m.name for m in db.measurables.all()}
    teams = {t.id: t.name for t in db.teams.all()}
    stages = [f"{names.get(s.measurable, s.measurable)} ({teams.get(s.team, '—') if s.team else '—'})" for s in specs]
    return Text(safe_text(" -> ".join(stages)) + "   f: edit")


class PeopleScreen(L10Screen):
    TITLE_TEXT = "People and teams"
    REFRESH_WHEN_UNCOVERED = True
    RULE = (
        "A Level 10 team is 3 to 7 people who meet the same day at the same time every week. A person may sit in "
        "several teams (their ratings and to-dos count for each). Nobody is deleted: people who leave are made "
        "inactive and history keeps their name."
    )

    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        Binding("a", "add_person", "New person"),
        Binding("n", "add_team", "New team"),
        Binding("e", "edit", "Edit"),
        Binding("x", "toggle_active", "Active / inactive"),
        Binding("f", "funnel", "Funnel"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="people-body"):
            yield Static("Teams", classes="people-heading")
            yield MeasuredTable(
                id="teams-table", cursor_type="row", zebra_stripes=True, cursor_background_priority="css"
            )
            yield Static("People", classes="people-heading")
            yield MeasuredTable(
                id="people-table", cursor_type="row", zebra_stripes=True, cursor_background_priority="css"
            )
            yield Static("Funnel (on Sales-Marketing and the meeting's scorecard)", classes="people-heading")
            yield Static(id="people-funnel")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_data()
        self.query_one("#people-table", DataTable).focus()

    def refresh_data(self) -> None:
        teams = self.db.teams.all()
        names = {t.id: t.name for t in teams}
        issues = self.db.issues.all()
        people = self.db.people.all()
        trows = []
        for t in sorted(teams, key=lambda t: (not t.active, t.name.casefold())):
            members = [p for p in people if t.id in p.teams and p.active]
            trows.append(
                (
                    t.id,
                    [
                        Text.assemble(("■ ", safe_colour(t.colour)), safe_text(t.name)),
                        rule_text(t.meeting_rule),
                        f"{sum(t.agenda_minutes)} min",
                        str(len(members)),
                        str(sum(1 for i in issues if i.team == t.id and i.status == "open")),
                        "active" if t.active else "inactive",
                        t.id,
                    ],
                )
            )
        table = self.query_one("#teams-table", DataTable)
        tcols = [("Team", "name"), ("Meets", "meets"), ("Agenda", "agenda"), ("People", "people")]
        tcols += [("Open issues", "issues"), ("Status", "status"), ("Id", "id")]
        rebuild(table, tcols, trows, keep=selected_key(table))
        prows = []
        for p in sorted(people, key=lambda p: (not p.active, p.name.casefold())):
            prows.append(
                (
                    p.id,
                    [
                        p.name,
                        ", ".join(names.get(t, t) for t in p.teams) or "—",
                        "active" if p.active else "inactive",
                        p.id,
                    ],
                )
            )
        ptable = self.query_one("#people-table", DataTable)
        rebuild(
            ptable,
            [("Name", "name"), ("Teams", "teams"), ("Status", "status"), ("Id", "id")],
            prows,
            keep=selected_key(ptable),
        )
        self.query_one("#people-funnel", Static).update(funnel_text(self.db))

    def _focused_kind(self) -> str:
        return "team" if self.focused is self.query_one("#teams-table") else "person"

    def _selected(self, kind: str) -> str | None:
        return selected_key(self.query_one("#teams-table" if kind == "team" else "#people-table", DataTable))

    def _person_form(self, p: Person | None) -> list[FormField]:
        names = {t.id: t.name for t in self.db.teams.all()}
        current = (
            ", ".join(names.get(t, t) for t in p.teams) if p else ", ".join(t.name for t in self.db.teams.active())
        )
        return [
            FormField("name", "Name", p.name if p else ""),
            FormField("teams", f"Teams, comma-separated ({', '.join(names.values())})", current),
        ]

    def _team_form(self, t: Team | None) -> list[FormField]:
        parts = rule_parts(t.meeting_rule) if t else None
        day, hour, minute = parts or (0, 9, 0)
        minutes = list(t.agenda_minutes) if t else list(DEFAULT_AGENDA_MINUTES)
        return [
            FormField("name", "Team name", t.name if t else ""),
            FormField("day", "Meeting day", str(day), [(d, str(i)) for i, d in enumerate(WEEKDAYS)]),
            FormField("time", "Meeting time", f"{hour:02d}:{minute:02d}"),
            FormField(
                "minutes",
                f"Minutes: {', '.join(SEGMENTS)} (now {sum(minutes)} min in all)",
                ",".join(str(m) for m in minutes),
            ),
            FormField(
                "reports",
                "The scorecard reports",
                schedule.reports(self.db, t.id) if t else "previous",
                [(REPORTS_TEXT["previous"], "previous"), (REPORTS_TEXT["own"], "own")],
            ),
        ]

    def _form(self, title: str, fields: list[FormField], fn: Any, existing: str | None) -> None:
        def saved(record: Any) -> None:
            self.notify(f"{'Saved' if existing else 'Added'} {record.id} {record.name}", timeout=2)
            self.refresh_data()

        self.open_form(title, fields, lambda values: fn(self.db, existing, values), saved)

    def action_add_person(self) -> None:
        if not self.db.teams.count():
            self.notify("Add a team first (n)", severity="warning")
            return
        self._form("New person", self._person_form(None), save_person, None)

    def action_add_team(self) -> None:
        self._form("New team", self._team_form(None), save_team, None)

    def action_edit(self) -> None:
        kind = self._focused_kind()
        key = self._selected(kind)
        if key is None:
            self.notify(f"No {kind} selected", severity="warning")
            return
        if kind == "team":
            team = self.db.teams.get(key)
            self._form(f"Edit {team.id}", self._team_form(team), save_team, key)
        else:
            person = self.db.people.get(key)
            self._form(f"Edit {person.id}", self._person_form(person), save_person, key)

    def action_funnel(self) -> None:
        from l10tui.store.funnel import stage_specs

        names = {m.id: m.name for m in self.db.measurables.all()}
        counts = ", ".join(m.name for m in self.db.measurables.ordered() if is_count(m))
        current = ", ".join(names.get(s.measurable, s.measurable) for s in stage_specs(self.db))
        fields = [FormField("stages", "Stages in order, comma-separated", current, hint=f"Weekly counts: {counts}")]

        def saved(_specs: list[Any]) -> None:
            self.notify("Funnel saved", timeout=2)
            self.refresh_data()

        self.open_form("The funnel", fields, lambda values: save_funnel(self.db, values), saved)

    def action_toggle_active(self) -> None:
        kind = self._focused_kind()
        key = self._selected(kind)
        if key is None:
            return
        repo: Any = self.db.teams if kind == "team" else self.db.people
        record = self.read(repo.get, key)
        if record is None:
            return
        if kind == "team" and record.active and len(self.db.teams.active()) == 1:
            self.refuse("the last active team cannot be made inactive")
            return
        if kind == "person" and record.active and self._ask_hand_over(record):
            return
        changed = self.attempt(repo.change, key, active=not record.active)
        if changed is not None:
            self.notify(f"{changed.name} is now {'active' if changed.active else 'inactive'}", timeout=2)
        self.refresh_data()

    def _ask_hand_over(self, person: Person) -> bool:
        """Someone with open work leaves: ask who takes it, one person for all or one by one (True: asked; the
        answer finishes the change). See :func:`hand_over_form`."""
        from l10tui.store.handover import hand_over_each, open_work

        today = self.l10.clock.today()
        work = open_work(self.db, person.id, today)
        if not work.count:
            return False
        others = sorted(
            ((p.name, p.id) for p in self.db.people.active() if p.id != person.id), key=lambda x: x[0].casefold()
        )
        if not others:
            self.refuse(f"{person.name} has {work.summary()} and nobody else is active to take them")
            return True
        fields = hand_over_form(person, work, others)

        def save(values: dict[str, str]) -> Any:
            to, give = hand_over_choice(values)
            return hand_over_each(self.db, person.id, today, to=to, give=give)

        def handed(done: Any) -> None:
            takers = sorted({self.db.people.get(pid).name for pid in done.owners.values()}, key=str.casefold)
            who = f"{takers[0]}'s" if len(takers) == 1 else "handed to " + ", ".join(takers)
            self.notify(f"{person.name} has left; {done.work.summary()} now {who}", timeout=4)
            self.refresh_data()

        self.open_form(f"{person.name} leaves", fields, save, handed)
        return True


ONE_BY_ONE = ""  # the "who takes it all" choice that leaves each item to its own choice
SAME = ""  # an item's choice: the person chosen for all


def hand_over_form(person: Person, work: Any, others: list[tuple[str, str]]) -> list[FormField]:
    """One person for all (the first field), or one by one: a choice per open to-do, rock and measurable."""
    from l10tui.store.handover import work_items

    fields = [
        FormField(
            "to",
            f"Who takes {person.name}'s {work.summary()}?",
            others[0][1],
            [*others, ("nobody for all: each one below", ONE_BY_ONE)],
            hint="or choose someone else for any of these:",
        )
    ]
    for item, title in work_items(work):
        fields.append(FormField(f"give-{item}", f"{item}  {title}", SAME, [("as above", SAME), *others]))
    return fields


def hand_over_choice(values: dict[str, str]) -> tuple[str | None, dict[str, str]]:
    """(who takes it all or None, item id -> who takes that one) from :func:`hand_over_form`'s answers."""
    give = {key.removeprefix("give-"): who for key, who in values.items() if key.startswith("give-") and who}
    return values.get("to") or None, give

"""``l10``: the between-meetings door and the scripting interface (DESIGN.md, "The command line").

Every command opens the store, validates everything it was given, then makes its change in one transaction, so a
refused command leaves the file byte-for-byte as it was. Errors are one line on stderr (``l10: error: ...``), exit 2
for a malformed command line and 1 for anything else; they are caught in one place, :meth:`L10Group.main`.

Textual is imported only inside the commands that open the app (bare ``l10``, ``meet``, ``demo``).
"""

from __future__ import annotations

import io
import json
import os
import sys
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, NoReturn, TypeVar, cast

import click

from l10tui import __version__
from l10tui.domain.clock import Clock, SystemClock
from l10tui.domain.dates import DateError, parse_date, parse_quarter, quarter_of, week_monday, weeks_back
from l10tui.domain.models import Formula, Issue, Measurable, Meeting, Op, Person, Rock
from l10tui.domain.records import RecordError, to_dict
from l10tui.domain.rules import InputError, clean_text, format_number, on_track, parse_number, week_values
from l10tui.paths import ENV_DB, StoreLocation, default_store_path, demo_store_path, resolve_store, same_file
from l10tui.store import Conflict, L10Store, NotFound, StoreError, open_store

ENV_TODAY = "L10_TODAY"
TITLE_COLUMN = 70
SCORE_WEEKS_LIVE = 13
F = TypeVar("F", bound=Callable[..., Any])


# -- the clock ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShiftedClock:
    """The system clock moved by whole days, so that ``today()`` is the day ``L10_TODAY`` names (a testing aid)."""

    days: int
    base: Clock = field(default_factory=SystemClock)

    def now(self) -> datetime:
        return self.base.now() + timedelta(days=self.days)

    def monotonic(self) -> float:
        return self.base.monotonic()

    def today(self) -> date:
        return self.base.today() + timedelta(days=self.days)


def make_clock(env: Mapping[str, str] | None = None) -> Clock:
    """The one place the CLI gets its clock: the system's, or shifted so "today" is ``L10_TODAY=YYYY-MM-DD``."""
    env = os.environ if env is None else env
    base = SystemClock()
    text = env.get(ENV_TODAY, "").strip()
    if not text:
        return base
    try:
        fixed = date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{ENV_TODAY}={text[:40]!r} is not a date like 2026-11-23") from None
    return ShiftedClock((fixed - base.today()).days, base)


# -- the context every command gets ------------------------------------------------------------------------------


class Env:
    """Lazily opened store and clock for one invocation."""

    def __init__(self, db_option: str | None) -> None:
        self.db_option = db_option
        self._clock: Clock | None = None
        self._db: L10Store | None = None

    @property
    def clock(self) -> Clock:
        if self._clock is None:
            self._clock = make_clock()
        return self._clock

    @property
    def today(self) -> date:
        return self.clock.today()

    @property
    def location(self) -> StoreLocation:
        if self.db_option is not None and not self.db_option.strip():
            raise InputError("--db is empty; give the store file's path")
        return resolve_store(self.db_option)

    def db(self) -> L10Store:
        if self._db is None:
            loc = self.location
            self._db = open_store(loc.path, self.clock, create_dirs=not loc.explicit)
        return self._db


pass_env = click.make_pass_decorator(Env)


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON with every record's full fields.")(func)


# -- output helpers ----------------------------------------------------------------------------------------------


def emit_json(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2))


def cell_width(text: str) -> int:
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def clip(text: str, limit: int = TITLE_COLUMN) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [cell_width(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], cell_width(cell))

    def line(cells: Sequence[str]) -> str:
        parts = [c + " " * (widths[i] - cell_width(c)) for i, c in enumerate(cells)]
        return "  ".join(parts).rstrip()

    return "\n".join([line(headers), *(line(r) for r in rows)])


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]], empty: str) -> None:
    click.echo(render_table(headers, rows) if rows else empty)


class Names:
    """Id -> name for teams and people (an unknown id shows as itself)."""

    def __init__(self, db: L10Store) -> None:
        self.teams = {t.id: t.name for t in db.teams.all()}
        self.people = {p.id: p.name for p in db.people.all()}

    def team(self, team_id: str | None) -> str:
        return "" if not team_id else self.teams.get(team_id, team_id)

    def person(self, person_id: str | None) -> str:
        return "" if not person_id else self.people.get(person_id, person_id)

    def team_list(self, ids: Iterable[str]) -> str:
        return ", ".join(self.team(t) for t in ids)


def fmt_date(day: date | None) -> str:
    return day.isoformat() if day else ""


def goal_text(m: Measurable) -> str:
    return f"{m.op} {format_number(m.goal, m.unit)}"


def track_mark(track: str) -> str:
    return {"on": "✓", "off": "✗", "missing": "·"}[track]


def first_team(person: Person) -> str | None:
    return person.teams[0] if person.teams else None


def parse_day(env: Env, text: str | None, what: str) -> date | None:
    if text is None:
        return None
    try:
        return parse_date(text, env.today)
    except DateError as exc:
        raise DateError(f"{what}: {exc}") from None


# -- the group and the one place errors are caught --------------------------------------------------------------


def fail_line(message: str, code: int) -> NoReturn:
    text = " ".join(str(message).split()) or "failed"
    click.echo(f"l10: error: {text}", err=True)
    sys.exit(code)


KNOWN_ERRORS: tuple[type[BaseException], ...] = (StoreError, InputError, DateError, RecordError)


class L10Group(click.Group):
    """The ``l10`` group: runs click in non-standalone mode so that every error is reported here, in one line."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> NoReturn:
        try:
            rv = super().main(args, "l10", complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.ctx.get_help())
            fail_line(f"{exc.ctx.command_path}: which command? (see above)", 2)
        except click.UsageError as exc:
            where = f"{exc.ctx.command_path}: " if exc.ctx is not None and exc.ctx.parent is not None else ""
            hint = f" (see: {exc.ctx.command_path} --help)" if exc.ctx is not None else ""
            fail_line(f"{where}{exc.format_message()}{hint}", 2)
        except click.ClickException as exc:
            fail_line(exc.format_message(), exc.exit_code if exc.exit_code else 1)
        except click.Abort:
            fail_line("interrupted", 130)
        except KeyboardInterrupt:
            fail_line("interrupted", 130)
        except KNOWN_ERRORS as exc:
            fail_line(str(exc), 1)
        except BrokenPipeError:
            # stdout went away (``l10 issue list | head``): say nothing more, and keep Python quiet at exit.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(1)
        except OSError as exc:
            where = f" {exc.filename}" if exc.filename else ""
            fail_line(f"cannot use{where}: {exc.strerror or exc}", 1)
        except Exception as exc:  # a bug: still one line, never a traceback
            fail_line(f"unexpected {type(exc).__name__}: {exc}", 1)
        sys.exit(rv if isinstance(rv, int) else 0)


HELP = f"""Run your weekly Level 10 meeting; add issues, to-dos and numbers between meetings.

\b
With no command, opens the app's home screen.
\b
The store: --db PATH, else ${ENV_DB}, else l10.json in the user data
directory (l10 doctor shows which file).
Every listing takes --json. Exit status: 0 done, 1 refused or failed
(nothing was changed), 2 a malformed command line.
\b
Dates: 2026-12-04, 4 Dec, friday, tomorrow, +7d, +2w.
Testing aid: {ENV_TODAY}=YYYY-MM-DD fixes what "today" is.
"""


@click.group(cls=L10Group, invoke_without_command=True, help=HELP)
@click.option("--db", "db_path", metavar="PATH", help=f"The store file (default: ${ENV_DB} or the user data dir).")
@click.version_option(__version__, "--version", prog_name="l10", message="%(prog)s %(version)s")
@click.pass_context
def main(ctx: click.Context, db_path: str | None) -> None:
    ctx.obj = Env(db_path)
    if ctx.invoked_subcommand is None:
        env: Env = ctx.obj
        env.db()  # a damaged or missing-directory store is reported here, in one line, before the app starts
        open_app(env, start="home")


def open_app(env: Env, **kwargs: Any) -> None:
    """Open the Textual app (imported only now)."""
    path = env.location.path
    try:
        from l10tui.tui.app import run_app
    except ImportError as exc:
        raise StoreError(f"the app cannot start: {exc}") from None
    run_app(path, clock=env.clock, **kwargs)


@main.command()
@click.option("--team", "team_name", metavar="TEAM", help="That team's own L10 (default: one joint meeting).")
@click.option("--projector", is_flag=True, help="Start in the high-contrast projector layout.")
@pass_env
def meet(env: Env, team_name: str | None, projector: bool) -> None:
    """Start or resume the weekly meeting."""
    db = env.db()
    if not db.teams.active():
        raise InputError("there are no teams yet (add one with: l10 team add NAME, or run l10 to set up)")
    team = db.teams.lookup(team_name).id if team_name else None
    open_app(env, start="meeting", team=team, projector=projector)


@main.command()
@click.option("--reset", is_flag=True, help="Build the demo company afresh.")
@click.option("--no-open", is_flag=True, help="Only build it; do not open the app.")
@click.option("--seed", type=int, default=7, show_default=True, help="Random seed of the demo company.")
@click.pass_context
def demo(ctx: click.Context, reset: bool, no_open: bool, seed: int) -> None:
    """Create a demo company (in demo.json, never in the real store) and open the app on it."""
    env: Env = ctx.obj
    if env.db_option:
        loc = StoreLocation(Path(env.db_option).expanduser().absolute(), True, "--db")
    else:
        loc = StoreLocation(demo_store_path(), False, "default")
    real = resolve_store(None)
    if same_file(loc.path, real.path) or same_file(loc.path, default_store_path()):
        raise InputError(f"{loc.path} is the real store; l10 demo writes only to a demo store")
    from l10tui.store.schema import TABLES

    try:
        from l10tui.demo import build_demo
    except ImportError as exc:
        raise StoreError(f"the demo company is not available in this build ({exc})") from None
    clock = env.clock
    db = open_store(loc.path, clock, create_dirs=not loc.explicit)
    is_demo = bool(db.setting("demo", False))
    empty = not any(db.raw().get(t) for t in TABLES)
    if not empty and not is_demo:
        raise InputError(f"{loc.path} holds a store that is not a demo; l10 demo never writes over it")
    if reset and not empty:
        from l10tui.store.archive import archive_files

        db.close()
        for old in [*archive_files(loc.path), loc.path]:  # a demo store only (checked above)
            old.unlink()
        db = open_store(loc.path, clock, create_dirs=not loc.explicit)
        empty = True
    if empty:
        with db.transaction():
            build_demo(db, seed=seed, today=clock.today())
            db.set_setting("demo", True)
        click.echo(f"Built the demo company in {loc.path}")
    else:
        click.echo(f"Demo company in {loc.path} (l10 demo --reset builds it afresh)")
    if not no_open:
        env.db_option = str(loc.path)
        open_app(env, start="home")


# -- teams -------------------------------------------------------------------------------------------------------

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@main.group()
def team() -> None:
    """Teams: add, list."""


def read_meeting_time(day: str, at: str) -> tuple[int, int, int]:
    low = day.strip().lower()
    matches = [i for i, name in enumerate(WEEKDAYS) if name.startswith(low)] if len(low) >= 2 else []
    if len(matches) != 1:
        raise InputError(f"meeting day {day[:20]!r} is not a weekday (monday ... sunday)")
    hh, sep, mm = at.strip().partition(":")
    if not sep or not hh.isdigit() or not mm.isdigit() or not (0 <= int(hh) <= 23 and 0 <= int(mm) <= 59):
        raise InputError(f"meeting time {at[:20]!r} is not a time like 09:00")
    return matches[0], int(hh), int(mm)


@team.command("add")
@click.argument("name")
@click.option("--colour", "--color", "colour", metavar="#RRGGBB", help="The team's colour.")
@click.option("--day", default="monday", show_default=True, help="Weekday of its meeting.")
@click.option("--time", "at", default="09:00", show_default=True, help="Start time of its meeting (HH:MM).")
@json_option
@pass_env
def team_add(env: Env, name: str, colour: str | None, day: str, at: str, as_json: bool) -> None:
    """Add a team."""
    if colour is not None and not (len(colour) == 7 and colour[0] == "#" and _is_hex(colour[1:])):
        raise InputError(f"colour {colour[:20]!r} is not like #4c8dff")
    weekday, hour, minute = read_meeting_time(day, at)
    db = env.db()
    new = db.teams.add(name, colour=colour, weekday=weekday, hour=hour, minute=minute)
    if as_json:
        emit_json(to_dict(new))
    else:
        click.echo(f"Added team {new.name} ({new.id}), meeting {WEEKDAYS[weekday]}s at {hour:02d}:{minute:02d}")


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdefABCDEF" for c in text)


def describe_rule(rule: str) -> str:
    parts = dict(p.split("=", 1) for p in rule.split(";") if "=" in p)
    days = {"MO": "Mon", "TU": "Tue", "WE": "Wed", "TH": "Thu", "FR": "Fri", "SA": "Sat", "SU": "Sun"}
    day = days.get(parts.get("BYDAY", ""), parts.get("BYDAY", "?"))
    try:
        return f"{day} {int(parts.get('BYHOUR', '0')):02d}:{int(parts.get('BYMINUTE', '0')):02d}"
    except ValueError:
        return rule


@team.command("list")
@click.option("--all", "show_all", is_flag=True, help="Include inactive teams.")
@json_option
@pass_env
def team_list(env: Env, show_all: bool, as_json: bool) -> None:
    """List the teams."""
    db = env.db()
    teams = db.teams.all() if show_all else db.teams.active()
    if as_json:
        emit_json([to_dict(t) for t in teams])
        return
    rows = [[t.id, t.name, str(len(db.people.members(t.id))), describe_rule(t.meeting_rule), t.colour] for t in teams]
    print_table(["ID", "TEAM", "PEOPLE", "MEETS", "COLOUR"], rows, "No teams yet (add one with: l10 team add NAME)")


# -- people ------------------------------------------------------------------------------------------------------


@main.group()
def person() -> None:
    """People: add, list."""


@person.command("add")
@click.argument("name")
@click.option("--team", "teams", multiple=True, required=True, metavar="TEAM", help="A team (repeat for several).")
@json_option
@pass_env
def person_add(env: Env, name: str, teams: tuple[str, ...], as_json: bool) -> None:
    """Add a person to one or more teams."""
    db = env.db()
    team_ids = [db.teams.lookup(t).id for t in teams]
    new = db.people.add(name, team_ids)
    if as_json:
        emit_json(to_dict(new))
    else:
        names = Names(db)
        click.echo(f"Added {new.name} ({new.id}) to {names.team_list(new.teams)}")


@person.command("list")
@click.option("--team", "team_name", metavar="TEAM", help="Only this team's members.")
@click.option("--all", "show_all", is_flag=True, help="Include people who left.")
@json_option
@pass_env
def person_list(env: Env, team_name: str | None, show_all: bool, as_json: bool) -> None:
    """List people."""
    db = env.db()
    people = db.people.all() if show_all else db.people.active()
    if team_name:
        tid = db.teams.lookup(team_name).id
        people = [p for p in people if tid in p.teams]
    if as_json:
        emit_json([to_dict(p) for p in people])
        return
    names = Names(db)
    rows = [[p.id, p.name, names.team_list(p.teams), "" if p.active else "left"] for p in people]
    print_table(["ID", "NAME", "TEAMS", ""], rows, "No people yet (add one with: l10 person add NAME --team TEAM)")


# -- issues ------------------------------------------------------------------------------------------------------


@main.group()
def issue() -> None:
    """Issues: add, list, show, solve, drop."""


@issue.command("add")
@click.argument("title")
@click.option("--team", "team_name", required=True, metavar="TEAM", help="The team whose list it goes on.")
@click.option("--by", "by_person", metavar="PERSON", help="Who raised it.")
@click.option("--by-team", metavar="TEAM", help="The team that raised it (default: that person's first team).")
@click.option("--details", default="", help="More about it.")
@json_option
@pass_env
def issue_add(
    env: Env, title: str, team_name: str, by_person: str | None, by_team: str | None, details: str, as_json: bool
) -> None:
    """Add an issue to a team's list."""
    title = clean_text(title, "issue title")
    if details.strip():
        clean_text(details, "details", max_len=4000, multiline=True)
    db = env.db()
    owner = db.teams.lookup(team_name)
    raiser = db.people.lookup(by_person) if by_person else None
    raised_team = db.teams.lookup(by_team).id if by_team else (first_team(raiser) if raiser else None)
    new = db.issues.add(
        title,
        team=owner.id,
        raised_by=raiser.id if raiser else None,
        raised_by_team=raised_team,
        details=details,
        by=raiser.id if raiser else "",
    )
    if as_json:
        emit_json(to_dict(new))
    else:
        click.echo(f"Added {new.id} to {owner.name} (#{new.rank}): {new.title}")


ISSUE_ORDER = {"open": 0, "long-term": 1, "solved": 2, "dropped": 3, "merged": 4}


@issue.command("list")
@click.option("--team", "team_name", metavar="TEAM", help="Only this team's issues.")
@click.option("--all", "show_all", is_flag=True, help="Also long-term and closed issues.")
@json_option
@pass_env
def issue_list(env: Env, team_name: str | None, show_all: bool, as_json: bool) -> None:
    """List open issues, by team and rank."""
    db = env.db()
    tid = db.teams.lookup(team_name).id if team_name else None
    names = Names(db)
    every = db.issues.history() if show_all else db.issues.all()  # --all: closed ones from the archives too
    issues = [i for i in every if (tid is None or i.team == tid) and (show_all or i.status == "open")]
    issues.sort(key=lambda i: (names.team(i.team).casefold(), ISSUE_ORDER.get(i.status, 9), i.rank, i.created_at))
    if as_json:
        emit_json([to_dict(i) for i in issues])
        return
    rows = []
    for i in issues:
        raised = " · ".join(x for x in (names.team(i.raised_by_team), names.person(i.raised_by)) if x)
        age = (env.today - i.created_at.date()).days
        row = [i.id, names.team(i.team), str(i.rank) if i.status == "open" else "", clip(i.title), raised, f"{age}d"]
        if show_all:
            row.append(i.status)
        rows.append(row)
    headers = ["ID", "TEAM", "#", "TITLE", "RAISED BY", "AGE"] + (["STATUS"] if show_all else [])
    print_table(headers, rows, "No open issues." if not show_all else "No issues.")


def issue_lines(i: Issue, names: Names) -> list[str]:
    raised = " · ".join(x for x in (names.team(i.raised_by_team), names.person(i.raised_by)) if x) or "—"
    lines = [
        f"{i.id}  {i.title}",
        f"  team:      {names.team(i.team)}",
        f"  status:    {i.status}" + (f" (rank {i.rank})" if i.status == "open" else ""),
        f"  raised by: {raised}",
        f"  created:   {i.created_at.date().isoformat()}",
    ]
    if i.source:
        lines.append(f"  source:    {i.source.kind} {i.source.id}")
    if i.ended_at:
        lines.append(f"  ended:     {i.ended_at.date().isoformat()}" + (f" ({i.end_reason})" if i.end_reason else ""))
    if i.merged_into:
        lines.append(f"  merged into {i.merged_into}")
    if i.solution:
        lines.append(f"  solution:  {i.solution}")
    if i.todos:
        lines.append(f"  to-dos:    {', '.join(i.todos)}")
    if i.meetings:
        lines.append(f"  discussed: {', '.join(i.meetings)}")
    if i.details:
        lines.append("  details:")
        lines.extend(f"    {line}" for line in i.details.splitlines())
    return lines


@issue.command("show")
@click.argument("issue_id", metavar="ID")
@json_option
@pass_env
def issue_show(env: Env, issue_id: str, as_json: bool) -> None:
    """Show one issue whole."""
    db = env.db()
    found = db.issues.get(issue_id)
    if as_json:
        emit_json(to_dict(found))
    else:
        click.echo("\n".join(issue_lines(found, Names(db))))


@issue.command("solve")
@click.argument("issue_id", metavar="ID")
@click.option("--solution", default="", help="What was decided.")
@pass_env
def issue_solve(env: Env, issue_id: str, solution: str) -> None:
    """Mark an issue solved (it stays in history)."""
    if solution.strip():
        clean_text(solution, "solution", max_len=4000, multiline=True)
    db = env.db()
    done = db.issues.solve(issue_id, solution)
    click.echo(f"Solved {done.id}: {done.title}")


@issue.command("drop")
@click.argument("issue_id", metavar="ID")
@click.option("--reason", default="", help="Why it is dropped.")
@pass_env
def issue_drop(env: Env, issue_id: str, reason: str) -> None:
    """Drop (kill) an issue (it stays in history)."""
    if reason.strip():
        reason = clean_text(reason, "reason", max_len=500)
    db = env.db()
    done = db.issues.drop(issue_id, reason)
    click.echo(f"Dropped {done.id}: {done.title}")


# -- to-dos ------------------------------------------------------------------------------------------------------


@main.group()
def todo() -> None:
    """To-dos: add, list, done."""


@todo.command("add")
@click.argument("title")
@click.option("--owner", required=True, metavar="PERSON", help="Who does it.")
@click.option("--due", metavar="DATE", help="When (default: in 7 days).")
@click.option("--issue", "issue_id", metavar="ID", help="The issue it came from.")
@json_option
@pass_env
def todo_add(env: Env, title: str, owner: str, due: str | None, issue_id: str | None, as_json: bool) -> None:
    """Add a to-do."""
    title = clean_text(title, "to-do title")
    due_day = parse_day(env, due, "--due")
    db = env.db()
    who = db.people.lookup(owner)
    source = db.issues.get(issue_id) if issue_id else None
    with db.transaction():
        new = db.todos.add(
            title,
            owner=who.id,
            today=env.today,
            due=due_day,
            source_issue=source.id if source else None,
            team=source.team if source else first_team(who),
        )
        if source is not None:
            source.todos.append(new.id)
            db.issues.save(source)
    if as_json:
        emit_json(to_dict(new))
    else:
        click.echo(f"Added {new.id} for {who.name}, due {fmt_date(new.due)}: {new.title}")


@todo.command("list")
@click.option("--owner", metavar="PERSON", help="Only this person's to-dos.")
@click.option("--all", "show_all", is_flag=True, help="Also done ones.")
@json_option
@pass_env
def todo_list(env: Env, owner: str | None, show_all: bool, as_json: bool) -> None:
    """List open to-dos."""
    db = env.db()
    who = db.people.lookup(owner).id if owner else None
    every = db.todos.history() if show_all else db.todos.all()
    todos = [t for t in every if (who is None or t.owner == who) and (show_all or t.status == "open")]
    todos.sort(key=lambda t: (t.status != "open", t.due or date.max, t.created_at))
    if as_json:
        emit_json([to_dict(t) for t in todos])
        return
    names = Names(db)
    rows = []
    for t in todos:
        late = t.status == "open" and t.due is not None and t.due < env.today
        row = [t.id, names.person(t.owner), fmt_date(t.due) + (" late" if late else ""), clip(t.title)]
        if show_all:
            row.append(t.status)
        rows.append(row)
    headers = ["ID", "OWNER", "DUE", "TITLE"] + (["STATUS"] if show_all else [])
    print_table(headers, rows, "No open to-dos." if not show_all else "No to-dos.")


@todo.command("done")
@click.argument("todo_id", metavar="ID")
@click.option("--undo", is_flag=True, help="Mark it open again.")
@pass_env
def todo_done(env: Env, todo_id: str, undo: bool) -> None:
    """Tick a to-do done."""
    db = env.db()
    with db.transaction():
        current = db.todos.get(todo_id)
        if not undo and current.status == "done":
            raise Conflict(f"{current.id} is already done")
        if undo and current.status == "open":
            raise Conflict(f"{current.id} is not done")
        changed = db.todos.set_done(current.id, not undo)
    click.echo(f"{'Reopened' if undo else 'Done'} {changed.id}: {changed.title}")


# -- measurables and scores --------------------------------------------------------------------------------------


@main.group()
def measurable() -> None:
    """Scorecard measurables: add, list."""


def split_formula(db: L10Store, text: str) -> tuple[Measurable, Measurable]:
    """``SQLs/MQLs`` -> the two measurables (names may themselves hold a ``/``: every split is tried)."""
    cuts = [i for i, ch in enumerate(text) if ch == "/"]
    if not cuts:
        raise InputError(f"--derived {text[:60]!r} is not NUMERATOR/DENOMINATOR (e.g. SQLs/MQLs)")
    if len(cuts) == 1:
        num, den = text[: cuts[0]].strip(), text[cuts[0] + 1 :].strip()
        if not num or not den:
            raise InputError(f"--derived {text[:60]!r} is not NUMERATOR/DENOMINATOR (e.g. SQLs/MQLs)")
        return db.measurables.lookup(num), db.measurables.lookup(den)
    found: list[tuple[Measurable, Measurable]] = []
    for cut in cuts:
        num, den = text[:cut].strip(), text[cut + 1 :].strip()
        try:
            found.append((db.measurables.lookup(num), db.measurables.lookup(den)))
        except NotFound:
            continue
    if len(found) == 1:
        return found[0]
    known = ", ".join(sorted(m.name for m in db.measurables.active()))
    if not found:
        raise InputError(f"--derived {text[:60]!r} does not name two measurables; known measurables: {known}")
    raise InputError(f"--derived {text[:60]!r} can be read more than one way; use ids, e.g. M-2/M-1")


@measurable.command("add")
@click.argument("name")
@click.option("--owner", required=True, metavar="PERSON", help="Who answers for it.")
@click.option("--goal", required=True, metavar="N", help="The weekly goal (42, 1,250, 37.5%, $12k).")
@click.option("--op", type=click.Choice([">=", "<=", "=="]), default=">=", show_default=True, help="Direction.")
@click.option("--unit", default="", help="Unit shown with the numbers (%, $, h, ...).")
@click.option("--team", "teams", multiple=True, metavar="TEAM", help="A team (repeat: several = shared).")
@click.option("--derived", metavar="NUM/DEN", help="A ratio of two measurables, e.g. SQLs/MQLs.")
@click.option("--percent/--ratio", default=True, show_default=True, help="Show a derived value as a percentage.")
@json_option
@pass_env
def measurable_add(
    env: Env,
    name: str,
    owner: str,
    goal: str,
    op: str,
    unit: str,
    teams: tuple[str, ...],
    derived: str | None,
    percent: bool,
    as_json: bool,
) -> None:
    """Add a weekly measurable to the scorecard."""
    goal_value = parse_number(goal, "goal")
    db = env.db()
    who = db.people.lookup(owner)
    team_ids = [db.teams.lookup(t).id for t in teams] or who.teams[:1]
    formula = None
    if derived is not None:
        num, den = split_formula(db, derived)
        if num.id == den.id:
            raise InputError("a derived measurable divides two different measurables")
        formula = Formula(numerator=num.id, denominator=den.id, percent=percent)
        if not unit.strip() and percent:
            unit = "%"
    new = db.measurables.add(
        name,
        owner=who.id,
        goal=goal_value,
        op=cast(Op, op),
        unit=unit,
        teams=team_ids,
        formula=formula,
    )
    if as_json:
        emit_json(to_dict(new))
    else:
        click.echo(f"Added {new.name} ({new.id}), owner {who.name}, goal {goal_text(new)}")


def formula_text(m: Measurable, by_id: Mapping[str, Measurable]) -> str:
    if m.formula is None:
        return ""
    num = by_id.get(m.formula.numerator)
    den = by_id.get(m.formula.denominator)
    text = f"{num.name if num else m.formula.numerator} / {den.name if den else m.formula.denominator}"
    return text + (" %" if m.formula.percent else "")


@measurable.command("list")
@click.option("--team", "team_name", metavar="TEAM", help="Only this team's measurables.")
@json_option
@pass_env
def measurable_list(env: Env, team_name: str | None, as_json: bool) -> None:
    """List the scorecard's measurables."""
    db = env.db()
    items = db.measurables.for_team(db.teams.lookup(team_name).id) if team_name else db.measurables.active()
    if as_json:
        emit_json([to_dict(m) for m in items])
        return
    names = Names(db)
    by_id = {m.id: m for m in db.measurables.all()}
    rows = [
        [m.id, m.name, names.person(m.owner), goal_text(m), names.team_list(m.teams), formula_text(m, by_id)]
        for m in items
    ]
    print_table(["ID", "MEASURABLE", "OWNER", "GOAL", "TEAMS", "DERIVED FROM"], rows, "No measurables yet.")


@main.group()
def score() -> None:
    """Weekly numbers: set, import, show."""


def check_enterable(m: Measurable, by_id: Mapping[str, Measurable]) -> None:
    if m.formula is not None:
        raise InputError(f"{m.name} is computed from {formula_text(m, by_id)}; enter those numbers instead")


@score.command("set", context_settings={"ignore_unknown_options": True})
@click.argument("measurable_name", metavar="MEASURABLE")
@click.argument("value")
@click.option("--week", metavar="DATE", help="Any day of the week (default: this week).")
@json_option
@pass_env
def score_set(env: Env, measurable_name: str, value: str, week: str | None, as_json: bool) -> None:
    """Enter (or correct) a measurable's number for a week."""
    number = parse_number(value, "value")
    day = parse_day(env, week, "--week") or env.today
    db = env.db()
    m = db.measurables.lookup(measurable_name)
    check_enterable(m, {x.id: x for x in db.measurables.all()})
    saved = db.scores.set(m.id, day, number)
    if as_json:
        emit_json(to_dict(saved))
        return
    track = on_track(saved.value, m.goal, m.op)
    click.echo(
        f"{m.name}, week of {saved.week.isoformat()}: {format_number(saved.value, m.unit)} "
        f"{track_mark(track)} {track} track (goal {goal_text(m)})"
    )


@dataclass
class CsvRow:
    line: int
    measurable: Measurable
    week: date
    value: float


def read_score_csv(env: Env, db: L10Store, text: str) -> tuple[list[CsvRow], list[str]]:
    """Rows of ``measurable, week, value`` (a header row is optional, and may order the columns); bad rows by line."""
    import csv

    by_id = {m.id: m for m in db.measurables.all()}
    good: list[CsvRow] = []
    bad: list[str] = []
    seen: dict[tuple[str, date], int] = {}
    columns = (0, 1, 2)
    reader = csv.reader(io.StringIO(text, newline=""))
    for index, cells in enumerate(reader):
        line = reader.line_num
        cells = [c.strip() for c in cells]
        if not any(cells):
            continue
        folded = [c.casefold() for c in cells]
        if index == 0 and {"measurable", "week", "value"} <= set(folded):
            columns = (folded.index("measurable"), folded.index("week"), folded.index("value"))
            continue
        if index == 0 and len(cells) == 3 and looks_like_header(cells, env.today):
            continue  # a header with other names ("metric,date,number"): neither a week nor a number
        if len(cells) < 3 or len(cells) > max(3, max(columns) + 1):
            bad.append(f"line {line}: expected 3 columns (measurable, week, value), found {len(cells)}")
            continue
        try:
            m = db.measurables.lookup(cells[columns[0]])
            check_enterable(m, by_id)
            week = week_monday(parse_date(cells[columns[1]], env.today))
            value = parse_number(cells[columns[2]], "value")
        except (StoreError, InputError, DateError) as exc:
            bad.append(f"line {line}: {exc}")
            continue
        key = (m.id, week)
        if key in seen:
            bad.append(f"line {line}: {m.name} for the week of {week.isoformat()} is already on line {seen[key]}")
            continue
        seen[key] = line
        good.append(CsvRow(line, m, week, value))
    return good, bad


def looks_like_header(cells: Sequence[str], today: date) -> bool:
    try:
        parse_date(cells[1], today)
        return False
    except DateError:
        pass
    try:
        parse_number(cells[2])
        return False
    except InputError:
        return True


@score.command("import")
@click.argument("csv_file", metavar="FILE.csv", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--skip-bad", is_flag=True, help="Import the good rows even if some are bad.")
@json_option
@pass_env
def score_import(env: Env, csv_file: Path, skip_bad: bool, as_json: bool) -> None:
    """Import weekly numbers from a CSV (columns: measurable, week, value; header optional)."""
    try:
        text = csv_file.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"no such file: {csv_file}") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{csv_file} is not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise InputError(f"cannot read {csv_file}: {exc.strerror}") from None
    import csv

    db = env.db()
    try:
        good, bad = read_score_csv(env, db, text)
    except csv.Error as exc:
        raise InputError(f"{csv_file} is not a readable CSV: {exc}") from None
    if bad and not skip_bad:
        shown = "; ".join(bad[:5]) + (f"; and {len(bad) - 5} more" if len(bad) > 5 else "")
        raise InputError(f"{len(bad)} bad row{'s' if len(bad) != 1 else ''} in {csv_file}, nothing imported: {shown}")
    if not good and not bad:
        raise InputError(f"{csv_file} has no rows")
    before = db.scores.grid({r.week for r in good})
    with db.transaction():
        saved = [db.scores.set(r.measurable.id, r.week, r.value) for r in good]
    new = sum(1 for r in good if (r.measurable.id, r.week) not in before)
    changed = sum(
        1 for r in good if (r.measurable.id, r.week) in before and before[(r.measurable.id, r.week)] != r.value
    )
    if as_json:
        emit_json(
            {
                "imported": len(good),
                "new": new,
                "changed": changed,
                "skipped": bad,
                "scores": [to_dict(s) for s in saved],
            }
        )
        return
    click.echo(f"Imported {len(good)} score{'s' if len(good) != 1 else ''} ({new} new, {changed} changed)")
    if bad:
        click.echo(f"Skipped {len(bad)} bad row{'s' if len(bad) != 1 else ''}:")
        for reason in bad:
            click.echo(f"  {reason}")


@score.command("show")
@click.option("--weeks", type=click.IntRange(1, 520), default=13, show_default=True, help="How many weeks.")
@click.option("--team", "team_name", metavar="TEAM", help="Only this team's measurables.")
@json_option
@pass_env
def score_show(env: Env, weeks: int, team_name: str | None, as_json: bool) -> None:
    """The scorecard: each measurable over the last weeks, ✓ on track, ✗ off, · missing."""
    db = env.db()
    items = db.measurables.for_team(db.teams.lookup(team_name).id) if team_name else db.measurables.active()
    mondays = weeks_back(env.today, weeks)
    live = weeks <= SCORE_WEEKS_LIVE  # the live file always holds the last 13 weeks; older ones may be archived
    all_scores = db.scores.all() if live else db.scores.history()
    grid = {(s.measurable, s.week): s.value for s in all_scores if s.week >= mondays[0]}
    if as_json:
        wanted = {w.isoformat() for w in mondays}
        ids = {m.id for m in items} | {
            p for m in items if m.formula for p in (m.formula.numerator, m.formula.denominator)
        }
        out_rows = []
        for m in items:
            values = {w.isoformat(): week_values(m, grid, w) for w in mondays}
            status = {w: on_track(v, m.goal, m.op) for w, v in values.items()}
            out_rows.append({"measurable": to_dict(m), "values": values, "status": status})
        scores = [to_dict(s) for s in all_scores if s.measurable in ids and s.week.isoformat() in wanted]
        emit_json({"weeks": [w.isoformat() for w in mondays], "rows": out_rows, "scores": scores})
        return
    if not items:
        click.echo("No measurables yet.")
        return
    names = Names(db)
    headers = ["MEASURABLE", "OWNER", "GOAL", *(w.strftime("%m-%d") for w in mondays)]
    rows = []
    for m in items:
        cells = []
        for w in mondays:
            v = week_values(m, grid, w)
            cells.append(f"{format_number(v, m.unit)} {track_mark(on_track(v, m.goal, m.op))}".strip())
        rows.append([m.name, names.person(m.owner), goal_text(m), *cells])
    click.echo(render_table(headers, rows))


# -- rocks -------------------------------------------------------------------------------------------------------


@main.group()
def rock() -> None:
    """Quarterly rocks: add, list, status."""


def check_quarter(text: str) -> str:
    year, q = parse_quarter(text)
    if not 1900 <= year <= 9999:
        raise DateError(f"not a quarter: {text!r}")
    return f"{year}-Q{q}"


@rock.command("add")
@click.argument("title")
@click.option("--owner", required=True, metavar="PERSON", help="Who owns it.")
@click.option("--quarter", metavar="YYYY-QN", help="The quarter (default: this one).")
@click.option("--team", "team_name", metavar="TEAM", help="Its team (default: the owner's first team).")
@click.option("--due", metavar="DATE", help="Due date (default: the quarter's last day).")
@json_option
@pass_env
def rock_add(
    env: Env, title: str, owner: str, quarter: str | None, team_name: str | None, due: str | None, as_json: bool
) -> None:
    """Add a rock for the quarter."""
    title = clean_text(title, "rock title")
    q = check_quarter(quarter) if quarter else quarter_of(env.today)
    due_day = parse_day(env, due, "--due")
    db = env.db()
    who = db.people.lookup(owner)
    tid = db.teams.lookup(team_name).id if team_name else first_team(who)
    if tid is None:
        raise InputError(f"{who.name} is in no team; give the rock's team with --team")
    new = db.rocks.add(title, owner=who.id, team=tid, quarter=q, due=due_day)
    if as_json:
        emit_json(to_dict(new))
    else:
        click.echo(f"Added rock {new.id} for {who.name}, {q}, due {fmt_date(new.due)}: {new.title}")


def rock_state(r: Rock) -> str:
    if r.final is not None:
        return r.final
    return {"on": "on ✓", "off": "off ✗"}.get(r.status or "", "—")


@rock.command("list")
@click.option("--quarter", metavar="YYYY-QN", help="The quarter (default: this one).")
@click.option("--all", "show_all", is_flag=True, help="Every quarter.")
@click.option("--team", "team_name", metavar="TEAM", help="Only this team's rocks.")
@click.option("--owner", metavar="PERSON", help="Only this person's rocks.")
@json_option
@pass_env
def rock_list(
    env: Env, quarter: str | None, show_all: bool, team_name: str | None, owner: str | None, as_json: bool
) -> None:
    """List the quarter's rocks."""
    q = None if show_all else (check_quarter(quarter) if quarter else quarter_of(env.today))
    db = env.db()
    tid = db.teams.lookup(team_name).id if team_name else None
    who = db.people.lookup(owner).id if owner else None
    rocks = [
        r
        for r in (db.rocks.all() if q == quarter_of(env.today) else db.rocks.history())
        if (q is None or r.quarter == q) and (tid is None or r.team == tid) and (who is None or r.owner == who)
    ]
    rocks.sort(key=lambda r: (r.quarter, r.team, r.owner, r.id))
    if as_json:
        emit_json([to_dict(r) for r in rocks])
        return
    names = Names(db)
    rows = [
        [r.id, r.quarter, names.team(r.team), names.person(r.owner), rock_state(r), fmt_date(r.due), clip(r.title)]
        for r in rocks
    ]
    print_table(
        ["ID", "QUARTER", "TEAM", "OWNER", "STATUS", "DUE", "TITLE"], rows, f"No rocks for {q or 'any quarter'}."
    )


@rock.command("status")
@click.argument("rock_id", metavar="ID")
@click.argument("status", type=click.Choice(["on", "off", "done", "not-done"]))
@pass_env
def rock_status(env: Env, rock_id: str, status: str) -> None:
    """Set this week's status (on/off track) or close it (done/not-done)."""
    db = env.db()
    with db.transaction():
        current = db.rocks.get(rock_id)
        if current.final is not None:
            raise Conflict(f"{current.id} is already closed as {current.final}")
        changed = db.rocks.set_status(current.id, status, env.today)
    click.echo(f"{changed.id} is {rock_state(changed)}: {changed.title}")


# -- history, show, export ---------------------------------------------------------------------------------------


@main.command()
@click.option("--last", type=click.IntRange(1, 100000), default=10, show_default=True, help="How many meetings.")
@click.option("--team", "team_name", metavar="TEAM", help="Only meetings of this team.")
@json_option
@pass_env
def history(env: Env, last: int, team_name: str | None, as_json: bool) -> None:
    """Past meetings: late start, overrun, attendance, rating, to-dos, issues."""
    from l10tui import report

    db = env.db()
    tid = db.teams.lookup(team_name).id if team_name else None
    meetings = [m for m in finished_meetings(db, live_only=True) if tid is None or tid in m.teams][:last]
    if len(meetings) < last:  # not enough in the live file: older meetings are in the yearly archives
        meetings = [m for m in finished_meetings(db) if tid is None or tid in m.teams][:last]
    ctx = report.Lookup.for_meetings(db, meetings)
    rows = report.history_rows(meetings, ctx)
    if as_json:
        emit_json([{**row.to_json(), "record": to_dict(m)} for row, m in zip(rows, meetings, strict=True)])
        return
    print_table(report.HISTORY_HEADERS, [row.cells() for row in rows], "No finished meetings yet.")


def finished_meetings(db: L10Store, *, live_only: bool = False) -> list[Meeting]:
    """Every finished meeting (archived years included unless ``live_only``), newest first."""
    done = [m for m in (db.meetings.all() if live_only else db.meetings.history()) if m.state == "finished"]
    return sorted(done, key=lambda m: m.actual_start or m.created_at, reverse=True)


def find_meeting(db: L10Store, ref: str) -> Meeting:
    if ref.strip().lower() == "latest":
        done = finished_meetings(db, live_only=True) or finished_meetings(db)  # archived ones are all older
        if not done:
            raise NotFound("no finished meeting yet")
        return done[0]
    return db.meetings.get(ref)


@main.command()
@click.argument("meeting_ref", metavar="MEETING")
@json_option
@pass_env
def show(env: Env, meeting_ref: str, as_json: bool) -> None:
    """Show a meeting whole (MEETING is an id like MT-3, or latest)."""
    from l10tui import report

    db = env.db()
    meeting = find_meeting(db, meeting_ref)
    ctx = report.Lookup.for_meetings(db, [meeting])
    if as_json:
        emit_json(report.meeting_json(meeting, ctx))
    else:
        click.echo(report.meeting_markdown(meeting, ctx).rstrip("\n"))


@main.command()
@click.argument("meeting_ref", metavar="MEETING|latest")
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE.")
@pass_env
def export(env: Env, meeting_ref: str, fmt: str, output: Path | None) -> None:
    """Export a meeting as Markdown (to mail around) or JSON."""
    from l10tui import report
    from l10tui.store.atomic import atomic_write

    db = env.db()
    meeting = find_meeting(db, meeting_ref)
    ctx = report.Lookup.for_meetings(db, [meeting])
    if fmt == "md":
        text = report.meeting_markdown(meeting, ctx)
    else:
        text = json.dumps(report.meeting_json(meeting, ctx), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    target = output.expanduser().absolute()
    if not target.parent.is_dir():
        raise InputError(f"cannot write {output}: the directory {target.parent} does not exist")
    try:
        atomic_write(target, text.encode("utf-8"))
    except OSError as exc:
        raise InputError(f"cannot write {output}: {exc.strerror or exc}") from None
    click.echo(f"Wrote {meeting.id} to {output}")


# -- alignment ---------------------------------------------------------------------------------------------------


@main.command()
@click.option("--weeks", type=click.IntRange(1, 1040), default=13, show_default=True, help="The window, in weeks.")
@json_option
@pass_env
def alignment(env: Env, weeks: int, as_json: bool) -> None:
    """The Sales-Marketing numbers: who raises issues about whom, time to solve, hand-offs, ratings, to-dos."""
    from l10tui.domain import alignment as al

    db = env.db()
    result = al.alignment_report(
        teams=db.teams.all(),
        people=db.people.all(),
        issues=db.issues.history(),
        meetings=db.meetings.history(),
        todos=db.todos.history(),
        measurables=db.measurables.all(),
        scores=db.scores.history(),
        today=env.today,
        weeks=weeks,
    )
    if as_json:
        emit_json(result.to_json())
    else:
        click.echo(al.render_text(result))


# -- doctor ------------------------------------------------------------------------------------------------------


@main.command()
@click.option("--restore", "backup", metavar="BACKUP", help="Put this backup back (the damaged file is kept).")
@click.option("--force", is_flag=True, help="Restore even when the store is healthy.")
@json_option
@pass_env
def doctor(env: Env, backup: str | None, force: bool, as_json: bool) -> None:
    """Check the store; say what is wrong and how to restore a backup."""
    from l10tui.store import doctor as doc

    path = env.location.path
    if backup is not None:
        result = doc.restore_backup(path, backup, env.clock.now(), force=force)
        if result.damaged_copy is not None:
            click.echo(f"Kept the previous file as {result.damaged_copy}")
        click.echo(f"Restored {result.backup} to {path}")
        return
    report = doc.check_store(path)
    if as_json:
        emit_json(report.to_json())
    else:
        click.echo(doc.render_text(report))
    if not report.ok:
        fail_line(f"store {path} has {len(report.problems)} problem{'s' if len(report.problems) != 1 else ''}", 1)


if __name__ == "__main__":  # pragma: no cover
    main()


__all__ = ["Env", "L10Group", "ShiftedClock", "main", "make_clock"]

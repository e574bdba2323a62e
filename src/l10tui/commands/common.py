"""What every ``l10`` command shares: the clock, the lazily opened store, output helpers and the error line.

Kept light: the store, the domain's rules and the JSON encoder are imported only when a command needs them, so
that ``l10 --help`` and ``l10 --version`` load none of them.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from l10tui.domain.clock import Clock, SystemClock
from l10tui.domain.text import safe_lines, safe_text, unsafe_at
from l10tui.paths import StoreLocation, resolve_store

if TYPE_CHECKING:
    from l10tui.domain.models import Measurable, Person
    from l10tui.store import L10Store

ENV_TODAY = "L10_TODAY"
ENV_NOW = "L10_NOW"
TITLE_COLUMN = 70
F = TypeVar("F", bound=Callable[..., Any])


# -- the clock ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShiftedClock:
    """The system clock moved by whole days, so that ``today()`` is the day ``L10_TODAY`` names (a testing aid)."""

    days: int
    base: Clock = field(default_factory=SystemClock)
    target: date | None = None  # the day L10_TODAY names: the company's "today", whatever its zone

    def now(self) -> datetime:
        return self.base.now() + timedelta(days=self.days)

    def monotonic(self) -> float:
        return self.base.monotonic()

    def today(self) -> date:
        return self.base.today() + timedelta(days=self.days)


@dataclass(frozen=True)
class StoppedClock:
    """The wall clock stopped at ``L10_NOW`` (an ISO instant; a testing aid like ``L10_TODAY``)."""

    at: datetime
    base: Clock = field(default_factory=SystemClock)

    def now(self) -> datetime:
        return self.at

    def monotonic(self) -> float:
        return self.base.monotonic()

    def today(self) -> date:
        from l10tui.domain.calendar import CompanyCalendar

        return CompanyCalendar.named(None).day(self.at)  # the machine's day, as SystemClock; commands use Env.today


def make_clock(env: Mapping[str, str] | None = None) -> Clock:
    """The one place the CLI gets its clock: the system's, or shifted so "today" is ``L10_TODAY=YYYY-MM-DD``,
    or stopped at the instant ``L10_NOW=2026-11-23T09:00:00+00:00`` names."""
    env = os.environ if env is None else env
    base = SystemClock()
    stopped = env.get(ENV_NOW, "").strip()
    if stopped:
        from l10tui.domain.clock import parse_iso

        try:
            return StoppedClock(parse_iso(stopped.replace("Z", "+00:00")), base)
        except ValueError:
            from l10tui.domain.rules import InputError

            raise InputError(f"{ENV_NOW}={stopped[:40]!r} is not an instant like 2026-11-23T09:00:00+00:00") from None
    text = env.get(ENV_TODAY, "").strip()
    if not text:
        return base
    try:
        fixed = date.fromisoformat(text)
    except ValueError:
        from l10tui.domain.rules import InputError

        raise InputError(f"{ENV_TODAY}={text[:40]!r} is not a date like 2026-11-23") from None
    return ShiftedClock((fixed - base.today()).days, base, fixed)


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
        """The company's day (the store's zone; the machine's when it names none), or the day L10_TODAY names."""
        clock = self.clock
        if isinstance(clock, ShiftedClock) and clock.target is not None:
            return clock.target
        return self.db().today()

    @property
    def location(self) -> StoreLocation:
        if self.db_option is not None and not self.db_option.strip():
            from l10tui.domain.rules import InputError

            raise InputError("--db is empty; give the store file's path")
        return resolve_store(self.db_option)

    def db(self) -> L10Store:
        if self._db is None:
            from l10tui.store import open_store

            loc = self.location
            self._db = open_store(loc.path, self.clock, create_dirs=not loc.explicit)
            self._db.daily_backup = True
            for notice in self._db.notices:  # e.g. the archive manifest built for an older store
                say(notice, err=True)
        return self._db


pass_env = click.make_pass_decorator(Env)


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON with every record's full fields.")(func)


# -- errors ------------------------------------------------------------------------------------------------------


def say(text: object = "", *, err: bool = False, nl: bool = True) -> None:
    """Print a line (or lines) that may hold store text: every control, bidi and invisible character made harmless.

    Every command prints through this (or :func:`emit_json`), so that a title written straight into a shared or
    synced store cannot retitle, clear or recolour the terminal of whoever lists it.
    """
    click.echo(safe_lines(text), err=err, nl=nl)


def fail_line(message: str, code: int) -> NoReturn:
    text = " ".join(safe_text(str(message)).split()) or "failed"
    click.echo(f"l10: error: {text}", err=True)
    sys.exit(code)


def known_errors() -> tuple[type[BaseException], ...]:
    """The refusals a command raises on purpose (reported as their own message, exit 1).

    A function, not a constant, so that catching them imports nothing until an error is actually being matched.
    """
    from l10tui.domain.dates import DateError
    from l10tui.domain.records import RecordError
    from l10tui.domain.rules import InputError
    from l10tui.store.errors import StoreError

    return (StoreError, InputError, DateError, RecordError)


# -- output helpers ----------------------------------------------------------------------------------------------


# The --json contract (docs/JSON.md): a field holding an id (or a list of ids) of a team, person or measurable is
# followed by the same key with ``_name`` (``_names``) holding what it refers to.
REF_FIELDS = ("team", "owner", "raised_by", "raised_by_team", "measurable", "person", "created_by", "by")
REF_LISTS = ("teams",)


def record_json(obj: Any, names: Names) -> dict[str, Any]:
    """A record as the --json contract shows it: every stored field, its id, and the names of what it refers to."""
    from l10tui.domain.records import to_dict

    out = to_dict(obj)
    for key in REF_FIELDS:
        if key in out and isinstance(out[key], str | None):
            out[f"{key}_name"] = names.of(out[key])
    for key in REF_LISTS:
        if isinstance(out.get(key), list):
            out[f"{key}_names"] = [names.of(x) or x for x in out[key]]
    return out


def with_names(value: Any, names: Names) -> Any:
    """Any JSON value with the contract's ``_name`` keys added to every stored record found in it (a dict with an
    ``id`` and a ``created_at``): for reports that nest records, such as a meeting's."""
    if isinstance(value, list):
        return [with_names(v, names) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: with_names(v, names) for k, v in value.items()}
    if "id" in value and "created_at" in value:
        for key in REF_FIELDS:
            if key in out and isinstance(out[key], str | None) and f"{key}_name" not in out:
                out[f"{key}_name"] = names.of(out[key])
        for key in REF_LISTS:
            if isinstance(out.get(key), list) and f"{key}_names" not in out:
                out[f"{key}_names"] = [names.of(x) or x for x in out[key]]
    return out


def emit_records(db: L10Store, objs: Any) -> None:
    """Print one record (or a list of them) under the --json contract."""
    names = Names(db)
    if isinstance(objs, list):
        emit_json([record_json(o, names) for o in objs])
    else:
        emit_json(record_json(objs, names))


def answer(db: L10Store, record: Any, as_json: bool, line: str | Callable[[], str]) -> None:
    """What a command that changed ``record`` prints: the record under the --json contract, or the one line that
    says what changed (``line`` may be a function, then called only when the line is printed)."""
    if as_json:
        emit_records(db, record)
    else:
        say(line if isinstance(line, str) else line())


def json_text(obj: Any) -> str:
    """JSON for scripts: the data as stored, but every character a terminal would act on (controls, bidi, invisible)
    written as a ``\\uXXXX`` escape, so it is still the same JSON value once parsed."""
    import json

    text = json.dumps(obj, ensure_ascii=False, indent=2)
    if unsafe_at(text, multiline=True) is None:
        return text
    return "".join(json.dumps(ch)[1:-1] if ch != "\n" and unsafe_at(ch) is not None else ch for ch in text)


def emit_json(obj: Any) -> None:
    click.echo(json_text(obj))


def cell_width(text: str) -> int:
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def clip(text: str, limit: int = TITLE_COLUMN) -> str:
    text = " ".join(safe_text(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    headers = [safe_text(h) for h in headers]  # made printable first: the widths are those of what is printed
    rows = [[safe_text(c) for c in row] for row in rows]
    widths = [cell_width(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], cell_width(cell))

    def line(cells: Sequence[str]) -> str:
        parts = [c + " " * (widths[i] - cell_width(c)) for i, c in enumerate(cells)]
        return "  ".join(parts).rstrip()

    return "\n".join([line(headers), *(line(r) for r in rows)])


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]], empty: str) -> None:
    say(render_table(headers, rows) if rows else empty)


class Names:
    """Id -> name for teams and people (an unknown id shows as itself)."""

    def __init__(self, db: L10Store) -> None:
        self.teams = {t.id: t.name for t in db.teams.all()}
        self.people = {p.id: p.name for p in db.people.all()}
        self.measurables = {m.id: m.name for m in db.measurables.all()}

    def of(self, ref: str | None) -> str | None:
        """The name an id refers to (a team, person or measurable), None for an empty or unknown one."""
        if not ref:
            return None
        return self.teams.get(ref) or self.people.get(ref) or self.measurables.get(ref)

    def team(self, team_id: str | None) -> str:
        return "" if not team_id else self.teams.get(team_id, team_id)

    def person(self, person_id: str | None) -> str:
        return "" if not person_id else self.people.get(person_id, person_id)

    def team_list(self, ids: Iterable[str]) -> str:
        return ", ".join(self.team(t) for t in ids)


def fmt_date(day: date | None) -> str:
    return day.isoformat() if day else ""


def goal_text(m: Measurable) -> str:
    from l10tui.domain.goals import measurable_goal

    return measurable_goal(m)


def formula_text(m: Measurable, by_id: Mapping[str, Measurable]) -> str:
    if m.formula is None:
        return ""
    num = by_id.get(m.formula.numerator)
    den = by_id.get(m.formula.denominator)
    text = f"{num.name if num else m.formula.numerator} / {den.name if den else m.formula.denominator}"
    return text + (" %" if m.formula.percent else "")


def track_mark(track: str) -> str:
    from l10tui.domain.rules import TRACK_SYMBOL

    return TRACK_SYMBOL[track]


def first_team(person: Person) -> str | None:
    from l10tui.domain.rules import team_of_person

    return team_of_person(person)


def parse_day(env: Env, text: str | None, what: str, *, past: bool = False) -> date | None:
    """A date option; ``past`` for dates that already happened (a score's week), else it looks forward (due)."""
    if text is None:
        return None
    from l10tui.domain.dates import DateError, parse_date

    try:
        return parse_date(text, env.today, past=past)
    except DateError as exc:
        raise DateError(f"{what}: {exc}") from None

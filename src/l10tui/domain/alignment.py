"""The Sales-Marketing numbers (DESIGN.md, L10-RULES.md "The Sales-vs-Marketing layer"), as pure functions.

Over a window of weeks ending with the current one:

* who raises issues about whom: a matrix of raised-by team x owning team (issues created in the window), and the
  cross-team count per week, to see whether the finger-pointing is shrinking;
* how fast each owning team's issues get solved: median and mean days from created to solved (issues solved in
  the window), and how many are open now;
* shared measurables (on two or more teams) and hand-off measurables (derived from two others), week by week;
* the average meeting rating per team (ratings are per person; a person counts in every team they belong to);
* to-do completion per team (reviews in the window's meetings; a to-do counts for its owner's teams).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from .calendar import CompanyCalendar
from .dates import week_monday, weeks_back
from .models import Issue, Measurable, Meeting, Person, Score, Team, Todo
from .rules import format_number, on_track, week_values
from .trends import meeting_day

SIDE_BY_SIDE_WEEKS = 6  # columns of weekly values in the text report
UNKNOWN = "?"  # the raised-by "team" of an issue nobody said who raised


@dataclass(frozen=True)
class Window:
    """Whole ISO weeks: ``start`` is a Monday, ``end`` the Sunday of the current week (both included)."""

    start: date
    end: date
    calendar: CompanyCalendar | None = None

    @property
    def weeks(self) -> list[date]:
        n = (self.end - self.start).days // 7 + 1
        return [self.start + timedelta(weeks=i) for i in range(n)]

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end

    def day(self, instant: datetime) -> date:
        """The company's day of an instant (the machine's zone when the window was made without a calendar)."""
        return (self.calendar or CompanyCalendar.named(None)).day(instant)


def window_for(today: date, weeks: int, calendar: CompanyCalendar | None = None) -> Window:
    if weeks < 1:
        raise ValueError("a window is at least one week")
    mondays = weeks_back(today, weeks)
    return Window(mondays[0], week_monday(today) + timedelta(days=6), calendar or CompanyCalendar.named(None))


# -- issues -------------------------------------------------------------------------------------------------------


def raised_matrix(issues: Iterable[Issue], window: Window) -> dict[str, dict[str, int]]:
    """{raised-by team id (or "?"): {owning team id: number of issues created in the window}}."""
    out: dict[str, dict[str, int]] = {}
    for issue in issues:
        if not window.holds(window.day(issue.created_at)):
            continue
        row = out.setdefault(issue.raised_by_team or UNKNOWN, {})
        row[issue.team] = row.get(issue.team, 0) + 1
    return out


def is_cross_team(issue: Issue) -> bool:
    """Raised by one team about another."""
    return issue.raised_by_team is not None and issue.raised_by_team != issue.team


def cross_team_by_week(issues: Iterable[Issue], window: Window) -> list[tuple[date, int]]:
    """How many issues were raised by one team about another, each week of the window (oldest first)."""
    counts = dict.fromkeys(window.weeks, 0)
    for issue in issues:
        day = window.day(issue.created_at)
        if is_cross_team(issue) and window.holds(day):
            counts[week_monday(day)] += 1
    return sorted(counts.items())


def trend_word(series: Sequence[int]) -> str:
    """Compare the first and the second half of a weekly series: shrinking, growing or steady."""
    if len(series) < 2:
        return "steady"
    half = len(series) // 2
    first, second = sum(series[:half]) / half, sum(series[-half:]) / half
    if second < first:
        return "shrinking"
    if second > first:
        return "growing"
    return "steady"


@dataclass(frozen=True)
class SolveStats:
    solved: int
    median_days: float | None
    mean_days: float | None
    open_now: int


def solve_days(issue: Issue) -> float | None:
    if issue.status != "solved" or issue.ended_at is None:
        return None
    return max(0.0, (issue.ended_at - issue.created_at).total_seconds() / 86400)


def solve_stats(issues: Iterable[Issue], window: Window) -> dict[str, SolveStats]:
    """Per owning team: issues solved in the window, median/mean days to solve them, and issues open now."""
    days: dict[str, list[float]] = {}
    open_now: dict[str, int] = {}
    for issue in issues:
        if issue.status == "open":
            open_now[issue.team] = open_now.get(issue.team, 0) + 1
        d = solve_days(issue)
        if d is not None and issue.ended_at is not None and window.holds(window.day(issue.ended_at)):
            days.setdefault(issue.team, []).append(d)
    out: dict[str, SolveStats] = {}
    for team in sorted(set(days) | set(open_now)):
        ds = days.get(team, [])
        out[team] = SolveStats(
            solved=len(ds),
            median_days=round(statistics.median(ds), 1) if ds else None,
            mean_days=round(statistics.fmean(ds), 1) if ds else None,
            open_now=open_now.get(team, 0),
        )
    return out


# -- people: ratings and to-dos -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RateStats:
    value: float | None
    count: int


def _meeting_day(m: Meeting, window: Window) -> date:
    return meeting_day(m, window.calendar)


def meetings_in(meetings: Iterable[Meeting], window: Window) -> list[Meeting]:
    """Finished meetings held in the window."""
    return [m for m in meetings if m.state == "finished" and window.holds(_meeting_day(m, window))]


def ratings_by_team(meetings: Iterable[Meeting], people: Iterable[Person], window: Window) -> dict[str, RateStats]:
    """Average 1-10 rating per team over the window's meetings (each rating counts for each team of its person)."""
    teams_of = {p.id: p.teams for p in people}
    scores: dict[str, list[int]] = {}
    for m in meetings_in(meetings, window):
        for r in m.ratings:
            if r.absent or r.score is None:
                continue
            for team in teams_of.get(r.person, []):
                scores.setdefault(team, []).append(r.score)
    return {
        team: RateStats(round(statistics.fmean(vals), 2), len(vals)) for team, vals in sorted(scores.items()) if vals
    }


@dataclass(frozen=True)
class TodoStats:
    done: int
    reviewed: int

    @property
    def rate(self) -> float | None:
        return None if self.reviewed == 0 else round(self.done / self.reviewed, 3)


def todos_by_team(
    todos: Iterable[Todo], people: Iterable[Person], meetings: Iterable[Meeting], window: Window
) -> dict[str, TodoStats]:
    """To-dos reviewed done / reviewed, per team of their owner, in the window's meetings."""
    teams_of = {p.id: p.teams for p in people}
    in_window = {m.id for m in meetings_in(meetings, window)}
    done: dict[str, int] = {}
    total: dict[str, int] = {}
    for todo in todos:
        teams = teams_of.get(todo.owner) or ([todo.team] if todo.team else [])
        for review in todo.reviews:
            if review.meeting not in in_window:
                continue
            for team in teams:
                total[team] = total.get(team, 0) + 1
                done[team] = done.get(team, 0) + int(review.done)
    return {team: TodoStats(done.get(team, 0), n) for team, n in sorted(total.items())}


# -- measurables --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    measurable: Measurable
    values: list[tuple[date, float | None]]

    @property
    def on(self) -> int:
        return sum(1 for _, v in self.values if on_track(v, self.measurable.goal, self.measurable.op) == "on")

    @property
    def off(self) -> int:
        return sum(1 for _, v in self.values if on_track(v, self.measurable.goal, self.measurable.op) == "off")

    @property
    def missing(self) -> int:
        return sum(1 for _, v in self.values if v is None)


def series(measurables: Iterable[Measurable], scores: Iterable[Score], window: Window) -> list[Series]:
    weeks = window.weeks
    grid = {(s.measurable, s.week): s.value for s in scores if window.holds(s.week)}
    return [Series(m, [(w, week_values(m, grid, w)) for w in weeks]) for m in measurables]


def shared_measurables(measurables: Iterable[Measurable]) -> list[Measurable]:
    """Measurables two or more teams answer for."""
    return [m for m in measurables if m.active and len(m.teams) > 1]


def handoff_measurables(measurables: Iterable[Measurable]) -> list[Measurable]:
    """Measurables derived from two others (e.g. SQL / MQL): the hand-off measured, not argued about."""
    return [m for m in measurables if m.active and m.formula is not None]


# -- the whole report ---------------------------------------------------------------------------------------------


@dataclass
class AlignmentReport:
    window: Window
    team_names: dict[str, str]
    matrix: dict[str, dict[str, int]]
    cross_by_week: list[tuple[date, int]]
    solving: dict[str, SolveStats]
    ratings: dict[str, RateStats]
    todos: dict[str, TodoStats]
    shared: list[Series]
    handoff: list[Series]
    person_names: dict[str, str] = field(default_factory=dict)
    meetings: list[tuple[str, date]] = field(default_factory=list)  # the window's finished meetings and their day

    @property
    def trend(self) -> str:
        return trend_word([n for _, n in self.cross_by_week])

    def name(self, team: str) -> str:
        return "(not said)" if team == UNKNOWN else self.team_names.get(team, team)

    def team_order(self) -> list[str]:
        """Every team that appears anywhere, by name."""
        ids = set(self.team_names)
        for raised, row in self.matrix.items():
            ids |= set(row)
            if raised != UNKNOWN:
                ids.add(raised)
        ids |= set(self.solving) | set(self.ratings) | set(self.todos)
        return sorted(ids, key=lambda t: self.name(t).casefold())

    def to_json(self) -> dict[str, Any]:
        order = self.team_order()

        def series_json(s: Series) -> dict[str, Any]:
            m = s.measurable
            out: dict[str, Any] = {
                "id": m.id,
                "name": m.name,
                "owner": m.owner,
                "teams": [self.name(t) for t in m.teams],
                "goal": m.goal,
                "op": m.op,
                "unit": m.unit,
                "values": {w.isoformat(): v for w, v in s.values},
                "on_track": s.on,
                "off_track": s.off,
                "missing": s.missing,
            }
            if m.formula is not None:
                out["numerator"] = m.formula.numerator
                out["denominator"] = m.formula.denominator
                out["percent"] = m.formula.percent
            return out

        return {
            "window": {"start": self.window.start.isoformat(), "end": self.window.end.isoformat()},
            "weeks": len(self.window.weeks),
            "teams": [{"id": t, "name": self.name(t)} for t in order],
            "raised_matrix": {
                self.name(raised): {self.name(owner): n for owner, n in sorted(row.items())}
                for raised, row in sorted(self.matrix.items())
            },
            "cross_team_by_week": {w.isoformat(): n for w, n in self.cross_by_week},
            "cross_team_total": sum(n for _, n in self.cross_by_week),
            "cross_team_trend": self.trend,
            "time_to_solve": {
                self.name(t): {
                    "solved": s.solved,
                    "median_days": s.median_days,
                    "mean_days": s.mean_days,
                    "open_now": s.open_now,
                }
                for t, s in self.solving.items()
            },
            "rating": {self.name(t): {"average": r.value, "ratings": r.count} for t, r in self.ratings.items()},
            "todo_completion": {
                self.name(t): {"done": s.done, "reviewed": s.reviewed, "rate": s.rate} for t, s in self.todos.items()
            },
            "shared_measurables": [series_json(s) for s in self.shared],
            "handoff_measurables": [series_json(s) for s in self.handoff],
            "meetings": [{"meeting": mid, "date": day.isoformat()} for mid, day in self.meetings],
        }


def alignment_report(
    *,
    teams: Sequence[Team],
    people: Sequence[Person],
    issues: Sequence[Issue],
    meetings: Sequence[Meeting],
    todos: Sequence[Todo],
    measurables: Sequence[Measurable],
    scores: Sequence[Score],
    today: date,
    weeks: int = 13,
    calendar: CompanyCalendar | None = None,
) -> AlignmentReport:
    window = window_for(today, weeks, calendar)
    return AlignmentReport(
        window=window,
        team_names={t.id: t.name for t in teams},
        matrix=raised_matrix(issues, window),
        cross_by_week=cross_team_by_week(issues, window),
        solving=solve_stats(issues, window),
        ratings=ratings_by_team(meetings, people, window),
        todos=todos_by_team(todos, people, meetings, window),
        shared=series(shared_measurables(measurables), scores, window),
        handoff=series(handoff_measurables(measurables), scores, window),
        person_names={p.id: p.name for p in people},
        meetings=sorted(((m.id, _meeting_day(m, window)) for m in meetings_in(meetings, window)), key=lambda x: x[1]),
    )


# -- as text ------------------------------------------------------------------------------------------------------


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    fmt = [("  ".join(c.ljust(widths[i]) for i, c in enumerate(cells))).rstrip() for cells in [headers, *rows]]
    return fmt


def _num(value: float | None, suffix: str = "") -> str:
    return "—" if value is None else f"{value:g}{suffix}"


def render_text(r: AlignmentReport) -> str:
    order = r.team_order()
    lines = [
        f"Sales-Marketing alignment, {len(r.window.weeks)} weeks "
        f"({r.window.start.isoformat()} to {r.window.end.isoformat()})",
        "",
        "Who raises issues about whom (rows: raised by; columns: the team that owns the issue)",
    ]
    raisers = [t for t in order if t in r.matrix] + ([UNKNOWN] if UNKNOWN in r.matrix else [])
    owners = [t for t in order if any(t in row for row in r.matrix.values())]
    if raisers and owners:
        rows = [[r.name(a), *(str(r.matrix.get(a, {}).get(b, 0)) for b in owners)] for a in raisers]
        lines += _table(["RAISED BY", *(r.name(b) for b in owners)], rows)
    else:
        lines.append("No issues raised in the window.")
    total = sum(n for _, n in r.cross_by_week)
    weekly = " ".join(str(n) for _, n in r.cross_by_week)
    lines += ["", f"Raised by one team about another: {total} in all; per week: {weekly} ({r.trend})", ""]

    lines.append("Time to solve (issues solved in the window)")
    if r.solving:
        rows = [
            [r.name(t), str(s.solved), _num(s.median_days, " d"), _num(s.mean_days, " d"), str(s.open_now)]
            for t, s in sorted(r.solving.items(), key=lambda kv: r.name(kv[0]).casefold())
        ]
        lines += _table(["TEAM", "SOLVED", "MEDIAN", "MEAN", "OPEN NOW"], rows)
    else:
        lines.append("No issues.")
    lines.append("")

    lines.append("Meetings, per team")
    per_team = [t for t in order if t in r.ratings or t in r.todos]
    if per_team:
        rows = []
        for t in per_team:
            rate = r.ratings.get(t)
            todo = r.todos.get(t)
            rows.append(
                [
                    r.name(t),
                    _num(rate.value) if rate else "—",
                    str(rate.count) if rate else "0",
                    f"{round(todo.rate * 100)}% ({todo.done}/{todo.reviewed})"
                    if todo and todo.rate is not None
                    else "—",
                ]
            )
        lines += _table(["TEAM", "RATING", "RATINGS", "TO-DOS DONE"], rows)
    else:
        lines.append("No finished meetings in the window.")

    shown_weeks = r.window.weeks[-SIDE_BY_SIDE_WEEKS:]
    for title, items in (("Shared measurables", r.shared), ("Hand-off measurables", r.handoff)):
        lines += ["", f"{title} (the last {len(shown_weeks)} weeks side by side; ✓ on track, ✗ off, · missing)"]
        if not items:
            lines.append("None.")
            continue
        rows = []
        for s in items:
            m = s.measurable
            by_week = dict(s.values)
            cells = []
            for w in shown_weeks:
                v = by_week.get(w)
                mark = {"on": "✓", "off": "✗", "missing": "·"}[on_track(v, m.goal, m.op)]
                cells.append(f"{format_number(v, m.unit)} {mark}".strip())
            rows.append(
                [
                    m.name,
                    ", ".join(r.name(t) for t in m.teams),
                    f"{m.op} {format_number(m.goal, m.unit)}",
                    *cells,
                    f"{s.on}/{s.off}/{s.missing}",
                ]
            )
        headers = ["MEASURABLE", "TEAMS", "GOAL", *(w.strftime("%m-%d") for w in shown_weeks), "ON/OFF/MISSING"]
        lines += _table(headers, rows)
    return "\n".join(lines)

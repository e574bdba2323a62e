"""The Sales-Marketing numbers (DESIGN.md, L10-RULES.md "The Sales-vs-Marketing layer"), as pure functions.

Over a window of weeks ending with the current one (domain/alignment_window.py):

* who raises issues about whom and how fast each team solves its issues (domain/alignment_issues.py);
* shared measurables (on two or more teams) and hand-off measurables (derived from two others), week by week;
* the average meeting rating per team (ratings are per person; a person counts in every team they belong to);
* to-do completion per team (reviews in the window's meetings; a to-do counts for its owner's teams);
* the whole report, :func:`alignment_report`. All time is counted from the yearly summaries instead
  (domain/alignment_all.py), equal figure for figure.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from .alignment_issues import (
    ALL_TEAMS,
    UNKNOWN,
    QuarterLine,
    SolveStats,
    blocks,
    cross_team_by_week,
    everyone,
    quarter_line,
    raised_matrix,
    solve_stats,
    trend_word,
)
from .alignment_window import Window, window_for
from .calendar import CompanyCalendar
from .models import Issue, Measurable, Meeting, Person, Score, Team, Todo
from .record_score import record_score
from .rules import on_track, week_values
from .snapshot import has_snapshot
from .trends import meeting_day

SIDE_BY_SIDE_WEEKS = 6  # columns of weekly values in the text report
OverTime = tuple[Window, dict[str, dict[str, int]]]  # a block of weeks and its raised-by x owning matrix

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


def record_by_team(meetings: Iterable[Meeting], window: Window) -> dict[str, RateStats]:
    """The mean record score (domain/record_score.py) per team over the window's meetings: what the record says
    beside what the room rated (a joint meeting counts for each of its teams)."""
    scores: dict[str, list[float]] = {}
    for m in meetings_in(meetings, window):
        value = record_score(m).score
        if value is None:
            continue
        for team in m.teams:
            scores.setdefault(team, []).append(value)
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
    shown = meetings_in(meetings, window)
    in_window = {m.id for m in shown}
    done: dict[str, int] = {}
    total: dict[str, int] = {}
    # A meeting with a snapshot counts every to-do that was due there, reviewed or not (todo_life.py).
    snapped = {m.id for m in shown if has_snapshot(m)}
    for m in shown:
        if m.id not in snapped:
            continue
        for row in m.snapshot.get("todos", []):
            for team in teams_of.get(row.get("owner", "")) or []:
                total[team] = total.get(team, 0) + 1
                done[team] = done.get(team, 0) + int(row.get("outcome") == "done")
    for todo in todos:
        teams = teams_of.get(todo.owner) or ([todo.team] if todo.team else [])
        for review in todo.reviews:
            if review.meeting not in in_window or review.meeting in snapped:
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
        m = self.measurable
        return sum(1 for _, v in self.values if on_track(v, m.goal, m.op, m.goal_high) == "on")

    @property
    def off(self) -> int:
        m = self.measurable
        return sum(1 for _, v in self.values if on_track(v, m.goal, m.op, m.goal_high) == "off")

    @property
    def missing(self) -> int:
        return sum(1 for _, v in self.values if v is None)


def series(measurables: Iterable[Measurable], scores: Iterable[Score], window: Window) -> list[Series]:
    grid = {(s.measurable, s.week): s.value for s in scores if window.holds(s.week)}
    return series_of(measurables, grid, window)


def series_of(
    measurables: Iterable[Measurable], grid: Mapping[tuple[str, date], float], window: Window
) -> list[Series]:
    """Each measurable's value every week of the window (a week's value reads only that week's scores)."""
    weeks = window.weeks
    return [Series(m, [(w, week_values(m, grid, w)) for w in weeks]) for m in measurables]


def needed_measurables(measurables: Iterable[Measurable]) -> set[str]:
    """The ids whose scores the shared and hand-off series read (a derived one reads its two inputs)."""
    out: set[str] = set()
    for m in [*shared_measurables(measurables), *handoff_measurables(measurables)]:
        out.add(m.id)
        if m.formula is not None:
            out |= {m.formula.numerator, m.formula.denominator}
    return out


OVER_TIME_BLOCKS = 8  # the blocks of four weeks "each direction over time" shows at most


def over_time(issues: Sequence[Issue], window: Window, in_every_team: frozenset[str]) -> list[OverTime]:
    """Who raised issues about whom in each of the window's last blocks of four weeks, oldest first."""
    return [(w, raised_matrix(issues, w, in_every_team)) for w in blocks(window)[-OVER_TIME_BLOCKS:]]


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
    dropped: dict[str, dict[str, int]] = field(default_factory=dict)
    quarters: QuarterLine | None = None
    meetings: list[tuple[str, date]] = field(default_factory=list)  # the window's finished meetings and their day
    records: dict[str, RateStats] = field(default_factory=dict)  # the mean record score per team, beside ratings
    over_time: list[OverTime] = field(default_factory=list)  # the last blocks of four weeks (``over_time``)

    @property
    def trend(self) -> str:
        return trend_word([n for _, n in self.cross_by_week])

    @property
    def dropped_cross(self) -> int:
        """Dropped or merged issues that would have counted as raised by one team about another."""
        return sum(n for a, row in self.dropped.items() for b, n in row.items() if a not in (UNKNOWN, ALL_TEAMS, b))

    def name(self, team: str) -> str:
        if team == ALL_TEAMS:
            return "(all teams)"
        return "(not said)" if team == UNKNOWN else self.team_names.get(team, team)

    def team_order(self) -> list[str]:
        """Every team that appears anywhere, by name."""
        ids = set(self.team_names)
        for raised, row in self.matrix.items():
            ids |= set(row)
            if raised not in (UNKNOWN, ALL_TEAMS):
                ids.add(raised)
        ids |= set(self.solving) | set(self.ratings) | set(self.todos)
        return sorted(ids, key=lambda t: self.name(t).casefold())


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
    all_in = everyone(people, teams)
    return AlignmentReport(
        window=window,
        team_names={t.id: t.name for t in teams},
        matrix=raised_matrix(issues, window, all_in),
        cross_by_week=cross_team_by_week(issues, window, all_in),
        solving=solve_stats(issues, window),
        ratings=ratings_by_team(meetings, people, window),
        todos=todos_by_team(todos, people, meetings, window),
        shared=series(shared_measurables(measurables), scores, window),
        handoff=series(handoff_measurables(measurables), scores, window),
        person_names={p.id: p.name for p in people},
        dropped=raised_matrix(issues, window, all_in, dropped=True),
        quarters=quarter_line(issues, today, all_in, window.day),
        meetings=sorted(((m.id, _meeting_day(m, window)) for m in meetings_in(meetings, window)), key=_by_day),
        records=record_by_team(meetings, window),
        over_time=over_time(issues, window, all_in),
    )


def _by_day(item: tuple[str, date]) -> tuple[date, str]:
    return item[1], item[0]  # by day, then id: the same order however the meetings were read

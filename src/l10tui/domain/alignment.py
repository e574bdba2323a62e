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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from .calendar import CompanyCalendar
from .dates import week_monday, weeks_back
from .models import Issue, Measurable, Meeting, Person, Score, Team, Todo
from .record_score import record_score
from .rules import on_track, week_values
from .snapshot import has_snapshot
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


# How blame is counted (docs/ALIGNMENT.md; the app's "?" says the same):
# * a dropped or merged issue (a duplicate, a test, a mistake) is not counted as one team raising an issue about
#   another; it is shown apart, as "dropped";
# * someone who is in every team (the owner, the integrator) raises issues for the whole company, not for the first
#   team they happen to be listed in: their issues count as raised by "all teams", never as cross-team;
# * weeks are grouped in equal blocks of four, counted back from the current week (an older part-block is left out);
# * a trend compares the last four weeks with the four before them: more is "growing", fewer "shrinking", the same
#   "steady" (with fewer than eight weeks, the later half against the earlier). Windows that end this week therefore
#   give the same verdict whatever their length.

TREND_RULE = "the last 4 weeks against the 4 before"
COUNTING_RULES = (
    "How it is counted: dropped and merged issues (duplicates, tests, mistakes) are left out of who raises issues "
    "about whom and shown apart as dropped; someone in every team (the owner) raises for all teams, never for one "
    "side. Weeks are grouped in equal blocks of four ending with this week. Growing or shrinking compares the last "
    "4 weeks with the 4 before them (more = growing, fewer = shrinking, the same = steady), so 13, 26 and 52 weeks "
    "give the same verdict. On/off 6/7 means 6 weeks on track and 7 off in the window (missing weeks not counted)."
)
ALL_TEAMS = "*"  # the raised-by "team" of someone who belongs to every team
NOT_COUNTED: frozenset[str] = frozenset({"dropped", "merged"})
TREND_WEEKS = 4


def counts_as_raised(issue: Issue) -> bool:
    """Dropped and merged issues do not count in who-raises-about-whom (they are shown apart as "dropped")."""
    return issue.status not in NOT_COUNTED


def everyone(people: Iterable[Person], teams: Iterable[Team]) -> frozenset[str]:
    """Ids of the people who belong to every active team (when there are two or more)."""
    team_ids = {t.id for t in teams if t.active}
    if len(team_ids) < 2:
        return frozenset()
    return frozenset(p.id for p in people if team_ids <= set(p.teams))


def raising_team(issue: Issue, in_every_team: frozenset[str] = frozenset()) -> str:
    """The team an issue counts as raised by: "all teams" for someone in every team, "?" when nobody said."""
    if issue.raised_by is not None and issue.raised_by in in_every_team:
        return ALL_TEAMS
    return issue.raised_by_team or UNKNOWN


def raised_matrix(
    issues: Iterable[Issue], window: Window, in_every_team: frozenset[str] = frozenset(), *, dropped: bool = False
) -> dict[str, dict[str, int]]:
    """{raised-by team id (or "?" / "*"): {owning team id: number of issues created in the window}}; dropped and
    merged issues are left out (``dropped=True``: only they are counted)."""
    out: dict[str, dict[str, int]] = {}
    for issue in issues:
        if not window.holds(window.day(issue.created_at)) or counts_as_raised(issue) == dropped:
            continue
        row = out.setdefault(raising_team(issue, in_every_team), {})
        row[issue.team] = row.get(issue.team, 0) + 1
    return out


def is_cross_team(issue: Issue, in_every_team: frozenset[str] = frozenset()) -> bool:
    """Raised by one team about another (and not dropped or merged)."""
    raised = raising_team(issue, in_every_team)
    return counts_as_raised(issue) and raised not in (UNKNOWN, ALL_TEAMS) and raised != issue.team


def cross_team_by_week(
    issues: Iterable[Issue], window: Window, in_every_team: frozenset[str] = frozenset()
) -> list[tuple[date, int]]:
    """How many issues were raised by one team about another, each week of the window (oldest first)."""
    counts = dict.fromkeys(window.weeks, 0)
    for issue in issues:
        day = window.day(issue.created_at)
        if window.holds(day) and is_cross_team(issue, in_every_team):
            counts[week_monday(day)] += 1
    return sorted(counts.items())


def trend_word(series: Sequence[int]) -> str:
    """The one trend rule: the last four weeks against the four before them (see the note above)."""
    if len(series) >= 2 * TREND_WEEKS:
        before, after = series[-2 * TREND_WEEKS : -TREND_WEEKS], series[-TREND_WEEKS:]
    else:
        half = len(series) // 2
        if half == 0:
            return "steady"
        before, after = series[-2 * half : -half], series[-half:]
    if sum(after) < sum(before):
        return "shrinking"
    if sum(after) > sum(before):
        return "growing"
    return "steady"


def blocks(window: Window, size: int = TREND_WEEKS) -> list[Window]:
    """The window in equal blocks of ``size`` weeks, oldest first, ending with the current week; a part-block at
    the old end is left out (so every column counts the same number of weeks)."""
    weeks = window.weeks
    full = len(weeks) // size * size
    kept = weeks[len(weeks) - full :]
    return [Window(kept[i], kept[i + size - 1] + timedelta(days=6)) for i in range(0, full, size)]


@dataclass(frozen=True)
class QuarterLine:
    """Cross-team issues this quarter so far against the same stretch of last quarter, and last quarter whole."""

    this_quarter: str
    this_count: int
    last_quarter: str
    last_same_point: int
    last_count: int

    def text(self) -> str:
        return (
            f"{self.this_quarter} so far: {self.this_count} raised by one team about another; "
            f"{self.last_quarter} at the same point: {self.last_same_point} ({self.last_count} in the whole quarter)"
        )


def quarter_line(
    issues: Iterable[Issue], today: date, in_every_team: frozenset[str], day_of: Callable[[datetime], date]
) -> QuarterLine:
    """``day_of`` turns an instant into the company's day (the window's calendar)."""
    q_start = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    last_start = date(q_start.year - (q_start.month == 1), (q_start.month - 4) % 12 + 1, 1)
    elapsed = today - q_start
    this = last_same = last_all = 0
    for issue in issues:
        if not is_cross_team(issue, in_every_team):
            continue
        day = day_of(issue.created_at)
        if q_start <= day <= today:
            this += 1
        elif last_start <= day < q_start:
            last_all += 1
            last_same += day <= last_start + elapsed
    return QuarterLine(_quarter(q_start), this, _quarter(last_start), last_same, last_all)


def _quarter(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


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
    dropped: dict[str, dict[str, int]] = field(default_factory=dict)
    quarters: QuarterLine | None = None
    meetings: list[tuple[str, date]] = field(default_factory=list)  # the window's finished meetings and their day
    records: dict[str, RateStats] = field(default_factory=dict)  # the mean record score per team, beside ratings

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
        meetings=sorted(((m.id, _meeting_day(m, window)) for m in meetings_in(meetings, window)), key=lambda x: x[1]),
        records=record_by_team(meetings, window),
    )

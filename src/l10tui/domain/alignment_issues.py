"""Who raises issues about whom and how fast each team solves them: the issue half of the Sales-Marketing numbers
(domain/alignment.py builds the whole report).

* a matrix of raised-by team x owning team (issues created in the window), and the cross-team count per week, to
  see whether the finger-pointing is shrinking;
* how fast each owning team's issues get solved: median and mean days from created to solved (issues solved in
  the window), and how many are open now.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .alignment_window import Window
from .dates import week_monday
from .models import Issue, Person, Team

UNKNOWN = "?"  # the raised-by "team" of an issue nobody said who raised


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
    # each block keeps the company calendar (its days are the company's, as the window's)
    return [Window(kept[i], kept[i + size - 1] + timedelta(days=6), window.calendar) for i in range(0, full, size)]


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
    days = (day_of(i.created_at) for i in issues if is_cross_team(i, in_every_team))
    return quarter_from_days(days, today)


def _quarter_start(today: date, back: int = 0) -> date:
    """The first day of ``today``'s quarter (``back=1``: of the quarter before it)."""
    q_start = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    return q_start if not back else date(q_start.year - (q_start.month == 1), (q_start.month - 4) % 12 + 1, 1)


def quarter_from_days(days: Iterable[date], today: date) -> QuarterLine:
    """The quarter line from the company days the cross-team issues were raised (the one count both the windowed
    report and the all-time one from summaries use)."""
    q_start, last_start = _quarter_start(today), _quarter_start(today, 1)
    elapsed = today - q_start
    this = last_same = last_all = 0
    for day in days:
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
    return solve_from_days(days, open_now)


def solve_from_days(days: Mapping[str, list[float]], open_now: Mapping[str, int]) -> dict[str, SolveStats]:
    """Per owning team, from each solved issue's days to solve and the open count (windowed or all time)."""
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

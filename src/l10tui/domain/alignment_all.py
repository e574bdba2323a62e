"""The Sales-Marketing numbers over all time, from the yearly summaries (issue 14).

Each archived year's summary keeps, under ``alignment`` (counted by :func:`alignment_figures`, the one place):

* ``issues``: one row per issue: [id, owning team, raised-by team, raised-by person, status, created day,
  ended day, days to solve (solved only)] (days are the company's);
* ``meetings``: per finished meeting: [day, teams, record score, ratings as [[person, score], ...], the to-dos
  its snapshot shows as [[owner, done], ...] (None: no snapshot)];
* ``owners``: per to-do with reviews, [owner, team] (its reviews are the summary's ``reviews``).

:func:`alignment_all_time` folds the live records (through the same function) and the summaries, newest first, a
record counted once (its newest copy winning, as ``Repo.history`` does), into the :class:`AlignmentReport` that
:func:`~l10tui.domain.alignment.alignment_report` gives over every record for the window from the first week of
history (:func:`first_day`) to this week: equal figure for figure (tests/store/test_alignment_summaries.py).
People and teams are today's (who is in every team, whose rating counts for which team), as in the recount.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from itertools import chain
from typing import Any

from .alignment import (
    OVER_TIME_BLOCKS,
    AlignmentReport,
    RateStats,
    TodoStats,
    handoff_measurables,
    needed_measurables,
    series_of,
    shared_measurables,
)
from .alignment_issues import (
    ALL_TEAMS,
    NOT_COUNTED,
    UNKNOWN,
    blocks,
    everyone,
    quarter_from_days,
    solve_days,
    solve_from_days,
)
from .alignment_window import window_for
from .calendar import CompanyCalendar
from .dates import week_monday
from .models import Issue, Measurable, Meeting, Person, Score, Team, Todo
from .record_score import record_score
from .snapshot import has_snapshot
from .trends import meeting_day

VERSION = 1  # of the ``alignment`` figures; another (or none: a summary written before them) is counted again


def alignment_figures(
    meetings: Iterable[Meeting], todos: Iterable[Todo], issues: Iterable[Issue], calendar: CompanyCalendar | None
) -> dict[str, Any]:
    """The figures of some records (a year's, or the live ones), JSON-ready (see the module's docstring)."""
    cal = calendar or CompanyCalendar.named(None)
    rows = []
    for i in issues:
        ended = cal.day(i.ended_at).isoformat() if i.ended_at is not None else None
        rows.append(
            [
                i.id,
                i.team,
                i.raised_by_team,
                i.raised_by,
                i.status,
                cal.day(i.created_at).isoformat(),
                ended,
                solve_days(i),
            ]
        )
    held: dict[str, list[Any]] = {}
    for m in meetings:
        if m.state != "finished":
            continue
        ratings = [[r.person, r.score] for r in m.ratings if not r.absent and r.score is not None]
        due = None
        if has_snapshot(m):
            due = [
                [str(row.get("owner", "")), int(row.get("outcome") == "done")] for row in m.snapshot.get("todos", [])
            ]
        held[m.id] = [meeting_day(m, cal).isoformat(), list(m.teams), record_score(m).score, ratings, due]
    owners = {t.id: [t.owner, t.team] for t in todos if t.reviews}
    return {"version": VERSION, "issues": rows, "meetings": held, "owners": owners}


def first_day(
    meetings: Iterable[Meeting], issues: Iterable[Issue], scores: Iterable[Score], cal: CompanyCalendar
) -> date | None:
    """The first day of history (a finished meeting, an issue raised or ended, a week's score): all time starts in
    its week."""
    days = chain(
        (meeting_day(m, cal) for m in meetings if m.state == "finished"),
        (cal.day(i.created_at) for i in issues),
        (cal.day(i.ended_at) for i in issues if i.ended_at is not None),
        (s.week for s in scores),
    )
    return min(days, default=None)


def all_time_weeks(first: date | None, today: date) -> int:
    """How many weeks, ending with this one, reach back to ``first``'s."""
    if first is None or first > today:
        return 1
    return (week_monday(today) - week_monday(first)).days // 7 + 1


class _Fold:
    """What the figures add up to, fed one source at a time (newest first), each record's newest copy only."""

    def __init__(self, today: date, in_every_team: frozenset[str], wanted: set[str]) -> None:
        self.today = today
        self.end = week_monday(today) + timedelta(days=6)
        self.recent = week_monday(today) - timedelta(weeks=OVER_TIME_BLOCKS * 4 - 1)  # the blocks' first Monday
        self.last_quarter = _quarter_before(today)
        self.all_in = in_every_team
        self.wanted = wanted
        self.first: date | None = None
        self.seen: set[str] = set()  # ids of issues, meetings and to-dos already counted (newer copies)
        self.matrix: dict[str, dict[str, int]] = {}
        self.dropped: dict[str, dict[str, int]] = {}
        self.cross: dict[date, int] = {}
        self.by_week: dict[tuple[date, str, str], int] = {}  # recent weeks: (Monday, raised by, owner) -> issues
        self.cross_days: list[date] = []  # this quarter's and last quarter's
        self.solve: dict[str, list[float]] = {}
        self.open_now: dict[str, int] = {}
        self.held: list[tuple[str, date]] = []
        self.snapped: set[str] = set()
        self.rated: dict[str, list[int]] = {}  # person -> [sum, count]
        self.records: dict[str, list[float]] = {}
        self.due: dict[str, list[int]] = {}  # owner -> [done, due] (meetings with a snapshot)
        self.reviews: dict[tuple[str, str, str], list[int]] = {}  # (meeting, owner, team) -> [done, reviewed]
        self.grid: dict[tuple[str, date], float] = {}
        self.mondays: dict[str, date] = {}

    def _earliest(self, day: date) -> None:
        if self.first is None or day < self.first:
            self.first = day

    def _new(self, key: str) -> bool:
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def add(
        self, figures: Mapping[str, Any], reviews: Mapping[str, list[list[Any]]], scores: Mapping[str, Any]
    ) -> None:
        for row in figures.get("issues", []):
            if self._new("i" + row[0]):
                self._issue(row)
        for mid, row in figures.get("meetings", {}).items():
            if self._new("m" + mid):
                self._meeting(mid, row)
        owners = figures.get("owners", {})
        for tid, found in reviews.items():
            if not self._new("t" + tid):
                continue
            owner, team = owners.get(tid, ("", None))
            for mid, done in found:
                tally = self.reviews.setdefault((mid, owner, team or ""), [0, 0])
                tally[0] += int(done)
                tally[1] += 1
        for mid, weeks in scores.items():
            if weeks:
                self._earliest(date.fromisoformat(min(weeks)))  # ISO weeks sort as they fall
            if mid not in self.wanted:
                continue  # only the shared and hand-off series (and their inputs) are drawn
            for week, value in weeks.items():
                day = self.mondays.get(week) or self.mondays.setdefault(week, date.fromisoformat(week))
                if (mid, day) not in self.grid:
                    self.grid[(mid, day)] = value

    def _issue(self, row: list[Any]) -> None:
        _, team, raised_team, raised_by, status, created_s, ended_s, days = row
        created = date.fromisoformat(created_s)
        self._earliest(created)
        counted = status not in NOT_COUNTED
        raiser = ALL_TEAMS if raised_by is not None and raised_by in self.all_in else (raised_team or UNKNOWN)
        cross = counted and raiser not in (UNKNOWN, ALL_TEAMS) and raiser != team
        if created <= self.end:
            row_of = (self.matrix if counted else self.dropped).setdefault(raiser, {})
            row_of[team] = row_of.get(team, 0) + 1
            monday = week_monday(created) if cross or created >= self.recent else created
            if cross:
                self.cross[monday] = self.cross.get(monday, 0) + 1
            if counted and monday >= self.recent:
                key = (monday, raiser, team)
                self.by_week[key] = self.by_week.get(key, 0) + 1
        if cross and created >= self.last_quarter:
            self.cross_days.append(created)
        if status == "open":
            self.open_now[team] = self.open_now.get(team, 0) + 1
        ended = date.fromisoformat(ended_s) if ended_s is not None else None
        if ended is not None:
            self._earliest(ended)
        if days is not None and ended is not None and ended <= self.end:
            self.solve.setdefault(team, []).append(days)

    def _meeting(self, mid: str, row: list[Any]) -> None:
        day_s, teams, record, ratings, due = row
        day = date.fromisoformat(day_s)
        self._earliest(day)
        if day > self.end:
            return
        self.held.append((mid, day))
        for person, score in ratings:
            tally = self.rated.setdefault(person, [0, 0])
            tally[0] += score
            tally[1] += 1
        if record is not None:
            for team in teams:
                self.records.setdefault(team, []).append(record)
        if due is not None:
            self.snapped.add(mid)
            for owner, done in due:
                tally = self.due.setdefault(owner, [0, 0])
                tally[0] += done
                tally[1] += 1


def _quarter_before(today: date) -> date:
    start = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    return date(start.year - (start.month == 1), (start.month - 4) % 12 + 1, 1)


def _scores(scores: Iterable[Score]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for s in scores:
        out.setdefault(s.measurable, {})[s.week.isoformat()] = s.value
    return out


def alignment_all_time(
    summaries: Iterable[Mapping[str, Any]],
    *,
    teams: Sequence[Team],
    people: Sequence[Person],
    issues: Sequence[Issue],
    meetings: Sequence[Meeting],
    todos: Sequence[Todo],
    measurables: Sequence[Measurable],
    scores: Sequence[Score],
    today: date,
    calendar: CompanyCalendar | None = None,
) -> AlignmentReport:
    """The report over all time from the live records and the archived years' summaries, newest year first (one
    summary alive at a time); a summary without its ``alignment`` figures of this :data:`VERSION` is refused
    (the store counts such a year again from its records first, store/summaries.py)."""
    from .summary import reviews_of

    cal = calendar or CompanyCalendar.named(None)
    all_in = everyone(people, teams)
    fold = _Fold(today, all_in, needed_measurables(measurables))
    fold.add(alignment_figures(meetings, todos, issues, cal), reviews_of(todos), _scores(scores))
    for s in summaries:
        figures = s.get("alignment")
        if not isinstance(figures, dict) or figures.get("version") != VERSION:
            raise ValueError("a yearly summary without its Sales-Marketing figures")
        fold.add(figures, s.get("reviews", {}), s.get("scores", {}))
    return _report(fold, teams, people, measurables, today, cal)


def _report(
    fold: _Fold,
    teams: Sequence[Team],
    people: Sequence[Person],
    measurables: Sequence[Measurable],
    today: date,
    cal: CompanyCalendar,
) -> AlignmentReport:
    window = window_for(today, all_time_weeks(fold.first, today), cal)
    teams_of = {p.id: p.teams for p in people}
    rated: dict[str, list[int]] = {}
    for person, (total, n) in fold.rated.items():
        for team in teams_of.get(person, []):
            tally = rated.setdefault(team, [0, 0])
            tally[0] += total
            tally[1] += n
    done: dict[str, int] = {}
    due: dict[str, int] = {}

    def count(team: str, d: int, n: int) -> None:
        due[team] = due.get(team, 0) + n
        done[team] = done.get(team, 0) + d

    for owner, (d, n) in fold.due.items():
        for team in teams_of.get(owner) or []:
            count(team, d, n)
    held = {mid for mid, _ in fold.held}
    for (mid, owner, team), (d, n) in fold.reviews.items():
        if mid in held and mid not in fold.snapped:
            for t in teams_of.get(owner) or ([team] if team else []):
                count(t, d, n)
    over = []
    for w in blocks(window)[-OVER_TIME_BLOCKS:]:
        matrix: dict[str, dict[str, int]] = {}
        for (monday, raiser, owner), n in fold.by_week.items():
            if w.holds(monday):
                matrix.setdefault(raiser, {})[owner] = matrix.get(raiser, {}).get(owner, 0) + n
        over.append((w, matrix))
    return AlignmentReport(
        window=window,
        team_names={t.id: t.name for t in teams},
        matrix=fold.matrix,
        cross_by_week=sorted({**dict.fromkeys(window.weeks, 0), **fold.cross}.items()),
        solving=solve_from_days(fold.solve, fold.open_now),
        ratings={team: RateStats(round(s / n, 2), n) for team, (s, n) in sorted(rated.items()) if n},
        todos={team: TodoStats(done.get(team, 0), n) for team, n in sorted(due.items())},
        shared=series_of(shared_measurables(measurables), fold.grid, window),
        handoff=series_of(handoff_measurables(measurables), fold.grid, window),
        person_names={p.id: p.name for p in people},
        dropped=fold.dropped,
        quarters=quarter_from_days(fold.cross_days, today),
        meetings=sorted(fold.held, key=lambda item: (item[1], item[0])),
        records={
            team: RateStats(round(statistics.fmean(vals), 2), len(vals)) for team, vals in sorted(fold.records.items())
        },
        over_time=over,
    )

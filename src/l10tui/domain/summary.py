"""Yearly summaries: what the all-time views need from one archived year, counted once when the year is written.

One function, :func:`year_summary`, turns a year's records into plain JSON-ready figures; :func:`all_time` (the
trends) and :func:`past_meetings` (the every-year history list) read them back with the live records. The all-time trends then add up a few hundred numbers per year instead of
rebuilding thousands of records, and equal the full recount figure for figure (tests/unit/test_summary.py).

The figures (all keyed by ISO week Monday, ``YYYY-MM-DD``, and team id; a joint meeting counts for each team):

* ``points``: one row per finished meeting (the :class:`~l10tui.domain.trends.MeetingPoint` without its to-do
  completion, which depends on to-dos that may close in a later year);
* ``attendance``: per meeting id, [present, expected] (for the all-years history list);
* ``reviews``: per to-do of this year, its reviews as [meeting id, done] (a to-do can close years after the
  meeting that reviewed it; merged by to-do id across years at read, the newest copy winning, as history does);
* ``weeks``: per team and week: meetings held, started / ended on time (and how many known), rating sum and
  count, to-dos due and done, issues solved and the sum of their days to solve;
* ``raised``: per week the issue was created, raised-by team x owning team;
* ``scores``: per measurable and week, the value;
* ``planned``: per meeting id, its planned start (ISO), so a window's "moved" count needs no archived record (a
  summary written before it lacks the key: the reader then reads that year's meetings);
* ``alignment``: what the all-time Sales-Marketing numbers need (domain/alignment_all.py, with its own version: a
  summary without it is counted again from its year's records when that view asks).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from .alignment_all import alignment_figures
from .alignment_issues import UNKNOWN, solve_days
from .calendar import CompanyCalendar
from .dates import week_monday
from .models import Issue, Meeting, Score, Todo
from .trends import MeetingPoint, meeting_points

VERSION = 2

# the order of a point row on disk


def _week(day: date) -> str:
    return week_monday(day).isoformat()


def year_summary(
    meetings: Iterable[Meeting],
    todos: Iterable[Todo],
    issues: Iterable[Issue],
    scores: Iterable[Score],
    calendar: CompanyCalendar | None = None,
) -> dict[str, Any]:
    """The figures of one year's records (see the module's docstring). The only place they are counted.

    Days and weeks are the company's (``calendar``); the zone is kept with the figures, and a summary counted in
    another zone is stale (see ``store/summaries.current``)."""
    cal = calendar or CompanyCalendar.named(None)
    meetings = [m for m in meetings if m.state == "finished"]
    todos = list(todos)
    issues = list(issues)
    attendance = {m.id: [sum(1 for here in m.attendance.values() if here), len(m.attendance)] for m in meetings}
    points = meeting_points(meetings, [], issues, None, cal)  # completion comes from ``reviews``, across years
    reviews = reviews_of(todos)
    weeks: dict[str, dict[str, dict[str, float]]] = {}

    def cell(team: str, week: str) -> dict[str, float]:
        return weeks.setdefault(team, {}).setdefault(week, {})

    def add(c: dict[str, float], key: str, n: float) -> None:
        c[key] = c.get(key, 0) + n

    for p in points:
        for team in p.teams:
            c = cell(team, _week(p.day))
            add(c, "meetings", 1)
            if p.started_on_time is not None:
                add(c, "start_known", 1)
                add(c, "start_on", int(p.started_on_time))
            if p.ended_on_time is not None:
                add(c, "end_known", 1)
                add(c, "end_on", int(p.ended_on_time))
            if p.rating is not None:
                add(c, "rating_sum", p.rating)
                add(c, "rating_n", 1)
    for todo in todos:
        if todo.due is not None and todo.team:
            c = cell(todo.team, _week(todo.due))
            add(c, "todos_due", 1)
            add(c, "todos_done", int(todo.status == "done"))
    raised: dict[str, dict[str, dict[str, int]]] = {}
    for issue in issues:
        row = raised.setdefault(_week(cal.day(issue.created_at)), {}).setdefault(issue.raised_by_team or UNKNOWN, {})
        row[issue.team] = row.get(issue.team, 0) + 1
        days = solve_days(issue)
        if days is not None and issue.ended_at is not None:
            c = cell(issue.team, _week(cal.day(issue.ended_at)))
            add(c, "solved", 1)
            add(c, "solve_days", days)
    by_measurable: dict[str, dict[str, float]] = {}
    for s in scores:
        by_measurable.setdefault(s.measurable, {})[s.week.isoformat()] = s.value
    return {
        "version": VERSION,
        "zone": cal.name,
        "points": [_point_row(p) for p in points],
        "attendance": attendance,
        "reviews": reviews,
        "weeks": weeks,
        "raised": raised,
        "scores": by_measurable,
        "planned": {m.id: m.planned_start.isoformat() for m in meetings if m.planned_start is not None},
        "alignment": alignment_figures(meetings, todos, issues, cal),  # the all-time Sales-Marketing numbers
    }


def _point_row(p: MeetingPoint) -> list[Any]:
    return [
        p.meeting,
        p.day.isoformat(),
        list(p.teams),
        p.rating,
        p.issues_solved,
        p.issues_dropped,
        p.issues_added,
        p.late_s,
        p.over_s,
        p.length_s,
        p.record,  # the 11th: newer than version 2's first rows, which stop at length_s (read as None)
    ]


def reviews_of(todos: Iterable[Todo]) -> dict[str, list[list[Any]]]:
    """The same shape as a summary's ``reviews``, from to-do records (the live ones)."""
    return {t.id: [[r.meeting, int(r.done)] for r in t.reviews] for t in todos if t.reviews}


def tally_reviews(reviews: Mapping[str, list[list[Any]]]) -> dict[str, list[int]]:
    """[done, reviewed] per meeting."""
    out: dict[str, list[int]] = {}
    for rows in reviews.values():
        for mid, done in rows:
            tally = out.setdefault(mid, [0, 0])
            tally[0] += int(done)
            tally[1] += 1
    return out


def all_time(
    summaries: Iterable[Mapping[str, Any]],
    meetings: Iterable[Meeting],
    todos: Iterable[Todo],
    issues: Iterable[Issue],
    scores: Iterable[Score],
    team: str | None = None,
    calendar: CompanyCalendar | None = None,
    *,
    newest_first: bool = False,
) -> tuple[list[MeetingPoint], dict[tuple[str, date], float]]:
    """Every meeting's point (oldest first) and every week's score, from the years' summaries (oldest first, or
    newest first when ``newest_first``) and the live records: what :func:`meeting_points` over every record gives,
    without building the archived records. A record in several places counts once, its newest copy winning (live
    over archive, later year over earlier), as ``Repo.history`` does.

    Newest first, each year's to-do reviews are tallied as they come (a to-do already seen in a newer place is
    skipped), so the years' reviews are never all held at once (the trends screen's peak memory, issue 14)."""
    if not newest_first:
        summaries = list(summaries)[::-1]  # the callers that pass oldest first hold the few summaries anyway
    live = {p.meeting: p for p in meeting_points(meetings, [], issues, None, calendar)}
    tally: dict[str, list[int]] = {}
    seen: set[str] = set()

    def add(reviews: Mapping[str, list[list[Any]]]) -> None:
        for tid, found in reviews.items():
            if tid in seen:
                continue  # a newer copy of this to-do was counted
            seen.add(tid)
            for mid, done in found:
                counts = tally.setdefault(mid, [0, 0])
                counts[0] += int(done)
                counts[1] += 1

    add(reviews_of(todos))
    grid: dict[tuple[str, date], float] = {(sc.measurable, sc.week): sc.value for sc in scores}
    mondays: dict[str, date] = {}  # one date object per week, shared by every measurable's cell
    rows: dict[str, list[Any]] = {}
    for s in summaries:
        for row in s.get("points", []):
            if row[0] not in rows and row[0] not in live and (team is None or team in row[2]):
                rows[row[0]] = row
        add(s.get("reviews", {}))
        for mid, weeks in s.get("scores", {}).items():
            for week, value in weeks.items():
                day = mondays.get(week) or mondays.setdefault(week, date.fromisoformat(week))
                key = (mid, day)
                if key not in grid:
                    grid[key] = value
    seen.clear()

    def completion(mid: str) -> float | None:
        t = tally.get(mid)
        return t[0] / t[1] if t and t[1] else None

    chosen = [_point(row, completion(mid)) for mid, row in rows.items()]
    chosen += [
        replace(p, todo_completion=completion(mid)) for mid, p in live.items() if team is None or team in p.teams
    ]
    chosen.sort(key=lambda p: (p.day, p.meeting))
    return chosen, grid


def _point(row: list[Any], completion: float | None) -> MeetingPoint:
    mid, day, teams, rating, solved, dropped, added, late, over, length = row[:10]
    record = row[10] if len(row) > 10 and isinstance(row[10], int | float) else None
    return MeetingPoint(
        meeting=mid,
        day=date.fromisoformat(day),
        teams=tuple(teams),
        rating=rating,
        todo_completion=completion,
        issues_solved=solved,
        issues_dropped=dropped,
        issues_added=added,
        late_s=late,
        over_s=over,
        length_s=length,
        record=record,
    )


@dataclass(frozen=True)
class PastMeeting:
    """One archived meeting as the all-years history list shows it, from its year's summary."""

    point: MeetingPoint
    present: int
    expected: int
    todos_done: int
    todos_reviewed: int


def past_meetings(
    summaries: Iterable[Mapping[str, Any]], skip: set[str], team: str | None, todos: Iterable[Todo] = ()
) -> list[PastMeeting]:
    """Every archived meeting (not in ``skip``, e.g. the live ones) of ``team``, newest first, from the summaries
    (oldest year first) and the live ``todos`` (reviews summed across years, the newest copy of a to-do winning)."""
    rows: dict[str, list[Any]] = {}
    attendance: dict[str, list[int]] = {}
    reviews: dict[str, list[list[Any]]] = {}
    for s in summaries:
        for row in s.get("points", []):
            rows[row[0]] = row
        attendance.update(s.get("attendance", {}))
        reviews.update(s.get("reviews", {}))
    reviews.update(reviews_of(todos))
    tally = tally_reviews(reviews)
    out = []
    for mid, row in rows.items():
        if mid in skip or (team is not None and team not in row[2]):
            continue
        done, n = tally.get(mid, (0, 0))
        present, expected = attendance.get(mid, (0, 0))
        out.append(PastMeeting(_point(row, done / n if n else None), present, expected, done, n))
    out.sort(key=lambda p: (p.point.day, p.point.meeting), reverse=True)
    return out

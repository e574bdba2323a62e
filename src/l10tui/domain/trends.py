"""Trends over past meetings: one point per finished meeting, summaries over a window of weeks, measurable lines.

Pure functions over records; the TUI's trends screen and any report call them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .calendar import CompanyCalendar
from .dates import week_monday, weeks_back
from .models import Issue, Measurable, Meeting, Todo
from .record_score import record_score
from .rules import completion_rate, meeting_times, on_track, rating_average, week_values
from .snapshot import snapshot_completion

# A meeting that starts or ends within a minute of plan counts as on time.
ON_TIME_GRACE_S = 60.0
PERIODS: tuple[tuple[str, int | None], ...] = (("13 weeks", 13), ("52 weeks", 52), ("all time", None))


@dataclass(frozen=True)
class MeetingPoint:
    """What one finished meeting looked like, for trends and the history table."""

    meeting: str
    day: date
    teams: tuple[str, ...]
    rating: float | None
    todo_completion: float | None
    issues_solved: int
    issues_dropped: int
    issues_added: int
    late_s: float | None
    over_s: float | None
    length_s: float | None
    record: float | None = None  # the record score out of 10 (domain/record_score.py), beside the room's rating

    @property
    def started_on_time(self) -> bool | None:
        return None if self.late_s is None else self.late_s <= ON_TIME_GRACE_S

    @property
    def ended_on_time(self) -> bool | None:
        return None if self.over_s is None else self.over_s <= ON_TIME_GRACE_S


@dataclass(frozen=True)
class Summary:
    meetings: int
    rating: float | None
    todo_completion: float | None
    solved_per_meeting: float | None
    on_time_start: float | None
    on_time_end: float | None
    record: float | None = None  # the mean record score (domain/record_score.py), beside the mean rating


def meeting_instant(meeting: Meeting) -> datetime:
    """When a meeting happened: its actual start, else its planned start, else when it was made."""
    return meeting.actual_start or meeting.planned_start or meeting.created_at


def meeting_day(meeting: Meeting, calendar: CompanyCalendar | None = None) -> date:
    """The company's day of a meeting (the one rule history, show, trends and alignment share)."""
    return (calendar or CompanyCalendar.named(None)).day(meeting_instant(meeting))


def _within(moment: datetime | None, start: datetime | None, end: datetime | None) -> bool:
    return moment is not None and start is not None and end is not None and start <= moment <= end


def issue_outcomes(
    meeting: Meeting, issues: Mapping[str, Issue], discussed_in: Sequence[Issue] | None = None
) -> tuple[int, int]:
    """(solved, dropped) in this meeting: from the discussion outcomes, else from issues ended while it ran.

    ``discussed_in`` is the issues that list this meeting (an index; all ``issues`` are scanned without it).
    """
    solved: set[str] = set()
    dropped: set[str] = set()
    for d in meeting.issues_discussed:
        outcome = d.outcome.strip().lower()
        issue = issues.get(d.issue)
        if not outcome and issue is not None and _within(issue.ended_at, meeting.actual_start, meeting.actual_end):
            outcome = issue.status
        if outcome == "solved":
            solved.add(d.issue)
        elif outcome in ("dropped", "killed"):
            dropped.add(d.issue)
    candidates = issues.values() if discussed_in is None else discussed_in
    for issue in candidates:
        if meeting.id in issue.meetings and _within(issue.ended_at, meeting.actual_start, meeting.actual_end):
            if issue.status == "solved":
                solved.add(issue.id)
            elif issue.status == "dropped":
                dropped.add(issue.id)
    return len(solved), len(dropped - solved)


def _point(
    meeting: Meeting,
    completion: float | None,
    issues: Mapping[str, Issue],
    discussed_in: Sequence[Issue] | None,
    calendar: CompanyCalendar | None = None,
) -> MeetingPoint:
    times = meeting_times(meeting)
    solved, dropped = issue_outcomes(meeting, issues, discussed_in)
    return MeetingPoint(
        meeting=meeting.id,
        day=meeting_day(meeting, calendar),
        teams=tuple(meeting.teams),
        rating=rating_average(meeting.ratings),
        todo_completion=completion,
        issues_solved=solved,
        issues_dropped=dropped,
        issues_added=len(meeting.issues_added),
        late_s=times.late_s,
        over_s=times.over_s,
        length_s=times.length_s,
        record=record_score(meeting).score,
    )


def meeting_point(
    meeting: Meeting, todos: Sequence[Todo], issues: Mapping[str, Issue], calendar: CompanyCalendar | None = None
) -> MeetingPoint:
    snap = snapshot_completion(meeting)  # a meeting's snapshot counts every to-do due, reviewed or not
    return _point(meeting, snap.rate if snap else completion_rate(todos, meeting=meeting.id), issues, None, calendar)


def meeting_points(
    meetings: Iterable[Meeting],
    todos: Iterable[Todo],
    issues: Iterable[Issue],
    team: str | None = None,
    calendar: CompanyCalendar | None = None,
) -> list[MeetingPoint]:
    """One point per finished meeting (of ``team`` when given), oldest first.

    Reviews and discussions are indexed by meeting first, so ten years of history is one pass over each list.
    """
    reviews: dict[str, list[int]] = {}
    for todo in todos:
        for review in todo.reviews:
            tally = reviews.setdefault(review.meeting, [0, 0])
            tally[0] += review.done
            tally[1] += 1
    by_id: dict[str, Issue] = {}
    discussed: dict[str, list[Issue]] = {}
    for issue in issues:
        by_id[issue.id] = issue
        for mid in issue.meetings:
            discussed.setdefault(mid, []).append(issue)
    done = [m for m in meetings if m.state == "finished" and (team is None or team in m.teams)]
    cal = calendar or CompanyCalendar.named(None)
    done.sort(key=lambda m: (meeting_day(m, cal), m.id))
    points = []
    for m in done:
        counts = reviews.get(m.id)
        snap = snapshot_completion(m)  # a meeting's snapshot counts every to-do due, reviewed or not
        completion = snap.rate if snap is not None else counts[0] / counts[1] if counts else None
        points.append(_point(m, completion, by_id, discussed.get(m.id, []), cal))
    return points


def window_start(today: date, weeks: int | None) -> date | None:
    """The first day of the last ``weeks`` ISO weeks (None: all time)."""
    if weeks is None:
        return None
    if weeks < 1:
        raise ValueError("a window is at least one week")
    return week_monday(today) - timedelta(weeks=weeks - 1)


def in_window(points: Iterable[MeetingPoint], today: date, weeks: int | None) -> list[MeetingPoint]:
    start = window_start(today, weeks)
    return [p for p in points if (start is None or p.day >= start) and p.day <= today]


def _mean(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def _rate(flags: Iterable[bool | None]) -> float | None:
    present = [f for f in flags if f is not None]
    return sum(present) / len(present) if present else None


def summarize(points: Sequence[MeetingPoint]) -> Summary:
    return Summary(
        meetings=len(points),
        rating=_mean(p.rating for p in points),
        todo_completion=_mean(p.todo_completion for p in points),
        solved_per_meeting=_mean(float(p.issues_solved) for p in points) if points else None,
        on_time_start=_rate(p.started_on_time for p in points),
        on_time_end=_rate(p.ended_on_time for p in points),
        record=_mean(p.record for p in points),
    )


@dataclass(frozen=True)
class MeasurableLine:
    measurable: str
    weeks: tuple[date, ...]
    values: tuple[float | None, ...]
    on_goal: float | None  # share of entered weeks that met the goal
    entered: int
    latest: float | None
    trend: int  # +1 better, -1 worse, 0 flat/unknown (last entered value vs the one before, in goal's direction)


def measurable_line(
    measurable: Measurable, scores: Mapping[tuple[str, date], float], weeks: Sequence[date]
) -> MeasurableLine:
    values = tuple(week_values(measurable, scores, w) for w in weeks)
    tracks = [on_track(v, measurable.goal, measurable.op, measurable.goal_high) for v in values if v is not None]
    present = [v for v in values if v is not None]
    trend = 0
    if len(present) >= 2 and present[-1] != present[-2]:
        up = present[-1] > present[-2]
        if measurable.op == ">=":
            trend = 1 if up else -1
        elif measurable.op == "<=":
            trend = -1 if up else 1
        else:
            trend = 1 if abs(present[-1] - measurable.goal) < abs(present[-2] - measurable.goal) else -1
    return MeasurableLine(
        measurable=measurable.id,
        weeks=tuple(weeks),
        values=values,
        on_goal=(sum(t == "on" for t in tracks) / len(tracks)) if tracks else None,
        entered=len(present),
        latest=present[-1] if present else None,
        trend=trend,
    )


def line_weeks(today: date, weeks: int | None, first_score: date | None) -> list[date]:
    """The Mondays a measurable line spans: the last ``weeks`` weeks, or from the first score (all time)."""
    if weeks is not None:
        return weeks_back(today, weeks)
    if first_score is None:
        return weeks_back(today, 13)
    n = (week_monday(today) - week_monday(first_score)).days // 7 + 1
    return weeks_back(today, max(n, 1))
